//! A resource with the usage declared for it and its monthly cost: what rules and reporters read.

use crate::config::Config;
use crate::model::BedrockResource;

use super::{estimate, CostEstimate, Usage};

#[derive(Debug, Clone)]
pub struct PricedResource {
    pub resource: BedrockResource,
    /// The `[usage."KEY"]` entry that applies, and its key.
    pub usage: Option<(String, Usage)>,
    pub cost: CostEstimate,
}

impl PricedResource {
    pub fn usage(&self) -> Option<&Usage> {
        self.usage.as_ref().map(|(_, u)| u)
    }
}

/// Prices one resource: the most specific usage key wins (`ADDR#attr`, `ADDR[i]`, `ADDR`, model ID).
pub fn price(resource: BedrockResource, config: &Config) -> PricedResource {
    let usage = resource
        .usage_keys()
        .into_iter()
        .find_map(|k| config.usage.get(&k).map(|u| (k, u.clone())));
    let cost = estimate(&resource, usage.as_ref().map(|(_, u)| u), &config.catalog);
    PricedResource { resource, usage, cost }
}
