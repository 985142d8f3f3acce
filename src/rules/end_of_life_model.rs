//! BL019: a call to a model at end of life (an error: the call fails) or in its legacy period with an
//! end-of-life date (a warning with the days left). States and dates come from the catalog's lifecycle
//! table and are judged against today.

use super::{allowed_routings, model_span, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Known, ModelRefKind, Routing};
use crate::pricing::{LifecycleState, PricedResource};

pub static META: RuleMeta = RuleMeta {
    code: "BL019",
    name: "end-of-life-model",
    severity: Severity::Error,
    summary: "A call to an end-of-life model (it fails; names the date and successor), or a legacy model with an end-of-life date (warning, days left)",
    doc: include_str!("../../rules/BL019-end-of-life-model.md"),
};

pub struct EndOfLifeModel;

impl Rule for EndOfLifeModel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let res = &r.resource;
        // A profile defined here carries the finding; the resources that use it do not repeat it.
        if res.via_profile.is_some() {
            return;
        }
        let Known::Known(model) = &res.model else {
            return;
        };
        if matches!(model.kind, ModelRefKind::CustomModel { .. }) {
            return;
        }
        let Some(model_id) = model.model_id() else {
            return;
        };
        let catalog = &ctx.config.catalog;
        let Some(found) = catalog.model(model_id) else {
            return;
        };
        let Some(lifecycle) = &found.price.lifecycle else {
            return;
        };
        let name = &found.price.name;
        let state = found.price.lifecycle_state(catalog.today);
        let successor = lifecycle
            .successor
            .as_deref()
            .and_then(|s| catalog.model(s).map(|m| (s, m)));
        let replacement = successor.map(|(id, m)| {
            // Keep the call's routing where the successor offers it (and the project allows it).
            let routing = model.routing().unwrap_or(Routing::InRegion);
            let allowed = allowed_routings(
                m.price,
                m.routing,
                ctx.config.data_residency,
                &res.region.region,
                Some(routing),
            );
            // Provisioned throughput is bought for a model ID, never a profile.
            let pick = if res.provisioned().is_some() {
                Some(Routing::InRegion)
            } else if allowed.contains(&routing) {
                Some(routing)
            } else {
                allowed.last().copied()
            };
            let pick = pick.unwrap_or(Routing::InRegion);
            (
                m.price.name.as_str(),
                super::model_fix::routed_id(id, pick),
                id,
                pick,
            )
        });
        let source = format!(
            "the catalog's lifecycle is as of {} (AWS model lifecycle){}",
            lifecycle.as_of,
            lifecycle
                .note
                .as_deref()
                .map_or(String::new(), |n| format!(". {n}"))
        );
        let mut d = match state {
            LifecycleState::Active | LifecycleState::Legacy { eol: None } => return,
            LifecycleState::EndOfLife { eol } => {
                let mut d = META.diagnostic(
                    r,
                    model_span(r),
                    format!(
                        "{name} (`{model_id}`) {}: calls to it fail{}",
                        eol.map_or("is end of life".to_string(), |d| format!(
                            "reached end of life on {d}"
                        )),
                        replacement
                            .as_ref()
                            .map_or(String::new(), |(n, ..)| format!("; its successor is {n}")),
                    ),
                );
                d.label = Some("end of life".into());
                d
            }
            LifecycleState::Legacy {
                eol: Some((date, days)),
            } => {
                let mut d = META.diagnostic(
                    r,
                    model_span(r),
                    format!(
                        "{name} (`{model_id}`) is legacy: end of life on {date}, {days} day{} from today ({}){}",
                        if days == 1 { "" } else { "s" },
                        catalog.today,
                        replacement.as_ref().map_or(String::new(), |(n, ..)| format!("; its successor is {n}")),
                    ),
                );
                d.severity = Severity::Warning;
                d.label = Some(format!("end of life in {days} days"));
                d
            }
        };
        if let Some((_, _, id, routing)) = &replacement {
            d.fix = super::model_fix::rewrite_call(r, model, id, *routing);
        }
        d.help = Some(match &replacement {
            Some((_, id, ..)) => format!(
                "move to `{id}` and test it (newer models can differ in behaviour and price); {source}"
            ),
            None => format!(
                "AWS names no successor in the catalog's sources: choose an Active model; {source}"
            ),
        });
        out.push(d);
    }
}
