//! Output formats. The only place that prints (into a `String` the binary writes).

mod catalog;
mod checkstyle;
mod columns;
mod compact;
mod cost_table;
mod diff;
mod github;
mod json;
mod junit;
mod markdown;
mod rule_list;
mod sarif;
mod terminal_markdown;
mod text;
mod totals;
mod xml;

pub use catalog::{render_catalog_list, render_catalog_model, render_catalog_services};
pub use checkstyle::render_checkstyle;
pub use compact::render_compact;
pub use cost_table::{render_cost_breakdown, render_cost_table};
pub use diff::{render_diff_json, render_diff_markdown, render_diff_text};
pub use github::{escape_data, escape_property, render_github};
pub use json::render_json;
pub use junit::render_junit;
pub use markdown::{escape_cell, render_markdown, MarkdownOptions, COMMENT_MARKER};
pub use rule_list::{
    render_explain, render_explain_text, render_rule_list, render_rule_table_markdown,
};
pub use sarif::render_sarif;
pub use text::{render_text, TextOptions};

use crate::model::{Known, Routing};
use crate::pricing::PricedResource;

/// `in-region`, `geo:us`, `global` (JSON) — `None` when not visible.
pub(crate) fn routing_label(r: &PricedResource) -> Option<String> {
    reference_routing_label(&r.resource)
}

/// `in-region`, `geo:us`, `global`: how JSON and the tables name a routing.
pub(crate) fn reference_routing_label(r: &crate::model::BedrockResource) -> Option<String> {
    let model = r.model.known()?;
    Some(match model.routing()? {
        Routing::InRegion => "in-region".to_string(),
        Routing::Geo(g) => format!("geo:{g}"),
        Routing::Global => "global".to_string(),
    })
}

pub(crate) fn model_label(r: &PricedResource) -> Option<String> {
    // Invocation logging, a vector collection, a guardrail call no model: nothing to show, nothing
    // unknown (an AgentCore runtime or a flow may still name one: it is shown).
    if r.resource.kind.calls_no_model() && r.resource.model.known().is_none() {
        return Some("-".to_string());
    }
    // An ARN is long and says the same as the model ID inside it.
    match &r.resource.model {
        Known::Known(m) if m.text.starts_with("arn:") => {
            Some(m.model_id().map_or_else(|| m.text.clone(), str::to_string))
        }
        Known::Known(m) => Some(m.text.clone()),
        Known::Unknown(_) => None,
    }
}

/// A path as a URI reference (a Markdown link target, a SARIF artifact URI): percent-encoded except
/// unreserved characters and `/`, so spaces, parentheses, `#`, `%`, line breaks or `<>` in a file name
/// cannot end the link or start another.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A path as shown (relative to the working directory) made relative to the repository root by
/// `prefix` (the working directory's path from the root, `infra/`): `main.tf` → `infra/main.tf`,
/// `../modules/x.tf` → `modules/x.tf`. Absolute paths, and paths that would leave the root, are
/// left as shown.
pub fn repo_path(prefix: &str, shown: &str) -> String {
    if prefix.is_empty() || shown.starts_with('/') {
        return shown.to_string();
    }
    let mut parts: Vec<&str> = prefix.split('/').filter(|p| !p.is_empty()).collect();
    for part in shown.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return shown.to_string();
                }
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Every output format, for `--format` and `--output-*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    Sarif,
    Github,
    Markdown,
    Junit,
    Checkstyle,
    Compact,
}

/// How outputs that need it are rendered.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub text: TextOptions,
    pub markdown: MarkdownOptions,
    /// Prepended to file paths in the outputs a code host resolves (`github` annotations, SARIF
    /// URIs): the working directory relative to the repository root (`infra/` when run in
    /// `infra/`), so a path points at the file whatever directory the run was in. Empty: as shown.
    /// The Markdown links take theirs from [`MarkdownOptions::path_prefix`].
    pub path_prefix: String,
    /// Per diagnostic (in the report's order), whether it reaches `--fail-on` ([`crate::Report::failing`]):
    /// JUnit and Checkstyle mark only those as failures. `None`: the default `fail_on`, warning.
    pub failing: Option<Vec<bool>>,
}

impl RenderOptions {
    /// Whether the `i`-th diagnostic of the report fails the run.
    pub(crate) fn fails(&self, i: usize, d: &crate::diagnostic::Diagnostic) -> bool {
        self.failing
            .as_ref()
            .and_then(|f| f.get(i).copied())
            .unwrap_or(d.severity >= crate::diagnostic::Severity::Warning)
    }
}

/// One report in one format.
pub fn render(report: &crate::Report, format: OutputFormat, options: &RenderOptions) -> String {
    match format {
        OutputFormat::Text => render_text(report, options.text),
        OutputFormat::Json => render_json(report),
        OutputFormat::Sarif => render_sarif(report, &options.path_prefix),
        OutputFormat::Github => render_github(report, &options.path_prefix),
        OutputFormat::Markdown => render_markdown(report, &options.markdown),
        OutputFormat::Junit => render_junit(report, options),
        OutputFormat::Checkstyle => render_checkstyle(report, options),
        OutputFormat::Compact => render_compact(report),
    }
}
