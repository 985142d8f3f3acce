//! BL008: a resource in a Region the catalog prices above the base Region, with no residency declared.

use rust_decimal::Decimal;

use super::{on_demand_call, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::money;
use crate::pricing::{on_demand_rates, PricedResource};

pub static META: RuleMeta = RuleMeta {
    code: "BL008",
    name: "region-premium",
    severity: Severity::Info,
    summary: "A Region the catalog prices above the base Region (GovCloud...) with no residency requirement declared",
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
        let Some((_, model_id, routing)) = on_demand_call(r) else {
            return;
        };
        // The model's own rate here against its rate in the base Region, same routing and tier.
        let (Ok(here), Ok(there)) = (
            on_demand_rates(catalog, model_id, routing, region),
            on_demand_rates(catalog, model_id, routing, base),
        ) else {
            return;
        };
        if there.input.is_zero() || here.input <= there.input {
            return;
        }
        let ratio = here.input / there.input;
        let premium = ratio - Decimal::ONE;
        let name = catalog
            .model(model_id)
            .map_or(model_id, |m| m.price.name.as_str());
        let mut d = META.diagnostic(
            r,
            r.resource.span.clone(),
            format!(
                "{name} costs {} per 1M input tokens in {region}, {} in {base} ({} more){}",
                money::rate(here.input),
                money::rate(there.input),
                money::percent(premium.round_dp(4)),
                if here.estimate {
                    " [estimate: third-party or assumed Regional rate]"
                } else {
                    ""
                },
            ),
        );
        d.mark_estimate(here.estimate);
        if let (Some(usage), Some(monthly)) = (r.usage(), r.cost.monthly_usd) {
            if let Some(base_monthly) = there.monthly(usage) {
                d.monthly_impact =
                    Some(monthly - base_monthly).filter(|m| m.is_sign_positive() && !m.is_zero());
            }
        }
        d.help = Some(format!(
            "if nothing requires {region}, {base} costs less; if something does, declare data_residency in .bedrock-lint.toml"
        ));
        out.push(d);
    }
}
