//! `bedrock-lint cost`: a per-resource monthly breakdown with a total, like `infracost breakdown`.

use std::fmt::Write as _;

use super::totals::{component_cost_text, quantity_text, CostTotals};
use super::{model_label, routing_label};
use crate::money;
use crate::pricing::{CostComponent, CostStatus, PricedResource};
use crate::Report;

/// The breakdown at 100 columns (what a pipe or a CI log gets).
pub fn render_cost_table(report: &Report) -> String {
    render_cost_breakdown(report, Some(100))
}

/// `bedrock-lint cost`: with a width, each resource as its monthly cost and address on one line and
/// its model, routing, Region, units and location under it, wrapped to fit; with `None` (`--wide`),
/// one row per resource with every column, however wide.
pub fn render_cost_breakdown(report: &Report, width: Option<usize>) -> String {
    let out = match width {
        Some(width) => render_narrow(report, width),
        None => render_table(report),
    };
    super::text::neutralize_workflow_commands(out)
}

/// How a figure that uses a third-party or assumed price is marked.
const ESTIMATE: &str = " (estimate)";

fn render_narrow(report: &Report, width: usize) -> String {
    let mut notes: Vec<String> = Vec::new();
    let rows: Vec<[String; 8]> = report
        .resources
        .iter()
        .map(|r| row(r, &mut notes))
        .collect();
    // The money column: as wide as its widest cell (refs such as `[3]` go after the address).
    // The amount alone: an `(estimate)` mark goes after the address, with the refs, so the column
    // stays as narrow as its figures.
    let cost_of = |row: &[String; 8]| {
        let cost = row[7].split(" [").next().unwrap_or("");
        cost.strip_suffix(ESTIMATE).unwrap_or(cost).to_string()
    };
    let money_w = rows
        .iter()
        .map(|r| cost_of(r).chars().count())
        .chain(["MONTHLY".len()])
        .max()
        .unwrap_or(7);
    let indent = " ".repeat(money_w + 2);
    let mut out = String::new();
    let _ = writeln!(out, "{:>money_w$}  RESOURCE", "MONTHLY");
    for (r, row) in report.resources.iter().zip(&rows) {
        let refs = row[7]
            .find(" [")
            .map_or(String::new(), |i| row[7][i..].to_string());
        let estimate = if row[7].split(" [").next().unwrap_or("").ends_with(ESTIMATE) {
            ESTIMATE
        } else {
            ""
        };
        let head = format!("{:>money_w$}  {}{estimate}{refs}", cost_of(row), row[0]);
        out.push_str(&super::text::wrap(&head, width, "", &indent));
        // Model, routing, Region, units × term, hourly, location; a `-` (not applicable) left out.
        let mut detail: Vec<String> = row[2..6].iter().filter(|c| *c != "-").cloned().collect();
        if row[6] != "-" {
            detail.push(format!("{}/hour", row[6]));
        }
        detail.push(row[1].clone());
        // Each item stays whole on a line (`2 MU × OneMonth`): its spaces are no-break spaces while
        // wrapping.
        let detail: Vec<String> = detail.iter().map(|d| d.replace(' ', "\u{a0}")).collect();
        out.push_str(
            &super::text::wrap(&detail.join(" · "), width, &indent, &indent).replace('\u{a0}', " "),
        );
        out.push_str(&component_lines(r, width, &indent));
    }
    let _ = writeln!(out, "{}", "─".repeat(width.min(money_w + 2 + 40)));
    for line in total_lines(report) {
        out.push_str(&super::text::wrap(&line, width, "", "  "));
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\nnotes:");
        for (i, n) in notes.iter().enumerate() {
            let mark = format!("  [{}] ", i + 1);
            let hang = " ".repeat(mark.len());
            out.push_str(&super::text::wrap(&format!("{mark}{n}"), width, "", &hang));
        }
    }
    for n in super::text::run_notes(report) {
        out.push_str(&super::text::wrap(
            &format!("note: {n}"),
            width,
            "",
            "      ",
        ));
    }
    out
}

fn render_table(report: &Report) -> String {
    let headers = [
        "RESOURCE",
        "LOCATION",
        "MODEL",
        "ROUTING",
        "REGION",
        "UNITS × TERM",
        "HOURLY",
        "QUANTITY",
        "UNIT PRICE",
        "MONTHLY",
    ];
    let mut notes: Vec<String> = Vec::new();
    // A resource row (its cost in MONTHLY), then one row per component under it: its name in
    // RESOURCE, its quantity, unit price and cost.
    let mut rows: Vec<[String; 10]> = Vec::new();
    for r in &report.resources {
        let [address, location, model, routing, region, units, hourly, monthly] =
            row(r, &mut notes);
        rows.push([
            address,
            location,
            model,
            routing,
            region,
            units,
            hourly,
            String::new(),
            String::new(),
            monthly,
        ]);
        let n = r.cost.components.len();
        for (i, c) in r.cost.components.iter().enumerate() {
            let branch = if i + 1 == n { "└─" } else { "├─" };
            let mut cells: [String; 10] = Default::default();
            cells[0] = format!("  {branch} {}", component_name(c));
            cells[7] = quantity_text(c);
            cells[8] = c.unit_price_text();
            cells[9] = component_cost_text(c);
            rows.push(cells);
        }
    }
    let mut widths = headers.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: &[String], out: &mut String| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            // Money right-aligned, text left-aligned.
            if i == 6 || i == 9 {
                let _ = write!(s, "{cell:>w$}  ");
            } else {
                let _ = write!(s, "{cell:<w$}  ");
            }
        }
        let _ = writeln!(out, "{}", s.trim_end());
    };
    line(&headers.map(String::from), &mut out);
    for row in &rows {
        line(row, &mut out);
    }
    let total_width: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
    let _ = writeln!(out, "{}", "─".repeat(total_width));
    for l in total_lines(report) {
        let _ = writeln!(out, "{l}");
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\nnotes:");
        for (i, n) in notes.iter().enumerate() {
            let _ = writeln!(out, "  [{}] {n}", i + 1);
        }
    }
    for n in super::text::run_notes(report) {
        let _ = writeln!(out, "note: {n}");
    }
    out
}

/// A component's name, `(one-time)` marked.
fn component_name(c: &CostComponent) -> String {
    if c.one_time {
        format!("{} (one-time)", c.name)
    } else {
        c.name.clone()
    }
}

/// The components of a resource under its detail line, Infracost's breakdown in a narrow terminal:
/// `├─ name: quantity × unit price = cost`, or `├─ name: unit price, needs FIELD` when the quantity
/// needs usage (the price is shown all the same). Wrapped with the tree continued.
fn component_lines(r: &PricedResource, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let n = r.cost.components.len();
    for (i, c) in r.cost.components.iter().enumerate() {
        let last = i + 1 == n;
        let text = match c.quantity.value() {
            Some(_) => format!(
                "{}: {} × {} = {}",
                component_name(c),
                quantity_text(c),
                c.unit_price_text(),
                component_cost_text(c)
            ),
            None => format!(
                "{}: {}, {}",
                component_name(c),
                c.unit_price_text(),
                quantity_text(c)
            ),
        };
        let first = format!("{indent}{} ", if last { "└─" } else { "├─" });
        let rest = format!("{indent}{}  ", if last { " " } else { "│" });
        // Quantities, prices and costs stay whole on a line.
        let text = keep_whole(&text);
        out.push_str(&super::text::wrap(&text, width, &first, &rest).replace('\u{a0}', " "));
    }
    out
}

/// No-break spaces inside `$1.49 per 1M tokens trained`, `60,000,000 tokens trained` and
/// `needs training_dataset_tokens`, so a wrap falls between the parts of a component line.
fn keep_whole(text: &str) -> String {
    let (name, rest) = text.split_once(": ").unwrap_or(("", text));
    let parts: Vec<String> = rest
        .split(" × ")
        .flat_map(|p| p.split(" = "))
        .map(str::to_string)
        .collect();
    let mut out = rest.to_string();
    for p in parts.iter().flat_map(|p| p.split(", ")) {
        out = out.replacen(p, &p.replace(' ', "\u{a0}"), 1);
    }
    if name.is_empty() {
        out
    } else {
        format!("{name}: {out}")
    }
}

/// The totals under the table: the monthly figure with its fixed and declared-usage parts and the
/// one-time charges, then what needs usage and what has no price. Never `$0.00` for nothing known.
fn total_lines(report: &Report) -> Vec<String> {
    let t = CostTotals::of(report);
    let mut out = vec![match t.figure() {
        Some(f) => format!("TOTAL (priced resources): {f}"),
        None if t.has_one_time => format!("TOTAL: no monthly figure yet{}", t.one_time_text()),
        None => "TOTAL: no monthly figure yet".to_string(),
    }];
    if t.needs_usage > 0 {
        out.push(format!(
            "{} to be priced: their unit prices are shown above; `bedrock-lint usage` prints the [usage] entries to declare",
            t.needs_usage_phrase()
        ));
    }
    if t.not_priced > 0 {
        out.push(format!(
            "{} not priced: no price in the catalog, or a value unknown (see notes)",
            super::totals::plural(t.not_priced, "resource")
        ));
    }
    out
}

fn row(r: &PricedResource, notes: &mut Vec<String>) -> [String; 8] {
    let res = &r.resource;
    let mut refs = Vec::new();
    let mut note = |text: String, notes: &mut Vec<String>| {
        let i = match notes.iter().position(|n| *n == text) {
            Some(i) => i,
            None => {
                notes.push(text);
                notes.len() - 1
            }
        };
        refs.push(format!("[{}]", i + 1));
    };
    let mut address = res.address.clone();
    if let Some(attr) = &res.attribute {
        address = format!("{address} ({attr})");
    }
    if let Some(p) = &res.via_profile {
        note(
            format!("{} calls its model through {p}", res.address),
            notes,
        );
    }
    for a in &r.cost.assumptions {
        note(a.clone(), notes);
    }
    for n in &res.notes {
        note(format!("{}: {n}", res.address), notes);
    }
    // A monthly component still needing usage: the known part is a floor, not the figure.
    let partial = r
        .cost
        .components
        .iter()
        .any(|c| !c.one_time && c.needs_usage());
    let monthly = match (&r.cost.status, r.cost.monthly_usd) {
        (_, Some(m)) => {
            money::usd(m)
                + if partial { " + usage" } else { "" }
                + if r.cost.estimate { ESTIMATE } else { "" }
        }
        (CostStatus::UsageUnknown, None) => {
            note(
                format!(
                    "{}: needs usage — declare {} under [usage.\"{}\"] to price it",
                    res.address,
                    fields_text(&r.cost.usage_needed()),
                    usage_key(r)
                ),
                notes,
            );
            "needs usage".to_string()
        }
        (CostStatus::Unpriced(why), None) => {
            note(format!("{}: {why}", res.address), notes);
            "not priced".to_string()
        }
        (CostStatus::NotPriced(why), None) => {
            note(format!("{}: {why}", res.address), notes);
            "no charge".to_string()
        }
        (CostStatus::Priced, None) => "-".to_string(),
    };
    let units = res.provisioned().map_or("-".to_string(), |p| {
        let u = p
            .model_units
            .known()
            .map_or("?".to_string(), |u| format!("{u} MU"));
        let c = p.commitment.known().map_or("?", |c| c.as_str());
        format!("{u} × {c}")
    });
    let model = model_label(r).unwrap_or_else(|| "unknown".to_string());
    let monthly = if refs.is_empty() {
        monthly
    } else {
        format!("{monthly} {}", refs.join(""))
    };
    [
        address,
        format!("{}:{}", res.span.path(), res.span.line),
        model,
        routing_label(r).unwrap_or_else(|| "-".to_string()),
        res.region.region.clone(),
        units,
        r.cost.hourly_usd.map_or("-".to_string(), money::usd),
        monthly,
    ]
}

/// `input_tokens_per_month and output_tokens_per_month`, or `its usage` when no field is named.
fn fields_text(fields: &[&str]) -> String {
    match fields {
        [] => "its usage".to_string(),
        [one] => format!("`{one}`"),
        [init @ .., last] => format!(
            "{} and `{last}`",
            init.iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The `[usage."KEY"]` key for a resource: the one that applies if declared, else its address
/// (instance keys dropped: one entry for every instance), with `#attribute` for a model string
/// inside a resource (a function's environment variable), as the usage lookup expects.
fn usage_key(r: &PricedResource) -> String {
    if let Some((key, _)) = &r.usage {
        return key.clone();
    }
    match &r.resource.attribute {
        Some(attr) => format!("{}#{attr}", r.resource.address),
        None => r.resource.resource_address(),
    }
}
