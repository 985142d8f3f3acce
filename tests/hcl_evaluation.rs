//! How Terraform values are resolved: variables and their precedence, locals, templates, data
//! sources, providers and aliases, count and for_each. Unknown values stay unknown.

mod common;

use bedrock_lint::config::Overrides;
use bedrock_lint::model::{Commitment, Known, RegionSource, ResourceKind, Routing};
use common::{lint_dir, lint_with, models, project};

const PT: &str = "aws_bedrock_provisioned_model_throughput";

#[test]
fn variables_follow_terraform_precedence() {
    let dir = project(
        "vars_precedence",
        &[
            (
                "main.tf",
                r#"
variable "model" { default = "amazon.nova-micro-v1:0" }
variable "units" { type = number }
resource "aws_bedrock_provisioned_model_throughput" "a" {
  provisioned_model_name = "a"
  model_arn   = "arn:aws:bedrock:us-east-1::foundation-model/${var.model}"
  model_units = var.units
}
"#,
            ),
            (
                "terraform.tfvars",
                "model = \"amazon.nova-lite-v1:0\"\nunits = 1\n",
            ),
            ("b.auto.tfvars", "units = 3\n"),
            ("a.auto.tfvars", "units = 2\n"),
        ],
    );
    let report = lint_dir(&dir);
    let r = &report.resources[0].resource;
    assert_eq!(
        r.model.known().map(|m| m.text.as_str()),
        Some("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0")
    );
    // b.auto.tfvars is applied after a.auto.tfvars.
    assert_eq!(
        r.provisioned().map(|p| p.model_units.clone()),
        Some(Known::Known(3))
    );

    let var_file = dir.join("prod.tfvars");
    std::fs::write(&var_file, "units = 5\n").expect("write");
    let report = lint_with(
        &dir,
        &Overrides {
            var_files: vec![var_file],
            ..Overrides::default()
        },
    );
    let r = &report.resources[0].resource;
    assert_eq!(
        r.provisioned().map(|p| p.model_units.clone()),
        Some(Known::Known(5))
    );
}

#[test]
fn unknown_values_are_never_guessed() {
    let dir = project(
        "unknowns",
        &[(
            "main.tf",
            r#"
variable "units" {}
resource "aws_bedrock_custom_model" "ft" {
  custom_model_name     = "ft"
  base_model_identifier = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1"
  job_name = "x"
  output_data_config { s3_uri = "s3://b/out" }
  role_arn = aws_iam_role.r.arn
  training_data_config { s3_uri = "s3://b/in" }
}
resource "aws_bedrock_provisioned_model_throughput" "a" {
  provisioned_model_name = "a"
  model_arn   = aws_iam_role.r.arn
  model_units = var.units
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let pt = report
        .resources
        .iter()
        .find(|r| r.resource.address == format!("{PT}.a"))
        .expect("pt");
    assert!(
        matches!(&pt.resource.model, Known::Unknown(why) if why.contains("aws_iam_role.r")),
        "{:?}",
        pt.resource.model
    );
    assert!(
        matches!(pt.resource.provisioned().map(|p| &p.model_units), Some(Known::Unknown(why)) if why.contains("var.units"))
    );
    assert_eq!(pt.cost.monthly_usd, None);
}

#[test]
fn locals_templates_and_data_sources_resolve_with_the_literal_location() {
    let dir = project(
        "locals_data",
        &[(
            "main.tf",
            r#"provider "aws" {
  region = "eu-west-1"
}
locals {
  family = "anthropic.claude-3-5-sonnet-20241022-v2:0"
  geo    = "eu"
  model  = "${local.geo}.${local.family}"
}
data "aws_bedrock_foundation_model" "embed" {
  model_id = "amazon.titan-embed-text-v2:0"
}
resource "aws_bedrockagent_agent" "a" {
  agent_name       = "a"
  foundation_model = local.model
}
resource "aws_bedrockagent_knowledge_base" "kb" {
  name = "kb"
  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = data.aws_bedrock_foundation_model.embed.model_arn
    }
  }
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let agent = report
        .resources
        .iter()
        .find(|r| r.resource.address == "aws_bedrockagent_agent.a")
        .expect("agent");
    let m = agent.resource.model.known().expect("model");
    assert_eq!(m.text, "eu.anthropic.claude-3-5-sonnet-20241022-v2:0");
    assert_eq!(
        m.routing(),
        Some(Routing::Geo(bedrock_lint::model::Geography::Eu))
    );
    assert_eq!(agent.resource.region.region, "eu-west-1");
    assert_eq!(agent.resource.region.source, RegionSource::Provider);
    // A template's result has no single literal: the finding points at the use.
    assert_eq!(agent.resource.model_span.as_ref().map(|s| s.line), Some(14));

    let kb = report
        .resources
        .iter()
        .find(|r| r.resource.kind == ResourceKind::KnowledgeBase)
        .expect("kb");
    assert_eq!(
        kb.resource.model.known().map(|m| m.text.as_str()),
        Some("arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0")
    );
    // The data source's literal is where the model is written.
    let span = kb.resource.model_span.as_ref().expect("span");
    assert_eq!((span.line, span.column), (10, 15));
}

#[test]
fn provider_aliases_and_resource_region_argument() {
    let dir = project(
        "aliases",
        &[(
            "main.tf",
            r#"
provider "aws" { region = "us-east-1" }
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "aws_bedrock_inference_profile" "west" {
  provider = aws.west
  name     = "west"
  model_source { copy_from = "arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0" }
}
resource "aws_bedrock_inference_profile" "eu" {
  region = "eu-central-1"
  name   = "eu"
  model_source { copy_from = "arn:aws:bedrock:eu-central-1::foundation-model/amazon.nova-pro-v1:0" }
}
resource "aws_bedrock_inference_profile" "default" {
  name = "d"
  model_source { copy_from = "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0" }
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let region = |addr: &str| {
        let r = report
            .resources
            .iter()
            .find(|r| r.resource.address == addr)
            .expect(addr);
        (r.resource.region.region.clone(), r.resource.region.source)
    };
    assert_eq!(
        region("aws_bedrock_inference_profile.west"),
        ("us-west-2".into(), RegionSource::Provider)
    );
    assert_eq!(
        region("aws_bedrock_inference_profile.eu"),
        ("eu-central-1".into(), RegionSource::ResourceArgument)
    );
    assert_eq!(
        region("aws_bedrock_inference_profile.default"),
        ("us-east-1".into(), RegionSource::Provider)
    );
}

#[test]
fn region_falls_back_to_arn_then_cli_then_default() {
    let files: &[(&str, &str)] = &[(
        "main.tf",
        r#"
resource "aws_bedrockagent_agent" "arn" {
  agent_name       = "a"
  foundation_model = "arn:aws:bedrock:ap-northeast-1::foundation-model/amazon.nova-lite-v1:0"
}
resource "aws_bedrockagent_agent" "id" {
  agent_name       = "b"
  foundation_model = "amazon.nova-lite-v1:0"
}
"#,
    )];
    let dir = project("region_fallback", files);
    let report = lint_dir(&dir);
    let get = |report: &bedrock_lint::Report, addr: &str| {
        report
            .resources
            .iter()
            .find(|r| r.resource.address == addr)
            .map(|r| r.resource.region.clone())
            .expect(addr)
    };
    assert_eq!(
        get(&report, "aws_bedrockagent_agent.arn").source,
        RegionSource::Arn
    );
    assert_eq!(
        get(&report, "aws_bedrockagent_agent.arn").region,
        "ap-northeast-1"
    );
    assert_eq!(
        get(&report, "aws_bedrockagent_agent.id").source,
        RegionSource::Default
    );
    assert_eq!(
        get(&report, "aws_bedrockagent_agent.id").region,
        "us-east-1"
    );
    let report = lint_with(
        &dir,
        &Overrides {
            region: Some("eu-west-3".into()),
            ..Overrides::default()
        },
    );
    assert_eq!(
        get(&report, "aws_bedrockagent_agent.id").source,
        RegionSource::Cli
    );
    assert_eq!(
        get(&report, "aws_bedrockagent_agent.id").region,
        "eu-west-3"
    );
}

#[test]
fn count_and_for_each_expand_into_instances() {
    let dir = project(
        "instances",
        &[(
            "main.tf",
            r#"
variable "envs" {
  default = {
    prod = "SixMonths"
    dev  = "OneMonth"
  }
}
resource "aws_bedrock_provisioned_model_throughput" "counted" {
  count                  = 2
  provisioned_model_name = "c-${count.index}"
  model_arn              = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k"
  model_units            = 1
  commitment_duration    = "OneMonth"
}
resource "aws_bedrock_provisioned_model_throughput" "per_env" {
  for_each               = var.envs
  provisioned_model_name = "e-${each.key}"
  model_arn              = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k"
  model_units            = 1
  commitment_duration    = each.value
}
resource "aws_bedrock_provisioned_model_throughput" "none" {
  count                  = 0
  provisioned_model_name = "n"
  model_arn              = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k"
  model_units            = 1
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let addrs: Vec<String> = models(&report).into_iter().map(|(a, _)| a).collect();
    assert_eq!(
        addrs,
        [
            format!("{PT}.counted[0]"),
            format!("{PT}.counted[1]"),
            format!("{PT}.per_env[\"dev\"]"),
            format!("{PT}.per_env[\"prod\"]"),
        ]
    );
    let prod = report
        .resources
        .iter()
        .find(|r| r.resource.address.ends_with("[\"prod\"]"))
        .expect("prod");
    assert_eq!(
        prod.resource.provisioned().map(|p| p.commitment.clone()),
        Some(Known::Known(Commitment::SixMonths))
    );
}

/// (address, attribute, model, line, column)
type Found = (String, Option<String>, Option<String>, usize, usize);

#[test]
fn model_ids_anywhere_are_found_once_with_exact_columns() {
    let dir = project(
        "anywhere",
        &[(
            "main.tf",
            r#"locals {
  chat = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
  docs = "We use anthropic models on amazon.com infrastructure"
  spare = "global.anthropic.claude-haiku-4-5-20251001-v1:0"
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      MODEL_ID = local.chat
      URL      = "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-pro-v1:0/converse"
    }
  }
}
resource "aws_ecs_task_definition" "worker" {
  family = "worker"
  container_definitions = jsonencode([{
    name        = "worker"
    environment = [{ name = "MODEL", value = "bedrock/meta.llama3-3-70b-instruct-v1:0" }]
  }])
}
resource "aws_ssm_parameter" "model" {
  name  = "/app/model"
  type  = "String"
  value = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456"
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let found: Vec<Found> = report
        .resources
        .iter()
        .map(|r| {
            let s = r.resource.model_span.as_ref().expect("span");
            (
                r.resource.address.clone(),
                r.resource.attribute.clone(),
                r.resource.model.known().map(|m| m.text.clone()),
                s.line,
                s.column,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // The use site is the Lambda; the span is the literal in `locals`.
            ("aws_lambda_function.api".into(), Some("environment.variables.MODEL_ID".into()), Some("us.anthropic.claude-3-5-haiku-20241022-v1:0".into()), 2, 11),
            ("aws_lambda_function.api".into(), Some("environment.variables.URL".into()), Some("amazon.nova-pro-v1:0".into()), 11, 73),
            ("aws_ecs_task_definition.worker".into(), Some("container_definitions[0].environment[0].value".into()), Some("meta.llama3-3-70b-instruct-v1:0".into()), 19, 55),
            ("aws_ssm_parameter.model".into(), Some("value".into()), Some("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456".into()), 25, 12),
        ]
    );
    // A local nothing reads calls nothing: listed as metadata, not priced.
    let spare: Vec<(String, &str, usize)> = report
        .references
        .iter()
        .map(|r| (r.address.clone(), r.role.as_str(), r.span.line))
        .collect();
    assert_eq!(spare, [("local.spare".to_string(), "metadata", 4)]);
}

#[test]
fn application_profiles_and_custom_models_are_followed() {
    let dir = project(
        "follow_refs",
        &[(
            "main.tf",
            r#"
resource "aws_bedrock_inference_profile" "chat" {
  name = "chat"
  model_source {
    copy_from = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0"
  }
}
resource "aws_bedrockagent_agent" "a" {
  agent_name       = "a"
  foundation_model = aws_bedrock_inference_profile.chat.arn
}
resource "aws_bedrock_custom_model" "ft" {
  custom_model_name     = "ft"
  job_name              = "ft"
  base_model_identifier = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-lite-v1:0:4k"
  role_arn              = "arn:aws:iam::123456789012:role/x"
  output_data_config { s3_uri = "s3://b/o" }
  training_data_config { s3_uri = "s3://b/i" }
}
resource "aws_bedrock_provisioned_model_throughput" "ft" {
  provisioned_model_name = "ft"
  model_arn              = aws_bedrock_custom_model.ft.custom_model_arn
  model_units            = 1
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let agent = report
        .resources
        .iter()
        .find(|r| r.resource.address == "aws_bedrockagent_agent.a")
        .expect("agent");
    assert_eq!(
        agent.resource.via_profile.as_deref(),
        Some("aws_bedrock_inference_profile.chat")
    );
    assert_eq!(
        agent.resource.model.known().and_then(|m| m.routing()),
        Some(Routing::Geo(bedrock_lint::model::Geography::Us))
    );
    let pt = report
        .resources
        .iter()
        .find(|r| r.resource.address == format!("{PT}.ft"))
        .expect("pt");
    assert_eq!(
        pt.resource.model.known().and_then(|m| m.model_id()),
        Some("amazon.titan-text-lite-v1:0:4k")
    );
}

#[test]
fn explicit_files_use_their_directory_for_context_and_report_only_themselves() {
    let dir = project(
        "explicit",
        &[
            ("variables.tf", "variable \"model\" { default = \"amazon.nova-lite-v1:0\" }\n"),
            ("agent.tf", "resource \"aws_bedrockagent_agent\" \"a\" {\n  agent_name = \"a\"\n  foundation_model = var.model\n}\n"),
            ("other.tf", "resource \"aws_bedrockagent_agent\" \"b\" {\n  agent_name = \"b\"\n  foundation_model = \"amazon.nova-pro-v1:0\"\n}\n"),
        ],
    );
    let config = bedrock_lint::config::Config::load(&dir, &Overrides::default()).expect("config");
    let report = bedrock_lint::lint(&[dir.join("agent.tf")], &config);
    let found = models(&report);
    assert_eq!(
        found,
        [(
            "aws_bedrockagent_agent.a".to_string(),
            Some("amazon.nova-lite-v1:0".to_string())
        )]
    );
}

#[test]
fn aws_region_data_source_is_its_providers_region() {
    let dir = project(
        "aws_region",
        &[(
            "main.tf",
            r#"
provider "aws" { region = "us-west-2" }
data "aws_region" "current" {}
resource "aws_bedrock_provisioned_model_throughput" "x" {
  provisioned_model_name = "x"
  model_arn   = "arn:aws:bedrock:${data.aws_region.current.name}::foundation-model/amazon.titan-text-express-v1:0:8k"
  model_units = 1
  commitment_duration = "OneMonth"
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let m = report.resources[0]
        .resource
        .model
        .known()
        .expect("model resolved");
    assert_eq!(m.arn_region.as_deref(), Some("us-west-2"));
    assert_eq!(
        report.resources[0].cost.monthly_usd,
        Some(rust_decimal_macros::dec!(13432.00))
    );
}

#[test]
fn findings_priced_from_estimates_say_so() {
    let dir = project(
        "govcloud_estimate",
        &[
            ("main.tf", r#"
provider "aws" { region = "us-gov-west-1" }
resource "aws_bedrock_provisioned_model_throughput" "x" {
  provisioned_model_name = "x"
  model_arn   = "arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/amazon.titan-text-lite-v1:0:4k"
  model_units = 1
  commitment_duration = "SixMonths"
}
"#),
            (".bedrock-lint.toml", "[usage.\"aws_bedrock_provisioned_model_throughput.x\"]\ninput_tokens_per_month = 1_000_000\n"),
        ],
    );
    let report = lint_dir(&dir);
    let pt = &report.resources[0];
    // 5.10 × 1.2 (third-party GovCloud multiplier) × 730
    assert_eq!(
        pt.cost.monthly_usd,
        Some(rust_decimal_macros::dec!(4467.600))
    );
    assert!(pt.cost.estimate);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "BL004")
        .expect("BL004");
    assert!(d.message.contains("[estimate"), "{}", d.message);
}

#[test]
fn awscc_twins_are_understood() {
    let dir = project(
        "awscc",
        &[(
            "main.tf",
            r#"
provider "awscc" { region = "eu-central-1" }
resource "awscc_bedrock_application_inference_profile" "chat" {
  inference_profile_name = "chat"
  model_source = {
    copy_from = "arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0"
  }
  tags = [{ key = "team", value = "support" }]
}
resource "awscc_bedrock_agent" "a" {
  agent_name       = "a"
  foundation_model = "eu.amazon.nova-pro-v1:0"
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let profile = report
        .resources
        .iter()
        .find(|r| r.resource.kind == ResourceKind::ApplicationInferenceProfile)
        .expect("profile");
    assert_eq!(
        profile.resource.model.known().and_then(|m| m.model_id()),
        Some("anthropic.claude-3-7-sonnet-20250219-v1:0")
    );
    assert_eq!(
        profile.resource.tags.get("team").map(String::as_str),
        Some("support")
    );
    assert_eq!(profile.resource.region.region, "eu-central-1");
    let agent = report
        .resources
        .iter()
        .find(|r| r.resource.kind == ResourceKind::Agent)
        .expect("agent");
    assert_eq!(
        agent.resource.model.known().and_then(|m| m.routing()),
        Some(Routing::Geo(bedrock_lint::model::Geography::Eu))
    );
}
