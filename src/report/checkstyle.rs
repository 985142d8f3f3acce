//! Checkstyle XML, read by Jenkins, reviewdog and many CI dashboards.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::xml::escape_attr;
use crate::diagnostic::{Diagnostic, Severity};
use crate::Report;

pub fn render_checkstyle(report: &Report) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &report.diagnostics {
        by_file.entry(d.span.path()).or_default().push(d);
    }
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for (file, diags) in by_file {
        let _ = writeln!(out, "  <file name=\"{}\">", escape_attr(file));
        for d in diags {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"bedrock-lint.{}\"/>",
                d.span.line,
                d.span.column,
                escape_attr(&d.message),
                d.code,
            );
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
