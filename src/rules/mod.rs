//! The rules. One file per rule, its metadata beside it; this registry is the only list of them and
//! drives `bedrock-lint rules`, `explain`, config validation and the README table.
//! Rules never read files or print: typed resources and estimates in, diagnostics out.

mod batch_eligible;
mod budget_exceeded;
mod cross_region_surcharge;
mod end_of_life_model;
mod global_endpoint_residency;
mod invocation_logging_volume;
mod knowledge_base_vector_floor;
mod legacy_model;
mod model_fix;
mod open_weights_premium;
mod planned_cost_increase;
mod profile_required;
mod provisioned_below_breakeven;
mod provisioned_commitment_mismatch;
mod provisioned_invalid_target;
mod provisioned_no_commitment;
mod provisioned_underutilized;
mod provisioned_usage_unknown;
mod region_premium;
mod unknown_model;
mod untagged_inference_profile;
pub mod unused_suppression;
mod vector_standby_nonproduction;

use rust_decimal::Decimal;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::pricing::PricedResource;
use crate::span::Span;

/// What a rule is, in one place.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// The rule's documentation (`rules/CODE-name.md`), printed by `explain`.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The doc's path in the repository, for links.
    pub fn doc_path(&self) -> String {
        format!("rules/{}-{}.md", self.code, self.name)
    }

    /// A diagnostic of this rule about a resource, at its default severity.
    pub fn diagnostic(
        &'static self,
        r: &PricedResource,
        span: Span,
        message: String,
    ) -> Diagnostic {
        Diagnostic {
            code: self.code,
            rule: self.name,
            severity: self.severity,
            message,
            span,
            label: None,
            resource: Some(r.resource.address.clone()),
            help: None,
            monthly_impact: None,
            fail_on: None,
            fix: None,
        }
    }
}

pub struct RuleContext<'a> {
    /// The configuration in force for the resource checked (`[[overrides]]` applied).
    pub config: &'a Config,
    /// For run-level rules: the `[[overrides]]` scope being checked (`envs/dev/**`), or `None` for
    /// the whole project.
    pub scope: Option<&'a str>,
    /// Every resource of the run (removed ones included): for a rule that relates a resource to
    /// others, such as a vector collection and the knowledge bases that share it.
    pub resources: &'a [PricedResource],
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Per resource (most rules).
    fn check(&self, resource: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>);
    /// Once over all resources of a scope (rules about totals, such as a budget).
    fn check_all(
        &self,
        _resources: &[&PricedResource],
        _ctx: &RuleContext,
        _out: &mut Vec<Diagnostic>,
    ) {
    }
}

static RULES: &[&dyn Rule] = &[
    &cross_region_surcharge::CrossRegionSurcharge,
    &global_endpoint_residency::GlobalEndpointResidency,
    &provisioned_underutilized::ProvisionedUnderutilized,
    &provisioned_below_breakeven::ProvisionedBelowBreakeven,
    &provisioned_no_commitment::ProvisionedNoCommitment,
    &provisioned_usage_unknown::ProvisionedUsageUnknown,
    &unknown_model::UnknownModel,
    &region_premium::RegionPremium,
    &open_weights_premium::OpenWeightsPremium,
    &budget_exceeded::BudgetExceeded,
    &batch_eligible::BatchEligible,
    &legacy_model::LegacyModel,
    &planned_cost_increase::PlannedCostIncrease,
    &provisioned_commitment_mismatch::ProvisionedCommitmentMismatch,
    &provisioned_invalid_target::ProvisionedInvalidTarget,
    &untagged_inference_profile::UntaggedInferenceProfile,
    &invocation_logging_volume::InvocationLoggingVolume,
    &profile_required::ProfileRequired,
    &end_of_life_model::EndOfLifeModel,
    &vector_standby_nonproduction::VectorStandbyNonproduction,
    &knowledge_base_vector_floor::KnowledgeBaseVectorFloor,
    &unused_suppression::UnusedSuppression,
];

pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

/// A rule by code (`BL001`, any case) or name (`cross-region-surcharge`).
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.meta().code.eq_ignore_ascii_case(code_or_name) || r.meta().name == code_or_name)
}

/// Rules matched by a selector: a code (`BL001`), a name (`cross-region-surcharge`) or a code prefix
/// (`BL0`, `BL00`). Empty when nothing matches.
pub fn select(selector: &str) -> Vec<&'static dyn Rule> {
    let upper = selector.to_ascii_uppercase();
    RULES
        .iter()
        .copied()
        .filter(|r| {
            r.meta().name == selector
                || (upper.starts_with("BL") && r.meta().code.starts_with(&upper))
        })
        .collect()
}

pub fn code_list() -> String {
    RULES
        .iter()
        .map(|r| r.meta().code)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs every enabled rule on every resource, resources in parallel (the caller sorts the result).
/// Each resource is checked with the configuration in force where it is (`[[overrides]]`): a rule can
/// be off, or stricter, for some paths.
pub fn run(resources: &[PricedResource], config: &Config, project_prefix: &str) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    use std::collections::BTreeMap;
    // One effective configuration per distinct set of matching overrides (usually a handful).
    let scope_of: Vec<Vec<usize>> = resources
        .iter()
        .map(|r| config.overrides_matching(project_prefix, r.resource.scope_paths()))
        .collect();
    let mut scoped: BTreeMap<&[usize], Config> = BTreeMap::new();
    for s in scope_of.iter().filter(|s| !s.is_empty()) {
        scoped
            .entry(s.as_slice())
            .or_insert_with(|| config.scoped(s));
    }
    let config_of = |i: usize| -> &Config {
        scope_of
            .get(i)
            .and_then(|s| scoped.get(s.as_slice()))
            .unwrap_or(config)
    };
    let mut out: Vec<Diagnostic> = resources
        .par_iter()
        .enumerate()
        .filter(|(_, r)| !r.resource.is_removed())
        .flat_map_iter(|(i, r)| {
            let config = config_of(i);
            let ctx = RuleContext {
                config,
                scope: None,
                resources,
            };
            let mut out = Vec::new();
            for rule in enabled(config) {
                let start = out.len();
                rule.check(r, &ctx, &mut out);
                finish(rule.meta(), config, &mut out, start);
            }
            out
        })
        .collect();
    // Rules about totals (a budget): once for the project, then once per override with a budget over
    // the resources it covers, with that scope's settings.
    let all: Vec<&PricedResource> = resources.iter().collect();
    check_totals(&all, resources, config, None, &mut out);
    for (i, o) in config.overrides.iter().enumerate() {
        if o.budget.is_none() {
            continue;
        }
        let covered: Vec<&PricedResource> = resources
            .iter()
            .zip(&scope_of)
            .filter(|(_, s)| s.contains(&i))
            .map(|(r, _)| r)
            .collect();
        check_totals(
            &covered,
            resources,
            &config.scoped(&[i]),
            Some(&o.label()),
            &mut out,
        );
    }
    out
}

/// The rules a configuration turns on.
fn enabled(config: &Config) -> impl Iterator<Item = &'static dyn Rule> + '_ {
    RULES
        .iter()
        .copied()
        .filter(|r| config.is_enabled(r.meta().code))
}

/// Run-level rules over one scope's resources.
fn check_totals(
    resources: &[&PricedResource],
    all: &[PricedResource],
    config: &Config,
    scope: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let ctx = RuleContext {
        config,
        scope,
        resources: all,
    };
    for rule in enabled(config) {
        let start = out.len();
        rule.check_all(resources, &ctx, out);
        finish(rule.meta(), config, out, start);
    }
}

/// What the configuration in force says about a rule's new findings (`out[start..]`): its
/// `[rules.CODE]` options, and the `fail_on` that decides whether they fail the run.
fn finish(meta: &RuleMeta, config: &Config, out: &mut Vec<Diagnostic>, start: usize) {
    if let Some(options) = config.rules.get(meta.code) {
        apply_options(meta, options, out, start);
    }
    for d in &mut out[start..] {
        d.fail_on = Some(config.fail_on);
    }
}

/// `[rules.CODE]`: a severity that replaces the rule's default, and a floor under which a finding whose
/// saving is known is not worth reporting.
fn apply_options(
    meta: &RuleMeta,
    options: &crate::config::RuleOptions,
    out: &mut Vec<Diagnostic>,
    start: usize,
) {
    if let Some(min) = options.min_saving_usd {
        let mut index = 0;
        out.retain(|d| {
            index += 1;
            index <= start || d.monthly_impact.is_none_or(|m| m >= min)
        });
    }
    if let Some(severity) = options.severity {
        for d in &mut out[start..] {
            // A rule's own downgrade (BL003 without capacity data is info) stays a downgrade.
            if d.severity == meta.severity {
                d.severity = severity;
            }
        }
    }
}

/// The routings a call to a model from `region` may use: those the catalog offers for it, minus
/// in-Region for models served only through inference profiles, minus what the declared data residency
/// excludes (global always; other geographies). Ordered global, geo, in-Region.
pub fn allowed_routings(
    model: &crate::pricing::ModelPrice,
    policy: &crate::pricing::RoutingPolicy,
    residency: Option<crate::model::Geography>,
    region: &str,
    current: Option<crate::model::Routing>,
) -> Vec<crate::model::Routing> {
    use crate::model::{Geography, Routing};
    let geo = match current {
        Some(Routing::Geo(g)) => Some(g),
        _ => residency.or_else(|| Geography::for_region(region)),
    };
    [
        Some(Routing::Global),
        geo.map(Routing::Geo),
        Some(Routing::InRegion),
    ]
    .into_iter()
    .flatten()
    .filter(|r| policy.multiplier(*r).is_some() && model.offers(*r))
    // Global profiles are not offered from GovCloud.
    .filter(|r| !(*r == Routing::Global && region.starts_with("us-gov-")))
    .filter(|r| match (residency, r) {
        (_, Routing::InRegion)
            if model.requires_inference_profile
                && !model.bare_id_regions.iter().any(|x| x == region) =>
        {
            false
        }
        (None, _) => true,
        (Some(_), Routing::Global) => false,
        (Some(g), Routing::Geo(x)) => g == *x,
        (Some(g), Routing::InRegion) => g.contains_region(region),
    })
    .collect()
}

/// An on-demand call whose model and routing are visible — what routing and price-comparison rules look
/// at. Not a resource reaching its model through a profile defined here (the profile carries the
/// finding), not provisioned throughput (not routed), not a custom model (no on-demand price).
fn on_demand_call(
    r: &PricedResource,
) -> Option<(&crate::model::ModelRef, &str, crate::model::Routing)> {
    let res = &r.resource;
    if res.via_profile.is_some() || res.provisioned().is_some() {
        return None;
    }
    let crate::model::Known::Known(model) = &res.model else {
        return None;
    };
    if matches!(model.kind, crate::model::ModelRefKind::CustomModel { .. }) {
        return None;
    }
    Some((model, model.model_id()?, model.routing()?))
}

/// Where a finding about the model goes: the literal where it is written, else the resource.
fn model_span(r: &PricedResource) -> Span {
    r.resource
        .model_span
        .clone()
        .unwrap_or_else(|| r.resource.span.clone())
}

/// Hours a provisioned throughput is billed in a month: 730, unless a no-commitment PT declares fewer.
fn billed_hours(r: &PricedResource) -> Decimal {
    use crate::model::{Commitment, Known};
    let declared = r.usage().and_then(|u| u.hours_per_month);
    match (r.resource.provisioned().map(|p| &p.commitment), declared) {
        (Some(Known::Known(Commitment::None)), Some(h)) => h,
        _ => crate::pricing::HOURS_PER_MONTH,
    }
}
