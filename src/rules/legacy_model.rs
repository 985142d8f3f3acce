//! BL012: a model the catalog marks as superseded by a newer model at the same or lower price.

use super::{allowed_routings, model_span, on_demand_call, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Routing;
use crate::money;
use crate::pricing::{on_demand_rates, LifecycleState, PricedResource};

pub static META: RuleMeta = RuleMeta {
    code: "BL012",
    name: "legacy-model",
    severity: Severity::Info,
    summary:
        "A model superseded by a newer one at the same or lower price (names both and their prices)",
    doc: include_str!("../../rules/BL012-legacy-model.md"),
};

pub struct LegacyModel;

impl Rule for LegacyModel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let res = &r.resource;
        let Some((_, model_id, routing)) = on_demand_call(r) else {
            return;
        };
        let catalog = &ctx.config.catalog;
        let region = res.region.region.as_str();
        let Some(old) = catalog.model(model_id) else {
            return;
        };
        // An end-of-life model is BL019's error, not a price comparison.
        if matches!(
            old.price.lifecycle_state(catalog.today),
            LifecycleState::EndOfLife { .. }
        ) {
            return;
        }
        let Some(successor_id) = old.price.superseded_by.as_deref() else {
            return;
        };
        let Some(new) = catalog.model(successor_id) else {
            return;
        };
        let Ok(old_rates) = on_demand_rates(catalog, model_id, routing, region) else {
            return;
        };
        // The successor's cheapest routing the project allows (same geography rules as BL001).
        let residency = ctx.config.data_residency;
        let best = allowed_routings(new.price, new.routing, residency, region, Some(routing))
            .into_iter()
            .filter_map(|rt| {
                on_demand_rates(catalog, successor_id, rt, region)
                    .ok()
                    .map(|rates| (rt, rates))
            })
            .min_by(|a, b| a.1.input.cmp(&b.1.input).then(a.1.output.cmp(&b.1.output)));
        let Some((new_routing, new_rates)) = best else {
            return;
        };
        let cheaper_or_same = !old_rates.input.is_zero()
            && new_rates.input <= old_rates.input
            && new_rates.output.unwrap_or_default() <= old_rates.output.unwrap_or_default();
        if !cheaper_or_same {
            return;
        }
        let price = |input, output: Option<rust_decimal::Decimal>| match output {
            Some(o) => format!("{} / {}", money::rate(input), money::rate(o)),
            None => money::rate(input),
        };
        let mut d = META.diagnostic(
            r,
            model_span(r),
            format!(
                "{} (`{model_id}`, {} per 1M input/output tokens) is superseded by {} at {}{}",
                old.price.name,
                price(old_rates.input, old_rates.output),
                new.price.name,
                price(new_rates.input, new_rates.output),
                match new_routing {
                    Routing::InRegion => String::new(),
                    other => format!(" ({} routing)", routing_word(other)),
                }
            ),
        );
        d.label = Some(format!("superseded by {}", new.price.name));
        d.mark_estimate(old_rates.estimate || new_rates.estimate);
        if let Some(usage) = r.usage() {
            if let (Some(a), Some(b)) = (old_rates.monthly(usage), new_rates.monthly(usage)) {
                d.monthly_impact = Some(a - b).filter(|m| !m.is_zero());
            }
        }
        let replacement = match new_routing {
            Routing::InRegion => successor_id.to_string(),
            Routing::Geo(g) => format!("{}.{successor_id}", g.prefix()),
            Routing::Global => format!("global.{successor_id}"),
        };
        if let Some(model) = r.resource.model.known() {
            d.fix = super::model_fix::rewrite_call(r, model, successor_id, new_routing);
        }
        d.help = Some(format!(
            "test and move to `{replacement}`{}; newer models can differ in behaviour, so evaluate before switching",
            d.monthly_impact.map_or(String::new(), |m| format!(" (saves {}/month at the declared usage)", money::usd(m)))
        ));
        out.push(d);
    }
}

fn routing_word(r: Routing) -> String {
    match r {
        Routing::InRegion => "in-Region".into(),
        Routing::Geo(g) => format!("{} geo", g.prefix()),
        Routing::Global => "global".into(),
    }
}
