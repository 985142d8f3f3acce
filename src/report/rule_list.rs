//! `bedrock-lint rules` and `bedrock-lint explain CODE`, from the rule metadata.

use std::fmt::Write as _;

use crate::rules;

pub fn render_rule_list() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<6}  {:<28}  {:<8}  summary",
        "code", "name", "default"
    );
    for r in rules::all() {
        let m = r.meta();
        let _ = writeln!(
            out,
            "{:<6}  {:<28}  {:<8}  {}",
            m.code,
            m.name,
            m.severity.as_str(),
            m.summary
        );
    }
    out
}

/// The rule's documentation as written (Markdown), or `None` for an unknown code or name.
pub fn render_explain(code_or_name: &str) -> Option<String> {
    rules::find(code_or_name).map(|r| {
        let mut doc = r.meta().doc.to_string();
        if !doc.ends_with('\n') {
            doc.push('\n');
        }
        doc
    })
}

/// The rule's documentation rendered for reading in a terminal (styled when `options.color`, plain
/// text otherwise), or `None` for an unknown code or name.
pub fn render_explain_text(code_or_name: &str, options: super::TextOptions) -> Option<String> {
    render_explain(code_or_name).map(|doc| {
        let mut out = super::terminal_markdown::render_terminal_markdown(&doc, options);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    })
}

/// The README's rule table, generated from the metadata (a test keeps README.md in step with it).
pub fn render_rule_table_markdown() -> String {
    let mut out = String::from("| code | name | default | fires when |\n|---|---|---|---|\n");
    for r in rules::all() {
        let m = r.meta();
        let _ = writeln!(
            out,
            "| [{}]({}) | `{}` | {} | {} |",
            m.code,
            m.doc_path(),
            m.name,
            m.severity.as_str(),
            m.summary
        );
    }
    out
}
