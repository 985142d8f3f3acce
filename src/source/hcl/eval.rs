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
use crate::model::UNKNOWN_PART;
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

/// Functions a host adds to Terraform's own (Terragrunt's `find_in_parent_folders`,
/// `read_terragrunt_config`...): `None` when the name is not one of them.
pub trait HostFunctions {
    fn call(&self, name: &str, args: &[Value]) -> Option<Value>;

    /// A root name the host defines (Terragrunt's `include.NAME.locals`), if any.
    fn root(&self, _name: &str) -> Option<Value> {
        None
    }
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
    /// The variables of the `for` expressions being evaluated, innermost last.
    scope: RefCell<Vec<(String, Value)>>,
    depth: Cell<u32>,
    budget: Cell<u64>,
    host: Option<&'a dyn HostFunctions>,
}

impl<'a> Evaluator<'a> {
    pub fn new(module: &'a ModuleIndex<'a>) -> Self {
        Evaluator {
            module,
            locals: RefCell::new(HashMap::new()),
            vars: RefCell::new(HashMap::new()),
            inputs: RefCell::new(std::collections::HashSet::new()),
            scope: RefCell::new(Vec::new()),
            depth: Cell::new(0),
            budget: Cell::new(EVAL_BUDGET),
            host: None,
        }
    }

    /// An evaluator that also knows a host's functions.
    pub fn with_host(module: &'a ModuleIndex<'a>, host: &'a dyn HostFunctions) -> Self {
        let mut e = Evaluator::new(module);
        e.host = Some(host);
        e
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

    /// Evaluates with names bound as a `for` expression binds its variables (a `dynamic` block's
    /// iterator: `NAME.key`, `NAME.value`).
    pub fn eval_with(
        &self,
        bindings: &[(String, Value)],
        expr: &Expression,
        file: &Arc<SourceFile>,
        inst: &Instance,
    ) -> Value {
        let depth = self.scope.borrow().len();
        self.scope.borrow_mut().extend(bindings.iter().cloned());
        let v = self.eval(expr, file, inst);
        self.scope.borrow_mut().truncate(depth);
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
            Expression::StringTemplate(t) => {
                self.eval_template(t, expr.span().map(|r| file.span(r)), file, inst)
            }
            Expression::HeredocTemplate(h) => {
                self.eval_template(&h.template, expr.span().map(|r| file.span(r)), file, inst)
            }
            Expression::Array(items) => {
                Value::List(items.iter().map(|e| self.eval(e, file, inst)).collect())
            }
            Expression::Object(obj) => {
                let mut map = BTreeMap::new();
                for (key, value) in obj.iter() {
                    let key = match key {
                        ObjectKey::Ident(id) => id.as_str().to_string(),
                        ObjectKey::Expression(e) => match self.eval(e, file, inst) {
                            v if v.is_partial() => {
                                return Value::Unknown("object key has unknown parts".into())
                            }
                            v => match v.to_template_string() {
                                Ok(k) => k,
                                Err(why) => {
                                    return Value::Unknown(format!("object key unknown: {why}"))
                                }
                            },
                        },
                    };
                    map.insert(key, self.eval(value.expr(), file, inst));
                }
                Value::Map(map)
            }
            Expression::Parenthesis(p) => self.eval(p.inner(), file, inst),
            Expression::Variable(v) => self
                .scoped(v.as_str())
                .unwrap_or_else(|| Value::Unknown(format!("`{}` is not evaluated", v.as_str()))),
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
                // `f(list...)`: the last argument's elements are the arguments.
                let args = if call.args.expand_final() {
                    match expand_final(args) {
                        Some(args) => args,
                        None => {
                            return Value::Unknown(format!(
                                "{name}(...): the expanded argument is not a known list"
                            ))
                        }
                    }
                } else {
                    args
                };
                if let Some(v) = self.host.and_then(|h| h.call(name, &args)) {
                    return v;
                }
                function(name, args)
            }
            Expression::ForExpr(f) => self.eval_for(f, file, inst),
        }
    }

    /// A loop variable of an enclosing `for` expression.
    fn scoped(&self, name: &str) -> Option<Value> {
        let scope = self.scope.borrow();
        let (_, v) = scope.iter().rev().find(|(n, _)| n == name)?;
        Some(v.clone())
    }

    /// `[for k, v in coll : expr if cond]` and `{for k, v in coll : key => value... if cond}`.
    /// Unknown stays unknown: an unknown collection, condition or key makes the whole result
    /// unknown (which elements there are is not known).
    fn eval_for(
        &self,
        f: &hcl_edit::expr::ForExpr,
        file: &Arc<SourceFile>,
        inst: &Instance,
    ) -> Value {
        let items: Vec<(Value, Value)> = match self.eval(&f.intro.collection_expr, file, inst) {
            Value::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), v))
                .collect(),
            Value::Map(m) => m
                .into_iter()
                .map(|(k, v)| (Value::str(k, None), v))
                .collect(),
            Value::Unknown(why) => {
                return Value::Unknown(format!("`for` over an unknown collection: {why}"))
            }
            Value::Ref(r) => {
                return Value::Unknown(format!("{} is known only after apply", r.address))
            }
            other => return Value::Unknown(format!("`for` over a {}", other.type_name())),
        };
        let key_var = f.intro.key_var.as_ref().map(|k| k.as_str().to_string());
        let value_var = f.intro.value_var.as_str().to_string();
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        for (k, v) in items {
            let pushed = 1 + usize::from(key_var.is_some());
            {
                let mut scope = self.scope.borrow_mut();
                if let Some(kv) = &key_var {
                    scope.push((kv.clone(), k));
                }
                scope.push((value_var.clone(), v));
            }
            let result = self.for_element(f, file, inst);
            {
                let mut scope = self.scope.borrow_mut();
                let keep = scope.len().saturating_sub(pushed);
                scope.truncate(keep);
            }
            match result {
                Err(why) => return Value::Unknown(why),
                Ok(None) => {}
                Ok(Some((None, value))) => list.push(value),
                Ok(Some((Some(key), value))) => {
                    if f.grouping {
                        match map.entry(key).or_insert_with(|| Value::List(Vec::new())) {
                            Value::List(group) => group.push(value),
                            _ => return Value::Unknown("invalid `for` grouping".into()),
                        }
                    } else if map.insert(key.clone(), value).is_some() {
                        // Terraform refuses a duplicate key without `...`.
                        return Value::Unknown(format!("`for` gives the key `{key}` twice"));
                    }
                }
            }
        }
        if f.key_expr.is_some() {
            Value::Map(map)
        } else {
            Value::List(list)
        }
    }

    /// One element of a `for`: `None` when its condition is false.
    #[allow(clippy::type_complexity)]
    fn for_element(
        &self,
        f: &hcl_edit::expr::ForExpr,
        file: &Arc<SourceFile>,
        inst: &Instance,
    ) -> Result<Option<(Option<String>, Value)>, String> {
        if let Some(cond) = &f.cond {
            match self.eval(&cond.expr, file, inst) {
                Value::Bool(true) => {}
                Value::Bool(false) => return Ok(None),
                Value::Unknown(why) => return Err(format!("`for` condition unknown: {why}")),
                other => return Err(format!("`for` condition is a {}", other.type_name())),
            }
        }
        let key = match &f.key_expr {
            Some(e) => match self.eval(e, file, inst) {
                v if v.is_partial() => return Err("`for` key has unknown parts".into()),
                v => Some(
                    v.to_template_string()
                        .map_err(|why| format!("`for` key unknown: {why}"))?,
                ),
            },
            None => None,
        };
        Ok(Some((key, self.eval(&f.value_expr, file, inst))))
    }

    /// A template's value; `written` is the template in the source (a template of literals only, a
    /// heredoc, is a literal written there).
    fn eval_template(
        &self,
        t: &Template,
        written: Option<crate::span::Span>,
        file: &Arc<SourceFile>,
        inst: &Instance,
    ) -> Value {
        let elements: Vec<&Element> = t.iter().collect();
        // "${local.x}" passes the value through, keeping where it was written.
        if let [Element::Interpolation(i)] = elements.as_slice() {
            let v = self.eval(&i.expr, file, inst);
            if matches!(v, Value::Str(_)) {
                return v;
            }
        }
        let mut out = String::new();
        let mut parts: Vec<crate::span::Span> = written.iter().cloned().collect();
        let literal_only = elements.iter().all(|e| matches!(e, Element::Literal(_)));
        // The first unknown part's reason, if the template turns out to have no known text at all.
        let mut unknown: Option<String> = None;
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
                        // An account ID, a partition, a Region known only at plan time: the known
                        // parts around it are kept, the unknown one is marked, never guessed.
                        Err(why) if matches!(v, Value::Unknown(_) | Value::Ref(_)) => {
                            out.push(UNKNOWN_PART);
                            unknown.get_or_insert(why);
                        }
                        Err(why) => return Value::Unknown(why),
                    }
                }
                Element::Directive(_) => {
                    return Value::Unknown("template directives are not evaluated".into())
                }
            }
        }
        if let Some(why) = unknown {
            if out.chars().all(|c| c == UNKNOWN_PART) {
                return Value::Unknown(why);
            }
        }
        Value::Str(Str {
            text: out,
            origin: if literal_only { written } else { None },
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
        if let Some(v) = self.scoped(root_name.as_str()) {
            return self.apply_ops(v, ops, file, inst);
        }
        if let Some(v) = self.host.and_then(|h| h.root(root_name.as_str())) {
            return self.apply_ops(v, ops, file, inst);
        }
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
            self.outside_scope(|| self.eval(&a.item.value, a.file, &Instance::default()))
        } else if let Some(block) = self.module.variables.get(name) {
            match block.item.body.get_attribute("default") {
                Some(d) => {
                    self.outside_scope(|| self.eval(&d.value, block.file, &Instance::default()))
                }
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

    /// A variable's declared default, whatever a caller or `.tfvars` sets (`null` when none).
    pub fn declared_default(&self, name: &str) -> Value {
        let Some(block) = self.module.variables.get(name) else {
            return Value::Null;
        };
        match block.item.body.get_attribute("default") {
            Some(d) => capped(
                self.outside_scope(|| self.eval(&d.value, block.file, &Instance::default())),
                &format!("var.{name}"),
            ),
            None => Value::Null,
        }
    }

    /// Evaluates a local or a variable's value, where no `for` variable of the use site is visible.
    fn outside_scope(&self, f: impl FnOnce() -> Value) -> Value {
        let saved = std::mem::take(&mut *self.scope.borrow_mut());
        let v = f();
        *self.scope.borrow_mut() = saved;
        v
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
            self.outside_scope(|| self.eval(&attr.item.value, attr.file, &Instance::default())),
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
        self.eval(&attr.value, provider.block.file, &Instance::default())
            .as_str()
            .map(str::to_string)
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
        (_, k) if k.is_partial() => Value::Unknown("the key has unknown parts".into()),
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
        (l, r) if l.is_partial() || r.is_partial() => {
            return Value::Unknown("a string with unknown parts is compared".into())
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

/// `f(a, list...)`: the last argument's elements become arguments; `None` if it is not a known list.
fn expand_final(mut args: Vec<Value>) -> Option<Vec<Value>> {
    match args.pop()? {
        Value::List(items) => {
            args.extend(items);
            Some(args)
        }
        _ => None,
    }
}

/// A string argument's text, known parts and [`UNKNOWN_PART`]s alike; an unknown argument is one
/// unknown part (only for functions whose result keeps the parts, `format` and `join`).
fn text_or_hole(v: &Value) -> Option<String> {
    match v {
        Value::Unknown(_) | Value::Ref(_) => Some(UNKNOWN_PART.to_string()),
        other => other.to_template_string().ok(),
    }
}

/// A string built by a function from its arguments' strings, keeping the literals that went in.
fn built(text: String, from: &[Value]) -> Value {
    if text.chars().all(|c| c == UNKNOWN_PART) {
        return Value::Unknown("no part of the string is known".into());
    }
    let mut parts = Vec::new();
    for v in from {
        for (_, s) in v.strings() {
            parts.extend(s.origin.iter().cloned());
            parts.extend(s.parts.iter().cloned());
        }
    }
    parts.dedup();
    Value::Str(Str {
        text,
        origin: None,
        parts,
    })
}

/// The pure functions that commonly wrap model IDs and sizes. Others are unknown, not errors. An
/// unknown argument makes the result unknown, except where the known parts survive (`format`,
/// `join`, templates).
fn function(name: &str, args: Vec<Value>) -> Value {
    match name {
        "try" => {
            return args
                .into_iter()
                .find(|a| !matches!(a, Value::Unknown(_)))
                .unwrap_or_else(|| {
                    Value::Unknown("no argument of try() could be evaluated".into())
                })
        }
        // Whether the expression evaluates without error: known only when it does (an error here
        // is indistinguishable from a value this tool cannot evaluate).
        "can" => {
            return match args.as_slice() {
                [Value::Unknown(why)] => Value::Unknown(format!("can(): {why}")),
                [_] => Value::Bool(true),
                _ => unknown_fn(name),
            }
        }
        "format" => {
            let Some((fmt, rest)) = args.split_first() else {
                return unknown_fn(name);
            };
            return match fmt.as_str().and_then(|f| format_verbs(f, rest)) {
                Some(t) => built(t, rest),
                None => unknown_fn(name),
            };
        }
        "join" => {
            return match args.as_slice() {
                [sep, Value::List(items)] => {
                    let (Some(sep), Some(parts)) = (
                        sep.as_str(),
                        items.iter().map(text_or_hole).collect::<Option<Vec<_>>>(),
                    ) else {
                        return unknown_fn(name);
                    };
                    built(parts.join(sep), items)
                }
                _ => unknown_fn(name),
            }
        }
        // An unknown replacement: each match becomes an unknown part.
        "replace" => {
            return match args.as_slice() {
                [v @ Value::Str(t), search, with] => match (search.as_str(), text_or_hole(with)) {
                    (Some(search), Some(with)) if !is_regex_or_empty(search) => {
                        match replace_known_parts(&t.text, search, &with) {
                            Some(out) => built(out, std::slice::from_ref(v)),
                            None => unknown_fn(name),
                        }
                    }
                    _ => unknown_fn(name),
                },
                [Value::Unknown(why), ..] => Value::Unknown(why.clone()),
                _ => unknown_fn(name),
            }
        }
        "jsonencode" => {
            return match args.as_slice() {
                [v] => built(json_text(v), std::slice::from_ref(v)),
                _ => unknown_fn(name),
            }
        }
        _ => {}
    }
    if let Some(Value::Unknown(why)) = args.iter().find(|a| matches!(a, Value::Unknown(_))) {
        return Value::Unknown(why.clone());
    }
    if let Some(Value::Ref(r)) = args.iter().find(|a| matches!(a, Value::Ref(_))) {
        return Value::Unknown(format!("{} is known only after apply", r.address));
    }
    // The text of a string argument, partial or not, for functions that keep unknown parts.
    let partial = |v: &Value| match v {
        Value::Str(s) => Some(s.text.clone()),
        _ => None,
    };
    let s = |v: &Value| v.as_str().map(str::to_string);
    match (name, args.as_slice()) {
        ("lower", [v]) => {
            partial(v).map_or_else(|| unknown_fn(name), |t| built(t.to_lowercase(), &args))
        }
        ("upper", [v]) => {
            partial(v).map_or_else(|| unknown_fn(name), |t| built(t.to_uppercase(), &args))
        }
        ("trimspace", [v]) => s(v).map_or_else(|| unknown_fn(name), |t| Value::str(t.trim(), None)),
        ("tostring", [v]) => match v {
            Value::Str(_) => v.clone(),
            other => other
                .to_template_string()
                .map_or_else(Value::Unknown, |t| Value::str(t, None)),
        },
        ("tonumber", [Value::Number(n)]) => Value::Number(*n),
        ("tonumber", [v]) => s(v)
            .and_then(|t| t.parse().ok())
            .map_or_else(|| unknown_fn(name), Value::Number),
        ("coalesce", args) => args
            .iter()
            .find(|a| !matches!(a, Value::Null) && a.as_str() != Some(""))
            .cloned()
            .unwrap_or_else(|| unknown_fn(name)),
        ("lookup", [Value::Map(m), k, rest @ ..]) => match (k.as_str().map(|k| m.get(k)), rest) {
            (None, _) => unknown_fn(name),
            (Some(Some(v)), _) => v.clone(),
            (Some(None), [default]) => default.clone(),
            _ => Value::Unknown(format!("lookup(): no key `{}`", k.as_str().unwrap_or("?"))),
        },
        ("length", [Value::List(l)]) => Value::Number(l.len() as f64),
        ("length", [Value::Map(m)]) => Value::Number(m.len() as f64),
        ("length", [v]) => s(v).map_or_else(
            || unknown_fn(name),
            |t| Value::Number(t.chars().count() as f64),
        ),
        // A set of strings iterates in lexical order, without duplicates.
        ("toset", [Value::List(l)]) => {
            let mut texts: Vec<(String, Value)> = Vec::with_capacity(l.len());
            for v in l {
                match v.as_str() {
                    Some(t) => texts.push((t.to_string(), v.clone())),
                    None if v.is_partial() => return unknown_fn(name),
                    // A set of other values keeps its order here (it only matters for strings).
                    None => return Value::List(dedup(l)),
                }
            }
            texts.sort_by(|a, b| a.0.cmp(&b.0));
            texts.dedup_by(|a, b| a.0 == b.0);
            Value::List(texts.into_iter().map(|(_, v)| v).collect())
        }
        ("tolist", [Value::List(l)]) => Value::List(l.clone()),
        // Two strings with unknown parts may or may not be equal.
        ("distinct", [Value::List(l)]) if l.iter().any(Value::is_partial) => unknown_fn(name),
        ("distinct", [Value::List(l)]) => Value::List(dedup(l)),
        ("tomap", [Value::Map(m)]) => Value::Map(m.clone()),
        ("keys", [Value::Map(m)]) => {
            Value::List(m.keys().map(|k| Value::str(k.clone(), None)).collect())
        }
        ("values", [Value::Map(m)]) => Value::List(m.values().cloned().collect()),
        ("element", [Value::List(l), Value::Number(n)])
            if !l.is_empty() && *n >= 0.0 && n.fract() == 0.0 =>
        {
            l[(*n as usize) % l.len()].clone()
        }
        ("contains", [Value::List(l), v]) => {
            if v.is_partial()
                || l.iter()
                    .any(|i| i.is_partial() || matches!(i, Value::Unknown(_) | Value::Ref(_)))
            {
                unknown_fn(name)
            } else {
                Value::Bool(l.iter().any(|i| same(i, v)))
            }
        }
        ("flatten", [Value::List(l)]) => match flatten(l) {
            Some(items) => Value::List(items),
            None => unknown_fn(name),
        },
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
                    Value::Null => {}
                    _ => return unknown_fn(name),
                }
            }
            Value::Map(out)
        }
        ("trimprefix", [v, p]) => match (partial(v), s(p)) {
            (Some(t), Some(p)) => match t.strip_prefix(p.as_str()) {
                Some(rest) => built(rest.to_string(), &args),
                // No match in the known start: unchanged; an unknown start might match.
                None => {
                    let head = t.split(UNKNOWN_PART).next().unwrap_or("");
                    if !v.is_partial() || !p.starts_with(head) {
                        v.clone()
                    } else {
                        unknown_fn(name)
                    }
                }
            },
            _ => unknown_fn(name),
        },
        ("trimsuffix", [v, p]) => match (partial(v), s(p)) {
            (Some(t), Some(p)) => match t.strip_suffix(p.as_str()) {
                Some(rest) => built(rest.to_string(), &args),
                None => {
                    let tail = t.rsplit(UNKNOWN_PART).next().unwrap_or("");
                    if !v.is_partial() || !p.ends_with(tail) {
                        v.clone()
                    } else {
                        unknown_fn(name)
                    }
                }
            },
            _ => unknown_fn(name),
        },
        // How many pieces a string with unknown parts splits into is not known.
        ("split", [sep, v]) => match (s(sep), s(v)) {
            (Some(sep), Some(t)) if !sep.is_empty() => {
                Value::List(t.split(sep.as_str()).map(|p| Value::str(p, None)).collect())
            }
            _ => unknown_fn(name),
        },
        _ => unknown_fn(name),
    }
}

/// `replace(text, search, with)` on a text with unknown parts: `None` when a known part next to an
/// unknown one ends with the start of `search` or starts with its end (a match could cross).
fn replace_known_parts(text: &str, search: &str, with: &str) -> Option<String> {
    let segments: Vec<&str> = text.split(UNKNOWN_PART).collect();
    let proper = |i: usize| i > 0 && i < search.len() && search.is_char_boundary(i);
    for (i, seg) in segments.iter().enumerate() {
        let before_hole = i + 1 < segments.len();
        let after_hole = i > 0;
        let crosses_out = before_hole
            && (1..search.len())
                .filter(|&k| proper(k))
                .any(|k| seg.ends_with(&search[..k]));
        let crosses_in = after_hole
            && (1..search.len())
                .filter(|&k| proper(k))
                .any(|k| seg.starts_with(&search[k..]));
        if crosses_out || crosses_in {
            return None;
        }
    }
    let hole = UNKNOWN_PART.to_string();
    Some(
        segments
            .iter()
            .map(|seg| seg.replace(search, with))
            .collect::<Vec<_>>()
            .join(&hole),
    )
}

/// `replace`'s search: empty, or `/.../` (a regular expression, not evaluated here).
fn is_regex_or_empty(search: &str) -> bool {
    search.is_empty() || (search.len() > 1 && search.starts_with('/') && search.ends_with('/'))
}

fn dedup(l: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(l.len());
    for v in l {
        if !out.iter().any(|o| same(o, v)) {
            out.push(v.clone());
        }
    }
    out
}

/// `flatten`: nested lists into one; `None` if an element is not known.
fn flatten(l: &[Value]) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    for v in l {
        match v {
            Value::List(inner) => out.extend(flatten(inner)?),
            Value::Unknown(_) | Value::Ref(_) => return None,
            other => out.push(other.clone()),
        }
    }
    Some(out)
}

/// The JSON text of a value, an unknown part written as [`UNKNOWN_PART`] (in a string it stays inside
/// the quotes; a whole unknown value stands alone), so a policy or container definition built with
/// `jsonencode` is read with its known parts.
fn json_text(v: &Value) -> String {
    let quote = |t: &str| {
        serde_json::to_string(t)
            .unwrap_or_default()
            .replace("\\u0001", &UNKNOWN_PART.to_string())
    };
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => super::value::format_number(*n),
        Value::Str(s) => quote(&s.text),
        Value::List(items) => {
            let inner: Vec<String> = items.iter().map(json_text).collect();
            format!("[{}]", inner.join(","))
        }
        Value::Map(m) => {
            let inner: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}:{}", quote(k), json_text(v)))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Ref(_) | Value::Unknown(_) => UNKNOWN_PART.to_string(),
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
            's' | 'd' => out.push_str(&text_or_hole(args.next()?)?),
            _ => return None,
        }
    }
    Some(out)
}
