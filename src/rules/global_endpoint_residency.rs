//! BL002: a `global.` profile where the project declares that data must stay in one geography.

use super::{model_span, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Known, Routing};
use crate::money;
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL002",
    name: "global-endpoint-residency",
    severity: Severity::Error,
    summary: "A global. inference profile where data_residency keeps data in one geography",
    doc: include_str!("../../rules/BL002-global-endpoint-residency.md"),
};

pub struct GlobalEndpointResidency;

impl Rule for GlobalEndpointResidency {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let Some(residency) = ctx.config.data_residency else {
            return;
        };
        // A profile defined here carries the finding (on its copy_from); its users do not repeat it.
        if r.resource.via_profile.is_some() {
            return;
        }
        let Known::Known(model) = &r.resource.model else {
            return;
        };
        if model.routing() != Some(Routing::Global) {
            return;
        }
        let mut d = META.diagnostic(
            r,
            model_span(r),
            format!(
                "`{}` is a global inference profile: requests may be processed in any commercial AWS Region, but .bedrock-lint.toml declares data_residency = \"{residency}\"",
                model.text
            ),
        );
        d.label = Some("global routing".into());
        let geo = Routing::Geo(residency);
        let offered = model
            .model_id()
            .and_then(|id| ctx.config.catalog.model(id))
            .filter(|m| m.routing.multiplier(geo).is_some() && m.price.offers(geo));
        d.help = match (offered, model.with_routing(geo)) {
            (Some(m), Some(id)) => {
                let premium = match (m.routing.multiplier(geo), m.routing.multiplier(Routing::Global)) {
                    (Some(g), Some(global)) if g > global => format!(
                        " (it costs {} more than global: the price of keeping data in {residency})",
                        money::percent(g / global - rust_decimal::Decimal::ONE)
                    ),
                    _ => String::new(),
                };
                Some(format!("use the {residency} geographic profile `{id}`{premium}"))
            }
            _ => Some(format!(
                "use a {residency} geographic profile or an in-Region model ID; if data may leave {residency}, change data_residency"
            )),
        };
        out.push(d);
    }
}
