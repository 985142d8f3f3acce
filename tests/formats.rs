//! Every output format over the demo and a plan: snapshots, SARIF validated against the official
//! 2.1.0 schema and GitHub's requirements, escaping that hostile text cannot break.

mod common;

use std::path::Path;

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::report::{render, MarkdownOptions, OutputFormat, RenderOptions};

fn demo() -> bedrock_lint::Report {
    common::lint_dir(Path::new("fixtures/demo"))
}

fn plan() -> bedrock_lint::Report {
    let config =
        Config::load(Path::new("fixtures/plan/modules"), &Overrides::default()).expect("config");
    bedrock_lint::lint(&["fixtures/plan/modules/plan.tfplan.json".into()], &config)
}

const FORMATS: [(OutputFormat, &str); 6] = [
    (OutputFormat::Sarif, "sarif"),
    (OutputFormat::Github, "github"),
    (OutputFormat::Markdown, "markdown"),
    (OutputFormat::Junit, "junit"),
    (OutputFormat::Checkstyle, "checkstyle"),
    (OutputFormat::Compact, "compact"),
];

#[test]
fn every_format_over_the_demo_and_a_plan() {
    let options = RenderOptions::default();
    for (name, report) in [("demo", demo()), ("plan", plan())] {
        for (format, format_name) in FORMATS {
            insta::assert_snapshot!(
                format!("{name}_{format_name}"),
                render(&report, format, &options)
            );
        }
    }
}

fn fix_language_patterns(v: &mut serde_json::Value) {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        serde_json::Value::String(s) if s == BROKEN => {
            *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_string()
        }
        serde_json::Value::Object(m) => m.values_mut().for_each(fix_language_patterns),
        serde_json::Value::Array(a) => a.iter_mut().for_each(fix_language_patterns),
        _ => {}
    }
}

fn sarif_errors(instance: &serde_json::Value) -> Vec<String> {
    let mut schema: serde_json::Value = serde_json::from_str(
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
fn the_schema_check_can_fail() {
    let mut sarif: serde_json::Value = serde_json::from_str(&render(
        &demo(),
        OutputFormat::Sarif,
        &RenderOptions::default(),
    ))
    .expect("json");
    sarif["version"] = serde_json::json!("2.0.0");
    sarif["runs"][0]["results"][0]["level"] = serde_json::json!("critical");
    assert!(sarif_errors(&sarif).len() >= 2);
}

fn validate_sarif(sarif: &str) -> serde_json::Value {
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/schemas/sarif-2.1.0-rtm.5.json").expect("schema"),
    )
    .expect("schema json");
    // The official schema's `language` patterns have a stray `]` that ECMA-262 regex (what JSON Schema
    // patterns are) rejects, so the validator refuses to compile them. We never emit `language`; each
    // such pattern is replaced with the one it means, in memory only.
    fix_language_patterns(&mut schema);
    let instance: serde_json::Value = serde_json::from_str(sarif).expect("sarif is json");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema violations:\n{}",
        errors.join("\n")
    );
    instance
}

#[test]
fn sarif_is_valid_against_the_official_schema_and_githubs_rules() {
    for report in [
        demo(),
        plan(),
        common::lint_dir(Path::new("fixtures/malformed")),
    ] {
        let sarif = validate_sarif(&render(
            &report,
            OutputFormat::Sarif,
            &RenderOptions::default(),
        ));
        let run = &sarif["runs"][0];
        let rule_ids: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .filter_map(|r| r["id"].as_str())
            .collect();
        for result in run["results"].as_array().expect("results") {
            // GitHub code scanning: a known rule, a level, a relative URI and a 1-based region.
            let rule = result["ruleId"].as_str().expect("ruleId");
            assert!(rule_ids.contains(&rule));
            let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rule_ids[index], rule);
            let loc = &result["locations"][0]["physicalLocation"];
            let uri = loc["artifactLocation"]["uri"].as_str().expect("uri");
            assert!(!uri.starts_with('/') && !uri.contains('\\'), "{uri}");
            assert!(loc["region"]["startLine"].as_u64().expect("line") >= 1);
            assert!(loc["region"]["startColumn"].as_u64().expect("column") >= 1);
            assert!(result["partialFingerprints"]["bedrockLint/v1"]
                .as_str()
                .is_some_and(|f| f.len() == 16));
        }
    }
}

#[test]
fn sarif_rules_come_from_rule_metadata() {
    let sarif: serde_json::Value = serde_json::from_str(&render(
        &demo(),
        OutputFormat::Sarif,
        &RenderOptions::default(),
    ))
    .expect("json");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .clone();
    for rule in bedrock_lint::rules::all() {
        let m = rule.meta();
        let r = rules
            .iter()
            .find(|r| r["id"] == m.code)
            .expect("rule listed");
        assert_eq!(r["name"], m.name);
        assert_eq!(r["shortDescription"]["text"], m.summary);
        assert!(r["helpUri"]
            .as_str()
            .is_some_and(|u| u.ends_with(&m.doc_path())));
        assert!(
            !r["fullDescription"]["text"]
                .as_str()
                .unwrap_or("")
                .is_empty(),
            "{}",
            m.code
        );
    }
}

#[test]
fn fingerprints_survive_unrelated_edits_and_line_moves() {
    let original = "provider \"aws\" {\n  region = \"us-east-1\"\n}\nresource \"aws_bedrockagent_agent\" \"a\" {\n  foundation_model = \"us.anthropic.claude-haiku-4-5-20251001-v1:0\"\n}\n";
    let edited = format!("# a comment\n\nlocals {{\n  unrelated = 1\n}}\n{original}");
    let fp = |name: &str, text: &str| {
        let dir = common::project(name, &[("main.tf", text)]);
        let report = common::lint_dir(&dir);
        let root = format!(
            "{}/",
            bedrock_lint::discover::display_path(&dir, &std::env::current_dir().expect("cwd"))
        );
        report
            .diagnostics
            .iter()
            .map(|d| (d.span.line, d.fingerprint(&root)))
            .collect::<Vec<_>>()
    };
    let (a, b) = (fp("fp_a", original), fp("fp_b", &edited));
    assert_eq!(a.len(), 1);
    assert_ne!(a[0].0, b[0].0, "the finding moved");
    assert_eq!(a[0].1, b[0].1, "its fingerprint did not");
}

#[test]
fn hostile_text_cannot_break_annotations_markdown_or_xml() {
    // A model-like value and a file name carrying workflow-command and Markdown syntax.
    let dir = common::project(
        "hostile_output",
        &[(
            "we|ird`::%name.tf",
            "locals {\n  m = \"anthropic.claude-3-5-sonet-20241022-v2:0\"\n}\nresource \"aws_ssm_parameter\" \"m\" {\n  value = local.m\n}\n",
        )],
    );
    let report = common::lint_dir(&dir);
    assert_eq!(report.diagnostics.len(), 1);
    let github = render(&report, OutputFormat::Github, &RenderOptions::default());
    assert_eq!(
        github.lines().count(),
        1,
        "one command per finding: no raw newline"
    );
    let (props, _) = github
        .split_once("::")
        .map(|(_, rest)| rest.split_once("::").unwrap_or((rest, "")))
        .unwrap_or(("", ""));
    assert!(props.contains("we|ird`%3A%3A%25name.tf"), "{props}");
    let md = render(
        &report,
        OutputFormat::Markdown,
        &RenderOptions {
            markdown: MarkdownOptions::default(),
            ..Default::default()
        },
    );
    assert!(md.contains("we\\|ird'::%name.tf"), "{md}");
    for xml in [
        render(&report, OutputFormat::Junit, &RenderOptions::default()),
        render(&report, OutputFormat::Checkstyle, &RenderOptions::default()),
    ] {
        assert!(
            !xml.contains("`::%name.tf\"\"") && xml.contains("we|ird`::%name.tf"),
            "{xml}"
        );
    }
}
