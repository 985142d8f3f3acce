//! Inline suppressions, in the convention tflint users know, plus an expiry:
//!
//! ```text
//! # bedrock-lint-ignore: BL001,BL003 until=2027-03-31 # reason
//! // bedrock-lint-ignore: all
//! # bedrock-lint-ignore-file: BL008 # reason
//! ```
//!
//! On its own line a suppression covers the next line; at the end of a line, that line. On a block
//! header (`resource "T" "N" {`) it covers the whole block and every finding on that resource, wherever
//! it points (a variable's literal, each `count`/`for_each` instance, the resource read from a plan).
//! YAML, TOML, `.env` and `.properties` use `#` (`.properties` also `!`); JSON has no comments.
//! Suppressions are read from the files the findings point into, already in memory.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::rules::{self, unused_suppression::META as BL900};
use crate::span::SourceFile;

#[derive(Debug, Clone)]
struct Suppression {
    file: Arc<SourceFile>,
    /// The comment's own place, for BL900.
    start: usize,
    end: usize,
    /// Rule codes, or empty for `all`.
    codes: Vec<String>,
    /// 1-based line range covered (whole file for `-file`).
    lines: (usize, usize),
    /// `TYPE.NAME` when the covered line is a resource block header.
    resource: Option<String>,
    until: Option<(i32, u32, u32)>,
    used: bool,
}

/// `YYYY-MM-DD` as (year, month, day); as written by hand in a comment, `2027-3-31` is read too.
fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut parts = s.splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// Today's date (UTC) from the system clock; `BEDROCK_LINT_TODAY=YYYY-MM-DD` fixes it for tests.
pub fn today() -> (i32, u32, u32) {
    let d = crate::date::Date::today();
    (d.year, d.month, d.day)
}

fn comment_markers(path: &str) -> &'static [&'static str] {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".json") {
        &[]
    } else if lower.ends_with(".tf") || lower.ends_with(".tfvars") {
        &["#", "//"]
    } else if lower.ends_with(".properties") {
        &["#", "!"]
    } else {
        &["#"]
    }
}

/// Every suppression comment in one file.
fn scan(file: &Arc<SourceFile>) -> Vec<Suppression> {
    let markers = comment_markers(&file.path);
    if markers.is_empty() || !file.text.contains("bedrock-lint-ignore") {
        return Vec::new();
    }
    let lines: Vec<&str> = file.text.split('\n').collect();
    let mut offset = 0;
    let mut out = Vec::new();
    for (i, raw) in lines.iter().enumerate() {
        let line_start = offset;
        offset += raw.len() + 1;
        let Some(at) = raw.find("bedrock-lint-ignore") else {
            continue;
        };
        // The directive must be in a comment: a marker before it on the line, with only the marker and
        // spaces between them.
        let Some(marker_at) = markers
            .iter()
            .filter_map(|m| raw[..at].rfind(m).map(|p| (p, m.len())))
            .max()
        else {
            continue;
        };
        if !raw[marker_at.0 + marker_at.1..at].trim().is_empty() {
            continue;
        }
        let own_line = raw[..marker_at.0].trim().is_empty();
        let rest = &raw[at..];
        let (file_level, rest) = match rest.strip_prefix("bedrock-lint-ignore-file:") {
            Some(r) => (true, r),
            None => match rest.strip_prefix("bedrock-lint-ignore:") {
                Some(r) => (false, r),
                None => continue,
            },
        };
        // `CODES [until=DATE] [# reason]`
        let directive = rest.split(['#']).next().unwrap_or("").trim();
        let mut words = directive.split_whitespace();
        let codes_word = words.next().unwrap_or("");
        let until = words
            .find_map(|w| w.strip_prefix("until="))
            .and_then(parse_date);
        let mut codes = Vec::new();
        for c in codes_word
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            if c.eq_ignore_ascii_case("all") {
                codes.clear();
                break;
            }
            for r in rules::select(c) {
                codes.push(r.meta().code.to_string());
            }
            if c.eq_ignore_ascii_case(BL900.code) {
                codes.push(BL900.code.to_string());
            }
        }
        let line_no = i + 1;
        let (range, resource) = if file_level {
            ((1, lines.len()), None)
        } else {
            // The next line that is not blank and not a comment, when the directive stands alone.
            let target = if own_line {
                (i + 1..lines.len())
                    .find(|&j| {
                        let t = lines[j].trim();
                        !t.is_empty() && !markers.iter().any(|m| t.starts_with(m))
                    })
                    .map_or(line_no, |j| j + 1)
            } else {
                line_no
            };
            let header = lines.get(target - 1).copied().unwrap_or("");
            let end = block_end(&lines, target - 1).map_or(target, |e| e + 1);
            ((target, end), resource_of(header))
        };
        out.push(Suppression {
            file: file.clone(),
            start: line_start + marker_at.0,
            end: line_start + raw.trim_end_matches('\r').len(),
            codes,
            lines: range,
            resource,
            until,
            used: false,
        });
    }
    out
}

/// The 0-based line where a block opened on `start` (`... {` at its end) closes, counting braces outside
/// strings and comments. `None` when the line opens no block.
fn block_end(lines: &[&str], start: usize) -> Option<usize> {
    if !lines.get(start)?.trim_end().ends_with('{') {
        return None;
    }
    let mut depth = 0i64;
    for (j, line) in lines.iter().enumerate().skip(start) {
        let mut in_string = false;
        let mut prev = ' ';
        for c in line.chars() {
            match c {
                '"' if prev != '\\' => in_string = !in_string,
                '#' if !in_string => break,
                '/' if !in_string && prev == '/' => break,
                '{' if !in_string => depth += 1,
                '}' if !in_string => depth -= 1,
                _ => {}
            }
            prev = c;
        }
        if depth <= 0 {
            return Some(j);
        }
    }
    None
}

/// `resource "aws_x" "name" {` → `aws_x.name`.
fn resource_of(header: &str) -> Option<String> {
    let rest = header.trim_start().strip_prefix("resource")?;
    let labels: Vec<&str> = rest.split('"').skip(1).step_by(2).collect();
    match labels.as_slice() {
        [ty, name, ..] => Some(format!("{ty}.{name}")),
        _ => None,
    }
}

/// `module.m["a"].aws_x.name[0]` → `aws_x.name`.
fn resource_type_and_name(address: &str) -> String {
    let mut out = String::new();
    let (mut depth, mut in_string) = (0, false);
    for c in address.chars() {
        match c {
            '"' if depth > 0 => in_string = !in_string,
            '[' if !in_string => depth += 1,
            ']' if !in_string => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let parts: Vec<&str> = out.split('.').collect();
    let n = parts.len();
    if n >= 2 {
        format!("{}.{}", parts[n - 2], parts[n - 1])
    } else {
        out
    }
}

/// Applies inline suppressions to the findings, and reports unused or expired ones (BL900).
pub fn apply(
    diagnostics: &mut Vec<Diagnostic>,
    sources: &[Arc<SourceFile>],
    config: &Config,
    today: (i32, u32, u32),
) {
    if config.no_inline_ignores {
        return;
    }
    // The files findings point into, each scanned once.
    let mut files: BTreeMap<String, Arc<SourceFile>> = BTreeMap::new();
    for f in sources {
        files.entry(f.path.clone()).or_insert_with(|| f.clone());
    }
    for d in diagnostics.iter() {
        files
            .entry(d.span.path().to_string())
            .or_insert_with(|| d.span.file.clone());
    }
    let mut suppressions: Vec<Suppression> = files.values().flat_map(scan).collect();
    if suppressions.is_empty() {
        return;
    }
    let unignorable: HashSet<String> = config
        .rules
        .iter()
        .filter(|(_, o)| o.ignorable == Some(false))
        .map(|(c, _)| c.clone())
        .collect();
    diagnostics.retain(|d| {
        if d.is_invalid_input() || unignorable.contains(d.code) {
            return true;
        }
        let base = d.resource.as_deref().map(resource_type_and_name);
        let mut suppressed = false;
        for s in suppressions.iter_mut() {
            if s.until.is_some_and(|u| u < today) {
                continue;
            }
            if !(s.codes.is_empty() || s.codes.iter().any(|c| c == d.code)) {
                continue;
            }
            let same_file = s.file.path == d.span.path();
            let in_range = same_file && d.span.line >= s.lines.0 && d.span.line <= s.lines.1;
            let same_resource = s.resource.is_some() && s.resource == base;
            if in_range || same_resource {
                s.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    for s in suppressions {
        let expired = s.until.filter(|u| *u < today);
        let message = match (expired, s.used) {
            (Some((y, m, d)), _) => format!("this suppression expired on {y:04}-{m:02}-{d:02}: the findings it covered are reported again"),
            (None, false) => "this suppression suppresses nothing: remove it, or check the rule codes".to_string(),
            (None, true) => continue,
        };
        let span = s.file.span(s.start..s.end);
        let fix = removal(&s);
        diagnostics.push(Diagnostic {
            code: BL900.code,
            rule: BL900.name,
            severity: BL900.severity,
            message,
            span,
            label: Some(if expired.is_some() {
                "expired".into()
            } else {
                "unused".into()
            }),
            resource: None,
            help: Some(
                "suppressions are `# bedrock-lint-ignore: CODES [until=YYYY-MM-DD] # reason`"
                    .into(),
            ),
            monthly_impact: None,
            fail_on: None,
            fix: Some(fix),
        });
    }
}

/// Deleting a suppression that suppresses nothing (or has expired) changes no finding but that one:
/// a safe fix. A comment alone on its line goes with its line; one after code goes with the spaces
/// before it.
fn removal(s: &Suppression) -> crate::fix::Fix {
    let text = &s.file.text;
    let line_start = text[..s.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..s.start];
    let range = if before.trim().is_empty() {
        let line_end = text[s.end..]
            .find('\n')
            .map_or(text.len(), |i| s.end + i + 1);
        line_start..line_end
    } else {
        line_start + before.trim_end().len()..s.end
    };
    crate::fix::Fix::replace(
        "Remove this bedrock-lint-ignore comment",
        s.file.span(range),
        "",
        crate::fix::Applicability::Safe,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2027-03-31"), Some((2027, 3, 31)));
        assert_eq!(parse_date("2027-13-01"), None);
        let (y, m, d) = today();
        assert!(y >= 2024 && (1..=12).contains(&m) && (1..=31).contains(&d));
    }

    #[test]
    fn addresses_reduce_to_type_and_name() {
        assert_eq!(
            resource_type_and_name("module.m[\"a.b\"].aws_x.chat[0]"),
            "aws_x.chat"
        );
        assert_eq!(resource_type_and_name("aws_x.chat"), "aws_x.chat");
    }

    #[test]
    fn blocks_close_where_their_braces_do() {
        let lines = [
            "resource \"a\" \"b\" {",
            "  x = \"}\" # }",
            "  y { z = 1 }",
            "}",
            "after",
        ];
        assert_eq!(block_end(&lines, 0), Some(3));
        assert_eq!(block_end(&lines, 4), None);
    }
}
