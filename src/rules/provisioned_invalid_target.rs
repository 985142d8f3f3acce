//! BL015: a provisioned throughput AWS will not create, caught before a costly failed apply.

use super::{model_span, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Commitment, ModelRefKind};
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL015",
    name: "provisioned-invalid-target",
    severity: Severity::Error,
    summary: "Provisioned throughput AWS rejects: an inference profile as target, no contextual variant, >1 MU without commitment, or GovCloud limits",
    doc: include_str!("../../rules/BL015-provisioned-invalid-target.md"),
};

pub struct ProvisionedInvalidTarget;

impl Rule for ProvisionedInvalidTarget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, _ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let res = &r.resource;
        let Some(pt) = res.provisioned() else { return };
        let mut target_problems = Vec::new();
        let mut term_problems = Vec::new();
        let model = res.model.known();
        let is_custom = matches!(
            model.map(|m| &m.kind),
            Some(ModelRefKind::CustomModel { .. })
        );
        match model.map(|m| &m.kind) {
            Some(ModelRefKind::SystemProfile { .. } | ModelRefKind::ApplicationProfileArn) => target_problems.push(
                "its model_arn is an inference profile, and inference profiles do not support provisioned throughput".to_string(),
            ),
            // `amazon.titan-text-express-v1:0:8k`: model ID, minor version, context variant.
            Some(ModelRefKind::Foundation { model_id }) if model_id.matches(':').count() < 2 => target_problems.push(format!(
                "`{model_id}` has no contextual variant: provisioned throughput needs one such as `{model_id}{}:8k` (the model's list in the Bedrock console shows which exist)",
                if model_id.contains(':') { "" } else { ":0" }
            )),
            _ => {}
        }
        let units = pt.model_units.known().copied();
        let commitment = pt.commitment.known().copied();
        if commitment == Some(Commitment::None) {
            if units.is_some_and(|u| u > 1) {
                term_problems.push(format!("{} model units without a commitment: no-commitment throughput is limited to 1 model unit", units.unwrap_or(0)));
            }
            if model.is_some() && !is_custom && target_problems.is_empty() {
                term_problems.push("a base model without commitment_duration: base models need OneMonth or SixMonths (no commitment is for custom models)".to_string());
            }
        }
        if res.region.region.starts_with("us-gov-") {
            if commitment.is_some_and(|c| c != Commitment::None) {
                term_problems.push(
                    "a commitment in GovCloud, where provisioned throughput is no-commitment only"
                        .to_string(),
                );
            }
            if model.is_some() && !is_custom {
                term_problems.push("a base model in GovCloud, where provisioned throughput is for custom models only".to_string());
            }
        }
        if target_problems.is_empty() && term_problems.is_empty() {
            return;
        }
        let span = if target_problems.is_empty() {
            res.span.clone()
        } else {
            model_span(r)
        };
        let problems: Vec<String> = target_problems.into_iter().chain(term_problems).collect();
        let mut d = META.diagnostic(
            r,
            span,
            format!("AWS will reject {}: {}", res.address, problems.join("; ")),
        );
        d.label = Some("fails at apply".into());
        d.help = Some("see https://docs.aws.amazon.com/bedrock/latest/userguide/pt-supported.html for the models, variants and terms provisioned throughput accepts".to_string());
        out.push(d);
    }
}
