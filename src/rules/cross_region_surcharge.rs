//! BL001: a routing priced above another routing of the same model that data residency allows.

use super::{allowed_routings, model_span, on_demand_call, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Routing;
use crate::money;
use crate::pricing::{call_tier, rates_for, PricedResource};

pub static META: RuleMeta = RuleMeta {
    code: "BL001",
    name: "cross-region-surcharge",
    severity: Severity::Warning,
    summary: "Routing priced above another routing of the same model that data residency allows (geo/in-Region vs global for Claude 4.5+, Nova 2, GPT-5.6)",
    doc: include_str!("../../rules/BL001-cross-region-surcharge.md"),
};

pub struct CrossRegionSurcharge;

impl Rule for CrossRegionSurcharge {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let res = &r.resource;
        let Some((model, model_id, current)) = on_demand_call(r) else {
            return;
        };
        let catalog = &ctx.config.catalog;
        let Some(found) = catalog.model(model_id) else {
            return;
        };
        let region = res.region.region.as_str();
        let residency = ctx.config.data_residency;
        let (tier, _) = call_tier(model_id, r.usage());
        let Ok(cur) = rates_for(catalog, model_id, current, region, tier) else {
            return;
        };
        // The cheapest other routing the project allows, by its actual rates in this Region and tier
        // (Region and routing rows make multipliers alone wrong).
        let Some((best, alt)) =
            allowed_routings(found.price, found.routing, residency, region, Some(current))
                .into_iter()
                .filter(|c| *c != current)
                .filter_map(|c| {
                    rates_for(catalog, model_id, c, region, tier)
                        .ok()
                        .map(|a| (c, a))
                })
                .min_by(|a, b| a.1.input.cmp(&b.1.input).then(a.1.output.cmp(&b.1.output)))
        else {
            return;
        };
        let cheaper = alt.input < cur.input
            && alt.output.unwrap_or_default() <= cur.output.unwrap_or_default();
        if !cheaper || alt.input.is_zero() {
            return;
        }
        let premium = (cur.input / alt.input - rust_decimal::Decimal::ONE).round_dp(4);
        let mut d = META.diagnostic(
            r,
            model_span(r),
            format!(
                "`{}` is called {} at {}; {} routing of {} costs {} — a {} premium for routing",
                model.text,
                routing_phrase(current),
                money::token_prices(cur.input, cur.output),
                routing_name(best),
                found.price.name,
                money::token_prices(alt.input, alt.output),
                money::percent(premium),
            ),
        );
        d.label = Some(format!(
            "{} routing, {} premium",
            routing_name(current),
            money::percent(premium)
        ));
        d.mark_estimate(cur.estimate || alt.estimate);
        if let Some(usage) = r.usage() {
            if let (Some(a), Some(b)) = (cur.monthly(usage), alt.monthly(usage)) {
                d.monthly_impact = Some(a - b);
            }
        }
        let replacement = model
            .with_routing(best)
            .unwrap_or_else(|| format!("{}.{model_id}", routing_name(best)));
        let residency_hint = match residency {
            None => " No `data_residency` is declared; if data must stay in one geography, set `data_residency` in .bedrock-lint.toml and this finding will weigh only the routings it allows.",
            Some(_) => "",
        };
        d.fix = super::model_fix::rewrite_call(r, model, model_id, best);
        d.help = Some(format!(
            "use `{replacement}`{}.{residency_hint}",
            d.monthly_impact.map_or(String::new(), |m| format!(
                ", saving {}/month at the declared usage",
                money::usd(m)
            ))
        ));
        out.push(d);
    }
}

fn routing_name(r: Routing) -> String {
    match r {
        Routing::InRegion => "in-Region".to_string(),
        Routing::Geo(g) => format!("the {} geo", g.prefix()),
        Routing::Global => "global".to_string(),
    }
}

fn routing_phrase(r: Routing) -> String {
    match r {
        Routing::InRegion => "in-Region".to_string(),
        Routing::Geo(g) => format!("through the `{}.` cross-Region profile", g.prefix()),
        Routing::Global => "through the `global.` profile".to_string(),
    }
}
