//! Bad input never panics and never hides other findings: every prefix of a real file, and bytes that
//! are not HCL at all, give diagnostics, not crashes.

mod common;

use bedrock_lint::config::Config;

#[test]
fn malformed_fixture_reports_each_bad_file_and_lints_the_good_one() {
    let report = common::lint_dir(std::path::Path::new("fixtures/malformed"));
    let errors: Vec<(String, usize, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_invalid_input())
        .map(|d| (d.span.path().to_string(), d.span.line, d.span.column))
        .collect();
    assert_eq!(
        errors,
        [
            ("fixtures/malformed/broken.tf".to_string(), 3, 18),
            ("fixtures/malformed/not-utf8.tf".to_string(), 2, 14)
        ]
    );
    assert_eq!(report.resources.len(), 1, "good.tf is still linted");
    assert_eq!(report.exit_code(bedrock_lint::config::FailOn::Never), 2);
}

#[test]
fn every_truncation_of_the_demo_is_handled() {
    let config = Config::default_config().expect("config");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("truncations");
    for name in ["bedrock.tf", "lambda.tf", "locals.tf"] {
        let text = std::fs::read(format!("fixtures/demo/{name}")).expect("fixture");
        for cut in (0..text.len()).step_by(23) {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("dir");
            std::fs::write(dir.join("main.tf"), &text[..cut]).expect("write");
            let report = bedrock_lint::lint(std::slice::from_ref(&dir), &config);
            for d in &report.diagnostics {
                assert!(d.span.line >= 1 && d.span.column >= 1);
            }
        }
    }
}

#[test]
fn hostile_values_do_not_crash() {
    let deep = format!(
        "locals {{\n  x = {}1{}\n}}\n",
        "[".repeat(400),
        "]".repeat(400)
    );
    let cyclic = "locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_bedrockagent_agent\" \"x\" {\n  foundation_model = local.a\n}\n";
    let weird = "resource \"aws_bedrock_provisioned_model_throughput\" \"x\" {\n  count = -1\n  model_units = 1e300\n  model_arn = [1, 2]\n  commitment_duration = {}\n}\n";
    let nested = format!(
        "locals {{\n  x = {}\"us.amazon.nova-lite-v1:0\"{}\n}}\n",
        "(".repeat(300),
        ")".repeat(300)
    );
    for (i, text) in [
        deep.as_str(),
        cyclic,
        weird,
        nested.as_str(),
        "\u{feff}\r\nlocals {\r\n}\r\n",
        "\0\0\0",
    ]
    .iter()
    .enumerate()
    {
        let dir = common::project(&format!("hostile_{i}"), &[("main.tf", text)]);
        let report = common::lint_dir(&dir);
        let _ = bedrock_lint::report::render_text(&report, Default::default());
        let _ = bedrock_lint::report::render_json(&report);
    }
}
