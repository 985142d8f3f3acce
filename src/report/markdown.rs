//! A pull-request-ready summary: the monthly estimate, findings by severity with file:line links, and
//! the resource table, short enough for a PR comment (long parts collapse into `<details>`).

use std::fmt::Write as _;

use super::{model_label, routing_label};
use crate::diagnostic::{Diagnostic, Severity};
use crate::money;
use crate::Report;

/// Marks bedrock-lint's PR comment so a later run updates it instead of adding another.
pub const COMMENT_MARKER: &str = "<!-- bedrock-lint -->";

/// Findings shown before the rest collapse.
const VISIBLE_FINDINGS: usize = 25;
/// Resource rows shown before the table collapses.
const VISIBLE_RESOURCES: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// Prefix for file links (`https://github.com/ORG/REPO/blob/SHA`); relative links without it.
    pub link_base: Option<String>,
    /// The working directory relative to the repository root (see
    /// [`super::RenderOptions::path_prefix`]): file links and their text are repository-relative.
    pub path_prefix: String,
}

/// Text in a table cell, list item or link text, where Markdown and HTML would be obeyed: no line
/// breaks or `|` (they end the row or item), no backticks (code spans), no HTML (`<`, `>`, `&`), no
/// link or image syntax (`](`), no @-mentions that would notify someone. Everything stays
/// readable: what a file or model ID says is shown, never acted on.
pub fn escape_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '`' => out.push('\''),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // `](` is the only way into a link or an image (`[text](url)`, `![alt](src)`) on one
            // line; escaping its `(` leaves `chat[1]` and `llm["prod"]` as they are.
            '(' if out.ends_with(']') => out.push_str("\\("),
            // A zero-width space after `@` keeps `@org/team` from being a mention.
            '@' => out.push_str("@\u{200b}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a `code span` in a table: Markdown is not interpreted there, but a line break, a `|`
/// or a backtick would still end the span, the cell or the row.
pub fn escape_code(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '`' => "'".to_string(),
            '|' => "\\|".to_string(),
            c if c.is_control() => " ".to_string(),
            c => c.to_string(),
        })
        .collect()
}

pub(crate) fn link(options: &MarkdownOptions, path: &str, line: usize) -> String {
    let path = &super::repo_path(&options.path_prefix, path);
    let text = escape_cell(&format!("{path}:{line}"));
    let target = super::encode_path(path);
    match &options.link_base {
        Some(base) => format!(
            "[{text}]({}/{target}#L{line})",
            encode_base(base.trim_end_matches('/'))
        ),
        None => format!("[{text}]({target}#L{line})"),
    }
}

/// The link base comes from the environment (`GITHUB_SERVER_URL/REPOSITORY/blob/SHA`): only what would
/// end the link is encoded.
fn encode_base(base: &str) -> String {
    let mut out = String::with_capacity(base.len());
    for c in base.chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '[' | ']' | '`' | '"' | '\'' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One finding as a table row: the dollars at stake first (what a reviewer weighs), then the rule and the
/// message with its location.
fn finding_row(options: &MarkdownOptions, d: &Diagnostic) -> String {
    let saving = d
        .monthly_impact
        .map_or("—".to_string(), |m| format!("**{}**", money::usd(m)));
    let fix = d.fix.as_ref().map_or(String::new(), |f| {
        format!("<br>_{}_", escape_cell(&f.summary()))
    });
    format!(
        "| {saving} | {} **{}** `{}` | {} {}{fix} |\n",
        severity_mark(d.severity),
        d.code,
        d.rule,
        link(options, d.span.path(), d.span.line),
        escape_cell(&d.message),
    )
}

fn severity_mark(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

const FINDINGS_HEADER: &str = "| At stake/month | Rule | Finding |\n|---:|---|---|\n";

/// Findings whose amount is not a saving a fix makes: BL010's is the excess over the budget (the sum
/// of every resource's cost, other findings' savings included), BL013's the increase a plan makes.
const NOT_A_SAVING: &[&str] = &["BL010", "BL013"];

/// What the findings could save each month, counting each resource once: the largest saving among
/// its findings (amounts that are not savings left out, see [`NOT_A_SAVING`]) (two findings on one resource, such as an idle and an uncommitted provisioned
/// throughput, are alternatives or overlap; adding them would promise more than there is).
pub(crate) fn total_saving(diagnostics: &[Diagnostic]) -> Option<rust_decimal::Decimal> {
    let mut by_resource: std::collections::BTreeMap<(String, String), rust_decimal::Decimal> =
        std::collections::BTreeMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        let Some(m) = d.monthly_impact else { continue };
        if NOT_A_SAVING.contains(&d.code) {
            continue;
        }
        let key = (
            d.span.path().to_string(),
            d.resource.clone().unwrap_or_else(|| format!("#{i}")),
        );
        let best = by_resource.entry(key).or_default();
        *best = (*best).max(m);
    }
    (!by_resource.is_empty()).then(|| by_resource.values().copied().sum())
}

pub fn render_markdown(report: &Report, options: &MarkdownOptions) -> String {
    // Markdown may be printed to a CI log too (`--format markdown`): `##[` is defused as `#\#[`, which
    // renders the same.
    super::text::neutralize_workflow_commands(render_unchecked(report, options))
}

fn render_unchecked(report: &Report, options: &MarkdownOptions) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{COMMENT_MARKER}");
    let totals = super::totals::CostTotals::of(report);
    match totals.with_figure {
        0 => {
            let _ = writeln!(out, "## bedrock-lint: no monthly figure yet\n");
        }
        _ => {
            let _ = writeln!(
                out,
                "## bedrock-lint: estimated {}/month\n",
                money::usd(totals.monthly)
            );
        }
    }
    out.push_str(&totals_paragraph(&totals));
    if let Some(saving) = total_saving(&report.diagnostics) {
        let _ = writeln!(
            out,
            "**Possible saving: {}/month** (the findings below; each resource counted once).\n",
            money::usd(saving)
        );
    }
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let _ = write!(
        out,
        "**{e} errors · {w} warnings · {i} infos** across {} Bedrock resources",
        report.resources.len()
    );
    out.push_str(".\n");
    if report.has_estimates() {
        out.push_str(
            "\n_Some figures use third-party or assumed regional prices and are estimates._\n",
        );
    }
    write_findings(&mut out, options, &report.diagnostics);
    write_resources(&mut out, options, report);
    write_components(&mut out, report);
    out
}

/// The monthly figure in its parts, the one-time charges, and what needs usage or has no price:
/// one paragraph under the heading. Empty when there is nothing to say (no resources).
fn totals_paragraph(t: &super::totals::CostTotals) -> String {
    let mut parts: Vec<String> = Vec::new();
    if t.with_figure > 0 {
        match (t.fixed.is_zero(), t.usage.is_zero()) {
            (false, false) => parts.push(format!(
                "{} fixed + {} from declared usage",
                money::usd(t.fixed),
                money::usd(t.usage)
            )),
            (false, true) => parts.push(format!("{} fixed", money::usd(t.fixed))),
            (true, false) => parts.push(format!("{} from declared usage", money::usd(t.usage))),
            (true, true) => {}
        }
    }
    if t.has_one_time {
        parts.push(format!("+ {} one-time", money::usd(t.one_time)));
    }
    if t.needs_usage > 0 {
        parts.push(format!(
            "**{} to be priced** (`bedrock-lint usage` prints the entries to declare)",
            t.needs_usage_phrase()
        ));
    }
    if t.not_priced > 0 {
        parts.push(format!(
            "{} not priced (no price in the catalog, or a value unknown)",
            super::totals::plural(t.not_priced, "resource")
        ));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("{}.\n\n", parts.join(" · "))
}

/// Each priced resource's cost components as a nested list (a list stays readable in a ~780 px
/// comment, where a wide table would be cut): `name: quantity × unit price = cost`, or the unit price
/// and the usage field still needed. Collapsed when long.
fn write_components(out: &mut String, report: &Report) {
    let mut resources: Vec<&crate::pricing::PricedResource> = report
        .resources
        .iter()
        .filter(|r| !r.cost.components.is_empty())
        .collect();
    if resources.is_empty() {
        return;
    }
    resources.sort_by_key(|r| std::cmp::Reverse(r.cost.monthly_usd));
    let mut list = String::new();
    for r in &resources {
        let res = &r.resource;
        let name = match &res.attribute {
            Some(a) => format!("{} ({a})", res.address),
            None => res.address.clone(),
        };
        let monthly = match r.cost.monthly_usd {
            Some(m) => format!("**{}/month**", money::usd(m)),
            None => "**needs usage**".to_string(),
        };
        let one_time = r
            .cost
            .one_time_usd()
            .map_or(String::new(), |o| format!(" + {} one-time", money::usd(o)));
        let _ = writeln!(list, "- `{}`: {monthly}{one_time}", escape_code(&name));
        for c in &r.cost.components {
            let name = if c.one_time {
                format!("{} (one-time)", c.name)
            } else {
                c.name.clone()
            };
            let line = match c.quantity.value() {
                Some(_) => format!(
                    "{}: {} × {} = {}",
                    escape_cell(&name),
                    escape_cell(&super::totals::quantity_text(c)),
                    escape_cell(&c.unit_price_text()),
                    super::totals::component_cost_text(c)
                ),
                None => format!(
                    "{}: {}, needs `{}`",
                    escape_cell(&name),
                    escape_cell(&c.unit_price_text()),
                    escape_code(c.quantity.usage_field().unwrap_or("usage"))
                ),
            };
            let _ = writeln!(list, "  - {line}");
        }
    }
    if resources.len() > VISIBLE_RESOURCES {
        let _ = write!(
            out,
            "\n<details><summary>Cost components ({})</summary>\n\n{list}\n</details>\n",
            resources.len()
        );
    } else {
        let _ = write!(out, "\n### Cost components\n\n{list}");
    }
}

/// The findings as one table, largest saving first (then errors before warnings before infos, then
/// by file and line); the first [`VISIBLE_FINDINGS`] shown, the rest collapsed.
pub(crate) fn write_findings(
    out: &mut String,
    options: &MarkdownOptions,
    diagnostics: &[Diagnostic],
) {
    if diagnostics.is_empty() {
        return;
    }
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    // Stable: equal keys keep the report's file/line order.
    sorted.sort_by(|a, b| {
        b.monthly_impact
            .cmp(&a.monthly_impact)
            .then(b.severity.cmp(&a.severity))
    });
    let _ = writeln!(out, "\n### Findings ({})\n", sorted.len());
    out.push_str(FINDINGS_HEADER);
    for d in sorted.iter().take(VISIBLE_FINDINGS) {
        out.push_str(&finding_row(options, d));
    }
    if sorted.len() > VISIBLE_FINDINGS {
        let n = sorted.len() - VISIBLE_FINDINGS;
        let _ = write!(
            out,
            "\n<details><summary>{n} more findings</summary>\n\n{FINDINGS_HEADER}"
        );
        for d in &sorted[VISIBLE_FINDINGS..] {
            out.push_str(&finding_row(options, d));
        }
        out.push_str("\n</details>\n");
    }
}

/// The resources, dearest first (unpriced ones last, in report order), monthly cost first.
fn write_resources(out: &mut String, options: &MarkdownOptions, report: &Report) {
    if report.resources.is_empty() {
        return;
    }
    let mut table = String::from(
        "| Monthly | Resource | Model | Routing | Location |\n|---:|---|---|---|---|\n",
    );
    let mut resources: Vec<&crate::pricing::PricedResource> = report.resources.iter().collect();
    resources.sort_by_key(|r| std::cmp::Reverse(r.cost.monthly_usd));
    for r in resources {
        let res = &r.resource;
        let name = match &res.attribute {
            Some(a) => format!("{} ({a})", res.address),
            None => res.address.clone(),
        };
        let monthly = match r.cost.monthly_usd {
            Some(m) => money::usd(m) + if r.cost.estimate { " (est.)" } else { "" },
            None if res.is_removed() => "removed".to_string(),
            None => match super::totals::standing(r) {
                super::totals::Standing::NeedsUsage => "needs usage".to_string(),
                super::totals::Standing::NoCharge => "no charge".to_string(),
                _ => "not priced".to_string(),
            },
        };
        let _ = writeln!(
            table,
            "| {} | `{}` | `{}` | {} | {} |",
            monthly,
            escape_code(&name),
            escape_code(&model_label(r).unwrap_or_else(|| "unknown".into())),
            routing_label(r).unwrap_or_else(|| "-".into()),
            link(options, res.span.path(), res.span.line),
        );
    }
    let n = report.resources.len();
    if n > VISIBLE_RESOURCES {
        let _ = write!(
            out,
            "\n<details><summary>Resources ({n})</summary>\n\n{table}\n</details>\n"
        );
    } else {
        let _ = write!(out, "\n### Resources\n\n{table}");
    }
}
