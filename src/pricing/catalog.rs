//! The pricing catalog (`rules/pricing.toml`, embedded at build time) and user price books merged over it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::model::Routing;

/// The catalog shipped inside the binary.
pub const EMBEDDED_CATALOG: &str = include_str!("../../rules/pricing.toml");

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
    /// The Region whose rates the model prices are.
    pub base_region: String,
    #[serde(default)]
    pub routing: BTreeMap<String, RoutingPolicy>,
    #[serde(default)]
    pub regions: BTreeMap<String, RegionPrice>,
    #[serde(default)]
    pub models: BTreeMap<String, ModelPrice>,
}

/// Price multipliers per routing, relative to the model's listed on-demand price. A routing the policy
/// does not list is not offered for its models.
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelPrice {
    pub name: String,
    pub provider: String,
    pub routing: String,
    #[serde(default)]
    pub requires_inference_profile: bool,
    #[serde(default)]
    pub superseded_by: Option<String>,
    #[serde(default)]
    pub open_weights: bool,
    pub source: String,
    pub as_of: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub on_demand: Option<OnDemandPrice>,
    #[serde(default)]
    pub provisioned: Option<ProvisionedPrice>,
    /// The same open-weights model from dedicated inference providers (third-party figures, for BL009
    /// only; never used to price a resource), keyed by provider (`together`, `groq`).
    #[serde(default)]
    pub dedicated: BTreeMap<String, DedicatedPrice>,
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

/// USD per 1M tokens.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnDemandPrice {
    pub input: Decimal,
    #[serde(default)]
    pub output: Option<Decimal>,
    #[serde(default)]
    pub cache_write: Option<Decimal>,
    #[serde(default)]
    pub cache_read: Option<Decimal>,
    #[serde(default)]
    pub batch_input: Option<Decimal>,
    #[serde(default)]
    pub batch_output: Option<Decimal>,
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
    /// The embedded catalog, with optional price books merged over it (key by key: a price book entry
    /// only needs the fields it changes).
    pub fn load(price_books: &[(String, String)]) -> Result<Catalog, CatalogError> {
        let mut merged = parse_table("embedded rules/pricing.toml", EMBEDDED_CATALOG)?;
        for (origin, text) in price_books {
            let overlay = parse_table(origin, text)?;
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
        if self.schema_version != 1 {
            return Err(format!(
                "schema_version {} is not supported (this bedrock-lint reads 1)",
                self.schema_version
            ));
        }
        for (id, m) in &self.models {
            if !self.routing.contains_key(&m.routing) {
                return Err(format!(
                    "models.\"{id}\".routing = \"{}\" names no [routing.{}] policy",
                    m.routing, m.routing
                ));
            }
            if let Some(s) = &m.superseded_by {
                if !self.models.contains_key(s) {
                    return Err(format!(
                        "models.\"{id}\".superseded_by = \"{s}\" is not in the catalog"
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

    /// The price multiplier of a Region against the base Region, and the entry it came from (`None`:
    /// the Region is not in the catalog and base-Region rates are assumed).
    pub fn region(&self, region: &str) -> (Decimal, Option<&RegionPrice>) {
        match self.regions.get(region) {
            Some(r) => (r.multiplier, Some(r)),
            None => (Decimal::ONE, None),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn embedded_catalog_loads_and_is_sourced() {
        let c = Catalog::load(&[]).expect("embedded catalog must load");
        assert!(c.models.len() >= 20);
        for (id, m) in &c.models {
            assert!(m.source.starts_with("https://"), "{id} source");
            assert!(m.as_of.len() == 10, "{id} as_of");
        }
    }

    #[test]
    fn contextual_variants_and_minor_versions_resolve() {
        let c = Catalog::load(&[]).expect("catalog");
        assert_eq!(
            c.model("amazon.titan-text-lite-v1:0:4k").map(|m| m.id),
            Some("amazon.titan-text-lite-v1")
        );
        assert_eq!(
            c.model("amazon.nova-pro-v1:0").map(|m| m.id),
            Some("amazon.nova-pro-v1:0")
        );
        assert!(c
            .model("anthropic.claude-3-5-sonet-20241022-v2:0")
            .is_none());
    }

    #[test]
    fn price_book_merges_field_by_field() {
        let book = r#"
[models."anthropic.claude-3-5-sonnet-20241022-v2:0".provisioned]
one_month = "40.00"
source = "https://example.com/our-contract"
as_of = "2026-01-01"
confidence = "estimate"
"#;
        let c = Catalog::load(&[("book.toml".into(), book.into())]).expect("merged");
        let m = c
            .model("anthropic.claude-3-5-sonnet-20241022-v2:0")
            .expect("model");
        assert_eq!(
            m.price.provisioned.as_ref().and_then(|p| p.one_month),
            Some(dec!(40.00))
        );
        // The on-demand price from the embedded catalog is kept.
        assert_eq!(
            m.price.on_demand.as_ref().map(|p| p.input),
            Some(dec!(3.00))
        );
    }

    #[test]
    fn price_book_errors_name_the_problem() {
        let err = Catalog::load(&[("book.toml".into(), "[models.\"x.y-v1\"]\nname = 1\n".into())])
            .expect_err("invalid");
        assert!(
            err.to_string().contains("catalog merged with book.toml"),
            "{err}"
        );
        let err = Catalog::load(&[("book.toml".into(), "[models\n".into())]).expect_err("syntax");
        assert!(err.to_string().starts_with("book.toml:"), "{err}");
    }
}
