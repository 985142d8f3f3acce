//! `bedrock-lint usage`: the skeleton names exactly the keys the usage lookup reads, and `--write`
//! merges it into `.bedrock-lint.toml` keeping the user's comments and values; the next run prices.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let out = Command::cargo_bin("bedrock-lint")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

const MAIN: &str = r#"provider "aws" {
  region = "us-east-1"
}

resource "aws_lambda_function" "chat" {
  function_name = "chat"
  role          = "arn:aws:iam::123456789012:role/chat"
  environment {
    variables = {
      MODEL_ID   = "global.anthropic.claude-sonnet-4-5-20250929-v1:0"
      SUMMARIZER = "amazon.nova-lite-v1:0"
    }
  }
}

resource "aws_lambda_function" "tagger" {
  function_name = "tagger"
  role          = "arn:aws:iam::123456789012:role/tagger"
  environment {
    variables = {
      MODEL_ID = "amazon.nova-micro-v1:0"
    }
  }
}
"#;

const CONFIG: &str = r#"# Our Bedrock settings.
fail_on = "error"

# Measured in October.
[usage."aws_lambda_function.tagger"]
input_tokens_per_month = 5_000_000 # from CloudWatch
"#;

#[test]
fn skeleton_names_the_lookup_keys() {
    let dir = common::project("usage-skeleton", &[("main.tf", MAIN)]);
    let (out, code) = run(&dir, &["usage"]);
    assert_eq!(code, 0, "{out}");
    // Two model strings in one Lambda: one key each; one in the other: its address.
    assert!(
        out.contains("[usage.\"aws_lambda_function.chat#environment.variables.MODEL_ID\"]\ninput_tokens_per_month = 0  # input (prompt) tokens sent per month\noutput_tokens_per_month = 0  # output (completion) tokens generated per month\n"),
        "{out}"
    );
    assert!(
        out.contains("[usage.\"aws_lambda_function.chat#environment.variables.SUMMARIZER\"]"),
        "{out}"
    );
    assert!(
        out.contains("[usage.\"aws_lambda_function.tagger\"]"),
        "{out}"
    );
    // The skeleton is valid TOML.
    let parsed: Result<toml::Table, _> = toml::from_str(&out);
    assert!(parsed.is_ok(), "{out}");
}

#[test]
fn write_merges_keeping_what_is_there_and_the_next_run_prices() {
    let dir = common::project(
        "usage-write",
        &[("main.tf", MAIN), (".bedrock-lint.toml", CONFIG)],
    );
    let (before, _) = run(&dir, &["cost", "."]);
    let (out, code) = run(&dir, &["usage", "--write", "."]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 usage entries added"), "{out}");
    let written = std::fs::read_to_string(dir.join(".bedrock-lint.toml")).expect("config");
    // The user's comments, values and order are kept; the missing key of their entry is added.
    assert!(
        written.starts_with("# Our Bedrock settings.\nfail_on = \"error\"\n\n# Measured in October.\n[usage.\"aws_lambda_function.tagger\"]\ninput_tokens_per_month = 5_000_000 # from CloudWatch\n"),
        "{written}"
    );
    assert!(
        written.contains("[usage.\"aws_lambda_function.chat#environment.variables.MODEL_ID\"]"),
        "{written}"
    );
    // The tagger entry already has input; output is its only need, so nothing is added to it.
    assert_eq!(
        written.matches("aws_lambda_function.tagger").count(),
        1,
        "{written}"
    );
    // Idempotent: a second write adds nothing.
    let (again, _) = run(&dir, &["usage", "--write", "."]);
    assert!(again.starts_with("0 usage entries added"), "{again}");
    assert_eq!(
        std::fs::read_to_string(dir.join(".bedrock-lint.toml")).expect("config"),
        written
    );
    // The config loads, and the next run prices every call (at the 0s, until they are set).
    let (after, code) = run(&dir, &["cost", "."]);
    assert_eq!(code, 0, "{after}");
    assert_ne!(before, after);
    let report = common::lint_dir(&dir);
    assert!(
        report
            .resources
            .iter()
            .all(|r| r.cost.monthly_usd.is_some()),
        "{:#?}",
        report
            .resources
            .iter()
            .map(|r| (&r.resource.address, &r.cost.status))
            .collect::<Vec<_>>()
    );
}
