//! The resource model every input format produces and every later stage reads.

mod details;
mod reference;
mod resource;
mod role;
pub mod terraform_types;

pub use details::{
    resolve_collection_links, CustomModelJob, Details, Guardrail, GuardrailPolicy,
    InvocationLogging, KnowledgeBaseStore, ProvisionedThroughput, VectorCollection,
};
pub use reference::{
    find_model_refs, might_contain_model_ref, Geography, ModelRef, ModelRefKind, Routing,
    PROVIDERS, UNKNOWN_PART, UNKNOWN_PART_SHOWN,
};
pub use resource::{
    BedrockResource, Commitment, Known, PlanAction, RegionChoice, RegionSource, ResourceKind,
    UNKNOWN_TAGS,
};
pub use role::Role;
