//! Cost components in every output, and "unknown is not free": small projects under
//! `fixtures/report/` whose resources are each one kind of component, rendered in every format.
//!
//! Prices (rules/pricing.toml, `bedrock-lint catalog MODEL`), us-east-1:
//! - `amazon.titan-text-express-v1` provisioned, 1-month term: $18.40 per model-unit-hour.
//! - `amazon.nova-lite-v1:0`: $0.06 / $0.24 per 1M input/output tokens.
//! - `amazon.nova-micro-v1:0`: $0.035 / $0.14 per 1M input/output tokens.
//! - custom model storage: $1.95 per model per month; training `meta.llama3-1-8b-instruct-v1:0`:
//!   $1.49 per 1M tokens trained (dataset tokens × epochs).

mod common;

use std::path::Path;

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::report::{
    render, render_cost_breakdown, render_diff_json, render_diff_markdown, render_diff_text,
    render_json, render_text, MarkdownOptions, OutputFormat, RenderOptions, TextOptions,
};
use serde_json::Value;

fn mixed() -> bedrock_lint::Report {
    common::lint_dir(Path::new("fixtures/report/mixed"))
}

fn usage_unknown() -> bedrock_lint::Report {
    common::lint_dir(Path::new("fixtures/report/usage-unknown"))
}

/// The summary line as one string (the text output wraps it).
fn summary(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .rposition(|l| l.contains(" errors, ") || l.contains(" error, "))
        .expect("a summary line");
    let mut out = lines[at].to_string();
    for l in &lines[at + 1..] {
        match l.strip_prefix("  ") {
            Some(rest) if !rest.starts_with(' ') && !rest.starts_with("note:") => {
                out.push(' ');
                out.push_str(rest);
            }
            _ => break,
        }
    }
    out
}

// writer: 1 MU × 730 h × $18.40 = $13,432.00 (fixed)
// tone and triage: storage 1 × $1.95 = $1.95 each (fixed)
// tone training: 30,000,000 tokens × 2 epochs = 60M tokens × $1.49 / 1M = $89.40 (one-time)
// answer's ANSWER_MODEL_ID: 400M × $0.06 / 1M = $24.00 + 50M × $0.24 / 1M = $12.00 = $36.00 (usage)
// fixed: $13,432.00 + $1.95 + $1.95 = $13,435.90; total: $13,435.90 + $36.00 = $13,471.90
// needs usage: triage (its training's dataset tokens) and ROUTER_MODEL_ID (token volumes);
// not priced: LEGACY_MODEL_ID (not in the catalog).
#[test]
fn the_summary_splits_fixed_and_usage_and_counts_what_needs_usage() {
    let text = render_text(&mixed(), TextOptions::default());
    assert_eq!(
        summary(&text),
        "0 errors, 1 warning, 3 infos in 1 file · 6 Bedrock resources · estimated $13,471.90/month \
         ($13,435.90 fixed + $36.00 from declared usage) + $89.40 one-time; 2 resources need usage \
         to be priced (bedrock-lint usage); 1 resource not priced (no price in the catalog, or a \
         value unknown)"
    );
}

#[test]
fn nothing_known_is_never_shown_as_zero_dollars() {
    let report = usage_unknown();
    let text = render_text(&report, TextOptions::default());
    assert_eq!(
        summary(&text),
        "0 errors, 0 warnings, 0 infos in 1 file · 2 Bedrock resources · no monthly figure yet: \
         2 resources need usage to be priced (bedrock-lint usage)"
    );
    let cost = render_cost_breakdown(&report, Some(80));
    let markdown = render(&report, OutputFormat::Markdown, &RenderOptions::default());
    for out in [&text, &cost, &markdown] {
        assert!(!out.contains("$0.00"), "{out}");
    }
    assert!(
        markdown.contains("## bedrock-lint: no monthly figure yet"),
        "{markdown}"
    );
    // The unit prices are shown all the same: Nova Lite $0.06 / $0.24, Nova Micro $0.035 / $0.14.
    for price in [
        "$0.06 per 1M input tokens",
        "$0.24 per 1M output tokens",
        "$0.035 per 1M input tokens",
        "$0.14 per 1M output tokens",
    ] {
        assert!(cost.contains(price), "{price} in\n{cost}");
        assert!(markdown.contains(price), "{price} in\n{markdown}");
    }
    let json: Value = serde_json::from_str(&render_json(&report)).expect("json");
    assert_eq!(json["summary"]["resources_needing_usage"], 2);
    assert_eq!(json["summary"]["monthly_usd"], "0.00");
    for r in json["resources"].as_array().expect("resources") {
        assert_eq!(r["monthly_usd"], Value::Null, "{r}");
        assert_eq!(
            r["usage_needed"],
            serde_json::json!(["input_tokens_per_month", "output_tokens_per_month"])
        );
    }
}

#[test]
fn json_v3_components_and_totals() {
    let json: Value = serde_json::from_str(&render_json(&mixed())).expect("json");
    assert_eq!(json["version"], 3);
    let s = &json["summary"];
    assert_eq!(s["monthly_usd"], "13471.90");
    assert_eq!(s["fixed_monthly_usd"], "13435.90");
    assert_eq!(s["usage_monthly_usd"], "36.00");
    assert_eq!(s["one_time_usd"], "89.40");
    assert_eq!(s["resources_needing_usage"], 2);
    assert_eq!(s["resources_not_priced"], 1);
    let resources = json["resources"].as_array().expect("resources");
    let find = |address: &str, attribute: Option<&str>| -> &Value {
        resources
            .iter()
            .find(|r| {
                r["address"] == address
                    && attribute.is_none_or(|a| r["model"].as_str().is_some_and(|m| m == a))
            })
            .unwrap_or_else(|| panic!("{address}"))
    };
    // Every v2 field is still there.
    for key in [
        "address",
        "kind",
        "file",
        "line",
        "model",
        "routing",
        "region",
        "model_units",
        "commitment",
        "hourly_usd",
        "monthly_usd",
        "usage",
    ] {
        assert!(resources[0].get(key).is_some(), "{key}");
    }

    let writer = find("aws_bedrock_provisioned_model_throughput.writer", None);
    assert_eq!(writer["fixed_monthly_usd"], "13432.00");
    assert_eq!(writer["one_time_usd"], Value::Null);
    assert_eq!(writer["usage_needed"], serde_json::json!([]));
    let c = &writer["components"][0];
    assert_eq!(c["key"], "model_units");
    assert_eq!(c["unit"], "MU-hours");
    assert_eq!(c["unit_price"]["usd"], "18.4");
    assert_eq!(c["unit_price"]["per"], "1");
    assert_eq!(c["unit_price"]["estimate"], false);
    assert_eq!(c["unit_price"]["as_of"], "2025-07-01");
    // 1 MU × 730 h.
    assert_eq!(
        c["quantity"],
        serde_json::json!({"kind": "fixed", "value": "730", "usage_field": null})
    );
    assert_eq!(c["monthly_usd"], "13432.00");
    assert_eq!(c["one_time"], false);

    let tone = find("aws_bedrock_custom_model.tone", None);
    assert_eq!(tone["monthly_usd"], "1.95");
    assert_eq!(tone["fixed_monthly_usd"], "1.95");
    assert_eq!(tone["one_time_usd"], "89.40");
    let training = &tone["components"][1];
    assert_eq!(training["key"], "training");
    assert_eq!(training["one_time"], true);
    // One-time: no monthly figure of its own.
    assert_eq!(training["monthly_usd"], Value::Null);
    assert_eq!(training["unit_price"]["per"], "1000000");
    assert_eq!(
        training["quantity"],
        serde_json::json!({"kind": "usage", "value": "60000000", "usage_field": "training_dataset_tokens"})
    );

    let triage = find("aws_bedrock_custom_model.triage", None);
    assert_eq!(triage["cost_status"], "needs_usage");
    assert_eq!(triage["monthly_usd"], "1.95");
    assert_eq!(
        triage["usage_needed"],
        serde_json::json!(["training_dataset_tokens"])
    );
    assert_eq!(
        triage["components"][1]["quantity"],
        serde_json::json!({"kind": "unknown", "value": null, "usage_field": "training_dataset_tokens"})
    );

    let answer = find("aws_lambda_function.answer", Some("amazon.nova-lite-v1:0"));
    assert_eq!(answer["fixed_monthly_usd"], "0.00");
    assert_eq!(answer["components"][0]["monthly_usd"], "24.00");
    assert_eq!(answer["components"][1]["monthly_usd"], "12.00");
    assert_eq!(answer["components"][0]["quantity"]["kind"], "usage");

    let router = find("aws_lambda_function.answer", Some("amazon.nova-micro-v1:0"));
    assert_eq!(router["monthly_usd"], Value::Null);
    assert_eq!(router["fixed_monthly_usd"], Value::Null);
    assert_eq!(router["components"][0]["unit_price"]["usd"], "0.035");
    assert_eq!(router["components"][0]["monthly_usd"], Value::Null);

    let legacy = find(
        "aws_lambda_function.answer",
        Some("amazon.titan-text-premier-v9:0"),
    );
    assert_eq!(legacy["cost_status"], "not_priced");
    assert_eq!(legacy["components"], serde_json::json!([]));
}

#[test]
fn json_is_deterministic() {
    assert_eq!(render_json(&mixed()), render_json(&mixed()));
}

#[test]
fn the_cost_table_fits_80_columns_and_shows_every_column_wide() {
    let report = mixed();
    let narrow = render_cost_breakdown(&report, Some(80));
    for line in narrow.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    insta::assert_snapshot!("report_mixed_cost_80", narrow);
    let wide = render_cost_breakdown(&report, None);
    let header = wide.lines().next().expect("header");
    for column in [
        "RESOURCE",
        "LOCATION",
        "MODEL",
        "ROUTING",
        "REGION",
        "UNITS × TERM",
        "HOURLY",
        "QUANTITY",
        "UNIT PRICE",
        "MONTHLY",
    ] {
        assert!(header.contains(column), "{column}");
    }
    insta::assert_snapshot!("report_mixed_cost_wide", wide);
}

#[test]
fn every_format_shows_the_components() {
    let report = mixed();
    insta::assert_snapshot!(
        "report_mixed_text",
        render_text(&report, TextOptions::default())
    );
    insta::assert_snapshot!("report_mixed_json", render_json(&report));
    for (format, name) in [
        (OutputFormat::Markdown, "markdown"),
        (OutputFormat::Sarif, "sarif"),
        (OutputFormat::Github, "github"),
        (OutputFormat::Compact, "compact"),
    ] {
        insta::assert_snapshot!(
            format!("report_mixed_{name}"),
            render(&report, format, &RenderOptions::default())
        );
    }
    insta::assert_snapshot!(
        "report_usage_unknown_markdown",
        render(
            &usage_unknown(),
            OutputFormat::Markdown,
            &RenderOptions::default()
        )
    );
}

fn sarif_errors(instance: &Value) -> Vec<String> {
    fn fix_language_patterns(v: &mut Value) {
        // The official schema's `language` patterns have a stray `]` that ECMA-262 rejects (see
        // tests/formats.rs); replaced in memory with the pattern meant.
        const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
        match v {
            Value::String(s) if s == BROKEN => *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_string(),
            Value::Object(m) => m.values_mut().for_each(fix_language_patterns),
            Value::Array(a) => a.iter_mut().for_each(fix_language_patterns),
            _ => {}
        }
    }
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/schemas/sarif-2.1.0-rtm.5.json").expect("schema"),
    )
    .expect("schema json");
    fix_language_patterns(&mut schema);
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn sarif_results_carry_the_resource_components_and_validate() {
    let sarif: Value = serde_json::from_str(&render(
        &mixed(),
        OutputFormat::Sarif,
        &RenderOptions::default(),
    ))
    .expect("json");
    assert_eq!(sarif_errors(&sarif), Vec::<String>::new());
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let on = |resource: &str| -> &Value {
        results
            .iter()
            .find(|r| r["properties"]["resource"] == resource)
            .unwrap_or_else(|| panic!("{resource}"))
    };
    // BL006 on the writer: 1 MU × 730 h × $18.40.
    let writer = &on("aws_bedrock_provisioned_model_throughput.writer")["properties"]["cost"];
    assert_eq!(writer["monthlyUsd"], "13432.00");
    assert_eq!(writer["components"][0]["key"], "model_units");
    assert_eq!(writer["components"][0]["unitPriceUsd"], "18.4");
    assert_eq!(writer["components"][0]["quantityKind"], "fixed");
    // BL009 on triage: storage $1.95 fixed, training needs its dataset tokens.
    let triage = &on("aws_bedrock_custom_model.triage")["properties"]["cost"];
    assert_eq!(triage["components"][1]["quantityKind"], "unknown");
    assert_eq!(
        triage["components"][1]["usageField"],
        "training_dataset_tokens"
    );
    assert_eq!(triage["components"][1]["unitPriceUsd"], "1.49");
    assert_eq!(
        triage["usageNeeded"],
        serde_json::json!(["training_dataset_tokens"])
    );
}

// writer 2 MU → 1 MU, 1-month term: 2 × 730 × $18.40 = $26,864.00 → 730 × $18.40 = $13,432.00.
// articles, standby replicas → DISABLED: 2 OCU × 730 h × $0.24 = $350.40 → 1 OCU × 730 h × $0.24 = $175.20.
// fixed: $26,864.00 + $350.40 = $27,214.40 → $13,432.00 + $175.20 = $13,607.20.
#[test]
fn the_diff_names_the_changed_component() {
    let config = Config::load(
        Path::new("fixtures/report/diff/head"),
        &Overrides::default(),
    )
    .expect("config");
    let d = bedrock_lint::diff::diff(
        Path::new("fixtures/report/diff/base"),
        Path::new("fixtures/report/diff/head"),
        &config,
    );
    let text = render_diff_text(&d);
    assert!(
        text.contains(
            "provisioned throughput, 2 model units (1-month term) → 1 model unit (1-month term): $26,864.00 → $13,432.00"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "vector search compute floor, 2 OCU (standby replicas) → 1 OCU (no standby replicas): $350.40 → $175.20"
        ),
        "{text}"
    );
    assert!(text.contains("  fixed $27,214.40 → $13,607.20\n"), "{text}");
    insta::assert_snapshot!("report_diff_text", text);
    insta::assert_snapshot!(
        "report_diff_markdown",
        render_diff_markdown(&d, &MarkdownOptions::default())
    );
    let json: Value = serde_json::from_str(&render_diff_json(&d)).expect("json");
    assert_eq!(json["version"], 2);
    assert_eq!(json["base_fixed_monthly_usd"], "27214.40");
    assert_eq!(json["head_fixed_monthly_usd"], "13607.20");
    assert_eq!(
        json["resources"][0]["components"][0],
        serde_json::json!({
            "key": "model_units",
            "name_before": "provisioned throughput, 2 model units (1-month term)",
            "name_after": "provisioned throughput, 1 model unit (1-month term)",
            "before_usd": "26864.00",
            "after_usd": "13432.00"
        })
    );
}
