//! A directory named like a subcommand (`config/` is common) is never a trap: `bedrock-lint config`
//! (which without `--show` does nothing) lints it, `./NAME` always means the path, and a subcommand
//! that runs while a same-named path exists says so on stderr.

use std::path::{Path, PathBuf};
use std::process::Command;

fn project(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["config", "cost"] {
        std::fs::create_dir_all(dir.join(sub)).expect("dir");
        for f in ["bedrock.tf", "variables.tf", "locals.tf", "providers.tf"] {
            let from = Path::new("fixtures/demo").join(f);
            if from.exists() {
                std::fs::copy(&from, dir.join(sub).join(f)).expect("copy");
            }
        }
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn config_with_a_config_directory_lints_the_directory() {
    let dir = project("subcommand_paths_config");
    let (out, _, code) = run(&dir, &["config", "--format", "compact"]);
    assert!(out.contains("config/bedrock.tf:"), "{out}");
    assert_ne!(code, 2, "{out}");
    let (out, _, _) = run(&dir, &["./config", "--format", "compact"]);
    assert!(out.contains("config/bedrock.tf:"), "{out}");
    // `--show` is the subcommand.
    let (out, err, code) = run(&dir, &["config", "--show"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("bedrock.tf:"), "{out}");
}

#[test]
fn a_subcommand_that_shadows_a_path_says_so() {
    let dir = project("subcommand_paths_cost");
    let (out, err, code) = run(&dir, &["cost"]);
    assert_eq!(code, 0);
    assert!(out.contains("TOTAL (priced resources)"), "{out}");
    assert!(
        err.contains("note: ran the `cost` subcommand; `./cost` lints the path of that name"),
        "{err}"
    );
    let (out, err, _) = run(&dir, &["./cost", "--format", "compact"]);
    assert!(out.contains("cost/bedrock.tf:"), "{out}");
    assert!(!err.contains("note: ran"), "{err}");
    // Without such a path, no note.
    let (_, err, _) = run(Path::new("fixtures/demo"), &["cost"]);
    assert!(!err.contains("note: ran"), "{err}");
}
