//! Inline suppressions: every form, in Terraform, app config and plans (including every instance).

mod common;

use std::path::{Path, PathBuf};

use bedrock_lint::config::{Config, Overrides};

fn copy_tree(from: &Path, name: &str) -> PathBuf {
    let to = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&to);
    copy_into(from, &to);
    to
}

fn copy_into(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_into(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{from} not in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

fn codes(report: &bedrock_lint::Report) -> Vec<(&'static str, usize)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.span.line))
        .collect()
}

#[test]
fn a_block_header_suppression_covers_the_block_and_its_resource_anywhere() {
    let dir = copy_tree(Path::new("fixtures/demo"), "supp_demo");
    let before = common::lint_dir(&dir);
    assert!(before.diagnostics.iter().any(|d| d.code == "BL003"));
    // Above the drafting PT: its BL003 (on model_units, inside the block) goes.
    edit(&dir.join("bedrock.tf"), "# Reserved capacity for drafting", "# bedrock-lint-ignore: BL003 # sized for the holiday peak\n# Reserved capacity for drafting");
    // Above the Lambda: BL001 points at variables.tf, but it is this resource's finding.
    edit(&dir.join("lambda.tf"), "resource \"aws_lambda_function\" \"chat_api\" {", "// bedrock-lint-ignore: cross-region-surcharge\nresource \"aws_lambda_function\" \"chat_api\" {");
    let after = common::lint_dir(&dir);
    let c = codes(&after);
    assert!(
        !c.iter()
            .any(|(code, _)| *code == "BL003" || *code == "BL001"),
        "{c:?}"
    );
    assert!(
        !c.iter().any(|(code, _)| *code == "BL900"),
        "both suppressions are used: {c:?}"
    );
    assert_eq!(after.diagnostics.len(), before.diagnostics.len() - 2);
}

#[test]
fn trailing_file_level_and_all_forms() {
    let dir = common::project(
        "supp_forms",
        &[
            ("a.tf", "locals {\n  m = \"anthropic.claude-3-5-sonet-20241022-v2:0\" # bedrock-lint-ignore: BL007\n  n = \"anthropic.claude-3-5-sonet-20241022-v2:0\"\n}\nresource \"aws_ssm_parameter\" \"p\" {\n  value = local.m\n}\nresource \"aws_ssm_parameter\" \"q\" {\n  value = local.n\n}\n"),
            ("b.tf", "# bedrock-lint-ignore-file: all # generated file\nlocals {\n  generated = \"anthropic.claude-3-5-sonet-20241022-v2:0\"\n}\nresource \"aws_ssm_parameter\" \"g\" {\n  value = local.generated\n}\n"),
            ("config.yaml", "model_list:\n  # bedrock-lint-ignore: BL012\n  - model: bedrock/anthropic.claude-3-opus-20240229-v1:0\n"),
            (".env", "BEDROCK_MODEL_ID=us.anthropic.claude-sonnet-5 # bedrock-lint-ignore: BL001\n"),
        ],
    );
    let report = common::lint_dir(&dir);
    let left: Vec<(&str, String, usize)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.span.path().rsplit('/').next().unwrap_or("").to_string(),
                d.span.line,
            )
        })
        .collect();
    // Only a.tf's second line is not covered.
    assert_eq!(left, [("BL007", "a.tf".to_string(), 3)]);
}

#[test]
fn tf_suppressions_apply_to_every_instance_of_a_plan_resource() {
    let dir = copy_tree(Path::new("fixtures/plan/modules"), "supp_plan");
    let plan = dir.join("plan.tfplan.json");
    let lint = |dir: &Path| {
        let config = Config::load(dir, &Overrides::default()).expect("config");
        bedrock_lint::lint(std::slice::from_ref(&plan), &config)
    };
    let before = lint(&dir);
    assert!(before.diagnostics.iter().any(|d| d.code == "BL013"));
    assert!(before.diagnostics.iter().any(|d| d.code == "BL001"));
    // The module's block covers module.llm["prod"] and ["staging"]; the nested module's covers its BL001.
    edit(&dir.join("modules/llm/main.tf"), "resource \"aws_bedrock_provisioned_model_throughput\" \"chat\" {", "# bedrock-lint-ignore: BL013 # approved capacity increase\nresource \"aws_bedrock_provisioned_model_throughput\" \"chat\" {");
    edit(
        &dir.join("modules/llm/guard/main.tf"),
        "resource \"aws_bedrock_inference_profile\" \"guard\" {",
        "# bedrock-lint-ignore: BL001\nresource \"aws_bedrock_inference_profile\" \"guard\" {",
    );
    let after = lint(&dir);
    let c: Vec<&str> = after.diagnostics.iter().map(|d| d.code).collect();
    assert!(
        !c.contains(&"BL013") && !c.contains(&"BL001") && !c.contains(&"BL900"),
        "{c:?}"
    );
}

#[test]
fn unignorable_rules_audits_and_bl900() {
    let files: &[(&str, &str)] = &[
        (".bedrock-lint.toml", "[rules.BL007]\nignorable = false\n"),
        ("main.tf", "locals {\n  # bedrock-lint-ignore: BL007\n  m = \"anthropic.claude-3-5-sonet-20241022-v2:0\"\n  # bedrock-lint-ignore: BL001 until=2024-06-30\n  n = \"us.anthropic.claude-haiku-4-5-20251001-v1:0\"\n}\nresource \"aws_ssm_parameter\" \"p\" {\n  value = \"${local.m},${local.n}\"\n}\n"),
    ];
    let dir = common::project("supp_unignorable", files);
    let report = common::lint_dir(&dir);
    let c = codes(&report);
    // BL007 cannot be suppressed (so its suppression is unused); the expired one stops working.
    assert!(c.contains(&("BL007", 3)), "{c:?}");
    assert!(
        c.contains(&("BL900", 2)) && c.contains(&("BL900", 4)),
        "{c:?}"
    );
    assert!(c.contains(&("BL001", 5)), "{c:?}");
    let expired = report
        .diagnostics
        .iter()
        .find(|d| d.code == "BL900" && d.span.line == 4)
        .expect("expired");
    assert!(expired.message.contains("expired on 2024-06-30"));

    // --no-inline-ignores: everything a suppression would hide, and no BL900.
    let dir = common::project("supp_audit", &[("main.tf", "locals {\n  m = \"anthropic.claude-3-5-sonet-20241022-v2:0\" # bedrock-lint-ignore: all\n}\nresource \"aws_ssm_parameter\" \"m\" {\n  value = local.m\n}\n")]);
    let config = Config::load(
        &dir,
        &Overrides {
            no_inline_ignores: true,
            ..Overrides::default()
        },
    )
    .expect("config");
    let audit = bedrock_lint::lint(std::slice::from_ref(&dir), &config);
    assert_eq!(codes(&audit), [("BL007", 2)]);
}
