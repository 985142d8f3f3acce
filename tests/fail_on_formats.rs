//! JUnit and Checkstyle count as failures exactly the findings that fail the step (`--fail-on`, or
//! `fail_on` in the config): a dashboard never shows failures for a green step.

use std::process::Command;

fn run(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn attr(xml: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    let start = xml.find(&key).expect(name) + key.len();
    xml[start..].split('"').next().unwrap_or("").to_string()
}

#[test]
fn junit_failures_are_the_findings_that_fail_the_step() {
    // The demo: 2 errors (end-of-life Claude 3.5 Sonnet v2, BL019), 5 warnings and 2 infos.
    for (fail_on, failures, code) in [
        ("error", 2, 1),
        ("warning", 7, 1),
        ("info", 9, 1),
        ("never", 0, 0),
    ] {
        let (xml, exit) = run(&["fixtures/demo", "--format", "junit", "--fail-on", fail_on]);
        assert_eq!(exit, code, "{fail_on}");
        assert_eq!(
            attr(&xml, "failures"),
            failures.to_string(),
            "{fail_on}\n{xml}"
        );
        assert_eq!(xml.matches("<failure ").count(), failures, "{fail_on}");
        // Nothing is hidden: what does not fail is listed in the case's output.
        let below = xml
            .lines()
            .filter(|l| {
                ["error: ", "warning: ", "info: "]
                    .iter()
                    .any(|p| l.starts_with(p))
            })
            .count();
        let listed = failures + below;
        assert_eq!(
            listed, 9,
            "{fail_on}: every finding is in the report\n{xml}"
        );
    }
}

#[test]
fn checkstyle_errors_are_the_findings_that_fail_the_step() {
    for (fail_on, errors) in [("error", 2), ("warning", 7), ("info", 9)] {
        let (xml, _) = run(&[
            "fixtures/demo",
            "--format",
            "checkstyle",
            "--fail-on",
            fail_on,
        ]);
        assert_eq!(
            xml.matches("severity=\"error\"").count(),
            errors,
            "{fail_on}\n{xml}"
        );
        assert_eq!(xml.matches("<error ").count(), 9, "{fail_on}");
    }
    let (xml, _) = run(&[
        "fixtures/demo",
        "--format",
        "checkstyle",
        "--fail-on",
        "error",
    ]);
    assert_eq!(xml.matches("severity=\"warning\"").count(), 5, "{xml}");
    assert_eq!(xml.matches("severity=\"info\"").count(), 2, "{xml}");
}
