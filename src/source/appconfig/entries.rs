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
    /// YAML documents in one file (`---`) are separate; 0 elsewhere.
    pub doc: usize,
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

/// Byte offset of a (1-based line, 0-based character column) position.
pub fn offset_of(text: &str, line: usize, col_chars: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = text.get(line_start..).unwrap_or("");
    line_start
        + rest
            .char_indices()
            .nth(col_chars)
            .map_or(rest.len(), |(i, _)| i)
}
