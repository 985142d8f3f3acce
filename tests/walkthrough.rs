//! README "Tuning it on the demo": ignoring a rule, raising a severity, suppressing one block and
//! adopting a baseline each change the demo's output exactly as README shows. Every line asserted here
//! must also appear verbatim in README.md, so the documentation cannot drift from the behaviour.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A fresh copy of the demo project to edit.
fn demo_copy(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    for entry in std::fs::read_dir("fixtures/demo").expect("demo").flatten() {
        std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
    }
    dir
}

/// Runs bedrock-lint in `dir` on `.` and returns (stdout, exit code).
fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let out = Command::cargo_bin("bedrock-lint")
        .expect("binary")
        .current_dir(dir)
        .env("BEDROCK_LINT_TODAY", "2026-11-25")
        .args(["--color", "never"])
        .args(args)
        .output()
        .expect("run");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// The summary line, its continuation lines (it wraps at 100 columns, indented) joined back.
fn summary(stdout: &str) -> String {
    let lines: Vec<&str> = stdout.lines().collect();
    let Some(at) = lines
        .iter()
        .rposition(|l| l.contains(" errors, ") || l.contains(" error, "))
    else {
        return String::new();
    };
    let mut out = lines[at].to_string();
    for l in &lines[at + 1..] {
        match l.strip_prefix("  ") {
            Some(rest) if !rest.starts_with(' ') && !l.trim_start().starts_with("note:") => {
                out.push(' ');
                out.push_str(rest);
            }
            _ => break,
        }
    }
    out
}

fn prepend(path: &Path, text: &str) {
    let old = std::fs::read_to_string(path).expect("read");
    std::fs::write(path, format!("{text}{old}")).expect("write");
}

fn assert_documented(line: &str) {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    assert!(
        readme.contains(line),
        "README.md must show this line exactly:\n{line}"
    );
}

const START: &str = "2 errors, 5 warnings, 2 infos in 8 files · 14 Bedrock resources · estimated $47,988.35/month ($40,794.35 fixed + $7,194.00 from declared usage); 1 resource not priced (no price in the catalog, or a value unknown)";

#[test]
fn the_demo_as_shipped() {
    let dir = demo_copy("walk-start");
    let (out, code) = run(&dir, &["."]);
    assert_eq!(summary(&out), START);
    assert_eq!(code, 1);
    assert_documented(START);
}

#[test]
fn ignoring_a_rule() {
    let dir = demo_copy("walk-ignore");
    prepend(
        &dir.join(".bedrock-lint.toml"),
        "ignore = [\"unknown-model\"]\n",
    );
    let (out, _) = run(&dir, &["."]);
    let expected = "2 errors, 4 warnings, 2 infos in 8 files · 14 Bedrock resources · estimated $47,988.35/month ($40,794.35 fixed + $7,194.00 from declared usage); 1 resource not priced (no price in the catalog, or a value unknown)";
    assert_eq!(summary(&out), expected);
    assert!(!out.contains("BL007"), "{out}");
    assert_documented(expected);
}

#[test]
fn raising_a_severity() {
    let dir = demo_copy("walk-severity");
    prepend(
        &dir.join(".bedrock-lint.toml"),
        "[rules.provisioned-usage-unknown]\nseverity = \"error\"\n\n",
    );
    let (out, code) = run(&dir, &["--fail-on", "error", "."]);
    let expected = "3 errors, 5 warnings, 1 info in 8 files · 14 Bedrock resources · estimated $47,988.35/month ($40,794.35 fixed + $7,194.00 from declared usage); 1 resource not priced (no price in the catalog, or a value unknown)";
    assert_eq!(summary(&out), expected);
    assert_eq!(code, 1, "an error now fails even --fail-on error");
    assert_documented(expected);
}

#[test]
fn suppressing_one_block() {
    let dir = demo_copy("walk-suppress");
    let tf = dir.join("bedrock.tf");
    let text = std::fs::read_to_string(&tf).expect("bedrock.tf");
    let header = "resource \"aws_bedrock_provisioned_model_throughput\" \"support_tone\" {";
    assert!(text.contains(header));
    std::fs::write(
        &tf,
        text.replacen(
            header,
            &format!("# bedrock-lint-ignore: BL005 # pilot: runs all month until the tone model is retrained\n{header}"),
            1,
        ),
    )
    .expect("write");
    let (out, _) = run(&dir, &["."]);
    let expected = "2 errors, 4 warnings, 2 infos in 8 files · 14 Bedrock resources · estimated $47,988.35/month ($40,794.35 fixed + $7,194.00 from declared usage); 1 resource not priced (no price in the catalog, or a value unknown)";
    assert_eq!(summary(&out), expected);
    assert!(!out.contains("BL005"), "{out}");
    assert_documented(expected);
}

#[test]
fn adopting_a_baseline() {
    let dir = demo_copy("walk-baseline");
    let (out, code) = run(
        &dir,
        &["--write-baseline", ".bedrock-lint-baseline.json", "."],
    );
    let wrote = "wrote 9 finding(s) to .bedrock-lint-baseline.json";
    assert_eq!(out.trim(), wrote);
    assert_eq!(code, 0);
    assert_documented(wrote);

    let (out, code) = run(&dir, &["--baseline", ".bedrock-lint-baseline.json", "."]);
    let clean = "0 errors, 0 warnings, 0 infos in 8 files · 14 Bedrock resources · estimated $47,988.35/month ($40,794.35 fixed + $7,194.00 from declared usage); 1 resource not priced (no price in the catalog, or a value unknown)";
    assert_eq!(summary(&out), clean);
    assert_eq!(code, 0);
    assert_documented(clean);
    assert_documented(
        "9 finding(s) recorded in the baseline .bedrock-lint-baseline.json not shown",
    );
    assert!(
        out.contains("9 finding(s) recorded in the baseline .bedrock-lint-baseline.json not shown"),
        "{out}"
    );

    // A new problem after adoption still shows, and only it.
    let tf = dir.join("lambda.tf");
    let text = std::fs::read_to_string(&tf).expect("lambda.tf");
    std::fs::write(
        &tf,
        format!("{text}\nresource \"aws_ssm_parameter\" \"fallback_model\" {{\n  name  = \"/chat/fallback-model\"\n  type  = \"String\"\n  value = \"us.anthropic.claude-haiku-4-5-20251001-v1:0\"\n}}\n"),
    )
    .expect("write");
    let (out, code) = run(&dir, &["--baseline", ".bedrock-lint-baseline.json", "."]);
    let new_only = "0 errors, 1 warning, 0 infos in 8 files · 15 Bedrock resources · estimated $47,988.35/month ($40,794.35 fixed + $7,194.00 from declared usage); 1 resource needs usage to be priced (bedrock-lint usage); 1 resource not priced (no price in the catalog, or a value unknown)";
    assert_eq!(summary(&out), new_only, "{out}");
    assert!(
        out.contains("BL001") && out.contains("claude-haiku-4-5"),
        "{out}"
    );
    assert_eq!(code, 1);
    assert_documented(new_only);
}
