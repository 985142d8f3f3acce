//! Plan and state resources → `BedrockResource`s. Values marked unknown (`after_unknown`) stay
//! unknown; values marked sensitive are never read into a finding, so they can never be printed.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::value::RawValue;
use serde_json::Value;

use super::schema::{ConfigModule, ConfigResource, PlanFile};
use super::PlanOutput;
use crate::model::terraform_types::{schema, TypeSchema};
use crate::model::{
    find_model_refs, might_contain_model_ref, BedrockResource, Commitment, CustomModelJob, Details,
    Guardrail, InvocationLogging, KnowledgeBaseStore, Known, ModelRef, PlanAction,
    ProvisionedThroughput, RegionChoice, ResourceKind, VectorCollection,
};
use crate::span::{SourceFile, Span};

/// One resource's values with their unknown and sensitive markers.
struct Values {
    values: Value,
    unknown: Value,
    sensitive: Value,
    /// The values are present but could not be read (nested past serde_json's depth limit).
    unreadable: bool,
}

impl Values {
    fn parse(
        values: Option<&RawValue>,
        unknown: Option<&RawValue>,
        sensitive: Option<&RawValue>,
    ) -> Values {
        // A marker that is present but cannot be read (nested past serde_json's depth limit, say)
        // marks everything: fail closed, so a sensitive value is never printed because its marker
        // was unreadable.
        let parse = |r: Option<&RawValue>, unreadable: Value| match r {
            None => Value::Null,
            Some(r) => serde_json::from_str(r.get()).unwrap_or(unreadable),
        };
        let (values, unreadable) = match values.map(|r| serde_json::from_str(r.get())) {
            None => (Value::Null, false),
            Some(Ok(v)) => (v, false),
            Some(Err(_)) => (Value::Null, true),
        };
        Values {
            values,
            unknown: parse(unknown, Value::Bool(true)),
            sensitive: parse(sensitive, Value::Bool(true)),
            unreadable,
        }
    }
}

pub fn extract(file: &Arc<SourceFile>, plan: &PlanFile, fallback: &RegionChoice) -> PlanOutput {
    let regions = ProviderRegions::new(plan);
    let mut resources = Vec::new();
    let mut config = HashMap::new();
    if let Some(c) = &plan.configuration {
        collect_config_resources("", &c.root_module, &mut config);
    }
    let ctx = Ctx {
        file,
        regions: &regions,
        fallback,
        config: &config,
    };

    for rc in &plan.resource_changes {
        if rc.mode.as_deref() == Some("data") {
            continue;
        }
        let Some(action) = PlanAction::from_actions(&rc.change.actions) else {
            continue;
        };
        // `before` is searched only when it differs from `after` (a no-op repeats it byte for byte).
        let before = rc
            .change
            .before
            .filter(|b| rc.change.after.is_none_or(|a| a.get() != b.get()));
        let interesting = schema(&rc.resource_type).is_some()
            || [rc.change.after, before]
                .into_iter()
                .flatten()
                .any(|raw| might_contain_model_ref(raw.get()));
        if !interesting {
            continue;
        }
        let after = Values::parse(
            rc.change.after,
            rc.change.after_unknown,
            rc.change.after_sensitive,
        );
        let before = Values::parse(rc.change.before, None, rc.change.before_sensitive);
        let current = if action == PlanAction::Delete {
            &before
        } else {
            &after
        };
        let mut found = ctx.resources(&rc.address, &rc.resource_type, current);
        if matches!(action, PlanAction::Update | PlanAction::Replace) {
            let previous = ctx.resources(&rc.address, &rc.resource_type, &before);
            for r in &mut found {
                r.previous = previous
                    .iter()
                    .find(|p| p.attribute == r.attribute)
                    .cloned()
                    .map(Box::new);
            }
        }
        for r in &mut found {
            r.change = Some(action);
        }
        resources.extend(found);
    }
    if let Some(values) = &plan.values {
        let mut stack = vec![&values.root_module];
        while let Some(module) = stack.pop() {
            stack.extend(module.child_modules.iter());
            for r in &module.resources {
                if r.mode.as_deref() == Some("data") {
                    continue;
                }
                if schema(&r.resource_type).is_none()
                    && !r.values.is_some_and(|v| might_contain_model_ref(v.get()))
                {
                    continue;
                }
                let v = Values::parse(r.values, None, r.sensitive_values);
                resources.extend(ctx.resources(&r.address, &r.resource_type, &v));
            }
        }
    }
    // A plan lists every collection: a link to none of them is dropped.
    crate::model::resolve_collection_links(&mut resources, split_address, |_| false);
    // Only Bedrock resources need a place in the plan file: index just their addresses, in one pass.
    let wanted: std::collections::HashSet<&str> =
        resources.iter().map(|r| r.address.as_str()).collect();
    let locations = AddressIndex::new(&file.text, &wanted);
    let spans: HashMap<String, Span> = wanted
        .iter()
        .map(|a| (a.to_string(), ctx.span_at(locations.offset(a), a)))
        .collect();
    for r in &mut resources {
        if let Some(span) = spans.get(&r.address) {
            r.span = span.clone();
            r.model_span = Some(span.clone());
            if let Some(p) = r.previous.as_deref_mut() {
                p.span = span.clone();
                p.model_span = Some(span.clone());
            }
        }
    }
    let mut module_sources = Vec::new();
    if let Some(config) = &plan.configuration {
        collect_module_sources("", &config.root_module, &mut module_sources);
    }
    PlanOutput {
        resources,
        diagnostics: Vec::new(),
        module_sources,
    }
}

struct Ctx<'c> {
    file: &'c Arc<SourceFile>,
    regions: &'c ProviderRegions,
    fallback: &'c RegionChoice,
    /// Configuration resources by (module path, address in module).
    config: &'c HashMap<(String, String), &'c ConfigResource>,
}

impl Ctx<'_> {
    /// The resource's `"address"` value in the plan, or the file start.
    fn span_at(&self, at: Option<usize>, address: &str) -> Span {
        match at {
            Some(at) => self.file.span(at..at + address.len() + 2),
            None => self.file.span(0..0),
        }
    }

    fn resources(&self, address: &str, ty: &str, v: &Values) -> Vec<BedrockResource> {
        // Located once all resources are known (see `extract`).
        let span = self.file.span(0..0);
        match schema(ty) {
            Some(schema) => {
                let typed = self.typed(address, ty, &schema, v, span.clone());
                match &typed.details {
                    // A collection known not to be a vector search one is not Bedrock's.
                    Details::VectorCollection(c) if c.is_vector_search() == Some(false) => {
                        Vec::new()
                    }
                    // Priced from usage; the models its arguments name are calls of their own.
                    Details::Usage => {
                        let mut out = vec![typed];
                        out.extend(self.references(address, ty, v, span));
                        out
                    }
                    _ => vec![typed],
                }
            }
            None => self.references(address, ty, v, span),
        }
    }

    fn typed(
        &self,
        address: &str,
        ty: &str,
        schema: &TypeSchema,
        v: &Values,
        span: Span,
    ) -> BedrockResource {
        let model_path: Vec<&str> = schema.model_path.to_vec();
        let mut invalid_model_text = None;
        let model = match lookup(v, &model_path) {
            _ if model_path.is_empty() => Known::Unknown(format!("{ty} calls no model")),
            _ if v.unreadable => Known::Unknown(
                "the resource's values are nested too deeply to read (over 128 levels)".into(),
            ),
            Lookup::Sensitive => {
                Known::Unknown("the model is a sensitive value (not shown)".into())
            }
            Lookup::Unknown => Known::Unknown(format!(
                "{} is known only after apply",
                model_path.join(".")
            )),
            Lookup::Missing => Known::Unknown(format!("`{}` is not set", model_path.join("."))),
            Lookup::Value(Value::String(s)) => match ModelRef::parse(s.trim()) {
                Some(r) => Known::Known(r),
                None => {
                    invalid_model_text = Some(s.trim().to_string());
                    Known::Unknown(format!("`{}` is not a Bedrock model ID or ARN", s.trim()))
                }
            },
            Lookup::Value(other) => Known::Unknown(format!("the model is not a string ({other})")),
        };
        let provisioned =
            (schema.kind == ResourceKind::ProvisionedThroughput).then(|| ProvisionedThroughput {
                model_units: match lookup(v, &["model_units"]) {
                    Lookup::Value(Value::Number(n)) => {
                        n.as_u64().and_then(|u| u32::try_from(u).ok()).map_or_else(
                            || Known::Unknown(format!("model_units {n} is not a count")),
                            Known::Known,
                        )
                    }
                    Lookup::Unknown => {
                        Known::Unknown("model_units is known only after apply".into())
                    }
                    Lookup::Sensitive => Known::Unknown("model_units is sensitive".into()),
                    _ => Known::Unknown("model_units is not set".into()),
                },
                commitment: match lookup(v, &["commitment_duration"]) {
                    Lookup::Missing | Lookup::Value(Value::Null) => Known::Known(Commitment::None),
                    Lookup::Value(Value::String(s)) => Commitment::from_api(s).map_or_else(
                        || {
                            Known::Unknown(format!(
                                "commitment_duration `{s}` is not OneMonth or SixMonths"
                            ))
                        },
                        Known::Known,
                    ),
                    Lookup::Unknown => {
                        Known::Unknown("commitment_duration is known only after apply".into())
                    }
                    _ => Known::Unknown("commitment_duration is not readable".into()),
                },
                model_units_span: None,
            });
        let logging = (schema.kind == ResourceKind::InvocationLogging).then(|| {
            let delivered = InvocationLogging::DATA_TYPES
                .iter()
                .filter_map(
                    |t| match lookup(v, &["logging_config", &InvocationLogging::flag(t)]) {
                        Lookup::Value(Value::Bool(b)) => Some((*t, *b)),
                        Lookup::Missing => Some((*t, true)),
                        _ => None,
                    },
                )
                .collect();
            InvocationLogging {
                // A nested block is a list in plan JSON: present when it has an element.
                cloudwatch: match lookup(v, &["logging_config", "cloudwatch_config"]) {
                    Lookup::Value(Value::Array(items)) => !items.is_empty(),
                    Lookup::Value(Value::Object(_)) => true,
                    _ => false,
                },
                s3: match lookup(v, &["logging_config", "s3_config"]) {
                    Lookup::Value(Value::Array(items)) => !items.is_empty(),
                    Lookup::Value(Value::Object(_)) => true,
                    _ => false,
                },
                delivered,
                cloudwatch_span: None,
            }
        });
        let tags = match lookup(v, &["tags"]) {
            Lookup::Value(Value::Object(m)) => {
                let marks = v.sensitive.get("tags");
                m.iter()
                    .map(|(k, value)| {
                        let secret = marks.and_then(|s| s.get(k)) == Some(&Value::Bool(true));
                        let shown = if secret {
                            "(sensitive)"
                        } else {
                            value.as_str().unwrap_or("(unknown)")
                        };
                        (k.clone(), shown.to_string())
                    })
                    .collect()
            }
            _ => BTreeMap::new(),
        };
        let details = match schema.kind {
            ResourceKind::VectorCollection => {
                Details::VectorCollection(self.vector_collection(address, v))
            }
            ResourceKind::KnowledgeBase => Details::KnowledgeBase(KnowledgeBaseStore {
                store_type: string_at(v, &["storage_configuration", "type"]).unwrap_or_else(|| {
                    Known::Unknown("storage_configuration.type is not set".into())
                }),
                collection: self.collection_link(address, ty),
            }),
            ResourceKind::Guardrail => Details::Guardrail(guardrail(v)),
            ResourceKind::CustomModel => {
                let unwritten = self
                    .config_of(address)
                    .is_some_and(|c| c.expressions.customization_type.is_none());
                Details::CustomModel(custom_model(v, unwritten))
            }
            ResourceKind::AgentRuntime
            | ResourceKind::AgentGateway
            | ResourceKind::AgentMemory
            | ResourceKind::Flow => Details::Usage,
            _ => provisioned
                .map(Details::Provisioned)
                .or_else(|| logging.map(Details::Logging))
                .unwrap_or_default(),
        };
        let region = self.region(address, ty, v, model.known());
        BedrockResource {
            address: address.to_string(),
            kind: schema.kind,
            role: crate::model::Role::Call,
            attribute: None,
            span: span.clone(),
            model,
            model_span: Some(span),
            invalid_model_text,
            via_profile: None,
            region,
            details,
            notes: Vec::new(),
            tags,
            change: None,
            previous: None,
            origin: None,
        }
    }

    /// The configuration resource a plan address comes from.
    fn config_of(&self, address: &str) -> Option<&ConfigResource> {
        self.config.get(&split_address(address)).copied()
    }

    /// `type` and `standby_replicas`: when not written in the configuration, the plan shows them
    /// unknown (computed) and the provider's defaults (`TIMESERIES`, `ENABLED`) apply.
    fn vector_collection(&self, address: &str, v: &Values) -> VectorCollection {
        let config = self.config_of(address);
        let unwritten = |written: Option<bool>| written == Some(false);
        let collection_type = match string_lookup(v, "type") {
            StringAt::Missing => Known::Known("TIMESERIES".into()),
            StringAt::Unknown
                if unwritten(config.map(|c| c.expressions.collection_type.is_some())) =>
            {
                Known::Known("TIMESERIES".into())
            }
            other => other.known("type"),
        };
        let standby = match string_lookup(v, "standby_replicas") {
            StringAt::Missing => Known::Known("ENABLED".to_string()),
            StringAt::Unknown
                if unwritten(config.map(|c| c.expressions.standby_replicas.is_some())) =>
            {
                Known::Known("ENABLED".to_string())
            }
            other => other.known("standby_replicas"),
        };
        let standby_replicas = match standby {
            Known::Known(s) if s.eq_ignore_ascii_case("ENABLED") => Known::Known(true),
            Known::Known(s) if s.eq_ignore_ascii_case("DISABLED") => Known::Known(false),
            Known::Known(s) => {
                Known::Unknown(format!("standby_replicas `{s}` is not ENABLED or DISABLED"))
            }
            Known::Unknown(why) => Known::Unknown(why),
        };
        VectorCollection {
            collection_type,
            standby_replicas,
            standby_span: None,
            name: match string_lookup(v, "name") {
                StringAt::Value(n) => Some(n),
                _ => None,
            },
        }
    }

    /// The collection a knowledge base uses: its `collection_arn` is known only after apply, but
    /// the configuration records what the expression refers to
    /// (`["aws_opensearchserverless_collection.kb.arn", "aws_opensearchserverless_collection.kb"]`).
    fn collection_link(&self, address: &str, ty: &str) -> Option<String> {
        let storage = self
            .config_of(address)?
            .expressions
            .storage_configuration
            .as_ref()?;
        let first = |v: &'_ Value| match v {
            Value::Array(items) => items.first().cloned(),
            other => Some(other.clone()),
        };
        let oss = first(storage)?;
        let oss = first(oss.get("opensearch_serverless_configuration")?)?;
        let refs = oss
            .get("collection_arn")?
            .get("references")?
            .as_array()?
            .clone();
        let target = refs
            .iter()
            .filter_map(Value::as_str)
            .filter_map(collection_reference)
            // The most specific: one with its instance key (`TYPE.NAME[0]`) over `TYPE.NAME`.
            .max_by_key(String::len)?;
        // The knowledge base's module instance (`module.kb["a"].`) holds the collection too.
        let prefix = module_prefix(address, ty);
        Some(format!("{prefix}{target}"))
    }

    fn references(&self, address: &str, ty: &str, v: &Values, span: Span) -> Vec<BedrockResource> {
        let mut found = Vec::new();
        walk_strings(&v.values, &v.sensitive, String::new(), &mut |path, text| {
            for (_, model) in find_model_refs(text) {
                found.push((path.to_string(), model));
            }
        });
        found
            .into_iter()
            .map(|(path, model)| {
                let region = self.region(address, ty, v, Some(&model));
                let (role, why) = reference_role(ty, &path);
                BedrockResource {
                    address: address.to_string(),
                    kind: ResourceKind::ModelReference,
                    role,
                    attribute: Some(path),
                    span: span.clone(),
                    model: Known::Known(model),
                    model_span: Some(span.clone()),
                    invalid_model_text: None,
                    via_profile: None,
                    region,
                    details: Details::None,
                    notes: why.map(str::to_string).into_iter().collect(),
                    tags: BTreeMap::new(),
                    change: None,
                    previous: None,
                    origin: None,
                }
            })
            .collect()
    }

    /// The resource's `region` value (provider v6), its provider's constant region, the ARN's, or the fallback.
    fn region(
        &self,
        address: &str,
        ty: &str,
        v: &Values,
        model: Option<&ModelRef>,
    ) -> RegionChoice {
        let argument = match lookup(v, &["region"]) {
            Lookup::Value(Value::String(r)) => Some(r.clone()),
            _ => None,
        };
        RegionChoice::resolve(
            argument,
            self.regions.region_for(address, ty),
            model,
            self.fallback,
        )
    }
}

/// The resource types of an OpenSearch Serverless collection.
const COLLECTION_TYPES: &[&str] = &[
    "aws_opensearchserverless_collection",
    "awscc_opensearchserverless_collection",
];

/// `aws_opensearchserverless_collection.kb[0].arn` → `aws_opensearchserverless_collection.kb[0]`.
fn collection_reference(reference: &str) -> Option<String> {
    let (ty, rest) = reference.split_once('.')?;
    if !COLLECTION_TYPES.contains(&ty) {
        return None;
    }
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(name_len);
    if name.is_empty() {
        return None;
    }
    let key = after
        .strip_prefix('[')
        .and_then(|k| {
            // A quoted key may hold `]`: the key ends at the `]` after its closing quote.
            let end = if let Some(quoted) = k.strip_prefix('"') {
                let close = quoted.find('"')? + 1;
                close + k[close..].find(']')?
            } else {
                k.find(']')?
            };
            Some(format!("[{}]", &k[..end]))
        })
        .unwrap_or_default();
    Some(format!("{ty}.{name}{key}"))
}

/// `module.a["x"].aws_t.n[0]` with type `aws_t` → `module.a["x"].`.
fn module_prefix(address: &str, ty: &str) -> String {
    let needle = format!("{ty}.");
    if address.starts_with(&needle) {
        return String::new();
    }
    address
        .rfind(&format!(".{needle}"))
        .map(|at| address[..=at].to_string())
        .unwrap_or_default()
}

/// A string value, its absence, or why it is not known.
enum StringAt {
    Value(String),
    Missing,
    Unknown,
    Sensitive,
    Other(String),
}

impl StringAt {
    fn known(self, name: &str) -> Known<String> {
        match self {
            StringAt::Value(s) => Known::Known(s),
            StringAt::Missing => Known::Unknown(format!("`{name}` is not set")),
            StringAt::Unknown => Known::Unknown(format!("{name} is known only after apply")),
            StringAt::Sensitive => Known::Unknown(format!("{name} is sensitive")),
            StringAt::Other(t) => Known::Unknown(format!("{name} is a {t}")),
        }
    }
}

fn string_lookup(v: &Values, key: &str) -> StringAt {
    match lookup(v, &[key]) {
        Lookup::Value(Value::String(s)) => StringAt::Value(s.trim().to_string()),
        Lookup::Missing => StringAt::Missing,
        Lookup::Unknown => StringAt::Unknown,
        Lookup::Sensitive => StringAt::Sensitive,
        Lookup::Value(other) => StringAt::Other(json_type(other).to_string()),
    }
}

/// A string at a path: `None` when it is not set (the caller's default applies).
fn string_at(v: &Values, path: &[&str]) -> Option<Known<String>> {
    let name = path.join(".");
    Some(match lookup(v, path) {
        Lookup::Missing => return None,
        Lookup::Value(Value::String(s)) => Known::Known(s.trim().to_string()),
        Lookup::Value(other) => Known::Unknown(format!("{name} is a {}", json_type(other))),
        Lookup::Unknown => Known::Unknown(format!("{name} is known only after apply")),
        Lookup::Sensitive => Known::Unknown(format!("{name} is sensitive")),
    })
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Presence {
    Absent,
    Unknown,
    Present,
}

/// Whether `path` has a value below `(value, unknown)`: a non-empty list or an object at each step.
fn presence(value: &Value, unknown: &Value, path: &[&str]) -> Presence {
    if unknown == &Value::Bool(true) {
        return Presence::Unknown;
    }
    match value {
        Value::Null => Presence::Absent,
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| presence(item, unknown.get(i).unwrap_or(&Value::Null), path))
            .max()
            .unwrap_or(Presence::Absent),
        Value::Object(map) => match path.split_first() {
            None => Presence::Present,
            Some((first, rest)) => presence(
                map.get(*first).unwrap_or(&Value::Null),
                unknown.get(*first).unwrap_or(&Value::Null),
                rest,
            ),
        },
        _ if path.is_empty() => Presence::Present,
        _ => Presence::Absent,
    }
}

fn guardrail(v: &Values) -> Guardrail {
    let mut g = Guardrail::default();
    if v.unreadable || v.unknown == Value::Bool(true) {
        g.unknown_policies = true;
        return g;
    }
    for (policy, path) in crate::model::terraform_types::GUARDRAIL_POLICY_PATHS {
        match presence(&v.values, &v.unknown, path) {
            Presence::Present => g.policies.push(*policy),
            Presence::Unknown => g.unknown_policies = true,
            Presence::Absent => {}
        }
    }
    g
}

/// `type_unwritten`: the configuration does not set `customization_type`, so a value the plan
/// shows unknown (computed) is the provider's default.
fn custom_model(v: &Values, type_unwritten: bool) -> CustomModelJob {
    let customization_type = match string_lookup(v, "customization_type") {
        StringAt::Missing => Known::Known("FINE_TUNING".into()),
        StringAt::Unknown if type_unwritten => Known::Known("FINE_TUNING".into()),
        other => other.known("customization_type"),
    };
    let epochs = match lookup(v, &["hyperparameters", "epochCount"]) {
        Lookup::Value(Value::String(s)) => s
            .trim()
            .parse::<rust_decimal::Decimal>()
            .ok()
            .filter(|d| !d.is_sign_negative())
            .map_or_else(
                || Known::Unknown(format!("epochCount `{s}` is not a number")),
                Known::Known,
            ),
        Lookup::Value(Value::Number(n)) => n
            .to_string()
            .parse::<rust_decimal::Decimal>()
            .ok()
            .filter(|d| !d.is_sign_negative())
            .map_or_else(
                || Known::Unknown(format!("epochCount {n} is not a count")),
                Known::Known,
            ),
        Lookup::Value(other) => Known::Unknown(format!("epochCount is a {}", json_type(other))),
        Lookup::Missing => Known::Unknown("hyperparameters.epochCount is not set".into()),
        Lookup::Unknown => Known::Unknown("epochCount is known only after apply".into()),
        Lookup::Sensitive => Known::Unknown("epochCount is sensitive".into()),
    };
    CustomModelJob {
        customization_type,
        epochs,
    }
}

enum Lookup<'v> {
    Value(&'v Value),
    Unknown,
    Sensitive,
    Missing,
}

/// Follows a path through objects; a nested block is a list in plan JSON, so lists step into their
/// first element. Sensitive and unknown markers are checked at every step.
fn lookup<'v>(v: &'v Values, path: &[&str]) -> Lookup<'v> {
    let (mut value, mut unknown, mut sensitive) = (&v.values, &v.unknown, &v.sensitive);
    for key in path {
        if sensitive == &Value::Bool(true) {
            return Lookup::Sensitive;
        }
        if unknown == &Value::Bool(true) {
            return Lookup::Unknown;
        }
        let step = |x: &'v Value| -> &'v Value {
            let x = match x {
                Value::Array(items) => items.first().unwrap_or(&Value::Null),
                other => other,
            };
            x.get(key).unwrap_or(&Value::Null)
        };
        value = step(value);
        unknown = step(unknown);
        sensitive = step(sensitive);
    }
    if sensitive == &Value::Bool(true) {
        Lookup::Sensitive
    } else if unknown == &Value::Bool(true) {
        Lookup::Unknown
    } else if value.is_null() {
        Lookup::Missing
    } else {
        Lookup::Value(value)
    }
}

/// What a model string in another resource's planned values is: a grant in IAM and resource policies
/// (`aws_iam_*`, `*_policy` types, `policy`-like attributes), a description in tags and descriptions,
/// else a call (a function's environment, a parameter's value).
fn reference_role(ty: &str, path: &str) -> (crate::model::Role, Option<&'static str>) {
    use crate::model::Role;
    let first = path.split(['.', '[']).next().unwrap_or("");
    if matches!(first, "tags" | "tags_all" | "description") {
        return (Role::Metadata, Some("a tag or description"));
    }
    let policy_attribute = matches!(
        first,
        "policy"
            | "assume_role_policy"
            | "inline_policy"
            | "policy_document"
            | "permissions_boundary"
    );
    if ty.starts_with("aws_iam_") || ty.ends_with("_policy") || policy_attribute {
        return (
            Role::Permission,
            Some("an IAM or resource policy: it allows calls, it makes none"),
        );
    }
    (Role::Call, None)
}

/// Every string in a value with its path, skipping subtrees marked sensitive.
fn walk_strings(value: &Value, sensitive: &Value, path: String, f: &mut dyn FnMut(&str, &str)) {
    if sensitive == &Value::Bool(true) {
        return;
    }
    match value {
        Value::String(s) => f(&path, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let s = sensitive.get(i).unwrap_or(&Value::Null);
                walk_strings(item, s, format!("{path}[{i}]"), f);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let s = sensitive.get(k).unwrap_or(&Value::Null);
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk_strings(item, s, p, f);
            }
        }
        _ => {}
    }
}

/// Provider regions from `configuration.provider_config`, by the config key each resource uses.
struct ProviderRegions {
    /// provider config key → constant region
    regions: HashMap<String, String>,
    /// (module path, resource address in module) → provider config key
    keys: HashMap<(String, String), String>,
}

impl ProviderRegions {
    fn new(plan: &PlanFile) -> Self {
        let mut regions = HashMap::new();
        let mut keys = HashMap::new();
        if let Some(config) = &plan.configuration {
            for (key, p) in &config.provider_config {
                let Some(expr) = p.expressions.get("region") else {
                    continue;
                };
                // A constant, or a root variable whose value the plan records (`region = var.region`).
                let value =
                    expr.constant_value
                        .clone()
                        .or_else(|| match expr.references.as_slice() {
                            [r] if key.find(':').is_none() => r
                                .strip_prefix("var.")
                                .filter(|v| {
                                    !config
                                        .root_module
                                        .variables
                                        .get(*v)
                                        .is_some_and(|d| d.sensitive)
                                })
                                .and_then(|v| plan.variables.get(v))
                                .and_then(|v| v.value.clone()),
                            _ => None,
                        });
                if let Some(Value::String(r)) = value {
                    regions.insert(key.clone(), r);
                }
            }
            collect_provider_keys("", &config.root_module, &mut keys);
        }
        ProviderRegions { regions, keys }
    }

    fn region_for(&self, address: &str, ty: &str) -> Option<String> {
        let (module, resource) = split_address(address);
        let key = self
            .keys
            .get(&(module.clone(), resource))
            .cloned()
            .unwrap_or_else(|| ty.split('_').next().unwrap_or("aws").to_string());
        // A module without its own provider block inherits its parent's: try the key, then without
        // its module qualifier (`module.x:aws`, `x:aws` → `aws`).
        self.regions
            .get(&key)
            .or_else(|| key.rsplit_once(':').and_then(|(_, k)| self.regions.get(k)))
            .cloned()
    }
}

fn collect_provider_keys(
    prefix: &str,
    module: &ConfigModule,
    out: &mut HashMap<(String, String), String>,
) {
    for r in &module.resources {
        if let Some(key) = &r.provider_config_key {
            out.insert((prefix.to_string(), r.address.clone()), key.clone());
        }
    }
    for (name, call) in &module.module_calls {
        let path = if prefix.is_empty() {
            format!("module.{name}")
        } else {
            format!("{prefix}.module.{name}")
        };
        collect_provider_keys(&path, &call.module, out);
    }
}

fn collect_config_resources<'c>(
    prefix: &str,
    module: &'c ConfigModule,
    out: &mut HashMap<(String, String), &'c ConfigResource>,
) {
    // Only the Bedrock types read their configuration: a monorepo plan has 100,000s of others.
    for r in &module.resources {
        let ty = r.address.split('.').next().unwrap_or("");
        if schema(ty).is_some() {
            out.insert((prefix.to_string(), r.address.clone()), r);
        }
    }
    for (name, call) in &module.module_calls {
        let path = if prefix.is_empty() {
            format!("module.{name}")
        } else {
            format!("{prefix}.module.{name}")
        };
        collect_config_resources(&path, &call.module, out);
    }
}

fn collect_module_sources(prefix: &str, module: &ConfigModule, out: &mut Vec<(String, String)>) {
    for (name, call) in &module.module_calls {
        let path = if prefix.is_empty() {
            format!("module.{name}")
        } else {
            format!("{prefix}.module.{name}")
        };
        if let Some(source) = &call.source {
            out.push((path.clone(), source.clone()));
        }
        collect_module_sources(&path, &call.module, out);
    }
}

/// `module.a["x"].module.b.aws_t.n[0]` → (`module.a.module.b`, `aws_t.n`).
pub fn split_address(address: &str) -> (String, String) {
    let segments = address_segments(address);
    let mut module = Vec::new();
    let mut i = 0;
    while i + 1 < segments.len() && segments[i] == "module" {
        module.push(format!("module.{}", strip_key(segments[i + 1])));
        i += 2;
    }
    let resource: Vec<String> = segments[i..]
        .iter()
        .map(|s| strip_key(s).to_string())
        .collect();
    (module.join("."), resource.join("."))
}

/// Splits on `.` outside `[...]` (instance keys may contain dots).
fn address_segments(address: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    let mut in_string = false;
    for (i, c) in address.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '[' if !in_string => depth += 1,
            ']' if !in_string => depth = depth.saturating_sub(1),
            '.' if depth == 0 && !in_string => {
                out.push(&address[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&address[start..]);
    out
}

fn strip_key(segment: &str) -> &str {
    segment.split_once('[').map_or(segment, |(s, _)| s)
}

/// Where each `"address": "..."` first occurs in the plan text: one pass, so a finding without a `.tf`
/// source can still point at its resource in the plan.
struct AddressIndex {
    offsets: HashMap<String, usize>,
}

impl AddressIndex {
    fn new(text: &str, wanted: &std::collections::HashSet<&str>) -> Self {
        let mut offsets = HashMap::new();
        for (at, key) in text.match_indices("\"address\"") {
            let rest = &text[at + key.len()..];
            let Some(after_colon) = rest.trim_start().strip_prefix(':') else {
                continue;
            };
            let value = after_colon.trim_start();
            let value_at = text.len() - value.len();
            if !value.starts_with('"') {
                continue;
            }
            // The JSON string ends at the first unescaped quote.
            let bytes = value.as_bytes();
            let mut end = 1;
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            if let Some(Ok(addr)) = value
                .get(..=end)
                .map(serde_json::from_str::<std::borrow::Cow<str>>)
            {
                if wanted.contains(addr.as_ref()) && !offsets.contains_key(addr.as_ref()) {
                    offsets.insert(addr.into_owned(), value_at);
                }
            }
            if offsets.len() == wanted.len() {
                break;
            }
        }
        AddressIndex { offsets }
    }

    fn offset(&self, address: &str) -> Option<usize> {
        self.offsets.get(address).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::split_address;

    #[test]
    fn addresses_split_into_module_and_resource() {
        assert_eq!(
            split_address("module.llm[\"prod\"].module.inner.aws_bedrock_provisioned_model_throughput.chat[0]"),
            ("module.llm.module.inner".to_string(), "aws_bedrock_provisioned_model_throughput.chat".to_string())
        );
        assert_eq!(
            split_address("aws_x.y[\"a.b\"]"),
            (String::new(), "aws_x.y".to_string())
        );
    }
}
