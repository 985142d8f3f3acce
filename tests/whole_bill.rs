//! Issue #14's "done when": a knowledge base on a vector collection, a guardrail and a custom model
//! are priced as components, every figure checked by hand against the catalog (`rules/pricing.toml`,
//! `[services.*]`), and a project with no usage declared says what is fixed and what needs usage.

mod common;

use std::path::Path;
use std::process::Command;

use bedrock_lint::pricing::{CostStatus, PricedResource, Quantity};
use bedrock_lint::Report;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn resource<'a>(report: &'a Report, address: &str) -> &'a PricedResource {
    report
        .resources
        .iter()
        .find(|r| r.resource.address == address)
        .unwrap_or_else(|| panic!("{address} not found"))
}

/// `(key, quantity, monthly)` of each component.
fn components(r: &PricedResource) -> Vec<(String, Option<Decimal>, Option<Decimal>)> {
    r.cost
        .components
        .iter()
        .map(|c| (c.key.clone(), c.quantity.value(), c.monthly()))
        .collect()
}

#[test]
fn standby_replicas_floor_guardrail_and_custom_model() {
    let report = common::lint_dir(Path::new("fixtures/whole-bill/standby"));

    // 2 OCU (standby replicas, the default) × 730 h = 1,460 OCU-hours × $0.24 = $350.40.
    let collection = resource(&report, "aws_opensearchserverless_collection.docs");
    assert_eq!(
        components(collection),
        [("ocu_floor".into(), Some(dec!(1460)), Some(dec!(350.40)))]
    );
    let floor = &collection.cost.components[0];
    assert!(matches!(floor.quantity, Quantity::Fixed(_)));
    assert_eq!(floor.price.usd, dec!(0.24));
    assert!(floor.price.estimate, "the OCU price is a third party's");
    assert_eq!(collection.cost.status, CostStatus::Priced);
    assert_eq!(collection.cost.monthly_usd, Some(dec!(350.40)));

    // 1,000,000 text units = 1,000 × (content $0.15 + denied topics $0.15 + grounding $0.10) = $400;
    // word filters are free.
    let guardrail = resource(&report, "aws_bedrock_guardrail.chat");
    assert_eq!(
        components(guardrail),
        [
            (
                "content_filters".into(),
                Some(dec!(1000000)),
                Some(dec!(150))
            ),
            ("denied_topics".into(), Some(dec!(1000000)), Some(dec!(150))),
            (
                "contextual_grounding".into(),
                Some(dec!(1000000)),
                Some(dec!(100))
            ),
        ]
    );
    assert_eq!(guardrail.cost.monthly_usd, Some(dec!(400)));
    assert!(guardrail
        .cost
        .assumptions
        .iter()
        .any(|a| a.contains("word filters: free")));

    // Storage: one model × $1.95 a month. Training, once: 10M dataset tokens × 3 epochs = 30M tokens
    // × $1.49 per 1M (Llama 3.1 8B, aws-pricing-cache 2026-10-05) = $44.70, kept out of the month.
    let custom = resource(&report, "aws_bedrock_custom_model.tone");
    assert_eq!(
        components(custom),
        [
            ("storage".into(), Some(dec!(1)), Some(dec!(1.95))),
            ("training".into(), Some(dec!(30000000)), None),
        ]
    );
    assert_eq!(custom.cost.monthly_usd, Some(dec!(1.95)));
    assert_eq!(custom.cost.one_time_usd(), Some(dec!(44.70)));

    // The knowledge base's own cost is its embedding tokens (no usage here); its vectors are priced
    // on the collection, once.
    let kb = resource(&report, "aws_bedrockagent_knowledge_base.docs");
    assert_eq!(kb.cost.status, CostStatus::UsageUnknown);
    assert_eq!(kb.cost.monthly_usd, None);
    assert!(
        kb.cost
            .assumptions
            .iter()
            .any(|a| a.contains("aws_opensearchserverless_collection.docs")),
        "{:?}",
        kb.cost.assumptions
    );

    // $350.40 + $400.00 + $1.95
    assert_eq!(report.monthly_total(), dec!(752.35));
}

#[test]
fn without_standby_replicas_the_floor_halves() {
    let report = common::lint_dir(Path::new("fixtures/whole-bill/no-standby"));
    // 1 OCU × 730 h × $0.24 = $175.20.
    let collection = resource(&report, "aws_opensearchserverless_collection.docs");
    assert_eq!(
        components(collection),
        [("ocu_floor".into(), Some(dec!(730)), Some(dec!(175.20)))]
    );
    // $175.20 + $400.00 + $1.95
    assert_eq!(report.monthly_total(), dec!(577.15));
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
}

/// A new user's project with no usage: the fixed parts are priced, the rest is named with the usage
/// it needs, and `usage --write` gives a config that the next run prices in full.
#[test]
fn no_usage_declared_then_usage_write() {
    let main = std::fs::read_to_string("fixtures/whole-bill/standby/main.tf").expect("fixture");
    let dir = common::project("whole-bill-new-user", &[("main.tf", &main)]);
    let report = common::lint_dir(&dir);
    // Fixed without usage: the floor and the storage ($350.40 + $1.95).
    assert_eq!(report.monthly_total(), dec!(352.35));
    let mut needs: Vec<(&str, Vec<&str>)> = report
        .resources
        .iter()
        .map(|r| (r.resource.address.as_str(), r.cost.usage_needed()))
        .filter(|(_, n)| !n.is_empty())
        .collect();
    needs.sort();
    assert_eq!(
        needs,
        [
            (
                "aws_bedrock_custom_model.tone",
                vec!["training_dataset_tokens"]
            ),
            ("aws_bedrock_guardrail.chat", vec!["text_units_per_month"]),
            (
                "aws_bedrockagent_knowledge_base.docs",
                vec!["input_tokens_per_month"]
            ),
        ]
    );

    let out = bin()
        .args(["usage", "--write", "."])
        .current_dir(&dir)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(dir.join(".bedrock-lint.toml")).expect("written");
    for key in [
        "[usage.\"aws_bedrock_guardrail.chat\"]",
        "text_units_per_month = 0",
        "[usage.\"aws_bedrock_custom_model.tone\"]",
        "training_dataset_tokens = 0",
    ] {
        assert!(written.contains(key), "{key} missing from:\n{written}");
    }
    // The user fills one volume in; the next run prices it (1,000 × $0.40 = $400).
    let filled = written.replace(
        "text_units_per_month = 0",
        "text_units_per_month = 1_000_000",
    );
    std::fs::write(dir.join(".bedrock-lint.toml"), filled).expect("write");
    let report = common::lint_dir(&dir);
    assert!(report
        .resources
        .iter()
        .all(|r| r.cost.usage_needed().is_empty()));
    assert_eq!(
        resource(&report, "aws_bedrock_guardrail.chat")
            .cost
            .monthly_usd,
        Some(dec!(400))
    );
}

/// A function calling a model brought in with Custom Model Import is billed per Custom-Model-Unit
/// minute and stores its units every month; neither is a per-token price.
#[test]
fn imported_model_priced_per_custom_model_unit() {
    let tf = r#"
provider "aws" {
  region = "us-east-1"
}

resource "aws_lambda_function" "summarise" {
  function_name = "summarise"
  role          = "arn:aws:iam::123456789012:role/summarise"
  image_uri     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/summarise:1"
  package_type  = "Image"

  environment {
    variables = {
      MODEL_ARN = "arn:aws:bedrock:us-east-1:123456789012:imported-model/k2x7q9m4p1ab"
    }
  }
}
"#;
    let config = r#"
[usage."aws_lambda_function.summarise"]
custom_model_unit_minutes_per_month = 6_000
custom_model_units = 2
"#;
    let dir = common::project(
        "whole-bill-imported",
        &[("main.tf", tf), (".bedrock-lint.toml", config)],
    );
    let report = common::lint_dir(&dir);
    let r = resource(&report, "aws_lambda_function.summarise");
    // 6,000 CMU-minutes × $0.05718 = $343.08; storage 2 CMU × $1.95 = $3.90 (the scrape of AWS's page,
    // 2026-07-24: estimates).
    assert_eq!(
        components(r),
        [
            ("cmu_minute".into(), Some(dec!(6000)), Some(dec!(343.08))),
            ("storage".into(), Some(dec!(2)), Some(dec!(3.90))),
        ]
    );
    assert_eq!(r.cost.monthly_usd, Some(dec!(346.98)));
    assert!(r.cost.estimate);
    assert!(report.diagnostics.iter().all(|d| d.code != "BL007"));
}

/// A contract's OCU price replaces the estimate, and must say where it comes from.
#[test]
fn price_book_states_a_different_ocu_price() {
    let tf = r#"
provider "aws" {
  region = "us-east-1"
}

resource "aws_opensearchserverless_collection" "kb" {
  name = "kb"
  type = "VECTORSEARCH"
}
"#;
    let book = r#"
[services.opensearch_serverless.components.ocu_hour]
price = "0.20"
source = "our enterprise agreement, 2026-11"
as_of = "2026-11-15"
confidence = "published"
"#;
    let dir = common::project(
        "whole-bill-price-book",
        &[
            ("main.tf", tf),
            ("book.toml", book),
            (".bedrock-lint.toml", "pricing = \"book.toml\"\n"),
        ],
    );
    let report = common::lint_dir(&dir);
    // 2 OCU × 730 h × $0.20 = $292.00, no longer an estimate.
    let r = resource(&report, "aws_opensearchserverless_collection.kb");
    assert_eq!(r.cost.monthly_usd, Some(dec!(292)));
    assert!(!r.cost.components[0].price.estimate);
    assert_eq!(
        r.cost.components[0].price.source,
        "our enterprise agreement, 2026-11"
    );

    std::fs::write(
        dir.join("book.toml"),
        "[services.opensearch_serverless.components.ocu_hour]\nprice = \"0.20\"\n",
    )
    .expect("write");
    let err = bedrock_lint::config::Config::load(&dir, &Default::default())
        .map(|_| ())
        .expect_err("an unsourced price is refused")
        .to_string();
    assert!(
        err.contains("without its own `source` and `as_of`"),
        "{err}"
    );
}

/// Vector collections of one account and Region share their OCUs (one KMS key): two collections in
/// one configuration pay one floor, counted on the one with the larger floor.
#[test]
fn collections_of_one_configuration_share_one_floor() {
    let tf = r#"
provider "aws" {
  region = "us-east-1"
}

resource "aws_opensearchserverless_collection" "faq" {
  name             = "faq"
  type             = "VECTORSEARCH"
  standby_replicas = "DISABLED"
}

resource "aws_opensearchserverless_collection" "manuals" {
  name = "manuals"
  type = "VECTORSEARCH"
}
"#;
    let dir = common::project("whole-bill-shared-floor", &[("main.tf", tf)]);
    let report = common::lint_dir(&dir);
    // The standby collection's 2-OCU floor covers both: 2 × 730 × $0.24 = $350.40, once.
    let manuals = resource(&report, "aws_opensearchserverless_collection.manuals");
    assert_eq!(manuals.cost.monthly_usd, Some(dec!(350.40)));
    assert!(manuals
        .cost
        .assumptions
        .iter()
        .any(|a| a.contains("shared with 1 other vector collection")));
    let faq = resource(&report, "aws_opensearchserverless_collection.faq");
    assert_eq!(faq.cost.monthly_usd, None);
    assert_eq!(
        faq.shares_floor_with.as_deref(),
        Some("aws_opensearchserverless_collection.manuals")
    );
    assert_eq!(report.monthly_total(), dec!(350.40));
}
