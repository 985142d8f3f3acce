//! BL008: a resource in a Region the catalog prices above the base Region, with no residency declared.

use rust_decimal::Decimal;

use super::{on_demand_call, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Known;
use crate::money;
use crate::pricing::{on_demand_rates, provisioned_hourly_rate, PricedResource};

pub static META: RuleMeta = RuleMeta {
    code: "BL008",
    name: "region-premium",
    severity: Severity::Info,
    summary: "A Region where the model costs more than in the base Region (its own Region row, or GovCloud), with no residency requirement declared",
    doc: include_str!("../../rules/BL008-region-premium.md"),
};

pub struct RegionPremium;

impl Rule for RegionPremium {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        if ctx.config.data_residency.is_some() {
            return;
        }
        let catalog = &ctx.config.catalog;
        let region = r.resource.region.region.as_str();
        let base = catalog.base_region.as_str();
        if region == base {
            return;
        }
        // The model's own rate here against its rate in the base Region: per 1M input tokens for an
        // on-demand call, per model-unit hour for provisioned throughput.
        let (model_id, here, there, estimate, unit) = if let Some(pt) = r.resource.provisioned() {
            let Known::Known(commitment) = &pt.commitment else {
                return;
            };
            let Some(model_id) = r.resource.model.known().and_then(|m| m.model_id()) else {
                return;
            };
            let (Ok(here), Ok(there)) = (
                provisioned_hourly_rate(catalog, model_id, *commitment, region),
                provisioned_hourly_rate(catalog, model_id, *commitment, base),
            ) else {
                return;
            };
            (model_id, here.0, there.0, here.1, "per model-unit hour")
        } else {
            let Some((_, model_id, routing)) = on_demand_call(r) else {
                return;
            };
            let (Ok(here), Ok(there)) = (
                on_demand_rates(catalog, model_id, routing, region),
                on_demand_rates(catalog, model_id, routing, base),
            ) else {
                return;
            };
            (
                model_id,
                here.input,
                there.input,
                here.estimate,
                "per 1M input tokens",
            )
        };
        if there.is_zero() || here <= there {
            return;
        }
        let ratio = here / there;
        let premium = ratio - Decimal::ONE;
        let name = catalog
            .model(model_id)
            .map_or(model_id, |m| m.price.name.as_str());
        let mut d = META.diagnostic(
            r,
            r.resource.span.clone(),
            format!(
                "{name} costs {} {unit} in {region}, {} in {base} ({} more)",
                money::rate(here),
                money::rate(there),
                money::percent(premium.round_dp(4)),
            ),
        );
        d.mark_estimate(estimate);
        if let Some(monthly) = r.cost.monthly_usd {
            d.monthly_impact = Some(monthly - monthly / ratio).filter(|m| !m.is_zero());
        }
        d.help = Some(format!(
            "if nothing requires {region}, {base} costs less; if something does, declare data_residency in .bedrock-lint.toml"
        ));
        out.push(d);
    }
}
