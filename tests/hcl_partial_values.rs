//! Values with unknown parts: a template keeps its known parts, an unknown interpolation becomes an
//! unknown part, and a reference whose model is in the known parts is found with that model. Nothing
//! unknown is guessed.

mod common;

use bedrock_lint::model::{Geography, Known, Routing};
use common::{codes, lint_dir, project};

const SONNET_45: &str = "anthropic.claude-sonnet-4-5-20250929-v1:0";

const ARN_HEADER: &str = r#"data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
locals {
  profile_id = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
  profile_arn = "arn:${data.aws_partition.current.partition}:bedrock:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:inference-profile/${local.profile_id}"
}
"#;

#[test]
fn an_arn_with_unknown_partition_region_and_account_names_its_model_in_a_resource_argument() {
    let main = format!(
        "{ARN_HEADER}resource \"aws_bedrockagent_agent\" \"support\" {{\n  agent_name       = \"support\"\n  foundation_model = local.profile_arn\n}}\n"
    );
    let dir = project("partial_arn_agent", &[("main.tf", &main)]);
    let report = lint_dir(&dir);
    let agent = report
        .resources
        .iter()
        .find(|r| r.resource.address == "aws_bedrockagent_agent.support")
        .expect("agent");
    let Known::Known(m) = &agent.resource.model else {
        panic!("model unknown: {:?}", agent.resource.model)
    };
    assert_eq!(m.model_id(), Some(SONNET_45));
    assert_eq!(m.routing(), Some(Routing::Geo(Geography::Us)));
    // The Region is unknown in the ARN: the fallback applies, as for any reference without one.
    assert_eq!(m.arn_region, None);
    assert!(m.text.contains("${…}"), "{}", m.text);
    // The finding points at the literal that holds the profile ID (line 5).
    let span = agent.resource.model_span.as_ref().expect("span");
    assert_eq!(span.line, 5);
    assert!(codes(&report).contains(&"BL001"), "{:?}", codes(&report));
}

#[test]
fn the_same_arn_in_a_lambda_environment_variable_is_a_call() {
    let main = format!(
        "{ARN_HEADER}resource \"aws_lambda_function\" \"chat\" {{\n  function_name = \"chat\"\n  role          = \"arn:aws:iam::123456789012:role/chat\"\n  environment {{\n    variables = {{\n      MODEL_ARN = local.profile_arn\n    }}\n  }}\n}}\n"
    );
    let dir = project("partial_arn_lambda", &[("main.tf", &main)]);
    let report = lint_dir(&dir);
    let calls: Vec<(String, Option<String>)> = report
        .resources
        .iter()
        .map(|r| {
            (
                r.resource.address.clone(),
                r.resource
                    .model
                    .known()
                    .and_then(|m| m.model_id().map(str::to_string)),
            )
        })
        .collect();
    assert_eq!(
        calls,
        [(
            "aws_lambda_function.chat".to_string(),
            Some(SONNET_45.to_string())
        )]
    );
    let bl001: Vec<usize> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL001")
        .map(|d| d.span.line)
        .collect();
    assert_eq!(bl001, [5]);
}

#[test]
fn functions_keep_known_parts_and_never_guess_unknown_ones() {
    let dir = project(
        "partial_functions",
        &[(
            "main.tf",
            r#"variable "account_id" {}
variable "prefix" {}
locals {
  model = "anthropic.claude-haiku-4-5-20251001-v1:0"
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  environment {
    variables = {
      FORMAT  = format("arn:aws:bedrock:us-west-2:%s:inference-profile/us.%s", var.account_id, local.model)
      JOIN    = join(":", ["arn", "aws", "bedrock", "eu-west-1", var.account_id, "inference-profile/eu.${local.model}"])
      UPPER   = lower(upper("GLOBAL.${local.model}"))
      TRIM    = trimprefix("bedrock/apac.${local.model}", "bedrock/")
      REPLACE = replace("us_${local.model}", "_", ".")
      GUESS   = "${var.prefix}.${local.model}"
      HALF    = "anthropic.claude-haiku-${var.prefix}"
      REGION  = replace(replace("arn:aws:bedrock:us-east-1::foundation-model/${local.model}", "arn:aws", "arn:${var.prefix}"), "us-east-1", var.prefix)
      ACROSS  = replace("us-${var.prefix}anthropic.claude-haiku-4-5-20251001-v1:0", "-east", "")
    }
  }
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let mut found: Vec<(String, String, Option<String>)> = report
        .resources
        .iter()
        .map(|r| {
            let m = r.resource.model.known().expect("known");
            (
                r.resource.attribute.clone().unwrap_or_default(),
                format!("{:?}", m.routing()),
                m.arn_region.clone(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "environment.variables.FORMAT".into(),
                "Some(Geo(Us))".into(),
                Some("us-west-2".into())
            ),
            (
                "environment.variables.JOIN".into(),
                "Some(Geo(Eu))".into(),
                Some("eu-west-1".into())
            ),
            (
                "environment.variables.REGION".into(),
                "Some(InRegion)".into(),
                None
            ),
            (
                "environment.variables.REPLACE".into(),
                "Some(Geo(Us))".into(),
                None
            ),
            (
                "environment.variables.TRIM".into(),
                "Some(Geo(Apac))".into(),
                None
            ),
            (
                "environment.variables.UPPER".into(),
                "Some(Global)".into(),
                None
            ),
        ],
        "GUESS (unknown geography), HALF (unknown version) and ACROSS (a match could cross the unknown part) name no model"
    );
    // The model literal is not listed again as a stray local: the calls consumed it.
    assert!(report.references.is_empty(), "{:?}", report.references);
}

#[test]
fn a_partial_value_never_stands_for_a_known_one() {
    let dir = project(
        "partial_never_known",
        &[(
            "main.tf",
            r#"variable "env" {}
provider "aws" {
  region = "${var.env}-west-2"
}
resource "aws_bedrock_provisioned_model_throughput" "p" {
  provisioned_model_name = "p"
  model_arn              = "arn:aws:bedrock:us-east-1::foundation-model/${var.env}"
  model_units            = "${var.env}" == "prod" ? 2 : 1
  commitment_duration    = "${var.env}Month"
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let p = &report.resources[0].resource;
    // An ARN whose model part is unknown names no model, and says so: it is not "invalid".
    assert!(
        matches!(&p.model, Known::Unknown(why) if why.contains("known only at plan time")),
        "{:?}",
        p.model
    );
    assert_eq!(p.invalid_model_text, None);
    let prov = p.provisioned().expect("pt");
    assert!(matches!(prov.model_units, Known::Unknown(_)));
    assert!(matches!(prov.commitment, Known::Unknown(_)));
    // The provider's Region is not `${…}-west-2`.
    assert_ne!(p.region.source, bedrock_lint::model::RegionSource::Provider);
    assert!(!codes(&report).contains(&"BL000"));
}
