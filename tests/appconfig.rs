//! Application config: every Bedrock model reference found at its exact line and column, in every
//! format, with nothing invented from look-alikes; one combined report with Terraform.

mod common;

use std::path::Path;

use bedrock_lint::report::{render_json, render_text, TextOptions};
use rust_decimal_macros::dec;

/// (file under fixtures/mixed/, line, column of the model, model as written, region)
type Found = (String, usize, usize, String, String);

#[test]
fn a_service_repo_gives_every_reference_at_its_exact_place() {
    let report = common::lint_dir(Path::new("fixtures/mixed"));
    let found: Vec<Found> = report
        .resources
        .iter()
        .map(|r| {
            let s = r.resource.model_span.as_ref().expect("span");
            (
                s.path().trim_start_matches("fixtures/mixed/").to_string(),
                s.line,
                s.column,
                r.resource
                    .model
                    .known()
                    .map(|m| m.text.clone())
                    .unwrap_or_default(),
                r.resource.region.region.clone(),
            )
        })
        .collect();
    let f = |file: &str, line, col, model: &str, region: &str| {
        (
            file.to_string(),
            line,
            col,
            model.to_string(),
            region.to_string(),
        )
    };
    assert_eq!(
        found,
        [
            f(".github/workflows/evals.yml", 10, 27, "us.anthropic.claude-3-5-haiku-20241022-v1:0", "us-east-1"),
            f("deploy/helm/assistant/values.yaml", 7, 12, "global.anthropic.claude-haiku-4-5-20251001-v1:0", "us-east-1"),
            // Terraform in the same report: the profile's copy_from (an ARN).
            f("infra/main.tf", 9, 18, "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0", "us-east-1"),
            // LiteLLM: `bedrock/` and `bedrock/converse/` prefixes; the item's own aws_region_name.
            f("services/chat/config.yaml", 5, 22, "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east-1"),
            f("services/chat/config.yaml", 9, 31, "amazon.nova-lite-v1:0", "us-west-2"),
            // No region in its own item, two different ones elsewhere: not guessed (config default).
            f("services/chat/config.yaml", 13, 23, "amazon.titan-embed-text-v2:0", "us-east-1"),
            // Spring AI: the document's region; the second document has none of its own.
            f("services/claims/src/main/resources/application.yml", 11, 20, "eu.anthropic.claude-3-7-sonnet-20250219-v1:0", "eu-west-1"),
            f("services/claims/src/main/resources/application.yml", 23, 20, "meta.llama3-70b-instruct-v1:0", "us-east-1"),
            f("services/ingest/serverless.yml", 8, 25, "amazon.titan-embed-text-v2:0", "us-west-2"),
            f("services/ingest/serverless.yml", 9, 42, "amazon.nova-micro-v1:0", "us-west-2"),
            f("services/reports/cdk.json", 4, 25, "us.amazon.nova-premier-v1:0", "us-east-1"),
            f("services/reports/settings.toml", 3, 13, "cohere.command-r-plus-v1:0", "us-east-1"),
            f("services/reports/settings.toml", 6, 13, "deepseek.r1-v1:0", "us-east-1"),
            // SAM: a parameter default, and an AWS::Bedrock::ApplicationInferenceProfile through !Sub.
            f("services/reports/template.yaml", 8, 14, "anthropic.claude-3-5-haiku-20241022-v1:0", "us-east-1"),
            f("services/reports/template.yaml", 16, 74, "amazon.nova-pro-v1:0", "us-east-1"),
            f("services/worker/.env", 3, 19, "anthropic.claude-3-haiku-20240307-v1:0", "us-east-1"),
            f("services/worker/.env", 4, 28, "us.anthropic.claude-haiku-4-5-20251001-v1:0", "us-east-1"),
        ]
    );
    let profile = report
        .resources
        .iter()
        .find(|r| r.resource.address.ends_with("#ReportsProfile"))
        .expect("SAM profile");
    assert_eq!(
        profile.resource.kind,
        bedrock_lint::model::ResourceKind::ApplicationInferenceProfile
    );
}

#[test]
fn one_combined_report_and_total_with_usage_keyed_by_file_path() {
    let report = common::lint_dir(Path::new("fixtures/mixed"));
    // chat: 600M × $3.30 + 120M × $16.50 (us. geo of Sonnet 4.5) = 3,960. The worker's Claude 3 Haiku
    // (2,000M × $0.25 + 400M × $1.25 = 1,000 before) reached end of life on 2026-09-10: its calls
    // fail, so it is not priced and BL019 says so.
    assert_eq!(report.monthly_total(), dec!(3960));
    let codes: Vec<(&str, String, usize)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.span
                    .path()
                    .trim_start_matches("fixtures/mixed/")
                    .to_string(),
                d.span.line,
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            // Claude Sonnet 4: end of life 2026-10-14 (AWS lifecycle, 2026-10-05).
            ("BL019", "infra/main.tf".to_string(), 9),
            ("BL001", "services/chat/config.yaml".to_string(), 5),
            // Sonnet 4.5 us. (3.30 / 16.50) → Sonnet 5 global (2.00 / 10.00, AWS 2026-09-03).
            ("BL012", "services/chat/config.yaml".to_string(), 5),
            (
                "BL012",
                "services/claims/src/main/resources/application.yml".to_string(),
                23
            ),
            // Nova Premier (2026-09-14), Command R+ (2026-08-19), Claude 3 Haiku (2026-09-10).
            ("BL019", "services/reports/cdk.json".to_string(), 4),
            ("BL019", "services/reports/settings.toml".to_string(), 3),
            ("BL019", "services/worker/.env".to_string(), 3),
            ("BL001", "services/worker/.env".to_string(), 4),
        ]
    );
    // 600M × $0.30 + 120M × $1.50 saved by global routing.
    assert_eq!(report.diagnostics[1].monthly_impact, Some(dec!(360)));
}

#[test]
fn look_alikes_are_never_findings() {
    let dir = common::project(
        "lookalikes",
        &[
            ("config.yaml", "description: We call anthropic models through amazon.com and meta.ai\nurl: https://aws.amazon.com/bedrock/\nname: us.example.com\nkey: anthropic.\n"),
            ("app.properties", "# anthropic.claude-3-haiku-20240307-v1:0 in a comment\nowner=meta.description\n"),
            (".env", "# BEDROCK_MODEL_ID=anthropic.claude-3-haiku-20240307-v1:0\nNAME=global.settings\n"),
        ],
    );
    let report = common::lint_dir(&dir);
    assert!(
        report.resources.is_empty(),
        "{:?}",
        report
            .resources
            .iter()
            .map(|r| &r.resource.address)
            .collect::<Vec<_>>()
    );
}

#[test]
fn malformed_app_config_is_an_error_with_position_and_binary_is_skipped() {
    let report = common::lint_dir(Path::new("fixtures/malformed-app"));
    let errors: Vec<(String, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_invalid_input())
        .map(|d| (d.span.path().to_string(), d.span.line))
        .collect();
    assert_eq!(
        errors,
        [
            ("fixtures/malformed-app/bad.json".to_string(), 4),
            ("fixtures/malformed-app/bad.toml".to_string(), 2),
            ("fixtures/malformed-app/bad.yaml".to_string(), 4),
        ]
    );
    assert!(
        report
            .notices
            .iter()
            .any(|n| n.contains("logo.json") && n.contains("skipped")),
        "{:?}",
        report.notices
    );
    // The good file is still read.
    assert_eq!(report.resources.len(), 1);
    assert_eq!(report.resources[0].resource.region.region, "us-west-2");
}

#[test]
fn app_config_snapshots() {
    let report = common::lint_dir(Path::new("fixtures/mixed"));
    insta::assert_snapshot!("mixed_text", render_text(&report, TextOptions::default()));
    insta::assert_snapshot!("mixed_json", render_json(&report));
}

#[test]
fn yaml_anchors_and_cloudformation_json() {
    let dir = common::project(
        "anchors_cfn",
        &[
            (
                "litellm.yaml",
                "x-default: &default_model bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0\nmodel_list:\n  - model_name: a\n    litellm_params:\n      model: *default_model\n",
            ),
            (
                "stack.json",
                r#"{
  "Resources": {
    "Helper": {
      "Type": "AWS::Bedrock::Agent",
      "Properties": {
        "AgentName": "helper",
        "FoundationModel": { "Fn::Sub": "arn:aws:bedrock:${AWS::Region}::foundation-model/amazon.nova-lite-v1:0" }
      }
    },
    "Docs": {
      "Type": "AWS::Bedrock::KnowledgeBase",
      "Properties": {
        "KnowledgeBaseConfiguration": {
          "Type": "VECTOR",
          "VectorKnowledgeBaseConfiguration": { "EmbeddingModelArn": { "Ref": "EmbeddingModel" } }
        }
      }
    }
  }
}
"#,
            ),
        ],
    );
    let report = common::lint_dir(&dir);
    let rows: Vec<(String, usize, Option<String>)> = report
        .resources
        .iter()
        .map(|r| {
            (
                r.resource
                    .address
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
                r.resource.span.line,
                r.resource.model.known().map(|m| m.text.clone()),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // The anchor is where the ID is written; the alias does not repeat it.
            (
                "litellm.yaml".to_string(),
                1,
                Some("us.anthropic.claude-3-5-haiku-20241022-v1:0".to_string())
            ),
            (
                "stack.json#Helper".to_string(),
                4,
                Some("amazon.nova-lite-v1:0".to_string())
            ),
            // `Ref` to a parameter: the model is unknown, never guessed.
            ("stack.json#Docs".to_string(), 11, None),
        ]
    );
}
