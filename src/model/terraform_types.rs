//! Which Terraform resource types are Bedrock resources, and where each names its model. Shared by
//! every Terraform input (HCL source, plan and state JSON) so they agree.

use super::{GuardrailPolicy, ResourceKind};

pub struct TypeSchema {
    pub kind: ResourceKind,
    /// Path to the model attribute through nested blocks or object attributes (empty: names no model).
    pub model_path: &'static [&'static str],
}

pub fn schema(resource_type: &str) -> Option<TypeSchema> {
    let (kind, model_path): (ResourceKind, &'static [&'static str]) = match resource_type {
        "aws_bedrock_provisioned_model_throughput" => {
            (ResourceKind::ProvisionedThroughput, &["model_arn"])
        }
        "aws_bedrock_inference_profile" | "awscc_bedrock_application_inference_profile" => (
            ResourceKind::ApplicationInferenceProfile,
            &["model_source", "copy_from"],
        ),
        "aws_bedrockagent_agent" | "awscc_bedrock_agent" => {
            (ResourceKind::Agent, &["foundation_model"])
        }
        "aws_bedrockagent_knowledge_base" | "awscc_bedrock_knowledge_base" => (
            ResourceKind::KnowledgeBase,
            &[
                "knowledge_base_configuration",
                "vector_knowledge_base_configuration",
                "embedding_model_arn",
            ],
        ),
        "aws_bedrock_custom_model" => (ResourceKind::CustomModel, &["base_model_identifier"]),
        // Calls no model: read for where it sends every call's data (BL017).
        "aws_bedrock_model_invocation_logging_configuration" => {
            (ResourceKind::InvocationLogging, &[])
        }
        // Priced from their own arguments and declared usage; they name no model.
        "aws_opensearchserverless_collection" | "awscc_opensearchserverless_collection" => {
            (ResourceKind::VectorCollection, &[])
        }
        "aws_bedrock_guardrail" | "awscc_bedrock_guardrail" => (ResourceKind::Guardrail, &[]),
        "aws_bedrockagentcore_agent_runtime" | "awscc_bedrockagentcore_runtime" => {
            (ResourceKind::AgentRuntime, &[])
        }
        "aws_bedrockagentcore_gateway" | "awscc_bedrockagentcore_gateway" => {
            (ResourceKind::AgentGateway, &[])
        }
        "aws_bedrockagentcore_memory" | "awscc_bedrockagentcore_memory" => {
            (ResourceKind::AgentMemory, &[])
        }
        "aws_bedrockagent_flow" | "awscc_bedrock_flow" => (ResourceKind::Flow, &[]),
        _ => return None,
    };
    Some(TypeSchema { kind, model_path })
}

/// Data sources that are lookups of a model or profile: resolved where referenced, not findings.
pub const LOOKUP_DATA_SOURCES: &[&str] = &[
    "aws_bedrock_foundation_model",
    "aws_bedrock_inference_profile",
];

/// Where a guardrail's policy types are configured in `aws_bedrock_guardrail` (and its awscc twin): the
/// path that must be present — a block (a list in plan JSON), a `dynamic` block over a non-empty
/// collection, or an object attribute, awscc's style. Shared by the HCL and plan readers.
pub const GUARDRAIL_POLICY_PATHS: &[(GuardrailPolicy, &[&str])] = &[
    (
        GuardrailPolicy::ContentFilters,
        &["content_policy_config", "filters_config"],
    ),
    (
        GuardrailPolicy::DeniedTopics,
        &["topic_policy_config", "topics_config"],
    ),
    (
        GuardrailPolicy::SensitiveInformation,
        &["sensitive_information_policy_config", "pii_entities_config"],
    ),
    (
        GuardrailPolicy::RegexFilters,
        &["sensitive_information_policy_config", "regexes_config"],
    ),
    (GuardrailPolicy::WordFilters, &["word_policy_config"]),
    (
        GuardrailPolicy::ContextualGrounding,
        &["contextual_grounding_policy_config", "filters_config"],
    ),
    (
        GuardrailPolicy::AutomatedReasoning,
        &["automated_reasoning_policy_config"],
    ),
];
