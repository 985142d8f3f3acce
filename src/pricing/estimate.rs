//! Monthly cost of one resource from the catalog and its declared usage. All money is `Decimal` USD.

use rust_decimal::Decimal;

use super::{Catalog, Confidence, Usage};
use crate::model::{BedrockResource, Commitment, Known, RegionSource, ResourceKind, Routing};

/// A month, as AWS bills provisioned throughput and as every figure here assumes.
pub const HOURS_PER_MONTH: Decimal = Decimal::from_parts(730, 0, 0, false, 0);
const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// On-demand prices for one model, routing and Region, multipliers applied. USD per 1M tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct OnDemandRates {
    pub model_id: String,
    pub routing: Routing,
    pub input: Decimal,
    pub output: Option<Decimal>,
    /// True when a figure used is a third-party estimate (not AWS's own).
    pub estimate: bool,
    pub assumptions: Vec<String>,
}

impl OnDemandRates {
    /// Monthly USD for a token volume; `None` when no volume is declared.
    pub fn monthly(&self, usage: &Usage) -> Option<Decimal> {
        if !usage.has_tokens() {
            return None;
        }
        let input = usage.input_tokens_per_month.unwrap_or_default() / MILLION * self.input;
        let output = usage.output_tokens_per_month.unwrap_or_default() / MILLION
            * self.output.unwrap_or_default();
        Some(input + output)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum CostStatus {
    /// Monthly figure computed.
    Priced,
    /// Billed per token and no token volume is declared.
    UsageUnknown,
    /// The catalog has no price, or an input value is unknown: the reason.
    Unpriced(String),
    /// This kind of resource has no cost of its own here (e.g. a custom model's training job).
    NotPriced(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CostEstimate {
    pub hourly_usd: Option<Decimal>,
    pub monthly_usd: Option<Decimal>,
    pub status: CostStatus,
    pub assumptions: Vec<String>,
    /// A third-party figure or an assumed regional rate went into it.
    pub estimate: bool,
}

impl CostEstimate {
    fn status(status: CostStatus, assumptions: Vec<String>, estimate: bool) -> Self {
        CostEstimate {
            hourly_usd: None,
            monthly_usd: None,
            status,
            assumptions,
            estimate,
        }
    }
}

/// Region multiplier and what to say about it.
fn region_factor(catalog: &Catalog, region: &str) -> (Decimal, bool, Option<String>) {
    match catalog.region(region) {
        (m, Some(r)) => {
            let estimate = r.confidence == Confidence::Estimate;
            let note = (m != Decimal::ONE).then(|| {
                format!(
                    "{region} priced at {m}× {} rates{}",
                    catalog.base_region,
                    if estimate { " (estimate)" } else { "" }
                )
            });
            (m, estimate, note)
        }
        (m, None) => (
            m,
            true,
            Some(format!(
                "no {region} prices in the catalog: {} rates used (estimate)",
                catalog.base_region
            )),
        ),
    }
}

/// On-demand rates for a model called with a routing from a Region. `Err` says why it can't be priced.
pub fn on_demand_rates(
    catalog: &Catalog,
    model_id: &str,
    routing: Routing,
    region: &str,
) -> Result<OnDemandRates, String> {
    let found = catalog
        .model(model_id)
        .ok_or_else(|| format!("`{model_id}` is not in the pricing catalog"))?;
    let price = found
        .price
        .on_demand
        .as_ref()
        .ok_or_else(|| format!("the catalog has no on-demand price for `{}`", found.id))?;
    let routing_mult = found.routing.multiplier(routing).ok_or_else(|| {
        format!(
            "the catalog lists no {} routing for `{}` (routing policy `{}`)",
            routing.catalog_key(),
            found.id,
            found.price.routing
        )
    })?;
    let (region_mult, region_estimate, region_note) = region_factor(catalog, region);
    let factor = routing_mult * region_mult;
    let mut assumptions: Vec<String> = region_note.into_iter().collect();
    let estimate = region_estimate
        || found.price.confidence == Confidence::Estimate
        || found.routing.confidence == Confidence::Estimate;
    if found.price.confidence == Confidence::Estimate {
        assumptions.push(format!("`{}` price is a third-party estimate", found.id));
    }
    Ok(OnDemandRates {
        model_id: found.id.to_string(),
        routing,
        input: price.input * factor,
        output: price.output.map(|o| o * factor),
        estimate,
        assumptions,
    })
}

/// Hourly USD for one model unit of provisioned throughput. `Err` says why it can't be priced.
pub fn provisioned_hourly_rate(
    catalog: &Catalog,
    model_id: &str,
    commitment: Commitment,
    region: &str,
) -> Result<(Decimal, bool, Vec<String>), String> {
    let found = catalog
        .model(model_id)
        .ok_or_else(|| format!("`{model_id}` is not in the pricing catalog"))?;
    let pt = found.price.provisioned.as_ref().ok_or_else(|| {
        format!(
            "the catalog has no provisioned-throughput rate for `{}` (AWS does not publish one)",
            found.id
        )
    })?;
    let rate = match commitment {
        Commitment::None => pt.no_commitment,
        Commitment::OneMonth => pt.one_month,
        Commitment::SixMonths => pt.six_months,
    }
    .ok_or_else(|| {
        format!(
            "the catalog has no {} provisioned-throughput rate for `{}`",
            commitment_label(commitment),
            found.id
        )
    })?;
    let (region_mult, region_estimate, region_note) = region_factor(catalog, region);
    let mut assumptions: Vec<String> = region_note.into_iter().collect();
    if pt.confidence == Confidence::Estimate {
        assumptions.push(format!(
            "`{}` provisioned rate is a third-party estimate",
            found.id
        ));
    }
    Ok((
        rate * region_mult,
        region_estimate || pt.confidence == Confidence::Estimate,
        assumptions,
    ))
}

pub fn commitment_label(c: Commitment) -> &'static str {
    match c {
        Commitment::None => "no-commitment",
        Commitment::OneMonth => "1-month",
        Commitment::SixMonths => "6-month",
    }
}

/// The monthly cost of one resource.
pub fn estimate(
    resource: &BedrockResource,
    usage: Option<&Usage>,
    catalog: &Catalog,
) -> CostEstimate {
    let mut assumptions = Vec::new();
    if resource.region.source == RegionSource::Default {
        assumptions.push(format!(
            "region not set: {} assumed",
            resource.region.region
        ));
    }
    let region = resource.region.region.as_str();
    if resource.kind == ResourceKind::InvocationLogging {
        return CostEstimate::status(
            CostStatus::NotPriced(
                "log delivery is billed by CloudWatch Logs or S3, not in the catalog".into(),
            ),
            assumptions,
            false,
        );
    }
    let model = match &resource.model {
        Known::Known(m) => m,
        Known::Unknown(why) => {
            return CostEstimate::status(
                CostStatus::Unpriced(format!("model unknown: {why}")),
                assumptions,
                false,
            )
        }
    };
    if resource.kind == ResourceKind::CustomModel {
        return CostEstimate::status(
            CostStatus::NotPriced(
                "custom-model training and storage are not in the catalog".into(),
            ),
            assumptions,
            false,
        );
    }
    let Some(model_id) = model.model_id() else {
        return CostEstimate::status(
            CostStatus::Unpriced(format!(
                "`{}` does not show which model it serves",
                model.text
            )),
            assumptions,
            false,
        );
    };

    if let Some(pt) = &resource.provisioned {
        let (units, commitment) = match (&pt.model_units, &pt.commitment) {
            (Known::Known(u), Known::Known(c)) => (*u, *c),
            (Known::Unknown(why), _) | (_, Known::Unknown(why)) => {
                return CostEstimate::status(CostStatus::Unpriced(why.clone()), assumptions, false)
            }
        };
        return match provisioned_hourly_rate(catalog, model_id, commitment, region) {
            Ok((rate, estimate, notes)) => {
                assumptions.extend(notes);
                let hourly = rate * Decimal::from(units);
                let hours = match (commitment, usage.and_then(|u| u.hours_per_month)) {
                    (Commitment::None, Some(h)) => h,
                    (_, Some(h)) if h < HOURS_PER_MONTH => {
                        assumptions.push(format!(
                            "hours_per_month = {h} ignored: a {} term bills every hour",
                            commitment_label(commitment)
                        ));
                        HOURS_PER_MONTH
                    }
                    _ => HOURS_PER_MONTH,
                };
                CostEstimate {
                    hourly_usd: Some(hourly),
                    monthly_usd: Some(hourly * hours),
                    status: CostStatus::Priced,
                    assumptions,
                    estimate,
                }
            }
            Err(why) => CostEstimate::status(CostStatus::Unpriced(why), assumptions, false),
        };
    }

    let routing = model.routing().unwrap_or(Routing::InRegion);
    match on_demand_rates(catalog, model_id, routing, region) {
        Ok(rates) => {
            assumptions.extend(rates.assumptions.iter().cloned());
            match usage.and_then(|u| rates.monthly(u)) {
                Some(monthly) => CostEstimate {
                    hourly_usd: None,
                    monthly_usd: Some(monthly),
                    status: CostStatus::Priced,
                    assumptions,
                    estimate: rates.estimate,
                },
                None => CostEstimate::status(CostStatus::UsageUnknown, assumptions, rates.estimate),
            }
        }
        Err(why) => CostEstimate::status(CostStatus::Unpriced(why), assumptions, false),
    }
}
