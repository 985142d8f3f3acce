//! BL010: the estimated monthly total is above the `[budget]` the project declares.

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::money;
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL010",
    name: "budget-exceeded",
    severity: Severity::Error,
    summary: "The estimated monthly total exceeds [budget] monthly_usd",
    doc: include_str!("../../rules/BL010-budget-exceeded.md"),
};

pub struct BudgetExceeded;

impl Rule for BudgetExceeded {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _: &PricedResource, _: &RuleContext, _: &mut Vec<Diagnostic>) {}

    fn check_all(
        &self,
        resources: &[&PricedResource],
        ctx: &RuleContext,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(budget) = &ctx.config.budget else {
            return;
        };
        let scope = ctx.scope.map(|s| format!(" of {s}")).unwrap_or_default();
        let total: rust_decimal::Decimal =
            resources.iter().filter_map(|r| r.cost.monthly_usd).sum();
        if total <= budget.monthly_usd {
            return;
        }
        // The finding goes on the most expensive resource: where the money is.
        let Some(top) = resources
            .iter()
            .filter(|r| r.cost.monthly_usd.is_some())
            .max_by_key(|r| r.cost.monthly_usd)
        else {
            return;
        };
        let unpriced = resources
            .iter()
            .filter(|r| r.cost.monthly_usd.is_none() && !r.resource.is_removed())
            .count();
        let mut d = META.diagnostic(
            top,
            top.resource.span.clone(),
            format!(
                "the estimated monthly total{scope} {} exceeds the budget of {} by {}{}; the largest item is {} at {}/month",
                money::usd(total),
                money::usd(budget.monthly_usd),
                money::usd(total - budget.monthly_usd),
                if unpriced > 0 { format!(" (and {unpriced} resources are not priced)") } else { String::new() },
                top.resource.address,
                money::usd(top.cost.monthly_usd.unwrap_or_default()),
            ),
        );
        d.resource = None;
        d.monthly_impact = Some(total - budget.monthly_usd);
        d.help = Some("reduce spend (see the other findings and `bedrock-lint cost`), or raise [budget] monthly_usd in .bedrock-lint.toml".into());
        out.push(d);
    }
}
