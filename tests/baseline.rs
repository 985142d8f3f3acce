//! Baselines: adopt the linter without fixing everything first; only new findings are shown, and
//! fingerprints survive edits elsewhere in the files.

use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_demo(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    for entry in std::fs::read_dir("fixtures/demo").expect("demo").flatten() {
        std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
    }
    dir
}

/// Lint `.` against the baseline, as JSON.
const BASELINE_JSON: &[&str] = &[
    "--baseline",
    ".bedrock-lint-baseline.json",
    "--format",
    "json",
    ".",
];

fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn codes(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_baseline_hides_todays_findings_and_shows_new_ones() {
    let dir = copy_demo("baseline_demo");
    let (out, code) = run(
        &dir,
        &["--write-baseline", ".bedrock-lint-baseline.json", "."],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("wrote 9 finding(s)"), "{out}");

    let (json, code) = run(&dir, BASELINE_JSON);
    assert_eq!(codes(&json), Vec::<String>::new());
    assert_eq!(code, 0);

    // Unrelated edits move every line of variables.tf and bedrock.tf: still baselined.
    for file in ["variables.tf", "bedrock.tf"] {
        let text = std::fs::read_to_string(dir.join(file)).expect("read");
        std::fs::write(dir.join(file), format!("# reviewed 2026-11\n\n{text}")).expect("write");
    }
    // Renaming an unrelated resource (and every reference to it) and reformatting unrelated lines
    // (re-aligned `=`, as `terraform fmt` does after an edit) keep every fingerprint.
    let lambda = std::fs::read_to_string(dir.join("lambda.tf")).expect("read");
    assert!(lambda.contains("aws_s3_bucket\" \"training\""));
    let lambda = lambda
        .replace("\"training\"", "\"training_data\"")
        .replace("aws_s3_bucket.training.", "aws_s3_bucket.training_data.")
        .replace("  handler       =", "  handler =");
    std::fs::write(dir.join("lambda.tf"), &lambda).expect("write");
    let bedrock = std::fs::read_to_string(dir.join("bedrock.tf")).expect("read");
    assert!(bedrock.contains("aws_s3_bucket.training.id"));
    std::fs::write(
        dir.join("bedrock.tf"),
        bedrock.replace(
            "aws_s3_bucket.training.id",
            "aws_s3_bucket.training_data.id",
        ),
    )
    .expect("write");
    let (json, _) = run(&dir, BASELINE_JSON);
    assert_eq!(codes(&json), Vec::<String>::new(), "{json}");
    // A new problem is reported.
    std::fs::write(
        dir.join("lambda.tf"),
        lambda.replace(
            "LOG_LEVEL              = \"INFO\"",
            "LOG_LEVEL = \"INFO\"\n      ESCALATION_MODEL = \"us.anthropic.claude-opus-5-5\"",
        ),
    )
    .expect("write");
    let (json, code) = run(&dir, BASELINE_JSON);
    assert_eq!(codes(&json), ["BL001"], "{json}");
    assert_eq!(code, 1);
}

#[test]
fn a_corrupt_baseline_is_exit_2() {
    let dir = copy_demo("baseline_corrupt");
    std::fs::write(dir.join("b.json"), "{\"version\": 1, \"findings\": [").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
        .args(["--baseline", "b.json", "."])
        .current_dir(&dir)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid baseline b.json"));
}

#[test]
fn bedrock_lints_own_outputs_are_not_scanned_as_app_config() {
    let dir = copy_demo("own_outputs");
    let (report, _) = run(&dir, &["--format", "json", "."]);
    std::fs::write(dir.join("report.json"), &report).expect("write");
    run(&dir, &["--write-baseline", "baseline-copy.json", "."]);
    let (again, _) = run(&dir, &["--format", "json", "."]);
    let count = |j: &str| {
        serde_json::from_str::<serde_json::Value>(j).expect("json")["resources"]
            .as_array()
            .map_or(0, Vec::len)
    };
    assert_eq!(count(&again), count(&report));
}
