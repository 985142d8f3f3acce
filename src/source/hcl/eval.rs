//! A small evaluator for the Terraform expressions that carry model IDs and sizes: literals, `var.x`,
//! `local.x`, templates, `count.index`/`each.*`, Bedrock data sources by their literal arguments,
//! conditionals, a few pure functions. Anything else evaluates to `Unknown(reason)`: never guessed.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::Block;
use hcl_edit::template::{Element, Template};
use hcl_edit::Span as _;

use super::module::{ModuleIndex, ProviderBlock};
use super::value::{ResourceRef, Str, Value};
use crate::span::SourceFile;

/// Nesting deeper than this is hostile or generated input: give up on the value, not the run.
const MAX_DEPTH: u32 = 128;

/// The largest value a `local`/`var` may hold (see [`Value::weight`]): a local that doubles another
/// (`l2 = [local.l1, local.l1]`, `"${local.s}${local.s}"`) grows exponentially with the chain, so
/// one is unknown past this size instead of exhausting memory.
pub const MAX_VALUE_WEIGHT: usize = 100_000;

/// Work one module's evaluation may do (one unit per expression evaluated, plus the weight of every
/// cached value handed out). Past it every further value is unknown, with the reason.
const EVAL_BUDGET: u64 = 10_000_000;

/// `count.index` / `each.key` / `each.value` of the resource instance being evaluated.
#[derive(Debug, Clone, Default)]
pub struct Instance {
    pub count_index: Option<u64>,
    pub each: Option<(String, Value)>,
}

enum LocalState {
    InProgress,
    /// The value and its weight (what each use of it costs).
    Done(Value, usize),
}

pub struct Evaluator<'a> {
    module: &'a ModuleIndex<'a>,
    locals: RefCell<HashMap<&'a str, LocalState>>,
    vars: RefCell<HashMap<String, Value>>,
    inputs: RefCell<std::collections::HashSet<String>>,
    depth: Cell<u32>,
    budget: Cell<u64>,
}

impl<'a> Evaluator<'a> {
    pub fn new(module: &'a ModuleIndex<'a>) -> Self {
        Evaluator {
            module,
            locals: RefCell::new(HashMap::new()),
            vars: RefCell::new(HashMap::new()),
            inputs: RefCell::new(std::collections::HashSet::new()),
            depth: Cell::new(0),
            budget: Cell::new(EVAL_BUDGET),
        }
    }

    /// A module's input variables as its caller sets them: they take the place of defaults.
    pub fn set_input(&self, name: &str, value: Value) {
        self.vars.borrow_mut().insert(name.to_string(), value);
        self.inputs.borrow_mut().insert(name.to_string());
    }

    /// Whether a variable's value was passed in by a calling module (the caller wrote it).
    pub fn is_input(&self, name: &str) -> bool {
        self.inputs.borrow().contains(name)
    }

    pub fn module(&self) -> &'a ModuleIndex<'a> {
        self.module
    }

    pub fn eval(&self, expr: &Expression, file: &Arc<SourceFile>, inst: &Instance) -> Value {
        let depth = self.depth.get();
        if depth >= MAX_DEPTH {
            return Value::Unknown("expression nested too deeply to evaluate".into());
        }
        if !self.spend(1) {
            return budget_exhausted();
        }
        self.depth.set(depth + 1);
        let v = self.eval_inner(expr, file, inst);
        self.depth.set(depth);
        v
    }

    fn eval_inner(&self, expr: &Expression, file: &Arc<SourceFile>, inst: &Instance) -> Value {
        match expr {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(n) => n.value().as_f64().map_or_else(
                || Value::Unknown("number out of range".into()),
                Value::Number,
            ),
            Expression::String(s) => {
                Value::str(s.value().as_str(), expr.span().map(|r| file.span(r)))
            }
            Expression::StringTemplate(t) => self.eval_template(t, file, inst),
            Expression::HeredocTemplate(h) => self.eval_template(&h.template, file, inst),
            Expression::Array(items) => {
                Value::List(items.iter().map(|e| self.eval(e, file, inst)).collect())
            }
            Expression::Object(obj) => {
                let mut map = BTreeMap::new();
                for (key, value) in obj.iter() {
                    let key = match key {
                        ObjectKey::Ident(id) => id.as_str().to_string(),
                        ObjectKey::Expression(e) => {
                            match self.eval(e, file, inst).to_template_string() {
                                Ok(k) => k,
                                Err(why) => {
                                    return Value::Unknown(format!("object key unknown: {why}"))
                                }
                            }
                        }
                    };
                    map.insert(key, self.eval(value.expr(), file, inst));
                }
                Value::Map(map)
            }
            Expression::Parenthesis(p) => self.eval(p.inner(), file, inst),
            Expression::Variable(v) => Value::Unknown(format!("`{}` is not evaluated", v.as_str())),
            Expression::Traversal(t) => {
                let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
                self.eval_traversal(&t.expr, &ops, file, inst)
            }
            Expression::Conditional(c) => match self.eval(&c.cond_expr, file, inst) {
                Value::Bool(true) => self.eval(&c.true_expr, file, inst),
                Value::Bool(false) => self.eval(&c.false_expr, file, inst),
                Value::Unknown(why) => Value::Unknown(format!("condition unknown: {why}")),
                other => {
                    Value::Unknown(format!("condition is a {}, not a bool", other.type_name()))
                }
            },
            Expression::UnaryOp(op) => match (op.operator.value(), self.eval(&op.expr, file, inst))
            {
                (UnaryOperator::Not, Value::Bool(b)) => Value::Bool(!b),
                (UnaryOperator::Neg, Value::Number(n)) => Value::Number(-n),
                (_, Value::Unknown(why)) => Value::Unknown(why),
                _ => Value::Unknown("invalid unary operation".into()),
            },
            Expression::BinaryOp(op) => {
                let lhs = self.eval(&op.lhs_expr, file, inst);
                let rhs = self.eval(&op.rhs_expr, file, inst);
                binary(*op.operator.value(), lhs, rhs)
            }
            Expression::FuncCall(call) => {
                let name = call.name.name.as_str();
                let args: Vec<Value> = call.args.iter().map(|a| self.eval(a, file, inst)).collect();
                function(name, args)
            }
            Expression::ForExpr(_) => Value::Unknown("`for` expressions are not evaluated".into()),
        }
    }

    fn eval_template(&self, t: &Template, file: &Arc<SourceFile>, inst: &Instance) -> Value {
        let elements: Vec<&Element> = t.iter().collect();
        // "${local.x}" passes the value through, keeping where it was written.
        if let [Element::Interpolation(i)] = elements.as_slice() {
            let v = self.eval(&i.expr, file, inst);
            if matches!(v, Value::Str(_)) {
                return v;
            }
        }
        let mut out = String::new();
        let mut parts = Vec::new();
        for element in elements {
            match element {
                Element::Literal(s) => out.push_str(s.value()),
                Element::Interpolation(i) => {
                    let v = self.eval(&i.expr, file, inst);
                    if let Value::Str(s) = &v {
                        parts.extend(s.parts.iter().cloned());
                    }
                    match v.to_template_string() {
                        Ok(s) => out.push_str(&s),
                        Err(why) => return Value::Unknown(why),
                    }
                }
                Element::Directive(_) => {
                    return Value::Unknown("template directives are not evaluated".into())
                }
            }
        }
        Value::Str(Str {
            text: out,
            origin: None,
            parts,
        })
    }

    fn eval_traversal(
        &self,
        root: &Expression,
        ops: &[&TraversalOperator],
        file: &Arc<SourceFile>,
        inst: &Instance,
    ) -> Value {
        let Expression::Variable(root_name) = root else {
            let base = self.eval(root, file, inst);
            return self.apply_ops(base, ops, file, inst);
        };
        let attr = |i: usize| match ops.get(i) {
            Some(TraversalOperator::GetAttr(name)) => Some(name.as_str()),
            _ => None,
        };
        match root_name.as_str() {
            "var" => match attr(0) {
                Some(name) => {
                    let v = self.var(name);
                    self.apply_ops(v, &ops[1..], file, inst)
                }
                None => Value::Unknown("invalid `var` reference".into()),
            },
            "local" => match attr(0) {
                Some(name) => {
                    let v = self.local(name);
                    self.apply_ops(v, &ops[1..], file, inst)
                }
                None => Value::Unknown("invalid `local` reference".into()),
            },
            "count" => match (attr(0), inst.count_index) {
                (Some("index"), Some(i)) => Value::Number(i as f64),
                _ => Value::Unknown("`count.index` outside a counted resource".into()),
            },
            "each" => match (attr(0), &inst.each) {
                (Some("key"), Some((k, _))) => {
                    self.apply_ops(Value::str(k.clone(), None), &ops[1..], file, inst)
                }
                (Some("value"), Some((_, v))) => self.apply_ops(v.clone(), &ops[1..], file, inst),
                _ => Value::Unknown("`each` outside a for_each resource".into()),
            },
            "data" => match (attr(0), attr(1)) {
                (Some(ty), Some(name)) => {
                    // `data.T.N[0].attr`: instance keys of a data source do not change its literal arguments.
                    let rest: Vec<&TraversalOperator> = ops[2..]
                        .iter()
                        .copied()
                        .skip_while(|op| {
                            matches!(
                                op,
                                TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)
                            )
                        })
                        .collect();
                    let v = self.data_source(ty, name);
                    self.apply_ops(v, &rest, file, inst)
                }
                _ => Value::Unknown("invalid `data` reference".into()),
            },
            "module" => Value::Unknown(format!(
                "module.{} outputs are known only after apply",
                attr(0).unwrap_or("?")
            )),
            "path" | "terraform" | "self" => {
                Value::Unknown(format!("`{}.*` is not evaluated", root_name.as_str()))
            }
            ty => match attr(0) {
                Some(name) if self.module.resources.contains_key(&(ty, name)) => {
                    Value::Ref(ResourceRef {
                        address: format!("{ty}.{name}"),
                        resource_type: ty.to_string(),
                    })
                }
                Some(name) => Value::Unknown(format!("{ty}.{name} is known only after apply")),
                None => Value::Unknown(format!("`{ty}` is not evaluated")),
            },
        }
    }

    fn apply_ops(
        &self,
        mut value: Value,
        ops: &[&TraversalOperator],
        file: &Arc<SourceFile>,
        inst: &Instance,
    ) -> Value {
        for op in ops {
            value = match (value, op) {
                (v @ (Value::Unknown(_) | Value::Ref(_)), _) => return v,
                (Value::Map(mut m), TraversalOperator::GetAttr(k)) => m
                    .remove(k.as_str())
                    .unwrap_or_else(|| Value::Unknown(format!("no key `{}`", k.as_str()))),
                (Value::List(mut l), TraversalOperator::LegacyIndex(i)) => {
                    let i = *i.value() as usize;
                    if i < l.len() {
                        l.swap_remove(i)
                    } else {
                        Value::Unknown(format!("index {i} out of range"))
                    }
                }
                (collection, TraversalOperator::Index(e)) => {
                    let key = self.eval(e, file, inst);
                    index(collection, key)
                }
                (_, TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_)) => {
                    return Value::Unknown("splat expressions are not evaluated".into())
                }
                (other, _) => {
                    return Value::Unknown(format!("cannot index into a {}", other.type_name()))
                }
            };
        }
        value
    }

    /// `var.NAME`: the last `.tfvars`/`--var-file` assignment, else the declared default.
    pub fn var(&self, name: &str) -> Value {
        if let Some(v) = self.vars.borrow().get(name) {
            return self.hand_out(v);
        }
        let value = if let Some(a) = self
            .module
            .tfvars
            .iter()
            .rev()
            .find(|a| a.item.key.as_str() == name)
        {
            self.eval(&a.item.value, a.file, &Instance::default())
        } else if let Some(block) = self.module.variables.get(name) {
            match block.item.body.get_attribute("default") {
                Some(d) => self.eval(&d.value, block.file, &Instance::default()),
                None => Value::Unknown(format!(
                    "var.{name} has no default and no value in a .tfvars file"
                )),
            }
        } else {
            Value::Unknown(format!("var.{name} is not declared"))
        };
        let value = capped(value, &format!("var.{name}"));
        self.vars
            .borrow_mut()
            .insert(name.to_string(), value.clone());
        value
    }

    /// Takes `units` of work from the budget; false once it is spent.
    fn spend(&self, units: u64) -> bool {
        let left = self.budget.get();
        self.budget.set(left.saturating_sub(units));
        left >= units
    }

    /// A cached value, charged by its size: a large value referenced from many places costs each time.
    fn hand_out(&self, v: &Value) -> Value {
        let weight = v.weight(MAX_VALUE_WEIGHT) as u64;
        if self.spend(weight) {
            v.clone()
        } else {
            budget_exhausted()
        }
    }

    /// `local.NAME`, evaluated once; a reference cycle is unknown, not a stack overflow.
    pub fn local(&self, name: &str) -> Value {
        let Some((key, attr)) = self.module.locals.get_key_value(name) else {
            return Value::Unknown(format!("local.{name} is not declared"));
        };
        match self.locals.borrow().get(key) {
            Some(LocalState::Done(v, weight)) => {
                return if self.spend(*weight as u64) {
                    v.clone()
                } else {
                    budget_exhausted()
                }
            }
            Some(LocalState::InProgress) => {
                return Value::Unknown(format!("local.{name} refers to itself"))
            }
            None => {}
        }
        self.locals.borrow_mut().insert(key, LocalState::InProgress);
        let v = capped(
            self.eval(&attr.item.value, attr.file, &Instance::default()),
            &format!("local.{name}"),
        );
        let weight = v.weight(MAX_VALUE_WEIGHT);
        self.locals
            .borrow_mut()
            .insert(key, LocalState::Done(v.clone(), weight));
        v
    }

    /// Bedrock data sources resolved from their literal arguments, as the provider would.
    fn data_source(&self, ty: &str, name: &str) -> Value {
        let Some(block) = self.module.data.get(&(ty, name)) else {
            return Value::Unknown(format!("data.{ty}.{name} is not declared"));
        };
        let arg = |key: &str| {
            block
                .item
                .body
                .get_attribute(key)
                .map(|a| self.eval(&a.value, block.file, &Instance::default()))
        };
        match ty {
            "aws_bedrock_foundation_model" => {
                let Some(Value::Str(id)) = arg("model_id") else {
                    return Value::Unknown(format!("data.{ty}.{name}.model_id is unknown"));
                };
                // The ARN the provider returns; with no known Region the ID stands in (same model).
                let arn = match self.provider_region(block.item, ty) {
                    Some(region) => {
                        format!("arn:aws:bedrock:{region}::foundation-model/{}", id.text)
                    }
                    None => id.text.clone(),
                };
                let mut m = BTreeMap::new();
                m.insert(
                    "model_arn".into(),
                    Value::Str(Str {
                        text: arn,
                        origin: id.origin.clone(),
                        parts: id.parts.clone(),
                    }),
                );
                m.insert("model_id".into(), Value::Str(id.clone()));
                m.insert("id".into(), Value::Str(id));
                Value::Map(m)
            }
            "aws_bedrock_inference_profile" => {
                let Some(Value::Str(id)) = arg("inference_profile_id") else {
                    return Value::Unknown(format!(
                        "data.{ty}.{name}.inference_profile_id is unknown"
                    ));
                };
                // The account part of the ARN is not known here; the profile ID names the same profile.
                let mut m = BTreeMap::new();
                m.insert("inference_profile_arn".into(), Value::Str(id.clone()));
                m.insert("inference_profile_id".into(), Value::Str(id.clone()));
                m.insert("id".into(), Value::Str(id));
                Value::Map(m)
            }
            // The Region of the provider serving the data source: known without calling AWS.
            "aws_region" => match self.provider_region(block.item, ty) {
                Some(region) => Value::Map(
                    ["name", "region", "id"]
                        .into_iter()
                        .map(|key| (key.to_string(), Value::str(region.clone(), None)))
                        .collect(),
                ),
                None => Value::Unknown(format!(
                    "data.{ty}.{name}: its provider's region is unknown"
                )),
            },
            _ => Value::Unknown(format!("data.{ty}.{name} is read at plan time")),
        }
    }

    /// The Region of the default (un-aliased) `aws` provider, for values outside any resource.
    pub fn default_provider_region(&self) -> Option<String> {
        let provider = self
            .module
            .providers
            .iter()
            .find(|p| p.name == "aws" && p.alias.is_none())?;
        self.region_of(provider)
    }

    /// The Region of the provider serving a block (its `region` argument, evaluated).
    pub fn provider_region(&self, block: &Block, ty: &str) -> Option<String> {
        self.region_of(self.module.provider_for(block, ty)?)
    }

    fn region_of(&self, provider: &ProviderBlock<'_>) -> Option<String> {
        let attr = provider.block.item.body.get_attribute("region")?;
        match self.eval(&attr.value, provider.block.file, &Instance::default()) {
            Value::Str(s) => Some(s.text),
            _ => None,
        }
    }
}

fn budget_exhausted() -> Value {
    Value::Unknown(
        "the module is too large to evaluate (evaluation budget spent): values past this point are not evaluated"
            .into(),
    )
}

/// The value, or unknown if it is larger than [`MAX_VALUE_WEIGHT`] (a value that doubles itself).
fn capped(v: Value, what: &str) -> Value {
    if v.weight(MAX_VALUE_WEIGHT + 1) > MAX_VALUE_WEIGHT {
        Value::Unknown(format!(
            "{what} is too large to evaluate (over {MAX_VALUE_WEIGHT} elements)"
        ))
    } else {
        v
    }
}

fn index(collection: Value, key: Value) -> Value {
    match (collection, key) {
        (_, Value::Unknown(why)) => Value::Unknown(why),
        (Value::List(mut l), Value::Number(n)) if n >= 0.0 && n.fract() == 0.0 => {
            let i = n as usize;
            if i < l.len() {
                l.swap_remove(i)
            } else {
                Value::Unknown(format!("index {i} out of range"))
            }
        }
        (Value::Map(mut m), Value::Str(k)) => m
            .remove(&k.text)
            .unwrap_or_else(|| Value::Unknown(format!("no key `{}`", k.text))),
        (c, k) => Value::Unknown(format!(
            "cannot index a {} with a {}",
            c.type_name(),
            k.type_name()
        )),
    }
}

fn binary(op: BinaryOperator, lhs: Value, rhs: Value) -> Value {
    use BinaryOperator as B;
    match (&lhs, &rhs) {
        (Value::Unknown(why), _) | (_, Value::Unknown(why)) => return Value::Unknown(why.clone()),
        (Value::Ref(r), _) | (_, Value::Ref(r)) => {
            return Value::Unknown(format!("{} is known only after apply", r.address))
        }
        _ => {}
    }
    match (op, lhs, rhs) {
        (B::Eq, l, r) => Value::Bool(same(&l, &r)),
        (B::NotEq, l, r) => Value::Bool(!same(&l, &r)),
        (B::And, Value::Bool(a), Value::Bool(b)) => Value::Bool(a && b),
        (B::Or, Value::Bool(a), Value::Bool(b)) => Value::Bool(a || b),
        (op, Value::Number(a), Value::Number(b)) => match op {
            B::Plus => Value::Number(a + b),
            B::Minus => Value::Number(a - b),
            B::Mul => Value::Number(a * b),
            B::Div if b != 0.0 => Value::Number(a / b),
            B::Mod if b != 0.0 => Value::Number(a % b),
            B::Less => Value::Bool(a < b),
            B::LessEq => Value::Bool(a <= b),
            B::Greater => Value::Bool(a > b),
            B::GreaterEq => Value::Bool(a >= b),
            _ => Value::Unknown("invalid arithmetic".into()),
        },
        _ => Value::Unknown("unsupported operation".into()),
    }
}

/// Equality ignoring where strings were written.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => x.text == y.text,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| k1 == k2 && same(v1, v2))
        }
        _ => a == b,
    }
}

/// The pure functions that commonly wrap model IDs and sizes. Others are unknown, not errors.
fn function(name: &str, args: Vec<Value>) -> Value {
    if name == "try" {
        return args
            .into_iter()
            .find(|a| !matches!(a, Value::Unknown(_)))
            .unwrap_or_else(|| Value::Unknown("no argument of try() could be evaluated".into()));
    }
    if let Some(Value::Unknown(why)) = args.iter().find(|a| matches!(a, Value::Unknown(_))) {
        return Value::Unknown(why.clone());
    }
    let s = |v: &Value| v.as_str().map(str::to_string);
    match (name, args.as_slice()) {
        ("lower", [v]) => {
            s(v).map_or_else(|| unknown_fn(name), |t| Value::str(t.to_lowercase(), None))
        }
        ("upper", [v]) => {
            s(v).map_or_else(|| unknown_fn(name), |t| Value::str(t.to_uppercase(), None))
        }
        ("trimspace", [v]) => s(v).map_or_else(|| unknown_fn(name), |t| Value::str(t.trim(), None)),
        ("tostring", [v]) => match v {
            Value::Str(_) => v.clone(),
            other => other
                .to_template_string()
                .map_or_else(Value::Unknown, |t| Value::str(t, None)),
        },
        ("tonumber", [Value::Number(n)]) => Value::Number(*n),
        ("tonumber", [Value::Str(t)]) => t
            .text
            .parse()
            .map_or_else(|_| unknown_fn(name), Value::Number),
        ("coalesce", args) => args
            .iter()
            .find(|a| !matches!(a, Value::Null) && a.as_str() != Some(""))
            .cloned()
            .unwrap_or_else(|| unknown_fn(name)),
        ("lookup", [Value::Map(m), Value::Str(k), rest @ ..]) => match (m.get(&k.text), rest) {
            (Some(v), _) => v.clone(),
            (None, [default]) => default.clone(),
            _ => Value::Unknown(format!("lookup(): no key `{}`", k.text)),
        },
        ("length", [Value::List(l)]) => Value::Number(l.len() as f64),
        ("length", [Value::Map(m)]) => Value::Number(m.len() as f64),
        ("length", [Value::Str(t)]) => Value::Number(t.text.chars().count() as f64),
        ("toset" | "tolist", [Value::List(l)]) => Value::List(l.clone()),
        ("tomap", [Value::Map(m)]) => Value::Map(m.clone()),
        ("concat", lists) => {
            let mut out = Vec::new();
            for l in lists {
                match l {
                    Value::List(items) => out.extend(items.iter().cloned()),
                    _ => return unknown_fn(name),
                }
            }
            Value::List(out)
        }
        ("merge", maps) => {
            let mut out = BTreeMap::new();
            for m in maps {
                match m {
                    Value::Map(items) => {
                        out.extend(items.iter().map(|(k, v)| (k.clone(), v.clone())))
                    }
                    _ => return unknown_fn(name),
                }
            }
            Value::Map(out)
        }
        ("join", [sep, Value::List(items)]) => {
            let (Some(sep), Ok(parts)) = (
                s(sep),
                items
                    .iter()
                    .map(Value::to_template_string)
                    .collect::<Result<Vec<_>, _>>(),
            ) else {
                return unknown_fn(name);
            };
            Value::str(parts.join(&sep), None)
        }
        ("format", [fmt, rest @ ..]) => s(fmt)
            .and_then(|f| format_verbs(&f, rest))
            .map_or_else(|| unknown_fn(name), |t| Value::str(t, None)),
        _ => unknown_fn(name),
    }
}

fn unknown_fn(name: &str) -> Value {
    Value::Unknown(format!("{name}() is not evaluated here"))
}

/// `format()` with `%s`, `%d` and `%%` only.
fn format_verbs(fmt: &str, args: &[Value]) -> Option<String> {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' | 'd' => out.push_str(&args.next()?.to_template_string().ok()?),
            _ => return None,
        }
    }
    Some(out)
}
