//! How money reads in output. Arithmetic stays in `Decimal`; only display rounds.

use rust_decimal::{Decimal, RoundingStrategy};

/// `1234567.5` → `1,234,567.5`: the integer part of a plain decimal string, thousands separated.
fn group_thousands(plain: &str) -> String {
    let (int, frac) = plain
        .split_once('.')
        .map_or((plain, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(plain.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(f) = frac {
        grouped.push('.');
        grouped.push_str(f);
    }
    grouped
}

/// `$12,345.68`: cents, rounded half away from zero, thousands separated.
pub fn usd(d: Decimal) -> String {
    let rounded = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let sign = if negative { "-" } else { "" };
    format!(
        "{sign}${}",
        group_thousands(&format!("{:.2}", rounded.abs()))
    )
}

/// A unit price as published: at least two decimals, more only where the price has them (`$0.0175`).
pub fn rate(d: Decimal) -> String {
    let n = d.normalize();
    if n.scale() <= 2 {
        format!("${:.2}", n)
    } else {
        format!("${n}")
    }
}

/// Token prices as findings state them: `$3.30 / $16.50 per 1M input/output tokens`, or input only.
pub fn token_prices(input: Decimal, output: Option<Decimal>) -> String {
    match output {
        Some(o) => format!("{} / {} per 1M input/output tokens", rate(input), rate(o)),
        None => format!("{} per 1M input tokens", rate(input)),
    }
}

/// Decimal as a plain string for JSON (cents for totals).
pub fn json_cents(d: Decimal) -> String {
    format!(
        "{:.2}",
        d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    )
}

/// A percentage with one decimal where needed (`10%`, `9.1%`).
pub fn percent(fraction: Decimal) -> String {
    let p = (fraction * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    format!("{p}%")
}

/// A plain count with thousands separators (`20,000`).
pub fn count(d: Decimal) -> String {
    let n = d.normalize().to_string();
    let (int, frac) = n
        .split_once('.')
        .map_or((n.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    frac.map_or(grouped.clone(), |f| format!("{grouped}.{f}"))
}

/// Token counts in millions (`1,000M`, `2.5M`).
pub fn tokens(d: Decimal) -> String {
    let m = (d / Decimal::from(1_000_000)).round_dp(2).normalize();
    let s = m.to_string();
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{grouped}.{f}M"),
        None => format!("{grouped}M"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formats() {
        assert_eq!(usd(dec!(1234567.885)), "$1,234,567.89");
        assert_eq!(usd(dec!(0)), "$0.00");
        assert_eq!(usd(dec!(-511)), "-$511.00");
        assert_eq!(rate(dec!(3.3000)), "$3.30");
        assert_eq!(rate(dec!(0.0175)), "$0.0175");
        assert_eq!(percent(dec!(0.1)), "10%");
        assert_eq!(percent(dec!(0.0909090)), "9.1%");
        assert_eq!(tokens(dec!(1000000000)), "1,000M");
        assert_eq!(tokens(dec!(2500000)), "2.5M");
        assert_eq!(count(dec!(200000)), "200,000");
        assert_eq!(count(dec!(950)), "950");
    }
}
