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
            // SAM: a parameter default read by the function's `!Ref` (counted where it is written),
            // and an AWS::Bedrock::ApplicationInferenceProfile through `!Sub` (the ARN kept whole,
            // its Region unknown).
            f("services/reports/template.yaml", 8, 14, "anthropic.claude-3-5-haiku-20241022-v1:0", "us-east-1"),
            f("services/reports/template.yaml", 16, 25, "arn:aws:bedrock:${…}::foundation-model/amazon.nova-pro-v1:0", "us-east-1"),
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
                Some("arn:aws:bedrock:${…}::foundation-model/amazon.nova-lite-v1:0".to_string())
            ),
            // `Ref` to a parameter: the model is unknown, never guessed.
            ("stack.json#Docs".to_string(), 11, None),
        ]
    );
}

#[test]
fn a_dot_template_file_that_is_no_template_is_not_an_error() {
    let dir = common::project(
        "dot_template",
        &[
            (
                "nginx.conf.template",
                "server {\n  listen ${PORT};\n  # upstream calls amazon.nova-lite-v1:0\n  location / { proxy_pass http://app; }\n}\n",
            ),
            (
                "stack.template",
                "{ \"Resources\": { \"Fn\": { \"Type\": \"AWS::Lambda::Function\", \"Properties\": { \"Environment\": { \"Variables\": { \"MODEL_ID\": \"amazon.nova-lite-v1:0\" ",
            ),
        ],
    );
    let report = common::lint_dir(&dir);
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_invalid_input())
        .map(|d| d.span.path().rsplit('/').next().unwrap_or("").to_string())
        .collect();
    // A broken CloudFormation template is bad input; an nginx template is not config at all.
    assert_eq!(errors, ["stack.template"]);
}

#[test]
fn quoted_scalars_pyyaml_accepts_keep_exact_positions() {
    let dir = common::project(
        "lenient_yaml",
        &[(
            "template.yaml",
            "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Description: \"Digest built with\n      us.amazon.nova-lite-v1:0 nightly\"\n      Environment:\n        Variables:\n          MODEL_ID: \"us.amazon.nova-micro-v1:0\"\n",
        )],
    );
    let report = common::lint_dir(&dir);
    assert!(report.diagnostics.iter().all(|d| !d.is_invalid_input()));
    let at = |r: &bedrock_lint::model::BedrockResource| {
        let s = r.model_span.as_ref().expect("span");
        (r.role.as_str(), s.line, s.column)
    };
    let mut found: Vec<(&str, usize, usize)> = report
        .resources
        .iter()
        .map(|r| at(&r.resource))
        .chain(report.references.iter().map(at))
        .collect();
    found.sort();
    assert_eq!(found, [("call", 9, 22), ("metadata", 6, 7)]);
}

#[test]
fn samconfig_parameter_values_are_read_with_the_template_not_alone() {
    let dir = common::project(
        "samconfig_alone",
        &[(
            "samconfig.toml",
            "version = 0.1\n[default.deploy.parameters]\nparameter_overrides = \"ModelId=us.amazon.nova-lite-v1:0\"\n",
        ), (
            "params/prod.json",
            "[{\"ParameterKey\": \"ModelId\", \"ParameterValue\": \"us.amazon.nova-pro-v1:0\"}]\n",
        )],
    );
    let report = common::lint_dir(&dir);
    assert!(report.resources.is_empty());
    // A parameter file elsewhere is a parameter value, not a call of its own.
    let roles: Vec<(&str, &str)> = report
        .references
        .iter()
        .map(|r| {
            (
                r.span.path().rsplit('/').next().unwrap_or(""),
                r.role.as_str(),
            )
        })
        .collect();
    assert_eq!(roles, [("prod.json", "default")]);
}

#[test]
fn each_branch_of_a_cloudformation_if_is_priced_by_its_own_usage() {
    let dir = common::project(
        "cfn_if_usage",
        &[
            (
                "template.yaml",
                "AWSTemplateFormatVersion: \"2010-09-09\"\nConditions:\n  IsProd: !Equals [!Ref AWS::AccountId, \"111122223333\"]\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          MODEL_ID: !If [IsProd, us.anthropic.claude-haiku-4-5-20251001-v1:0, amazon.nova-micro-v1:0]\n",
            ),
            (
                ".bedrock-lint.toml",
                "region = \"us-east-1\"\n\n[usage.\"template.yaml#Resources.Fn.Properties.Environment.Variables.MODEL_ID.Fn::If[1]\"]\ninput_tokens_per_month = 1_000_000\noutput_tokens_per_month = 1_000_000\n",
            ),
        ],
    );
    let report = common::lint_dir(&dir);
    let priced: Vec<(String, Option<rust_decimal::Decimal>)> = report
        .resources
        .iter()
        .map(|r| {
            (
                r.resource.attribute.clone().unwrap_or_default(),
                r.cost.monthly_usd,
            )
        })
        .collect();
    // The prod branch only: 1M × $1.10 + 1M × $5.50 (us. Haiku 4.5); the other branch's usage is unknown.
    assert_eq!(
        priced,
        [
            (
                "Resources.Fn.Properties.Environment.Variables.MODEL_ID.Fn::If[1]".to_string(),
                Some(dec!(6.60))
            ),
            (
                "Resources.Fn.Properties.Environment.Variables.MODEL_ID.Fn::If[2]".to_string(),
                None
            ),
        ]
    );
}

#[test]
fn every_branch_of_an_if_in_a_bedrock_resource_is_a_possible_call() {
    let dir = common::project(
        "cfn_agent_if",
        &[(
            "agent.yaml",
            "AWSTemplateFormatVersion: \"2010-09-09\"\nConditions:\n  IsProd: !Equals [!Ref AWS::AccountId, \"111122223333\"]\nResources:\n  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      AgentName: helper\n      FoundationModel: !If [IsProd, us.anthropic.claude-haiku-4-5-20251001-v1:0, amazon.nova-lite-v1:0]\n",
        )],
    );
    let report = common::lint_dir(&dir);
    let found: Vec<(String, Option<String>, String)> = report
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
                r.resource.attribute.clone(),
                r.resource
                    .model
                    .known()
                    .map(|m| m.text.clone())
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "agent.yaml#Agent".to_string(),
                None,
                "us.anthropic.claude-haiku-4-5-20251001-v1:0".to_string()
            ),
            (
                "agent.yaml".to_string(),
                Some("Resources.Agent.Properties.FoundationModel.Fn::If[2]".to_string()),
                "amazon.nova-lite-v1:0".to_string()
            ),
        ]
    );
    assert!(report
        .resources
        .iter()
        .all(|r| r.resource.notes.iter().any(|n| n.contains("Fn::If"))));
}

#[test]
fn select_over_split_and_sub_literals_land_on_the_exact_bytes() {
    let text = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          PICK: !Select [1, !Split [\",\", \"amazon.nova-pro-v1:0,us.amazon.nova-lite-v1:0\"]]\n          CHEAP_MODEL: !Sub \"${!Literal} global.amazon.nova-2-lite-v1:0\"\n";
    let dir = common::project("cfn_select_split", &[("template.yaml", text)]);
    let report = common::lint_dir(&dir);
    let found: Vec<(usize, usize, String)> = report
        .resources
        .iter()
        .map(|r| {
            let s = r.resource.model_span.as_ref().expect("span");
            (s.line, s.column, text[s.start..s.end].to_string())
        })
        .collect();
    assert_eq!(
        found,
        [
            (7, 64, "us.amazon.nova-lite-v1:0".to_string()),
            (8, 42, "global.amazon.nova-2-lite-v1:0".to_string()),
        ]
    );
}
