//! The real-world set (`fixtures/real-world/`, format in its README): shapes seen in public repositories,
//! written in our own words and labelled by hand. Each case is linted as a user would lint it; every
//! model string must get the labelled role, every call the labelled model and routing, and the findings
//! are scored for precision and recall. No error-severity finding may land on anything unlabelled.
//!
//! The scores are printed (`cargo test --test real_world -- --nocapture`); the test fails below the
//! bar, on any error-severity finding or priced non-call, and on any other disagreement with a label.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use bedrock_lint::config::Overrides;
use bedrock_lint::diagnostic::Severity;
use bedrock_lint::model::{BedrockResource, Role, Routing};
use serde::Deserialize;

/// Findings: at least this share of what is reported must be labelled, and of what is labelled reported.
const MIN_FINDING_PRECISION: f64 = 0.90;
const MIN_FINDING_RECALL: f64 = 0.90;
/// Calls: at least this share of labelled calls found with the right model and routing.
const MIN_CALL_RECALL: f64 = 0.95;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    shape: String,
    region: Option<String>,
    #[serde(default)]
    reference: Vec<ExpectedReference>,
    #[serde(default)]
    finding: Vec<ExpectedFinding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedReference {
    file: String,
    line: usize,
    /// Where the string starts on its line (1-based), when a line holds more than one.
    column: Option<usize>,
    role: String,
    model: Option<String>,
    routing: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    code: String,
    file: String,
    line: usize,
}

/// `(file, line, column, role, model, routing)` of one model string as the tool read it.
type Seen = (String, usize, usize, String, Option<String>, Option<String>);

fn routing_label(r: Routing) -> String {
    match r {
        Routing::InRegion => "in-region".into(),
        Routing::Geo(g) => format!("geo:{g}"),
        Routing::Global => "global".into(),
    }
}

fn relative(case: &Path, shown: &str) -> String {
    let prefix = format!("{}/", case.display());
    shown.strip_prefix(&prefix).unwrap_or(shown).to_string()
}

fn seen(case: &Path, r: &BedrockResource) -> Seen {
    let at = r.model_span.as_ref().unwrap_or(&r.span);
    let model = r.model.known();
    (
        relative(case, at.path()),
        at.line,
        at.column,
        r.role.as_str().to_string(),
        model.and_then(|m| m.model_id()).map(str::to_string),
        model.and_then(|m| m.routing()).map(routing_label),
    )
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new("fixtures/real-world");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("fixtures/real-world")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[derive(Default)]
struct Score {
    findings_reported: usize,
    findings_right: usize,
    findings_labelled: usize,
    findings_found: usize,
    calls_labelled: usize,
    calls_found: usize,
    failures: Vec<String>,
}

fn check_case(case: &Path, score: &mut Score) {
    let text = std::fs::read_to_string(case.join("expected.toml")).expect("expected.toml");
    let expected: Expected = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: bad expected.toml: {e}", case.display()));
    assert!(
        !expected.shape.is_empty(),
        "{}: say its shape",
        case.display()
    );
    let overrides = Overrides {
        region: expected.region.clone(),
        ..Overrides::default()
    };
    let report = common::lint_with(case, &overrides);
    let name = case.display().to_string();

    // Every model string the tool saw, calls and the rest (a vector collection or a guardrail is
    // priced, but holds no model string).
    let mut got: Vec<Seen> = report
        .resources
        .iter()
        .filter(|r| !r.resource.kind.calls_no_model())
        .map(|r| seen(case, &r.resource))
        .collect();
    got.extend(report.references.iter().map(|r| seen(case, r)));
    // A label names a place by file and line, and by column where a line holds several strings.
    let at = |e: &ExpectedReference, f: &str, l: usize, c: usize| {
        f == e.file && l == e.line && e.column.is_none_or(|col| col == c)
    };
    let calls: Vec<&Seen> = got.iter().filter(|s| s.3 == "call").collect();
    let labelled_calls: Vec<&ExpectedReference> = expected
        .reference
        .iter()
        .filter(|e| e.role == "call")
        .collect();

    for e in &expected.reference {
        assert!(
            Role::ALL.iter().any(|r| r.as_str() == e.role),
            "{name}: unknown role {:?}",
            e.role
        );
        let near = || -> Vec<&Seen> {
            got.iter()
                .filter(|(f, l, ..)| f == &e.file && *l == e.line)
                .collect()
        };
        if e.role == "call" {
            score.calls_labelled += 1;
            let hit = calls.iter().any(|(f, l, c, _, model, routing)| {
                at(e, f, *l, *c)
                    && (e.model.is_none() || model == &e.model)
                    && (e.routing.is_none() || routing == &e.routing)
            });
            if hit {
                score.calls_found += 1;
            } else {
                score.failures.push(format!(
                    "{name}: call at {}:{} ({:?} {:?}) not found; the tool saw there: {:?}",
                    e.file,
                    e.line,
                    e.model,
                    e.routing,
                    near()
                ));
            }
            continue;
        }
        // A permission, metadata or default string priced as a call: a call at its place that no
        // call label claims.
        let priced_here = calls.iter().any(|(f, l, c, ..)| {
            at(e, f, *l, *c) && !labelled_calls.iter().any(|k| at(k, f, *l, *c))
        });
        if priced_here {
            score.failures.push(format!(
                "{name}: {}:{} is {} but was read as a call",
                e.file, e.line, e.role
            ));
        } else if !got
            .iter()
            .any(|(f, l, c, role, ..)| at(e, f, *l, *c) && role == &e.role)
        {
            // Not a call, but not listed with its role either: a reporting gap, not a wrong finding.
            score.failures.push(format!(
                "{name}: {}:{} should be listed as {}; the tool saw there: {:?}",
                e.file,
                e.line,
                e.role,
                near()
            ));
        }
    }
    // Calls the tool priced that nobody labelled.
    for (f, l, c, _, model, routing) in &calls {
        if !labelled_calls.iter().any(|k| at(k, f, *l, *c)) {
            score.failures.push(format!(
                "{name}: unlabelled call at {f}:{l}:{c} ({model:?} {routing:?})"
            ));
        }
    }

    // Findings.
    let labelled: BTreeSet<(String, String, usize)> = expected
        .finding
        .iter()
        .map(|f| (f.code.clone(), f.file.clone(), f.line))
        .collect();
    let reported: BTreeSet<(String, String, usize, Severity, String)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                relative(case, d.span.path()),
                d.span.line,
                d.severity,
                d.message.clone(),
            )
        })
        .collect();
    score.findings_labelled += labelled.len();
    score.findings_reported += reported.len();
    for (code, file, line, severity, message) in &reported {
        if labelled.contains(&(code.clone(), file.clone(), *line)) {
            score.findings_right += 1;
        } else if *severity == Severity::Error {
            score.failures.push(format!(
                "{name}: unlabelled ERROR {code} at {file}:{line}: {message}"
            ));
        } else {
            score.failures.push(format!(
                "{name}: unlabelled {code} at {file}:{line} ({}): {message}",
                severity.as_str()
            ));
        }
    }
    for (code, file, line) in &labelled {
        if reported
            .iter()
            .any(|(c, f, l, ..)| c == code && f == file && l == line)
        {
            score.findings_found += 1;
        } else {
            score
                .failures
                .push(format!("{name}: missing {code} at {file}:{line}"));
        }
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

#[test]
fn real_world_set_scores_above_the_bar() {
    let cases = cases();
    assert!(!cases.is_empty(), "no cases in fixtures/real-world");
    let mut score = Score::default();
    for case in &cases {
        check_case(case, &mut score);
    }
    let precision = ratio(score.findings_right, score.findings_reported);
    let recall = ratio(score.findings_found, score.findings_labelled);
    let call_recall = ratio(score.calls_found, score.calls_labelled);
    println!(
        "real-world set: {} cases; findings precision {:.3} ({}/{}), recall {:.3} ({}/{}); calls found {:.3} ({}/{})",
        cases.len(),
        precision,
        score.findings_right,
        score.findings_reported,
        recall,
        score.findings_found,
        score.findings_labelled,
        call_recall,
        score.calls_found,
        score.calls_labelled,
    );
    for f in &score.failures {
        println!("  {f}");
    }
    // Hard failures, whatever the scores: an error on something unlabelled, a non-call read as a call.
    let hard: Vec<&String> = score
        .failures
        .iter()
        .filter(|f| f.contains("unlabelled ERROR") || f.contains("but was read as a call"))
        .collect();
    assert!(
        hard.is_empty(),
        "false errors or non-calls priced: {hard:#?}"
    );
    assert!(
        precision >= MIN_FINDING_PRECISION,
        "finding precision {precision:.3} below {MIN_FINDING_PRECISION}"
    );
    assert!(
        recall >= MIN_FINDING_RECALL,
        "finding recall {recall:.3} below {MIN_FINDING_RECALL}"
    );
    assert!(
        call_recall >= MIN_CALL_RECALL,
        "call recall {call_recall:.3} below {MIN_CALL_RECALL}"
    );
    // Every case is labelled in full, so any other disagreement is a regression too; each names its
    // case and string. (The bars above keep the score honest if a case is ever left partly labelled.)
    assert!(
        score.failures.is_empty(),
        "labels and tool disagree: {:#?}",
        score.failures
    );
}
