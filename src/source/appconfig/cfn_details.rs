//! The kind-specific facts of the non-model Bedrock resources in a CloudFormation template: an
//! `AWS::OpenSearchServerless::Collection`'s `Type` and `StandbyReplicas`, an
//! `AWS::Bedrock::Guardrail`'s policy types, an `AWS::Bedrock::KnowledgeBase`'s store and the
//! collection its `CollectionArn` names (`!GetAtt Coll.Arn`). Values written through intrinsics are
//! evaluated as the model properties are; what stays unknown says why.

use std::collections::{BTreeMap, HashMap};

use super::cfn_intrinsics::{is_intrinsic, Env, Node};
use super::entries::Entry;
use super::roles::segments;
use crate::model::{
    Guardrail, GuardrailPolicy, KnowledgeBaseStore, Known, ResourceKind, VectorCollection,
};
use crate::span::Span;

/// CloudFormation types priced from their own properties and usage: they name no model.
pub fn service_kind(cfn_type: &str) -> Option<ResourceKind> {
    Some(match cfn_type {
        "AWS::OpenSearchServerless::Collection" => ResourceKind::VectorCollection,
        "AWS::Bedrock::Guardrail" => ResourceKind::Guardrail,
        "AWS::Bedrock::Flow" => ResourceKind::Flow,
        "AWS::BedrockAgentCore::Runtime" => ResourceKind::AgentRuntime,
        "AWS::BedrockAgentCore::Gateway" => ResourceKind::AgentGateway,
        "AWS::BedrockAgentCore::Memory" => ResourceKind::AgentMemory,
        _ => return None,
    })
}

/// Where a guardrail's policy types are configured, below `Properties`.
const GUARDRAIL_POLICIES: &[(GuardrailPolicy, &str)] = &[
    (
        GuardrailPolicy::ContentFilters,
        "ContentPolicyConfig.FiltersConfig",
    ),
    (
        GuardrailPolicy::DeniedTopics,
        "TopicPolicyConfig.TopicsConfig",
    ),
    (
        GuardrailPolicy::SensitiveInformation,
        "SensitiveInformationPolicyConfig.PiiEntitiesConfig",
    ),
    (
        GuardrailPolicy::RegexFilters,
        "SensitiveInformationPolicyConfig.RegexesConfig",
    ),
    (GuardrailPolicy::WordFilters, "WordPolicyConfig"),
    (
        GuardrailPolicy::ContextualGrounding,
        "ContextualGroundingPolicyConfig.FiltersConfig",
    ),
    (
        GuardrailPolicy::AutomatedReasoning,
        "AutomatedReasoningPolicyConfig",
    ),
];

/// What one template document holds, for reading a resource's properties.
pub struct Props<'t> {
    pub entries: &'t [Entry],
    /// Indexes of the document's entries.
    pub members: &'t [usize],
    pub by_path: &'t HashMap<&'t str, usize>,
    /// Entries grouped by the expression they belong to (the path up to the first intrinsic).
    pub groups: &'t BTreeMap<&'t str, Vec<usize>>,
    pub env: &'t Env<'t>,
    /// Logical ID → type.
    pub types: &'t HashMap<&'t str, &'t str>,
    pub file: &'t std::sync::Arc<crate::span::SourceFile>,
}

impl Props<'_> {
    /// A string property: `None` when it is not written (the default applies).
    fn string(&self, path: &str) -> Option<Known<String>> {
        let Some(group) = self.groups.get(path) else {
            // Written below (a list or mapping where a string is expected) or not at all.
            return self
                .has_below(path)
                .then(|| Known::Unknown(format!("`{}` is not a string", last(path))));
        };
        let node = Node::build(self.entries, path, group);
        let alts = self.env.eval(&node).unwrap_or_default();
        Some(match alts.as_slice() {
            [] => return None,
            [alt] => {
                let (text, _) = alt.text();
                if text.contains(crate::model::UNKNOWN_PART) {
                    Known::Unknown(format!(
                        "`{}` is not resolved here (a parameter without a default, or an intrinsic)",
                        last(path)
                    ))
                } else {
                    Known::Known(text.trim().to_string())
                }
            }
            _ => Known::Unknown(format!(
                "`{}` takes one of several values (`Fn::If`)",
                last(path)
            )),
        })
    }

    fn has_below(&self, path: &str) -> bool {
        let dot = format!("{path}.");
        let bracket = format!("{path}[");
        self.members.iter().any(|&i| {
            let p = &self.entries[i].path;
            p.starts_with(&dot) || p.starts_with(&bracket)
        })
    }

    fn span_of(&self, path: &str) -> Option<Span> {
        let &i = self.by_path.get(path)?;
        Some(self.file.span(self.entries[i].range.clone()))
    }

    /// `Type` (the API's default `TIMESERIES`), `StandbyReplicas` (default `ENABLED`), `Name`.
    pub fn vector_collection(&self, id: &str, header: &Span) -> VectorCollection {
        let p = |k: &str| format!("Resources.{id}.Properties.{k}");
        let collection_type = self
            .string(&p("Type"))
            .unwrap_or_else(|| Known::Known("TIMESERIES".into()));
        let standby_replicas = match self.string(&p("StandbyReplicas")) {
            None => Known::Known(true),
            Some(Known::Known(s)) if s.eq_ignore_ascii_case("ENABLED") => Known::Known(true),
            Some(Known::Known(s)) if s.eq_ignore_ascii_case("DISABLED") => Known::Known(false),
            Some(Known::Known(s)) => {
                Known::Unknown(format!("StandbyReplicas `{s}` is not ENABLED or DISABLED"))
            }
            Some(Known::Unknown(why)) => Known::Unknown(why),
        };
        let standby_span = self
            .span_of(&p("StandbyReplicas"))
            .unwrap_or_else(|| header.clone());
        VectorCollection {
            collection_type,
            standby_replicas,
            standby_span: Some(standby_span),
            name: match self.string(&p("Name")) {
                Some(Known::Known(n)) => Some(n),
                _ => None,
            },
        }
    }

    /// `StorageConfiguration.Type`, and the collection `CollectionArn` names through
    /// `!GetAtt Coll.Arn` (or `Fn::GetAtt: [Coll, Arn]`, or `${Coll.Arn}` in a `!Sub`).
    pub fn knowledge_base(
        &self,
        id: &str,
        address_of: impl Fn(&str) -> String,
    ) -> KnowledgeBaseStore {
        let storage = format!("Resources.{id}.Properties.StorageConfiguration");
        let store_type = self
            .string(&format!("{storage}.Type"))
            .unwrap_or_else(|| Known::Unknown("StorageConfiguration.Type is not set".into()));
        let arn = format!("{storage}.OpensearchServerlessConfiguration.CollectionArn");
        let named = |logical: &str| -> Option<String> {
            let logical = logical.trim();
            (self.types.get(logical).copied() == Some("AWS::OpenSearchServerless::Collection"))
                .then(|| logical.to_string())
        };
        let value = |suffix: &str| {
            self.by_path
                .get(format!("{arn}.{suffix}").as_str())
                .map(|&i| self.entries[i].value.as_str())
        };
        let collection = value("Fn::GetAtt")
            .and_then(|v| named(v.split('.').next().unwrap_or(v)))
            .or_else(|| value("Fn::GetAtt[0]").and_then(named))
            .or_else(|| {
                // `!Sub "${Coll.Arn}"` (or an ARN built around `${Coll}`): one collection named.
                let sub = value("Fn::Sub").or_else(|| value("Fn::Sub[0]"))?;
                let mut found = sub.split("${").skip(1).filter_map(|rest| {
                    let name = rest.split('}').next()?;
                    named(name.split('.').next().unwrap_or(name))
                });
                let first = found.next()?;
                found.all(|o| o == first).then_some(first)
            })
            .map(|logical| address_of(&logical));
        KnowledgeBaseStore {
            store_type,
            collection,
        }
    }

    /// The policy types a guardrail configures; one written through an intrinsic (`Fn::If`, a
    /// `Ref`) is not known.
    pub fn guardrail(&self, id: &str) -> Guardrail {
        let props = format!("Resources.{id}.Properties");
        let mut g = Guardrail::default();
        for (policy, path) in GUARDRAIL_POLICIES {
            let full = format!("{props}.{path}");
            let top = format!("{props}.{}", path.split('.').next().unwrap_or(path));
            // Below the policy's top key, an intrinsic makes its content unknown.
            let through_intrinsic = self.members.iter().any(|&i| {
                let p = &self.entries[i].path;
                p.strip_prefix(&top).is_some_and(|rest| {
                    (rest.starts_with('.') || rest.starts_with('['))
                        && segments(rest.trim_start_matches('.'))
                            .iter()
                            .any(|(_, s)| is_intrinsic(s))
                })
            });
            if through_intrinsic {
                g.unknown_policies = true;
            } else if self.has_below(&full) || self.by_path.contains_key(full.as_str()) {
                g.policies.push(*policy);
            }
        }
        g
    }
}

fn last(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}
