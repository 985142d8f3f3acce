//! The app-config, CloudFormation and plan cases of the real-world set (`fixtures/real-world/{app,cfn,
//! plan}-*`), each checked exactly against its hand labels: every model string with its role (and,
//! for calls, the model and routing), every finding, nothing else. The set-wide precision and recall
//! are `tests/real_world.rs`'s; this test says which case and which string when one of these
//! parsers goes wrong.

use std::path::{Path, PathBuf};

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::model::{Role, Routing};
use bedrock_lint::{lint, Report};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    #[allow(dead_code)]
    shape: String,
    region: Option<String>,
    #[serde(default)]
    reference: Vec<Reference>,
    #[serde(default)]
    finding: Vec<Finding>,
}

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Reference {
    file: String,
    line: usize,
    role: String,
    model: Option<String>,
    routing: Option<String>,
}

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    code: String,
    file: String,
    line: usize,
}

const SET: &str = "fixtures/real-world";

fn cases() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(SET)
        .expect("real-world set")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| ["app-", "cfn-", "plan-"].iter().any(|s| n.starts_with(s)))
        })
        .collect();
    out.sort();
    out
}

/// The case's files, without its labels (a TOML file naming models).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("case dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != "expected.toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn routing(r: Option<Routing>) -> Option<String> {
    r.map(|r| match r {
        Routing::InRegion => "in-region".to_string(),
        Routing::Geo(g) => format!("geo:{g}"),
        Routing::Global => "global".to_string(),
    })
}

fn found(report: &Report, dir: &Path) -> (Vec<Reference>, Vec<Finding>) {
    let prefix = format!("{}/", dir.display());
    let rel = |p: &str| p.strip_prefix(&prefix).unwrap_or(p).to_string();
    let mut refs = Vec::new();
    let calls = report.resources.iter().map(|r| &r.resource);
    for r in calls.chain(report.references.iter()) {
        let at = r.model_span.as_ref().unwrap_or(&r.span);
        let model = r.model.known();
        let call = r.role == Role::Call;
        refs.push(Reference {
            file: rel(at.path()),
            line: at.line,
            role: r.role.as_str().to_string(),
            model: model
                .filter(|_| call)
                .and_then(|m| m.model_id().map(str::to_string)),
            routing: model.filter(|_| call).and_then(|m| routing(m.routing())),
        });
    }
    refs.sort();
    let mut findings: Vec<Finding> = report
        .diagnostics
        .iter()
        .map(|d| Finding {
            code: d.code.to_string(),
            file: rel(d.span.path()),
            line: d.span.line,
        })
        .collect();
    findings.sort();
    (refs, findings)
}

#[test]
fn every_app_config_cloudformation_and_plan_case_matches_its_labels() {
    let cases = cases();
    assert!(cases.len() >= 12, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for dir in &cases {
        let text = std::fs::read_to_string(dir.join("expected.toml")).expect("labels");
        let expected: Expected = toml::from_str(&text).expect("valid labels");
        let overrides = Overrides {
            region: expected.region.clone(),
            ..Overrides::default()
        };
        let config = Config::load(dir, &overrides).expect("config");
        let report = lint(&files(dir), &config);
        let (refs, findings) = found(&report, dir);
        let mut want_refs = expected.reference.clone();
        want_refs.sort();
        let mut want_findings = expected.finding.clone();
        want_findings.sort();
        if refs != want_refs || findings != want_findings {
            wrong.push(format!(
                "{}:\n  references: {refs:#?}\n  expected:   {want_refs:#?}\n  findings: {findings:#?}\n  expected: {want_findings:#?}",
                dir.display()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_error_finding_on_a_string_that_is_not_a_call() {
    for dir in cases() {
        let report = lint(
            &files(&dir),
            &Config::load(&dir, &Overrides::default()).expect("config"),
        );
        // Errors on a call's own model string are about the call (an end-of-life model, BL019, is an
        // error by design); this test is about strings that are not calls.
        let calls: std::collections::BTreeSet<(String, usize)> = report
            .resources
            .iter()
            .filter_map(|r| r.resource.model_span.as_ref())
            .map(|s| (s.path().to_string(), s.line))
            .collect();
        let errors: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == bedrock_lint::diagnostic::Severity::Error)
            .filter(|d| !calls.contains(&(d.span.path().to_string(), d.span.line)))
            .map(|d| format!("{} {}:{}", d.code, d.span.path(), d.span.line))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
    }
}
