//! BL005: a no-commitment provisioned throughput that runs all month where a 1-month term is cheaper.

use rust_decimal::Decimal;

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::{Applicability, Fix};
use crate::model::{Commitment, Known};
use crate::money;
use crate::pricing::{provisioned_hourly_rate, PricedResource, HOURS_PER_MONTH};

pub static META: RuleMeta = RuleMeta {
    code: "BL005",
    name: "provisioned-no-commitment",
    severity: Severity::Warning,
    summary:
        "No-commitment provisioned throughput running all month where the 1-month rate is cheaper",
    doc: include_str!("../../rules/BL005-provisioned-no-commitment.md"),
};

pub struct ProvisionedNoCommitment;

impl Rule for ProvisionedNoCommitment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let Some(pt) = r.resource.provisioned() else {
            return;
        };
        let (Known::Known(units), Known::Known(Commitment::None)) =
            (&pt.model_units, &pt.commitment)
        else {
            return;
        };
        // Declared part-time use is what no-commitment is for.
        if r.usage()
            .and_then(|u| u.hours_per_month)
            .is_some_and(|h| h < HOURS_PER_MONTH)
        {
            return;
        }
        // GovCloud offers provisioned throughput without commitment only: nothing to switch to.
        if r.resource.region.region.starts_with("us-gov-") {
            return;
        }
        let Some(model_id) = r.resource.model.known().and_then(|m| m.model_id()) else {
            return;
        };
        let catalog = &ctx.config.catalog;
        let region = &r.resource.region.region;
        let (Ok((none, none_estimate, _)), Ok((month, month_estimate, _))) = (
            provisioned_hourly_rate(catalog, model_id, Commitment::None, region),
            provisioned_hourly_rate(catalog, model_id, Commitment::OneMonth, region),
        ) else {
            return;
        };
        if month >= none {
            return;
        }
        let saving = (none - month) * Decimal::from(*units) * HOURS_PER_MONTH;
        let mut d = META.diagnostic(
            r,
            r.resource.span.clone(),
            format!(
                "{} has no commitment and runs all month at {}/model-unit-hour; the 1-month rate is {} ({units} unit{} × {} h saves {}/month)",
                r.resource.address,
                money::rate(none),
                money::rate(month),
                if *units == 1 { "" } else { "s" },
                HOURS_PER_MONTH,
                money::usd(saving),
            ),
        );
        d.label = Some("no commitment_duration".to_string());
        d.mark_estimate(none_estimate || month_estimate);
        d.monthly_impact = Some(saving);
        d.help = Some(format!(
            "add `commitment_duration = \"OneMonth\"` if it runs all month (saves {}/month), or declare `hours_per_month` in its [usage] entry if it runs part-time",
            money::usd(saving)
        ));
        d.fix = commitment_fix(r);
        out.push(d);
    }
}

/// `commitment_duration = "OneMonth"` as the first argument of the resource block, indented like the
/// block's arguments, where the block is in a `.tf` file. Unsafe: it commits to paying for a month.
fn commitment_fix(r: &PricedResource) -> Option<Fix> {
    let header = &r.resource.span;
    let text = &header.file.text;
    if !header.path().ends_with(".tf") || !text.get(header.start..)?.starts_with("resource") {
        return None;
    }
    let open = header.start + text[header.start..].find('{')?;
    let line_end = text[open..].find('\n').map_or(text.len(), |i| open + i);
    if !text[open + 1..line_end].trim().is_empty() {
        // A one-line block (`resource "x" "y" { ... }`): no line to add to.
        return None;
    }
    let next_line = text.get(line_end + 1..).unwrap_or("");
    let indent: String = next_line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let indent = if indent.is_empty() {
        "  ".to_string()
    } else {
        indent
    };
    Some(Fix::replace(
        "Add commitment_duration = \"OneMonth\"",
        header.file.span(line_end..line_end),
        format!("\n{indent}commitment_duration = \"OneMonth\""),
        Applicability::Unsafe,
    ))
}
