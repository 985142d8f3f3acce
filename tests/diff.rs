//! `bedrock-lint diff BASE HEAD`: a PR that adds a provisioned throughput and changes a routing.

use std::path::Path;

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::diff::{diff, ChangeKind};
use bedrock_lint::report::{
    render_diff_json, render_diff_markdown, render_diff_text, MarkdownOptions,
};
use rust_decimal_macros::dec;

fn pr() -> bedrock_lint::diff::DiffReport {
    let config =
        Config::load(Path::new("fixtures/diff/head"), &Overrides::default()).expect("config");
    diff(
        Path::new("fixtures/diff/base"),
        Path::new("fixtures/diff/head"),
        &config,
    )
}

#[test]
fn deltas_per_resource_and_in_total() {
    let d = pr();
    let rows: Vec<(ChangeKind, String, Option<rust_decimal::Decimal>)> = d
        .changes
        .iter()
        .map(|c| (c.kind, c.address.clone(), c.delta()))
        .collect();
    assert_eq!(
        rows,
        [
            // 1 MU × $5.10 (6 months) × 730 h
            (
                ChangeKind::Added,
                "aws_bedrock_provisioned_model_throughput.summaries".to_string(),
                Some(dec!(3723.00))
            ),
            // 1,000M × ($3.00 − $3.30) + 200M × ($15.00 − $16.50): us. → global.
            (
                ChangeKind::Changed,
                "aws_lambda_function.chat".to_string(),
                Some(dec!(-600))
            ),
        ]
    );
    // The unchanged PT ($13,432) is not listed but counts in both totals.
    assert_eq!(d.base_total(), dec!(20032));
    assert_eq!(d.head_total(), dec!(23155));
    assert_eq!(d.delta(), dec!(3123));
    // BL001 on the old routing is gone; the new PT's BL006 is new, and so is BL012 at the new routing
    // (Sonnet 4.5 global 3.00 / 15.00 → Sonnet 5 global 2.00 / 10.00; its message names the prices).
    let new: Vec<&str> = d.new_findings.iter().map(|f| f.code).collect();
    assert_eq!(new, ["BL012", "BL006"]);
}

#[test]
fn identical_trees_have_no_changes() {
    let config =
        Config::load(Path::new("fixtures/diff/head"), &Overrides::default()).expect("config");
    let d = diff(
        Path::new("fixtures/diff/head"),
        Path::new("fixtures/diff/head"),
        &config,
    );
    assert!(d.changes.is_empty());
    assert!(d.new_findings.is_empty());
    assert_eq!(d.delta(), dec!(0));
}

#[test]
fn fail_on_increase_sets_the_exit_code() {
    let run = |limit: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
            .args([
                "diff",
                "fixtures/diff/base",
                "fixtures/diff/head",
                "--fail-on",
                "never",
                "--fail-on-increase",
                limit,
            ])
            .output()
            .expect("runs")
            .status
            .code()
    };
    assert_eq!(run("5000"), Some(0));
    assert_eq!(run("3000"), Some(1));
}

#[test]
fn diff_snapshots() {
    let d = pr();
    insta::assert_snapshot!("diff_text", render_diff_text(&d));
    insta::assert_snapshot!("diff_json", render_diff_json(&d));
    insta::assert_snapshot!(
        "diff_markdown",
        render_diff_markdown(&d, &MarkdownOptions::default())
    );
}

#[test]
fn a_removed_resource_is_shown_where_the_pull_request_has_its_file() {
    // The base checkout lives elsewhere (a temporary worktree); the head is the working tree.
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-removed");
    let _ = std::fs::remove_dir_all(&root);
    let (base, head) = (root.join("base-checkout"), root.join("pr"));
    for dir in [&base, &head] {
        std::fs::create_dir_all(dir).expect("dir");
        std::fs::write(
            dir.join("providers.tf"),
            "provider \"aws\" {\n  region = \"us-east-1\"\n}\n",
        )
        .expect("write");
    }
    std::fs::write(
        base.join("bedrock.tf"),
        "resource \"aws_bedrock_provisioned_model_throughput\" \"old\" {\n  provisioned_model_name = \"old\"\n  model_arn = \"arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-lite-v1:0:4k\"\n  model_units = 1\n}\n",
    )
    .expect("write");
    std::fs::write(head.join("bedrock.tf"), "# removed\n").expect("write");
    let config = Config::load(&head, &Overrides::default()).expect("config");
    let d = diff(&base, &head, &config);
    let removed: Vec<&bedrock_lint::diff::ResourceDelta> = d
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Removed)
        .collect();
    assert_eq!(removed.len(), 1, "{:?}", d.changes);
    let shown = removed[0].span.path();
    assert!(
        !shown.contains("base-checkout") && shown.ends_with("pr/bedrock.tf"),
        "{shown}"
    );
    assert_eq!(removed[0].span.line, 1);
}
