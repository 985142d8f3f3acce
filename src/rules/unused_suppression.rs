//! BL900: an inline suppression that suppresses nothing, or whose `until=` date has passed. Found by
//! the suppression pass (`crate::suppression`), which sees every finding; listed here like every rule.

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL900",
    name: "unused-suppression",
    severity: Severity::Warning,
    summary:
        "An inline bedrock-lint-ignore that suppresses nothing, or whose until= date has passed",
    doc: include_str!("../../rules/BL900-unused-suppression.md"),
};

pub struct UnusedSuppression;

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _: &PricedResource, _: &RuleContext, _: &mut Vec<Diagnostic>) {}
}
