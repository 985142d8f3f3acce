//! GitHub Actions workflow commands: one annotation per finding, on the PR's diff.
//! <https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions>

use std::fmt::Write as _;

use crate::diagnostic::Severity;
use crate::Report;

/// `%`, CR and LF in a command's data.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Data escapes plus `:` and `,` in a property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `path_prefix`: see [`super::RenderOptions::path_prefix`]; annotations need repository-relative paths.
pub fn render_github(report: &Report, path_prefix: &str) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\n\n");
            message.push_str(h);
        }
        if let Some(fix) = &d.fix {
            message.push_str("\n\n");
            message.push_str(&fix.summary());
        }
        let end_column = if d.span.end_line == d.span.line {
            d.span.end_column.max(d.span.column + 1)
        } else {
            d.span.end_column
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&super::repo_path(path_prefix, d.span.path())),
            d.span.line,
            d.span.column,
            d.span.end_line.max(d.span.line),
            end_column,
            escape_property(&format!("{} {}", d.code, d.rule)),
            escape_data(&message),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% off\r\nnext"), "50%25 off%0D%0Anext");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        // `::` in a model ID or file name cannot end the command early.
        assert_eq!(escape_property("x::y"), "x%3A%3Ay");
    }
}
