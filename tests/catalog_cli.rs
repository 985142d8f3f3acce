//! `bedrock-lint catalog [MODEL]`: snapshots of the list and of one model's page, and the binary's
//! exit codes. Today is pinned to 2026-12-01.

use assert_cmd::Command;
use bedrock_lint::pricing::{Catalog, Date};
use bedrock_lint::report::{render_catalog_list, render_catalog_model};

fn catalog() -> Catalog {
    let mut c = Catalog::load(&[]).expect("catalog");
    c.today = Date::parse("2026-12-01").expect("date");
    c
}

#[test]
fn catalog_list_snapshot() {
    insta::assert_snapshot!("catalog_list", render_catalog_list(&catalog()));
}

#[test]
fn catalog_model_pages() {
    let c = catalog();
    // Sonnet 4.6: global 3.00 / 15.00, geo and in-Region × 1.10 = 3.30 / 16.50; batch 1.50 / 7.50
    // global, 1.65 / 8.25 regional; reserved tier (third-party scrape) shown as an estimate.
    insta::assert_snapshot!(
        "catalog_sonnet_4_6",
        render_catalog_model(&c, "anthropic.claude-sonnet-4-6").expect("catalogued")
    );
    // Llama 3 70B: US 2.65 / 3.50 and its Region rows (eu-west-1 2.86 / 3.78 … sa-east-1 4.45 / 5.88).
    insta::assert_snapshot!(
        "catalog_llama3_70b",
        render_catalog_model(&c, "meta.llama3-70b-instruct-v1:0").expect("catalogued")
    );
    assert!(render_catalog_model(&c, "anthropic.claude-sonnet-9").is_none());
}

#[test]
fn the_binary_shows_a_page_strips_a_profile_prefix_and_rejects_unknown_ids() {
    let out = Command::cargo_bin("bedrock-lint")
        .expect("binary")
        .args(["catalog", "global.anthropic.claude-opus-4-6-v1"])
        .env("BEDROCK_LINT_TODAY", "2026-12-01")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Claude Opus 4.6 (`anthropic.claude-opus-4-6-v1`)"),
        "{text}"
    );
    let out = Command::cargo_bin("bedrock-lint")
        .expect("binary")
        .args(["catalog", "anthropic.claude-sonnet-9"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not in the catalog of 2026-10-05"));
}

#[test]
fn a_run_names_the_catalog_date_and_says_when_it_is_stale() {
    let run = |today: &str| {
        let out = Command::cargo_bin("bedrock-lint")
            .expect("binary")
            .args(["fixtures/rules/BL019-end-of-life-model/fail-legacy"])
            .env("BEDROCK_LINT_TODAY", today)
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let fresh = run("2026-12-01");
    assert!(
        fresh.contains("prices from the bedrock-lint catalog of 2026-10-05"),
        "{fresh}"
    );
    assert!(!fresh.contains("days older than today"), "{fresh}");
    // 2026-10-05 → 2027-06-01: 26 + 30 + 31 + 31 + 28 + 31 + 30 + 31 + 1 = 239 days.
    let stale = run("2027-06-01");
    assert!(
        stale.contains("the pricing catalog is 239 days older than today (2027-06-01)"),
        "{stale}"
    );
    // The same legacy model is end of life by then (2027-01-08): an error, not a countdown.
    assert!(
        stale.contains("reached end of life on 2027-01-08"),
        "{stale}"
    );
}

#[test]
fn catalog_services_lists_what_is_billed_besides_tokens() {
    let page = bedrock_lint::report::render_catalog_services(&catalog());
    // The vector floor's price, marked as a third party's, and a price from AWS's own material.
    let ocu = page
        .lines()
        .find(|l| l.starts_with("opensearch_serverless.ocu_hour"))
        .expect("OCU row");
    assert!(
        ocu.contains("$0.24 per OCU-hour") && ocu.ends_with("estimate"),
        "{ocu}"
    );
    let logs = page
        .lines()
        .find(|l| l.starts_with("cloudwatch_logs.ingestion"))
        .expect("log ingestion row");
    assert!(
        logs.contains("$0.50 per GB") && !logs.contains("estimate"),
        "{logs}"
    );
    assert!(page.contains("$1.49 per 1M tokens trained, meta.llama3-1-8b-instruct-v1:0"));
    insta::assert_snapshot!(page);
}
