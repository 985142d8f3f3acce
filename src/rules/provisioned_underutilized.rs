//! BL003: provisioned throughput whose declared peak fills too little of its model units' capacity.

use rust_decimal::Decimal;

use super::{billed_hours, Rule, RuleContext, RuleMeta};
use crate::config::DEFAULT_UTILIZATION_THRESHOLD;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Known;
use crate::money;
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL003",
    name: "provisioned-underutilized",
    severity: Severity::Warning,
    summary: "Declared peak usage fills less than the utilization threshold of the provisioned model units",
    doc: include_str!("../../rules/BL003-provisioned-underutilized.md"),
};

pub struct ProvisionedUnderutilized;

impl Rule for ProvisionedUnderutilized {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let Some(pt) = r.resource.provisioned() else {
            return;
        };
        let Known::Known(units) = pt.model_units else {
            return;
        };
        let Some(peak) = r.usage().and_then(|u| u.peak_tokens_per_minute) else {
            return;
        };
        if units == 0 {
            return;
        }
        let span = pt
            .model_units_span
            .clone()
            .unwrap_or_else(|| r.resource.span.clone());
        let key = r
            .usage
            .as_ref()
            .map_or(r.resource.address.as_str(), |(k, _)| k.as_str());
        let catalog_capacity = r
            .resource
            .model
            .known()
            .and_then(|m| m.model_id())
            .and_then(|id| ctx.config.catalog.model(id))
            .and_then(|m| m.price.provisioned.as_ref())
            .and_then(|p| p.tokens_per_minute_per_unit)
            .map(Decimal::from);
        let Some(per_unit) = r
            .usage()
            .and_then(|u| u.tokens_per_minute_per_unit)
            .or(catalog_capacity)
        else {
            let mut d = META.diagnostic(
                r,
                span,
                format!(
                    "utilization of {} cannot be checked: a peak of {} tokens/minute is declared, but one model unit's capacity is unknown (AWS does not publish tokens per minute per model unit)",
                    r.resource.address,
                    money::count(peak)
                ),
            );
            d.severity = Severity::Info;
            d.help = Some(format!(
                "declare the capacity your AWS account team quotes for this model:\n[usage.\"{key}\"]\ntokens_per_minute_per_unit = ..."
            ));
            out.push(d);
            return;
        };
        if per_unit <= Decimal::ZERO {
            return;
        }
        let threshold = ctx
            .config
            .rule_options(META.code)
            .utilization_threshold
            .unwrap_or(DEFAULT_UTILIZATION_THRESHOLD);
        let capacity = per_unit * Decimal::from(units);
        let utilization = peak / capacity;
        if utilization >= threshold {
            return;
        }
        // Units enough for the declared peak (at least one).
        let needed = (peak / per_unit).ceil().max(Decimal::ONE);
        let mut d = META.diagnostic(
            r,
            span,
            format!(
                "declared peak of {} tokens/minute fills {} of {units} model unit{}' capacity ({} tokens/minute); the threshold is {}",
                money::count(peak),
                money::percent(utilization),
                if units == 1 { "" } else { "s" },
                money::count(capacity),
                money::percent(threshold),
            ),
        );
        d.label = Some(format!(
            "{units} model units, {} used at peak",
            money::percent(utilization)
        ));
        d.mark_estimate(r.cost.estimate);
        let spare = Decimal::from(units) - needed;
        if spare > Decimal::ZERO {
            if let (Some(hourly), units_dec) = (r.cost.hourly_usd, Decimal::from(units)) {
                d.monthly_impact = Some(hourly / units_dec * spare * billed_hours(r));
            }
            d.help = Some(format!(
                "set `model_units = {needed}`: the declared peak needs {needed} unit{} at {} tokens/minute each{}",
                if needed == Decimal::ONE { "" } else { "s" },
                money::count(per_unit),
                d.monthly_impact.map_or(String::new(), |m| format!(", saving {}/month", money::usd(m))),
            ));
        } else {
            d.help = Some("one model unit is the minimum: compare with on-demand pricing (see BL004) before keeping it".to_string());
        }
        out.push(d);
    }
}
