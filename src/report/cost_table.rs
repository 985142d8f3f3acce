//! `bedrock-lint cost`: a per-resource monthly breakdown with a total, like `infracost breakdown`.

use std::fmt::Write as _;

use super::{model_label, routing_label};
use crate::money;
use crate::pricing::{CostStatus, PricedResource};
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

fn render_narrow(report: &Report, width: usize) -> String {
    let mut notes: Vec<String> = Vec::new();
    let rows: Vec<[String; 8]> = report
        .resources
        .iter()
        .map(|r| row(r, &mut notes))
        .collect();
    let total = format!("{}/month", money::usd(report.monthly_total()));
    // The money column: as wide as its widest cell (refs such as `[3]` go after the address).
    let cost_of = |row: &[String; 8]| row[7].split(" [").next().unwrap_or("").to_string();
    let money_w = rows
        .iter()
        .map(|r| cost_of(r).chars().count())
        .chain(["MONTHLY".len()])
        .max()
        .unwrap_or(7);
    let indent = " ".repeat(money_w + 2);
    let mut out = String::new();
    let _ = writeln!(out, "{:>money_w$}  RESOURCE", "MONTHLY");
    for row in &rows {
        let refs = row[7]
            .find(" [")
            .map_or(String::new(), |i| row[7][i..].to_string());
        let head = format!("{:>money_w$}  {}{refs}", cost_of(row), row[0]);
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
    }
    let _ = writeln!(out, "{}", "─".repeat(width.min(money_w + 2 + 40)));
    let _ = writeln!(out, "TOTAL (priced resources): {total}");
    let unpriced = report.unpriced();
    if unpriced > 0 {
        out.push_str(&super::text::wrap(
            &format!(
                "{unpriced} resource(s) not in the total: their usage or price is unknown (see notes)"
            ),
            width,
            "",
            "",
        ));
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
        "MONTHLY",
    ];
    let mut notes: Vec<String> = Vec::new();
    let rows: Vec<[String; 8]> = report
        .resources
        .iter()
        .map(|r| row(r, &mut notes))
        .collect();
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
            if i >= 6 {
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
    let total = format!("{}/month", money::usd(report.monthly_total()));
    let _ = writeln!(
        out,
        "{:<w$}{total:>t$}",
        "TOTAL (priced resources)",
        w = 24,
        t = total_width.saturating_sub(24)
    );
    let unpriced = report.unpriced();
    if unpriced > 0 {
        let _ = writeln!(
            out,
            "{unpriced} resource(s) not in the total: their usage or price is unknown (see notes)"
        );
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
    let monthly = match (&r.cost.status, r.cost.monthly_usd) {
        (_, Some(m)) => money::usd(m) + if r.cost.estimate { " (estimate)" } else { "" },
        (CostStatus::UsageUnknown, None) => {
            note(
                format!(
                    "{}: usage unknown — declare [usage.\"{}\"] token volumes to price it",
                    res.address,
                    res.resource_address()
                ),
                notes,
            );
            "usage unknown".to_string()
        }
        (CostStatus::Unpriced(why), None) | (CostStatus::NotPriced(why), None) => {
            note(format!("{}: {why}", res.address), notes);
            "not priced".to_string()
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
