//! The demo project (`cargo run --release -- fixtures/demo`): its rules fire on the right lines,
//! with dollar figures checked by hand against rules/pricing.toml.

mod common;

use std::path::Path;

use bedrock_lint::report::{render_cost_table, render_json, render_text, TextOptions};
use rust_decimal_macros::dec;

fn demo() -> bedrock_lint::Report {
    common::lint_dir(Path::new("fixtures/demo"))
}

/// The demo is built to show these; rules that need a plan (BL013), a declared data residency (BL002) or
/// a broken configuration (BL015, BL018) have their own fixtures under fixtures/rules/.
const DEMO_RULES: [&str; 7] = [
    "BL001", "BL003", "BL004", "BL005", "BL006", "BL007", "BL012",
];

#[test]
fn every_rule_fires_on_the_demo() {
    let report = demo();
    for code in DEMO_RULES {
        assert!(
            report.diagnostics.iter().any(|d| d.code == code),
            "{code} does not fire on the demo"
        );
    }
    assert!(!report.has_input_errors());
}

#[test]
fn demo_findings_lines_and_dollars() {
    let report = demo();
    let found: Vec<(&str, String, usize, Option<String>)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.span.path().to_string(),
                d.span.line,
                d.monthly_impact.map(|m| m.to_string()),
            )
        })
        .collect();
    let expected: Vec<(&str, String, usize, Option<String>)> = vec![
        // 2 MU − 1 MU needed for a 20,000 tpm peak at 100,000 tpm/MU: 1 × $18.40 × 730.
        (
            "BL003",
            "fixtures/demo/bedrock.tf".into(),
            9,
            Some("13432.00".into()),
        ),
        // $3,723.00 (1 × 5.10 × 730) − $20.00 (100M × 0.15 + 25M × 0.20 per 1M).
        (
            "BL004",
            "fixtures/demo/bedrock.tf".into(),
            14,
            Some("3703.00".into()),
        ),
        // (7.10 − 6.40) × 1 × 730.
        (
            "BL005",
            "fixtures/demo/bedrock.tf".into(),
            41,
            Some("511.00".into()),
        ),
        ("BL006", "fixtures/demo/bedrock.tf".into(), 47, None),
        // Claude 3.5 Sonnet v2 reached end of life on 2026-07-30 (AWS lifecycle, 2026-10-05): the PT
        // and the profile built on it are errors now (they were BL007 "no PT rate" and BL012).
        ("BL019", "fixtures/demo/bedrock.tf".into(), 56, None),
        ("BL019", "fixtures/demo/bedrock.tf".into(), 66, None),
        ("BL007", "fixtures/demo/lambda.tf".into(), 48, None),
        // 1,000M × (3.30 − 3.00) + 200M × (16.50 − 15.00) per 1M.
        (
            "BL001",
            "fixtures/demo/variables.tf".into(),
            15,
            Some("600.000".into()),
        ),
        // Sonnet 4.5 us. (1,000M × 3.30 + 200M × 16.50 = 6,600) → Sonnet 5 global, AWS's standard
        // price since 2026-09-01 (1,000M × 2.00 + 200M × 10.00 = 4,000): 2,600 less.
        (
            "BL012",
            "fixtures/demo/variables.tf".into(),
            15,
            Some("2600".into()),
        ),
    ];
    let normalize = |v: Vec<(&str, String, usize, Option<String>)>| {
        v.into_iter()
            .map(|(c, f, l, m)| {
                (
                    c.to_string(),
                    f,
                    l,
                    m.map(|m| {
                        m.parse::<rust_decimal::Decimal>()
                            .map(|d| d.normalize())
                            .ok()
                    }),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(normalize(found), normalize(expected));
    // 26,864 + 3,723 + 5,183 + 4,672 + 40 + 6,600 + 54, and the custom model's storage, $1.95 (one
    // stored model, aws-pricing-cache 2026-10-05), the help center's vector collection floor,
    // $350.40 (2 OCU with standby replicas × 730 h × $0.24), and the guardrail, $500.00 (2,000,000
    // text units = 2,000 × 1K, × ($0.15 content filters + $0.10 PII); word filters are free).
    assert_eq!(report.monthly_total(), dec!(47988.35));
}

#[test]
fn demo_text_snapshot() {
    insta::assert_snapshot!("demo_text", render_text(&demo(), TextOptions::default()));
}

#[test]
fn demo_json_snapshot() {
    insta::assert_snapshot!("demo_json", render_json(&demo()));
}

#[test]
fn demo_cost_snapshot() {
    insta::assert_snapshot!("demo_cost", render_cost_table(&demo()));
}
