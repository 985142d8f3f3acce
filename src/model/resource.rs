//! `BedrockResource`: one priced thing found in the input (a resource instance, or a model reference in
//! some other resource's attribute), with where it was written.

use std::collections::BTreeMap;
use std::fmt;

use super::{Details, InvocationLogging, ModelRef, ProvisionedThroughput};
use crate::span::Span;

/// A value from the input that may not be knowable without applying the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known<T> {
    Known(T),
    /// Why it is unknown (`var.units has no value`, `aws_iam_role.x.arn is known only after apply`).
    Unknown(String),
}

impl<T> Known<T> {
    pub fn known(&self) -> Option<&T> {
        match self {
            Known::Known(v) => Some(v),
            Known::Unknown(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResourceKind {
    ProvisionedThroughput,
    ApplicationInferenceProfile,
    Agent,
    KnowledgeBase,
    CustomModel,
    /// `aws_bedrock_model_invocation_logging_configuration`: where every call's prompt and answer go.
    InvocationLogging,
    /// A model ID, profile ID or Bedrock ARN in an attribute of any other block (Lambda env, SSM, locals...).
    ModelReference,
    /// `aws_opensearchserverless_collection`: a knowledge base's vector store, billed by the OCU-hour.
    VectorCollection,
    /// `aws_bedrock_guardrail`: billed per 1,000 text units for each policy type.
    Guardrail,
    /// `aws_bedrockagentcore_agent_runtime`: billed per vCPU-hour and GB-hour.
    AgentRuntime,
    /// `aws_bedrockagentcore_gateway`: billed per tool call and search.
    AgentGateway,
    /// `aws_bedrockagentcore_memory`: billed per event, stored record and retrieval.
    AgentMemory,
    /// `aws_bedrockagent_flow`: billed per node transition.
    Flow,
}

impl ResourceKind {
    /// Kinds that call or serve no model: priced from their own details and usage.
    pub fn calls_no_model(self) -> bool {
        matches!(
            self,
            ResourceKind::InvocationLogging
                | ResourceKind::VectorCollection
                | ResourceKind::Guardrail
                | ResourceKind::AgentRuntime
                | ResourceKind::AgentGateway
                | ResourceKind::AgentMemory
                | ResourceKind::Flow
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::ProvisionedThroughput => "provisioned_throughput",
            ResourceKind::ApplicationInferenceProfile => "application_inference_profile",
            ResourceKind::Agent => "agent",
            ResourceKind::KnowledgeBase => "knowledge_base",
            ResourceKind::CustomModel => "custom_model",
            ResourceKind::InvocationLogging => "invocation_logging",
            ResourceKind::ModelReference => "model_reference",
            ResourceKind::VectorCollection => "vector_collection",
            ResourceKind::Guardrail => "guardrail",
            ResourceKind::AgentRuntime => "agent_runtime",
            ResourceKind::AgentGateway => "agent_gateway",
            ResourceKind::AgentMemory => "agent_memory",
            ResourceKind::Flow => "flow",
        }
    }
}

impl fmt::Display for ResourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The key in [`BedrockResource::tags`] that stands for tags set but not known here: the resource
/// is tagged, with keys that cannot be listed (never "untagged").
pub const UNKNOWN_TAGS: &str = "\u{1}";

/// Provisioned throughput commitment term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Commitment {
    None,
    OneMonth,
    SixMonths,
}

impl Commitment {
    /// Parses the Terraform/API value (`OneMonth`, `SixMonths`); absent means no commitment.
    pub fn from_api(s: &str) -> Option<Commitment> {
        match s {
            "OneMonth" => Some(Commitment::OneMonth),
            "SixMonths" => Some(Commitment::SixMonths),
            _ => None,
        }
    }

    /// The key of this term's rate in the catalog's `[models."ID".provisioned]` table.
    pub fn catalog_key(self) -> &'static str {
        match self {
            Commitment::None => "no_commitment",
            Commitment::OneMonth => "one_month",
            Commitment::SixMonths => "six_months",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Commitment::None => "none",
            Commitment::OneMonth => "OneMonth",
            Commitment::SixMonths => "SixMonths",
        }
    }
}

/// What a plan does to a resource (`change.actions`). Resources read from source have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanAction {
    Create,
    Update,
    NoOp,
    /// `["delete","create"]` or `["create","delete"]`.
    Replace,
    /// Not priced; listed as removed.
    Delete,
}

impl PlanAction {
    pub fn from_actions<S: AsRef<str>>(actions: &[S]) -> Option<PlanAction> {
        let a: Vec<&str> = actions.iter().map(AsRef::as_ref).collect();
        Some(match a.as_slice() {
            ["create"] => PlanAction::Create,
            ["update"] => PlanAction::Update,
            ["no-op"] | ["read"] => PlanAction::NoOp,
            ["delete", "create"] | ["create", "delete"] => PlanAction::Replace,
            ["delete"] | ["forget"] => PlanAction::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PlanAction::Create => "create",
            PlanAction::Update => "update",
            PlanAction::NoOp => "no-op",
            PlanAction::Replace => "replace",
            PlanAction::Delete => "delete",
        }
    }
}

/// Where a resource's Region came from: the precedence the README documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionSource {
    /// The resource's own `region` argument (AWS provider v6).
    ResourceArgument,
    /// The `provider "aws"` block that serves the resource.
    Provider,
    /// The Region inside the model ARN.
    Arn,
    /// `--region` on the command line.
    Cli,
    /// `region` in `.bedrock-lint.toml`.
    Config,
    /// Nothing said: `us-east-1` assumed and stated.
    Default,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionChoice {
    pub region: String,
    pub source: RegionSource,
}

impl RegionChoice {
    /// The documented precedence, for every input: the resource's own `region`, its provider's, the
    /// model ARN's, then the fallback (`--region`, config, or the stated default).
    pub fn resolve(
        resource_argument: Option<String>,
        provider: Option<String>,
        model: Option<&super::ModelRef>,
        fallback: &RegionChoice,
    ) -> RegionChoice {
        let pick = |region, source| RegionChoice { region, source };
        resource_argument
            .map(|r| pick(r, RegionSource::ResourceArgument))
            .or_else(|| provider.map(|r| pick(r, RegionSource::Provider)))
            // A module without a provider block of its own uses its caller's provider: that Region
            // (passed down as the fallback) is where the resource is created, whatever an ARN says.
            .or_else(|| (fallback.source == RegionSource::Provider).then(|| fallback.clone()))
            .or_else(|| {
                model
                    .and_then(|m| m.arn_region.clone())
                    .map(|r| pick(r, RegionSource::Arn))
            })
            .unwrap_or_else(|| fallback.clone())
    }
}

#[derive(Debug, Clone)]
pub struct BedrockResource {
    /// Terraform address (`aws_bedrock_provisioned_model_throughput.chat[1]`, `local.chat_model`).
    pub address: String,
    pub kind: ResourceKind,
    /// What the model string is where it stands; only calls are priced and drive the call rules.
    pub role: super::Role,
    /// For model references: the attribute path inside the block (`environment.variables.MODEL_ID`).
    pub attribute: Option<String>,
    /// The block header (`resource "TYPE" "NAME"`), or the attribute for references.
    pub span: Span,
    /// What model this resource calls or serves.
    pub model: Known<ModelRef>,
    /// Where the model reference is written: the literal itself when it comes from a variable, local or
    /// data source, so a fix lands on the line to change; else the attribute's value.
    pub model_span: Option<Span>,
    /// A known string in the model attribute that is not a Bedrock model ID or ARN at all.
    pub invalid_model_text: Option<String>,
    /// Set when the model is reached through an application inference profile defined in the same
    /// configuration (its address).
    pub via_profile: Option<String>,
    pub region: RegionChoice,
    /// What this kind of resource carries beyond its model: the facts that price it.
    pub details: Details,
    /// Free-form facts that shaped the reading (`count = var.n is unknown`), shown with the resource.
    pub notes: Vec<String>,
    /// Cost-allocation tags, where the resource has them. The key [`UNKNOWN_TAGS`] says that more
    /// tags are set whose keys are not known here (`tags = var.tags`, a `merge` with a variable).
    pub tags: BTreeMap<String, String>,
    /// From a plan: what the plan does to it.
    pub change: Option<PlanAction>,
    /// From a plan: the resource as it is before the change (updates and replacements).
    pub previous: Option<Box<BedrockResource>>,
    /// Where linting entered to find it, as shown: a file of the root module directory, the plan, or the
    /// app-config file. A resource of a shared module follows the settings of the path that calls it.
    pub origin: Option<String>,
}

impl BedrockResource {
    /// The provisioned throughput's units and term, for a provisioned throughput.
    pub fn provisioned(&self) -> Option<&ProvisionedThroughput> {
        match &self.details {
            Details::Provisioned(p) => Some(p),
            _ => None,
        }
    }

    pub fn provisioned_mut(&mut self) -> Option<&mut ProvisionedThroughput> {
        match &mut self.details {
            Details::Provisioned(p) => Some(p),
            _ => None,
        }
    }

    /// What an invocation-logging configuration delivers where.
    pub fn logging(&self) -> Option<&InvocationLogging> {
        match &self.details {
            Details::Logging(l) => Some(l),
            _ => None,
        }
    }

    /// Removed by the plan: listed, never priced or linted.
    pub fn is_removed(&self) -> bool {
        self.change == Some(PlanAction::Delete)
    }

    /// The address without instance keys: `module.m["a"].TYPE.NAME[1]` → `module.m.TYPE.NAME`. One
    /// source block, and one usage entry, serve every instance.
    pub fn resource_address(&self) -> String {
        strip_all_instance_keys(&self.address)
    }

    /// The usage keys that name this resource itself (not its model), most specific first.
    pub fn address_usage_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        if let Some(attr) = &self.attribute {
            // `file.yaml#model_list[0].litellm_params.model`, then `...#model_list[0].litellm_params`,
            // `...#model_list[0]`, `...#model_list`: an entry may describe any enclosing key.
            let mut path = attr.as_str();
            loop {
                keys.push(format!("{}#{path}", self.address));
                match path.rfind(['.', '[']) {
                    Some(cut) if cut > 0 => path = &path[..cut],
                    _ => break,
                }
            }
        }
        keys.push(self.address.clone());
        if let Some(base) = strip_instance_key(&self.address) {
            keys.push(base.to_string());
        }
        let all = strip_all_instance_keys(&self.address);
        if !keys.contains(&all) {
            keys.push(all);
        }
        keys
    }

    /// The shown paths that decide which `[[overrides]]` cover it: where it is declared, where its
    /// model is written, and where linting entered.
    pub fn scope_paths(&self) -> impl Iterator<Item = &str> + Clone {
        std::iter::once(self.span.path())
            .chain(self.model_span.as_ref().map(|s| s.path()))
            .chain(self.origin.as_deref())
    }

    /// The keys under which `[usage."..."]` may describe this resource, most specific first.
    pub fn usage_keys(&self) -> Vec<String> {
        // An instance (`TYPE.NAME[2]`) falls back to the whole resource's entry, then the model's.
        let mut keys = self.address_usage_keys();
        if let Known::Known(m) = &self.model {
            keys.push(m.text.clone());
            if let Some(id) = m.model_id() {
                if id != m.text {
                    keys.push(id.to_string());
                }
            }
        }
        keys
    }
}

/// Removes every `[...]` instance key (quoted keys may hold `]` or `.`).
fn strip_all_instance_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for c in address.chars() {
        if depth > 0 {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '[' if !in_string => depth += 1,
                ']' if !in_string => depth -= 1,
                _ => {}
            }
        } else if c == '[' {
            depth = 1;
        } else {
            out.push(c);
        }
    }
    out
}

/// `a.b[0]` → `a.b`; `a.b["k"]` → `a.b`.
fn strip_instance_key(address: &str) -> Option<&str> {
    let open = address.strip_suffix(']')?.rfind('[')?;
    Some(&address[..open])
}

#[cfg(test)]
mod tests {
    use super::strip_instance_key;

    #[test]
    fn all_instance_keys_strip() {
        assert_eq!(
            super::strip_all_instance_keys("module.m[\"a]b\"].t.n[0]"),
            "module.m.t.n"
        );
    }

    #[test]
    fn usage_keys_cover_enclosing_paths() {
        let file = crate::span::SourceFile::new("svc/config.yaml".into(), "x");
        let r = super::BedrockResource {
            address: "svc/config.yaml".into(),
            kind: super::ResourceKind::ModelReference,
            role: crate::model::Role::Call,
            attribute: Some("model_list[0].litellm_params.model".into()),
            span: file.span(0..1),
            model: super::Known::Unknown("test".into()),
            model_span: None,
            invalid_model_text: None,
            via_profile: None,
            region: super::RegionChoice {
                region: "us-east-1".into(),
                source: super::RegionSource::Default,
            },
            details: super::Details::None,
            notes: Vec::new(),
            tags: Default::default(),
            change: None,
            previous: None,
            origin: None,
        };
        assert_eq!(
            r.address_usage_keys(),
            [
                "svc/config.yaml#model_list[0].litellm_params.model",
                "svc/config.yaml#model_list[0].litellm_params",
                "svc/config.yaml#model_list[0]",
                "svc/config.yaml#model_list",
                "svc/config.yaml",
            ]
        );
    }

    #[test]
    fn instance_keys_strip() {
        assert_eq!(strip_instance_key("a.b[0]"), Some("a.b"));
        assert_eq!(strip_instance_key("a.b[\"k\"]"), Some("a.b"));
        assert_eq!(strip_instance_key("a.b"), None);
    }
}
