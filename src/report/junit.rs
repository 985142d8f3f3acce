//! JUnit XML, which most CI systems display: one test case per file with findings, failing with those
//! that reach `--fail-on`; the others are listed in the case's `<system-out>`, so a dashboard counts
//! as many failures as the step has reasons to fail.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::xml::{escape, escape_attr};
use super::RenderOptions;
use crate::diagnostic::Diagnostic;
use crate::Report;

pub fn render_junit(report: &Report, options: &RenderOptions) -> String {
    // (finding, whether it fails) by file.
    let mut by_file: BTreeMap<&str, Vec<(&Diagnostic, bool)>> = BTreeMap::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        by_file
            .entry(d.span.path())
            .or_default()
            .push((d, options.fails(i, d)));
    }
    let failures: usize = by_file
        .values()
        .map(|ds| ds.iter().filter(|(_, fails)| *fails).count())
        .sum();
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
        for (d, _) in diags.iter().filter(|(_, fails)| *fails) {
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                d.severity,
                escape_attr(&format!("{} {}", d.code, d.rule)),
                finding_text(file, d),
            );
        }
        let below: Vec<String> = diags
            .iter()
            .filter(|(_, fails)| !*fails)
            .map(|(d, _)| format!("{}: {}", d.severity, finding_text(file, d)))
            .collect();
        if !below.is_empty() {
            let _ = writeln!(
                out,
                "      <system-out>below --fail-on:\n{}</system-out>",
                below.join("\n")
            );
        }
        let _ = writeln!(out, "    </testcase>");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// `file:line:col: message (CODE)` and the help under it, escaped for element text.
fn finding_text(file: &str, d: &Diagnostic) -> String {
    format!(
        "{}:{}:{}: {} ({}){}",
        escape(file),
        d.span.line,
        d.span.column,
        escape(&d.message),
        d.code,
        d.help
            .as_deref()
            .map(|h| format!("\n{}", escape(h)))
            .unwrap_or_default(),
    )
}
