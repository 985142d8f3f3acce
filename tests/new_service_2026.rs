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

#[test]
fn with_data_residency_no_finding_ever_advises_global() {
    let dir = common::project(
        "residency_us_gov_2026",
        &[
            (
                ".bedrock-lint.toml",
                "data_residency = \"us-gov\"\n\n[usage.\"us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0\"]\ninput_tokens_per_month = 100_000_000\noutput_tokens_per_month = 10_000_000\n",
            ),
            (
                "main.tf",
                "provider \"aws\" {\n  region = \"us-gov-west-1\"\n}\n\nresource \"aws_lambda_function\" \"casework\" {\n  function_name = \"casework\"\n  role          = \"arn:aws-us-gov:iam::123456789012:role/casework\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.12\"\n  filename      = \"build/casework.zip\"\n\n  environment {\n    variables = {\n      CHAT_MODEL_ID   = \"us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0\"\n      REVIEW_MODEL_ID = \"global.anthropic.claude-opus-4-6-v1\"\n      OLD_MODEL_ID    = \"anthropic.claude-3-5-sonnet-20240620-v1:0\"\n    }\n  }\n}\n",
            ),
        ],
    );
    let report = common::lint_dir(&dir);
    // Sonnet 4.5 us-gov.: 1.2 × global = 3.60 / 18.00 (not 1.2 × 3.30): 100 × 3.60 + 10 × 18.00 = 540.
    assert_eq!(report.monthly_total(), dec!(540));
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    // The global. call is BL002's error; the end-of-life one BL019's.
    assert!(
        codes.contains(&"BL002") && codes.contains(&"BL019"),
        "{codes:?}"
    );
    for d in &report.diagnostics {
        let help = d.help.as_deref().unwrap_or("");
        assert!(!help.contains("global."), "{}: {help}", d.code);
        if d.code != "BL002" {
            assert!(
                !d.message.contains("global routing"),
                "{}: {}",
                d.code,
                d.message
            );
        }
    }
}

#[test]
fn an_id_suffix_selects_the_tier_and_in_is_a_geography() {
    let dir = common::project(
        "tier_suffix_2026",
        &[
            (
                ".bedrock-lint.toml",
                "[usage.\"openai.gpt-oss-20b-1:0:flex\"]\ninput_tokens_per_month = 1_000_000_000\noutput_tokens_per_month = 100_000_000\n\n[usage.\"in.openai.gpt-5.6-luna\"]\ninput_tokens_per_month = 100_000_000\noutput_tokens_per_month = 10_000_000\n",
            ),
            (
                ".env",
                "AWS_REGION=us-east-1\nBATCH_MODEL_ID=openai.gpt-oss-20b-1:0:flex\nINDIA_MODEL_ID=in.openai.gpt-5.6-luna\n",
            ),
        ],
    );
    let report = common::lint_dir(&dir);
    let cost = |text: &str| {
        report
            .resources
            .iter()
            .find(|r| r.resource.model.known().is_some_and(|m| m.text == text))
            .and_then(|r| r.cost.monthly_usd)
            .map(|m| m.normalize())
    };
    // gpt-oss-20b flex (scrape): 0.035 / 0.15: 1,000 × 0.035 + 100 × 0.15 = 35 + 15 = 50.
    assert_eq!(cost("openai.gpt-oss-20b-1:0:flex"), Some(dec!(50)));
    // GPT-5.6 Luna through in.: 1.10 × 0.20 / 1.20 = 0.22 / 1.32 (AWS's in-Region figure):
    // 100 × 0.22 + 10 × 1.32 = 22 + 13.20 = 35.20. The caller is in us-east-1, so exact.
    assert_eq!(cost("in.openai.gpt-5.6-luna"), Some(dec!(35.2)));
    assert!(
        !report.diagnostics.iter().any(|d| d.code == "BL007"),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn a_bare_id_is_not_an_error_where_aws_serves_it() {
    // Opus 5.5's bare ID works on the eu-west-2 runtime (AWS model card, verified 2026-10-03); in
    // eu-west-1 it needs a profile (BL018).
    let dir = common::project(
        "bare_opus_5_5",
        &[
            (
                "london/.env",
                "AWS_REGION=eu-west-2\nBEDROCK_MODEL_ID=anthropic.claude-opus-5-5\n",
            ),
            (
                "dublin/.env",
                "AWS_REGION=eu-west-1\nBEDROCK_MODEL_ID=anthropic.claude-opus-5-5\n",
            ),
        ],
    );
    let report = common::lint_dir(&dir);
    let bl018: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL018")
        .map(|d| d.span.path())
        .collect();
    assert_eq!(bl018.len(), 1, "{bl018:?}");
    assert!(bl018[0].ends_with("dublin/.env"), "{bl018:?}");
}
