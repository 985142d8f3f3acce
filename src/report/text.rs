//! Default output: miette's graphical diagnostics with the source line underlined, then a summary.

use std::fmt::Write as _;

use rayon::prelude::*;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

use crate::diagnostic::Severity;
use crate::model::RegionSource;
use crate::money;
use crate::Report;

#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    pub color: bool,
    /// Wrap width; fixed for reproducible output.
    pub width: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            color: false,
            width: 100,
        }
    }
}

pub fn render_text(report: &Report, options: TextOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(options.width);
    // Diagnostics render independently: in parallel, joined in their sorted order.
    let rendered: Vec<String> = report
        .diagnostics
        .par_iter()
        .map(|d| render_one(&handler, d))
        .collect();
    let mut out = rendered.concat();
    for n in &report.notices {
        let _ = writeln!(out, "{n}");
    }
    let _ = writeln!(out, "{}", summary_line(report));
    for note in run_notes(report) {
        let _ = writeln!(out, "  note: {note}");
    }
    out
}

fn render_one(handler: &GraphicalReportHandler, d: &crate::diagnostic::Diagnostic) -> String {
    let mut out = String::new();
    let len = d.span.end.saturating_sub(d.span.start);
    let label = LabeledSpan::new(d.label.clone(), d.span.start, len);
    let mut help = d.help.clone();
    if let (Some(impact), Some(h)) = (d.monthly_impact, help.as_mut()) {
        if !h.contains(&money::usd(impact)) {
            let _ = write!(h, " ({}/month at stake)", money::usd(impact));
        }
    }
    let mut diag = MietteDiagnostic::new(d.message.clone())
        .with_code(format!("{}({})", d.code, d.rule))
        .with_severity(match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
        .with_label(label);
    if let Some(h) = help {
        diag = diag.with_help(h);
    }
    if line_too_long(&d.span) {
        // miette pads to the column with `{:width$}`, which panics past 65,535 (a plan is one long
        // line); such a line is not worth printing anyway: the location is given instead.
        let report = miette::Report::new(diag);
        let _ = handler.render_report(&mut out, report.as_ref());
        let _ = writeln!(
            out,
            "  at {}:{}:{} (line too long to show)",
            d.span.path(),
            d.span.line,
            d.span.column
        );
        out.push('\n');
        return out;
    }
    let source = NamedSource::new(d.span.path(), SharedText(d.span.file.clone()));
    let report = miette::Report::new(diag).with_source_code(source);
    let _ = handler.render_report(&mut out, report.as_ref());
    out.push('\n');
    out
}

/// Lines longer than this are not shown under a diagnostic (well below miette's 65,535 limit).
const MAX_SHOWN_LINE: usize = 60_000;

fn line_too_long(span: &crate::span::Span) -> bool {
    let bytes = span.file.text.as_bytes();
    let start = span.start.min(bytes.len());
    let end = span.end.clamp(start, bytes.len());
    let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |i| end + i);
    line_end - line_start > MAX_SHOWN_LINE
}

/// The file as read once, shared with miette instead of copied per diagnostic.
#[derive(Debug)]
struct SharedText(std::sync::Arc<crate::span::SourceFile>);

impl miette::SourceCode for SharedText {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        self.0
            .text
            .as_str()
            .read_span(span, context_lines_before, context_lines_after)
    }
}

pub(crate) fn summary_line(report: &Report) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "{}, {}, {} in {} · {} · estimated {}/month",
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        plural(report.count(Severity::Info), "info"),
        plural(report.files, "file"),
        plural(report.resources.len(), "Bedrock resource"),
        money::usd(report.monthly_total()),
    );
    let unpriced = report.unpriced();
    if unpriced > 0 {
        let _ = write!(
            s,
            " (+ {} not priced: usage or price unknown)",
            plural(unpriced, "resource")
        );
    }
    s
}

/// Assumptions that apply to the whole run, said once.
pub(crate) fn run_notes(report: &Report) -> Vec<String> {
    let mut notes = Vec::new();
    let defaulted = report
        .resources
        .iter()
        .filter(|r| r.resource.region.source == RegionSource::Default)
        .count();
    if defaulted > 0 {
        let region = report
            .resources
            .iter()
            .find(|r| r.resource.region.source == RegionSource::Default)
            .map_or("us-east-1", |r| r.resource.region.region.as_str());
        notes.push(format!(
            "no Region set for {defaulted} resource(s): {region} assumed (set the provider's region, --region, or `region` in .bedrock-lint.toml)"
        ));
    }
    if report.has_estimates() {
        notes.push("some figures use third-party or assumed regional prices and are estimates; see `bedrock-lint cost`".to_string());
    }
    notes
}
