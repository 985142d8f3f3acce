//! `[[overrides]]`: settings that differ by path. Each key is shown to change findings only under the
//! paths it names, including resources of a shared module called from those paths.

mod common;

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::diagnostic::Severity;
use bedrock_lint::Report;

const GEO_SONNET: &str = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

fn lambda(name: &str, model: &str) -> String {
    format!(
        r#"resource "aws_lambda_function" "{name}" {{
  function_name = "{name}"
  role          = "arn:aws:iam::123456789012:role/x"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "x.zip"
  environment {{
    variables = {{
      BEDROCK_MODEL_ID = "{model}"
    }}
  }}
}}
"#
    )
}

/// A monorepo: prod and dev roots, a shared module called from dev, an EU service's app config.
fn monorepo(name: &str, config: &str) -> std::path::PathBuf {
    let dev_main = format!(
        "{}\nmodule \"assistant\" {{\n  source   = \"../../modules/assistant\"\n  model_id = \"{GEO_SONNET}\"\n}}\n",
        lambda("dev_chat", GEO_SONNET)
    );
    common::project(
        name,
        &[
            (".bedrock-lint.toml", config),
            ("envs/prod/main.tf", &lambda("prod_chat", GEO_SONNET)),
            ("envs/dev/main.tf", &dev_main),
            (
                "modules/assistant/main.tf",
                "variable \"model_id\" {}\n\nresource \"aws_bedrockagent_agent\" \"helper\" {\n  agent_name              = \"helper\"\n  agent_resource_role_arn = \"arn:aws:iam::123456789012:role/agent\"\n  foundation_model        = var.model_id\n  instruction             = \"Answer questions about our product catalogue politely.\"\n}\n",
            ),
            (
                "services/eu-chat/config.yaml",
                "model_list:\n  - model_name: chat\n    litellm_params:\n      model: bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0\n      aws_region_name: eu-central-1\n",
            ),
        ],
    )
}

fn lint(dir: &std::path::Path) -> Report {
    common::lint_dir(dir)
}

/// `(code, file relative to the project)` of every finding.
fn findings(report: &Report, dir: &std::path::Path) -> Vec<(&'static str, String)> {
    let cwd = std::env::current_dir().expect("cwd");
    let prefix = bedrock_lint::discover::display_path(dir, &cwd) + "/";
    let mut out: Vec<(&'static str, String)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.span
                    .path()
                    .strip_prefix(&prefix)
                    .unwrap_or(d.span.path())
                    .to_string(),
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn without_overrides_every_path_gets_the_same_rules() {
    let dir = monorepo("overrides-none", "");
    let f = findings(&lint(&dir), &dir);
    assert!(f.contains(&("BL001", "envs/prod/main.tf".into())), "{f:?}");
    assert!(f.contains(&("BL001", "envs/dev/main.tf".into())), "{f:?}");
    assert!(!f.iter().any(|(c, _)| *c == "BL002"), "{f:?}");
    let report = lint(&dir);
    assert!(report.diagnostics.iter().any(|d| d.code == "BL001"
        && d.resource.as_deref() == Some("module.assistant.aws_bedrockagent_agent.helper")));
}

#[test]
fn ignore_under_a_path_leaves_other_paths_alone() {
    let dir = monorepo(
        "overrides-ignore",
        "[[overrides]]\npaths = [\"envs/dev/**\"]\nignore = [\"cross-region-surcharge\"]\n",
    );
    let f = findings(&lint(&dir), &dir);
    assert!(f.contains(&("BL001", "envs/prod/main.tf".into())), "{f:?}");
    assert!(!f.contains(&("BL001", "envs/dev/main.tf".into())), "{f:?}");
}

#[test]
fn a_shared_module_follows_the_settings_of_the_path_that_calls_it() {
    // The agent is declared in modules/assistant but instantiated from envs/dev: the dev override
    // covers it (and without the override it has the finding: see the first test).
    let dir2 = monorepo(
        "overrides-module-ignored",
        "[[overrides]]\npaths = [\"envs/dev\"]\nignore = [\"BL001\"]\n",
    );
    let report2 = lint(&dir2);
    assert!(
        !report2.diagnostics.iter().any(|d| d.code == "BL001"
            && d.resource.as_deref() == Some("module.assistant.aws_bedrockagent_agent.helper")),
        "the dev override must cover the module the dev root calls: {:?}",
        report2.diagnostics
    );
}

#[test]
fn data_residency_by_path_turns_global_advice_into_a_residency_error() {
    let dir = monorepo(
        "overrides-residency",
        "[[overrides]]\npaths = [\"services/eu-chat/**\"]\ndata_residency = \"eu\"\n",
    );
    let f = findings(&lint(&dir), &dir);
    assert!(
        f.contains(&("BL002", "services/eu-chat/config.yaml".into())),
        "{f:?}"
    );
    // Outside the EU service, global advice stays.
    assert!(f.contains(&("BL001", "envs/prod/main.tf".into())), "{f:?}");
}

#[test]
fn severity_by_path_and_fail_on_by_path_decide_the_exit_code() {
    let dir = monorepo(
        "overrides-fail-on",
        "fail_on = \"warning\"\n\n[[overrides]]\npaths = [\"envs/dev/**\", \"modules/**\", \"services/**\"]\nfail_on = \"never\"\n\n[[overrides]]\npaths = [\"envs/prod/**\"]\n[overrides.rules.BL001]\nseverity = \"info\"\n",
    );
    let report = lint(&dir);
    let config = Config::load(&dir, &Overrides::default()).expect("config");
    let prod = report
        .diagnostics
        .iter()
        .find(|d| d.code == "BL001" && d.span.path().ends_with("envs/prod/main.tf"))
        .expect("BL001 in prod");
    assert_eq!(prod.severity, Severity::Info);
    let dev = report
        .diagnostics
        .iter()
        .find(|d| d.code == "BL001" && d.span.path().ends_with("envs/dev/main.tf"))
        .expect("BL001 in dev");
    assert_eq!(dev.severity, Severity::Warning);
    // The only warnings are under paths that never fail; prod's finding is info: exit 0.
    assert_eq!(report.exit_code_for(&config), 0);
    // The flag wins over every override.
    let strict = Config::load(
        &dir,
        &Overrides {
            fail_on: Some(bedrock_lint::config::FailOn::Warning),
            ..Overrides::default()
        },
    )
    .expect("config");
    assert_eq!(report.exit_code_for(&strict), 1);
}

#[test]
fn region_by_path_is_the_fallback_there_only() {
    let dir = monorepo(
        "overrides-region",
        "[[overrides]]\npaths = [\"envs/dev/**\"]\nregion = \"eu-west-1\"\n",
    );
    let report = lint(&dir);
    let region_of = |addr: &str| {
        report
            .resources
            .iter()
            .find(|r| r.resource.address.starts_with(addr))
            .map(|r| r.resource.region.region.clone())
    };
    assert_eq!(
        region_of("aws_lambda_function.dev_chat").as_deref(),
        Some("eu-west-1")
    );
    assert_eq!(
        region_of("module.assistant.aws_bedrockagent_agent.helper").as_deref(),
        Some("eu-west-1")
    );
    assert_eq!(
        region_of("aws_lambda_function.prod_chat").as_deref(),
        Some("us-east-1")
    );
}

#[test]
fn budget_by_path_sums_only_that_path() {
    let usage = format!(
        "[usage.\"{GEO_SONNET}\"]\ninput_tokens_per_month = 100_000_000\noutput_tokens_per_month = 10_000_000\n"
    );
    // 100M × $3.30 + 10M × $16.50 = $330 + $165 = $495 a month for the model, counted once (on the
    // first place naming it). The project budget is not exceeded; the dev scope's $1 budget is only if
    // the counted place is under envs/dev.
    let dir = monorepo(
        "overrides-budget",
        &format!("[budget]\nmonthly_usd = 10000\n\n[[overrides]]\npaths = [\"envs/**\"]\nbudget = {{ monthly_usd = 100 }}\n\n{usage}"),
    );
    let report = lint(&dir);
    let bl010: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL010")
        .collect();
    assert_eq!(bl010.len(), 1, "{:?}", report.diagnostics);
    assert!(
        bl010[0].message.contains("of envs/**")
            && bl010[0]
                .message
                .contains("$495.00 exceeds the budget of $100.00"),
        "{}",
        bl010[0].message
    );
}

#[test]
fn wrong_overrides_are_errors_a_user_can_act_on() {
    let err = |text: &str| {
        Config::from_parts(
            Some(".bedrock-lint.toml".into()),
            Some(text),
            &Overrides::default(),
        )
        .expect_err("invalid config")
        .to_string()
    };
    let e = err("[[overrides]]\npaths = [\"envs/[dev\"]\n");
    assert!(
        e.starts_with(".bedrock-lint.toml:2:") && e.contains("not a valid glob"),
        "{e}"
    );
    let e = err("[[overrides]]\npaths = [\"envs/dev/**\"]\nenvironmnet = \"dev\"\n");
    assert!(e.contains("did you mean `environment`"), "{e}");
    let e = err("[[overrides]]\npaths = [\"envs/dev/**\"]\nenvironment = \"develop\"\n");
    assert!(e.contains(":3:") && e.contains("development"), "{e}");
    let e = err("[[overrides]]\npaths = [\"x/**\"]\npricing = \"book.toml\"\n");
    assert!(
        e.contains(":3:") && e.contains("cannot differ by path"),
        "{e}"
    );
    let e = err("[[overrides]]\npaths = []\n");
    assert!(e.contains("`paths` is empty"), "{e}");
    let e = err("[[overrides]]\nignore = [\"BL001\"]\n");
    assert!(e.contains("missing field `paths`"), "{e}");
    let e = err("[[overrides]]\npaths = [\"x/**\"]\nignore = [\"cross-region-surcharg\"]\n");
    assert!(e.contains("did you mean `cross-region-surcharge`"), "{e}");
}

#[test]
fn config_show_prints_each_value_with_its_origin() {
    let dir = monorepo(
        "config-show",
        "fail_on = \"error\"\nignore = [\"BL008\"]\n\n[rules.provisioned-underutilized]\nseverity = \"error\"\n\n[[overrides]]\npaths = [\"envs/dev/**\"]\nenvironment = \"dev\"\n",
    );
    let out = assert_cmd::Command::cargo_bin("bedrock-lint")
        .expect("binary")
        .args(["config", "--show", "--region", "eu-west-1"])
        .arg(&dir)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let file = text
        .lines()
        .find_map(|l| l.strip_prefix("# Config file: "))
        .expect("config file line")
        .to_string();
    assert!(file.ends_with(".bedrock-lint.toml"), "{text}");
    for expected in [
        "region = \"eu-west-1\"  # --region".to_string(),
        format!("fail_on = \"error\"  # {file}:1"),
        format!("ignore = [\"BL008\"]  # {file}:2"),
        format!("[rules.BL003]  # {file}:4"),
        format!("severity = \"error\"  # {file}:5"),
        format!("[[overrides]]  # {file}:8"),
        "environment = \"development\"".to_string(),
        "# data_residency: not set (default)".to_string(),
    ] {
        assert!(text.contains(&expected), "missing `{expected}` in:\n{text}");
    }
    assert!(
        !text.contains("BL008, ") && text.contains("# rules that run: BL001"),
        "{text}"
    );
    // What it prints is itself a valid configuration.
    let reparsed = Config::from_parts(None, Some(&text), &Overrides::default());
    assert!(reparsed.is_ok(), "{reparsed:?}\n{text}");
}

#[test]
fn a_top_level_environment_marks_the_whole_project() {
    let dir = common::project(
        "environment-top-level",
        &[
            (".bedrock-lint.toml", "environment = \"staging\"\n"),
            (
                "main.tf",
                "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\nresource \"aws_bedrock_provisioned_model_throughput\" \"drafting\" {\n  provisioned_model_name = \"drafting\"\n  model_arn              = \"arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k\"\n  model_units            = 1\n  commitment_duration    = \"SixMonths\"\n}\n",
            ),
        ],
    );
    let report = lint(&dir);
    let bl014 = report
        .diagnostics
        .iter()
        .find(|d| d.code == "BL014")
        .expect("BL014 in a staging project");
    // 1 MU × $14.80 × 730 h × 6 = $64,824.00; one 1-month term 1 × $18.40 × 730 = $13,432.00.
    assert!(
        bl014.message.contains("`environment = \"staging\"`")
            && bl014.message.contains("$64,824.00")
            && bl014.message.contains("$13,432.00 ($51,392.00 less)"),
        "{}",
        bl014.message
    );
    // Production (or no environment) does not fire.
    std::fs::write(dir.join(".bedrock-lint.toml"), "environment = \"prod\"\n").expect("write");
    assert!(!lint(&dir).diagnostics.iter().any(|d| d.code == "BL014"));
}

#[test]
fn a_finding_in_a_shared_module_fails_the_run_by_its_callers_fail_on() {
    let pt = "variable \"commitment\" {\n  type    = string\n  default = null\n}\n\nresource \"aws_bedrock_provisioned_model_throughput\" \"summaries\" {\n  provisioned_model_name = \"summaries\"\n  model_arn              = \"arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k\"\n  model_units            = 1\n  commitment_duration    = var.commitment\n}\n";
    let caller = "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\nmodule \"llm\" {\n  source     = \"../../modules/llm\"\n  commitment = \"SixMonths\"\n}\n";
    let files = |config: &'static str| -> Vec<(&'static str, String)> {
        vec![
            (".bedrock-lint.toml", config.to_string()),
            ("modules/llm/main.tf", pt.to_string()),
            ("envs/dev/main.tf", caller.to_string()),
        ]
    };
    let make = |name: &str, config: &'static str| {
        let f = files(config);
        let refs: Vec<(&str, &str)> = f.iter().map(|(p, t)| (*p, t.as_str())).collect();
        common::project(name, &refs)
    };
    let lenient = make(
        "overrides-module-fail-on",
        "[[overrides]]\npaths = [\"envs/dev/**\"]\nenvironment = \"dev\"\nfail_on = \"never\"\n",
    );
    let report = lint(&lenient);
    let bl014 = report
        .diagnostics
        .iter()
        .find(|d| d.code == "BL014")
        .expect("BL014: the module is instantiated from a dev path");
    // The finding points into the shared module, not under envs/dev ...
    assert!(
        bl014.span.path().ends_with("modules/llm/main.tf"),
        "{}",
        bl014.span.path()
    );
    // ... and the dev path's fail_on = never still decides: exit 0.
    let config = Config::load(&lenient, &Overrides::default()).expect("config");
    assert_eq!(report.exit_code_for(&config), 0);

    let strict = make(
        "overrides-module-fail-on-strict",
        "[[overrides]]\npaths = [\"envs/dev/**\"]\nenvironment = \"dev\"\n",
    );
    let config = Config::load(&strict, &Overrides::default()).expect("config");
    assert_eq!(lint(&strict).exit_code_for(&config), 1);
}
