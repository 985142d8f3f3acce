//! A new user's service as of 2026-12: Claude Sonnet 4.6 through `us.`, Opus 4.6 through `global.`,
//! gpt-oss-120b and Nova 2 Lite in us-east-1 and eu-west-1, and a leftover Claude 3.5 Sonnet call
//! (`fixtures/new-service-2026`). Every call is priced, none is "unknown", and the leftover is an error.

mod common;

use std::path::Path;

use bedrock_lint::diagnostic::Severity;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[test]
fn every_call_is_priced_from_the_2026_catalog() {
    let report = common::lint_dir(Path::new("fixtures/new-service-2026"));
    assert!(!report.has_input_errors());
    let by = |address: &str, var: &str| -> (Option<Decimal>, bool) {
        let r = report
            .resources
            .iter()
            .find(|r| {
                r.resource.address == address
                    && r.resource.attribute.as_deref()
                        == Some(format!("environment.variables.{var}").as_str())
            })
            .unwrap_or_else(|| panic!("{address} {var}"));
        (r.cost.monthly_usd.map(|m| m.normalize()), r.cost.estimate)
    };
    let us = "aws_lambda_function.assistant_us";
    let eu = "aws_lambda_function.assistant_eu";
    // Sonnet 4.6 us.: global 3.00 / 15.00 × 1.10 = 3.30 / 16.50, cache write 3.75 × 1.10 = 4.125,
    // read 0.30 × 1.10 = 0.33: 200 × 3.30 + 40 × 16.50 + 20 × 4.125 + 500 × 0.33
    // = 660 + 660 + 82.50 + 165 = 1,567.50 (AWS pricing cache, 2026-10-05).
    assert_eq!(by(us, "CHAT_MODEL_ID"), (Some(dec!(1567.5)), false));
    // Opus 4.6 global.: 50 × 5.00 + 10 × 25.00 = 500.
    assert_eq!(by(us, "REASONING_MODEL_ID"), (Some(dec!(500)), false));
    // gpt-oss-120b in us-east-1 (Ohio's table, shared by N. Virginia): 1,000 × 0.15 + 200 × 0.60 = 270.
    assert_eq!(by(us, "TAGGING_MODEL_ID"), (Some(dec!(270)), false));
    // Nova 2 Lite by its bare ID: in-Region = 1.10 × global 0.30 / 2.50 = 0.33 / 2.75 (AWS lists
    // 0.33 / 2.75): 400 × 0.33 + 100 × 2.75 = 132 + 275 = 407.
    assert_eq!(by(us, "SUMMARY_MODEL_ID"), (Some(dec!(407)), false));
    // eu-west-1, flex: 0.075 / 0.30 (scrape) with no Ireland row in any source: 500 × 0.075 + 100 ×
    // 0.30 = 37.50 + 30 = 67.50, an estimate.
    assert_eq!(by(eu, "TAGGING_MODEL_ID"), (Some(dec!(67.5)), true));
    // eu. Nova 2 Lite from Ireland: 0.33 / 2.75 at US rates (no EU figure published): 407, an estimate.
    assert_eq!(by(eu, "SUMMARY_MODEL_ID"), (Some(dec!(407)), true));
    // Claude 3.5 Sonnet v2: end of life 2026-07-30, not priced (calls fail).
    assert_eq!(by(us, "FALLBACK_MODEL_ID").0, None);
    // 1,567.50 + 500 + 270 + 407 + 67.50 + 407.
    assert_eq!(report.monthly_total(), dec!(3219.00));
}

#[test]
fn only_the_end_of_life_call_is_an_error_and_no_model_is_unknown() {
    let report = common::lint_dir(Path::new("fixtures/new-service-2026"));
    let found: Vec<(&str, Severity, usize)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity, d.span.line))
        .collect();
    assert!(!found.iter().any(|(c, _, _)| *c == "BL007"), "{found:?}");
    let errors: Vec<_> = found
        .iter()
        .filter(|(_, s, _)| *s == Severity::Error)
        .collect();
    assert_eq!(errors, [&("BL019", Severity::Error, 30)]);
    let eol = report
        .diagnostics
        .iter()
        .find(|d| d.code == "BL019")
        .expect("BL019");
    assert!(
        eol.message.contains("reached end of life on 2026-07-30")
            && eol.message.contains("its successor is Claude Sonnet 4.6"),
        "{}",
        eol.message
    );
    // The rest are the routing premium over global.: the us. Sonnet 4.6 call and both Nova 2 Lite
    // calls pay 1.10 × global (warnings, BL001), and newer cheaper models exist (infos, BL012).
    let others: Vec<(&str, Severity)> = found
        .iter()
        .filter(|(c, _, _)| *c != "BL019")
        .map(|(c, s, _)| (*c, *s))
        .collect();
    assert_eq!(
        others,
        [
            ("BL001", Severity::Warning),
            ("BL001", Severity::Warning),
            ("BL012", Severity::Info),
            ("BL012", Severity::Info),
            ("BL001", Severity::Warning),
        ]
    );
}
