//! The run's cost in the parts every format states: what is fixed, what comes from declared usage,
//! what is billed once, and how many resources need usage or have no price. "Unknown" is never
//! shown as "$0.00".

use rust_decimal::Decimal;

use crate::money;
use crate::pricing::{CostStatus, PricedResource, Quantity};
use crate::Report;

/// How one resource's estimate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// Every component is known.
    Priced,
    /// At least one component needs usage (its known part, if any, is in the total).
    NeedsUsage,
    /// No price in the catalog, or a value the price depends on is unknown.
    NotPriced,
    /// Nothing is billed for it here (end of life, removed by a plan, nothing configured).
    NoCharge,
}

pub(crate) fn standing(r: &PricedResource) -> Standing {
    let needs = r.cost.components.iter().any(|c| c.needs_usage());
    match &r.cost.status {
        CostStatus::UsageUnknown => Standing::NeedsUsage,
        _ if needs => Standing::NeedsUsage,
        CostStatus::Priced => Standing::Priced,
        CostStatus::Unpriced(_) => Standing::NotPriced,
        CostStatus::NotPriced(_) => Standing::NoCharge,
    }
}

/// The fixed part of a resource's monthly figure (components priced from the configuration alone).
pub(crate) fn fixed_monthly(r: &PricedResource) -> Option<Decimal> {
    // A monthly figure without components (none is made today) counts as declared usage.
    r.cost.monthly_usd.map(|_| r.cost.fixed_monthly())
}

/// The part of a resource's monthly figure that comes from declared usage.
pub(crate) fn usage_monthly(r: &PricedResource) -> Option<Decimal> {
    r.cost
        .monthly_usd
        .map(|m| m - fixed_monthly(r).unwrap_or_default())
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CostTotals {
    /// Sum of the known monthly figures: `fixed + usage`.
    pub monthly: Decimal,
    pub fixed: Decimal,
    pub usage: Decimal,
    /// Known one-time charges (training jobs), kept out of `monthly`.
    pub one_time: Decimal,
    /// Resources with a known monthly figure (in part or whole).
    pub with_figure: usize,
    pub needs_usage: usize,
    pub not_priced: usize,
    pub no_charge: usize,
    /// Whether any one-time component has a known cost.
    pub has_one_time: bool,
}

impl CostTotals {
    pub fn of(report: &Report) -> Self {
        Self::of_resources(&report.resources)
    }

    pub fn of_resources(resources: &[PricedResource]) -> Self {
        let mut t = CostTotals::default();
        for r in resources {
            if let Some(m) = r.cost.monthly_usd {
                t.monthly += m;
                t.with_figure += 1;
                t.fixed += fixed_monthly(r).unwrap_or_default();
                t.usage += usage_monthly(r).unwrap_or_default();
            }
            if let Some(o) = r.cost.one_time_usd() {
                t.one_time += o;
                t.has_one_time = true;
            }
            match standing(r) {
                Standing::Priced => {}
                Standing::NeedsUsage => t.needs_usage += 1,
                Standing::NotPriced => t.not_priced += 1,
                Standing::NoCharge => t.no_charge += 1,
            }
        }
        t
    }

    /// `$47,988.35/month ($41,334.00 fixed + $6,654.35 from declared usage) + $120.00 one-time`, or
    /// `None` when no resource has a monthly figure.
    pub fn figure(&self) -> Option<String> {
        if self.with_figure == 0 {
            return None;
        }
        let split = match (self.fixed.is_zero(), self.usage.is_zero()) {
            (false, false) => format!(
                " ({} fixed + {} from declared usage)",
                money::usd(self.fixed),
                money::usd(self.usage)
            ),
            (false, true) => " (fixed)".to_string(),
            (true, false) => " (from declared usage)".to_string(),
            (true, true) => String::new(),
        };
        Some(format!(
            "{}/month{split}{}",
            money::usd(self.monthly),
            self.one_time_text()
        ))
    }

    /// ` + $120.00 one-time`, or empty.
    pub fn one_time_text(&self) -> String {
        if self.has_one_time {
            format!(" + {} one-time", money::usd(self.one_time))
        } else {
            String::new()
        }
    }

    /// `1 resource needs usage`, `3 resources need usage`: how every format starts that count.
    pub fn needs_usage_phrase(&self) -> String {
        if self.needs_usage == 1 {
            "1 resource needs usage".to_string()
        } else {
            format!("{} resources need usage", self.needs_usage)
        }
    }

    /// What is still missing: `3 resources need usage to be priced (bedrock-lint usage)`,
    /// `1 resource not priced (no price in the catalog, or a value unknown)`; empty when nothing is.
    pub fn missing(&self, usage_hint: &str) -> Vec<String> {
        let mut out = Vec::new();
        if self.needs_usage > 0 {
            out.push(format!(
                "{} to be priced{usage_hint}",
                self.needs_usage_phrase()
            ));
        }
        if self.not_priced > 0 {
            out.push(format!(
                "{} not priced (no price in the catalog, or a value unknown)",
                plural(self.not_priced, "resource")
            ));
        }
        out
    }

    /// The whole statement: `estimated $X/month (...); 3 resources need usage to be priced (...)`,
    /// or `no monthly figure yet: 4 resources need usage ...`, never `$0.00/month` for nothing known.
    pub fn statement(&self, usage_hint: &str) -> String {
        let missing = self.missing(usage_hint);
        match self.figure() {
            Some(f) if missing.is_empty() => format!("estimated {f}"),
            Some(f) => format!("estimated {f}; {}", missing.join("; ")),
            None if missing.is_empty() => {
                let not_billed = if self.no_charge > 0 {
                    format!(
                        " ({} not billed here: see `bedrock-lint cost`)",
                        plural(self.no_charge, "resource")
                    )
                } else {
                    String::new()
                };
                format!("no monthly charge{}{not_billed}", self.one_time_text())
            }
            None => format!(
                "no monthly figure yet{}: {}",
                self.one_time_text(),
                missing.join("; ")
            ),
        }
    }
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A component's quantity as a reader sees it: `1,460 OCU-hours`, `needs text_units_per_month`.
pub(crate) fn quantity_text(c: &crate::pricing::CostComponent) -> String {
    match &c.quantity {
        Quantity::Fixed(v) | Quantity::Declared { value: v, .. } => {
            let million = Decimal::from(1_000_000);
            // Token counts in millions where that is exact (`400M input tokens`).
            let number = if c.price.per == million
                && *v >= million
                && (*v / million).normalize().scale() <= 2
            {
                money::tokens(*v)
            } else {
                money::count(*v)
            };
            let unit = if *v == Decimal::ONE {
                c.unit
                    .strip_suffix('s')
                    .filter(|_| !c.unit.ends_with("ss"))
                    .unwrap_or(&c.unit)
            } else {
                &c.unit
            };
            format!("{number} {unit}")
        }
        Quantity::NeedsUsage { field } => format!("needs {field}"),
    }
}

/// A component's cost as a reader sees it: `$350.40`, `$120.00 once`, `?` (needs usage).
pub(crate) fn component_cost_text(c: &crate::pricing::CostComponent) -> String {
    match c.cost() {
        Some(v) if c.one_time => format!("{} once", money::usd(v)),
        Some(v) => money::usd(v),
        None => "?".to_string(),
    }
}
