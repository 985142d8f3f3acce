//! YAML (multi-document, anchors, CloudFormation tags such as `!Ref`/`!Sub`) via saphyr's event parser.
//! A CloudFormation short form is read as its long form (`!Sub x` as `{Fn::Sub: x}`), so one reader of
//! intrinsics serves YAML and JSON templates alike.

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use super::entries::{index, join, Entry, Offsets, ReadError};
use crate::model::might_contain_model_ref;

/// CloudFormation's short-form tags, by suffix: `!Ref` and `!Condition` keep their name, the others
/// are `Fn::` functions.
const CFN_SHORT_FORMS: &[&str] = &[
    "Ref",
    "Condition",
    "Sub",
    "GetAtt",
    "Join",
    "Select",
    "Split",
    "FindInMap",
    "If",
    "Equals",
    "And",
    "Or",
    "Not",
    "Base64",
    "Cidr",
    "GetAZs",
    "ImportValue",
    "Transform",
    "ToJsonString",
    "Length",
    "ForEach",
];

/// The long-form key of a CloudFormation short-form tag (`!Sub` → `Fn::Sub`), if it is one.
fn long_form(tag: Option<&Tag>) -> Option<String> {
    let tag = tag?;
    if tag.handle != "!" || !CFN_SHORT_FORMS.contains(&tag.suffix.as_str()) {
        return None;
    }
    Some(match tag.suffix.as_str() {
        s @ ("Ref" | "Condition") => s.to_string(),
        s => format!("Fn::{s}"),
    })
}

/// A plain scalar YAML resolves to a number, boolean or null rather than a string.
fn is_plain_non_string(value: &str) -> bool {
    matches!(
        value,
        "" | "~"
            | "null"
            | "Null"
            | "NULL"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
    ) || value.parse::<f64>().is_ok()
}

/// Mappings and sequences nested deeper than this are hostile or generated input (JSON's parser stops
/// at the same depth). Block nesting has no limit in the YAML parser itself, and every level's key
/// path is kept, so the limit keeps memory linear in the file size.
pub const MAX_YAML_DEPTH: usize = 512;

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, next: usize },
}

pub fn entries(text: &str) -> Result<Vec<Entry>, ReadError> {
    entries_nested(text, 0)
}

/// A literal block scalar (`config.yaml: |`) holding a YAML document of its own is read as one, this
/// many levels deep: a Kubernetes ConfigMap carrying a LiteLLM config is a LiteLLM config.
const MAX_EMBEDDED_DEPTH: usize = 2;

fn entries_nested(text: &str, nesting: usize) -> Result<Vec<Entry>, ReadError> {
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
            Event::MappingStart(_, tag) => {
                let (path, _) = slot(&mut stack);
                let path = match long_form(tag.as_deref()) {
                    Some(f) => join(&path, &f),
                    None => path,
                };
                stack.push(Frame::Map { path, key: None });
            }
            Event::SequenceStart(_, tag) => {
                let (path, _) = slot(&mut stack);
                let path = match long_form(tag.as_deref()) {
                    Some(f) => join(&path, &f),
                    None => path,
                };
                stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            Event::Scalar(value, style, _, tag) => {
                let (path, is_key) = slot(&mut stack);
                let start = offsets.offset(span.start.line(), span.start.col());
                if is_key {
                    if might_contain_model_ref(&value) {
                        let end = offsets.offset(span.end.line(), span.end.col()).max(start);
                        let (start, end) = inside_quotes(style, start, end);
                        out.push(Entry {
                            is_key: true,
                            ..Entry::value(join(&path, &value), value.to_string(), start..end, doc)
                        });
                    }
                    if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                        *key = Some(value.to_string());
                    }
                    continue;
                }
                let path = match long_form(tag.as_deref()) {
                    Some(f) => join(&path, &f),
                    None => path,
                };
                let text = style != ScalarStyle::Plain || !is_plain_non_string(&value);
                let end = offsets.offset(span.end.line(), span.end.col()).max(start);
                let (start, end) = inside_quotes(style, start, end);
                if style == ScalarStyle::Literal && nesting < MAX_EMBEDDED_DEPTH {
                    let at = (span.start.line(), span.start.col());
                    if let Some(inner) = embedded(&value, nesting, at, &offsets) {
                        out.extend(inner.into_iter().map(|e| Entry {
                            key: e.key,
                            path: join(&path, &e.path),
                            doc,
                            ..e
                        }));
                        continue;
                    }
                }
                out.push(Entry {
                    text,
                    ..Entry::value(path, value.to_string(), start..end, doc)
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

/// The entries of a YAML document held in a literal block scalar whose content starts at (`line`,
/// `col`), with ranges in the outer file: a literal block keeps its lines, each indented by the
/// block's indentation. `None` when the text is not a mapping or list of its own (a prompt, a script).
fn embedded(
    value: &str,
    nesting: usize,
    (line, col): (usize, usize),
    offsets: &Offsets<'_>,
) -> Option<Vec<Entry>> {
    if !value.contains('\n') || !might_contain_model_ref(value) {
        return None;
    }
    let inner = entries_nested(value, nesting + 1).ok()?;
    if inner.is_empty() || inner.iter().any(|e| e.path.is_empty()) {
        return None;
    }
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(value.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let to_outer = |at: usize| {
        let k = line_starts.partition_point(|&s| s <= at).saturating_sub(1);
        let in_line = value.get(line_starts[k]..at).unwrap_or("");
        offsets.offset(line + k, col + in_line.chars().count())
    };
    Some(
        inner
            .into_iter()
            .map(|e| {
                let range = to_outer(e.range.start)..to_outer(e.range.end);
                Entry { range, ..e }
            })
            .collect(),
    )
}

/// Quoted scalars: the value starts after the quote.
fn inside_quotes(style: ScalarStyle, start: usize, end: usize) -> (usize, usize) {
    match style {
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
            (start + 1, end.saturating_sub(1).max(start + 1))
        }
        _ => (start, end),
    }
}
