//! Source positions. One [`LineIndex`] per file turns byte offsets into 1-based line/column pairs for
//! every format and every reporter.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

/// Byte offset → 1-based line and column (columns count Unicode scalar values, as editors and GitHub do).
///
/// Plan JSON is often one line of hundreds of MB, so a column must not cost a scan from the line start:
/// ASCII text (the usual case) maps bytes to columns directly, and other text keeps a character count
/// every 4 KiB, so each lookup counts at most 4 KiB.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// `(byte offset, chars before it)` every `CHECKPOINT` bytes; empty when the text is ASCII.
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let (mut byte, mut chars) = (0usize, 0usize);
            checkpoints.push((0, 0));
            while byte < text.len() {
                let mut next = (byte + CHECKPOINT).min(text.len());
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                chars += text[byte..next].chars().count();
                byte = next;
                checkpoints.push((byte, chars));
            }
        }
        LineIndex {
            line_starts,
            checkpoints,
        }
    }

    /// Characters in `text[..offset]` (`offset` on a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let i = match self.checkpoints.binary_search_by_key(&offset, |c| c.0) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let (byte, chars) = self.checkpoints[i];
        chars + text.get(byte..offset).map_or(0, |s| s.chars().count())
    }

    /// Byte range of the line holding `offset` (without its line break), found by binary search.
    pub fn line_bounds(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |next| next.saturating_sub(1));
        (start, end.max(start))
    }

    /// Byte length of the line holding `offset` (without its line break).
    pub fn line_len_at(&self, text: &str, offset: usize) -> usize {
        let (start, end) = self.line_bounds(text, offset);
        end - start
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to the end, offsets inside a
    /// character to its start.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = self.chars_before(text, offset) - self.chars_before(text, start);
        (line + 1, column + 1)
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes)
}

/// A file as read once: its display path (relative to the working directory, `/`-separated),
/// its text and its line index. Shared by every span that points into it.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    /// Owned once; the `SourceFile` itself is shared (`Arc`), so a 1 GB plan is never copied.
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: String, text: impl Into<String>) -> Arc<Self> {
        let text = text.into();
        let lines = LineIndex::new(&text);
        Arc::new(SourceFile { path, text, lines })
    }

    pub fn span(self: &Arc<Self>, range: Range<usize>) -> Span {
        let (line, column) = self.lines.position(&self.text, range.start);
        let (end_line, end_column) = self.lines.position(&self.text, range.end);
        Span {
            file: self.clone(),
            start: range.start,
            end: range.end,
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// A span covering the first line of the file (for file-level diagnostics).
    pub fn start_span(self: &Arc<Self>) -> Span {
        self.span(0..0)
    }
}

/// A located range in one source file. Lines and columns are 1-based; `end_*` is exclusive.
#[derive(Debug, Clone)]
pub struct Span {
    pub file: Arc<SourceFile>,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Span {
    pub fn path(&self) -> &str {
        &self.file.path
    }

    /// Identity of the location, for sets of "already seen" literals.
    pub fn key(&self) -> (String, usize, usize) {
        (self.file.path.clone(), self.start, self.end)
    }
}

impl PartialEq for Span {
    fn eq(&self, other: &Self) -> bool {
        self.file.path == other.file.path && self.start == other.start && self.end == other.end
    }
}
impl Eq for Span {}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        format!("{}:{}:{}", self.path(), self.line, self.column).serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let text = "ab\nc€d\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 3), (2, 1));
        // byte 7 is 'd' after the 3-byte euro sign: column 3
        assert_eq!(idx.position(text, 7), (2, 3));
        assert_eq!(idx.position(text, 100), (3, 1));
    }

    #[test]
    fn line_lengths() {
        let text = "ab\ncdef\n\nxyz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_len_at(text, 0), 2);
        assert_eq!(idx.line_len_at(text, 2), 2);
        assert_eq!(idx.line_len_at(text, 3), 4);
        assert_eq!(idx.line_len_at(text, 8), 0);
        assert_eq!(idx.line_len_at(text, 10), 3);
        assert_eq!(idx.line_len_at(text, 99), 3);
    }

    #[test]
    fn long_non_ascii_lines_use_checkpoints_correctly() {
        let text = format!("{}é{}x", "a".repeat(10_000), "b".repeat(10_000));
        let idx = LineIndex::new(&text);
        let x = text.len() - 1;
        assert_eq!(idx.position(&text, x), (1, 20_002));
        // Inside the two-byte `é`: its start.
        assert_eq!(idx.position(&text, 10_001), (1, 10_001));
    }
}
