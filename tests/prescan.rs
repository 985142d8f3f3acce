//! The pre-scan (src/prescan.rs) may skip a directory only when linting it could not change the
//! report: every case here is linted with and without it, and the reports must be identical (every
//! diagnostic, every resource with its cost, the file count). Cases where a model ID reaches a
//! directory from another file or directory are the ones a per-file shortcut would get wrong.

mod common;
#[path = "../examples/support/monorepo.rs"]
mod monorepo;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::discover::{DiscoveredFile, FileKind};
use bedrock_lint::{lint, prescan, Report};
use common::project;

/// The switch is process-wide: tests that flip it take turns.
static SWITCH: Mutex<()> = Mutex::new(());

/// A report as a comparable text: diagnostics, resources (with costs), file count and notices.
fn fingerprint(r: &Report) -> String {
    format!(
        "{:#?}\n{:#?}\nfiles: {}\nnotices: {:#?}",
        r.diagnostics, r.resources, r.files, r.notices
    )
}

/// Lints `paths` with and without the pre-scan; asserts identical reports and returns it.
fn both_ways(paths: &[PathBuf], overrides: &Overrides) -> Report {
    let _turn = SWITCH.lock().unwrap_or_else(|e| e.into_inner());
    let config = Config::load(&paths[0], overrides).expect("config");
    prescan::set_enabled(false);
    let without = lint(paths, &config);
    prescan::set_enabled(true);
    let with = lint(paths, &config);
    assert_eq!(
        fingerprint(&with),
        fingerprint(&without),
        "the pre-scan changed the report"
    );
    with
}

fn addresses_and_models(r: &Report) -> Vec<(String, Option<String>)> {
    r.resources
        .iter()
        .map(|p| {
            (
                p.resource.address.clone(),
                p.resource.model.known().map(|m| m.text.clone()),
            )
        })
        .collect()
}

/// The directories the pre-scan would skip, relative to `root`.
fn skipped(root: &Path) -> Vec<String> {
    let discovery = bedrock_lint::discover::discover(&[root.to_path_buf()]);
    let files: Vec<&DiscoveredFile> = discovery
        .files
        .iter()
        .filter(|f| f.kind != FileKind::TerraformPlan)
        .collect();
    let mut out: Vec<String> = prescan::skippable_dirs(&files, &[])
        .dirs
        .iter()
        .map(|d| {
            // Discovery spells paths inside the working directory relative to it.
            let cwd = std::env::current_dir().unwrap_or_default();
            d.strip_prefix(root)
                .or_else(|_| d.strip_prefix(root.strip_prefix(&cwd).unwrap_or(root)))
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        })
        .collect();
    out.sort();
    out
}

const PLAIN_VPC: &str = r#"
provider "aws" { region = "us-east-1" }

data "aws_ami" "al" {
  most_recent = true
  owners      = ["137112412989"]
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_launch_template" "web" {
  image_id = data.aws_ami.al.id
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Statement = [{ Principal = { Service = "ec2.amazonaws.com" } }]
  })
}
"#;

const LAMBDA_WITH_VAR: &str = r#"
resource "aws_lambda_function" "chat" {
  function_name = "chat"
  role          = "arn:aws:iam::123456789012:role/chat"
  runtime       = "python3.12"
  handler       = "app.handler"
  environment {
    variables = {
      MODEL_ID = var.model
    }
  }
}
"#;

#[test]
fn model_id_only_in_terraform_tfvars() {
    let dir = project(
        "prescan_tfvars",
        &[
            ("stack/main.tf", LAMBDA_WITH_VAR),
            (
                "stack/variables.tf",
                "variable \"model\" { type = string }\n",
            ),
            (
                "stack/terraform.tfvars",
                "model = \"us.anthropic.claude-3-5-haiku-20241022-v1:0\"\n",
            ),
            ("vpc/main.tf", PLAIN_VPC),
        ],
    );
    let report = both_ways(std::slice::from_ref(&dir), &Overrides::default());
    assert_eq!(
        addresses_and_models(&report),
        [(
            "aws_lambda_function.chat".to_string(),
            Some("us.anthropic.claude-3-5-haiku-20241022-v1:0".to_string())
        )]
    );
    assert_eq!(skipped(&dir), ["vpc"]);
}

#[test]
fn model_id_only_in_a_variable_default_of_another_file() {
    let dir = project(
        "prescan_default",
        &[
            ("stack/main.tf", LAMBDA_WITH_VAR),
            (
                "stack/variables.tf",
                "variable \"model\" {\n  default = \"amazon.nova-lite-v1:0\"\n}\n",
            ),
            ("stack/network.tf", PLAIN_VPC),
        ],
    );
    let report = both_ways(std::slice::from_ref(&dir), &Overrides::default());
    assert_eq!(report.resources.len(), 1);
    assert!(skipped(&dir).is_empty());
}

#[test]
fn model_id_passed_by_a_caller_to_a_module_without_markers() {
    let dir = project(
        "prescan_caller",
        &[
            (
                "live/main.tf",
                "provider \"aws\" { region = \"eu-west-1\" }\n\nmodule \"chat\" {\n  source = \"../modules/lambda\"\n  model  = \"eu.anthropic.claude-3-7-sonnet-20250219-v1:0\"\n}\n",
            ),
            ("modules/lambda/main.tf", LAMBDA_WITH_VAR),
            ("modules/lambda/variables.tf", "variable \"model\" { type = string }\n"),
        ],
    );
    let report = both_ways(std::slice::from_ref(&dir), &Overrides::default());
    assert_eq!(
        addresses_and_models(&report),
        [(
            "module.chat.aws_lambda_function.chat".to_string(),
            Some("eu.anthropic.claude-3-7-sonnet-20250219-v1:0".to_string())
        )]
    );
    // The module directory alone has no marker: skipped as a directory, read through the call.
    assert_eq!(skipped(&dir), ["modules/lambda"]);
}

#[test]
fn a_caller_without_markers_of_a_bedrock_module_is_read() {
    // Without the caller, the module's resource would be reported on its own, unprefixed and with
    // its default units: the caller matters although it names no model.
    let dir = project(
        "prescan_callee_marker",
        &[
            (
                "live/main.tf",
                "module \"capacity\" {\n  source = \"../modules/pt\"\n  units  = 3\n}\n",
            ),
            (
                "modules/pt/main.tf",
                "variable \"units\" { default = 1 }\n\nresource \"aws_bedrock_provisioned_model_throughput\" \"this\" {\n  provisioned_model_name = \"pt\"\n  model_arn   = \"arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k\"\n  model_units = var.units\n  commitment_duration = \"OneMonth\"\n}\n",
            ),
            ("other/main.tf", PLAIN_VPC),
        ],
    );
    let report = both_ways(std::slice::from_ref(&dir), &Overrides::default());
    assert_eq!(
        addresses_and_models(&report)[0].0,
        "module.capacity.aws_bedrock_provisioned_model_throughput.this"
    );
    assert_eq!(skipped(&dir), ["other"]);
}

#[test]
fn markers_two_module_levels_down() {
    let dir = project(
        "prescan_nested",
        &[
            (
                "live/main.tf",
                "module \"a\" {\n  source = \"../modules/a\"\n  name   = \"x\"\n}\n",
            ),
            (
                "modules/a/main.tf",
                "variable \"name\" {}\nmodule \"b\" {\n  source = \"../b\"\n  name   = var.name\n}\n",
            ),
            (
                "modules/b/main.tf",
                "variable \"name\" {}\nresource \"aws_bedrockagent_agent\" \"x\" {\n  agent_name       = var.name\n  foundation_model = \"us.amazon.nova-pro-v1:0\"\n}\n",
            ),
        ],
    );
    let report = both_ways(std::slice::from_ref(&dir), &Overrides::default());
    assert_eq!(
        addresses_and_models(&report)[0].0,
        "module.a.module.b.aws_bedrockagent_agent.x"
    );
    assert!(skipped(&dir).is_empty());
}

#[test]
fn a_called_module_outside_the_linted_path_is_scanned_from_disk() {
    let dir = project(
        "prescan_outside",
        &[
            (
                "live/main.tf",
                "module \"capacity\" {\n  source = \"../shared/pt\"\n}\n",
            ),
            (
                "shared/pt/main.tf",
                "resource \"aws_bedrock_provisioned_model_throughput\" \"this\" {\n  provisioned_model_name = \"pt\"\n  model_arn   = \"arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-lite-v1:0:4k\"\n  model_units = 1\n}\n",
            ),
        ],
    );
    let report = both_ways(&[dir.join("live")], &Overrides::default());
    assert_eq!(report.resources.len(), 1);
}

#[test]
fn model_ids_built_by_evaluation() {
    let dir = project(
        "prescan_built",
        &[
            (
                "join/main.tf",
                "locals {\n  model = join(\".\", [\"anthropic\", \"claude-3-haiku-20240307-v1:0\"])\n}\nresource \"aws_lambda_function\" \"f\" {\n  function_name = \"f\"\n  environment {\n    variables = { MODEL = local.model }\n  }\n}\n",
            ),
            (
                "lower/main.tf",
                "resource \"aws_lambda_function\" \"f\" {\n  function_name = \"f\"\n  environment {\n    variables = { MODEL = lower(\"META.LLAMA3-1-8B-INSTRUCT-V1:0\") }\n  }\n}\n",
            ),
            (
                "each_key/main.tf",
                "resource \"aws_lambda_function\" \"f\" {\n  for_each      = { amazon = \"nova-micro-v1:0\" }\n  function_name = \"f\"\n  environment {\n    variables = { MODEL = \"${each.key}.${each.value}\" }\n  }\n}\n",
            ),
            (
                "escape/main.tf",
                "resource \"aws_lambda_function\" \"f\" {\n  function_name = \"f\"\n  environment {\n    variables = { MODEL = \"\\u0061mazon.nova-lite-v1:0\" }\n  }\n}\n",
            ),
            ("plain/main.tf", PLAIN_VPC),
        ],
    );
    let report = both_ways(std::slice::from_ref(&dir), &Overrides::default());
    let models: Vec<Option<String>> = addresses_and_models(&report)
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    for m in [
        "anthropic.claude-3-haiku-20240307-v1:0",
        "amazon.nova-micro-v1:0",
        "amazon.nova-lite-v1:0",
    ] {
        assert!(models.contains(&Some(m.to_string())), "{m}: {models:?}");
    }
    // Whatever the extractor makes of `lower("META...")`, its directory is read, not skipped.
    assert_eq!(skipped(&dir), ["plain"]);
}

#[test]
fn app_config_directories() {
    let dir = project(
        "prescan_app",
        &[
            (
                "litellm/config.yaml",
                "model_list:\n  - model_name: chat\n    litellm_params:\n      model: bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0\n",
            ),
            (
                "cfn/template.yaml",
                "Resources:\n  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      AgentName: a\n      FoundationModel: !Ref ModelParam\n",
            ),
            ("env/.env", "MODEL=amazon.nova-pro-v1:0\n"),
            // YAML decodes `\x61` to `a`: the only trace of the model is an escape.
            (
                "escaped/app.yaml",
                "chat:\n  model: \"\\x61nthropic.claude-3-5-haiku-20241022-v1:0\"\n",
            ),
            ("web/settings.json", "{ \"port\": 8080, \"region\": \"us-east-1\" }\n"),
            ("web/app.yaml", "server:\n  port: 8080\n"),
        ],
    );
    let report = both_ways(std::slice::from_ref(&dir), &Overrides::default());
    assert_eq!(
        report.resources.len(),
        4,
        "{:#?}",
        addresses_and_models(&report)
    );
    assert_eq!(skipped(&dir), ["web"]);
}

#[test]
fn a_var_file_with_a_model_reaches_every_directory() {
    let dir = project(
        "prescan_var_file",
        &[
            ("stack/main.tf", LAMBDA_WITH_VAR),
            (
                "stack/variables.tf",
                "variable \"model\" { type = string }\n",
            ),
            ("prod.tfvars", "model = \"amazon.nova-micro-v1:0\"\n"),
        ],
    );
    let overrides = Overrides {
        var_files: vec![dir.join("prod.tfvars")],
        ..Overrides::default()
    };
    let report = both_ways(&[dir.join("stack")], &overrides);
    assert_eq!(report.resources.len(), 1);
}

#[test]
fn unreadable_input_and_named_files_are_never_skipped() {
    let dir = project(
        "prescan_errors",
        &[("named/main.tf", PLAIN_VPC), ("ok/main.tf", PLAIN_VPC)],
    );
    std::fs::write(dir.join("latin1/main.tf"), b"").ok();
    std::fs::create_dir_all(dir.join("latin1")).expect("dir");
    std::fs::write(
        dir.join("latin1/main.tf"),
        b"# caf\xe9\nresource \"aws_vpc\" \"v\" {}\n",
    )
    .expect("write");
    let report = both_ways(std::slice::from_ref(&dir), &Overrides::default());
    assert!(report.has_input_errors(), "the non-UTF-8 file is reported");
    assert_eq!(skipped(&dir), ["named", "ok"]);
    // A file named on the command line is read (here: its syntax error is reported).
    std::fs::write(dir.join("named/broken.tf"), "resource \"aws_vpc\" {\n").expect("write");
    let report = both_ways(&[dir.join("named/broken.tf")], &Overrides::default());
    assert!(report.has_input_errors());
}

#[test]
fn every_provider_is_a_marker() {
    // The pre-scan's words are the parser's providers (one list): an ID of each is a marker.
    for p in prescan::PROVIDER_WORDS {
        let id = format!("{p}.some-model-v1:0");
        assert!(bedrock_lint::model::ModelRef::parse(&id).is_some());
        assert!(prescan::has_marker(id.as_bytes()), "{id}");
    }
}

#[test]
fn demo_and_fixtures_are_unchanged() {
    // Every fixture at once (plans, malformed input, app config, modules), and some on their own.
    for dir in [
        "fixtures",
        "fixtures/demo",
        "fixtures/modules",
        "fixtures/malformed",
    ] {
        both_ways(&[PathBuf::from(dir)], &Overrides::default());
    }
}

#[test]
fn generated_monorepos_are_unchanged() {
    // The benchmark generator's shapes (tfvars, defaults, module arguments, Bedrock modules called
    // by stacks without markers, app config), three seeds.
    for seed in [1, 2, 3] {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("prescan_generated_{seed}"));
        let _ = std::fs::remove_dir_all(&dir);
        let mut w = monorepo::Writer::default();
        monorepo::generate_tree(400, seed, &mut w);
        w.flush(&dir).expect("write the generated tree");
        let report = both_ways(std::slice::from_ref(&dir), &Overrides::default());
        assert!(
            !report.resources.is_empty(),
            "seed {seed}: Bedrock is found"
        );
        assert!(
            !skipped(&dir).is_empty(),
            "seed {seed}: something is skipped"
        );
    }
}
