//! Checkstyle XML, read by Jenkins, reviewdog and many CI dashboards. Dashboards count `error` as a
//! failure: a finding is an `error` when it reaches `--fail-on`, else `warning` or `info`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::xml::escape_attr;
use super::RenderOptions;
use crate::diagnostic::{Diagnostic, Severity};
use crate::Report;

pub fn render_checkstyle(report: &Report, options: &RenderOptions) -> String {
    let mut by_file: BTreeMap<&str, Vec<(&Diagnostic, bool)>> = BTreeMap::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        by_file
            .entry(d.span.path())
            .or_default()
            .push((d, options.fails(i, d)));
    }
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for (file, diags) in by_file {
        let _ = writeln!(out, "  <file name=\"{}\">", escape_attr(file));
        for (d, fails) in diags {
            let severity = match (fails, d.severity) {
                (true, _) => "error",
                (false, Severity::Error | Severity::Warning) => "warning",
                (false, Severity::Info) => "info",
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
