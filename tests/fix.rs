//! `--fix`, `--unsafe-fixes` and `--diff` through the binary on a copy of a fixture: the edit, that a
//! safe run leaves unsafe fixes alone, idempotence, and a clean re-lint.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("bedrock-lint").expect("binary");
    c.current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("--color")
        .arg("never");
    c
}

fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let out = bin(dir).args(args).output().expect("run");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn copy_fixture(name: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string("fixtures/fix/provisioned/main.tf").expect("fixture");
    common::project(name, &[("main.tf", &text)])
}

#[test]
fn diff_shows_the_edits_and_writes_nothing() {
    let dir = copy_fixture("fix-diff");
    let before = std::fs::read_to_string(dir.join("main.tf")).expect("read");
    let (safe, code) = run(&dir, &["--diff", "."]);
    assert_eq!(code, 1, "a diff to show: exit 1\n{safe}");
    // Safe only: the suppression that suppresses nothing goes (with the spaces before it); the
    // commitment is not added.
    assert!(safe.contains("--- a/main.tf\n+++ b/main.tf\n"), "{safe}");
    assert!(
        safe.contains("-      MODEL_ID = \"amazon.nova-lite-v1:0\" # bedrock-lint-ignore: BL001 # the in-Region call was checked\n+      MODEL_ID = \"amazon.nova-lite-v1:0\"\n"),
        "{safe}"
    );
    assert!(!safe.contains("commitment_duration"), "{safe}");
    let (all, code) = run(&dir, &["--diff", "--unsafe-fixes", "."]);
    assert_eq!(code, 1);
    assert!(
        all.contains("   provisioned_model_name = \"support-tone\"")
            && all.contains("+  commitment_duration = \"OneMonth\"\n"),
        "{all}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("main.tf")).expect("read"),
        before,
        "--diff writes nothing"
    );
}

#[test]
fn fix_applies_safe_fixes_then_unsafe_ones_when_asked_and_is_idempotent() {
    let dir = copy_fixture("fix-apply");
    let (out, _) = run(&dir, &["--fix", "."]);
    let text = std::fs::read_to_string(dir.join("main.tf")).expect("read");
    assert!(!text.contains("bedrock-lint-ignore"), "{text}");
    assert!(
        !text.contains("commitment_duration"),
        "safe run, no unsafe fix:\n{text}"
    );
    assert!(out.contains("fixed 1 finding(s) in 1 file(s)"), "{out}");
    assert!(
        !out.contains("BL900"),
        "the fixed finding is not reported:\n{out}"
    );
    assert!(out.contains("BL005"), "{out}");
    assert!(
        out.contains("1 more fixable with --fix --unsafe-fixes"),
        "{out}"
    );

    let (out, _) = run(&dir, &["--fix", "--unsafe-fixes", "."]);
    let fixed = std::fs::read_to_string(dir.join("main.tf")).expect("read");
    assert!(
        fixed.contains("resource \"aws_bedrock_provisioned_model_throughput\" \"tone\" {\n  commitment_duration = \"OneMonth\"\n  provisioned_model_name = \"support-tone\"\n"),
        "{fixed}"
    );
    assert!(!out.contains("BL005"), "the re-lint is clean of it:\n{out}");

    // A second run changes nothing and has nothing left to fix.
    let (again, _) = run(&dir, &["--fix", "--unsafe-fixes", "."]);
    assert_eq!(
        std::fs::read_to_string(dir.join("main.tf")).expect("read"),
        fixed
    );
    assert!(!again.contains("fixed "), "{again}");
    let (diff, code) = run(&dir, &["--diff", "--unsafe-fixes", "."]);
    assert_eq!((diff.as_str(), code), ("", 0));
}

/// BL001, BL019 and BL012 rewrite the literal they underline in its own form — a profile ID, a
/// profile ARN (same Region and account), LiteLLM's `bedrock/` prefix kept — and a chain of fixes on
/// one literal (end of life → successor → cheaper routing → superseded) converges in one run.
#[test]
fn routing_and_successor_fixes_keep_the_literal_form_and_converge() {
    let main = std::fs::read_to_string("fixtures/fix/routing/main.tf").expect("fixture");
    let litellm = std::fs::read_to_string("fixtures/fix/routing/litellm.yaml").expect("fixture");
    let dir = common::project(
        "fix-routing",
        &[("main.tf", &main), ("litellm.yaml", &litellm)],
    );
    // All of them change routing or model: nothing without --unsafe-fixes.
    let (safe, code) = run(&dir, &["--diff", "."]);
    assert_eq!((safe.as_str(), code), ("", 0));

    let (out, _) = run(&dir, &["--fix", "--unsafe-fixes", "."]);
    let tf = std::fs::read_to_string(dir.join("main.tf")).expect("read");
    let yaml = std::fs::read_to_string(dir.join("litellm.yaml")).expect("read");
    assert!(
        tf.contains("CHAT_MODEL   = \"global.amazon.nova-2-lite-v1:0\"\n"),
        "{tf}"
    );
    assert!(
        tf.contains("REVIEW_MODEL = \"arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.amazon.nova-2-lite-v1:0\"\n"),
        "{tf}"
    );
    // Claude 3.5 Sonnet (end of life) → Sonnet 4.6 through `us.` (it needs a profile) → `global.`
    // (10% cheaper) → Sonnet 5 (superseded, cheaper).
    assert!(
        tf.contains("LEGACY_MODEL = \"global.anthropic.claude-sonnet-5\"\n"),
        "{tf}"
    );
    assert!(
        yaml.contains("      model: bedrock/global.amazon.nova-2-lite-v1:0\n"),
        "{yaml}"
    );
    // Nothing else in the files moved.
    assert_eq!(tf.lines().count(), main.lines().count());
    for code in ["BL001", "BL012", "BL019"] {
        assert!(!out.contains(code), "{code} is fixed:\n{out}");
    }
    let (again, _) = run(&dir, &["--diff", "--unsafe-fixes", "."]);
    assert_eq!(again, "", "idempotent");
}
