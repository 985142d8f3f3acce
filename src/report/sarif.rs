//! SARIF 2.1.0 for GitHub code scanning: a small typed model of the parts we emit (as cargo-deny does),
//! validated against the official schema in `tests/formats.rs`.

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::rules;
use crate::Report;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help_uri: String,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
    properties: ResultProperties<'a>,
    /// The finding's fix ([`crate::fix`]), as SARIF `fix` objects: one artifact change per file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    /// `safe` (`--fix` applies it) or `unsafe` (only `--unsafe-fixes`).
    applicability: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: InsertedContent,
}

#[derive(Serialize)]
struct InsertedContent {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    /// A relative URI reference: the path percent-encoded (`%`, `#`, `?`, spaces, `:`).
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "bedrockLint/v1")]
    bedrock_lint: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    monthly_impact_usd: Option<String>,
    /// The resource's cost in components (what the JSON format's `components` say, in brief).
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<ResultCost<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultCost<'a> {
    /// `null` when no part is known.
    monthly_usd: Option<String>,
    fixed_monthly_usd: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    one_time_usd: Option<String>,
    usage_needed: Vec<&'static str>,
    components: Vec<ResultComponent<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultComponent<'a> {
    key: &'a str,
    /// `null` when the quantity needs usage or the component is billed once.
    monthly_usd: Option<String>,
    unit_price_usd: String,
    /// How many units the price is for.
    unit_price_per: String,
    unit: &'a str,
    estimate: bool,
    /// `fixed`, `usage` (declared) or `unknown`.
    quantity_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    usage_field: Option<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    one_time: bool,
}

/// The priced resource a finding is about: same address and file, the nearest by line when one
/// resource holds several model strings (a function's environment variables).
fn resource_of<'a>(
    report: &'a Report,
    d: &crate::diagnostic::Diagnostic,
) -> Option<&'a crate::pricing::PricedResource> {
    let address = d.resource.as_deref()?;
    report
        .resources
        .iter()
        .filter(|r| r.resource.address == address && r.resource.span.path() == d.span.path())
        .min_by_key(|r| {
            let at = r.resource.model_span.as_ref().unwrap_or(&r.resource.span);
            at.line.abs_diff(d.span.line)
        })
}

fn result_cost(r: &crate::pricing::PricedResource) -> Option<ResultCost<'_>> {
    if r.cost.components.is_empty() && r.cost.monthly_usd.is_none() {
        return None;
    }
    let cents = crate::money::json_cents;
    Some(ResultCost {
        monthly_usd: r.cost.monthly_usd.map(cents),
        fixed_monthly_usd: super::totals::fixed_monthly(r).map(cents),
        one_time_usd: r.cost.one_time_usd().map(cents),
        usage_needed: r.cost.usage_needed(),
        components: r
            .cost
            .components
            .iter()
            .map(|c| ResultComponent {
                key: &c.key,
                monthly_usd: c.monthly().map(cents),
                unit_price_usd: c.price.usd.normalize().to_string(),
                unit_price_per: c.price.per.normalize().to_string(),
                unit: &c.unit,
                estimate: c.price.estimate,
                quantity_kind: c.quantity.as_str(),
                usage_field: c.quantity.usage_field(),
                one_time: c.one_time,
            })
            .collect(),
    })
}

pub(crate) fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `path_prefix`: see [`super::RenderOptions::path_prefix`]; URIs are relative to `%SRCROOT%`, the
/// repository root.
pub fn render_sarif(report: &Report, path_prefix: &str) -> String {
    let all = rules::all();
    let mut rule_list: Vec<Rule> = all
        .iter()
        .map(|r| {
            let m = r.meta();
            Rule {
                id: m.code,
                name: m.name,
                short_description: Text {
                    text: m.summary.to_string(),
                },
                full_description: Text {
                    text: first_paragraph(m.doc, "## What it catches"),
                },
                help_uri: format!(
                    "{}/blob/main/{}",
                    env!("CARGO_PKG_REPOSITORY"),
                    m.doc_path()
                ),
                // GitHub code scanning shows `markdown`; `text` is for viewers without Markdown.
                help: Help {
                    text: super::terminal_markdown::render_terminal_markdown(
                        m.doc,
                        super::TextOptions::default(),
                    ),
                    markdown: m.doc.to_string(),
                },
                default_configuration: Configuration {
                    level: level(m.severity),
                },
                properties: RuleProperties {
                    tags: vec!["cost", "bedrock"],
                },
            }
        })
        .collect();
    // Input errors are reported too, as a rule of their own.
    let (input_code, input_name) = crate::diagnostic::INVALID_INPUT;
    rule_list.push(Rule {
        id: input_code,
        name: input_name,
        short_description: Text {
            text: "An input could not be read or parsed".into(),
        },
        full_description: Text {
            text: "A file that could not be read or parsed; the rest of the run goes on.".into(),
        },
        help_uri: format!("{}#bad-input", env!("CARGO_PKG_REPOSITORY")),
        help: Help {
            text: "Fix the file's syntax or encoding.".into(),
            markdown: "Fix the file's syntax or encoding.".into(),
        },
        default_configuration: Configuration { level: "error" },
        properties: RuleProperties {
            tags: vec!["input"],
        },
    });
    let results = report
        .diagnostics
        .iter()
        .map(|d| {
            let rule_index = all
                .iter()
                .position(|r| r.meta().code == d.code)
                .unwrap_or(all.len());
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str("\n\n");
                text.push_str(h);
            }
            let text = escape_embedded_links(&text);
            SarifResult {
                rule_id: d.code,
                rule_index,
                level: level(d.severity),
                message: Text { text },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: super::encode_path(&super::repo_path(path_prefix, d.span.path())),
                            uri_base_id: "%SRCROOT%",
                        },
                        region: Region {
                            start_line: d.span.line,
                            start_column: d.span.column,
                            end_line: d.span.end_line.max(d.span.line),
                            end_column: if d.span.end_line > d.span.line {
                                d.span.end_column
                            } else {
                                d.span.end_column.max(d.span.column + 1)
                            },
                        },
                    },
                }],
                partial_fingerprints: Fingerprints {
                    bedrock_lint: d.fingerprint(""),
                },
                properties: ResultProperties {
                    resource: d.resource.as_deref(),
                    monthly_impact_usd: d.monthly_impact.map(crate::money::json_cents),
                    cost: resource_of(report, d).and_then(result_cost),
                },
                fixes: d.fix.iter().map(|f| sarif_fix(f, path_prefix)).collect(),
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "bedrock-lint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rule_list,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut out =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    out.push('\n');
    out
}

/// SARIF message strings may hold embedded links, `[text](target)`, which viewers render as links;
/// text from input (a model ID, a file name) must not make one. A `]` followed by `(` is escaped as
/// SARIF §3.11.5 says (`\]`), and a literal backslash before a bracket is doubled.
/// A fix as SARIF: its edits grouped by file, each an exact region (an empty one inserts) and the text
/// that replaces it.
fn sarif_fix(fix: &crate::fix::Fix, path_prefix: &str) -> SarifFix {
    let mut changes: Vec<ArtifactChange> = Vec::new();
    for e in &fix.edits {
        let uri = super::encode_path(&super::repo_path(path_prefix, e.span.path()));
        let replacement = Replacement {
            deleted_region: Region {
                start_line: e.span.line,
                start_column: e.span.column,
                end_line: e.span.end_line.max(e.span.line),
                end_column: e.span.end_column,
            },
            inserted_content: InsertedContent {
                text: e.replacement.clone(),
            },
        };
        match changes.iter_mut().find(|c| c.artifact_location.uri == uri) {
            Some(c) => c.replacements.push(replacement),
            None => changes.push(ArtifactChange {
                artifact_location: ArtifactLocation {
                    uri,
                    uri_base_id: "%SRCROOT%",
                },
                replacements: vec![replacement],
            }),
        }
    }
    SarifFix {
        description: Text {
            text: fix.title.clone(),
        },
        artifact_changes: changes,
        properties: FixProperties {
            applicability: fix.applicability.as_str(),
        },
    }
}

fn escape_embedded_links(text: &str) -> String {
    if !text.contains("](") {
        return text.to_string();
    }
    text.replace("\\[", "\\\\[")
        .replace("\\]", "\\\\]")
        .replace("](", "\\](")
}

/// The paragraph under a heading of a rule doc, joined into one line.
fn first_paragraph(doc: &str, heading: &str) -> String {
    let Some(after) = doc.split_once(heading).map(|(_, a)| a) else {
        return String::new();
    };
    after
        .trim_start()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
