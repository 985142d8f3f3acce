//! `terraform show -json` output, plan or state (format 0.1 to 1.x): Bedrock resources with their
//! planned values, the plan's action, and the pre-change state for cost comparisons.

mod extract;
pub mod locate;
pub mod schema;

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::{BedrockResource, RegionChoice};
use crate::span::SourceFile;

/// Plans of monorepos run to hundreds of MB; the file is read once into memory (never into a
/// `Value` tree), so the limit is about memory, not parsing.
pub const MAX_PLAN_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The highest `format_version` major this reader understands.
const SUPPORTED_MAJOR: u32 = 1;

/// Whether the start of a JSON file looks like `terraform show -json` output.
pub fn looks_like_plan(head: &str) -> bool {
    // A BOM (PowerShell's `Out-File -Encoding utf8`) does not make a plan something else: read as app
    // config, its sensitive values would be scanned like any other string.
    let head = head.strip_prefix('\u{feff}').unwrap_or(head);
    let body = head.get(json_start(head)..).unwrap_or("");
    body.trim_start().starts_with('{')
        && body.contains("\"format_version\"")
        && [
            "\"terraform_version\"",
            "\"planned_values\"",
            "\"resource_changes\"",
            "\"values\"",
        ]
        .iter()
        .any(|k| body.contains(k))
}

/// Output captured through hashicorp/setup-terraform's wrapper starts with a `[command]...` line, and
/// may have workflow-command lines (`::debug::...`) before the JSON too: the JSON starts after them.
fn json_start(text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("[command]") || line.starts_with("::") {
            at += line.len();
        } else {
            break;
        }
    }
    at
}

pub struct PlanOutput {
    pub resources: Vec<BedrockResource>,
    pub diagnostics: Vec<Diagnostic>,
    /// `(module path, source)` of each module call, parents before children, for finding the `.tf`.
    pub module_sources: Vec<(String, String)>,
}

pub fn lint_plan(file: &Arc<SourceFile>, fallback_region: &RegionChoice) -> PlanOutput {
    let text: &str = &file.text;
    let start = json_start(text);
    // The document ends where its JSON value does: the wrapper appends `::debug::stdout: {...}` and
    // `::set-output name=stdout::{...}` lines that repeat the plan, so the text after the value is
    // not read (a reader that insisted on the end of the file would call the plan malformed).
    let json = &text[start..];
    let fail = |offset: usize, message: String| PlanOutput {
        resources: Vec::new(),
        diagnostics: vec![Diagnostic::invalid_input(
            file.span(offset..offset),
            message,
        )],
        module_sources: Vec::new(),
    };
    let mut de = serde_json::Deserializer::from_str(json);
    let plan: schema::PlanFile = match serde::Deserialize::deserialize(&mut de) {
        Ok(p) => p,
        Err(e) => {
            let offset = start + offset_of(json, e.line(), e.column());
            let message = match e.classify() {
                serde_json::error::Category::Data => {
                    format!("not a Terraform plan or state (`terraform show -json` output): {e}")
                }
                _ => format!("invalid JSON: {e}"),
            };
            return fail(offset, message);
        }
    };
    let major = plan
        .format_version
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    if major.is_none_or(|m| m > SUPPORTED_MAJOR) {
        let at = text.find("\"format_version\"").unwrap_or(start);
        return fail(
            at,
            format!(
                "format_version {} is not supported: this bedrock-lint reads plan and state JSON format 0.x and 1.x",
                plan.format_version
            ),
        );
    }
    extract::extract(file, &plan, fallback_region)
}

/// Byte offset of a 1-based line and column inside `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    (line_start + column.saturating_sub(1)).min(text.len())
}
