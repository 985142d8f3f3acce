//! The kind-specific details every input gives the non-model resources: a vector collection's type
//! and standby replicas, the collection a knowledge base uses, a guardrail's policy types, a
//! customization job's type and epochs. One fixture per input (`fixtures/extract/`), each shape
//! labelled here by hand.

mod common;

use std::path::{Path, PathBuf};

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::model::{
    BedrockResource, Details, GuardrailPolicy as P, Known, ResourceKind, Role,
};
use bedrock_lint::Report;
use rust_decimal_macros::dec;

fn resource<'r>(report: &'r Report, address: &str) -> &'r BedrockResource {
    report
        .resources
        .iter()
        .map(|r| &r.resource)
        .find(|r| r.address == address && r.attribute.is_none())
        .unwrap_or_else(|| panic!("no resource {address}"))
}

fn has(report: &Report, address: &str) -> bool {
    report
        .resources
        .iter()
        .any(|r| r.resource.address == address)
}

/// `(type, standby, span line)` of a collection.
fn collection(report: &Report, address: &str) -> (Known<String>, Known<bool>, Option<usize>) {
    match &resource(report, address).details {
        Details::VectorCollection(c) => (
            c.collection_type.clone(),
            c.standby_replicas.clone(),
            c.standby_span.as_ref().map(|s| s.line),
        ),
        other => panic!("{address}: {other:?}"),
    }
}

fn link(report: &Report, address: &str) -> (Known<String>, Option<String>) {
    match &resource(report, address).details {
        Details::KnowledgeBase(kb) => (kb.store_type.clone(), kb.collection.clone()),
        other => panic!("{address}: {other:?}"),
    }
}

fn policies(report: &Report, address: &str) -> (Vec<P>, bool) {
    match &resource(report, address).details {
        Details::Guardrail(g) => (g.policies.clone(), g.unknown_policies),
        other => panic!("{address}: {other:?}"),
    }
}

fn job(report: &Report, address: &str) -> (Known<String>, Option<rust_decimal::Decimal>) {
    match &resource(report, address).details {
        Details::CustomModel(j) => (j.customization_type.clone(), j.epochs.known().copied()),
        other => panic!("{address}: {other:?}"),
    }
}

fn known(s: &str) -> Known<String> {
    Known::Known(s.to_string())
}

fn is_unknown<T>(k: &Known<T>) -> bool {
    matches!(k, Known::Unknown(_))
}

#[test]
fn hcl_collections_standby_and_type() {
    let r = common::lint_dir(Path::new("fixtures/extract/hcl"));
    // Not written: the provider's default, ENABLED; the span is the block header (line 2).
    assert_eq!(
        collection(&r, "aws_opensearchserverless_collection.docs"),
        (known("VECTORSEARCH"), Known::Known(true), Some(2))
    );
    // Written: the attribute's value.
    assert_eq!(
        collection(&r, "aws_opensearchserverless_collection.enabled"),
        (known("VECTORSEARCH"), Known::Known(true), Some(10))
    );
    assert_eq!(
        collection(&r, "aws_opensearchserverless_collection.dev"),
        (known("VECTORSEARCH"), Known::Known(false), Some(16))
    );
    // A variable without a value: unknown, never the default.
    let (_, standby, line) = collection(&r, "aws_opensearchserverless_collection.staging");
    assert!(is_unknown(&standby), "{standby:?}");
    assert_eq!(line, Some(22));
    // No type (TIMESERIES) and SEARCH are not vector stores: not resources at all.
    assert!(!has(&r, "aws_opensearchserverless_collection.logs"));
    assert!(!has(&r, "aws_opensearchserverless_collection.site_search"));
    // A type that is not known stays (pricing says the type is unknown).
    let (ty, _, _) = collection(&r, "aws_opensearchserverless_collection.by_var");
    assert!(is_unknown(&ty), "{ty:?}");
    // awscc: the same argument names, an instance of `count = 1`.
    assert_eq!(
        collection(&r, "awscc_opensearchserverless_collection.shared[0]"),
        (known("VECTORSEARCH"), Known::Known(false), Some(44))
    );
}

#[test]
fn hcl_knowledge_bases_link_to_their_collection() {
    let r = common::lint_dir(Path::new("fixtures/extract/hcl"));
    let docs = Some("aws_opensearchserverless_collection.docs".to_string());
    let oss = known("OPENSEARCH_SERVERLESS");
    // Two knowledge bases in one collection: both name it (it is priced once, on its own).
    assert_eq!(
        link(&r, "aws_bedrockagent_knowledge_base.manuals"),
        (oss.clone(), docs.clone())
    );
    assert_eq!(
        link(&r, "aws_bedrockagent_knowledge_base.faq"),
        (oss.clone(), docs)
    );
    // A collection made elsewhere (a variable, a literal ARN): no link.
    assert_eq!(
        link(&r, "aws_bedrockagent_knowledge_base.external"),
        (oss.clone(), None)
    );
    assert_eq!(
        link(&r, "aws_bedrockagent_knowledge_base.literal"),
        (oss.clone(), None)
    );
    // awscc's object attributes, through `[0]`: the instance as this run lists it.
    assert_eq!(
        link(&r, "awscc_bedrock_knowledge_base.shared"),
        (
            oss.clone(),
            Some("awscc_opensearchserverless_collection.shared[0]".to_string())
        )
    );
    // A SEARCH collection is not listed: nothing to link to.
    assert_eq!(
        link(&r, "aws_bedrockagent_knowledge_base.misfiled"),
        (oss.clone(), None)
    );
    // In a module: the module-qualified address of the collection in the same module.
    assert_eq!(
        link(&r, "module.search.aws_bedrockagent_knowledge_base.this"),
        (
            oss,
            Some("module.search.aws_opensearchserverless_collection.this".to_string())
        )
    );
    assert_eq!(
        collection(&r, "module.search.aws_opensearchserverless_collection.this").1,
        Known::Known(false)
    );
    // `for_each` on both sides, `...tenant[each.key].arn`: each knowledge base its own instance.
    for (tenant, standby) in [("acme", true), ("globex", false)] {
        let coll = format!("aws_opensearchserverless_collection.tenant[\"{tenant}\"]");
        assert_eq!(collection(&r, &coll).1, Known::Known(standby), "{tenant}");
        assert_eq!(
            link(
                &r,
                &format!("aws_bedrockagent_knowledge_base.tenant[\"{tenant}\"]")
            )
            .1,
            Some(coll)
        );
    }
}

#[test]
fn hcl_guardrail_policies() {
    let r = common::lint_dir(Path::new("fixtures/extract/hcl"));
    assert_eq!(
        policies(&r, "aws_bedrock_guardrail.all"),
        (
            vec![
                P::ContentFilters,
                P::DeniedTopics,
                P::SensitiveInformation,
                P::RegexFilters,
                P::WordFilters,
                P::ContextualGrounding,
            ],
            false
        )
    );
    // Content filters through two dynamic blocks over a known list; PII over a variable with no
    // value (unknown); topics over an empty list (absent).
    assert_eq!(
        policies(&r, "aws_bedrock_guardrail.dynamic"),
        (vec![P::ContentFilters], true)
    );
    // awscc's object attributes; `null` is not configured.
    assert_eq!(
        policies(&r, "awscc_bedrock_guardrail.objects"),
        (vec![P::DeniedTopics, P::ContextualGrounding], false)
    );
}

#[test]
fn hcl_custom_models_and_usage_kinds() {
    let r = common::lint_dir(Path::new("fixtures/extract/hcl"));
    // `epochCount` from a variable's default ("3"); no customization_type: FINE_TUNING.
    assert_eq!(
        job(&r, "aws_bedrock_custom_model.tone"),
        (known("FINE_TUNING"), Some(dec!(3)))
    );
    // From a variable with no value: unknown (usage may declare `epochs`).
    assert_eq!(
        job(&r, "aws_bedrock_custom_model.distilled"),
        (known("DISTILLATION"), None)
    );
    for a in [
        "aws_bedrockagentcore_agent_runtime.helper",
        "aws_bedrockagent_flow.triage",
    ] {
        assert!(matches!(resource(&r, a).details, Details::Usage), "{a}");
    }
    // The runtime is priced from usage; the model in its environment is a call of its own.
    let call = r
        .resources
        .iter()
        .map(|p| &p.resource)
        .find(|p| {
            p.address == "aws_bedrockagentcore_agent_runtime.helper"
                && p.kind == ResourceKind::ModelReference
        })
        .expect("the runtime's model reference");
    assert_eq!(call.role, Role::Call);
    assert_eq!(
        call.attribute.as_deref(),
        Some("environment_variables.MODEL_ID")
    );
}

#[test]
fn a_vector_collection_alone_is_read_and_priced() {
    // No Bedrock word in the project: the pre-scan still reads the file (its marker is
    // `opensearchserverless`), and the floor is priced: 2 OCU × 730 h × $0.24 = $350.40.
    let r = common::lint_dir(Path::new("fixtures/extract/collection-only"));
    assert_eq!(
        collection(&r, "aws_opensearchserverless_collection.rag"),
        (known("VECTORSEARCH"), Known::Known(true), Some(2))
    );
    assert_eq!(r.monthly_total(), dec!(350.40));
    bedrock_lint::prescan::set_enabled(false);
    let without = common::lint_dir(Path::new("fixtures/extract/collection-only"));
    bedrock_lint::prescan::set_enabled(true);
    assert_eq!(without.monthly_total(), dec!(350.40));
}

fn lint_plan(plan: &str) -> Report {
    let path = PathBuf::from(plan);
    let config =
        Config::load(Path::new("fixtures/extract/plan"), &Overrides::default()).expect("config");
    bedrock_lint::lint(&[path], &config)
}

#[test]
fn plan_details_from_planned_values_and_configuration() {
    let r = lint_plan("fixtures/extract/plan/plan.json");
    // Standby not written: unknown in `after` (computed), the configuration says it is not set,
    // so the provider's default applies.
    let (ty, standby, _) = collection(&r, "aws_opensearchserverless_collection.docs");
    assert_eq!((ty, standby), (known("VECTORSEARCH"), Known::Known(true)));
    assert_eq!(
        collection(&r, "aws_opensearchserverless_collection.dev").1,
        Known::Known(false)
    );
    assert_eq!(
        collection(&r, "aws_opensearchserverless_collection.enabled").1,
        Known::Known(true)
    );
    // Written from something known only after apply: unknown.
    assert!(is_unknown(
        &collection(&r, "aws_opensearchserverless_collection.staging").1
    ));
    // SEARCH, and no type at all (TIMESERIES): not resources.
    assert!(!has(&r, "aws_opensearchserverless_collection.site_search"));
    assert!(!has(&r, "aws_opensearchserverless_collection.logs"));
    // The collection ARN is unknown in the plan: the configuration's references name it.
    let oss = known("OPENSEARCH_SERVERLESS");
    let docs = Some("aws_opensearchserverless_collection.docs".to_string());
    assert_eq!(
        link(&r, "aws_bedrockagent_knowledge_base.manuals"),
        (oss.clone(), docs.clone())
    );
    assert_eq!(
        link(&r, "aws_bedrockagent_knowledge_base.faq"),
        (oss.clone(), docs)
    );
    assert_eq!(
        link(&r, "aws_bedrockagent_knowledge_base.external"),
        (oss.clone(), None)
    );
    assert_eq!(
        link(
            &r,
            "module.search[\"a\"].aws_bedrockagent_knowledge_base.this"
        ),
        (
            oss,
            Some("module.search[\"a\"].aws_opensearchserverless_collection.this".to_string())
        )
    );
    // Nested blocks are lists; a block known only after apply leaves the policies open.
    assert_eq!(
        policies(&r, "aws_bedrock_guardrail.support"),
        (
            vec![P::ContentFilters, P::SensitiveInformation, P::WordFilters],
            false
        )
    );
    assert_eq!(
        policies(&r, "aws_bedrock_guardrail.open"),
        (vec![P::DeniedTopics], true)
    );
    assert_eq!(
        job(&r, "aws_bedrock_custom_model.tone"),
        (known("FINE_TUNING"), Some(dec!(2)))
    );
    assert_eq!(
        job(&r, "aws_bedrock_custom_model.later"),
        (known("CONTINUED_PRE_TRAINING"), None)
    );
    assert!(matches!(
        resource(&r, "aws_bedrockagentcore_agent_runtime.helper").details,
        Details::Usage
    ));
}

#[test]
fn cloudformation_details() {
    let r = common::lint_dir(Path::new("fixtures/extract/cfn"));
    let f = |id: &str| format!("fixtures/extract/cfn/template.yaml#{id}");
    // StandbyReplicas not written: ENABLED; the span is the resource's `Type` line.
    assert_eq!(
        collection(&r, &f("DocsCollection")),
        (known("VECTORSEARCH"), Known::Known(true), Some(20))
    );
    assert_eq!(
        collection(&r, &f("DevCollection")),
        (known("VECTORSEARCH"), Known::Known(false), Some(29))
    );
    // `!Ref` a parameter with no default: unknown.
    assert!(is_unknown(&collection(&r, &f("StagingCollection")).1));
    assert!(!has(&r, &f("SearchCollection")));
    assert!(!has(&r, &f("LogsCollection")));
    let oss = known("OPENSEARCH_SERVERLESS");
    // `!GetAtt Coll.Arn` and the long form: both knowledge bases name one collection.
    assert_eq!(
        link(&r, &f("ManualsKb")),
        (oss.clone(), Some(f("DocsCollection")))
    );
    assert_eq!(
        link(&r, &f("FaqKb")),
        (oss.clone(), Some(f("DocsCollection")))
    );
    // A parameter (a collection made elsewhere): no link.
    assert_eq!(link(&r, &f("ExternalKb")), (oss, None));
    assert_eq!(
        policies(&r, &f("Guardrail")),
        (
            vec![
                P::ContentFilters,
                P::DeniedTopics,
                P::SensitiveInformation,
                P::RegexFilters,
                P::WordFilters,
                P::ContextualGrounding,
            ],
            false
        )
    );
    // A policy behind `Fn::If`: not known here.
    assert_eq!(
        policies(&r, &f("ConditionalGuardrail")),
        (vec![P::ContentFilters], true)
    );
    for id in ["Runtime", "Memory", "Flow"] {
        assert!(
            matches!(resource(&r, &f(id)).details, Details::Usage),
            "{id}"
        );
    }
    // The runtime's environment names a model: a call, as before.
    assert!(r.resources.iter().any(|p| {
        p.resource.kind == ResourceKind::ModelReference
            && p.resource.attribute.as_deref()
                == Some("Resources.Runtime.Properties.EnvironmentVariables.MODEL_ID")
    }));
}

#[test]
fn real_world_shapes_give_their_details() {
    // awscc, `count = var.create_default_kb ? 1 : 0` (true by default), `[0].arn`.
    let r = common::lint_dir(Path::new(
        "fixtures/real-world/tf-awscc-kb-default-collection",
    ));
    assert_eq!(
        link(&r, "awscc_bedrock_knowledge_base.default[0]").1,
        Some("awscc_opensearchserverless_collection.default_collection[0]".to_string())
    );
    // Nested dynamic blocks over the module's object inputs: content filters and PII are set,
    // the regex list is empty and the topics are null.
    let r = common::lint_dir(Path::new("fixtures/real-world/tf-guardrail-dynamic-module"));
    assert_eq!(
        policies(&r, "module.assistant_guardrail.aws_bedrock_guardrail.this"),
        (vec![P::ContentFilters, P::SensitiveInformation], false)
    );
    let r = common::lint_with(
        Path::new("fixtures/real-world/cfn-kb-aoss-collection"),
        &Overrides {
            region: Some("us-east-1".into()),
            ..Overrides::default()
        },
    );
    let f = |id: &str| format!("fixtures/real-world/cfn-kb-aoss-collection/template.yaml#{id}");
    assert_eq!(
        link(&r, &f("DocsKnowledgeBase")).1,
        Some(f("DocsCollection"))
    );
    // 2 OCU × 730 h × $0.24 = $350.40: the collection is the only priced part (no usage declared).
    assert_eq!(r.monthly_total(), dec!(350.40));
}
