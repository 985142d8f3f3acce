//! The binary as users run it: exit codes, subcommands, formats.

use assert_cmd::Command;

fn bin() -> Command {
    Command::cargo_bin("bedrock-lint").expect("binary")
}

fn stdout(cmd: &mut Command) -> (String, i32) {
    let out = cmd.output().expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn exit_1_when_a_warning_fires_and_0_when_clean() {
    // The case's own .bedrock-lint.toml is found from the linted path.
    let (out, code) = stdout(bin().arg("fixtures/rules/BL001-cross-region-surcharge/fail"));
    assert_eq!(code, 1, "{out}");
    let (out, code) = stdout(bin().args([
        "--fail-on",
        "never",
        "fixtures/rules/BL001-cross-region-surcharge/fail",
    ]));
    assert_eq!(code, 0, "{out}");
    let (out, code) = stdout(bin().args([
        "--fail-on",
        "error",
        "fixtures/rules/BL001-cross-region-surcharge/fail",
    ]));
    assert_eq!(code, 0, "{out}");
    let (out, code) =
        stdout(bin().args(["fixtures/rules/BL001-cross-region-surcharge/pass-older-model"]));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn exit_2_on_unparseable_input_and_other_files_still_linted() {
    let (out, code) = stdout(bin().args(["--format", "json", "fixtures/malformed"]));
    assert_eq!(code, 2);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let diags = json["diagnostics"].as_array().expect("diagnostics");
    let files: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "BL000")
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert_eq!(
        files,
        [
            "fixtures/malformed/broken.tf",
            "fixtures/malformed/not-utf8.tf"
        ]
    );
    // good.tf is still read and its resource reported.
    let resources = json["resources"].as_array().expect("resources");
    assert!(
        resources
            .iter()
            .any(|r| r["file"] == "fixtures/malformed/good.tf"),
        "{out}"
    );
}

#[test]
fn no_terraform_is_a_clear_message_and_exit_0() {
    let (out, code) = stdout(bin().arg("fixtures/no-terraform"));
    assert_eq!(code, 0);
    assert!(
        out.contains("no Terraform files (.tf, .tfvars, plan JSON) or app config found in fixtures/no-terraform"),
        "{out}"
    );
}

#[test]
fn missing_path_is_exit_2() {
    let (out, code) = stdout(bin().args(["--format", "json", "does/not/exist"]));
    assert_eq!(code, 2);
    assert!(out.contains("does/not/exist"), "{out}");
}

#[test]
fn invalid_config_names_key_and_line_and_exits_2() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad_config");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join(".bedrock-lint.toml"),
        "region = \"us-east-1\"\nfail_onn = \"error\"\n",
    )
    .expect("write");
    std::fs::write(dir.join("main.tf"), "").expect("write");
    let out = bin().current_dir(&dir).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(".bedrock-lint.toml:2:1"), "{err}");
    assert!(err.contains("fail_onn"), "{err}");
    assert!(err.contains("fail_on"), "lists what is allowed: {err}");

    std::fs::write(
        dir.join(".bedrock-lint.toml"),
        "data_residency = \"mars\"\n",
    )
    .expect("write");
    let out = bin().current_dir(&dir).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(":1:18") && err.contains("us-gov"), "{err}");
}

#[test]
fn rules_and_explain() {
    let (out, code) = stdout(bin().arg("rules"));
    assert_eq!(code, 0);
    for code in ["BL001", "BL003", "BL004", "BL005", "BL006", "BL007"] {
        assert!(out.contains(code), "{out}");
    }
    // Piped: plain text, no Markdown syntax, no escape codes; `--markdown`: the doc as written.
    let (out, code) = stdout(bin().args(["explain", "BL001"]));
    assert_eq!(code, 0);
    assert!(
        out.starts_with("BL001 cross-region-surcharge\n============================\n"),
        "{out}"
    );
    assert!(
        !out.contains("**") && !out.contains("](") && !out.contains("```") && !out.contains('\x1b'),
        "{out}"
    );
    let (out, code) = stdout(bin().args(["explain", "provisioned-no-commitment"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("BL005"), "{out}");
    let (out, code) = stdout(bin().args(["explain", "--markdown", "BL005"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("# BL005"), "{out}");
    let out = bin().args(["explain", "BL999"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cost_subcommand_prints_a_breakdown_with_total() {
    let (out, code) = stdout(bin().args(["cost", "fixtures/demo"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("TOTAL (priced resources)"), "{out}");
    assert!(
        out.contains("aws_bedrock_provisioned_model_throughput."),
        "{out}"
    );
}

#[test]
fn json_is_valid_and_stable_in_shape() {
    let (out, _) = stdout(bin().args(["--format", "json", "fixtures/demo"]));
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["version"], 3);
    assert_eq!(json["tool"]["name"], "bedrock-lint");
    let d = &json["diagnostics"][0];
    for key in [
        "code",
        "rule",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "resource",
        "help",
        "monthly_impact_usd",
    ] {
        assert!(d.get(key).is_some(), "diagnostic lacks {key}");
    }
    let r = &json["resources"][0];
    for key in [
        "address",
        "kind",
        "file",
        "line",
        "model",
        "routing",
        "region",
        "model_units",
        "commitment",
        "hourly_usd",
        "monthly_usd",
        "usage",
    ] {
        assert!(r.get(key).is_some(), "resource lacks {key}");
    }
    for key in [
        "files",
        "resources",
        "errors",
        "warnings",
        "infos",
        "monthly_usd",
    ] {
        assert!(json["summary"].get(key).is_some(), "summary lacks {key}");
    }
    // Same input, same bytes.
    let (again, _) = stdout(bin().args(["--format", "json", "fixtures/demo"]));
    assert_eq!(out, again);
}
