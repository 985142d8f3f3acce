//! What each model string is where it is written in Terraform: a call, a permission, metadata or an
//! unused default. Only calls are priced and linted; the rest are listed apart.

mod common;

use bedrock_lint::Report;
use common::{codes, lint_dir, project};

/// (address, role, line of the literal)
fn roles(report: &Report) -> Vec<(String, &'static str, usize)> {
    let mut all: Vec<(String, &'static str, usize)> = report
        .resources
        .iter()
        .map(|r| &r.resource)
        .chain(report.references.iter())
        .map(|r| {
            let at = r.model_span.as_ref().unwrap_or(&r.span);
            (r.address.clone(), r.role.as_str(), at.line)
        })
        .collect();
    all.sort_by_key(|(a, _, l)| (*l, a.clone()));
    all
}

const MAIN: &str = r#"provider "aws" {
  region = "us-east-1"
}
locals {
  profile = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
  model   = "anthropic.claude-sonnet-4-5-20250929-v1:0"
  # What each model costs per 1M input tokens (for a dashboard).
  prices = {
    "anthropic.claude-3-haiku-20240307-v1:0" = 0.25
  }
}
data "aws_iam_policy_document" "invoke" {
  statement {
    actions = ["bedrock:InvokeModel"]
    resources = [
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/${local.profile}",
      "arn:aws:bedrock:*::foundation-model/${local.model}",
    ]
  }
}
resource "aws_iam_role_policy" "inline" {
  role = "chat"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["bedrock:InvokeModel"]
      Resource = ["arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0"]
    }]
  })
}
resource "aws_organizations_policy" "scp" {
  name    = "deny-opus"
  content = <<EOT
{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"bedrock:*","Resource":"arn:aws:bedrock:*::foundation-model/anthropic.claude-3-opus-20240229-v1:0"}]}
EOT
}
resource "aws_lambda_function" "chat" {
  function_name = "chat"
  role          = "arn:aws:iam::123456789012:role/chat"
  description   = "Answers with amazon.nova-lite-v1:0 when asked"
  environment {
    variables = {
      MODEL_ID = local.profile
    }
  }
  tags = {
    model = "amazon.nova-micro-v1:0"
  }
}
resource "aws_s3_bucket_policy" "logs" {
  bucket = "logs"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Service": "bedrock.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "*",
    "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0"}}}]
}
POLICY
}
resource "aws_cloudwatch_metric_alarm" "throttles" {
  alarm_name  = "throttles"
  metric_name = "InvocationThrottles"
  namespace   = "AWS/Bedrock"
  dimensions = {
    ModelId = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
  }
}
variable "fallback_model" {
  description = "Model to fall back to, e.g. anthropic.claude-3-5-haiku-20241022-v1:0"
  type        = string
  default     = "meta.llama3-3-70b-instruct-v1:0"
  validation {
    condition     = contains(["meta.llama3-3-70b-instruct-v1:0", "mistral.mistral-large-2407-v1:0"], var.fallback_model)
    error_message = "Unsupported model."
  }
}
output "profile" {
  value = "global.anthropic.claude-haiku-4-5-20251001-v1:0"
}
"#;

#[test]
fn iam_policies_metadata_and_defaults_are_not_calls() {
    let dir = project("roles_main", &[("main.tf", MAIN)]);
    let report = lint_dir(&dir);
    let s = |a: &str, r: &'static str, l: usize| (a.to_string(), r, l);
    assert_eq!(
        roles(&report),
        [
            // The profile: granted (line 16) and called by the Lambda (written on line 5).
            s("aws_lambda_function.chat", "call", 5),
            s("data.aws_iam_policy_document.invoke", "permission", 5),
            s("data.aws_iam_policy_document.invoke", "permission", 6),
            s("local.prices", "metadata", 9),
            s("aws_iam_role_policy.inline", "permission", 28),
            s("aws_organizations_policy.scp", "permission", 35),
            s("aws_lambda_function.chat", "metadata", 41),
            s("aws_lambda_function.chat", "metadata", 48),
            s("aws_s3_bucket_policy.logs", "permission", 57),
            s("aws_cloudwatch_metric_alarm.throttles", "metadata", 66),
            s("var.fallback_model", "metadata", 70),
            s("var.fallback_model", "default", 72),
            s("var.fallback_model", "metadata", 74),
            s("var.fallback_model", "metadata", 74),
            s("output.profile", "metadata", 79),
        ]
    );
    // The only call is the Lambda's: BL001 (the us. profile) and BL012 (Sonnet 4.5 is superseded
    // by Sonnet 5, cheaper), nothing about the grants.
    assert_eq!(
        codes(&report),
        ["BL001", "BL012"],
        "{:#?}",
        report.diagnostics
    );
    assert_eq!(report.resources.len(), 1);
}

#[test]
fn a_module_default_is_counted_where_it_is_used() {
    let dir = project(
        "roles_module",
        &[
            (
                "main.tf",
                r#"module "overridden" {
  source   = "./modules/agent"
  model_id = "amazon.nova-pro-v1:0"
  enabled  = true
}
module "defaulted" {
  source  = "./modules/agent"
  enabled = true
}
module "disabled" {
  source  = "./modules/agent"
  enabled = false
}
module "many" {
  source   = "./modules/agent"
  for_each = toset(["a", "b"])
  enabled  = false
}
"#,
            ),
            (
                "modules/agent/main.tf",
                r#"variable "model_id" {
  type    = string
  default = "anthropic.claude-3-5-haiku-20241022-v1:0"
}
variable "enabled" {
  type = bool
}
resource "aws_bedrockagent_agent" "this" {
  count            = var.enabled ? 1 : 0
  agent_name       = "agent"
  foundation_model = var.model_id
}
"#,
            ),
        ],
    );
    let report = lint_dir(&dir);
    let calls: Vec<(String, String)> = report
        .resources
        .iter()
        .map(|r| {
            (
                r.resource.address.clone(),
                r.resource
                    .model
                    .known()
                    .map(|m| m.text.clone())
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        calls,
        [
            (
                "module.defaulted.aws_bedrockagent_agent.this[0]".to_string(),
                "anthropic.claude-3-5-haiku-20241022-v1:0".to_string()
            ),
            (
                "module.overridden.aws_bedrockagent_agent.this[0]".to_string(),
                "amazon.nova-pro-v1:0".to_string()
            ),
        ]
    );
    // Where no call uses the default (overridden, count = 0), it is listed once as a default (it is
    // written once), not once per module call or instance, and never priced.
    let defaults: Vec<String> = report
        .references
        .iter()
        .filter(|r| r.role.as_str() == "default")
        .map(|r| r.address.clone())
        .collect();
    assert_eq!(defaults, ["module.overridden.var.model_id"]);
}

#[test]
fn unknown_tags_are_tags() {
    let dir = project(
        "roles_tags",
        &[(
            "main.tf",
            r#"variable "tags" {
  type = map(string)
}
provider "aws" {
  region = "us-east-1"
}
resource "aws_bedrock_inference_profile" "from_var" {
  name = "a"
  model_source {
    copy_from = "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"
  }
  tags = var.tags
}
resource "aws_bedrock_inference_profile" "merged" {
  name = "b"
  model_source {
    copy_from = "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"
  }
  tags = merge(var.tags, { team = "search" })
}
resource "aws_bedrock_inference_profile" "empty" {
  name = "c"
  model_source {
    copy_from = "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"
  }
  tags = {}
}
resource "aws_bedrock_inference_profile" "absent" {
  name = "d"
  model_source {
    copy_from = "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"
  }
}
"#,
        )],
    );
    let report = lint_dir(&dir);
    let untagged: Vec<usize> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL016")
        .map(|d| d.span.line)
        .collect();
    // Only the profiles whose tags are absent or known to be empty.
    assert_eq!(untagged, [21, 28], "{:#?}", report.diagnostics);
}
