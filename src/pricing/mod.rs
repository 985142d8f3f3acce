//! Pricing: the sourced catalog, the declared usage, and the monthly estimate of each resource.
//! Knows nothing of syntax or output.

mod catalog;
mod component;
mod csv;
mod estimate;
pub mod generate;
mod priced;
mod services;
mod usage;

pub use crate::date::Date;
pub use catalog::{
    shares_base_prices, Catalog, CatalogError, ComponentPrice, Confidence, DedicatedPrice,
    Lifecycle, LifecycleState, LifecycleStatus, ModelLookup, ModelPrice, ProvisionedPrice,
    RegionPricing, ReservedPrice, RoutingPolicy, ServicePrice, Tier, TierPrices, Tiers,
    EMBEDDED_CATALOG, STALE_AFTER_DAYS,
};
pub use component::{per_unit_text, CostComponent, Quantity, UnitPrice};
pub use estimate::{
    call_tier, commitment_label, estimate, on_demand_rates, provisioned_hourly_rate, rates_for,
    CostEstimate, CostLine, CostStatus, Monthly, OnDemandRates, HOURS_PER_MONTH,
};
pub use generate::{generate, SourceTables};
pub use priced::{price_all, PricedResource};
pub use services::{VECTOR_FLOOR_OCU, VECTOR_FLOOR_OCU_STANDBY};
pub use usage::{Latency, Usage};
