//! From an indexed, evaluable module to `BedrockResource`s: the Bedrock resource types by their
//! schema, and any model ID, profile ID or Bedrock ARN written anywhere else.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, Body};
use hcl_edit::Span as _;

use super::details::Reader;
use super::eval::{Evaluator, Instance};
use super::module::Located;
use super::role::{block_role, is_policy_text, key_role, nested};
use super::value::{Str, Value};
use crate::model::terraform_types::{schema, TypeSchema, LOOKUP_DATA_SOURCES};
use crate::model::{
    find_model_refs, BedrockResource, Commitment, Details, InvocationLogging, KnowledgeBaseStore,
    Known, ModelRef, ProvisionedThroughput, RegionChoice, ResourceKind, Role, UNKNOWN_TAGS,
};
use crate::span::{SourceFile, Span};

/// Meta-arguments and blocks that never carry a model reference worth pricing.
const META_ARGUMENTS: &[&str] = &[
    "count",
    "for_each",
    "provider",
    "depends_on",
    "lifecycle",
    "source",
    "version",
    "providers",
];

/// How deep [`Extractor::literal_hits`] walks an expression.
const LITERAL_DEPTH: u32 = 128;

/// Functions whose string result is built from their arguments, not one of them.
const REWRITING_FUNCTIONS: &[&str] = &[
    "replace",
    "format",
    "formatlist",
    "join",
    "lower",
    "upper",
    "title",
    "trimprefix",
    "trimsuffix",
    "trim",
    "substr",
    "split",
    "regex",
    "regexall",
    "regex_replace",
    "base64encode",
    "base64decode",
    "urlencode",
    "md5",
    "sha1",
    "sha256",
];

/// The model of a resource, as resolved.
struct ModelValue {
    model: Known<ModelRef>,
    span: Option<Span>,
    via_profile: Option<String>,
    /// The text of a known string that is not a Bedrock model reference at all.
    unparsed: Option<String>,
}

pub struct Extractor<'e, 'a> {
    eval: &'e Evaluator<'a>,
    fallback_region: &'e RegionChoice,
    /// Literals already reported through a use site, so a local or variable isn't reported twice.
    consumed: RefCell<HashSet<(String, usize, usize)>>,
    /// Instances expanded so far in this module (`count`/`for_each`), against a budget.
    expanded: Cell<usize>,
    /// Locals read by a call whose value could not be evaluated (too large, an unknown function):
    /// their literals may be what is called, so they are not demoted to metadata.
    unresolved: RefCell<HashSet<String>>,
}

/// The most `count`/`for_each` instances one module expands; beyond it blocks are read unexpanded.
const MAX_INSTANCES_PER_MODULE: usize = 200_000;

impl<'e, 'a> Extractor<'e, 'a> {
    pub fn new(eval: &'e Evaluator<'a>, fallback_region: &'e RegionChoice) -> Self {
        Extractor {
            eval,
            fallback_region,
            consumed: RefCell::new(HashSet::new()),
            expanded: Cell::new(0),
            unresolved: RefCell::new(HashSet::new()),
        }
    }

    pub fn extract(&self) -> Vec<BedrockResource> {
        let module = self.eval.module();
        let mut out = Vec::new();
        let mut not_vector_collections: HashSet<String> = HashSet::new();
        for ((ty, name), block) in &module.resources {
            let address = format!("{ty}.{name}");
            for (instance_address, inst, note) in self.instances(&address, *block) {
                let mut found = match schema(ty) {
                    Some(schema) => {
                        let resource = self.typed(ty, &schema, &instance_address, *block, &inst);
                        // A collection known not to be a vector search one holds no knowledge
                        // base's vectors: it is not Bedrock's.
                        let not_vector = matches!(
                            &resource.details,
                            Details::VectorCollection(c) if c.is_vector_search() == Some(false)
                        );
                        let mut typed = Vec::new();
                        if not_vector {
                            not_vector_collections.insert(instance_address.clone());
                        } else {
                            typed.push(resource);
                        }
                        // An AgentCore runtime, gateway or memory, or a flow, is priced from usage,
                        // and the models its arguments name (a runtime's environment, a flow's
                        // prompt nodes) are calls of their own, read as in any other block.
                        let priced_from_usage =
                            matches!(typed.first().map(|r| &r.details), Some(Details::Usage));
                        if priced_from_usage {
                            typed.extend(self.references(&instance_address, *block, ty, &inst));
                        }
                        // A Bedrock resource's description and tags name models without calling them.
                        let mut hits = Vec::new();
                        for key in ["description", "tags"] {
                            if priced_from_usage {
                                break;
                            }
                            if let Some(a) = block.item.body.get_attribute(key) {
                                self.scan_expr(
                                    &a.value,
                                    block.file,
                                    &inst,
                                    key,
                                    Role::Metadata,
                                    &mut hits,
                                );
                            }
                        }
                        typed.extend(self.hit_resources(
                            &instance_address,
                            Some((block.item, ty)),
                            &inst,
                            block.file,
                            hits,
                        ));
                        typed
                    }
                    None => self.references(&instance_address, *block, ty, &inst),
                };
                for r in &mut found {
                    r.notes.extend(note.iter().cloned());
                }
                if block.report {
                    out.extend(found);
                }
            }
        }
        for ((ty, name), block) in &module.data {
            if !LOOKUP_DATA_SOURCES.contains(ty) {
                let found = self.references(
                    &format!("data.{ty}.{name}"),
                    *block,
                    ty,
                    &Instance::default(),
                );
                if block.report {
                    out.extend(found);
                }
            }
        }
        // Local modules are followed by the caller (`local_module_calls`): what their arguments pass is
        // used by the call, so it is not a stray literal here. The arguments of any other module call
        // are references here, since its code is not read.
        for (name, block) in &module.modules {
            if local_source(block.item).is_some() {
                let mut passed = Vec::new();
                self.scan_body(
                    &block.item.body,
                    block.file,
                    &Instance::default(),
                    "",
                    Role::Call,
                    &mut passed,
                );
                continue;
            }
            let found = self.references(
                &format!("module.{name}"),
                *block,
                "aws",
                &Instance::default(),
            );
            if block.report {
                out.extend(found);
            }
        }
        // An output re-exports a value; it calls nothing. Only a literal written in it and used
        // nowhere else is a reference of its own.
        for (name, block) in &module.outputs {
            if let Some(attr) = block.item.body.get_attribute("value") {
                let v = self
                    .eval
                    .eval(&attr.value, block.file, &Instance::default());
                let span = attr.value.span().map(|r| block.file.span(r));
                if block.report {
                    out.extend(self.unconsumed(
                        &format!("output.{name}"),
                        &v,
                        span,
                        Role::Metadata,
                    ));
                }
            }
        }
        // A variable's description and `validation` allow-lists name models without calling them.
        for (name, block) in &module.variables {
            let mut hits = Vec::new();
            // Only what is written there: `var.x` in a condition is the value being checked.
            if let Some(d) = block.item.body.get_attribute("description") {
                self.literal_hits(&d.value, block.file, "description", false, &mut hits);
            }
            for v in block
                .item
                .body
                .blocks()
                .filter(|b| b.ident.as_str() == "validation")
            {
                for attr in v.body.attributes() {
                    let path = join_path("validation", attr.key.as_str());
                    self.literal_hits(&attr.value, block.file, &path, false, &mut hits);
                }
            }
            if block.report {
                out.extend(self.hit_resources(
                    &format!("var.{name}"),
                    None,
                    &Instance::default(),
                    block.file,
                    hits,
                ));
            }
        }
        // Literals no use site consumed: a local nothing that calls reads (a price table) is
        // metadata; one read where evaluation could not follow it (a value too large, an unknown
        // function) is still counted as a call rather than lost.
        for (name, attr) in &module.locals {
            let v = self.eval.local(name);
            let span = attr.item.value.span().map(|r| attr.file.span(r));
            let role = if self.unresolved.borrow().contains(*name) {
                Role::Call
            } else {
                Role::Metadata
            };
            if attr.report {
                out.extend(self.unconsumed(&format!("local.{name}"), &v, span, role));
                // Model IDs as map keys (a price table, per-model settings) select nothing.
                let mut hits = Vec::new();
                self.literal_hits(&attr.item.value, attr.file, "", true, &mut hits);
                out.extend(self.hit_resources(
                    &format!("local.{name}"),
                    None,
                    &Instance::default(),
                    attr.file,
                    hits,
                ));
            }
        }
        // A default no call uses; one a call uses was counted there, and one every caller overrides
        // is not the module's value at all.
        for (name, block) in &module.variables {
            // Overridden by the caller: the default written here is still a default, used by no call.
            let values = if self.eval.is_input(name) {
                vec![self.eval.declared_default(name)]
            } else {
                // Set in a `.tfvars`: the value set there, then the default it replaces.
                vec![self.eval.var(name), self.eval.declared_default(name)]
            };
            let span = block.item.span().map(|r| block.file.span(r));
            if block.report {
                for v in &values {
                    out.extend(self.unconsumed(
                        &format!("var.{name}"),
                        v,
                        span.clone(),
                        Role::Default,
                    ));
                }
            }
        }
        // A collection known not to be a vector one is no link; one not read here may still be.
        let base = |a: &str| a.split('[').next().unwrap_or(a).to_string();
        crate::model::resolve_collection_links(&mut out, base, |link| {
            !not_vector_collections.iter().any(|d| base(d) == base(link))
        });
        out
    }

    /// Module calls whose `source` is a local path (`./x`, `../x`): `(name, block, source)`.
    pub fn local_module_calls(&self) -> Vec<(&'a str, Located<'a, Block>, String)> {
        self.eval
            .module()
            .modules
            .iter()
            .filter_map(|(name, block)| local_source(block.item).map(|s| (*name, *block, s)))
            .collect()
    }

    /// Registry, git and other remote module calls: `(name, source)`.
    pub fn remote_module_calls(&self) -> Vec<(&'a str, String)> {
        self.eval
            .module()
            .modules
            .iter()
            .filter(|(_, block)| local_source(block.item).is_none())
            .map(|(name, block)| {
                let source = block
                    .item
                    .body
                    .get_attribute("source")
                    .and_then(|a| a.value.as_str())
                    .unwrap_or("?")
                    .to_string();
                (*name, source)
            })
            .collect()
    }

    /// `count`/`for_each` instances with their addresses; an unknown size gives one instance and a note.
    pub fn instances(
        &self,
        address: &str,
        block: Located<'a, Block>,
    ) -> Vec<(String, Instance, Option<String>)> {
        let instances = self.expand(address, block);
        // `count = 10000` on 500 blocks is 5 million resources: past a budget per module, a block is
        // read once, unexpanded, and says so (a real module is far below it).
        let total = self.expanded.get().saturating_add(instances.len());
        if instances.len() > 1 && total > MAX_INSTANCES_PER_MODULE {
            return vec![(
                address.to_string(),
                Instance::default(),
                Some(format!(
                    "count/for_each not expanded: this module already has over {MAX_INSTANCES_PER_MODULE} instances"
                )),
            )];
        }
        self.expanded.set(total);
        instances
    }

    fn expand(
        &self,
        address: &str,
        block: Located<'a, Block>,
    ) -> Vec<(String, Instance, Option<String>)> {
        let body = &block.item.body;
        if let Some(count) = body.get_attribute("count") {
            return match self
                .eval
                .eval(&count.value, block.file, &Instance::default())
            {
                Value::Number(n) if n >= 0.0 && n.fract() == 0.0 && n <= 10_000.0 => (0..n as u64)
                    .map(|i| {
                        (
                            format!("{address}[{i}]"),
                            Instance {
                                count_index: Some(i),
                                each: None,
                            },
                            None,
                        )
                    })
                    .collect(),
                Value::Unknown(why) => vec![(
                    address.to_string(),
                    Instance::default(),
                    Some(format!("count is unknown: {why}")),
                )],
                other => vec![(
                    address.to_string(),
                    Instance::default(),
                    Some(format!(
                        "count is a {} this tool cannot expand",
                        other.type_name()
                    )),
                )],
            };
        }
        if let Some(for_each) = body.get_attribute("for_each") {
            let keyed: Option<Vec<(String, Value)>> =
                match self
                    .eval
                    .eval(&for_each.value, block.file, &Instance::default())
                {
                    Value::Map(m) => Some(m.into_iter().collect()),
                    Value::List(items) => items
                        .into_iter()
                        .map(|v| v.as_str().map(|k| (k.to_string(), v.clone())))
                        .collect(),
                    Value::Unknown(why) => {
                        return vec![(
                            address.to_string(),
                            Instance::default(),
                            Some(format!("for_each is unknown: {why}")),
                        )]
                    }
                    _ => None,
                };
            return match keyed {
                Some(keys) => keys
                    .into_iter()
                    .map(|(k, v)| {
                        let addr = format!("{address}[{}]", quote(&k));
                        (
                            addr,
                            Instance {
                                count_index: None,
                                each: Some((k, v)),
                            },
                            None,
                        )
                    })
                    .collect(),
                None => vec![(
                    address.to_string(),
                    Instance::default(),
                    Some("for_each is not a map or set of strings".into()),
                )],
            };
        }
        vec![(address.to_string(), Instance::default(), None)]
    }

    fn typed(
        &self,
        ty: &str,
        schema: &TypeSchema,
        address: &str,
        block: Located<'a, Block>,
        inst: &Instance,
    ) -> BedrockResource {
        let body = &block.item.body;
        let file = block.file;
        let model = match find_expr(body, schema.model_path) {
            Some(expr) => self.model_value(expr, file, inst, 0),
            None if schema.model_path.is_empty() => ModelValue {
                model: Known::Unknown(format!("{ty} calls no model")),
                span: None,
                via_profile: None,
                unparsed: None,
            },
            None => ModelValue {
                model: Known::Unknown(format!("`{}` is not set", schema.model_path.join("."))),
                span: None,
                via_profile: None,
                unparsed: None,
            },
        };
        let provisioned = (schema.kind == ResourceKind::ProvisionedThroughput).then(|| {
            let units_attr = body.get_attribute("model_units");
            let model_units = match units_attr.map(|a| self.eval.eval(&a.value, file, inst)) {
                Some(Value::Number(n))
                    if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) =>
                {
                    Known::Known(n as u32)
                }
                Some(Value::Unknown(why)) => Known::Unknown(why),
                Some(other) => Known::Unknown(format!("model_units is a {}", other.type_name())),
                None => Known::Unknown("model_units is not set".into()),
            };
            let commitment = match body
                .get_attribute("commitment_duration")
                .map(|a| self.eval.eval(&a.value, file, inst))
            {
                None | Some(Value::Null) => Known::Known(Commitment::None),
                Some(Value::Str(s)) if s.is_partial() => {
                    Known::Unknown("commitment_duration has parts known only at plan time".into())
                }
                Some(Value::Str(s)) => Commitment::from_api(&s.text).map_or_else(
                    || {
                        Known::Unknown(format!(
                            "commitment_duration `{}` is not OneMonth or SixMonths",
                            s.text
                        ))
                    },
                    Known::Known,
                ),
                Some(Value::Unknown(why)) => Known::Unknown(why),
                Some(other) => {
                    Known::Unknown(format!("commitment_duration is a {}", other.type_name()))
                }
            };
            ProvisionedThroughput {
                model_units,
                commitment,
                model_units_span: units_attr.and_then(|a| a.span()).map(|r| file.span(r)),
            }
        });
        let logging = (schema.kind == ResourceKind::InvocationLogging)
            .then(|| self.invocation_logging(body, file, inst));
        let reader = Reader {
            eval: self.eval,
            file,
            inst,
        };
        let details = match schema.kind {
            ResourceKind::VectorCollection => {
                Details::VectorCollection(reader.vector_collection(block.item))
            }
            ResourceKind::KnowledgeBase => Details::KnowledgeBase(KnowledgeBaseStore {
                store_type: reader.store_type(body),
                collection: reader.collection_link(body),
            }),
            ResourceKind::Guardrail => Details::Guardrail(reader.guardrail(body)),
            ResourceKind::CustomModel => Details::CustomModel(reader.custom_model(body)),
            ResourceKind::AgentRuntime
            | ResourceKind::AgentGateway
            | ResourceKind::AgentMemory
            | ResourceKind::Flow => Details::Usage,
            _ => provisioned
                .map(Details::Provisioned)
                .or_else(|| logging.map(Details::Logging))
                .unwrap_or_default(),
        };
        // The provider's `default_tags` apply to every resource it creates, under the resource's own.
        let mut tags = self.default_tags(block.item, ty);
        if let Some(a) = body.get_attribute("tags") {
            tags.extend(tags_of(&self.eval.eval(&a.value, file, inst)));
        }
        let span = header_span(block.item, file);
        let region = self.region(block.item, ty, file, inst, model.model.known());
        BedrockResource {
            invalid_model_text: model.unparsed,
            address: address.to_string(),
            kind: schema.kind,
            role: crate::model::Role::Call,
            attribute: None,
            span,
            model: model.model,
            model_span: model.span,
            via_profile: model.via_profile,
            region,
            // The extractors of each kind's details; a kind without its own gets `None`.
            details,
            notes: Vec::new(),
            tags,
            change: None,
            previous: None,
            origin: None,
        }
    }

    /// The `default_tags { tags = ... }` of the provider serving a block.
    fn default_tags(&self, block: &Block, ty: &str) -> BTreeMap<String, String> {
        let module = self.eval.module();
        let Some(provider) = module.provider_for(block, ty) else {
            return BTreeMap::new();
        };
        provider
            .block
            .item
            .body
            .blocks()
            .filter(|b| b.ident.as_str() == "default_tags")
            .filter_map(|b| b.body.get_attribute("tags"))
            .map(|a| {
                tags_of(
                    &self
                        .eval
                        .eval(&a.value, provider.block.file, &Instance::default()),
                )
            })
            .fold(BTreeMap::new(), |mut all, t| {
                all.extend(t);
                all
            })
    }

    /// `logging_config { cloudwatch_config {...} s3_config {...} text_data_delivery_enabled = ... }`.
    fn invocation_logging(
        &self,
        body: &Body,
        file: &Arc<SourceFile>,
        inst: &Instance,
    ) -> InvocationLogging {
        let config = body.blocks().find(|b| b.ident.as_str() == "logging_config");
        let cloudwatch = config.and_then(|c| {
            c.body
                .blocks()
                .find(|b| b.ident.as_str() == "cloudwatch_config")
        });
        let delivered = InvocationLogging::DATA_TYPES
            .iter()
            .filter_map(|t| {
                let flag = InvocationLogging::flag(t);
                match config.and_then(|c| c.body.get_attribute(&flag)) {
                    None => Some((*t, true)),
                    Some(a) => match self.eval.eval(&a.value, file, inst) {
                        Value::Bool(b) => Some((*t, b)),
                        Value::Null => Some((*t, true)),
                        _ => None,
                    },
                }
            })
            .collect();
        InvocationLogging {
            cloudwatch: cloudwatch.is_some(),
            s3: config.is_some_and(|c| c.body.blocks().any(|b| b.ident.as_str() == "s3_config")),
            delivered,
            cloudwatch_span: cloudwatch.map(|b| header_span(b, file)),
        }
    }

    /// Resolves a model-valued expression, following references to profiles and custom models
    /// defined in this configuration.
    fn model_value(
        &self,
        expr: &Expression,
        file: &Arc<SourceFile>,
        inst: &Instance,
        depth: u8,
    ) -> ModelValue {
        let use_span = expr.span().map(|r| file.span(r));
        let unknown = |why: String| ModelValue {
            model: Known::Unknown(why),
            span: use_span.clone(),
            via_profile: None,
            unparsed: None,
        };
        match self.eval.eval(expr, file, inst) {
            Value::Str(s) => {
                let text = s.text.trim();
                match ModelRef::parse(text) {
                    Some(r) => {
                        self.consume(&s);
                        // Underline the whole value when it is written as is; when it was built from a
                        // literal (a data source's ARN from its `model_id`), the model ID inside it.
                        let whole = 0..s.text.len();
                        let range = match (
                            is_verbatim(&s),
                            r.model_id()
                                .and_then(|id| s.text.find(id).map(|i| i..i + id.len())),
                        ) {
                            (false, Some(id_range)) => id_range,
                            _ => whole.clone(),
                        };
                        let span = narrow(&s, range)
                            .or_else(|| narrow_to_part(&s, whole))
                            .or(use_span);
                        ModelValue {
                            model: Known::Known(r),
                            span,
                            via_profile: None,
                            unparsed: None,
                        }
                    }
                    // Known parts that do not name a model: which model is not known (the unknown
                    // part may hold it), never that the value is wrong.
                    None if s.is_partial() => unknown(format!(
                        "`{}` has parts known only at plan time",
                        text.replace(crate::model::UNKNOWN_PART, crate::model::UNKNOWN_PART_SHOWN)
                    )),
                    None => ModelValue {
                        model: Known::Unknown(format!("`{text}` is not a Bedrock model ID or ARN")),
                        span: s.origin.clone().or(use_span),
                        via_profile: None,
                        unparsed: Some(text.to_string()),
                    },
                }
            }
            Value::Ref(r) if depth < 4 => {
                let module = self.eval.module();
                let Some((ty, name)) = r.address.split_once('.') else {
                    return unknown(format!("{} is known only after apply", r.address));
                };
                let Some(target) = module.resources.get(&(ty, name)) else {
                    return unknown(format!("{} is known only after apply", r.address));
                };
                match schema(ty).map(|s| (s.kind, s.model_path)) {
                    Some((ResourceKind::ApplicationInferenceProfile, path)) => {
                        match find_expr(&target.item.body, path) {
                            Some(e) => {
                                let mut m = self.model_value(
                                    e,
                                    target.file,
                                    &Instance::default(),
                                    depth + 1,
                                );
                                m.via_profile = Some(r.address.clone());
                                m
                            }
                            None => unknown(format!("{} has no model_source", r.address)),
                        }
                    }
                    Some((ResourceKind::CustomModel, path)) => {
                        let base = find_expr(&target.item.body, path).map(|e| {
                            self.model_value(e, target.file, &Instance::default(), depth + 1)
                        });
                        match base {
                            Some(ModelValue {
                                model: Known::Known(b),
                                span,
                                ..
                            }) => match b.model_id() {
                                Some(id) => ModelValue {
                                    model: Known::Known(ModelRef::custom_model(
                                        format!("custom({id})"),
                                        id,
                                    )),
                                    span,
                                    via_profile: None,
                                    unparsed: None,
                                },
                                None => unknown(format!("{} has no visible base model", r.address)),
                            },
                            _ => unknown(format!("the base model of {} is unknown", r.address)),
                        }
                    }
                    _ => unknown(format!("{} is known only after apply", r.address)),
                }
            }
            Value::Ref(r) => unknown(format!("{} is known only after apply", r.address)),
            Value::Unknown(why) => {
                self.note_unresolved(expr);
                unknown(why)
            }
            other => {
                self.note_unresolved(expr);
                unknown(format!(
                    "the model is a {}, not a string",
                    other.type_name()
                ))
            }
        }
    }

    /// Model references anywhere in a block that is not a Bedrock resource type.
    fn references(
        &self,
        address: &str,
        block: Located<'a, Block>,
        ty: &str,
        inst: &Instance,
    ) -> Vec<BedrockResource> {
        let mut hits = Vec::new();
        let role = block_role(ty).unwrap_or(Role::Call);
        self.scan_body(&block.item.body, block.file, inst, "", role, &mut hits);
        self.hit_resources(address, Some((block.item, ty)), inst, block.file, hits)
    }

    /// The hits in a block (`Some((block, type))`, whose provider and `region` decide the Region) or
    /// in a variable or local (the module's default provider).
    fn hit_resources(
        &self,
        address: &str,
        block: Option<(&Block, &str)>,
        inst: &Instance,
        file: &Arc<SourceFile>,
        hits: Vec<Hit>,
    ) -> Vec<BedrockResource> {
        hits.into_iter()
            .map(|hit| {
                let region = match block {
                    Some((block, ty)) => self.region(block, ty, file, inst, Some(&hit.model)),
                    None => RegionChoice::resolve(
                        None,
                        self.eval.default_provider_region(),
                        Some(&hit.model),
                        self.fallback_region,
                    ),
                };
                BedrockResource {
                    address: address.to_string(),
                    kind: ResourceKind::ModelReference,
                    role: hit.role,
                    attribute: Some(hit.path),
                    span: hit.use_span.clone(),
                    model: Known::Known(hit.model),
                    model_span: Some(hit.span),
                    via_profile: None,
                    invalid_model_text: None,
                    region,
                    details: Details::None,
                    notes: Vec::new(),
                    tags: BTreeMap::new(),
                    change: None,
                    previous: None,
                    origin: None,
                }
            })
            .collect()
    }

    /// A call's expression could not be evaluated: the locals it reads keep their literals as calls.
    fn note_unresolved(&self, expr: &Expression) {
        let names = self.eval.module().locals_read_by(expr);
        self.unresolved.borrow_mut().extend(names);
    }

    /// Marks a literal (`Span::key`) as used, so [`Self::unconsumed`] does not list it again.
    pub fn mark_consumed(&self, key: (String, usize, usize)) {
        self.consumed.borrow_mut().insert(key);
    }

    /// A local or variable's literals that no use site consumed. Keys on the way decide as in source
    /// (a `policy` key inside makes a permission).
    pub fn unconsumed(
        &self,
        address: &str,
        value: &Value,
        use_span: Option<Span>,
        role: Role,
    ) -> Vec<BedrockResource> {
        let Some(use_span) = use_span else {
            return Vec::new();
        };
        let mut hits = Vec::new();
        for (path, s) in value.strings() {
            let Some(origin) = &s.origin else { continue };
            if self.consumed.borrow().contains(&origin.key()) {
                continue;
            }
            let before = hits.len();
            self.hits_in_str(s, &use_span, &path, value_role(role, &path), &mut hits);
            if hits.len() > before {
                self.consume(s);
            }
        }
        let provider = self.eval.default_provider_region();
        hits.into_iter()
            .map(|hit| BedrockResource {
                address: address.to_string(),
                kind: ResourceKind::ModelReference,
                role: hit.role,
                attribute: (!hit.path.is_empty()).then_some(hit.path),
                span: hit.span.clone(),
                region: RegionChoice::resolve(
                    None,
                    provider.clone(),
                    Some(&hit.model),
                    self.fallback_region,
                ),
                model: Known::Known(hit.model),
                model_span: Some(hit.span),
                via_profile: None,
                invalid_model_text: None,
                details: Details::None,
                notes: Vec::new(),
                tags: BTreeMap::new(),
                change: None,
                previous: None,
                origin: None,
            })
            .collect()
    }

    fn scan_body(
        &self,
        body: &Body,
        file: &Arc<SourceFile>,
        inst: &Instance,
        prefix: &str,
        role: Role,
        hits: &mut Vec<Hit>,
    ) {
        for attr in body.attributes() {
            let key = attr.key.as_str();
            if META_ARGUMENTS.contains(&key) {
                continue;
            }
            let role = nested(role, key_role(key));
            self.scan_expr(&attr.value, file, inst, &join_path(prefix, key), role, hits);
        }
        for block in body.blocks() {
            let ident = block.ident.as_str();
            if matches!(ident, "lifecycle" | "dynamic") {
                continue;
            }
            let role = nested(role, key_role(ident));
            self.scan_body(
                &block.body,
                file,
                inst,
                &join_path(prefix, ident),
                role,
                hits,
            );
        }
    }

    fn scan_expr(
        &self,
        expr: &Expression,
        file: &Arc<SourceFile>,
        inst: &Instance,
        path: &str,
        role: Role,
        hits: &mut Vec<Hit>,
    ) {
        match expr {
            Expression::Array(items) => {
                for (i, e) in items.iter().enumerate() {
                    self.scan_expr(e, file, inst, &format!("{path}[{i}]"), role, hits);
                }
            }
            Expression::Object(obj) => {
                for (k, v) in obj.iter() {
                    let key = match k {
                        ObjectKey::Ident(id) => id.as_str().to_string(),
                        ObjectKey::Expression(e) => self
                            .eval
                            .eval(e, file, inst)
                            .as_str()
                            .map_or_else(|| "?".to_string(), str::to_string),
                    };
                    let role = nested(role, key_role(&key));
                    self.scan_expr(v.expr(), file, inst, &join_path(path, &key), role, hits);
                }
            }
            // `jsonencode({...})` is read through its structure, so keys name the path and decide
            // roles (`Statement`, `environment`); another function's string result (`format`,
            // `join`, `replace`...) is what the argument holds; else its arguments are read.
            Expression::FuncCall(call) if call.name.name.as_str() != "jsonencode" => {
                match self.eval.eval(expr, file, inst) {
                    v @ Value::Str(_) => self.hits_in_value(&v, expr, file, path, role, hits),
                    // A function that rewrites its string: an argument is not what the result
                    // holds, so when the result is unknown nothing is named.
                    _ if REWRITING_FUNCTIONS.contains(&call.name.name.as_str()) => {
                        self.note_unresolved(expr)
                    }
                    // Else (`coalesce(var.x, "...")`, `lookup(m, k, "...")`, `templatefile`) an
                    // argument's model is one the value may be.
                    _ => {
                        for arg in call.args.iter() {
                            self.scan_expr(arg, file, inst, path, role, hits);
                        }
                    }
                }
            }
            Expression::FuncCall(call) => {
                for arg in call.args.iter() {
                    self.scan_expr(arg, file, inst, path, role, hits);
                }
            }
            Expression::Parenthesis(p) => self.scan_expr(p.inner(), file, inst, path, role, hits),
            Expression::Conditional(c) => match self.eval.eval(expr, file, inst) {
                v @ Value::Str(_) => self.hits_in_value(&v, expr, file, path, role, hits),
                _ => {
                    self.scan_expr(&c.true_expr, file, inst, path, role, hits);
                    self.scan_expr(&c.false_expr, file, inst, path, role, hits);
                }
            },
            // A `for` expression's elements (`[for r in regions : "arn:...:${r}::foundation-model/..."]`).
            Expression::String(_)
            | Expression::StringTemplate(_)
            | Expression::HeredocTemplate(_)
            | Expression::Traversal(_)
            | Expression::ForExpr(_) => {
                let v = self.eval.eval(expr, file, inst);
                if matches!(v, Value::Unknown(_)) && role.is_call() {
                    self.note_unresolved(expr);
                }
                self.hits_in_value(&v, expr, file, path, role, hits);
            }
            _ => {}
        }
    }

    /// Model references in the literals written in an expression (never in what it refers to);
    /// with `keys_only`, only in object keys (a price table's model IDs).
    fn literal_hits(
        &self,
        expr: &Expression,
        file: &Arc<SourceFile>,
        path: &str,
        keys_only: bool,
        hits: &mut Vec<Hit>,
    ) {
        self.literal_hits_at(expr, file, path, keys_only, hits, 0);
    }

    fn literal_hits_at(
        &self,
        expr: &Expression,
        file: &Arc<SourceFile>,
        path: &str,
        keys_only: bool,
        hits: &mut Vec<Hit>,
        depth: u32,
    ) {
        // Nesting this deep is generated or hostile: what lies below is not read for metadata.
        if depth > LITERAL_DEPTH {
            return;
        }
        let none = Instance::default();
        let mut walk = |e: &Expression, keys_only: bool| {
            self.literal_hits_at(e, file, path, keys_only, hits, depth + 1)
        };
        match expr {
            Expression::String(_)
            | Expression::StringTemplate(_)
            | Expression::HeredocTemplate(_)
                if !keys_only =>
            {
                let v = self.eval.eval(expr, file, &none);
                if !v.is_partial() {
                    self.hits_in_value(&v, expr, file, path, Role::Metadata, hits);
                }
            }
            Expression::Array(items) => items.iter().for_each(|e| walk(e, keys_only)),
            Expression::Object(obj) => {
                for (k, v) in obj.iter() {
                    if let ObjectKey::Expression(k) = k {
                        walk(k, false);
                    }
                    walk(v.expr(), keys_only);
                }
            }
            Expression::FuncCall(call) => call.args.iter().for_each(|e| walk(e, keys_only)),
            Expression::Parenthesis(p) => walk(p.inner(), keys_only),
            Expression::Conditional(c) => {
                walk(&c.cond_expr, keys_only);
                walk(&c.true_expr, keys_only);
                walk(&c.false_expr, keys_only);
            }
            Expression::BinaryOp(op) => {
                walk(&op.lhs_expr, keys_only);
                walk(&op.rhs_expr, keys_only);
            }
            Expression::UnaryOp(op) => walk(&op.expr, keys_only),
            _ => {}
        }
    }

    fn hits_in_value(
        &self,
        v: &Value,
        expr: &Expression,
        file: &Arc<SourceFile>,
        path: &str,
        role: Role,
        hits: &mut Vec<Hit>,
    ) {
        let Some(use_span) = expr.span().map(|r| file.span(r)) else {
            return;
        };
        for (sub, s) in v.strings() {
            let before = hits.len();
            let role = value_role(role, &sub);
            self.hits_in_str(s, &use_span, &join_path(path, &sub), role, hits);
            if hits.len() > before {
                self.consume(s);
            }
        }
    }

    fn hits_in_str(&self, s: &Str, use_span: &Span, path: &str, role: Role, hits: &mut Vec<Hit>) {
        // A JSON policy written as a string (a heredoc, a `file()` read inline) grants, it does not call.
        let role = nested(role, is_policy_text(&s.text).then_some(Role::Permission));
        for (range, model) in find_model_refs(&s.text) {
            let span = narrow(s, range.clone())
                .or_else(|| narrow_to_part(s, range))
                .unwrap_or_else(|| use_span.clone());
            hits.push(Hit {
                role,
                path: path.to_string(),
                model,
                span,
                use_span: use_span.clone(),
            });
        }
    }

    fn consume(&self, s: &Str) {
        let mut consumed = self.consumed.borrow_mut();
        for part in s.origin.iter().chain(&s.parts) {
            consumed.insert(part.key());
        }
    }

    /// Resource `region` argument, then its provider's, then the ARN's, then the fallback.
    fn region(
        &self,
        block: &Block,
        ty: &str,
        file: &Arc<SourceFile>,
        inst: &Instance,
        model: Option<&ModelRef>,
    ) -> RegionChoice {
        let argument = block.body.get_attribute("region").and_then(|a| {
            self.eval
                .eval(&a.value, file, inst)
                .as_str()
                .map(str::to_string)
        });
        RegionChoice::resolve(
            argument,
            self.eval.provider_region(block, ty),
            model,
            self.fallback_region,
        )
    }
}

struct Hit {
    role: Role,
    path: String,
    model: ModelRef,
    /// Where the model ID itself is written.
    span: Span,
    /// The attribute value in the block that uses it.
    use_span: Span,
}

/// The span of `range` inside a string literal, so the underline covers exactly the model ID: directly
/// when the literal's source is the string itself (no escapes), else where the matched text occurs
/// once in the literal (a data source's ARN built from its `model_id`), else the whole literal.
fn narrow(s: &Str, range: std::ops::Range<usize>) -> Option<Span> {
    let origin = s.origin.as_ref()?;
    let text = &origin.file.text;
    let inner_start = origin.start + 1;
    let inner = text.get(inner_start..origin.end.saturating_sub(1))?;
    if inner == s.text {
        return Some(
            origin
                .file
                .span(inner_start + range.start..inner_start + range.end),
        );
    }
    let needle = s.text.get(range)?;
    match inner.match_indices(needle).collect::<Vec<_>>().as_slice() {
        [(at, _)] => Some(
            origin
                .file
                .span(inner_start + at..inner_start + at + needle.len()),
        ),
        _ => Some(origin.clone()),
    }
}

/// A reference built from literals (a template, `format()`, `jsonencode()`): the one literal that
/// holds the whole reference, or the profile or model ID an ARN ends with, is where it is written. A
/// reference assembled from several literals (`"${local.geo}.${local.family}"`) has no one place.
fn narrow_to_part(s: &Str, range: std::ops::Range<usize>) -> Option<Span> {
    let whole = s.text.get(range)?;
    narrow_to_part_text(s, whole).or_else(|| {
        let tail = whole.rsplit_once('/')?.1;
        narrow_to_part_text(s, tail)
    })
}

fn narrow_to_part_text(s: &Str, needle: &str) -> Option<Span> {
    if needle.is_empty() {
        return None;
    }
    let mut found = s.parts.iter().filter_map(|part| {
        let inner_start = part.start + 1;
        let inner = part
            .file
            .text
            .get(inner_start..part.end.saturating_sub(1))?;
        match inner.match_indices(needle).collect::<Vec<_>>().as_slice() {
            [(at, _)] => Some(
                part.file
                    .span(inner_start + at..inner_start + at + needle.len()),
            ),
            _ => None,
        }
    });
    let first = found.next()?;
    // The same text in two literals: which one this is is not known.
    found
        .all(|other| other.key() == first.key())
        .then_some(first)
}

/// The `source` of a module call when it is a local path, which is read without any network.
fn local_source(block: &Block) -> Option<String> {
    let source = block.body.get_attribute("source")?.value.as_str()?;
    (source.starts_with("./") || source.starts_with("../")).then(|| source.to_string())
}

/// Whether a string is exactly the text of the literal it came from.
fn is_verbatim(s: &Str) -> bool {
    s.origin.as_ref().is_some_and(|o| {
        o.file.text.get(o.start + 1..o.end.saturating_sub(1)) == Some(s.text.as_str())
    })
}

/// Follows a path through nested blocks (`model_source { copy_from = ... }`) or object attributes
/// (`model_source = { copy_from = ... }`, the awscc style).
pub(super) fn find_expr<'b>(body: &'b Body, path: &[&str]) -> Option<&'b Expression> {
    let (first, rest) = path.split_first()?;
    if let Some(attr) = body.get_attribute(first) {
        return rest.iter().try_fold(&attr.value, |expr, key| match expr {
            Expression::Object(obj) => obj.iter().find_map(|(k, v)| match k {
                ObjectKey::Ident(id) if id.as_str() == *key => Some(v.expr()),
                ObjectKey::Expression(Expression::String(s)) if s.value() == key => Some(v.expr()),
                _ => None,
            }),
            _ => None,
        });
    }
    body.blocks()
        .filter(|b| b.ident.as_str() == *first)
        .find_map(|b| find_expr(&b.body, rest))
}

/// `resource "TYPE" "NAME"`: from the keyword to the last label.
pub(super) fn header_span(block: &Block, file: &Arc<SourceFile>) -> Span {
    let start = block
        .ident
        .span()
        .map(|r| r.start)
        .or_else(|| block.span().map(|r| r.start))
        .unwrap_or(0);
    let end = block
        .labels
        .last()
        .and_then(|l| l.span())
        .map(|r| r.end)
        .or_else(|| block.ident.span().map(|r| r.end))
        .unwrap_or(start);
    file.span(start..end)
}

/// Tags as the model holds them: known keys with their values (`(unknown)` where only the value is
/// not known), and [`UNKNOWN_TAGS`] when the tags, or some of their keys, are not known at all —
/// a profile tagged from a variable is tagged, not untagged. `null` is no tags.
fn tags_of(v: &Value) -> BTreeMap<String, String> {
    let shown = |v: &Value| v.as_str().unwrap_or("(unknown)").to_string();
    let unknown = || BTreeMap::from([(UNKNOWN_TAGS.to_string(), String::new())]);
    match v {
        Value::Map(m) => m.iter().map(|(k, v)| (k.clone(), shown(v))).collect(),
        // awscc: [{ key = "team", value = "ml" }]
        Value::List(items) => {
            let mut tags = BTreeMap::new();
            for i in items {
                match i {
                    Value::Map(m) => match m.get("key").and_then(Value::as_str) {
                        Some(k) => {
                            tags.insert(
                                k.to_string(),
                                m.get("value")
                                    .map_or_else(|| "(unknown)".to_string(), shown),
                            );
                        }
                        None => {
                            tags.insert(UNKNOWN_TAGS.to_string(), String::new());
                        }
                    },
                    _ => {
                        tags.insert(UNKNOWN_TAGS.to_string(), String::new());
                    }
                }
            }
            tags
        }
        Value::Null => BTreeMap::new(),
        Value::Unknown(_) | Value::Ref(_) | Value::Str(_) => unknown(),
        Value::Bool(_) | Value::Number(_) => BTreeMap::new(),
    }
}

/// The role of a string found at `sub` (a path of keys) inside an evaluated value: the keys on the
/// way decide as they do in source (`jsonencode({ Statement = [...] })` through a local).
fn value_role(role: Role, sub: &str) -> Role {
    sub.split(['.', '['])
        .filter(|k| !k.is_empty() && !k.ends_with(']'))
        .fold(role, |r, k| nested(r, key_role(k)))
}

fn join_path(prefix: &str, key: &str) -> String {
    match (prefix.is_empty(), key.is_empty()) {
        (true, _) => key.to_string(),
        (_, true) => prefix.to_string(),
        _ if key.starts_with('[') => format!("{prefix}{key}"),
        _ => format!("{prefix}.{key}"),
    }
}

fn quote(key: &str) -> String {
    format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
}
