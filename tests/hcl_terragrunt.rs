//! Terragrunt units: `inputs` (over an included root.hcl's and an _envcommon file's) reach the
//! variables of the local module the unit's `terraform { source }` names; a remote source is noted.

mod common;

use common::lint_dir;
use std::path::Path;

#[test]
fn inputs_reach_the_module_with_the_folders_region() {
    let report = lint_dir(Path::new("fixtures/real-world/tf-terragrunt-monorepo"));
    let mut calls: Vec<(String, String, String, String)> = report
        .resources
        .iter()
        // The case's labels (expected.toml) are app config to the linter; not the subject here.
        .filter(|r| !r.resource.span.path().ends_with("expected.toml"))
        .map(|r| {
            let r = &r.resource;
            let at = r.model_span.as_ref().expect("span");
            (
                format!(
                    "{}:{}",
                    at.path()
                        .rsplit("tf-terragrunt-monorepo/")
                        .next()
                        .unwrap_or(""),
                    at.line
                ),
                r.address.clone(),
                r.model.known().map(|m| m.text.clone()).unwrap_or_default(),
                r.region.region.clone(),
            )
        })
        .collect();
    calls.sort();
    assert_eq!(
        calls,
        [
            (
                "_envcommon/assistant.hcl:11".to_string(),
                "aws_lambda_function.assistant".to_string(),
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0".to_string(),
                "us-east-1".to_string()
            ),
            (
                "live/prod/eu-west-1/assistant/terragrunt.hcl:13".to_string(),
                "aws_lambda_function.assistant".to_string(),
                "eu.anthropic.claude-sonnet-4-5-20250929-v1:0".to_string(),
                "eu-west-1".to_string()
            ),
            (
                "live/staging/us-east-1/gateway/terragrunt.hcl:11".to_string(),
                "inputs".to_string(),
                "global.anthropic.claude-haiku-4-5-20251001-v1:0".to_string(),
                "us-east-1".to_string()
            ),
        ]
    );
    // The module is read through its units, not a second time on its own with its defaults.
    assert!(report
        .resources
        .iter()
        .filter(|r| !r.resource.span.path().ends_with("expected.toml"))
        .all(|r| r
            .resource
            .model
            .known()
            .is_some_and(|m| !m.text.contains("haiku-20241022"))));
    let remote: Vec<&String> = report
        .notices
        .iter()
        .filter(|n| n.contains("is not followed"))
        .collect();
    assert_eq!(remote.len(), 1, "{:?}", report.notices);
    assert!(remote[0].contains("gateway/terragrunt.hcl"));
    // The IAM grants are permissions, with the account unknown and the Region from region.hcl.
    let grants: Vec<&str> = report
        .references
        .iter()
        .filter(|r| r.role.as_str() == "permission")
        .filter_map(|r| r.model.known().map(|m| m.text.as_str()))
        .collect();
    assert_eq!(grants.len(), 2);
    assert!(grants
        .iter()
        .any(|g| g.starts_with("arn:aws:bedrock:eu-west-1:${…}:inference-profile/eu.")));
    assert!(!report.diagnostics.iter().any(|d| d.code == "BL000"));
}

#[test]
fn a_parent_configs_suppressions_apply_and_a_unit_without_source_uses_its_own_tf_files() {
    let dir = common::project(
        "terragrunt_suppressed",
        &[
            (
                "root.hcl",
                "inputs = {\n  # bedrock-lint-ignore: BL001 # the US profile is deliberate here\n  model_id = \"us.anthropic.claude-sonnet-4-5-20250929-v1:0\"\n}\n",
            ),
            (
                "live/dev/app/terragrunt.hcl",
                "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\n",
            ),
            (
                "live/dev/app/main.tf",
                "variable \"model_id\" {\n  type = string\n}\nresource \"aws_ssm_parameter\" \"model\" {\n  name  = \"/app/model\"\n  type  = \"String\"\n  value = var.model_id\n}\n",
            ),
        ],
    );
    let report = lint_dir(&dir);
    let calls: Vec<String> = report
        .resources
        .iter()
        .filter_map(|r| r.resource.model.known().map(|m| m.text.clone()))
        .collect();
    // Bound to the unit's own .tf files, once (not a second time with var.model_id unknown).
    assert_eq!(calls, ["us.anthropic.claude-sonnet-4-5-20250929-v1:0"]);
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert!(
        !codes.contains(&"BL001") && !codes.contains(&"BL900"),
        "{codes:?}"
    );
}

/// `terragrunt apply` leaves a copy of each unit's module under `.terragrunt-cache/`: it is not a
/// second module, and its calls are not counted twice.
#[test]
fn the_terragrunt_cache_is_not_read() {
    let main = "resource \"aws_lambda_function\" \"chat\" {\n  function_name = \"chat\"\n  role          = \"arn:aws:iam::123456789012:role/chat\"\n  environment {\n    variables = {\n      MODEL_ID = \"amazon.nova-lite-v1:0\"\n    }\n  }\n}\n";
    let dir = common::project(
        "terragrunt-cache",
        &[
            ("svc/main.tf", main),
            ("svc/.terragrunt-cache/AbC123/xYz789/main.tf", main),
        ],
    );
    let report = lint_dir(&dir);
    let files: Vec<&str> = report
        .resources
        .iter()
        .map(|r| r.resource.span.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(!files[0].contains(".terragrunt-cache"), "{files:?}");
}
