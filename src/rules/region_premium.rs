//! BL008: a resource in a Region the catalog prices above the base Region, with no residency declared.

use rust_decimal::Decimal;

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::money;
use crate::pricing::{Confidence, PricedResource};

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
        let (mult, Some(entry)) = catalog.region(region) else {
            return;
        };
        if mult <= Decimal::ONE {
            return;
        }
        let premium = mult - Decimal::ONE;
        let estimate = entry.confidence == Confidence::Estimate;
        let mut d = META.diagnostic(
            r,
            r.resource.span.clone(),
            format!(
                "{} runs in {region}, priced at {mult}× {} rates ({} more){}",
                r.resource.address,
                catalog.base_region,
                money::percent(premium),
                if estimate {
                    " [estimate: third-party price map]"
                } else {
                    ""
                },
            ),
        );
        if let Some(monthly) = r.cost.monthly_usd {
            d.monthly_impact = Some(monthly - monthly / mult);
        }
        d.help = Some(format!(
            "if nothing requires {region}, {} costs less; if something does, declare data_residency in .bedrock-lint.toml",
            catalog.base_region
        ));
        out.push(d);
    }
}
