//! The common shape every app-config format is read into: each scalar with its key path and where its
//! text is. One extraction then serves YAML, JSON, TOML, `.env` and `.properties` alike.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// `model_list[0].litellm_params.model`, `spring.ai.bedrock.converse.chat.options.model`, `MODEL_ID`.
    pub path: String,
    /// The last key of the path (`model`), for sibling lookups (`aws_region_name`, `AWS_REGION`).
    pub key: String,
    /// The scalar's value, unescaped.
    pub value: String,
    /// Byte range of the value in the file (inside quotes when quoted).
    pub range: Range<usize>,
    /// YAML documents in one file (`---`) are separate, as are the lines of JSON Lines; 0 elsewhere.
    pub doc: usize,
    /// A string, as opposed to a number, boolean or null (kept so that a price table's numbers and a
    /// `!Select` index can be read).
    pub text: bool,
    /// A mapping key that names a model (a price table keyed by model ID), not a value.
    pub is_key: bool,
}

impl Entry {
    /// A string value at `path`.
    pub fn value(path: String, value: String, range: Range<usize>, doc: usize) -> Entry {
        Entry {
            key: last_key(&path).to_string(),
            path,
            value,
            range,
            doc,
            text: true,
            is_key: false,
        }
    }
}

/// The key a value sits under: `a.b` → `b`; an item of a list (`a[0]`) has none (``).
pub fn last_key(path: &str) -> &str {
    path.rsplit(['.', ']']).next().unwrap_or(path)
}

/// A problem reading the file: where, and what.
#[derive(Debug, Clone)]
pub struct ReadError {
    pub offset: usize,
    pub message: String,
}

pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

pub fn index(prefix: &str, i: usize) -> String {
    format!("{prefix}[{i}]")
}

/// Byte offsets of (1-based line, 0-based character column) positions, for parsers that report
/// positions that way (saphyr). Line starts are found once per file, so each lookup scans only its own
/// line: a file with 100,000 scalars costs one pass, not one pass per scalar.
pub struct Offsets<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> Offsets<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter_map(|(i, b)| (b == b'\n').then_some(i + 1)),
        );
        Offsets { text, line_starts }
    }

    /// Past the last line: the end of the text; past the end of a line: the end of that line's text.
    pub fn offset(&self, line: usize, col_chars: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = self.text.get(start..).unwrap_or("");
        start
            + rest
                .char_indices()
                .nth(col_chars)
                .map_or(rest.len(), |(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_by_line_and_char_column() {
        let text = "ab\r\nc\u{e9}d\nlast";
        let o = Offsets::new(text);
        assert_eq!(o.offset(1, 0), 0);
        assert_eq!(o.offset(1, 1), 1);
        assert_eq!(o.offset(2, 0), 4);
        // `d` after the two-byte `é`.
        assert_eq!(o.offset(2, 2), 7);
        assert_eq!(o.offset(3, 2), 11);
        assert_eq!(o.offset(3, 99), text.len());
        assert_eq!(o.offset(9, 0), text.len());
    }
}
