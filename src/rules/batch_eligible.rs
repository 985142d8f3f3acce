//! BL011: asynchronous work (usage `latency = "batch"`) priced on demand for a model with a batch price.

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Known, Routing};
use crate::money;
use crate::pricing::{Latency, PricedResource};

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
        if r.resource.provisioned.is_some() {
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
        let Some(found) = ctx.config.catalog.model(model_id) else {
            return;
        };
        let Some(price) = &found.price.on_demand else {
            return;
        };
        let Some(batch_input) = price.batch_input else {
            return;
        };
        let Some(on_demand) = r.cost.monthly_usd else {
            return;
        };
        let million = rust_decimal::Decimal::from(1_000_000);
        let (region_mult, _) = ctx.config.catalog.region(&r.resource.region.region);
        let routing_mult = found
            .routing
            .multiplier(model.routing().unwrap_or(Routing::InRegion))
            .unwrap_or(rust_decimal::Decimal::ONE);
        let batch = (usage.input_tokens_per_month.unwrap_or_default() / million * batch_input
            + usage.output_tokens_per_month.unwrap_or_default() / million
                * price.batch_output.unwrap_or_default())
            * region_mult
            * routing_mult;
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
        d.monthly_impact = Some(on_demand - batch);
        d.help = Some("submit the work as a Bedrock batch inference job (CreateModelInvocationJob; aws_bedrock_model_invocation_job in Terraform)".into());
        out.push(d);
    }
}
