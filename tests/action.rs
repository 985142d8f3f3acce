//! The GitHub Action's steps (`action/run.sh`) with a faked `GITHUB_*` environment and a fake `gh`:
//! annotations on stdout, the summary in $GITHUB_STEP_SUMMARY, SARIF on disk, and one PR comment with the
//! cost diff, created once and updated on the next push. Also: the README shows exactly the workflow and
//! pre-commit files tested here.

use std::path::{Path, PathBuf};
use std::process::Command;

fn sh(dir: &Path, args: &[&str]) {
    let status = Command::new(args[0])
        .args(&args[1..])
        .current_dir(dir)
        .status()
        .expect("command runs");
    assert!(status.success(), "{args:?}");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("dir").flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// A repository whose first commit is fixtures/diff/base and second fixtures/diff/head.
fn pr_repo() -> (PathBuf, String) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("action_repo");
    let _ = std::fs::remove_dir_all(&root);
    let repo = root.join("repo");
    std::fs::create_dir_all(&repo).expect("dir");
    let git = |args: &[&str]| {
        let mut all = vec![
            "git",
            "-c",
            "user.name=ci",
            "-c",
            "user.email=ci@example.com",
            "-c",
            "commit.gpgsign=false",
        ];
        all.extend_from_slice(args);
        sh(&repo, &all);
    };
    git(&["init", "-q"]);
    copy_dir(Path::new("fixtures/diff/base"), &repo);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    let sha = String::from_utf8(
        Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(&repo)
            .output()
            .expect("git")
            .stdout,
    )
    .expect("utf-8")
    .trim()
    .to_string();
    copy_dir(Path::new("fixtures/diff/head"), &repo);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "head"]);
    (root, sha)
}

/// A `gh` that logs each call and its body file, and lists an existing comment when asked to.
fn fake_gh(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("dir");
    let script = r#"#!/usr/bin/env bash
echo "gh $*" >> "$FAKE_GH_LOG"
for a in "$@"; do case "$a" in body=@*) cat "${a#body=@}" >> "$FAKE_GH_LOG"; echo >> "$FAKE_GH_LOG";; esac; done
if [ "$2" = "repos/acme/shop/issues/7/comments" ] && [ "$1" = "api" ] && [ -n "${FAKE_GH_EXISTING:-}" ]; then echo "$FAKE_GH_EXISTING"; fi
"#;
    let path = bin.join("gh");
    std::fs::write(&path, script).expect("write");
    sh(dir, &["chmod", "+x", path.to_str().expect("utf-8")]);
    bin
}

fn run_action(root: &Path, sha: &str, existing: Option<&str>) -> (String, i32) {
    let repo = root.join("repo");
    let bin = fake_gh(root);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("action/run.sh"))
        .current_dir(&repo)
        .env("PATH", path)
        .env("BEDROCK_LINT_BIN", env!("CARGO_BIN_EXE_bedrock-lint"))
        .env("RUNNER_TEMP", root)
        .env("GITHUB_STEP_SUMMARY", root.join("step-summary.md"))
        .env("GITHUB_REPOSITORY", "acme/shop")
        .env("INPUT_PATHS", ".")
        .env("INPUT_FAIL_ON", "warning")
        .env("INPUT_SARIF", root.join("out.sarif"))
        .env("INPUT_COMMENT", "true")
        .env("PR_NUMBER", "7")
        .env("BASE_SHA", sha)
        .env("FAKE_GH_LOG", root.join("gh.log"))
        .env("FAKE_GH_EXISTING", existing.unwrap_or(""))
        .env_remove("GITHUB_SHA")
        .output()
        .expect("bash runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn the_action_annotates_summarises_writes_sarif_and_keeps_one_comment() {
    let (root, sha) = pr_repo();
    let (stdout, code) = run_action(&root, &sha, None);
    // Head has only info findings (BL012 Sonnet 4.5 → Sonnet 5 on line 14, BL006 on the new PT on
    // line 26): the step passes at fail-on warning.
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.starts_with("::notice file=main.tf,line=14,")
            && stdout.contains("::notice file=main.tf,line=26,col=1,"),
        "{stdout}"
    );
    assert!(
        stdout.contains("title=BL006 provisioned-usage-unknown::"),
        "{stdout}"
    );

    let summary = std::fs::read_to_string(root.join("step-summary.md")).expect("summary");
    assert!(
        summary.starts_with("<!-- bedrock-lint -->\n## bedrock-lint: estimated $23,155.00/month"),
        "{summary}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("out.sarif")).expect("sarif"))
            .expect("json");
    assert_eq!(sarif["version"], "2.1.0");

    let log = std::fs::read_to_string(root.join("gh.log")).expect("gh log");
    assert!(
        log.contains("gh api repos/acme/shop/issues/7/comments --paginate"),
        "{log}"
    );
    assert!(
        log.contains("gh api -X POST repos/acme/shop/issues/7/comments -F body=@"),
        "{log}"
    );
    // The comment carries the diff against the base commit: +$3,723 PT, −$600 routing.
    assert!(
        log.contains("this change raises the Bedrock bill by **+$3,123.00/month**"),
        "{log}"
    );
    assert!(
        log.contains("<details><summary>Full report</summary>"),
        "{log}"
    );

    // Next push: the existing comment is updated, not stacked.
    std::fs::remove_file(root.join("gh.log")).expect("rm");
    run_action(&root, &sha, Some("4242"));
    let log = std::fs::read_to_string(root.join("gh.log")).expect("gh log");
    assert!(
        log.contains("gh api -X PATCH repos/acme/shop/issues/comments/4242 -F body=@"),
        "{log}"
    );
    assert!(!log.contains("-X POST"), "{log}");
}

#[test]
fn readme_shows_the_tested_workflow_and_pre_commit_files() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    for file in [
        "examples/github-workflow.yml",
        "examples/pre-commit-config.yaml",
    ] {
        let text = std::fs::read_to_string(file).expect(file);
        assert!(
            readme.contains(&text),
            "README.md must show {file} verbatim"
        );
    }
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").expect("hooks");
    assert!(
        hooks.contains("- id: bedrock-lint\n")
            && hooks.contains("language: python")
            && hooks.contains("- id: bedrock-lint-system\n")
            && hooks.contains("language: system")
            && hooks.contains("pass_filenames: true")
            && !hooks.contains("language: rust"),
        "{hooks}"
    );
    let example = std::fs::read_to_string("examples/pre-commit-config.yaml").expect("example");
    assert!(example.contains("id: bedrock-lint"));
    let action = std::fs::read_to_string("action.yml").expect("action");
    for input in [
        "paths:",
        "config:",
        "fail-on:",
        "version:",
        "sarif:",
        "comment:",
        "working-directory:",
    ] {
        assert!(
            action.contains(&format!("  {input}")),
            "action.yml input {input}"
        );
    }
}

#[test]
fn a_pre_commit_run_on_staged_files_resolves_the_rest_of_their_module() {
    // pre-commit passes only the staged files; their variables live in variables.tf.
    let out = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
        .args([
            "--format",
            "compact",
            "--fail-on",
            "never",
            "fixtures/demo/lambda.tf",
            "fixtures/demo/variables.tf",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("fixtures/demo/lambda.tf:48:33: warning"),
        "{text}"
    );
    assert!(
        text.contains("fixtures/demo/variables.tf:15:18: warning"),
        "{text}"
    );
    assert!(
        !text.contains("bedrock.tf"),
        "only the named files' findings: {text}"
    );
}

/// `rev: vX.Y.Z` in a user's pre-commit config installs this repository at that tag; its root
/// pyproject.toml must pin the wheel of the same version (else pre-commit runs another bedrock-lint),
/// and the wheel's version is the crate's.
#[test]
fn the_pre_commit_shim_pins_the_wheel_of_this_version() {
    let version = env!("CARGO_PKG_VERSION");
    let shim: toml::Table = std::fs::read_to_string("pyproject.toml")
        .expect("pyproject.toml")
        .parse()
        .expect("TOML");
    assert_eq!(shim["project"]["version"].as_str(), Some(version));
    assert_eq!(
        shim["project"]["dependencies"]
            .as_array()
            .map(Vec::as_slice),
        Some(&[toml::Value::String(format!("bedrock-lint=={version}"))][..])
    );
    let wheel: toml::Table = std::fs::read_to_string("pypi/pyproject.toml")
        .expect("pypi/pyproject.toml")
        .parse()
        .expect("TOML");
    assert_eq!(wheel["project"]["name"].as_str(), Some("bedrock-lint"));
    assert_eq!(wheel["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    assert_eq!(
        wheel["project"]["dynamic"].as_array().map(Vec::as_slice),
        Some(&[toml::Value::String("version".into())][..]),
        "the wheel's version is read from Cargo.toml"
    );
    let example = std::fs::read_to_string("examples/pre-commit-config.yaml").expect("example");
    assert!(example.contains(&format!("rev: v{version}\n")), "{example}");
}

/// With the action's `working-directory: infra`, annotations and the comment's links still name
/// `infra/main.tf`: GitHub resolves them from the repository root (GITHUB_WORKSPACE).
#[test]
fn with_a_working_directory_paths_stay_repository_relative() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("action_subdir");
    let _ = std::fs::remove_dir_all(&root);
    let infra = root.join("repo/infra");
    std::fs::create_dir_all(&infra).expect("dir");
    copy_dir(Path::new("fixtures/diff/head"), &infra);
    sh(&root.join("repo"), &["git", "init", "-q"]);
    let bin = fake_gh(&root);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("action/run.sh"))
        .current_dir(&infra)
        .env("PATH", path)
        .env("BEDROCK_LINT_BIN", env!("CARGO_BIN_EXE_bedrock-lint"))
        .env("RUNNER_TEMP", &root)
        .env("GITHUB_WORKSPACE", root.join("repo"))
        .env("GITHUB_STEP_SUMMARY", root.join("step-summary.md"))
        .env("GITHUB_REPOSITORY", "acme/shop")
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567")
        .env("INPUT_PATHS", ".")
        .env("INPUT_FAIL_ON", "warning")
        .env("INPUT_SARIF", root.join("out.sarif"))
        .env("INPUT_COMMENT", "false")
        .env("FAKE_GH_LOG", root.join("gh.log"))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("::notice file=infra/main.tf,line=26,"),
        "{stdout}"
    );
    // Every annotation names its file from the repository root.
    for line in stdout
        .lines()
        .filter(|l| l.starts_with("::") && l.contains(" file="))
    {
        assert!(line.contains(" file=infra/"), "{line}");
    }
    let summary = std::fs::read_to_string(root.join("step-summary.md")).expect("summary");
    assert!(
        summary.contains(
            "[infra/main.tf:26](https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/infra/main.tf#L26)"
        ),
        "{summary}"
    );
    let sarif = std::fs::read_to_string(root.join("out.sarif")).expect("sarif");
    assert!(sarif.contains("\"uri\": \"infra/main.tf\""), "{sarif}");
}
