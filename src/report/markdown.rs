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

fn finding_line(options: &MarkdownOptions, d: &Diagnostic) -> String {
    let impact = d
        .monthly_impact
        .map_or(String::new(), |m| format!(" — **{}/month**", money::usd(m)));
    format!(
        "- **{}** `{}` {}: {}{impact}\n",
        d.code,
        d.rule,
        link(options, d.span.path(), d.span.line),
        escape_cell(&d.message),
    )
}

pub fn render_markdown(report: &Report, options: &MarkdownOptions) -> String {
    // Markdown may be printed to a CI log too (`--format markdown`): `##[` is defused as `#\#[`, which
    // renders the same.
    super::text::neutralize_workflow_commands(render_unchecked(report, options))
}

fn render_unchecked(report: &Report, options: &MarkdownOptions) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{COMMENT_MARKER}");
    let _ = writeln!(
        out,
        "## bedrock-lint: estimated {}/month\n",
        money::usd(report.monthly_total())
    );
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
    let unpriced = report.unpriced();
    if unpriced > 0 {
        let _ = write!(out, " ({unpriced} not priced: usage or price unknown)");
    }
    out.push_str(".\n");
    if report.has_estimates() {
        out.push_str(
            "\n_Some figures use third-party or assumed regional prices and are estimates._\n",
        );
    }
    write_findings(&mut out, options, &report.diagnostics);
    write_resources(&mut out, options, report);
    out
}

pub(crate) fn write_findings(
    out: &mut String,
    options: &MarkdownOptions,
    diagnostics: &[Diagnostic],
) {
    let mut shown = 0;
    let mut hidden = String::new();
    for (severity, title) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Infos"),
    ] {
        let group: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {title} ({})\n", group.len());
        for d in group {
            if shown < VISIBLE_FINDINGS {
                out.push_str(&finding_line(options, d));
                shown += 1;
            } else {
                hidden.push_str(&finding_line(options, d));
            }
        }
    }
    if !hidden.is_empty() {
        let n = hidden.lines().count();
        let _ = write!(
            out,
            "\n<details><summary>{n} more findings</summary>\n\n{hidden}\n</details>\n"
        );
    }
}

fn write_resources(out: &mut String, options: &MarkdownOptions, report: &Report) {
    if report.resources.is_empty() {
        return;
    }
    let mut table = String::from(
        "| Resource | Location | Model | Routing | Monthly |\n|---|---|---|---|---:|\n",
    );
    for r in &report.resources {
        let res = &r.resource;
        let name = match &res.attribute {
            Some(a) => format!("{} ({a})", res.address),
            None => res.address.clone(),
        };
        let monthly = match r.cost.monthly_usd {
            Some(m) => money::usd(m) + if r.cost.estimate { " (est.)" } else { "" },
            None if res.is_removed() => "removed".to_string(),
            None => "—".to_string(),
        };
        let _ = writeln!(
            table,
            "| `{}` | {} | `{}` | {} | {} |",
            escape_code(&name),
            link(options, res.span.path(), res.span.line),
            escape_code(&model_label(r).unwrap_or_else(|| "unknown".into())),
            routing_label(r).unwrap_or_else(|| "-".into()),
            monthly,
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
