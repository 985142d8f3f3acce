//! The pricing catalog (`rules/pricing.toml`, generated from `catalog/*.csv` and embedded at build
//! time) and user price books merged over it. Schema 2: per-model prices by tier, Region rows where a
//! Region differs, routing-specific rows, dated price changes, lifecycle, provisioned and reserved rates.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::date::Date;
use crate::model::{Geography, Routing};

/// The catalog shipped inside the binary.
pub const EMBEDDED_CATALOG: &str = include_str!("../../rules/pricing.toml");

/// A catalog older than this (against today) is called stale in the run's notes.
pub const STALE_AFTER_DAYS: i64 = 120;

/// Where a figure comes from: AWS's (or the model vendor's) own published material, or a third party.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    #[default]
    Published,
    Estimate,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub schema_version: u32,
    /// The newest date of any figure in the catalog.
    pub as_of: String,
    /// The Region whose rates a model's default prices are.
    pub base_region: String,
    #[serde(default)]
    pub routing: BTreeMap<String, RoutingPolicy>,
    /// Fallback multipliers for Regions (GovCloud) for models with no row of their own there.
    #[serde(default)]
    pub regions: BTreeMap<String, RegionPrice>,
    #[serde(default)]
    pub models: BTreeMap<String, ModelPrice>,
    /// What Bedrock bills besides model tokens: vector stores, guardrails, AgentCore, customization,
    /// log delivery.
    #[serde(default)]
    pub services: BTreeMap<String, ServicePrice>,
    /// The date lifecycle states and dated price changes are judged at (not in the file).
    #[serde(skip, default = "Date::today")]
    pub today: Date,
}

/// Price multipliers per routing, relative to the model's listed price. A routing the policy does not
/// list is not offered for its models.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingPolicy {
    #[serde(default)]
    pub description: Option<String>,
    pub in_region: Option<Decimal>,
    pub geo: Option<Decimal>,
    pub global: Option<Decimal>,
    pub source: String,
    pub as_of: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
}

impl RoutingPolicy {
    pub fn multiplier(&self, routing: Routing) -> Option<Decimal> {
        match routing {
            Routing::InRegion => self.in_region,
            Routing::Geo(_) => self.geo,
            Routing::Global => self.global,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionPrice {
    pub multiplier: Decimal,
    pub source: String,
    pub as_of: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
}

/// Whether one price holds in every commercial Region.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionPricing {
    /// The same in every commercial Region (Anthropic): a Region with no row is priced exactly.
    Same,
    /// Regions differ: a Region with no row is priced at base-Region rates, as an estimate.
    #[default]
    Vary,
}

/// A service tier. `standard` is on-demand.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Standard,
    Batch,
    Priority,
    Flex,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Standard, Tier::Batch, Tier::Priority, Tier::Flex];

    pub fn key(self) -> &'static str {
        match self {
            Tier::Standard => "standard",
            Tier::Batch => "batch",
            Tier::Priority => "priority",
            Tier::Flex => "flex",
        }
    }

    /// The tier a model ID's suffix asks for (`...:flex`, `...:priority`), as app config may write it.
    pub fn from_id_suffix(model_id: &str) -> Option<Tier> {
        match model_id.rsplit_once(':')?.1 {
            "flex" => Some(Tier::Flex),
            "priority" => Some(Tier::Priority),
            _ => None,
        }
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// The four tier tables of one price level (default, a Region, a routing, a dated change).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tiers {
    pub standard: Option<TierPrices>,
    pub batch: Option<TierPrices>,
    pub priority: Option<TierPrices>,
    pub flex: Option<TierPrices>,
}

impl Tiers {
    pub fn get(&self, tier: Tier) -> Option<&TierPrices> {
        match tier {
            Tier::Standard => self.standard.as_ref(),
            Tier::Batch => self.batch.as_ref(),
            Tier::Priority => self.priority.as_ref(),
            Tier::Flex => self.flex.as_ref(),
        }
    }
}

/// One tier's price components. Tokens: USD per 1M. `long_above`: the prompt size (tokens) above which
/// the `*_long` rates apply.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierPrices {
    pub input: Option<Decimal>,
    pub output: Option<Decimal>,
    pub cache_write_5m: Option<Decimal>,
    pub cache_write_1h: Option<Decimal>,
    pub cache_read: Option<Decimal>,
    pub long_above: Option<u64>,
    pub input_long: Option<Decimal>,
    pub output_long: Option<Decimal>,
    pub cache_write_5m_long: Option<Decimal>,
    pub cache_write_1h_long: Option<Decimal>,
    pub cache_read_long: Option<Decimal>,
    pub per_image: Option<Decimal>,
    pub per_video_second: Option<Decimal>,
    pub per_audio_second: Option<Decimal>,
    pub per_1k_queries: Option<Decimal>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub as_of: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
}

impl TierPrices {
    /// Every money component with its name, in a fixed order.
    pub fn components(&self) -> [(&'static str, Option<Decimal>); 14] {
        [
            ("input", self.input),
            ("output", self.output),
            ("cache_write_5m", self.cache_write_5m),
            ("cache_write_1h", self.cache_write_1h),
            ("cache_read", self.cache_read),
            ("input_long", self.input_long),
            ("output_long", self.output_long),
            ("cache_write_5m_long", self.cache_write_5m_long),
            ("cache_write_1h_long", self.cache_write_1h_long),
            ("cache_read_long", self.cache_read_long),
            ("per_image", self.per_image),
            ("per_video_second", self.per_video_second),
            ("per_audio_second", self.per_audio_second),
            ("per_1k_queries", self.per_1k_queries),
        ]
    }

    /// The same prices times `factor` (routing premium, Region multiplier).
    pub fn scaled(&self, factor: Decimal) -> TierPrices {
        let m = |v: Option<Decimal>| v.map(|x| (x * factor).normalize());
        TierPrices {
            input: m(self.input),
            output: m(self.output),
            cache_write_5m: m(self.cache_write_5m),
            cache_write_1h: m(self.cache_write_1h),
            cache_read: m(self.cache_read),
            long_above: self.long_above,
            input_long: m(self.input_long),
            output_long: m(self.output_long),
            cache_write_5m_long: m(self.cache_write_5m_long),
            cache_write_1h_long: m(self.cache_write_1h_long),
            cache_read_long: m(self.cache_read_long),
            per_image: m(self.per_image),
            per_video_second: m(self.per_video_second),
            per_audio_second: m(self.per_audio_second),
            per_1k_queries: m(self.per_1k_queries),
            ..self.clone()
        }
    }

    /// `self` with every component `later` sets replaced, and `later`'s source.
    fn overlaid(&self, later: &TierPrices) -> TierPrices {
        let pick = |a: Option<Decimal>, b: Option<Decimal>| b.or(a);
        TierPrices {
            input: pick(self.input, later.input),
            output: pick(self.output, later.output),
            cache_write_5m: pick(self.cache_write_5m, later.cache_write_5m),
            cache_write_1h: pick(self.cache_write_1h, later.cache_write_1h),
            cache_read: pick(self.cache_read, later.cache_read),
            long_above: later.long_above.or(self.long_above),
            input_long: pick(self.input_long, later.input_long),
            output_long: pick(self.output_long, later.output_long),
            cache_write_5m_long: pick(self.cache_write_5m_long, later.cache_write_5m_long),
            cache_write_1h_long: pick(self.cache_write_1h_long, later.cache_write_1h_long),
            cache_read_long: pick(self.cache_read_long, later.cache_read_long),
            per_image: pick(self.per_image, later.per_image),
            per_video_second: pick(self.per_video_second, later.per_video_second),
            per_audio_second: pick(self.per_audio_second, later.per_audio_second),
            per_1k_queries: pick(self.per_1k_queries, later.per_1k_queries),
            source: later.source.clone(),
            as_of: later.as_of.clone(),
            confidence: later.confidence,
            note: later.note.clone().or_else(|| self.note.clone()),
        }
    }
}

/// Active, legacy (with its end-of-life date when known) or end of life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LifecycleStatus {
    Active,
    Legacy,
    Eol,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    pub status: LifecycleStatus,
    /// `YYYY-MM-DD`: calls fail from this day on.
    #[serde(default)]
    pub eol: Option<String>,
    #[serde(default)]
    pub successor: Option<String>,
    pub source: String,
    pub as_of: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
}

/// A model's state on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifecycleState {
    Active,
    /// Still callable; `eol` when the date is known, with the days left.
    Legacy {
        eol: Option<(Date, i64)>,
    },
    /// Calls fail (since `eol` when known).
    EndOfLife {
        eol: Option<Date>,
    },
}

impl Lifecycle {
    pub fn eol_date(&self) -> Option<Date> {
        self.eol.as_deref().and_then(Date::parse)
    }

    /// The state on `today`: a legacy model whose end-of-life date has come is end of life.
    pub fn state(&self, today: Date) -> LifecycleState {
        let eol = self.eol_date();
        match (self.status, eol) {
            (LifecycleStatus::Eol, eol) => LifecycleState::EndOfLife { eol },
            (_, Some(d)) if d <= today => LifecycleState::EndOfLife { eol: Some(d) },
            (LifecycleStatus::Legacy, eol) => LifecycleState::Legacy {
                eol: eol.map(|d| (d, today.days_until(d))),
            },
            (LifecycleStatus::Active, Some(d)) => LifecycleState::Legacy {
                eol: Some((d, today.days_until(d))),
            },
            (LifecycleStatus::Active, None) => LifecycleState::Active,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelPrice {
    pub name: String,
    pub provider: String,
    pub routing: String,
    /// The profiles the model has: geography prefixes (`us`, `eu`, `jp`, `in`, ...) and `global`.
    /// `None`: not known, so any profile the routing policy allows is accepted.
    #[serde(default)]
    pub routes: Option<Vec<String>>,
    #[serde(default)]
    pub requires_inference_profile: bool,
    /// Regions where the bare ID is served anyway (a runtime exception, or the Mantle endpoint, which
    /// a config cannot be told apart from): a profile-only model is not reported there.
    #[serde(default)]
    pub bare_id_regions: Vec<String>,
    #[serde(default)]
    pub open_weights: bool,
    #[serde(default)]
    pub region_prices: RegionPricing,
    #[serde(default)]
    pub superseded_by: Option<String>,
    pub source: String,
    pub as_of: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub lifecycle: Option<Lifecycle>,
    /// Default rates by tier (the global price under a `global-discount` policy).
    #[serde(default)]
    pub prices: Tiers,
    /// Final prices for one routing (`global`, `regional` = geo and in-Region), where AWS lists a figure
    /// that is not the policy's multiple.
    #[serde(default)]
    pub routings: BTreeMap<String, Tiers>,
    /// Final prices in one Region, by tier.
    #[serde(default)]
    pub regions: BTreeMap<String, Tiers>,
    /// Default rates that change on a date (`YYYY-MM-DD`), by tier.
    #[serde(default)]
    pub changes: BTreeMap<String, Tiers>,
    #[serde(default)]
    pub provisioned: Option<ProvisionedPrice>,
    /// The reserved tier (Claude), by routing (`global`, `geo`).
    #[serde(default)]
    pub reserved: BTreeMap<String, ReservedPrice>,
    /// The same open-weights model from dedicated inference providers (third-party figures, for BL009
    /// only; never used to price a resource), keyed by provider (`together`, `groq`).
    #[serde(default)]
    pub dedicated: BTreeMap<String, DedicatedPrice>,
}

impl ModelPrice {
    /// Whether the model has a profile for this routing (`None` routes: assumed yes).
    pub fn offers(&self, routing: Routing) -> bool {
        let Some(routes) = &self.routes else {
            return true;
        };
        match routing {
            Routing::InRegion => true,
            Routing::Global => routes.iter().any(|r| r == "global"),
            Routing::Geo(g) => routes.iter().any(|r| r == g.prefix()),
        }
    }

    /// The profiles as written (`us., eu., global.`), for messages.
    pub fn routes_text(&self) -> String {
        match &self.routes {
            None => "not known".into(),
            Some(r) if r.is_empty() => "none (in-Region only)".into(),
            Some(r) => r
                .iter()
                .map(|x| format!("{x}."))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// Default rates of a tier on a date: the listed prices with every dated change up to that day.
    pub fn default_prices(&self, tier: Tier, on: Date) -> Option<TierPrices> {
        let mut current = self.prices.get(tier).cloned();
        for (date, tiers) in &self.changes {
            let Some(d) = Date::parse(date) else { continue };
            if d > on {
                continue;
            }
            if let Some(later) = tiers.get(tier) {
                current = Some(match current {
                    Some(c) => c.overlaid(later),
                    None => later.clone(),
                });
            }
        }
        current
    }

    pub fn lifecycle_state(&self, today: Date) -> LifecycleState {
        self.lifecycle
            .as_ref()
            .map_or(LifecycleState::Active, |l| l.state(today))
    }
}

/// An open-weights model's price at a dedicated inference provider, USD per 1M tokens.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DedicatedPrice {
    /// The provider's name as shown (`Groq`).
    pub provider: String,
    pub input: Decimal,
    /// `None` where the source gives the input price only.
    #[serde(default)]
    pub output: Option<Decimal>,
    pub source: String,
    pub as_of: String,
    /// Third-party figures: `estimate` unless the provider's own page is the source.
    #[serde(default = "estimate")]
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
}

fn estimate() -> Confidence {
    Confidence::Estimate
}

/// USD per model unit per hour, by commitment term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvisionedPrice {
    #[serde(default)]
    pub no_commitment: Option<Decimal>,
    #[serde(default)]
    pub one_month: Option<Decimal>,
    #[serde(default)]
    pub six_months: Option<Decimal>,
    /// One MU's capacity; AWS does not publish it, so only a user price book sets it.
    #[serde(default)]
    pub tokens_per_minute_per_unit: Option<u64>,
    pub source: String,
    pub as_of: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
}

/// The reserved tier: USD per 1K tokens-per-minute of reserved capacity per hour, by term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReservedPrice {
    pub one_month_input: Option<Decimal>,
    pub one_month_output: Option<Decimal>,
    pub three_months_input: Option<Decimal>,
    pub three_months_output: Option<Decimal>,
    pub source: String,
    pub as_of: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
}

/// One billed service other than model tokens (`[services.guardrails]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicePrice {
    pub name: String,
    #[serde(default)]
    pub components: BTreeMap<String, ComponentPrice>,
    /// Components priced per model (`[services.customization.models."ID".training]`).
    #[serde(default)]
    pub models: BTreeMap<String, BTreeMap<String, ComponentPrice>>,
}

/// The price of one component: USD per `per` `unit`s.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentPrice {
    pub name: String,
    pub unit: String,
    pub per: Decimal,
    pub price: Decimal,
    pub source: String,
    pub as_of: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
}

/// A model found in the catalog, under the key it was found by.
#[derive(Debug, Clone, Copy)]
pub struct ModelLookup<'a> {
    pub id: &'a str,
    pub price: &'a ModelPrice,
    pub routing: &'a RoutingPolicy,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{origin}: {message}")]
    Syntax { origin: String, message: String },
    #[error("{origin}: {message}")]
    Invalid { origin: String, message: String },
}

impl Catalog {
    /// The price of a service's component (`("guardrails", "content_filters")`).
    pub fn service_component(&self, service: &str, component: &str) -> Option<&ComponentPrice> {
        self.services.get(service)?.components.get(component)
    }

    /// A service's per-model component (`("customization", "training", "meta.llama3-1-8b-…")`).
    pub fn service_model_component(
        &self,
        service: &str,
        component: &str,
        model_id: &str,
    ) -> Option<&ComponentPrice> {
        self.services
            .get(service)?
            .models
            .get(model_id)?
            .get(component)
    }

    /// The embedded catalog, with optional price books merged over it (key by key: a price book entry
    /// only needs the fields it changes).
    pub fn load(price_books: &[(String, String)]) -> Result<Catalog, CatalogError> {
        let mut merged = parse_table("embedded rules/pricing.toml", EMBEDDED_CATALOG)?;
        for (origin, text) in price_books {
            let overlay = parse_table(origin, text)?;
            if let Some(message) = schema_1_key(&overlay).or_else(|| unsourced_prices(&overlay)) {
                return Err(CatalogError::Invalid {
                    origin: origin.clone(),
                    message,
                });
            }
            merge_tables(&mut merged, overlay);
        }
        let origin = if price_books.is_empty() {
            "embedded rules/pricing.toml".to_string()
        } else {
            let names: Vec<&str> = price_books.iter().map(|(o, _)| o.as_str()).collect();
            format!("catalog merged with {}", names.join(", "))
        };
        let catalog: Catalog =
            toml::Value::Table(merged)
                .try_into()
                .map_err(|e: toml::de::Error| CatalogError::Invalid {
                    origin: origin.clone(),
                    message: e.message().to_string(),
                })?;
        catalog
            .validate()
            .map_err(|message| CatalogError::Invalid { origin, message })?;
        Ok(catalog)
    }

    fn validate(&self) -> Result<(), String> {
        if self.schema_version != 2 {
            return Err(format!(
                "schema_version {} is not supported (this bedrock-lint reads 2)",
                self.schema_version
            ));
        }
        if Date::parse(&self.as_of).is_none() {
            return Err(format!(
                "as_of = \"{}\" is not a YYYY-MM-DD date",
                self.as_of
            ));
        }
        for (id, m) in &self.models {
            if !self.routing.contains_key(&m.routing) {
                return Err(format!(
                    "models.\"{id}\".routing = \"{}\" names no [routing.{}] policy",
                    m.routing, m.routing
                ));
            }
            let successors = [
                ("superseded_by", m.superseded_by.as_ref()),
                (
                    "lifecycle.successor",
                    m.lifecycle.as_ref().and_then(|l| l.successor.as_ref()),
                ),
            ];
            for (field, s) in successors {
                if let Some(s) = s {
                    if !self.models.contains_key(s) {
                        return Err(format!(
                            "models.\"{id}\".{field} = \"{s}\" is not in the catalog"
                        ));
                    }
                }
            }
            if let Some(l) = &m.lifecycle {
                if let Some(eol) = &l.eol {
                    if Date::parse(eol).is_none() {
                        return Err(format!(
                            "models.\"{id}\".lifecycle.eol = \"{eol}\" is not a YYYY-MM-DD date"
                        ));
                    }
                }
            }
            if let Some(bad) = m.changes.keys().find(|d| Date::parse(d).is_none()) {
                return Err(format!(
                    "models.\"{id}\".changes.\"{bad}\": not a YYYY-MM-DD date"
                ));
            }
            if let Some(bad) = m
                .routings
                .keys()
                .find(|r| *r != "global" && *r != "regional")
            {
                return Err(format!(
                    "models.\"{id}\".routings.{bad}: only `global` and `regional` are routings"
                ));
            }
            if let Some(routes) = &m.routes {
                if let Some(bad) = routes
                    .iter()
                    .find(|r| *r != "global" && Geography::from_prefix(r).is_none())
                {
                    return Err(format!(
                        "models.\"{id}\".routes: `{bad}` is not a geography prefix or `global`"
                    ));
                }
            }
        }
        Ok(())
    }

    /// Finds a model by ID, trying the ID as written, then without a service-tier hint (`:flex`), a
    /// contextual variant (`:8k`) or a minor version (`:0`), so `amazon.titan-text-lite-v1:0:4k` prices
    /// as `amazon.titan-text-lite-v1`.
    pub fn model(&self, model_id: &str) -> Option<ModelLookup<'_>> {
        lookup_candidates(model_id)
            .into_iter()
            .find_map(|candidate| {
                let (id, price) = self.models.get_key_value(candidate.as_str())?;
                let routing = self.routing.get(&price.routing)?;
                Some(ModelLookup { id, price, routing })
            })
    }

    /// The fallback multiplier of a Region for models with no row there, and its entry.
    pub fn region_fallback(&self, region: &str) -> Option<&RegionPrice> {
        self.regions.get(region)
    }

    pub fn as_of_date(&self) -> Option<Date> {
        Date::parse(&self.as_of)
    }

    /// The run's notes about the catalog: its date, and whether it is stale against today.
    pub fn notes(&self) -> Vec<String> {
        let Some(as_of) = self.as_of_date() else {
            return Vec::new();
        };
        let age = as_of.days_until(self.today);
        let mut notes = vec![format!(
            "prices from the bedrock-lint catalog of {as_of} (its newest source)"
        )];
        if age > STALE_AFTER_DAYS {
            notes.push(format!(
                "the pricing catalog is {age} days older than today ({}): prices may have changed; update bedrock-lint or add a price book",
                self.today
            ));
        }
        notes
    }
}

/// US East (N. Virginia), US East (Ohio) and US West (Oregon) share one price table on the AWS page.
pub fn shares_base_prices(region: &str) -> bool {
    matches!(region, "us-east-1" | "us-east-2" | "us-west-2")
}

fn lookup_candidates(model_id: &str) -> Vec<String> {
    let mut out = vec![model_id.to_string()];
    let mut current = model_id;
    // Peel `:suffix` parts from the right: tier hints and context variants first, then a numeric minor.
    while let Some((head, tail)) = current.rsplit_once(':') {
        if tail.is_empty() {
            break;
        }
        out.push(head.to_string());
        current = head;
    }
    out
}

/// A price book written for schema 1 (`[models."ID".on_demand]`, `[regions."R"]` multipliers only):
/// say what the key is now rather than "unknown field".
fn schema_1_key(overlay: &toml::Table) -> Option<String> {
    let models = overlay.get("models")?.as_table()?;
    models.iter().find_map(|(id, m)| {
        m.as_table()?.contains_key("on_demand").then(|| {
            format!(
                "models.\"{id}\".on_demand is schema 1; this bedrock-lint reads schema 2: write the rates under [models.\"{id}\".prices.standard] (input, output, cache_write_5m, cache_read; batch rates under prices.batch), each table with source and as_of"
            )
        })
    })
}

/// A price book's tier table that sets a price without its own `source` and `as_of`: merged key by key,
/// it would show the embedded table's source for the user's figure.
fn unsourced_prices(overlay: &toml::Table) -> Option<String> {
    unsourced_service_prices(overlay).or_else(|| unsourced_model_prices(overlay))
}

/// A price book's `[services.S.components.C]` (or `.models."ID".C`) that sets a figure must say
/// where it comes from: merged key by key, it would otherwise keep the catalog's source.
fn unsourced_service_prices(overlay: &toml::Table) -> Option<String> {
    let services = overlay.get("services")?.as_table()?;
    for (name, service) in services {
        let Some(service) = service.as_table() else {
            continue;
        };
        let mut tables: Vec<(String, &toml::Table)> = Vec::new();
        if let Some(c) = service.get("components").and_then(toml::Value::as_table) {
            for (k, v) in c {
                tables.extend(v.as_table().map(|t| (format!("components.{k}"), t)));
            }
        }
        if let Some(m) = service.get("models").and_then(toml::Value::as_table) {
            for (id, per_model) in m {
                for (k, v) in per_model.as_table().into_iter().flatten() {
                    tables.extend(v.as_table().map(|t| (format!("models.\"{id}\".{k}"), t)));
                }
            }
        }
        for (path, t) in tables {
            let sets_price = t.contains_key("price") || t.contains_key("per");
            if sets_price && !(t.contains_key("source") && t.contains_key("as_of")) {
                return Some(format!(
                    "services.{name}.{path} sets a price without its own `source` and `as_of`: say where your figures come from"
                ));
            }
        }
    }
    None
}

fn unsourced_model_prices(overlay: &toml::Table) -> Option<String> {
    let models = overlay.get("models")?.as_table()?;
    for (id, m) in models {
        let Some(m) = m.as_table() else { continue };
        let mut levels: Vec<(String, &toml::Table)> = Vec::new();
        if let Some(t) = m.get("prices").and_then(toml::Value::as_table) {
            levels.push(("prices".into(), t));
        }
        for group in ["changes", "routings", "regions"] {
            if let Some(g) = m.get(group).and_then(toml::Value::as_table) {
                for (k, v) in g {
                    if let Some(t) = v.as_table() {
                        levels.push((format!("{group}.\"{k}\""), t));
                    }
                }
            }
        }
        for (path, tiers) in levels {
            for (tier, table) in tiers {
                let Some(table) = table.as_table() else {
                    continue;
                };
                let sets_price = table
                    .keys()
                    .any(|k| !matches!(k.as_str(), "source" | "as_of" | "confidence" | "note"));
                if sets_price && !(table.contains_key("source") && table.contains_key("as_of")) {
                    return Some(format!(
                        "models.\"{id}\".{path}.{tier} sets prices without its own `source` and `as_of`: say where your figures come from"
                    ));
                }
            }
        }
    }
    None
}

fn parse_table(origin: &str, text: &str) -> Result<toml::Table, CatalogError> {
    text.parse::<toml::Table>()
        .map_err(|e| CatalogError::Syntax {
            origin: origin.to_string(),
            message: e.to_string(),
        })
}

fn merge_tables(base: &mut toml::Table, overlay: toml::Table) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge_tables(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}
