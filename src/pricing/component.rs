//! `CostComponent`: one billed line of a resource, in the shape Infracost uses — what is billed, per
//! what unit, at what sourced price, how much of it, and the monthly cost. A resource's estimate is the
//! list of its components; a fixed component (an hourly floor, storage, model units) is priced with no
//! usage, a usage component shows its unit price until its quantity is declared.

use rust_decimal::Decimal;

/// A sourced price of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitPrice {
    /// USD per `per` units (`0.24` per 1 OCU-hour, `0.15` per 1,000 text units).
    pub usd: Decimal,
    /// How many units the price is for: 1, 1,000 or 1,000,000.
    pub per: Decimal,
    pub source: String,
    pub as_of: String,
    /// A third party's figure, or a rate assumed for this Region.
    pub estimate: bool,
}

impl UnitPrice {
    /// The cost of `quantity` units.
    pub fn cost(&self, quantity: Decimal) -> Decimal {
        quantity / self.per * self.usd
    }
}

/// How much of a component is billed in a month.
#[derive(Debug, Clone, PartialEq)]
pub enum Quantity {
    /// Follows from the configuration alone (2 OCU × 730 hours, one stored model).
    Fixed(Decimal),
    /// From the `[usage]` entry: the field that gave it.
    Declared { value: Decimal, field: &'static str },
    /// Needs this usage field to be priced.
    NeedsUsage { field: &'static str },
}

impl Quantity {
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Quantity::Fixed(v) | Quantity::Declared { value: v, .. } => Some(*v),
            Quantity::NeedsUsage { .. } => None,
        }
    }

    /// The usage field that gives (or would give) this quantity.
    pub fn usage_field(&self) -> Option<&'static str> {
        match self {
            Quantity::Fixed(_) => None,
            Quantity::Declared { field, .. } | Quantity::NeedsUsage { field } => Some(field),
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Quantity::Fixed(_) => "fixed",
            Quantity::Declared { .. } => "usage",
            Quantity::NeedsUsage { .. } => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CostComponent {
    /// Stable key (`ocu_floor`, `input`, `content_filters`), as JSON shows it.
    pub key: String,
    /// What a reader sees (`vector search compute floor, 2 OCU (standby replicas)`).
    pub name: String,
    /// The billed unit, plural as quantities are shown (`OCU-hours`, `input tokens`, `text units`,
    /// `model-months`, `GB`); the price is per `price.per` of them.
    pub unit: String,
    pub price: UnitPrice,
    pub quantity: Quantity,
    /// Billed once (a training job), not every month: kept out of monthly totals and shown apart.
    pub one_time: bool,
}

impl CostComponent {
    /// The cost for the quantity, when it is known: monthly, or once for a one-time component.
    pub fn cost(&self) -> Option<Decimal> {
        self.quantity.value().map(|q| self.price.cost(q))
    }

    /// The monthly cost; `None` when the quantity needs usage or the component is one-time.
    pub fn monthly(&self) -> Option<Decimal> {
        if self.one_time {
            return None;
        }
        self.cost()
    }

    /// `OCU-hour`, `1K text units`, `1M input tokens`: what one price is for.
    pub fn per_unit_text(&self) -> String {
        per_unit_text(self.price.per, &self.unit)
    }

    pub fn needs_usage(&self) -> bool {
        matches!(self.quantity, Quantity::NeedsUsage { .. })
    }

    /// The price as a reader sees it: `$0.24 per OCU-hour`, `$0.15 per 1K text units`.
    pub fn unit_price_text(&self) -> String {
        format!(
            "{} per {}{}",
            crate::money::rate(self.price.usd),
            self.per_unit_text(),
            if self.price.estimate {
                " (estimate)"
            } else {
                ""
            }
        )
    }
}

/// What one price is for, from how many units it covers and their plural name: `OCU-hour`,
/// `1K text units`, `1M input tokens`, `100 tool-months`.
pub fn per_unit_text(per: Decimal, unit: &str) -> String {
    if per == Decimal::ONE {
        unit.strip_suffix('s')
            .filter(|_| !unit.ends_with("ss"))
            .unwrap_or(unit)
            .to_string()
    } else if per == Decimal::from(1_000) {
        format!("1K {unit}")
    } else if per == Decimal::from(1_000_000) {
        format!("1M {unit}")
    } else {
        format!("{} {unit}", crate::money::count(per))
    }
}
