//! The rule docs (`rules/*.md`, the Markdown GitHub shows) rendered for a terminal, for
//! `bedrock-lint explain`: headings underlined, paragraphs and list items wrapped at the width, tables
//! aligned, code blocks indented; bold, code and link text styled with ANSI when `color`, plain text
//! otherwise (a pipe, a file). Covers the Markdown the rule docs use (ATX headings, paragraphs, `-`
//! and `1.` lists with continuation lines, pipe tables, fenced code, `**bold**`, `` `code` ``,
//! `[text](url)`), not CommonMark in full.

use super::text::wrap;
use super::TextOptions;

const BOLD: &str = "\x1b[1m";
const CODE: &str = "\x1b[36m";
const LINK: &str = "\x1b[4m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

pub fn render_terminal_markdown(md: &str, options: TextOptions) -> String {
    render_blocks(md, options).replace('\u{a0}', " ")
}

fn render_blocks(md: &str, options: TextOptions) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = md.lines().collect();
    let mut i = 0;
    // A blank line between blocks, except right under a section heading and between list items.
    let mut tight = false;
    let blank_before = |out: &mut String, tight: bool| {
        if !tight && !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
    };
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            i += 1;
            continue;
        }
        if trimmed.starts_with("```") {
            blank_before(&mut out, tight);
            tight = false;
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                let code = lines[i];
                if options.color {
                    out.push_str(&format!("    {CODE}{code}{RESET}\n"));
                } else {
                    out.push_str(&format!("    {code}\n"));
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        if let Some((level, text)) = heading(trimmed) {
            blank_before(&mut out, false);
            tight = level > 1;
            let text = inline(text, false);
            let width = textwrap::core::display_width(&text);
            let rule = if level == 1 { "=" } else { "-" }.repeat(width.min(options.width));
            if options.color {
                out.push_str(&format!("{BOLD}{text}{RESET}\n{DIM}{rule}{RESET}\n"));
            } else {
                out.push_str(&format!("{text}\n{rule}\n"));
            }
            i += 1;
            continue;
        }
        if trimmed.starts_with('|') {
            blank_before(&mut out, tight);
            tight = false;
            let mut rows: Vec<Vec<String>> = Vec::new();
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                let row = cells(lines[i].trim());
                // The `|---|---:|` line under the header.
                if !row
                    .iter()
                    .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
                {
                    rows.push(row.iter().map(|c| inline(c, options.color)).collect());
                }
                i += 1;
            }
            out.push_str(&table(&rows));
            continue;
        }
        if let Some((marker, first)) = list_item(trimmed) {
            blank_before(&mut out, tight);
            tight = true;
            // The item and its continuation lines (indented, not a new item), joined and wrapped.
            let mut text = first.to_string();
            i += 1;
            while i < lines.len() {
                let next = lines[i];
                let t = next.trim_start();
                if t.is_empty() || list_item(t).is_some() || !next.starts_with("  ") {
                    break;
                }
                text.push(' ');
                text.push_str(t);
                i += 1;
            }
            let bullet = if marker == "-" {
                if options.color {
                    "  • ".to_string()
                } else {
                    "  - ".to_string()
                }
            } else {
                format!("  {marker} ")
            };
            let hang = " ".repeat(bullet.chars().count());
            out.push_str(&wrap(
                &inline(&text, options.color),
                options.width,
                &bullet,
                &hang,
            ));
            if lines.get(i).is_none_or(|l| l.trim().is_empty()) {
                tight = false;
            }
            continue;
        }
        // A paragraph: lines up to a blank line or another block, joined and wrapped.
        blank_before(&mut out, tight);
        tight = false;
        let mut text = trimmed.to_string();
        i += 1;
        while i < lines.len() {
            let t = lines[i].trim_start();
            if t.is_empty()
                || t.starts_with("```")
                || t.starts_with('|')
                || heading(t).is_some()
                || list_item(t).is_some()
            {
                break;
            }
            text.push(' ');
            text.push_str(t);
            i += 1;
        }
        out.push_str(&wrap(&inline(&text, options.color), options.width, "", ""));
    }
    out
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let rest = line.get(level..)?;
    (level > 0 && level <= 6 && rest.starts_with(' ')).then(|| (level, rest.trim()))
}

/// `- text` or `12. text`: the marker and the text.
fn list_item(line: &str) -> Option<(&str, &str)> {
    if let Some(rest) = line.strip_prefix("- ") {
        return Some(("-", rest));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = line.get(digits..)?;
    (digits > 0 && rest.starts_with(". ")).then(|| (&line[..digits + 1], &rest[2..]))
}

/// The cells of `| a | b \| c |`: `a`, `b | c`.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                if let Some(s) = out.last_mut() {
                    s.push('|');
                }
                chars.next();
            }
            '|' => out.push(String::new()),
            c => {
                if let Some(s) = out.last_mut() {
                    s.push(c);
                }
            }
        }
    }
    out.iter().map(|c| c.trim().to_string()).collect()
}

fn table(rows: &[Vec<String>]) -> String {
    super::columns::aligned(rows, "  ")
}

/// `**bold**`, `` `code` ``, `[text](url)` and `\x` escapes: styled with `color`, else plain text
/// (code keeps its backticks, as bedrock-lint's own messages write identifiers; a link becomes
/// `text <url>`).
fn inline(text: &str, color: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**") {
                let inner = inline(&after[..end], color);
                if color {
                    out.push_str(&format!("{BOLD}{inner}{RESET}"));
                } else {
                    out.push_str(&inner);
                }
                rest = &after[end + 2..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('`') {
            if let Some(end) = after.find('`') {
                // Spaces in code as no-break spaces while wrapping (`# bedrock-lint-ignore: CODE` is
                // never split across lines); [`render_terminal_markdown`] turns them back.
                let code = after[..end].replace(' ', "\u{a0}");
                if color {
                    out.push_str(&format!("{CODE}{code}{RESET}"));
                } else {
                    out.push_str(&format!("`{code}`"));
                }
                rest = &after[end + 1..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('[') {
            if let Some((label, tail)) = after.split_once("](") {
                if let Some((url, tail)) = tail.split_once(')') {
                    if !label.contains('[') {
                        let label = inline(label, color);
                        if color {
                            out.push_str(&format!("{LINK}{label}{RESET} {DIM}<{url}>{RESET}"));
                        } else {
                            out.push_str(&format!("{label} <{url}>"));
                        }
                        rest = tail;
                        continue;
                    }
                }
            }
        }
        if let Some(after) = rest.strip_prefix('\\') {
            if let Some(next) = after.chars().next().filter(char::is_ascii_punctuation) {
                out.push(next);
                rest = &after[next.len_utf8()..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# BL000 name\n\n**Default severity:** warning\n\n## What it catches\nA call to `x.y`\nthat costs [money](https://aws.amazon.com/bedrock/pricing/).\n\n- one\n  continued\n- two\n\n| a | b |\n|---|---:|\n| `long cell` | 2 \\| 3 |\n\n```hcl\nmodel = \"x\"\n```\n";

    #[test]
    fn plain_text_has_no_markdown_syntax_left() {
        let out = render_terminal_markdown(
            DOC,
            TextOptions {
                color: false,
                width: 40,
            },
        );
        assert_eq!(
            out,
            "BL000 name\n==========\n\nDefault severity: warning\n\nWhat it catches\n---------------\nA call to `x.y` that costs money\n<https://aws.amazon.com/bedrock/pricing/>.\n\n  - one continued\n  - two\n\n  a            b\n  `long cell`  2 | 3\n\n    model = \"x\"\n"
        );
    }

    #[test]
    fn a_terminal_gets_styles_and_lines_fit_the_width() {
        let out = render_terminal_markdown(
            DOC,
            TextOptions {
                color: true,
                width: 40,
            },
        );
        assert!(out.contains("\x1b[1mBL000 name\x1b[0m"), "{out}");
        assert!(out.contains("\x1b[36mx.y\x1b[0m"), "{out}");
        assert!(!out.contains("**") && !out.contains("](") && !out.contains("```"));
        // Only a word longer than the line (a URL here) may exceed it: words are never cut.
        for line in out.lines() {
            assert!(
                textwrap::core::display_width(line) <= 40 || !line.trim().contains(' '),
                "{line:?}"
            );
        }
    }
}
