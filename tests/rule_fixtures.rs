//! Every rule has `fixtures/rules/<CODE>-<name>/` with `fail*` cases (the rule must fire) and `pass*`
//! cases (it must not). Each case is linted as a project with its own `.bedrock-lint.toml`, and the
//! text output is snapshotted.

mod common;

use std::path::{Path, PathBuf};

use bedrock_lint::report::{render_text, TextOptions};
use bedrock_lint::rules;

fn case_dirs(rule_dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(rule_dir)
        .expect("rule fixture dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_rule_has_failing_and_passing_fixtures() {
    for rule in rules::all() {
        let m = rule.meta();
        let dir = Path::new("fixtures/rules").join(format!("{}-{}", m.code, m.name));
        let cases = case_dirs(&dir);
        let name = |p: &PathBuf| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        assert!(
            cases.iter().any(|c| name(c).starts_with("fail")),
            "{} has no fail case",
            m.code
        );
        assert!(
            cases.iter().any(|c| name(c).starts_with("pass")),
            "{} has no pass case",
            m.code
        );
    }
}

#[test]
fn rule_fixtures_fire_exactly_where_expected() {
    for rule in rules::all() {
        let m = rule.meta();
        let dir = Path::new("fixtures/rules").join(format!("{}-{}", m.code, m.name));
        for case in case_dirs(&dir) {
            let case_name = case
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let report = common::lint_dir(&case);
            assert!(
                !report.has_input_errors(),
                "{}: input errors {:?}",
                case.display(),
                report.diagnostics
            );
            let fired: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.code == m.code)
                .collect();
            if case_name.starts_with("fail") {
                assert!(
                    !fired.is_empty(),
                    "{} must fire in {}",
                    m.code,
                    case.display()
                );
            } else {
                assert!(
                    fired.is_empty(),
                    "{} must not fire in {}: {:?}",
                    m.code,
                    case.display(),
                    fired
                );
            }
            insta::assert_snapshot!(
                format!("{}__{}", m.code, case_name),
                render_text(&report, TextOptions::default())
            );
        }
    }
}
