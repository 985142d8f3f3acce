//! Renderings of `bedrock-lint diff`: text, JSON and the Markdown a PR comment carries.

use std::fmt::Write as _;

use serde::Serialize;

use super::markdown::{
    escape_cell, escape_code, link, write_findings, MarkdownOptions, COMMENT_MARKER,
};
use super::totals::CostTotals;
use crate::diff::{ChangeKind, ComponentChange, DiffReport, ResourceDelta};
use crate::money;

/// A side's monthly total: `$23,155.00`, `$0.00` when it has no resources, and `no figure` when it
/// has resources but none with a known figure (never `$0.00` for nothing known).
fn side_total(t: &CostTotals, resources: usize) -> String {
    if t.with_figure == 0 && resources > 0 {
        "no figure".to_string()
    } else {
        money::usd(t.monthly)
    }
}

/// `fixed $20,032.00 → $23,155.00 · from declared usage $6,600.00 → $6,000.00`, then what HEAD still
/// needs usage for or has no price for.
fn split_lines(d: &DiffReport) -> Vec<String> {
    let (b, h) = (CostTotals::of(&d.base), CostTotals::of(&d.head));
    let mut split = Vec::new();
    if !(b.fixed.is_zero() && h.fixed.is_zero()) {
        split.push(format!(
            "fixed {} → {}",
            money::usd(b.fixed),
            money::usd(h.fixed)
        ));
    }
    if !(b.usage.is_zero() && h.usage.is_zero()) {
        split.push(format!(
            "from declared usage {} → {}",
            money::usd(b.usage),
            money::usd(h.usage)
        ));
    }
    let mut out = Vec::new();
    if !split.is_empty() {
        out.push(split.join(" · "));
    }
    if b.has_one_time || h.has_one_time {
        out.push(format!(
            "one-time {} → {}",
            money::usd(b.one_time),
            money::usd(h.one_time)
        ));
    }
    let missing = h.missing(super::text::USAGE_HINT);
    if !missing.is_empty() {
        out.push(format!("at HEAD: {}", missing.join("; ")));
    }
    out
}

/// A changed component: `compute floor, 2 OCU (standby replicas) → 1 OCU: $350.40 → $175.20`.
fn component_text(c: &ComponentChange) -> String {
    let name = match (&c.name_before, &c.name_after) {
        (Some(b), Some(a)) if a == b => a.clone(),
        (Some(b), Some(a)) => {
            // What differs after the common words (`, ` or ` ` boundaries): the full old name, then
            // the new one's tail.
            let common = b
                .char_indices()
                .zip(a.chars())
                .take_while(|((_, x), y)| x == y)
                .filter(|((_, x), _)| *x == ' ')
                .map(|((i, _), _)| i + 1)
                .last()
                .unwrap_or(0);
            format!("{b} → {}", &a[common.min(a.len())..])
        }
        (None, Some(a)) => format!("new {a}"),
        (Some(b), None) => format!("no more {b}"),
        (None, None) => c.key.clone(),
    };
    format!("{name}: {} → {}", cost(c.before_usd), cost(c.after_usd))
}

fn signed(d: rust_decimal::Decimal) -> String {
    if d.is_sign_negative() && !d.is_zero() {
        money::usd(d)
    } else {
        format!("+{}", money::usd(d))
    }
}

fn cost(d: Option<rust_decimal::Decimal>) -> String {
    d.map_or_else(|| "?".to_string(), money::usd)
}

fn name(c: &ResourceDelta) -> String {
    match &c.attribute {
        Some(a) => format!("{} ({a})", c.address),
        None => c.address.clone(),
    }
}

fn change_text(c: &ResourceDelta) -> String {
    let models = match (&c.model_before, &c.model_after) {
        (Some(a), Some(b)) if a != b => format!(" [{a} → {b}]"),
        _ => String::new(),
    };
    let money = match c.kind {
        ChangeKind::Added => format!("{}/month", cost(c.after_usd)),
        ChangeKind::Removed => format!("{}/month", cost(c.before_usd)),
        ChangeKind::Changed => format!("{} → {}/month", cost(c.before_usd), cost(c.after_usd)),
    };
    let delta = c.delta().map_or(
        " (delta unknown: usage or price unknown)".to_string(),
        |d| format!(" ({})", signed(d)),
    );
    format!("{money}{delta}{models}")
}

pub fn render_diff_text(d: &DiffReport) -> String {
    super::text::neutralize_workflow_commands(render_diff_lines(d))
}

fn render_diff_lines(d: &DiffReport) -> String {
    let mut out = String::new();
    let (b, h) = (CostTotals::of(&d.base), CostTotals::of(&d.head));
    let _ = writeln!(
        out,
        "Bedrock monthly cost: {} → {} ({}/month)",
        side_total(&b, d.base.resources.len()),
        side_total(&h, d.head.resources.len()),
        signed(d.delta())
    );
    for line in split_lines(d) {
        let _ = writeln!(out, "  {line}");
    }
    if d.changes.is_empty() {
        out.push_str("No Bedrock resource changed.\n");
    }
    for c in &d.changes {
        let mark = match c.kind {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        };
        let _ = writeln!(
            out,
            "  {mark} {}  {}:{}  {}",
            name(c),
            c.span.path(),
            c.span.line,
            change_text(c)
        );
        for part in &c.components {
            let _ = writeln!(out, "      {}", component_text(part));
        }
    }
    let _ = writeln!(out, "{} new finding(s) in HEAD", d.new_findings.len());
    for f in &d.new_findings {
        let _ = writeln!(
            out,
            "  {}:{}:{}: {} - {} ({})",
            f.span.path(),
            f.span.line,
            f.span.column,
            f.severity,
            f.message,
            f.code
        );
    }
    out
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    base_monthly_usd: String,
    head_monthly_usd: String,
    delta_monthly_usd: String,
    base_fixed_monthly_usd: String,
    head_fixed_monthly_usd: String,
    base_usage_monthly_usd: String,
    head_usage_monthly_usd: String,
    /// HEAD's resources with a component that needs usage.
    head_resources_needing_usage: usize,
    head_resources_not_priced: usize,
    resources: Vec<JsonDelta<'a>>,
    new_diagnostics: serde_json::Value,
}

#[derive(Serialize)]
struct JsonDelta<'a> {
    change: &'static str,
    address: &'a str,
    attribute: Option<&'a str>,
    file: &'a str,
    line: usize,
    model_before: Option<&'a str>,
    model_after: Option<&'a str>,
    before_usd: Option<String>,
    after_usd: Option<String>,
    delta_usd: Option<String>,
    /// The cost components that differ (changed resources only).
    components: Vec<JsonComponentDelta<'a>>,
}

#[derive(Serialize)]
struct JsonComponentDelta<'a> {
    key: &'a str,
    name_before: Option<&'a str>,
    name_after: Option<&'a str>,
    before_usd: Option<String>,
    after_usd: Option<String>,
}

pub fn render_diff_json(d: &DiffReport) -> String {
    let new_report = crate::Report {
        diagnostics: d.new_findings.clone(),
        resources: Vec::new(),
        references: Vec::new(),
        files: 0,
        notices: Vec::new(),
        root: String::new(),
    };
    let new_diagnostics =
        serde_json::from_str::<serde_json::Value>(&super::render_json(&new_report))
            .ok()
            .and_then(|v| v.get("diagnostics").cloned())
            .unwrap_or(serde_json::Value::Array(Vec::new()));
    let (b, h) = (CostTotals::of(&d.base), CostTotals::of(&d.head));
    let doc = JsonDiff {
        version: 2,
        base_monthly_usd: money::json_cents(d.base_total()),
        head_monthly_usd: money::json_cents(d.head_total()),
        delta_monthly_usd: money::json_cents(d.delta()),
        base_fixed_monthly_usd: money::json_cents(b.fixed),
        head_fixed_monthly_usd: money::json_cents(h.fixed),
        base_usage_monthly_usd: money::json_cents(b.usage),
        head_usage_monthly_usd: money::json_cents(h.usage),
        head_resources_needing_usage: h.needs_usage,
        head_resources_not_priced: h.not_priced,
        resources: d
            .changes
            .iter()
            .map(|c| JsonDelta {
                change: c.kind.as_str(),
                address: &c.address,
                attribute: c.attribute.as_deref(),
                file: c.span.path(),
                line: c.span.line,
                model_before: c.model_before.as_deref(),
                model_after: c.model_after.as_deref(),
                before_usd: c.before_usd.map(money::json_cents),
                after_usd: c.after_usd.map(money::json_cents),
                delta_usd: c.delta().map(money::json_cents),
                components: c
                    .components
                    .iter()
                    .map(|p| JsonComponentDelta {
                        key: &p.key,
                        name_before: p.name_before.as_deref(),
                        name_after: p.name_after.as_deref(),
                        before_usd: p.before_usd.map(money::json_cents),
                        after_usd: p.after_usd.map(money::json_cents),
                    })
                    .collect(),
            })
            .collect(),
        new_diagnostics,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

pub fn render_diff_markdown(d: &DiffReport, options: &MarkdownOptions) -> String {
    super::text::neutralize_workflow_commands(render_diff_markdown_unchecked(d, options))
}

fn render_diff_markdown_unchecked(d: &DiffReport, options: &MarkdownOptions) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{COMMENT_MARKER}");
    let _ = writeln!(
        out,
        "## bedrock-lint: this change {} the Bedrock bill by **{}/month**\n",
        if d.delta().is_sign_negative() && !d.delta().is_zero() {
            "lowers"
        } else {
            "raises"
        },
        signed(d.delta())
    );
    let (b, h) = (CostTotals::of(&d.base), CostTotals::of(&d.head));
    let split = split_lines(d);
    let _ = writeln!(
        out,
        "Estimated monthly cost: {} → {}{}.",
        side_total(&b, d.base.resources.len()),
        side_total(&h, d.head.resources.len()),
        if split.is_empty() {
            String::new()
        } else {
            format!(" ({})", split.join("; "))
        }
    );
    if let Some(saving) = super::markdown::total_saving(&d.head.diagnostics) {
        let _ = writeln!(
            out,
            "\n**Possible saving: {}/month** (the findings at head; each resource counted once).",
            money::usd(saving)
        );
    }
    if !d.changes.is_empty() {
        // Dollars first: a PR comment is ~780 px wide and the last columns are the ones cut off.
        out.push_str("\n| Change | Monthly | | Resource | Location |\n|---:|---:|---|---|---|\n");
        for c in &d.changes {
            let monthly = match c.kind {
                ChangeKind::Added => cost(c.after_usd),
                ChangeKind::Removed => cost(c.before_usd),
                ChangeKind::Changed => format!("{} → {}", cost(c.before_usd), cost(c.after_usd)),
            };
            let parts: String = c
                .components
                .iter()
                .map(|p| format!("<br>{}", escape_cell(&component_text(p))))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {monthly} | {} | `{}`{parts} | {} |",
                c.delta().map_or("?".to_string(), signed),
                c.kind.as_str(),
                escape_code(&name(c)),
                link(options, c.span.path(), c.span.line),
            );
        }
    }
    if d.new_findings.is_empty() {
        out.push_str("\nNo new findings.\n");
    } else {
        let _ = writeln!(out, "\n**{} new finding(s)**", d.new_findings.len());
        write_findings(&mut out, options, &d.new_findings);
    }
    out
}
