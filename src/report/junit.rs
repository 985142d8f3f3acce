//! JUnit XML, which most CI systems display: one test case per file read, failing with its findings.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::xml::{escape, escape_attr};
use crate::diagnostic::Diagnostic;
use crate::Report;

pub fn render_junit(report: &Report) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &report.diagnostics {
        by_file.entry(d.span.path()).or_default().push(d);
    }
    let failures: usize = by_file.values().map(Vec::len).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"bedrock-lint\" tests=\"{}\" failures=\"{failures}\">",
        by_file.len().max(1)
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"bedrock-lint\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        by_file.len().max(1)
    );
    if by_file.is_empty() {
        let _ = writeln!(
            out,
            "    <testcase name=\"no findings\" classname=\"bedrock-lint\"/>"
        );
    }
    for (file, diags) in &by_file {
        let _ = writeln!(
            out,
            "    <testcase name=\"{}\" classname=\"bedrock-lint\">",
            escape_attr(file)
        );
        for d in diags {
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {} ({}){}</failure>",
                d.severity,
                escape_attr(&format!("{} {}", d.code, d.rule)),
                escape(file),
                d.span.line,
                d.span.column,
                escape(&d.message),
                d.code,
                d.help
                    .as_deref()
                    .map(|h| format!("\n{}", escape(h)))
                    .unwrap_or_default(),
            );
        }
        let _ = writeln!(out, "    </testcase>");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
