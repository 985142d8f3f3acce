//! Terraform plan and state JSON: the same model and rules as HCL, findings back on the `.tf` lines,
//! unknown values never guessed, sensitive values never printed, bad plans a clear error.

mod common;

use std::path::{Path, PathBuf};

use bedrock_lint::config::{Config, FailOn, Overrides};
use bedrock_lint::model::{Known, PlanAction};
use bedrock_lint::report::{render_cost_table, render_json, render_text, TextOptions};
use rust_decimal_macros::dec;

fn lint_plan(plan: &str, overrides: Overrides) -> bedrock_lint::Report {
    let path = PathBuf::from(plan);
    let start = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let config = Config::load(&start, &overrides).expect("config");
    bedrock_lint::lint(&[path], &config)
}

type Finding = (
    &'static str,
    String,
    usize,
    usize,
    Option<rust_decimal::Decimal>,
);

fn findings(report: &bedrock_lint::Report) -> Vec<Finding> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.span.path().to_string(),
                d.span.line,
                d.span.column,
                d.monthly_impact.map(|m| m.normalize()),
            )
        })
        .collect()
}

#[test]
fn a_plan_and_the_hcl_it_came_from_give_the_same_findings_on_the_same_lines() {
    let hcl = common::lint_dir(Path::new("fixtures/demo"));
    let plan = lint_plan(
        "fixtures/plan/demo/plan.tfplan.json",
        Overrides {
            chdir: Some("fixtures/demo".into()),
            config: Some("fixtures/demo/.bedrock-lint.toml".into()),
            ..Overrides::default()
        },
    );
    assert!(!findings(&hcl).is_empty());
    assert_eq!(findings(&plan), findings(&hcl));
    assert_eq!(plan.monthly_total(), hcl.monthly_total());
    // 47,136.00 (models and provisioned throughput) + 1.95 custom-model storage
    // + 350.40 vector collection floor (2 OCU × 730 h × $0.24)
    // + 500.00 guardrail (2,000 × 1K text units × ($0.15 content filters + $0.10 PII)).
    assert_eq!(plan.monthly_total(), dec!(47988.35));
}

#[test]
fn real_terraform_plans_give_zero_findings() {
    let mut seen = 0;
    for entry in std::fs::read_dir("fixtures/plan/real")
        .expect("dir")
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            let report = lint_plan(path.to_str().expect("utf-8 path"), Overrides::default());
            assert!(
                report.diagnostics.is_empty(),
                "{}: {:?}",
                path.display(),
                report.diagnostics
            );
            assert_eq!(report.exit_code(FailOn::Info), 0);
            seen += 1;
        }
    }
    assert_eq!(seen, 4);
}

/// (address, plan action, file, line, monthly USD)
type Row = (
    String,
    Option<PlanAction>,
    String,
    usize,
    Option<rust_decimal::Decimal>,
);

#[test]
fn modules_instances_replacements_deletions_and_unknowns() {
    let report = lint_plan(
        "fixtures/plan/modules/plan.tfplan.json",
        Overrides::default(),
    );
    let rows: Vec<Row> = report
        .resources
        .iter()
        .map(|r| {
            (
                r.resource.address.clone(),
                r.resource.change,
                r.resource.span.path().to_string(),
                r.resource.span.line,
                r.cost.monthly_usd,
            )
        })
        .collect();
    let file = |f: &str| format!("fixtures/plan/modules/{f}");
    let row = |a: &str, c, f: &str, l, m| (a.to_string(), Some(c), file(f), l, m);
    assert_eq!(
        rows,
        [
            row(
                "aws_bedrock_provisioned_model_throughput.pending",
                PlanAction::Create,
                "main.tf",
                41,
                None
            ),
            // count instances share their block.
            row(
                "aws_bedrockagent_agent.helper[0]",
                PlanAction::Create,
                "main.tf",
                47,
                None
            ),
            row(
                "aws_bedrockagent_agent.helper[1]",
                PlanAction::Create,
                "main.tf",
                47,
                None
            ),
            // A module nested in a for_each module: found in the nested module's directory.
            row(
                "module.llm[\"prod\"].module.guard.aws_bedrock_inference_profile.guard",
                PlanAction::NoOp,
                "modules/llm/guard/main.tf",
                5,
                None
            ),
            row(
                "module.llm[\"staging\"].module.guard.aws_bedrock_inference_profile.guard",
                PlanAction::NoOp,
                "modules/llm/guard/main.tf",
                5,
                None
            ),
            // 3 × $18.40 × 730 and 1 × $18.40 × 730
            row(
                "module.llm[\"prod\"].aws_bedrock_provisioned_model_throughput.chat",
                PlanAction::Replace,
                "modules/llm/main.tf",
                9,
                Some(dec!(40296.00))
            ),
            row(
                "module.llm[\"staging\"].aws_bedrock_provisioned_model_throughput.chat",
                PlanAction::NoOp,
                "modules/llm/main.tf",
                9,
                Some(dec!(13432.00))
            ),
            // Deleted from the configuration: no source; located in the plan, not priced.
            row(
                "aws_bedrock_provisioned_model_throughput.legacy",
                PlanAction::Delete,
                "plan.tfplan.json",
                1,
                None
            ),
        ]
    );
    let pending = &report.resources[0].resource;
    assert!(
        matches!(&pending.model, Known::Unknown(why) if why.contains("known only after apply"))
    );
    // The nested profile's geo routing of Haiku 4.5 is found on its copy_from line, once for both instances.
    let bl001: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL001")
        .collect();
    assert_eq!(bl001.len(), 1);
    assert_eq!(
        (bl001[0].span.path(), bl001[0].span.line),
        ("fixtures/plan/modules/modules/llm/guard/main.tf", 9)
    );
    let bl013: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL013")
        .collect();
    assert_eq!(bl013.len(), 1);
    // 3 × 18.40 × 730 − 1 × 18.40 × 730
    assert_eq!(bl013[0].monthly_impact, Some(dec!(26864.00)));
    assert!(report
        .notices
        .iter()
        .any(|n| n.contains("module.ingest") && n.contains("only local paths are read")));
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.resource.as_deref() == Some("aws_bedrock_provisioned_model_throughput.legacy")));
}

#[test]
fn sensitive_values_are_never_printed() {
    let report = lint_plan(
        "fixtures/plan/modules/plan.tfplan.json",
        Overrides::default(),
    );
    let secret = "claude-sonnet-4-5";
    for out in [
        render_text(&report, TextOptions::default()),
        render_json(&report),
        render_cost_table(&report),
    ] {
        assert!(!out.contains(secret), "a sensitive value leaked:\n{out}");
    }
    // The plan really holds it (so the test can fail).
    let raw = std::fs::read_to_string("fixtures/plan/modules/plan.tfplan.json").expect("plan");
    assert!(raw.contains(secret));
}

#[test]
fn setup_terraform_wrapper_output_is_accepted() {
    let wrapped = lint_plan("fixtures/plan/wrapper/plan.json", Overrides::default());
    assert!(!wrapped.has_input_errors(), "{:?}", wrapped.diagnostics);
    let plain = lint_plan(
        "fixtures/plan/modules/plan.tfplan.json",
        Overrides::default(),
    );
    let addresses = |r: &bedrock_lint::Report| {
        let mut a: Vec<String> = r
            .resources
            .iter()
            .map(|r| r.resource.address.clone())
            .collect();
        a.sort();
        a
    };
    assert_eq!(addresses(&wrapped), addresses(&plain));
}

#[test]
fn state_json_is_read_with_child_modules() {
    let report = lint_plan(
        "fixtures/plan/state/terraform.tfstate.json",
        Overrides::default(),
    );
    let codes: Vec<(&str, String)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.resource.clone().unwrap_or_default()))
        .collect();
    assert!(
        codes.contains(&(
            "BL005",
            "aws_bedrock_provisioned_model_throughput.reserved".to_string()
        )),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(
            "BL001",
            "module.bots.aws_bedrockagent_agent.helper".to_string()
        )),
        "{codes:?}"
    );
}

#[test]
fn bad_plans_are_clear_errors_with_exit_2() {
    let dir = common::project(
        "bad_plans",
        &[
            (
                "truncated.tfplan.json",
                r#"{"format_version":"1.2","terraform_version":"1.9.8","resource_changes":[{"address":"aws_x"#,
            ),
            (
                "not-a-plan.tfplan.json",
                r#"{"name": "my-app", "version": "1.0.0"}"#,
            ),
            (
                "future.tfplan.json",
                r#"{"format_version":"2.0","terraform_version":"2.0.0","resource_changes":[]}"#,
            ),
        ],
    );
    let config = Config::default_config().expect("config");
    for (name, expect) in [
        ("truncated.tfplan.json", "invalid JSON"),
        ("not-a-plan.tfplan.json", "not a Terraform plan or state"),
        ("future.tfplan.json", "format_version 2.0 is not supported"),
    ] {
        let report = bedrock_lint::lint(&[dir.join(name)], &config);
        assert_eq!(report.exit_code(FailOn::Never), 2, "{name}");
        let d = &report.diagnostics[0];
        assert!(d.message.contains(expect), "{name}: {}", d.message);
        assert!(d.span.line >= 1 && d.span.column >= 1);
    }
    // Syntax errors carry the column where the JSON broke.
    let report = bedrock_lint::lint(&[dir.join("truncated.tfplan.json")], &config);
    assert_eq!(
        (
            report.diagnostics[0].span.line,
            report.diagnostics[0].span.column
        ),
        (1, 89)
    );
}

#[test]
fn plan_output_snapshots() {
    let report = lint_plan(
        "fixtures/plan/modules/plan.tfplan.json",
        Overrides::default(),
    );
    insta::assert_snapshot!(
        "plan_modules_text",
        render_text(&report, TextOptions::default())
    );
    insta::assert_snapshot!("plan_modules_json", render_json(&report));
    insta::assert_snapshot!("plan_modules_cost", render_cost_table(&report));
}

#[test]
fn invocation_logging_in_a_plan_reads_blocks_and_delivery_flags() {
    let config = bedrock_lint::config::Config::default_config().expect("config");
    let report = bedrock_lint::lint(&["fixtures/plan/logging/plan.tfplan.json".into()], &config);
    let bl017: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL017")
        .collect();
    // `this` sends text, embedding and video (image is off) to CloudWatch; `archive` is S3-only.
    assert_eq!(bl017.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(
        bl017[0].resource.as_deref(),
        Some("aws_bedrock_model_invocation_logging_configuration.this")
    );
    assert!(
        bl017[0]
            .message
            .contains("delivers text, embedding and video data"),
        "{}",
        bl017[0].message
    );
    assert_eq!(bl017[0].span.line, 2);
    // Listed, not priced, and no unknown-model noise for a resource that calls no model.
    assert_eq!(report.resources.len(), 2);
    assert!(!report.diagnostics.iter().any(|d| d.code == "BL007"));
}
