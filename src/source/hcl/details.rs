//! The kind-specific facts of the non-model Bedrock resources, read from HCL: a vector collection's
//! type and standby replicas, a knowledge base's store and the collection it uses, a guardrail's
//! policy types, a customization job's type and epochs. Blocks (`aws_*`) and object attributes
//! (`awscc_*`) are read alike; what cannot be evaluated stays unknown, with the reason.

use std::sync::Arc;

use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::{Block, Body};
use hcl_edit::Span as _;
use rust_decimal::Decimal;

use super::eval::{Evaluator, Instance};
use super::extract::{find_expr, header_span};
use super::value::{format_number, Value};
use crate::model::{CustomModelJob, Guardrail, Known, VectorCollection};
use crate::span::SourceFile;

/// The resource types of an OpenSearch Serverless collection (the link from a knowledge base).
pub const COLLECTION_TYPES: &[&str] = &[
    "aws_opensearchserverless_collection",
    "awscc_opensearchserverless_collection",
];

/// Elements of a `dynamic` block's collection looked into for nested blocks (a real one has a few).
const MAX_DYNAMIC_ELEMENTS: usize = 64;

/// Whether a (nested) block is configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Presence {
    Absent,
    Unknown,
    Present,
}

pub struct Reader<'r, 'a> {
    pub eval: &'r Evaluator<'a>,
    pub file: &'r Arc<SourceFile>,
    pub inst: &'r Instance,
}

impl Reader<'_, '_> {
    fn value(&self, expr: &Expression, bindings: &[(String, Value)]) -> Value {
        if bindings.is_empty() {
            self.eval.eval(expr, self.file, self.inst)
        } else {
            self.eval.eval_with(bindings, expr, self.file, self.inst)
        }
    }

    /// A string argument: `None` when not written (or `null`), so the caller applies the default.
    fn string(&self, body: &Body, path: &[&str]) -> Option<Known<String>> {
        let expr = find_expr(body, path)?;
        let name = path.join(".");
        Some(match self.value(expr, &[]) {
            Value::Null => return None,
            Value::Str(s) if s.is_partial() => {
                Known::Unknown(format!("`{name}` has parts known only at plan time"))
            }
            Value::Str(s) => Known::Known(s.text.trim().to_string()),
            Value::Unknown(why) => Known::Unknown(why),
            Value::Ref(r) => Known::Unknown(format!("{} is known only after apply", r.address)),
            other => Known::Unknown(format!("`{name}` is a {}", other.type_name())),
        })
    }

    /// `aws_opensearchserverless_collection`: `type` (the provider's default `TIMESERIES`),
    /// `standby_replicas` (default `ENABLED`), `name`.
    pub fn vector_collection(&self, block: &Block) -> VectorCollection {
        let body = &block.body;
        let collection_type = self
            .string(body, &["type"])
            .unwrap_or_else(|| Known::Known("TIMESERIES".into()));
        let standby_replicas = match self.string(body, &["standby_replicas"]) {
            None => Known::Known(true),
            Some(Known::Known(s)) if s.eq_ignore_ascii_case("ENABLED") => Known::Known(true),
            Some(Known::Known(s)) if s.eq_ignore_ascii_case("DISABLED") => Known::Known(false),
            Some(Known::Known(s)) => {
                Known::Unknown(format!("standby_replicas `{s}` is not ENABLED or DISABLED"))
            }
            Some(Known::Unknown(why)) => Known::Unknown(why),
        };
        let standby_span = body
            .get_attribute("standby_replicas")
            .and_then(|a| a.value.span())
            .map(|r| self.file.span(r))
            .unwrap_or_else(|| header_span(block, self.file));
        let name = match self.string(body, &["name"]) {
            Some(Known::Known(n)) => Some(n),
            _ => None,
        };
        VectorCollection {
            collection_type,
            standby_replicas,
            standby_span: Some(standby_span),
            name,
        }
    }

    /// A knowledge base's `storage_configuration.type`.
    pub fn store_type(&self, body: &Body) -> Known<String> {
        self.string(body, &["storage_configuration", "type"])
            .unwrap_or_else(|| Known::Unknown("storage_configuration.type is not set".into()))
    }

    /// The collection a knowledge base's `collection_arn` refers to, as `TYPE.NAME` plus the
    /// instance key written in the reference (`[0]`, `["a"]`), when it is one in this module.
    pub fn collection_link(&self, body: &Body) -> Option<String> {
        let expr = find_expr(
            body,
            &[
                "storage_configuration",
                "opensearch_serverless_configuration",
                "collection_arn",
            ],
        )?;
        let Value::Ref(r) = self.value(expr, &[]) else {
            return None;
        };
        if !COLLECTION_TYPES.contains(&r.resource_type.as_str()) {
            return None;
        }
        Some(format!(
            "{}{}",
            r.address,
            self.instance_key(expr, &r.address).unwrap_or_default()
        ))
    }

    /// `TYPE.NAME[KEY].arn` written directly: `[KEY]`, evaluated.
    fn instance_key(&self, expr: &Expression, address: &str) -> Option<String> {
        let Expression::Traversal(t) = expr else {
            return None;
        };
        let Expression::Variable(root) = &t.expr else {
            return None;
        };
        let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
        let (TraversalOperator::GetAttr(name), Some(op)) = (ops.first()?, ops.get(1)) else {
            return None;
        };
        if format!("{}.{}", root.as_str(), name.as_str()) != address {
            return None;
        }
        match op {
            TraversalOperator::LegacyIndex(i) => Some(format!("[{}]", i.value())),
            TraversalOperator::Index(e) => match self.value(e, &[]) {
                Value::Number(n) if n >= 0.0 && n.fract() == 0.0 => {
                    Some(format!("[{}]", format_number(n)))
                }
                Value::Str(s) if !s.is_partial() => Some(format!(
                    "[\"{}\"]",
                    s.text.replace('\\', "\\\\").replace('"', "\\\"")
                )),
                _ => None,
            },
            _ => None,
        }
    }

    /// The policy types a guardrail configures.
    pub fn guardrail(&self, body: &Body) -> Guardrail {
        let mut g = Guardrail::default();
        for (policy, path) in crate::model::terraform_types::GUARDRAIL_POLICY_PATHS {
            match self.presence(body, path, &[]) {
                Presence::Present => g.policies.push(*policy),
                Presence::Unknown => g.unknown_policies = true,
                Presence::Absent => {}
            }
        }
        g
    }

    /// Whether `path` is configured below `body`: as a block, a `dynamic` block or an attribute.
    fn presence(&self, body: &Body, path: &[&str], bindings: &[(String, Value)]) -> Presence {
        let Some((first, rest)) = path.split_first() else {
            return Presence::Present;
        };
        let mut found = Presence::Absent;
        if let Some(attr) = body.get_attribute(first) {
            found = found.max(value_presence(&self.value(&attr.value, bindings), rest));
        }
        for block in body.blocks() {
            if found == Presence::Present {
                break;
            }
            match block.ident.as_str() {
                ident if ident == *first => {
                    found = found.max(self.presence(&block.body, rest, bindings));
                }
                "dynamic" if block.labels.first().map(|l| l.as_str()) == Some(*first) => {
                    found = found.max(self.dynamic_presence(block, first, rest, bindings));
                }
                _ => {}
            }
        }
        found
    }

    /// `dynamic "NAME" { for_each = ...; content { ... } }`: present when its collection is not
    /// empty (and, below it, when `rest` is present in some element's content).
    fn dynamic_presence(
        &self,
        block: &Block,
        label: &str,
        rest: &[&str],
        bindings: &[(String, Value)],
    ) -> Presence {
        let Some(for_each) = block.body.get_attribute("for_each") else {
            return Presence::Unknown;
        };
        let elements: Vec<(Value, Value)> = match self.value(&for_each.value, bindings) {
            Value::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), v))
                .collect(),
            Value::Map(m) => m
                .into_iter()
                .map(|(k, v)| (Value::str(k, None), v))
                .collect(),
            Value::Null => Vec::new(),
            _ => return Presence::Unknown,
        };
        if elements.is_empty() {
            return Presence::Absent;
        }
        if rest.is_empty() {
            return Presence::Present;
        }
        let Some(content) = block.body.blocks().find(|b| b.ident.as_str() == "content") else {
            return Presence::Absent;
        };
        let iterator = block
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.as_str().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| label.to_string());
        let mut found = Presence::Absent;
        for (key, value) in elements.into_iter().take(MAX_DYNAMIC_ELEMENTS) {
            let mut inner = bindings.to_vec();
            inner.push((
                iterator.clone(),
                Value::Map([("key".to_string(), key), ("value".to_string(), value)].into()),
            ));
            found = found.max(self.presence(&content.body, rest, &inner));
            if found == Presence::Present {
                break;
            }
        }
        found
    }

    /// `aws_bedrock_custom_model`: `customization_type` (default `FINE_TUNING`) and
    /// `hyperparameters["epochCount"]` (a string in real code: `"2"`).
    pub fn custom_model(&self, body: &Body) -> CustomModelJob {
        let customization_type = self
            .string(body, &["customization_type"])
            .unwrap_or_else(|| Known::Known("FINE_TUNING".into()));
        let epochs = match body
            .get_attribute("hyperparameters")
            .map(|a| self.value(&a.value, &[]))
        {
            None | Some(Value::Null) => Known::Unknown("hyperparameters are not set".into()),
            Some(Value::Map(m)) => match m.get("epochCount") {
                None | Some(Value::Null) => {
                    Known::Unknown("hyperparameters.epochCount is not set".into())
                }
                Some(v) => epochs_of(v),
            },
            Some(Value::Unknown(why)) => Known::Unknown(why),
            Some(Value::Ref(r)) => {
                Known::Unknown(format!("{} is known only after apply", r.address))
            }
            Some(other) => Known::Unknown(format!("hyperparameters is a {}", other.type_name())),
        };
        CustomModelJob {
            customization_type,
            epochs,
        }
    }
}

/// An epoch count written as a string (`"2"`, what the provider's map of strings holds) or number.
fn epochs_of(v: &Value) -> Known<Decimal> {
    let parse = |s: &str| {
        s.trim()
            .parse::<Decimal>()
            .ok()
            .filter(|d| !d.is_sign_negative())
    };
    match v {
        Value::Str(s) if s.is_partial() => {
            Known::Unknown("epochCount has parts known only at plan time".into())
        }
        Value::Str(s) => parse(&s.text).map_or_else(
            || Known::Unknown(format!("epochCount `{}` is not a number", s.text)),
            Known::Known,
        ),
        Value::Number(n) => parse(&format_number(*n)).map_or_else(
            || Known::Unknown(format!("epochCount {n} is not a count")),
            Known::Known,
        ),
        Value::Unknown(why) => Known::Unknown(why.clone()),
        Value::Ref(r) => Known::Unknown(format!("{} is known only after apply", r.address)),
        other => Known::Unknown(format!("epochCount is a {}", other.type_name())),
    }
}

/// Whether `rest` is present below an evaluated value (awscc's object attributes, or a variable
/// passed to one): `null` and empty lists are absent.
fn value_presence(v: &Value, rest: &[&str]) -> Presence {
    match v {
        Value::Null => Presence::Absent,
        Value::Unknown(_) | Value::Ref(_) => Presence::Unknown,
        Value::List(items) => items
            .iter()
            .take(MAX_DYNAMIC_ELEMENTS)
            .map(|i| value_presence(i, rest))
            .max()
            .unwrap_or(Presence::Absent),
        Value::Map(m) => match rest.split_first() {
            None => Presence::Present,
            Some((first, rest)) => m
                .get(*first)
                .map_or(Presence::Absent, |v| value_presence(v, rest)),
        },
        Value::Str(_) | Value::Bool(_) | Value::Number(_) => {
            if rest.is_empty() {
                Presence::Present
            } else {
                Presence::Absent
            }
        }
    }
}
