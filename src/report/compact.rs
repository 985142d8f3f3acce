//! `file:line:col: severity - message (code)`: one line per finding, for editors and grep.

use std::fmt::Write as _;

use crate::Report;

pub fn render_compact(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let message = d.message.replace(['\r', '\n'], " ");
        let _ = writeln!(
            out,
            "{}:{}:{}: {} - {} ({})",
            d.span.path(),
            d.span.line,
            d.span.column,
            d.severity,
            message,
            d.code
        );
    }
    out
}
