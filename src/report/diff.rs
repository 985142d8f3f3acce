//! Renderings of `bedrock-lint diff`: text, JSON and the Markdown a PR comment carries.

use std::fmt::Write as _;

use serde::Serialize;

use super::markdown::{escape_code, link, write_findings, MarkdownOptions, COMMENT_MARKER};
use crate::diff::{ChangeKind, DiffReport, ResourceDelta};
use crate::money;

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
    let _ = writeln!(
        out,
        "Bedrock monthly cost: {} → {} ({}/month)",
        money::usd(d.base_total()),
        money::usd(d.head_total()),
        signed(d.delta())
    );
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
    let doc = JsonDiff {
        version: 1,
        base_monthly_usd: money::json_cents(d.base_total()),
        head_monthly_usd: money::json_cents(d.head_total()),
        delta_monthly_usd: money::json_cents(d.delta()),
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
    let _ = writeln!(
        out,
        "Estimated monthly cost: {} → {}.",
        money::usd(d.base_total()),
        money::usd(d.head_total())
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
            let _ = writeln!(
                out,
                "| {} | {monthly} | {} | `{}` | {} |",
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
