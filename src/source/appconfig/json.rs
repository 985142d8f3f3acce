//! JSON (and JSON with comments, as `cdk.json` and editor configs allow) with byte ranges; JSON Lines
//! (`.jsonl`, one document a line, as evaluation logs and batch-inference records are written).

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::{CollectOptions, ParseOptions};

use super::entries::{index, join, Entry, ReadError};
use crate::model::might_contain_model_ref;

pub fn entries(text: &str) -> Result<Vec<Entry>, ReadError> {
    let mut out = Vec::new();
    document(text, 0, 0, &mut out)?;
    Ok(out)
}

/// Each non-blank line is its own document (`doc` = its index among them).
pub fn lines(text: &str) -> Result<Vec<Entry>, ReadError> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut doc = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            document(line, at, doc, &mut out)?;
            doc += 1;
        }
        at += line.len();
    }
    Ok(out)
}

fn document(text: &str, base: usize, doc: usize, out: &mut Vec<Entry>) -> Result<(), ReadError> {
    let parsed =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
            .map_err(|e| ReadError {
                offset: base + e.range().start,
                message: format!("JSON: {e}"),
            })?;
    if let Some(value) = &parsed.value {
        let mut walk = Walk { base, doc, out };
        walk.value(value, String::new(), 0);
    }
    Ok(())
}

struct Walk<'o> {
    base: usize,
    doc: usize,
    out: &'o mut Vec<Entry>,
}

impl Walk<'_> {
    fn value(&mut self, value: &Value<'_>, path: String, depth: usize) {
        if depth > 256 {
            return;
        }
        let base = self.base;
        match value {
            Value::StringLit(s) => {
                // Inside the quotes.
                let range = base + s.range.start + 1
                    ..base + s.range.end.saturating_sub(1).max(s.range.start + 1);
                self.out
                    .push(Entry::value(path, s.value.to_string(), range, self.doc));
            }
            Value::NumberLit(n) => self.out.push(Entry {
                text: false,
                ..Entry::value(
                    path,
                    n.value.to_string(),
                    base + n.range.start..base + n.range.end,
                    self.doc,
                )
            }),
            Value::Object(obj) => {
                for prop in &obj.properties {
                    let (name, range) = match &prop.name {
                        ObjectPropName::String(s) => (
                            s.value.to_string(),
                            base + s.range.start + 1
                                ..base + s.range.end.saturating_sub(1).max(s.range.start + 1),
                        ),
                        ObjectPropName::Word(w) => (
                            w.value.to_string(),
                            base + w.range.start..base + w.range.end,
                        ),
                    };
                    let child = join(&path, &name);
                    if might_contain_model_ref(&name) {
                        self.out.push(Entry {
                            is_key: true,
                            ..Entry::value(child.clone(), name, range, self.doc)
                        });
                    }
                    self.value(&prop.value, child, depth + 1);
                }
            }
            Value::Array(arr) => {
                for (i, v) in arr.elements.iter().enumerate() {
                    self.value(v, index(&path, i), depth + 1);
                }
            }
            _ => {}
        }
    }
}
