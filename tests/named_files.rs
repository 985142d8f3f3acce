//! Files named on the command line that bedrock-lint does not read — what pre-commit passes when a
//! commit touches bedrock-lint's own config, a lock file, `renovate.json` or a Helm template — are
//! skipped with a note: exit 0, no BL000. A named file that does not exist is still an error.

use std::process::Command;

fn run(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
        .current_dir("fixtures/staged")
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn config_lock_files_and_templates_with_no_bedrock_content_are_skipped_with_a_note() {
    let (out, code) = run(&[
        ".bedrock-lint.toml",
        "package-lock.json",
        "renovate.json",
        "chart/templates/deployment.yaml",
        ".terraform.lock.hcl",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("BL000"), "{out}");
    for note in [
        ".bedrock-lint.toml: skipped (bedrock-lint's own configuration or baseline)",
        "package-lock.json: skipped (a lock file)",
        ".terraform.lock.hcl: skipped (a lock file)",
        "renovate.json: skipped (no Bedrock content)",
        "chart/templates/deployment.yaml: skipped (no Bedrock content)",
    ] {
        assert!(out.contains(note), "{note}\n{out}");
    }
}

#[test]
fn a_baseline_is_not_read_as_config_whatever_its_name() {
    // Outside the repository: its .gitignore (target/) would hide the directory from the walk.
    let dir = std::env::temp_dir().join(format!(
        "bedrock-lint-named-baseline-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let baseline = dir.join("known-findings.json");
    let status = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
        .args(["fixtures/demo", "--write-baseline"])
        .arg(&baseline)
        .status()
        .expect("runs");
    assert!(status.success());
    let text = std::fs::read_to_string(&baseline).expect("baseline");
    assert!(text.contains("anthropic."), "the baseline names models");
    for args in [vec![baseline.clone()], vec![dir.clone()]] {
        let out = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
            .args(&args)
            .args(["--color", "never"])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        assert!(
            stdout.contains("known-findings.json: skipped (a bedrock-lint baseline)"),
            "{stdout}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_named_file_that_does_not_exist_is_still_an_error() {
    let (out, code) = run(&["main.tf", "package-lock.json"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("BL000"), "{out}");
}
