//! JSON (and JSON with comments, as `cdk.json` and editor configs allow) with byte ranges.

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::{CollectOptions, ParseOptions};

use super::entries::{index, join, Entry, ReadError};

pub fn entries(text: &str) -> Result<Vec<Entry>, ReadError> {
    let parsed =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
            .map_err(|e| ReadError {
                offset: e.range().start,
                message: format!("JSON: {e}"),
            })?;
    let mut out = Vec::new();
    if let Some(value) = &parsed.value {
        walk(value, String::new(), &mut out, 0);
    }
    Ok(out)
}

fn walk(value: &Value<'_>, path: String, out: &mut Vec<Entry>, depth: usize) {
    if depth > 256 {
        return;
    }
    match value {
        Value::StringLit(s) => {
            let key = path.rsplit(['.', ']']).next().unwrap_or(&path).to_string();
            // Inside the quotes.
            let range = s.range.start + 1..s.range.end.saturating_sub(1).max(s.range.start + 1);
            out.push(Entry {
                key,
                path,
                value: s.value.to_string(),
                range,
                doc: 0,
            });
        }
        Value::Object(obj) => {
            for prop in &obj.properties {
                let name = match &prop.name {
                    ObjectPropName::String(s) => s.value.to_string(),
                    ObjectPropName::Word(w) => w.value.to_string(),
                };
                walk(&prop.value, join(&path, &name), out, depth + 1);
            }
        }
        Value::Array(arr) => {
            for (i, v) in arr.elements.iter().enumerate() {
                walk(v, index(&path, i), out, depth + 1);
            }
        }
        _ => {}
    }
}
