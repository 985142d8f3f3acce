//! BL014: a provisioned-throughput commitment that outlasts its need — a 6-month term in a path marked
//! non-production, or any term longer than the months the usage declares the capacity is needed.

use rust_decimal::Decimal;

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Commitment, Known};
use crate::money;
use crate::pricing::{provisioned_hourly_rate, PricedResource, HOURS_PER_MONTH};

pub static META: RuleMeta = RuleMeta {
    code: "BL014",
    name: "provisioned-commitment-mismatch",
    severity: Severity::Warning,
    summary: "A PT commitment longer than the need: 6 months in a non-production path, or more months than usage declares",
    doc: include_str!("../../rules/BL014-provisioned-commitment-mismatch.md"),
};

pub struct ProvisionedCommitmentMismatch;

/// The cheapest way to hold the same units for `months`: whole 1-month terms, or no commitment.
struct Alternative {
    label: String,
    total: Decimal,
    estimate: bool,
}

impl Rule for ProvisionedCommitmentMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let Some(pt) = r.resource.provisioned() else {
            return;
        };
        let (Known::Known(units), Known::Known(commitment)) = (&pt.model_units, &pt.commitment)
        else {
            return;
        };
        let term = match commitment {
            Commitment::None => return,
            Commitment::OneMonth => Decimal::ONE,
            Commitment::SixMonths => Decimal::from(6),
        };
        let Some(model_id) = r.resource.model.known().and_then(|m| m.model_id()) else {
            return;
        };
        let catalog = &ctx.config.catalog;
        let region = r.resource.region.region.as_str();
        let Ok((rate, rate_estimate, _)) =
            provisioned_hourly_rate(catalog, model_id, *commitment, region)
        else {
            return;
        };
        let units_d = Decimal::from(*units);
        let committed = rate * units_d * HOURS_PER_MONTH * term;
        let alternative = |months: Decimal| -> Option<Alternative> {
            let mut options = Vec::new();
            if *commitment == Commitment::SixMonths {
                if let Ok((one, est, _)) =
                    provisioned_hourly_rate(catalog, model_id, Commitment::OneMonth, region)
                {
                    let terms = months.ceil().max(Decimal::ONE);
                    options.push(Alternative {
                        label: if terms == Decimal::ONE {
                            format!("a 1-month term at {}/MU-hour", money::rate(one))
                        } else {
                            format!("{terms} 1-month terms at {}/MU-hour", money::rate(one))
                        },
                        total: one * units_d * HOURS_PER_MONTH * terms,
                        estimate: est,
                    });
                }
            }
            // No commitment is for custom models only (base models must commit).
            let custom =
                r.resource.model.known().is_some_and(|m| {
                    matches!(m.kind, crate::model::ModelRefKind::CustomModel { .. })
                });
            if custom && *units == 1 {
                if let Ok((none, est, _)) =
                    provisioned_hourly_rate(catalog, model_id, Commitment::None, region)
                {
                    options.push(Alternative {
                        label: format!("no commitment at {}/MU-hour", money::rate(none)),
                        total: none * units_d * HOURS_PER_MONTH * months,
                        estimate: est,
                    });
                }
            }
            options.into_iter().min_by_key(|a| a.total)
        };

        let months_needed = r.usage().and_then(|u| u.months_needed);
        let environment = ctx.config.environment.filter(|e| !e.is_production());
        let (why, months) = match (months_needed, environment) {
            (Some(m), _) if m < term => (
                format!(
                    "its usage declares it is needed for {} month{}",
                    m.normalize(),
                    if m == Decimal::ONE { "" } else { "s" }
                ),
                m,
            ),
            (None, Some(env)) if *commitment == Commitment::SixMonths => (
                format!(
                    "it is in a path marked `environment = \"{}\"`",
                    env.as_str()
                ),
                Decimal::ONE,
            ),
            _ => return,
        };
        let Some(alt) = alternative(months) else {
            return;
        };
        if alt.total >= committed {
            return;
        }
        let saving = committed - alt.total;
        let term_label = if *commitment == Commitment::SixMonths {
            "6-month"
        } else {
            "1-month"
        };
        let mut d = META.diagnostic(
            r,
            r.resource.span.clone(),
            format!(
                "{} commits to a {term_label} term but {why}: the term costs {} ({units} MU × {}/MU-hour × {} h × {} month{}); {} for {} month{} would cost {} ({} less)",
                r.resource.address,
                money::usd(committed),
                money::rate(rate),
                HOURS_PER_MONTH,
                term,
                if term == Decimal::ONE { "" } else { "s" },
                alt.label,
                months.normalize(),
                if months == Decimal::ONE { "" } else { "s" },
                money::usd(alt.total),
                money::usd(saving),
            ),
        );
        d.label = Some(format!("commitment_duration = \"{}\"", commitment.as_str()));
        d.mark_estimate(rate_estimate || alt.estimate);
        d.help = Some(if *commitment == Commitment::SixMonths {
            "use `commitment_duration = \"OneMonth\"` and renew while the capacity is needed; a 6-month term bills every hour of all six months, used or not".to_string()
        } else {
            "a custom model can run 1 MU without commitment, billed only while it exists; delete it when the need ends".to_string()
        });
        out.push(d);
    }
}
