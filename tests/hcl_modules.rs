//! Local modules are followed in HCL: inputs bound to the caller's arguments, addresses prefixed, the
//! call's count/for_each applied; remote modules are not fetched, and said so once.

mod common;

use std::path::Path;

use bedrock_lint::model::Known;
use rust_decimal_macros::dec;

#[test]
fn local_modules_are_followed_with_bound_inputs() {
    let report = common::lint_dir(Path::new("fixtures/modules"));
    let rows: Vec<(String, String, usize, Option<rust_decimal::Decimal>)> = report
        .resources
        .iter()
        .map(|r| {
            (
                r.resource.address.clone(),
                r.resource.span.path().to_string(),
                r.resource.span.line,
                r.cost.monthly_usd,
            )
        })
        .collect();
    let pt = "aws_bedrock_provisioned_model_throughput.drafts";
    let router = "module.router.aws_lambda_function.router";
    assert_eq!(
        rows,
        [
            (
                format!("module.assistant[\"prod\"].{pt}"),
                "fixtures/modules/modules/assistant/main.tf".into(),
                1,
                Some(dec!(21608.00))
            ),
            (
                format!("module.assistant[\"staging\"].{pt}"),
                "fixtures/modules/modules/assistant/main.tf".into(),
                1,
                Some(dec!(13432.00))
            ),
            (
                format!("module.assistant[\"prod\"].{router}"),
                "fixtures/modules/modules/assistant/modules/router/main.tf".into(),
                18,
                None
            ),
            (
                format!("module.assistant[\"staging\"].{router}"),
                "fixtures/modules/modules/assistant/modules/router/main.tf".into(),
                18,
                None
            ),
        ]
    );
    // prod: 2 units × $14.80 (6 months) × 730; staging: 1 × $18.40 (1 month) × 730 — from `each.*`.
    let prod = &report.resources[0].resource;
    assert_eq!(
        prod.provisioned().map(|p| p.model_units.clone()),
        Some(Known::Known(2))
    );
    assert_eq!(prod.region.region, "us-east-1");
}

#[test]
fn a_model_passed_into_a_module_is_found_at_the_callers_literal_once() {
    let report = common::lint_dir(Path::new("fixtures/modules"));
    let bl001: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL001")
        .collect();
    assert_eq!(bl001.len(), 1, "{bl001:?}");
    assert_eq!(
        (
            bl001[0].span.path(),
            bl001[0].span.line,
            bl001[0].span.column
        ),
        ("fixtures/modules/main.tf", 18, 18)
    );
    assert!(
        !report
            .resources
            .iter()
            .any(|r| r.resource.address.contains("var.")),
        "no stray variable references"
    );
}

#[test]
fn module_directories_are_not_linted_twice_and_remote_modules_are_noted() {
    let report = common::lint_dir(Path::new("fixtures/modules"));
    assert_eq!(report.resources.len(), 4);
    let notes: Vec<&String> = report
        .notices
        .iter()
        .filter(|n| n.contains("module.vpc"))
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("no network"));
    // Linted on its own, a module directory is its own root (inputs unknown, never guessed).
    let alone = common::lint_dir(Path::new("fixtures/modules/modules/assistant"));
    let pt = alone
        .resources
        .iter()
        .find(|r| r.resource.address == "aws_bedrock_provisioned_model_throughput.drafts")
        .expect("pt");
    assert_eq!(
        pt.resource.provisioned().map(|p| p.model_units.clone()),
        Some(Known::Known(1))
    );
}

#[test]
fn module_cycles_stop() {
    let dir = common::project(
        "module_cycle",
        &[
            ("main.tf", "module \"a\" {\n  source = \"./a\"\n}\n"),
            ("a/main.tf", "module \"b\" {\n  source = \"../a\"\n}\nresource \"aws_bedrockagent_agent\" \"x\" {\n  foundation_model = \"amazon.nova-lite-v1:0\"\n}\n"),
        ],
    );
    let report = common::lint_dir(&dir);
    assert!(
        report.notices.iter().any(|n| n.contains("loop")),
        "{:?}",
        report.notices
    );
    assert_eq!(report.resources.len(), 1);
}

#[test]
fn a_module_resource_is_in_its_callers_provider_region_and_shown_by_its_real_path() {
    let dir = common::project(
        "module-region-precedence",
        &[
            (
                "envs/prod/main.tf",
                "provider \"aws\" {\n  region = \"eu-central-1\"\n}\n\nmodule \"llm\" {\n  source = \"../../modules/llm\"\n}\n",
            ),
            (
                "modules/llm/main.tf",
                "resource \"aws_bedrock_provisioned_model_throughput\" \"summaries\" {\n  provisioned_model_name = \"summaries\"\n  model_arn              = \"arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k\"\n  model_units            = 1\n  commitment_duration    = \"OneMonth\"\n}\n",
            ),
        ],
    );
    let report = common::lint_dir(&dir.join("envs/prod"));
    let pt = report
        .resources
        .iter()
        .find(|r| {
            r.resource.address == "module.llm.aws_bedrock_provisioned_model_throughput.summaries"
        })
        .expect("module resource");
    // The caller's provider creates it, whatever Region the model ARN names.
    assert_eq!(pt.resource.region.region, "eu-central-1");
    assert_eq!(
        pt.resource.region.source,
        bedrock_lint::model::RegionSource::Provider
    );
    // `envs/prod/../../modules/llm/main.tf` is shown as the file a reader opens.
    assert!(
        pt.resource
            .span
            .path()
            .ends_with("module-region-precedence/modules/llm/main.tf")
            && !pt.resource.span.path().contains(".."),
        "{}",
        pt.resource.span.path()
    );
}
