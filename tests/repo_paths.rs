//! Paths in `github` annotations, SARIF URIs and Markdown links are relative to the repository root
//! whatever the working directory (the action's `working-directory`, a monorepo's `infra/`): the
//! root is `--path-base`, else GITHUB_WORKSPACE, else the git checkout's top level. Text output
//! keeps paths relative to where the user is.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `<tmp>/<name>/repo` (a git checkout) with fixtures/demo in `repo/infra/`.
fn checkout(name: &str) -> PathBuf {
    let repo = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(name)
        .join("repo");
    let _ = std::fs::remove_dir_all(&repo);
    let infra = repo.join("infra");
    std::fs::create_dir_all(&infra).expect("dir");
    for entry in std::fs::read_dir("fixtures/demo").expect("demo").flatten() {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), infra.join(entry.file_name())).expect("copy");
        }
    }
    let status = Command::new("git")
        .args(["init", "-q"])
        .current_dir(&repo)
        .status()
        .expect("git");
    assert!(status.success());
    repo
}

fn run(dir: &Path, args: &[&str], workspace: Option<&Path>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"));
    cmd.current_dir(dir)
        .args(args)
        .env_remove("GITHUB_WORKSPACE");
    if let Some(w) = workspace {
        cmd.env("GITHUB_WORKSPACE", w);
    }
    let out = cmd.output().expect("runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_run_in_a_subdirectory_reports_repository_relative_paths() {
    let repo = checkout("repo_paths_git");
    let infra = repo.join("infra");
    let github = run(&infra, &["--format", "github", "."], None);
    assert!(
        github.starts_with("::warning file=infra/bedrock.tf,line=9,"),
        "{github}"
    );
    assert!(!github.contains("file=bedrock.tf"), "{github}");

    let sarif: serde_json::Value =
        serde_json::from_str(&run(&infra, &["--format", "sarif", "."], None)).expect("json");
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(!uris.is_empty());
    assert!(uris.iter().all(|u| u.starts_with("infra/")), "{uris:?}");

    let md = run(&infra, &["--format", "markdown", "."], None);
    assert!(
        md.contains("[infra/bedrock.tf:9](infra/bedrock.tf#L9)"),
        "{md}"
    );

    // The text output stays relative to where the user is.
    let text = run(&infra, &["--format", "compact", "."], None);
    assert!(text.starts_with("bedrock.tf:9:3:"), "{text}");
}

#[test]
fn github_workspace_and_the_flag_set_the_root() {
    let repo = checkout("repo_paths_workspace");
    let infra = repo.join("infra");
    // The workspace is the root even where no .git is found (or a parent's would be).
    let github = run(&infra, &["--format", "github", "."], Some(&repo));
    assert!(
        github.starts_with("::warning file=infra/bedrock.tf,"),
        "{github}"
    );
    // Another CI system: the flag.
    let github = run(
        &infra,
        &["--format", "github", "--path-base", "..", "."],
        None,
    );
    assert!(
        github.starts_with("::warning file=infra/bedrock.tf,"),
        "{github}"
    );
    let github = run(
        &infra,
        &["--format", "github", "--path-base", ".", "."],
        None,
    );
    assert!(github.starts_with("::warning file=bedrock.tf,"), "{github}");
    // A path that leaves the working directory is still resolved to the file under the root.
    let github = run(
        &repo.join("infra"),
        &["--format", "github", "../infra"],
        None,
    );
    assert!(
        github.starts_with("::warning file=infra/bedrock.tf,"),
        "{github}"
    );
}
