//! BL016: an application inference profile without cost-allocation tags (its main purpose).

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::ResourceKind;
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL016",
    name: "untagged-inference-profile",
    severity: Severity::Info,
    summary: "An application inference profile without cost-allocation tags, or without the tag keys config requires",
    doc: include_str!("../../rules/BL016-untagged-inference-profile.md"),
};

pub struct UntaggedInferenceProfile;

impl Rule for UntaggedInferenceProfile {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        if r.resource.kind != ResourceKind::ApplicationInferenceProfile {
            return;
        }
        let required = ctx
            .config
            .rule_options(META.code)
            .required_tags
            .unwrap_or_default();
        let tags = &r.resource.tags;
        // Tags whose keys are not known here (`tags = var.tags`) may hold any required key.
        let unknown = tags.contains_key(crate::model::UNKNOWN_TAGS);
        let missing: Vec<&String> = required
            .iter()
            .filter(|k| !unknown && !tags.contains_key(k.as_str()))
            .collect();
        let message = if tags.is_empty() {
            format!("{} has no tags: an application inference profile exists to attribute Bedrock cost, and untagged it shows up in Cost Explorer as nobody's", r.resource.address)
        } else if !missing.is_empty() {
            let keys: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
            format!(
                "{} lacks the required cost-allocation tag(s) {}",
                r.resource.address,
                keys.join(", ")
            )
        } else {
            return;
        };
        let mut d = META.diagnostic(r, r.resource.span.clone(), message);
        d.help = Some(format!(
            "add tags (and activate them as cost allocation tags in the Billing console){}",
            if required.is_empty() {
                String::new()
            } else {
                format!(": {}", required.join(", "))
            }
        ));
        out.push(d);
    }
}
