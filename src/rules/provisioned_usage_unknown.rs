//! BL006: provisioned throughput with no usage declared, so BL003 and BL004 cannot check it.

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL006",
    name: "provisioned-usage-unknown",
    severity: Severity::Info,
    summary: "Provisioned throughput with no declared usage: utilization and break-even cannot be checked",
    doc: include_str!("../../rules/BL006-provisioned-usage-unknown.md"),
};

pub struct ProvisionedUsageUnknown;

impl Rule for ProvisionedUsageUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, _ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        if r.resource.provisioned().is_none() || r.usage.is_some() {
            return;
        }
        // Instances share their resource's entry: suggest the key without the instance index.
        let key = r.resource.resource_address();
        let mut d = META.diagnostic(
            r,
            r.resource.span.clone(),
            format!(
                "no usage declared for {}: whether its model units are used enough (BL003) or cost more than on-demand (BL004) cannot be checked",
                r.resource.address
            ),
        );
        d.help = Some(format!(
            "declare expected usage in .bedrock-lint.toml:\n[usage.\"{key}\"]\ninput_tokens_per_month = ...      # expected tokens in a month\noutput_tokens_per_month = ...\npeak_tokens_per_minute = ...\ntokens_per_minute_per_unit = ...  # one model unit's capacity (AWS does not publish it)"
        ));
        out.push(d);
    }
}
