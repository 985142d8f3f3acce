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

/// Control characters from input (a file name, an HCL string, a YAML value) shown visibly: a raw
/// newline or carriage return in a message could otherwise start a line of its own, or overwrite one.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The last line of defence for output read by a CI runner: GitHub Actions takes any stdout or stderr
/// line that starts (after spaces) with `::` as a workflow command, and `##[` anywhere as a legacy
/// one. bedrock-lint's plain-text outputs never mean to issue one (the `github` format does that,
/// escaped), so such a line, which can only come from input text, gets a visible `\` in front, and
/// `##[` becomes `#\#[`.
pub fn neutralize_workflow_commands(text: String) -> String {
    let risky = |line: &str| line.trim_start().starts_with("::") || line.contains("##[");
    if !text.lines().any(risky) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let mut line = line.replace("##[", "#\\#[");
        let lead = line.len() - line.trim_start().len();
        if line[lead..].starts_with("::") {
            line.insert(lead, '\\');
        }
        out.push_str(&line);
    }
    out
}

pub fn render_text(report: &Report, options: TextOptions) -> String {
    neutralize_workflow_commands(render_text_unchecked(report, options))
}

fn render_text_unchecked(report: &Report, options: TextOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(options.width)
        // Wrap at spaces only: `.bedrock-lint.toml`, model IDs and addresses are never split at a
        // hyphen or cut mid-word.
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    // Which files are plans (their source is never shown), decided once per file.
    // Keyed by the shared file's address (`usize`: a raw pointer cannot cross threads).
    let key = |d: &crate::diagnostic::Diagnostic| std::sync::Arc::as_ptr(&d.span.file) as usize;
    let mut plans: std::collections::HashMap<usize, bool> = std::collections::HashMap::new();
    for d in &report.diagnostics {
        plans
            .entry(key(d))
            .or_insert_with(|| looks_like_plan(&d.span.file.text));
    }
    // Diagnostics render independently: in parallel, joined in their sorted order.
    let rendered: Vec<String> = report
        .diagnostics
        .par_iter()
        .map(|d| {
            let is_plan = plans.get(&key(d)).copied().unwrap_or(true);
            render_one(&handler, d, is_plan, options.width)
        })
        .collect();
    let mut out = rendered.concat();
    // Notices start with a path: kept on one line each, whole, for grep and for copying the path.
    for n in &report.notices {
        let _ = writeln!(out, "{}", escape_controls(n));
    }
    out.push_str(&wrap(&summary_line(report), options.width, "", "  "));
    for note in run_notes(report) {
        out.push_str(&wrap(
            &format!("note: {note}"),
            options.width,
            "  ",
            "        ",
        ));
    }
    out
}

/// One logical line wrapped at `width` columns (at spaces; a word longer than the line is left
/// whole, never cut), the first line indented by `first`, the others by `rest`; ends with a newline.
pub(crate) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::with_capacity(text.len() + 8);
    for line in textwrap::wrap(text, options) {
        out.push_str(&line);
        out.push('\n');
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}

fn render_one(
    handler: &GraphicalReportHandler,
    d: &crate::diagnostic::Diagnostic,
    is_plan: bool,
    width: usize,
) -> String {
    let mut out = String::new();
    let len = d.span.end.saturating_sub(d.span.start);
    let max_line = width
        .saturating_sub(SNIPPET_GUTTER + d.span.end_line.to_string().len())
        .clamp(20, MAX_SNIPPET_LINE);
    // miette writes a label after the middle of its underline: one that would run past the width
    // is left out (the message says the same, and a wrapped label would break the drawing).
    let label_text = d.label.as_deref().map(escape_controls).filter(|l| {
        let line_len = d
            .span
            .file
            .lines
            .line_len_at(&d.span.file.text, d.span.start);
        let underline_start = if line_len > max_line {
            0
        } else {
            d.span.column.saturating_sub(1)
        };
        let middle = underline_start + len.min(max_line) / 2;
        SNIPPET_GUTTER + middle + 4 + l.chars().count() <= width
    });
    let label = LabeledSpan::new(label_text, d.span.start, len);
    let mut help = d.help.clone();
    if let (Some(impact), Some(h)) = (d.monthly_impact, help.as_mut()) {
        if !h.contains(&money::usd(impact)) {
            let _ = write!(h, " ({}/month at stake)", money::usd(impact));
        }
    }
    // Messages are one line by design (help may have several): a line break in one came from input.
    let mut diag = MietteDiagnostic::new(escape_controls(&d.message))
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
            escape_controls(d.span.path()),
            d.span.line,
            d.span.column
        );
        out.push('\n');
        return out;
    }
    let source = NamedSource::new(
        escape_controls(d.span.path()),
        SharedText {
            file: d.span.file.clone(),
            is_plan,
            // What is left of the width beside miette's indent and gutter (`  12 │ `).
            max_line,
        },
    );
    let report = miette::Report::new(diag).with_source_code(source);
    let _ = handler.render_report(&mut out, report.as_ref());
    out.push('\n');
    out
}

/// Lines longer than this are not shown under a diagnostic (well below miette's 65,535 limit).
const MAX_SHOWN_LINE: usize = 60_000;

/// Whether the lines the span covers, from the start of its first to the end of its last, are longer
/// than miette can show (the file's line index answers without a scan).
fn line_too_long(span: &crate::span::Span) -> bool {
    let (text, lines) = (span.file.text.as_str(), &span.file.lines);
    let (line_start, _) = lines.line_bounds(text, span.start);
    let (_, line_end) = lines.line_bounds(text, span.end.max(span.start));
    line_end - line_start > MAX_SHOWN_LINE
}

/// The file as read once, shared with miette instead of copied per diagnostic.
#[derive(Debug)]
struct SharedText {
    file: std::sync::Arc<crate::span::SourceFile>,
    /// A plan or state: only the span itself is ever shown.
    is_plan: bool,
    /// Source lines longer than this do not fit the terminal beside the gutter: only the underlined
    /// text is shown (cut to this length), at its true line and column.
    max_line: usize,
}

/// miette's indent, gutter and separator around a source line, less the line number's digits.
const SNIPPET_GUTTER: usize = 8;

/// Source lines longer than this are not printed whole: a `terraform show -json` plan is one line of
/// megabytes, with every value in it (sensitive ones too); a minified config is one line as well.
const MAX_SNIPPET_LINE: usize = 300;

impl miette::SourceCode for SharedText {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.file.text.as_str();
        // The span's line and the context lines miette would print around it.
        let lines = &self.file.lines;
        let here = span.offset().min(text.len());
        let (line_start, line_end) = lines.line_bounds(text, here);
        let long_line = [
            line_start.saturating_sub(1),
            here,
            (line_end + 1).min(text.len()),
        ]
        .iter()
        .any(|&at| lines.line_len_at(text, at) > self.max_line);
        if !self.is_plan && !long_line {
            return text.read_span(span, context_lines_before, context_lines_after);
        }
        // Only the underlined text itself (at most one short line of it), with its true position.
        let mut start = span.offset().min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + span.len().min(self.max_line)).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let shown = text[start..end].split(['\n', '\r']).next().unwrap_or("");
        let (line, column) = self.file.lines.position(text, start);
        Ok(Box::new(miette::MietteSpanContents::new(
            shown.as_bytes(),
            miette::SourceSpan::new(start.into(), shown.len()),
            line - 1,
            column - 1,
            1,
        )))
    }
}

/// Whether a file is a plan or state (by its first 4 KiB, as discovery decides).
fn looks_like_plan(text: &str) -> bool {
    let mut head_end = text.len().min(4096);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    crate::source::plan::looks_like_plan(&text[..head_end])
}

pub(crate) fn summary_line(report: &Report) -> String {
    let plural = super::totals::plural;
    format!(
        "{}, {}, {} in {} · {} · {}",
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        plural(report.count(Severity::Info), "info"),
        plural(report.files, "file"),
        plural(report.resources.len(), "Bedrock resource"),
        super::totals::CostTotals::of(report).statement(USAGE_HINT),
    )
}

/// Where the text outputs send a reader whose resources need usage.
pub(crate) const USAGE_HINT: &str = " (bedrock-lint usage)";

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(escape_controls("a\nb\rc\u{1b}[31m"), "a\\nb\\rc\\u{1b}[31m");
        assert_eq!(escape_controls("plain: arn:aws::x"), "plain: arn:aws::x");
    }

    #[test]
    fn lines_that_a_runner_would_obey_are_defused() {
        let out = neutralize_workflow_commands(
            "ok\n  ::error file=x::pwned\nsee ##[warning]x\narn:aws:bedrock:us-east-1::foundation-model/x\n"
                .to_string(),
        );
        assert_eq!(
            out,
            "ok\n  \\::error file=x::pwned\nsee #\\#[warning]x\narn:aws:bedrock:us-east-1::foundation-model/x\n"
        );
        for line in out.lines() {
            assert!(!line.trim_start().starts_with("::") && !line.contains("##["));
        }
    }
}
