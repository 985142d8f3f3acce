//! YAML (multi-document, anchors, CloudFormation tags such as `!Ref`/`!Sub`) via saphyr's event parser.

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::entries::{index, join, Entry, Offsets, ReadError};

/// Mappings and sequences nested deeper than this are hostile or generated input (JSON's parser stops
/// at the same depth). Block nesting has no limit in the YAML parser itself, and every level's key
/// path is kept, so the limit keeps memory linear in the file size.
pub const MAX_YAML_DEPTH: usize = 512;

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, next: usize },
}

pub fn entries(text: &str) -> Result<Vec<Entry>, ReadError> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut doc = 0usize;
    let mut started = false;
    let offsets = Offsets::new(text);
    // Where the next node goes: its path, and whether it is a mapping key.
    fn slot(stack: &mut [Frame]) -> (String, bool) {
        match stack.last_mut() {
            None => (String::new(), false),
            Some(Frame::Map { path, key }) => match key.take() {
                None => (path.clone(), true),
                Some(k) => (join(path, &k), false),
            },
            Some(Frame::Seq { path, next }) => {
                let p = index(path, *next);
                *next += 1;
                (p, false)
            }
        }
    }
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| ReadError {
            offset: offsets.offset(e.marker().line(), e.marker().col()),
            message: format!("YAML: {}", e.info()),
        })?;
        match event {
            Event::DocumentStart(_) => {
                if started {
                    doc += 1;
                }
                started = true;
                stack.clear();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) if stack.len() >= MAX_YAML_DEPTH => {
                return Err(ReadError {
                    offset: offsets.offset(span.start.line(), span.start.col()),
                    message: format!("YAML: nested deeper than {MAX_YAML_DEPTH} levels: not read"),
                });
            }
            Event::MappingStart(..) => {
                let (path, _) = slot(&mut stack);
                stack.push(Frame::Map { path, key: None });
            }
            Event::SequenceStart(..) => {
                let (path, _) = slot(&mut stack);
                stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            Event::Scalar(value, style, _, _) => {
                let (path, is_key) = slot(&mut stack);
                if is_key {
                    if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                        *key = Some(value.to_string());
                    }
                    continue;
                }
                let start = offsets.offset(span.start.line(), span.start.col());
                let end = offsets.offset(span.end.line(), span.end.col()).max(start);
                // Quoted scalars: the value starts after the quote.
                let (start, end) = match style {
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                        (start + 1, end.saturating_sub(1).max(start + 1))
                    }
                    _ => (start, end),
                };
                let key = path.rsplit(['.', ']']).next().unwrap_or(&path).to_string();
                out.push(Entry {
                    key,
                    path,
                    value: value.to_string(),
                    range: start..end,
                    doc,
                });
            }
            Event::Alias(_) => {
                // The anchored value was read where it is defined.
                slot(&mut stack);
            }
            _ => {}
        }
    }
    Ok(out)
}
