//! TOML settings files, with spans from `toml`'s document parser.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::entries::{index, join, Entry, ReadError};

pub fn entries(text: &str) -> Result<Vec<Entry>, ReadError> {
    let table = DeTable::parse(text).map_err(|e| ReadError {
        offset: e.span().map_or(0, |s| s.start),
        message: format!("TOML: {}", e.message().trim_end()),
    })?;
    let mut out = Vec::new();
    walk_table(table.get_ref(), "", text, &mut out);
    Ok(out)
}

/// A price book or bedrock-lint's own catalog: model IDs are its keys and values by design.
pub fn is_price_book(text: &str) -> bool {
    DeTable::parse(text)
        .map(|t| t.get_ref().contains_key("schema_version") && t.get_ref().contains_key("models"))
        .unwrap_or(false)
}

fn walk_table(table: &DeTable<'_>, path: &str, text: &str, out: &mut Vec<Entry>) {
    for (key, value) in table.iter() {
        walk_value(value, join(path, key.get_ref()), text, out);
    }
}

fn walk_value(value: &Spanned<DeValue<'_>>, path: String, text: &str, out: &mut Vec<Entry>) {
    match value.get_ref() {
        DeValue::String(s) => {
            let span = value.span();
            // The span covers the quotes: step inside when the source is a plain quoted string.
            let raw = text.get(span.clone()).unwrap_or("");
            let range = if raw.len() >= 2
                && (raw.starts_with('"') || raw.starts_with('\''))
                && !raw.starts_with("\"\"\"")
            {
                span.start + 1..span.end - 1
            } else {
                span
            };
            out.push(Entry::value(path, s.to_string(), range, 0));
        }
        DeValue::Integer(n) => out.push(Entry {
            text: false,
            ..Entry::value(path, n.as_str().to_string(), value.span(), 0)
        }),
        DeValue::Float(n) => out.push(Entry {
            text: false,
            ..Entry::value(path, n.as_str().to_string(), value.span(), 0)
        }),
        DeValue::Table(t) => walk_table(t, &path, text, out),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_value(item, index(&path, i), text, out);
            }
        }
        _ => {}
    }
}
