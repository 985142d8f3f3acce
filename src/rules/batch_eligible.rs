//! BL011: asynchronous work (usage `latency = "batch"`) priced on demand for a model with a batch price.

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Known, Routing};
use crate::money;
use crate::pricing::{call_tier, rates_for, Latency, PricedResource, Tier};

pub static META: RuleMeta = RuleMeta {
    code: "BL011",
    name: "batch-eligible",
    severity: Severity::Info,
    summary: "Usage declared latency = \"batch\" priced on demand, for a model with a batch price",
    doc: include_str!("../../rules/BL011-batch-eligible.md"),
};

pub struct BatchEligible;

impl Rule for BatchEligible {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        if r.resource.provisioned().is_some() {
            return;
        }
        let Some(usage) = r.usage().filter(|u| u.latency == Some(Latency::Batch)) else {
            return;
        };
        let Known::Known(model) = &r.resource.model else {
            return;
        };
        let Some(model_id) = model.model_id() else {
            return;
        };
        let catalog = &ctx.config.catalog;
        let Some(found) = catalog.model(model_id) else {
            return;
        };
        // Traffic already declared on another tier is priced there; only standard on-demand applies.
        let (tier, _) = call_tier(model_id, Some(usage));
        if tier != Tier::Standard {
            return;
        }
        let Some(on_demand) = r.cost.monthly_usd else {
            return;
        };
        let routing = model.routing().unwrap_or(Routing::InRegion);
        let region = r.resource.region.region.as_str();
        let (Ok(standard), Ok(batch_rates)) = (
            rates_for(catalog, model_id, routing, region, Tier::Standard),
            rates_for(catalog, model_id, routing, region, Tier::Batch),
        ) else {
            return;
        };
        let Some(batch) = batch_rates.monthly(usage) else {
            return;
        };
        let batch_input = batch_rates.input;
        let price = standard;
        if batch >= on_demand {
            return;
        }
        let mut d = META.diagnostic(
            r,
            r.resource.model_span.clone().unwrap_or_else(|| r.resource.span.clone()),
            format!(
                "declared as batch work, {} is priced on demand at {}/month; a batch inference job costs {}/month ({} per 1M input tokens instead of {})",
                found.price.name,
                money::usd(on_demand),
                money::usd(batch),
                money::rate(batch_input),
                money::rate(price.input),
            ),
        );
        d.mark_estimate(batch_rates.estimate);
        d.monthly_impact = Some(on_demand - batch);
        d.help = Some("submit the work as a Bedrock batch inference job (CreateModelInvocationJob; aws_bedrock_model_invocation_job in Terraform)".into());
        out.push(d);
    }
}
