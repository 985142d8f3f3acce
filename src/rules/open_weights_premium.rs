//! BL009: an open-weights model on on-demand Bedrock that a dedicated provider lists for less.

use rust_decimal::Decimal;

use super::{model_span, on_demand_call, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::money;
use crate::pricing::{on_demand_rates, PricedResource};

pub static META: RuleMeta = RuleMeta {
    code: "BL009",
    name: "open-weights-premium",
    severity: Severity::Info,
    summary: "An open-weights model on on-demand Bedrock that a dedicated provider lists for less (third-party figures)",
    doc: include_str!("../../rules/BL009-open-weights-premium.md"),
};

pub struct OpenWeightsPremium;

impl Rule for OpenWeightsPremium {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let Some((model, model_id, routing)) = on_demand_call(r) else {
            return;
        };
        let catalog = &ctx.config.catalog;
        let Some(found) = catalog.model(model_id) else {
            return;
        };
        if !found.price.open_weights {
            return;
        }
        let Ok(bedrock) = on_demand_rates(catalog, model_id, routing, &r.resource.region.region)
        else {
            return;
        };
        let Some(cheapest) = found
            .price
            .dedicated
            .values()
            .filter(|p| p.input < bedrock.input)
            .min_by_key(|p| p.input)
        else {
            return;
        };
        // Output is compared only where the third-party source gives an output price.
        let output_compared = cheapest.output.zip(bedrock.output);
        let mut d = META.diagnostic(
            r,
            model_span(r),
            format!(
                "`{}` ({}, open weights) costs {} on demand on Bedrock; {} lists the same model at {} [estimate: third-party price, {} as of {}, not AWS's]{}",
                model.text,
                found.price.name,
                money::token_prices(bedrock.input, output_compared.map(|(_, b)| b)),
                cheapest.provider,
                money::token_prices(cheapest.input, output_compared.map(|(c, _)| c)),
                cheapest.provider,
                cheapest.as_of,
                if output_compared.is_none() {
                    "; output prices not compared (the source gives input only)"
                } else {
                    ""
                },
            ),
        );
        d.label = Some(format!("{} lists it for less", cheapest.provider));
        if let Some(usage) = r.usage() {
            let per_million = Decimal::from(1_000_000);
            let input = usage
                .input_tokens_per_month
                .map(|t| (bedrock.input - cheapest.input) * t / per_million);
            let output = match (output_compared, usage.output_tokens_per_month) {
                (Some((c, b)), Some(t)) => Some((b - c) * t / per_million),
                _ => None,
            };
            d.monthly_impact = match (input, output) {
                (Some(i), Some(o)) => Some(i + o),
                (Some(i), None) => Some(i),
                (None, o) => o,
            };
        }
        d.help = Some(format!(
            "the premium buys what Bedrock adds: IAM, VPC endpoints, CloudTrail, guardrails, data staying in your AWS account and one AWS bill; if the workload needs none of that, {} is cheaper{}. Prices from a third party: check {}'s current price list",
            cheapest.provider,
            d.monthly_impact
                .map(|m| format!(" by about {}/month at the declared usage", money::usd(m)))
                .unwrap_or_default(),
            cheapest.provider,
        ));
        out.push(d);
    }
}
