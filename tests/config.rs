//! `.bedrock-lint.toml` keys change the output exactly as documented; a wrong config names the key, its
//! line, and what is allowed.

mod common;

use std::path::Path;

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::diagnostic::Severity;

fn demo_with(config: &str) -> bedrock_lint::Report {
    let cfg = Config::from_parts(
        Some("fixtures/demo/.bedrock-lint.toml".into()),
        Some(&format!(
            "{config}\n{}",
            std::fs::read_to_string("fixtures/demo/.bedrock-lint.toml").expect("demo config")
        )),
        &Overrides::default(),
    )
    .expect("valid config");
    bedrock_lint::lint(&["fixtures/demo".into()], &cfg)
}

fn codes(report: &bedrock_lint::Report) -> Vec<&'static str> {
    let mut c: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    c.sort_unstable();
    c.dedup();
    c
}

#[test]
fn ignore_by_code_name_or_prefix() {
    assert!(!codes(&demo_with("ignore = [\"BL001\"]")).contains(&"BL001"));
    assert!(!codes(&demo_with("ignore = [\"unknown-model\"]")).contains(&"BL007"));
    let report = demo_with("ignore = [\"BL00\"]");
    // Left: BL012 (Sonnet 4.5 → Sonnet 5) and BL019 (Claude 3.5 Sonnet v2, end of life 2026-07-30).
    assert_eq!(codes(&report), ["BL012", "BL019"]);
}

#[test]
fn select_limits_the_rules_and_ignore_wins() {
    assert_eq!(
        codes(&demo_with("select = [\"BL003\", \"BL004\"]")),
        ["BL003", "BL004"]
    );
    assert_eq!(
        codes(&demo_with(
            "select = [\"BL00\"]\nignore = [\"BL006\", \"BL007\"]"
        )),
        ["BL001", "BL003", "BL004", "BL005"]
    );
}

#[test]
fn a_rules_severity_can_be_raised() {
    let report = demo_with("[rules.BL003]\nseverity = \"error\"");
    let bl003 = report
        .diagnostics
        .iter()
        .find(|d| d.code == "BL003")
        .expect("BL003");
    assert_eq!(bl003.severity, Severity::Error);
    assert_eq!(report.exit_code(bedrock_lint::config::FailOn::Error), 1);
}

#[test]
fn min_saving_drops_small_findings_only() {
    // BL005 saves $511.00/month on the demo; BL004 $3,703.00.
    let report =
        demo_with("[rules.BL005]\nmin_saving_usd = 600\n[rules.BL004]\nmin_saving_usd = 600");
    let c = codes(&report);
    assert!(!c.contains(&"BL005") && c.contains(&"BL004"), "{c:?}");
}

#[test]
fn wrong_configs_say_which_key_where_and_what_is_allowed() {
    let err = |text: &str| {
        Config::from_parts(
            Some(".bedrock-lint.toml".into()),
            Some(text),
            &Overrides::default(),
        )
        .expect_err("invalid")
        .to_string()
    };
    let e = err("region = \"us-east-1\"\nfail_onn = \"error\"\n");
    assert!(
        e.starts_with(".bedrock-lint.toml:2:1:") && e.contains("did you mean `fail_on`?"),
        "{e}"
    );
    let e = err("[rules.BL003]\nutilisation_threshold = 0.4\n");
    assert!(
        e.contains(":2:1:") && e.contains("did you mean `utilization_threshold`?"),
        "{e}"
    );
    let e = err("ignore = [\"BL999\"]\n");
    assert!(e.contains(":1:11:") && e.contains("matches no rule"), "{e}");
    let e = err("[rules.BL001]\nseverity = \"fatal\"\n");
    assert!(
        e.contains(":2:12:") && e.contains("error") && e.contains("warning"),
        "{e}"
    );
    let e = err("fail_on = 3\n");
    assert!(e.contains(":1:11:"), "{e}");
    let _ = Path::new(".");
}

#[test]
fn init_writes_a_valid_commented_starter_and_never_overwrites() {
    let dir = common::project("init", &[("main.tf", "")]);
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
            .arg("init")
            .current_dir(&dir)
            .output()
            .expect("runs")
    };
    let out = run();
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.join(".bedrock-lint.toml")).expect("written");
    assert!(text.contains("# [budget]"));
    Config::from_parts(
        Some(".bedrock-lint.toml".into()),
        Some(&text),
        &Overrides::default(),
    )
    .expect("the starter is a valid config");
    // Every commented example key is valid too, once uncommented.
    let uncommented: String = text
        .lines()
        .map(|l| {
            l.strip_prefix("# ")
                .filter(|r| r.starts_with('[') || r.contains(" = "))
                .unwrap_or(l)
        })
        .map(|l| format!("{l}\n"))
        .collect();
    Config::from_parts(
        Some(".bedrock-lint.toml".into()),
        Some(&uncommented.replace("pricing = \"pricebook.toml\"", "")),
        &Overrides::default(),
    )
    .expect("every documented key parses");
    assert_eq!(
        run().status.code(),
        Some(2),
        "a second init does not overwrite"
    );
}

#[test]
fn budget_and_required_tags() {
    let report = demo_with("[budget]\nmonthly_usd = 40000");
    let bl010 = report
        .diagnostics
        .iter()
        .find(|d| d.code == "BL010")
        .expect("BL010");
    // $47,988.35 − $40,000
    assert_eq!(
        bl010.monthly_impact,
        Some(rust_decimal_macros::dec!(7988.35))
    );
    assert!(bl010.message.contains("drafting"));
    assert!(!codes(&demo_with("[budget]\nmonthly_usd = 50000")).contains(&"BL010"));
}

#[test]
fn command_line_flags_override_the_file_and_config_picks_the_file() {
    let dir = common::project(
        "config-flags-win",
        &[
            (
                "settings/strict.toml",
                "region = \"eu-west-1\"\nfail_on = \"never\"\n",
            ),
            (
                "main.tf",
                "resource \"aws_lambda_function\" \"chat\" {\n  function_name = \"chat\"\n  role          = \"arn:aws:iam::123456789012:role/chat\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.12\"\n  filename      = \"chat.zip\"\n  environment {\n    variables = {\n      BEDROCK_MODEL_ID = \"us.anthropic.claude-sonnet-4-5-20250929-v1:0\"\n    }\n  }\n}\n",
            ),
        ],
    );
    let run = |extra: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("bedrock-lint")
            .expect("binary")
            .args(["--format", "json", "--config"])
            .arg(dir.join("settings/strict.toml"))
            .args(extra)
            .arg(&dir)
            .output()
            .expect("run");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let region = json["resources"][0]["region"]
            .as_str()
            .unwrap_or("")
            .to_string();
        (region, out.status.code())
    };
    // The file named by --config: its Region is the fallback, and fail_on = never keeps exit 0
    // although BL001 (a warning) fires.
    assert_eq!(run(&[]), ("eu-west-1".to_string(), Some(0)));
    // Flags win over the file.
    assert_eq!(
        run(&["--region", "us-west-2", "--fail-on", "warning"]),
        ("us-west-2".to_string(), Some(1))
    );
}
