//! `file:line:col: severity - message (code)`: one line per finding, for editors and grep.

use std::fmt::Write as _;

use crate::Report;

pub fn render_compact(report: &Report) -> String {
    super::text::neutralize_workflow_commands(render_lines(report))
}

fn render_lines(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let message = super::text::escape_controls(&d.message.replace(['\r', '\n'], " "));
        let _ = writeln!(
            out,
            "{}:{}:{}: {} - {} ({})",
            super::text::escape_controls(d.span.path()),
            d.span.line,
            d.span.column,
            d.severity,
            message,
            d.code
        );
    }
    out
}
