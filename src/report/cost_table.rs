//! `bedrock-lint cost`: a per-resource monthly breakdown with a total, like `infracost breakdown`.

use std::fmt::Write as _;

use super::{model_label, routing_label};
use crate::money;
use crate::pricing::{CostStatus, PricedResource};
use crate::Report;

pub fn render_cost_table(report: &Report) -> String {
    super::text::neutralize_workflow_commands(render_table(report))
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
    let units = res.provisioned.as_ref().map_or("-".to_string(), |p| {
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
