//! Values of evaluated HCL expressions, with the provenance of string literals so a finding can point
//! at the line where a model ID is written, not only where it is used.

use std::collections::BTreeMap;

use crate::model::UNKNOWN_PART;
use crate::span::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    Str(Str),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
    /// An attribute of a resource in this configuration (`aws_bedrock_inference_profile.app.arn`):
    /// unknown until apply, but which resource it names is known.
    Ref(ResourceRef),
    /// Not knowable here; the reason is shown to the user.
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Str {
    /// The text, with [`UNKNOWN_PART`] where a part of it is not known (a template's unknown
    /// interpolation): the known parts are kept, the unknown ones never guessed.
    pub text: String,
    /// Where the string is written as one literal, if it passed through unchanged.
    pub origin: Option<Span>,
    /// Every literal that went into it (a template's interpolated strings), so a literal used only
    /// inside a template still counts as used.
    pub parts: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRef {
    /// `TYPE.NAME`
    pub address: String,
    pub resource_type: String,
}

impl Str {
    /// Whether some part of the text is unknown.
    pub fn is_partial(&self) -> bool {
        self.text.contains(UNKNOWN_PART)
    }
}

impl Value {
    pub fn str(text: impl Into<String>, origin: Option<Span>) -> Value {
        Value::Str(Str {
            text: text.into(),
            parts: origin.iter().cloned().collect(),
            origin,
        })
    }

    /// The string, when all of it is known.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) if !s.is_partial() => Some(&s.text),
            _ => None,
        }
    }

    /// Whether this is a string with unknown parts.
    pub fn is_partial(&self) -> bool {
        matches!(self, Value::Str(s) if s.is_partial())
    }

    /// Terraform's string conversion of a primitive (for template interpolation).
    pub fn to_template_string(&self) -> Result<String, String> {
        match self {
            Value::Str(s) => Ok(s.text.clone()),
            Value::Number(n) => Ok(format_number(*n)),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Unknown(why) => Err(why.clone()),
            Value::Ref(r) => Err(format!("{} is known only after apply", r.address)),
            Value::Null => Err("a null value cannot be interpolated".into()),
            Value::List(_) | Value::Map(_) => Err("a collection cannot be interpolated".into()),
        }
    }

    /// The size of the value, for limits: one per element, plus one per 16 bytes of string and per
    /// source location a string carries. Counting stops once it passes `limit` (so it costs at most
    /// about `limit` steps whatever the value).
    pub fn weight(&self, limit: usize) -> usize {
        let mut total = 0usize;
        let mut stack = vec![self];
        while let Some(v) = stack.pop() {
            total += 1;
            match v {
                Value::Str(s) => total += s.text.len() / 16 + s.parts.len(),
                Value::Unknown(why) => total += why.len() / 16,
                Value::List(items) => stack.extend(items.iter()),
                Value::Map(map) => {
                    for (k, item) in map {
                        total += k.len() / 16;
                        stack.push(item);
                    }
                }
                Value::Null | Value::Bool(_) | Value::Number(_) | Value::Ref(_) => {}
            }
            if total > limit {
                return total;
            }
        }
        total
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::Str(_) => "string",
            Value::List(_) => "list",
            Value::Map(_) => "map",
            Value::Ref(_) => "resource attribute",
            Value::Unknown(_) => "unknown",
        }
    }

    /// Every string inside this value (depth-first, map keys in order), with its path below the value.
    pub fn strings(&self) -> Vec<(String, &Str)> {
        let mut out = Vec::new();
        self.collect_strings(String::new(), &mut out);
        out
    }

    fn collect_strings<'a>(&'a self, path: String, out: &mut Vec<(String, &'a Str)>) {
        match self {
            Value::Str(s) => out.push((path, s)),
            Value::List(items) => {
                for (i, v) in items.iter().enumerate() {
                    v.collect_strings(format!("{path}[{i}]"), out);
                }
            }
            Value::Map(map) => {
                for (k, v) in map {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    v.collect_strings(p, out);
                }
            }
            _ => {}
        }
    }
}

pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
