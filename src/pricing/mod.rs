//! Pricing: the sourced catalog, the declared usage, and the monthly estimate of each resource.
//! Knows nothing of syntax or output.

mod catalog;
mod estimate;
mod priced;
mod usage;

pub use catalog::{
    Catalog, CatalogError, Confidence, DedicatedPrice, ModelLookup, ModelPrice, OnDemandPrice,
    ProvisionedPrice, RoutingPolicy, EMBEDDED_CATALOG,
};
pub use estimate::commitment_label;
pub use estimate::{
    estimate, on_demand_rates, provisioned_hourly_rate, CostEstimate, CostStatus, OnDemandRates,
    HOURS_PER_MONTH,
};
pub use priced::{price_all, PricedResource};
pub use usage::{Latency, Usage};
