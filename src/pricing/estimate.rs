//! Monthly cost of one resource from the catalog and its declared usage. All money is `Decimal` USD.

use rust_decimal::Decimal;

use super::catalog::{shares_base_prices, LifecycleState, RegionPricing, Tier, TierPrices};
use super::component::{CostComponent, Quantity, UnitPrice};
use super::{Catalog, Confidence, Usage};
use crate::model::{BedrockResource, Commitment, Known, RegionSource, ResourceKind, Routing};

/// A month, as AWS bills provisioned throughput and as every figure here assumes.
pub const HOURS_PER_MONTH: Decimal = Decimal::from_parts(730, 0, 0, false, 0);
const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const THOUSAND: Decimal = Decimal::from_parts(1_000, 0, 0, false, 0);

/// The prices of one model for one routing, Region and tier, multipliers applied.
#[derive(Debug, Clone, PartialEq)]
pub struct OnDemandRates {
    pub model_id: String,
    pub routing: Routing,
    pub tier: Tier,
    /// USD per 1M input tokens (zero for a model priced in other units only; see `prices`).
    pub input: Decimal,
    pub output: Option<Decimal>,
    /// Every component, final.
    pub prices: TierPrices,
    /// True when a figure used is a third-party estimate (not AWS's own) or a Region is assumed.
    pub estimate: bool,
    pub assumptions: Vec<String>,
}

/// One billed line of a monthly estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct CostLine {
    pub component: &'static str,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub monthly: Decimal,
}

/// A monthly figure from declared quantities, or what is missing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Monthly {
    pub lines: Vec<CostLine>,
    /// Declared quantities the catalog has no price for (each a sentence).
    pub missing: Vec<String>,
    pub notes: Vec<String>,
}

impl Monthly {
    pub fn total(&self) -> Decimal {
        self.lines.iter().map(|l| l.monthly).sum()
    }
}

impl OnDemandRates {
    /// Monthly USD for the declared quantities; `None` when none is declared or one has no price.
    pub fn monthly(&self, usage: &Usage) -> Option<Decimal> {
        if !usage.has_quantities() {
            return None;
        }
        let m = self.lines(usage);
        m.missing.is_empty().then(|| m.total())
    }

    /// The billed lines for the declared quantities.
    pub fn lines(&self, usage: &Usage) -> Monthly {
        let p = &self.prices;
        let long = usage.long_context == Some(true);
        let mut out = Monthly::default();
        if long && p.long_above.is_none() {
            out.notes.push(format!(
                "long_context: the catalog lists no separate long-context rate for `{}`: its standard rates are used",
                self.model_id
            ));
        }
        let pick = |short: Option<Decimal>, long_rate: Option<Decimal>| {
            if long && p.long_above.is_some() {
                long_rate
            } else {
                short
            }
        };
        let per_million: [(&'static str, Option<Decimal>, Option<Decimal>); 5] = [
            (
                "input",
                usage.input_tokens_per_month,
                pick(p.input, p.input_long),
            ),
            (
                "output",
                usage.output_tokens_per_month,
                pick(p.output, p.output_long),
            ),
            (
                "cache_write_5m",
                usage.cache_write_tokens_per_month,
                pick(p.cache_write_5m, p.cache_write_5m_long),
            ),
            (
                "cache_write_1h",
                usage.cache_write_1h_tokens_per_month,
                pick(p.cache_write_1h, p.cache_write_1h_long),
            ),
            (
                "cache_read",
                usage.cache_read_tokens_per_month,
                pick(p.cache_read, p.cache_read_long),
            ),
        ];
        for (component, quantity, price) in per_million {
            self.line(&mut out, component, quantity, price, MILLION);
        }
        let per_unit: [(&'static str, Option<Decimal>, Option<Decimal>, Decimal); 4] = [
            (
                "per_image",
                usage.images_per_month,
                p.per_image,
                Decimal::ONE,
            ),
            (
                "per_video_second",
                usage.video_seconds_per_month,
                p.per_video_second,
                Decimal::ONE,
            ),
            (
                "per_audio_second",
                usage.audio_seconds_per_month,
                p.per_audio_second,
                Decimal::ONE,
            ),
            (
                "per_1k_queries",
                usage.queries_per_month,
                p.per_1k_queries,
                THOUSAND,
            ),
        ];
        for (component, quantity, price, per) in per_unit {
            self.line(&mut out, component, quantity, price, per);
        }
        out
    }

    fn line(
        &self,
        out: &mut Monthly,
        component: &'static str,
        quantity: Option<Decimal>,
        price: Option<Decimal>,
        per: Decimal,
    ) {
        let Some(q) = quantity else { return };
        match price {
            Some(unit_price) => out.lines.push(CostLine {
                component,
                quantity: q,
                unit_price,
                monthly: q / per * unit_price,
            }),
            None if q.is_zero() => {}
            None => out.missing.push(format!(
                "the catalog has no `{component}` price for `{}` ({} tier){}",
                self.model_id,
                self.tier,
                if self.tier == Tier::Standard {
                    String::new()
                } else {
                    format!(
                        "; add it under [models.\"{}\".prices.{}] in a price book",
                        self.model_id, self.tier
                    )
                }
            )),
        }
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
    /// The monthly figure of every component whose quantity is known. With status `UsageUnknown` it is
    /// the fixed part only (an hourly floor, storage), and `None` when nothing is fixed: never a $0
    /// that stands for "not known".
    pub monthly_usd: Option<Decimal>,
    pub status: CostStatus,
    pub assumptions: Vec<String>,
    /// A third-party figure or an assumed regional rate went into it.
    pub estimate: bool,
    /// What is billed: each component with its unit price, quantity and cost (Infracost's shape).
    pub components: Vec<CostComponent>,
}

impl CostEstimate {
    pub(super) fn status(status: CostStatus, assumptions: Vec<String>, estimate: bool) -> Self {
        CostEstimate {
            hourly_usd: None,
            monthly_usd: None,
            status,
            assumptions,
            estimate,
            components: Vec::new(),
        }
    }

    /// An estimate made of components: priced when every quantity is known, else `UsageUnknown`
    /// with the known part as its monthly figure.
    pub fn from_components(components: Vec<CostComponent>, assumptions: Vec<String>) -> Self {
        let estimate = components.iter().any(|c| c.price.estimate);
        let known: Vec<Decimal> = components
            .iter()
            .filter_map(CostComponent::monthly)
            .collect();
        let needs_usage = components.iter().any(CostComponent::needs_usage);
        CostEstimate {
            hourly_usd: None,
            monthly_usd: (!known.is_empty()).then(|| known.iter().copied().sum()),
            status: if needs_usage {
                CostStatus::UsageUnknown
            } else {
                CostStatus::Priced
            },
            assumptions,
            estimate,
            components,
        }
    }

    /// The monthly cost that follows from the configuration alone (no usage declared).
    pub fn fixed_monthly(&self) -> Decimal {
        self.components
            .iter()
            .filter(|c| matches!(c.quantity, Quantity::Fixed(_)))
            .filter_map(CostComponent::monthly)
            .sum()
    }

    /// One-time charges with known quantities (a training job), kept out of the monthly figure.
    pub fn one_time_usd(&self) -> Option<Decimal> {
        let costs: Vec<Decimal> = self
            .components
            .iter()
            .filter(|c| c.one_time)
            .filter_map(CostComponent::cost)
            .collect();
        (!costs.is_empty()).then(|| costs.into_iter().sum())
    }

    /// The usage fields that would price the components still unknown, in component order.
    pub fn usage_needed(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for c in &self.components {
            if let Quantity::NeedsUsage { field } = c.quantity {
                if !out.contains(&field) {
                    out.push(field);
                }
            }
        }
        out
    }
}

/// What each per-token or per-unit price of a model is, as a component: key, name, unit, how many
/// units one price is for, and the usage field that gives the quantity.
const CALL_COMPONENTS: [(&str, &str, &str, Decimal, &str); 9] = [
    (
        "input",
        "input tokens",
        "input tokens",
        MILLION,
        "input_tokens_per_month",
    ),
    (
        "output",
        "output tokens",
        "output tokens",
        MILLION,
        "output_tokens_per_month",
    ),
    (
        "cache_write_5m",
        "prompt-cache writes (5-minute)",
        "cache-write tokens",
        MILLION,
        "cache_write_tokens_per_month",
    ),
    (
        "cache_write_1h",
        "prompt-cache writes (1-hour)",
        "cache-write tokens",
        MILLION,
        "cache_write_1h_tokens_per_month",
    ),
    (
        "cache_read",
        "prompt-cache reads",
        "cache-read tokens",
        MILLION,
        "cache_read_tokens_per_month",
    ),
    (
        "per_image",
        "images",
        "images",
        Decimal::ONE,
        "images_per_month",
    ),
    (
        "per_video_second",
        "video",
        "video seconds",
        Decimal::ONE,
        "video_seconds_per_month",
    ),
    (
        "per_audio_second",
        "audio",
        "audio seconds",
        Decimal::ONE,
        "audio_seconds_per_month",
    ),
    (
        "per_1k_queries",
        "rerank queries",
        "queries",
        THOUSAND,
        "queries_per_month",
    ),
];

/// The components of an on-demand call: the declared lines, or, with no usage, the model's main
/// prices with the usage field each needs (input and output tokens; images, seconds or queries for a
/// model priced in those).
fn call_components(rates: &OnDemandRates, lines: Option<&Monthly>) -> Vec<CostComponent> {
    let price = |usd: Decimal, per: Decimal| UnitPrice {
        usd,
        per,
        source: rates.prices.source.clone(),
        as_of: rates.prices.as_of.clone(),
        estimate: rates.estimate,
    };
    let component = |key: &str, quantity: Quantity, usd: Decimal| {
        let (_, name, unit, per, _) = CALL_COMPONENTS
            .iter()
            .find(|c| c.0 == key)
            .copied()
            .unwrap_or((key, key, key, MILLION, ""));
        CostComponent {
            key: key.to_string(),
            name: name.to_string(),
            unit: unit.to_string(),
            price: price(usd, per),
            quantity,
            one_time: false,
        }
    };
    if let Some(m) = lines {
        return m
            .lines
            .iter()
            .map(|l| {
                let field = CALL_COMPONENTS
                    .iter()
                    .find(|c| c.0 == l.component)
                    .map_or("", |c| c.4);
                component(
                    l.component,
                    Quantity::Declared {
                        value: l.quantity,
                        field,
                    },
                    l.unit_price,
                )
            })
            .collect();
    }
    let p = &rates.prices;
    let main: Vec<(&str, Option<Decimal>)> = if p.input.is_some() || p.output.is_some() {
        vec![("input", p.input), ("output", p.output)]
    } else {
        vec![
            ("per_image", p.per_image),
            ("per_video_second", p.per_video_second),
            ("per_audio_second", p.per_audio_second),
            ("per_1k_queries", p.per_1k_queries),
        ]
    };
    main.into_iter()
        .filter_map(|(key, usd)| {
            let field = CALL_COMPONENTS.iter().find(|c| c.0 == key)?.4;
            Some(component(key, Quantity::NeedsUsage { field }, usd?))
        })
        .collect()
}

/// How a model's listed prices become a Region's: exact, a fallback multiplier, or assumed.
struct RegionFactor {
    multiplier: Decimal,
    /// Replaces the routing premium (a GovCloud multiplier applies to the listed price).
    replaces_routing: bool,
    estimate: bool,
    note: Option<String>,
}

fn region_factor(
    catalog: &Catalog,
    name: &str,
    pricing: RegionPricing,
    region: &str,
) -> RegionFactor {
    let exact = RegionFactor {
        multiplier: Decimal::ONE,
        replaces_routing: false,
        estimate: false,
        note: None,
    };
    if shares_base_prices(region)
        || (pricing == RegionPricing::Same && !region.starts_with("us-gov-"))
    {
        return exact;
    }
    if let Some(f) = catalog.region_fallback(region) {
        let estimate = f.confidence == Confidence::Estimate;
        return RegionFactor {
            multiplier: f.multiplier,
            replaces_routing: true,
            estimate,
            note: Some(format!(
                "no {region} price for {name} in the catalog: {}× its listed price{}",
                f.multiplier,
                if estimate { " (estimate)" } else { "" }
            )),
        };
    }
    RegionFactor {
        multiplier: Decimal::ONE,
        replaces_routing: false,
        estimate: true,
        note: Some(format!(
            "no {region} price for {name} in the catalog: {} rates used (estimate)",
            catalog.base_region
        )),
    }
}

/// Standard-tier on-demand rates for a model called with a routing from a Region, today.
pub fn on_demand_rates(
    catalog: &Catalog,
    model_id: &str,
    routing: Routing,
    region: &str,
) -> Result<OnDemandRates, String> {
    rates_for(catalog, model_id, routing, region, Tier::Standard)
}

/// Rates for a model, routing, Region and tier on the catalog's today. `Err` says why it can't be
/// priced. Precedence: the model's row for the Region, then a row for the routing, then its listed
/// prices (with dated changes) times the routing multiplier.
pub fn rates_for(
    catalog: &Catalog,
    model_id: &str,
    routing: Routing,
    region: &str,
    tier: Tier,
) -> Result<OnDemandRates, String> {
    let found = catalog
        .model(model_id)
        .ok_or_else(|| format!("`{model_id}` is not in the pricing catalog"))?;
    let m = found.price;
    if !m.offers(routing) {
        return Err(format!(
            "{} (`{}`) has no {} profile (its profiles: {})",
            m.name,
            found.id,
            match routing {
                Routing::Geo(g) => format!("`{}.`", g.prefix()),
                _ => "`global.`".into(),
            },
            m.routes_text()
        ));
    }
    let routing_mult = found.routing.multiplier(routing).ok_or_else(|| {
        format!(
            "the catalog lists no {} routing for `{}` (routing policy `{}`)",
            routing.catalog_key(),
            found.id,
            m.routing
        )
    })?;
    let mut assumptions = Vec::new();
    let no_price = |what: &str| {
        if tier == Tier::Standard {
            format!(
                "the catalog has no on-demand price for `{}`{what}",
                found.id
            )
        } else {
            format!(
                "the catalog has no {tier} price for `{}`{what}; add one in a price book under [models.\"{}\".prices.{tier}]",
                found.id, found.id
            )
        }
    };
    let (prices, estimate) = if let Some(row) = m.regions.get(region).and_then(|t| t.get(tier)) {
        (row.clone(), row.confidence == Confidence::Estimate)
    } else {
        let key = if routing == Routing::Global {
            "global"
        } else {
            "regional"
        };
        let (listed, mult) = match m.routings.get(key).and_then(|t| t.get(tier)) {
            Some(row) => (row.clone(), Decimal::ONE),
            None => (
                m.default_prices(tier, catalog.today)
                    .ok_or_else(|| no_price(""))?,
                routing_mult,
            ),
        };
        let f = region_factor(catalog, &m.name, m.region_prices, region);
        let factor = if f.replaces_routing {
            f.multiplier
        } else {
            f.multiplier * mult
        };
        assumptions.extend(f.note);
        let estimate = f.estimate || listed.confidence == Confidence::Estimate;
        (
            if factor == Decimal::ONE {
                listed
            } else {
                listed.scaled(factor)
            },
            estimate,
        )
    };
    if prices.confidence == Confidence::Estimate {
        assumptions.push(format!(
            "`{}` {tier} price is a third-party estimate ({}, {})",
            found.id, prices.as_of, prices.source
        ));
    }
    let estimate = estimate || found.routing.confidence == Confidence::Estimate;
    Ok(OnDemandRates {
        model_id: found.id.to_string(),
        routing,
        tier,
        input: prices.input.unwrap_or_default(),
        output: prices.output,
        prices,
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
    let f = region_factor(
        catalog,
        &found.price.name,
        found.price.region_prices,
        region,
    );
    let mut assumptions: Vec<String> = f.note.into_iter().collect();
    if pt.confidence == Confidence::Estimate {
        assumptions.push(format!(
            "`{}` provisioned rate is a third-party estimate",
            found.id
        ));
    }
    Ok((
        rate * f.multiplier,
        f.estimate || pt.confidence == Confidence::Estimate,
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

/// The tier a call uses: declared usage first, else the ID's `:flex` / `:priority` suffix.
pub fn call_tier(model_id: &str, usage: Option<&Usage>) -> (Tier, Option<String>) {
    let from_id = Tier::from_id_suffix(model_id);
    match (usage.and_then(|u| u.tier), from_id) {
        (Some(u), Some(i)) if u != i => (
            u,
            Some(format!(
                "usage declares tier = \"{u}\" though the ID asks for `:{i}`: {u} prices used"
            )),
        ),
        (Some(u), _) => (u, None),
        (None, Some(i)) => (i, None),
        (None, None) => (Tier::Standard, None),
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
    if resource.kind.calls_no_model() || resource.kind == ResourceKind::CustomModel {
        if let Some(e) = super::services::estimate(resource, usage, catalog, &mut assumptions) {
            return e;
        }
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
    if model.kind == crate::model::ModelRefKind::ImportedModelArn {
        return super::services::imported_model(resource, usage, catalog, &mut assumptions);
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
    if let Some(found) = catalog.model(model_id) {
        if let LifecycleState::EndOfLife { eol } = found.price.lifecycle_state(catalog.today) {
            return CostEstimate::status(
                CostStatus::NotPriced(match eol {
                    Some(d) => format!(
                        "{} reached end of life on {d}: calls fail",
                        found.price.name
                    ),
                    None => format!("{} is end of life: calls fail", found.price.name),
                }),
                assumptions,
                false,
            );
        }
    }

    if let Some(pt) = resource.provisioned() {
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
                let declared_hours = matches!(
                    (commitment, usage.and_then(|u| u.hours_per_month)),
                    (Commitment::None, Some(_))
                );
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
                let listed = catalog
                    .model(model_id)
                    .and_then(|m| m.price.provisioned.as_ref());
                let unit_hours = Decimal::from(units) * hours;
                let component = CostComponent {
                    key: "model_units".into(),
                    name: format!(
                        "provisioned throughput, {units} model unit{} ({} term)",
                        if units == 1 { "" } else { "s" },
                        commitment_label(commitment)
                    ),
                    unit: "MU-hours".into(),
                    price: UnitPrice {
                        usd: rate,
                        per: Decimal::ONE,
                        source: listed.map(|p| p.source.clone()).unwrap_or_default(),
                        as_of: listed.map(|p| p.as_of.clone()).unwrap_or_default(),
                        estimate,
                    },
                    quantity: if declared_hours {
                        Quantity::Declared {
                            value: unit_hours,
                            field: "hours_per_month",
                        }
                    } else {
                        Quantity::Fixed(unit_hours)
                    },
                    one_time: false,
                };
                CostEstimate {
                    hourly_usd: Some(hourly),
                    monthly_usd: Some(hourly * hours),
                    status: CostStatus::Priced,
                    assumptions,
                    estimate,
                    components: vec![component],
                }
            }
            Err(why) => CostEstimate::status(CostStatus::Unpriced(why), assumptions, false),
        };
    }

    let routing = model.routing().unwrap_or(Routing::InRegion);
    let (tier, tier_note) = call_tier(model_id, usage);
    assumptions.extend(tier_note);
    match rates_for(catalog, model_id, routing, region, tier) {
        Ok(rates) => {
            assumptions.extend(rates.assumptions.iter().cloned());
            if tier != Tier::Standard {
                assumptions.push(format!("{tier} tier prices"));
            }
            let Some(u) = usage.filter(|u| u.has_quantities()) else {
                let mut e =
                    CostEstimate::status(CostStatus::UsageUnknown, assumptions, rates.estimate);
                e.components = call_components(&rates, None);
                return e;
            };
            let m = rates.lines(u);
            assumptions.extend(m.notes.iter().cloned());
            if !m.missing.is_empty() {
                return CostEstimate::status(
                    CostStatus::Unpriced(m.missing.join("; ")),
                    assumptions,
                    rates.estimate,
                );
            }
            CostEstimate {
                hourly_usd: None,
                monthly_usd: Some(m.total()),
                status: CostStatus::Priced,
                assumptions,
                estimate: rates.estimate,
                components: call_components(&rates, Some(&m)),
            }
        }
        Err(why) => CostEstimate::status(CostStatus::Unpriced(why), assumptions, false),
    }
}
