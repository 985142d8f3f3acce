//! Files named on the command line that bedrock-lint does not read — what pre-commit passes when a
//! commit touches bedrock-lint's own config, a lock file, `renovate.json` or a Helm template — are
//! skipped with a note: exit 0, no BL000. A named file that does not exist is still an error.

use std::process::Command;

/// What a repository commits next to its Terraform, written in a fresh directory (not under
/// fixtures/: a walk of fixtures/ would read the Helm template, which is not YAML until rendered).
const STAGED: &[(&str, &str)] = &[
    (
        ".bedrock-lint.toml",
        r#"# A project config as a repository commits it.
fail_on = "warning"

[usage."aws_bedrock_provisioned_model_throughput.summaries"]
input_tokens_per_month = 100_000_000
"#,
    ),
    (
        ".terraform.lock.hcl",
        r#"provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.70.0"
  constraints = ">= 5.0.0"
  hashes = [
    "h1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=",
  ]
}
"#,
    ),
    (
        "chart/templates/deployment.yaml",
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
  labels:
    {{- include "shop.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: api
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
"#,
    ),
    (
        "package-lock.json",
        r#"{
  "name": "shop-api",
  "version": "1.4.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": { "name": "shop-api", "version": "1.4.0", "dependencies": { "@aws-sdk/client-bedrock-runtime": "^3.600.0" } },
    "node_modules/@aws-sdk/client-bedrock-runtime": { "version": "3.654.0", "resolved": "https://registry.npmjs.org/@aws-sdk/client-bedrock-runtime/-/client-bedrock-runtime-3.654.0.tgz" }
  }
}
"#,
    ),
    (
        "renovate.json",
        r#"{
  "$schema": "https://docs.renovatebot.com/renovate-schema.json",
  "extends": ["config:recommended"],
  "packageRules": [{ "matchManagers": ["terraform"], "groupName": "terraform providers" }]
}
"#,
    ),
];

/// Written once per test run (tests run in parallel and share it).
fn staged_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("named_files_staged");
        let _ = std::fs::remove_dir_all(&dir);
        for (name, text) in STAGED {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            std::fs::write(path, text).expect("write");
        }
        dir
    })
}

fn run(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
        .current_dir(staged_dir())
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
