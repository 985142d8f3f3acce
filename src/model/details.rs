//! `Details`: what each kind of resource carries beyond its model, the facts that price it (Infracost's
//! "resource → cost components" starts here: the parser records what is written, pricing turns it into
//! components). One variant per kind that has its own facts; a model call needs none.

use rust_decimal::Decimal;

use super::{Commitment, Known};
use crate::span::Span;

#[derive(Debug, Clone, Default)]
pub enum Details {
    /// Priced from its model and declared usage alone: a model reference, an agent, an inference
    /// profile.
    #[default]
    None,
    Provisioned(ProvisionedThroughput),
    Logging(InvocationLogging),
    KnowledgeBase(KnowledgeBaseStore),
    VectorCollection(VectorCollection),
    Guardrail(Guardrail),
    CustomModel(CustomModelJob),
    /// AgentCore runtime, gateway and memory, and flows: priced from declared usage only.
    Usage,
}

/// Model invocation logging (`logging_config`): which destinations and which data types are delivered.
#[derive(Debug, Clone)]
pub struct InvocationLogging {
    /// A `cloudwatch_config` is set.
    pub cloudwatch: bool,
    /// An `s3_config` is set (billed at S3 rates, which the catalog does not hold).
    pub s3: bool,
    /// `(data type, delivered)`: `text`, `image`, `embedding`, `video`; each delivery flag defaults to
    /// `true` in the provider, so an absent flag is delivered. Unknown values are left out.
    pub delivered: Vec<(&'static str, bool)>,
    /// The `cloudwatch_config` block, where a finding points.
    pub cloudwatch_span: Option<Span>,
}

impl InvocationLogging {
    /// The data-type flags in `logging_config`, in the provider's order.
    pub const DATA_TYPES: [&'static str; 4] = ["text", "image", "embedding", "video"];

    pub fn flag(data_type: &str) -> String {
        format!("{data_type}_data_delivery_enabled")
    }
}

/// The parts of a provisioned throughput that price it.
#[derive(Debug, Clone)]
pub struct ProvisionedThroughput {
    pub model_units: Known<u32>,
    pub commitment: Known<Commitment>,
    pub model_units_span: Option<Span>,
}

/// Where a knowledge base keeps its vectors (`storage_configuration`).
#[derive(Debug, Clone)]
pub struct KnowledgeBaseStore {
    /// `OPENSEARCH_SERVERLESS`, `OPENSEARCH_MANAGED_CLUSTER`, `PINECONE`, `RDS`, `REDIS_ENTERPRISE_CLOUD`,
    /// `MONGO_DB_ATLAS`, `NEPTUNE_ANALYTICS`, `S3_VECTORS`; unknown when not written or not evaluable.
    pub store_type: Known<String>,
    /// The address of the vector collection in this configuration that holds its vectors
    /// (`aws_opensearchserverless_collection.kb`), when its ARN refers to one. That collection is
    /// priced once, on its own, however many knowledge bases share it.
    pub collection: Option<String>,
}

/// An OpenSearch Serverless collection (`aws_opensearchserverless_collection`).
#[derive(Debug, Clone)]
pub struct VectorCollection {
    /// `type`: `VECTORSEARCH`, `SEARCH` or `TIMESERIES` (the provider's default). Only vector
    /// collections hold knowledge-base vectors; the others are listed, not priced here.
    pub collection_type: Known<String>,
    /// `standby_replicas`: `ENABLED` (the default) doubles the compute floor.
    pub standby_replicas: Known<bool>,
    /// The `standby_replicas` attribute, or the block header when it is not written (a finding or
    /// fix lands there).
    pub standby_span: Option<Span>,
    /// `name`, when known (used to recognise a non-production environment).
    pub name: Option<String>,
}

impl VectorCollection {
    pub fn is_vector_search(&self) -> Option<bool> {
        self.collection_type
            .known()
            .map(|t| t.eq_ignore_ascii_case("VECTORSEARCH"))
    }
}

/// A guardrail's configured policy types: each is billed per 1,000 text units it evaluates.
#[derive(Debug, Clone, Default)]
pub struct Guardrail {
    pub policies: Vec<GuardrailPolicy>,
    /// A policy block whose presence could not be decided (a `dynamic` block over a variable).
    pub unknown_policies: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GuardrailPolicy {
    /// `content_policy_config`: harmful-content filters.
    ContentFilters,
    /// `topic_policy_config`: denied topics.
    DeniedTopics,
    /// `sensitive_information_policy_config.pii_entities_config`: managed PII detection.
    SensitiveInformation,
    /// `sensitive_information_policy_config.regexes_config`: regular expressions (free).
    RegexFilters,
    /// `word_policy_config`: word and profanity filters (free).
    WordFilters,
    /// `contextual_grounding_policy_config`: grounding and relevance checks.
    ContextualGrounding,
    /// `automated_reasoning_policy_config`: no price found.
    AutomatedReasoning,
}

impl GuardrailPolicy {
    /// The catalog component key (`[services.guardrails.components.KEY]`).
    pub fn key(self) -> &'static str {
        match self {
            GuardrailPolicy::ContentFilters => "content_filters",
            GuardrailPolicy::DeniedTopics => "denied_topics",
            GuardrailPolicy::SensitiveInformation => "sensitive_information",
            GuardrailPolicy::RegexFilters => "regex_filters",
            GuardrailPolicy::WordFilters => "word_filters",
            GuardrailPolicy::ContextualGrounding => "contextual_grounding",
            GuardrailPolicy::AutomatedReasoning => "automated_reasoning",
        }
    }
}

/// A model customization job (`aws_bedrock_custom_model`): the model it makes is stored every month,
/// and the job trains once.
#[derive(Debug, Clone)]
pub struct CustomModelJob {
    /// `customization_type`: `FINE_TUNING` (the default), `CONTINUED_PRE_TRAINING`, `DISTILLATION`.
    pub customization_type: Known<String>,
    /// `hyperparameters.epochCount`: tokens trained are the dataset's tokens times the epochs.
    pub epochs: Known<Decimal>,
}

/// Makes each knowledge base's link name a collection as the input lists it: that address, or the one
/// instance of that resource (`base` strips what may differ: instance keys). Several instances and no
/// key to choose keep the link as written; no instance at all keeps it only where `keep_unmatched`
/// says so (HCL: a collection not read here may still be one; a plan lists every one). Shared by the
/// HCL and plan readers so they agree.
pub fn resolve_collection_links<B: PartialEq>(
    resources: &mut [super::BedrockResource],
    base: impl Fn(&str) -> B,
    keep_unmatched: impl Fn(&str) -> bool,
) {
    let collections: Vec<String> = resources
        .iter()
        .filter(|r| r.kind == super::ResourceKind::VectorCollection && r.attribute.is_none())
        .map(|r| r.address.clone())
        .collect();
    for r in resources.iter_mut() {
        let Details::KnowledgeBase(kb) = &mut r.details else {
            continue;
        };
        let Some(link) = kb.collection.take() else {
            continue;
        };
        if collections.contains(&link) {
            kb.collection = Some(link);
            continue;
        }
        let link_base = base(&link);
        let same: Vec<&String> = collections
            .iter()
            .filter(|c| base(c) == link_base)
            .collect();
        kb.collection = match same.as_slice() {
            [one] => Some((*one).clone()),
            [_, ..] => Some(link),
            [] => keep_unmatched(&link).then_some(link),
        };
    }
}
