//! BL018: an on-demand call by the bare ID of a model AWS serves only through an inference profile.

use super::{allowed_routings, model_span, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Known, ModelRefKind, ResourceKind, Routing};
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL018",
    name: "profile-required",
    severity: Severity::Error,
    summary: "On-demand call by the bare ID of a model AWS serves only through an inference profile: it fails at run time",
    doc: include_str!("../../rules/BL018-profile-required.md"),
};

pub struct ProfileRequired;

impl Rule for ProfileRequired {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let res = &r.resource;
        // Callers: references in code and config, agents, knowledge bases. A provisioned throughput names
        // a model differently (BL015); an application profile copying a model is a profile already.
        if !matches!(
            res.kind,
            ResourceKind::ModelReference | ResourceKind::Agent | ResourceKind::KnowledgeBase
        ) {
            return;
        }
        let Known::Known(model) = &res.model else {
            return;
        };
        let ModelRefKind::Foundation { model_id } = &model.kind else {
            return;
        };
        let Some(found) = ctx.config.catalog.model(model_id) else {
            return;
        };
        if !found.price.requires_inference_profile {
            return;
        }
        let region = res.region.region.as_str();
        if found.price.bare_id_regions.iter().any(|r| r == region) {
            return;
        }
        let allowed = allowed_routings(
            found.price,
            found.routing,
            ctx.config.data_residency,
            region,
            Some(Routing::InRegion),
        )
        .into_iter()
        .filter(|r| *r != Routing::InRegion)
        .collect::<Vec<_>>();
        let use_instead: Vec<String> = allowed
            .iter()
            .filter_map(|r| model.with_routing(*r))
            .collect();
        let mut d = META.diagnostic(
            r,
            model_span(r),
            format!(
                "`{}` is called by its bare model ID, but AWS serves {} on demand only through an inference profile: the call fails (\"Invocation of model ID ... with on-demand throughput isn't supported\")",
                model.text, found.price.name
            ),
        );
        d.label = Some("needs an inference profile".into());
        // The first allowed profile is the cheapest (global before geographic).
        d.fix = allowed
            .first()
            .and_then(|to| super::model_fix::rewrite_call(r, model, model_id, *to));
        d.help = Some(match use_instead.as_slice() {
            [] => {
                "use an inference profile of this model that your data residency allows".to_string()
            }
            [only] => format!("use `{only}`"),
            [first, rest @ ..] => format!(
                "use `{first}`{}",
                rest.iter()
                    .map(|r| format!(" or `{r}`"))
                    .collect::<String>()
            ),
        });
        out.push(d);
    }
}
