//! BL013: in a plan, an update or replacement that raises a resource's monthly cost.

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::PlanAction;
use crate::money;
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL013",
    name: "planned-cost-increase",
    severity: Severity::Info,
    summary: "A plan's update or replacement raises the resource's monthly cost (old → new)",
    doc: include_str!("../../rules/BL013-planned-cost-increase.md"),
};

pub struct PlannedCostIncrease;

impl Rule for PlannedCostIncrease {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, _ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let Some(action @ (PlanAction::Update | PlanAction::Replace)) = r.resource.change else {
            return;
        };
        let (Some(old), Some(new)) = (
            r.previous_cost.as_ref().and_then(|c| c.monthly_usd),
            r.cost.monthly_usd,
        ) else {
            return;
        };
        if new <= old {
            return;
        }
        let mut d = META.diagnostic(
            r,
            r.resource.span.clone(),
            format!(
                "this plan's {} of {} raises its monthly cost from {} to {} (+{}/month)",
                action.as_str(),
                r.resource.address,
                money::usd(old),
                money::usd(new),
                money::usd(new - old),
            ),
        );
        d.label = Some(format!("{} → {}", money::usd(old), money::usd(new)));
        d.mark_estimate(r.cost.estimate || r.previous_cost.as_ref().is_some_and(|c| c.estimate));
        d.monthly_impact = Some(new - old);
        out.push(d);
    }
}
