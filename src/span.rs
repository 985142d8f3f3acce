//! Source positions. One [`LineIndex`] per file turns byte offsets into 1-based line/column pairs for
//! every format and every reporter.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

/// Byte offset → 1-based line and column (columns count Unicode scalar values, as editors and GitHub do).
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to the end.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, b)| (*b == b'\n').then_some(i))
}

/// A file as read once: its display path (relative to the working directory, `/`-separated),
/// its text and its line index. Shared by every span that points into it.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: String, text: impl Into<Arc<str>>) -> Arc<Self> {
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
}
