//! BL004: provisioned throughput that costs more than the same declared usage on demand.

use rust_decimal::Decimal;

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Known, ModelRefKind, Routing};
use crate::money;
use crate::pricing::{on_demand_rates, PricedResource};

pub static META: RuleMeta = RuleMeta {
    code: "BL004",
    name: "provisioned-below-breakeven",
    severity: Severity::Warning,
    summary: "On-demand pricing of the declared usage costs less than the provisioned throughput",
    doc: include_str!("../../rules/BL004-provisioned-below-breakeven.md"),
};

pub struct ProvisionedBelowBreakeven;

impl Rule for ProvisionedBelowBreakeven {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        if r.resource.provisioned().is_none() {
            return;
        }
        let (Some(pt_monthly), Some(usage)) = (r.cost.monthly_usd, r.usage()) else {
            return;
        };
        let Known::Known(model) = &r.resource.model else {
            return;
        };
        // A custom model is not served at its base model's on-demand price: nothing to compare with.
        if matches!(model.kind, ModelRefKind::CustomModel { .. }) {
            return;
        }
        let Some(model_id) = model.model_id() else {
            return;
        };
        let Ok(rates) = on_demand_rates(
            &ctx.config.catalog,
            model_id,
            Routing::InRegion,
            &r.resource.region.region,
        ) else {
            return;
        };
        let Some(on_demand) = rates.monthly(usage) else {
            return;
        };
        if on_demand >= pt_monthly || on_demand <= Decimal::ZERO {
            return;
        }
        let factor = pt_monthly / on_demand;
        let input = usage.input_tokens_per_month.unwrap_or_default();
        let output = usage.output_tokens_per_month.unwrap_or_default();
        let volume = |t: Decimal, what: &str| {
            (t > Decimal::ZERO).then(|| format!("{} {what}", money::tokens(t)))
        };
        let declared: Vec<String> = [volume(input, "input"), volume(output, "output")]
            .into_iter()
            .flatten()
            .collect();
        let breakeven: Vec<String> = [
            volume(input * factor, "input"),
            volume(output * factor, "output"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut d = META.diagnostic(
            r,
            r.resource.span.clone(),
            format!(
                "{} costs {}/month, but the declared usage ({} tokens/month) would cost {}/month on demand with `{}`; break-even is {} tokens/month ({}× the declared usage)",
                r.resource.address,
                money::usd(pt_monthly),
                declared.join(" + "),
                money::usd(on_demand),
                rates.model_id,
                breakeven.join(" + "),
                factor.round_dp(1).normalize(),
            ),
        );
        d.label = Some(format!(
            "{}/month provisioned vs {}/month on demand",
            money::usd(pt_monthly),
            money::usd(on_demand)
        ));
        d.mark_estimate(r.cost.estimate || rates.estimate);
        d.monthly_impact = Some(pt_monthly - on_demand);
        d.help = Some(format!(
            "call `{}` on demand and remove this provisioned throughput (saves {}/month), or keep it only if usage will reach the break-even volume",
            rates.model_id,
            money::usd(pt_monthly - on_demand)
        ));
        out.push(d);
    }
}
