//! `.env` files: `KEY=value`, `export KEY=value`, quotes, `#` comments.

use super::entries::Entry;

pub fn entries(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let offset = line_start;
        line_start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let lead = body.len() - trimmed.len();
        let (trimmed, lead) = match trimmed.strip_prefix("export ") {
            Some(rest) => (rest.trim_start(), body.len() - rest.trim_start().len()),
            None => (trimmed, lead),
        };
        let Some((key, raw)) = trimmed.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            continue;
        }
        let value_at = offset + lead + trimmed.len() - raw.len();
        let value_lead = raw.len() - raw.trim_start().len();
        let raw = raw.trim_start();
        let (value, start, len) = match raw.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &raw[1..];
                let end = inner.find(q).unwrap_or(inner.len());
                (inner[..end].to_string(), value_at + value_lead + 1, end)
            }
            _ => {
                // An unquoted value ends at ` #` (a comment).
                let v = raw.split(" #").next().unwrap_or("").trim_end();
                (v.to_string(), value_at + value_lead, v.len())
            }
        };
        out.push(Entry::value(key.to_string(), value, start..start + len, 0));
    }
    out
}
