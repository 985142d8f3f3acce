//! Hostile input through the real binary: deep nesting, a 1 GB file, symlink loops, unreadable files,
//! non-UTF-8 names and contents, CRLF and BOM, a path given twice. Each ends with a diagnostic naming
//! the file, every other file still linted, and the documented exit code (0 clean, 1 a finding at
//! `--fail-on`, 2 an input that could not be read or parsed).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// A typo'd model ID: BL007 (warning) on line 2, column 8 of `good.tf`.
const GOOD_TF: &str = "locals {\n  m = \"anthropic.claude-3-5-sonet-20241022-v2:0\"\n}\nresource \"aws_ssm_parameter\" \"m\" {\n  value = local.m\n}\n";
/// The same finding (line 2, column 8) under another local name, for a second file of one module.
const OTHER_TF: &str = "locals {\n  n = \"anthropic.claude-3-5-sonet-20241022-v2:0\"\n}\nresource \"aws_ssm_parameter\" \"n\" {\n  value = local.n\n}\n";
const TYPO: &str = "anthropic.claude-3-5-sonet-20241022-v2:0";

struct Run {
    code: i32,
    json: serde_json::Value,
    elapsed: Duration,
}

impl Run {
    /// `(code, file, line, column)` of every diagnostic.
    fn diagnostics(&self) -> Vec<(String, String, u64, u64)> {
        self.json["diagnostics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|d| {
                        (
                            d["code"].as_str().unwrap_or_default().to_string(),
                            d["file"].as_str().unwrap_or_default().to_string(),
                            d["line"].as_u64().unwrap_or_default(),
                            d["column"].as_u64().unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The message of the input error about `file`, if there is one.
    fn input_error(&self, file: &str) -> Option<String> {
        self.json["diagnostics"].as_array()?.iter().find_map(|d| {
            (d["code"] == "BL000" && d["file"] == file)
                .then(|| d["message"].as_str().unwrap_or_default().to_string())
        })
    }

    fn has_finding(&self, code: &str, file: &str, line: u64, column: u64) -> bool {
        self.diagnostics()
            .contains(&(code.to_string(), file.to_string(), line, column))
    }

    /// The JSON report's resources.
    fn resources(&self) -> Vec<serde_json::Value> {
        self.json["resources"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The JSON report's resource at this address.
    fn resource(&self, address: &str) -> Option<serde_json::Value> {
        self.resources()
            .into_iter()
            .find(|r| r["address"] == address)
    }
}

/// Runs the binary in `dir` with `--format json --fail-on never` plus `args`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_as(None, dir, args)
}

/// As [`run_in`], through a wrapper command (`setpriv ... --`) when one is given.
fn run_as(wrapper: Option<&[&str]>, dir: &Path, args: &[&str]) -> Run {
    let started = Instant::now();
    let mut cmd = match wrapper {
        Some([program, rest @ ..]) => {
            let mut c = Command::new(program);
            c.args(rest)
                .arg(assert_cmd::cargo::cargo_bin("bedrock-lint"));
            c
        }
        _ => Command::cargo_bin("bedrock-lint").expect("binary"),
    };
    let out = cmd
        .current_dir(dir)
        .args(["--format", "json", "--fail-on", "never"])
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); exit {:?}\nstdout: {stdout}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Run {
        code: out.status.code().unwrap_or(-1),
        json,
        elapsed: started.elapsed(),
    }
}

/// The text report of `bedrock-lint --fail-on never .` run in `dir`.
fn text_report(dir: &Path) -> String {
    let out = Command::cargo_bin("bedrock-lint")
        .expect("binary")
        .current_dir(dir)
        .args(["--fail-on", "never", "."])
        .output()
        .expect("runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn dir(name: &str, files: &[(&str, &str)]) -> PathBuf {
    common::project(&format!("hostile/{name}"), files)
}

#[test]
fn deep_nesting_in_every_format_is_an_error_not_a_stack_overflow() {
    let n = 100_000;
    let open_close = |o: &str, c: &str| format!("{}{}", o.repeat(n), c.repeat(n));
    let deep_tf = format!("locals {{\n  x = {}\n}}\n", open_close("[", "]"));
    // The marker makes the pre-scan parse this directory (a directory without any is skipped whole,
    // unparsed: nothing in it could be reported), so the parser's depth guard is what is tested.
    let deep_blocks = format!(
        "# calls bedrock\na {}\n{}",
        "{\n b ".repeat(n),
        "}\n".repeat(n)
    );
    let deep_tfvars = format!("x = {}\n", open_close("{a = ", "}"));
    let deep_json = open_close("[", "]");
    let deep_json_obj = format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    let deep_yaml_flow = open_close("[", "]");
    let deep_yaml_block = format!("{}x\n", "- ".repeat(n));
    let deep_yaml_map: String = (0..1_000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let deep_toml = format!("a = {}\n", open_close("[", "]"));
    let deep_plan = format!(
        "{{\"format_version\":\"1.2\",\"variables\":{{\"x\":{{\"value\":{}}}}}}}",
        open_close("[", "]")
    );
    let deep_after = format!(
        "{{\"format_version\":\"1.2\",\"resource_changes\":[{{\"address\":\"aws_lambda_function.f\",\"type\":\"aws_lambda_function\",\"change\":{{\"actions\":[\"create\"],\"after\":{}}}}}]}}",
        open_close("[", "]")
    );
    let deep_typed = format!(
        "{{\"format_version\":\"1.2\",\"resource_changes\":[{{\"address\":\"aws_bedrockagent_agent.deep\",\"type\":\"aws_bedrockagent_agent\",\"change\":{{\"actions\":[\"create\"],\"after\":{{\"foundation_model\":\"amazon.nova-lite-v1:0\",\"x\":{}}}}}}}]}}",
        open_close("[", "]")
    );
    let d = dir(
        "deep",
        &[
            ("good.tf", GOOD_TF),
            ("plan3/plan.json", &deep_typed),
            ("deep.tf", &deep_tf),
            ("blocks/main.tf", &deep_blocks),
            ("terraform.tfvars", &deep_tfvars),
            ("deep.json", &deep_json),
            ("deep-object.json", &deep_json_obj),
            ("flow.yaml", &deep_yaml_flow),
            ("block.yaml", &deep_yaml_block),
            ("map.yaml", &deep_yaml_map),
            ("deep.toml", &deep_toml),
            ("plan/plan.json", &deep_plan),
            ("plan2/plan.json", &deep_after),
        ],
    );
    let run = run_in(&d, &["."]);
    assert_eq!(run.code, 2, "{:#?}", run.diagnostics());
    for (file, says) in [
        ("deep.tf", "nesting"),
        ("blocks/main.tf", "nesting"),
        ("terraform.tfvars", "nesting"),
        ("deep.json", "nesting"),
        ("deep-object.json", "nesting"),
        ("flow.yaml", "recursion limit"),
        ("block.yaml", "nested deeper than 512"),
        ("map.yaml", "nested deeper than 512"),
        ("deep.toml", "recursion"),
        ("plan/plan.json", "recursion limit"),
    ] {
        let message = run
            .input_error(file)
            .unwrap_or_else(|| panic!("no input error for {file}: {:#?}", run.diagnostics()));
        assert!(message.contains(says), "{file}: {message}");
    }
    // `after` too deep to read holds no model: the resource is skipped, not a crash; a Bedrock
    // resource is listed with its model unknown (and why, in `cost`).
    assert!(run.input_error("plan2/plan.json").is_none());
    let deep = run
        .resource("aws_bedrockagent_agent.deep")
        .expect("the resource with unreadable values is listed");
    assert!(deep["model"].is_null(), "{deep}");
    let cost = Command::cargo_bin("bedrock-lint")
        .expect("binary")
        .current_dir(&d)
        .args(["cost", "plan3/plan.json"])
        .output()
        .expect("runs");
    // The breakdown's notes wrap at 100 columns: compared with line breaks as spaces.
    let cost = String::from_utf8_lossy(&cost.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(cost.contains("nested too deeply to read"), "{cost}");
    assert!(
        run.has_finding("BL007", "good.tf", 2, 8),
        "{:#?}",
        run.diagnostics()
    );
    assert!(run.elapsed < Duration::from_secs(60), "{:?}", run.elapsed);
}

#[test]
fn self_doubling_locals_are_unknown_not_an_out_of_memory() {
    // 2^40 elements if expanded: each local doubles the one before (a "billion laughs").
    let mut text = String::from(
        "locals {\n  l0 = [\"anthropic.claude-3-5-sonet-20241022-v2:0\"]\n  s0 = \"x\"\n",
    );
    for i in 1..40 {
        text.push_str(&format!("  l{i} = [local.l{p}, local.l{p}]\n", p = i - 1));
        text.push_str(&format!(
            "  s{i} = \"${{local.s{p}}}${{local.s{p}}}\"\n",
            p = i - 1
        ));
    }
    text.push_str(
        "}\nresource \"aws_bedrockagent_agent\" \"a\" {\n  foundation_model = local.l39[0]\n}\n",
    );
    let d = dir("laughs", &[("main.tf", &text)]);
    let run = run_in(&d, &["."]);
    assert_eq!(run.code, 0);
    assert!(run.elapsed < Duration::from_secs(60), "{:?}", run.elapsed);
    // The literal is still found where it is written.
    assert!(
        run.has_finding("BL007", "main.tf", 2, 10),
        "{:#?}",
        run.diagnostics()
    );
    let agent = run
        .resource("aws_bedrockagent_agent.a")
        .expect("the agent is still a resource");
    assert!(agent["model"].is_null(), "{agent}");
}

/// Runs `bin args` under a virtual-memory limit (KiB) through `sh -c ulimit -v`.
#[cfg(unix)]
fn run_with_memory_limit(dir: &Path, kib: u64, args: &str) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("bedrock-lint");
    let out = std::process::Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!(
            "ulimit -v {kib} && exec '{}' --format compact --fail-on never {args}",
            bin.display()
        ))
        .output()
        .expect("sh runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn a_1_gb_file_is_refused_in_bounded_memory() {
    let d = dir("huge", &[("good.tf", GOOD_TF)]);
    // Sparse: 1 GB (3 GB for the plan) of NUL bytes costs no disk.
    for (name, size) in [
        ("huge.tf", 1u64 << 30),
        ("huge.tfplan.json", 1 << 30),
        ("huge3.tfplan.json", 3 << 30),
        ("huge.yaml", 1 << 30),
        ("huge.json", 1 << 30),
    ] {
        std::fs::File::create(d.join(name))
            .and_then(|f| f.set_len(size))
            .expect("sparse file");
    }
    let run = run_in(&d, &["."]);
    assert_eq!(run.code, 2, "{:#?}", run.diagnostics());
    let said = |f: &str| run.input_error(f).unwrap_or_default();
    assert!(
        said("huge.tf").contains("over the 10485760-byte limit"),
        "{}",
        said("huge.tf")
    );
    assert!(
        said("huge.tfplan.json").contains("binary"),
        "{}",
        said("huge.tfplan.json")
    );
    assert!(said("huge3.tfplan.json").contains("over the 2147483648-byte limit"));
    assert!(run.has_finding("BL007", "good.tf", 2, 8));
    assert!(run.elapsed < Duration::from_secs(60), "{:?}", run.elapsed);

    // App config over 1 MiB is skipped with a note (documented), in the text report.
    let text = text_report(&d);
    assert!(
        text.contains("huge.yaml: skipped (over the 1 MiB app-config size limit)"),
        "{text}"
    );
    assert!(text.contains("huge.json: skipped"), "{text}");

    // Bounded memory: the same run fits in 512 MiB of address space, far below the 1 GB read.
    let (code, out) = run_with_memory_limit(&d, 512 * 1024, ".");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("huge.tfplan.json:1:1: error"), "{out}");
    assert!(out.contains("good.tf:2:8: warning"), "{out}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_reported_and_never_followed_forever() {
    use std::os::unix::fs::symlink;
    let d = dir(
        "links",
        &[
            ("good.tf", GOOD_TF),
            ("real/other.tf", OTHER_TF),
            ("real/app.yaml", "model: amazon.nova-lite-v1:0\n"),
        ],
    );
    symlink("b.tf", d.join("a.tf")).expect("link");
    symlink("a.tf", d.join("b.tf")).expect("link");
    symlink(".", d.join("self")).expect("link");
    symlink("..", d.join("real/parent")).expect("link");
    symlink("nowhere.yaml", d.join("gone.yaml")).expect("link");
    symlink("real/other.tf", d.join("linked.tf")).expect("link");

    let run = run_in(&d, &["."]);
    assert_eq!(run.code, 2, "{:#?}", run.diagnostics());
    for f in ["a.tf", "b.tf"] {
        let m = run
            .input_error(f)
            .unwrap_or_else(|| panic!("{f}: {:#?}", run.diagnostics()));
        assert!(m.contains("symbolic links"), "{m}");
    }
    assert!(run.has_finding("BL007", "good.tf", 2, 8));
    // A symlinked file is read as Terraform reads it.
    assert!(
        run.has_finding("BL007", "linked.tf", 2, 8),
        "{:#?}",
        run.diagnostics()
    );
    assert!(run.resources().iter().any(|r| r["file"] == "real/app.yaml"));
    // Named on the command line, a looping link is an error naming it; the other file is linted.
    let run = run_in(&d, &["a.tf", "good.tf"]);
    assert_eq!(run.code, 2);
    assert!(run.input_error("a.tf").is_some());
    assert!(run.has_finding("BL007", "good.tf", 2, 8));
}

/// Whether this process can read a file whatever its permissions (root, CAP_DAC_OVERRIDE).
#[cfg(unix)]
fn permissions_do_not_apply(path: &Path) -> bool {
    std::fs::read(path).is_ok()
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_errors_and_the_rest_is_linted() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir(
        "unreadable",
        &[
            ("good.tf", GOOD_TF),
            ("secret.tf", OTHER_TF),
            ("secret.yaml", "model: amazon.nova-lite-v1:0\n"),
            ("closed/inner.tf", GOOD_TF),
        ],
    );
    // Pipes named like a Terraform file and an app config: opening or reading one would block forever.
    let pipes = ["pipe.tf", "pipe.yaml"];
    let made = pipes.iter().all(|p| {
        std::process::Command::new("mkfifo")
            .arg(d.join(p))
            .status()
            .is_ok_and(|s| s.success())
    });
    if made {
        let run = run_in(&d, &["pipe.tf", "pipe.yaml", "good.tf"]);
        assert_eq!(run.code, 2);
        for p in pipes {
            let m = run.input_error(p).unwrap_or_default();
            assert!(m.contains("not a regular file"), "{p}: {m}");
        }
        assert!(run.has_finding("BL007", "good.tf", 2, 8));
    }
    for p in pipes {
        let _ = std::fs::remove_file(d.join(p));
    }

    let set = |p: &str, mode: u32| {
        std::fs::set_permissions(d.join(p), std::fs::Permissions::from_mode(mode)).expect("chmod")
    };
    set("secret.tf", 0o000);
    set("secret.yaml", 0o000);
    set("closed", 0o000);
    // Root reads mode-000 files: then run the binary as `nobody` through setpriv, if there is one.
    const AS_NOBODY: &[&str] = &[
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--",
    ];
    let wrapper = if !permissions_do_not_apply(&d.join("secret.tf")) {
        None
    } else if std::process::Command::new("setpriv")
        .args(&AS_NOBODY[1..])
        .arg("true")
        .status()
        .is_ok_and(|s| s.success())
    {
        Some(AS_NOBODY)
    } else {
        set("closed", 0o755);
        eprintln!(
            "SKIPPED unreadable_files_are_errors...: running with permission to read mode-000 files \
             (root?) and without setpriv to drop it, so chmod cannot make a file unreadable here; \
             the pipe case above still ran: {made}"
        );
        return;
    };
    let walked = run_as(wrapper, &d, &["."]);
    let named = run_as(wrapper, &d, &["secret.yaml", "secret.tf", "good.tf"]);
    set("closed", 0o755);
    for run in [&walked, &named] {
        assert_eq!(run.code, 2, "{:#?}", run.diagnostics());
        for f in ["secret.tf", "secret.yaml"] {
            let m = run
                .input_error(f)
                .unwrap_or_else(|| panic!("{f}: {:#?}", run.diagnostics()));
            assert!(m.contains("ermission denied"), "{m}");
        }
        assert!(run.has_finding("BL007", "good.tf", 2, 8));
    }
    assert!(walked
        .diagnostics()
        .iter()
        .any(|d| d.0 == "BL000" && d.1.starts_with("closed")));
}

#[cfg(unix)]
#[test]
fn non_utf8_names_and_contents() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let d = dir(
        "non-utf8",
        &[("good.tf", GOOD_TF), ("app.yaml", "ok: true\n")],
    );
    let name = |bytes: &[u8]| d.join(OsStr::from_bytes(bytes));
    std::fs::write(name(b"caf\xe9.tf"), OTHER_TF).expect("write");
    std::fs::write(name(b"caf\xe9.yaml"), format!("model: {TYPO}\n")).expect("write");
    std::fs::write(d.join("latin1.tf"), b"locals {\n  x = \"caf\xe9\"\n}\n").expect("write");
    std::fs::write(d.join("latin1.yaml"), b"x: caf\xe9\n").expect("write");
    let run = run_in(&d, &["."]);
    assert_eq!(run.code, 2, "{:#?}", run.diagnostics());
    // Names are shown with U+FFFD for the byte that is not UTF-8; their findings are reported.
    assert!(
        run.has_finding("BL007", "caf\u{fffd}.tf", 2, 8),
        "{:#?}",
        run.diagnostics()
    );
    assert!(
        run.has_finding("BL007", "caf\u{fffd}.yaml", 1, 8),
        "{:#?}",
        run.diagnostics()
    );
    // Terraform that is not UTF-8: an error at the first bad byte.
    let diags = run.diagnostics();
    assert!(
        diags.contains(&("BL000".into(), "latin1.tf".into(), 2, 11)),
        "{diags:#?}"
    );
    assert!(run.has_finding("BL007", "good.tf", 2, 8));
}

#[test]
fn crlf_and_bom_keep_lines_and_columns() {
    // (file, text with the model on line 3, expected column) — and once more with the ID on line 1.
    let cases: &[(&str, String, u64)] = &[
        (
            "main.tf",
            format!("locals {{\r\n  # c\r\n  model = \"{TYPO}\"\r\n}}\r\nresource \"aws_ssm_parameter\" \"m\" {{\r\n  value = local.model\r\n}}\r\n"),
            12,
        ),
        (
            "config.yaml",
            format!("a:\r\n  # c\r\n  model: \"{TYPO}\"\r\n"),
            11,
        ),
        (
            "config.json",
            format!("{{\r\n  \"x\": 1,\r\n  \"model\": \"{TYPO}\"\r\n}}\r\n"),
            13,
        ),
        (
            "app.toml",
            format!("[a]\r\n# c\r\nmodel = \"{TYPO}\"\r\n"),
            10,
        ),
        (".env", format!("# c\r\nX=1\r\nMODEL_ID={TYPO}\r\n"), 10),
        (
            "application.properties",
            format!("# c\r\nx=1\r\nmodel = {TYPO}\r\n"),
            9,
        ),
    ];
    for with_bom in [false, true] {
        let bom = if with_bom { "\u{feff}" } else { "" };
        let files: Vec<(String, String)> = cases
            .iter()
            .map(|(f, t, _)| (f.to_string(), format!("{bom}{t}")))
            .chain([(
                "first/.env".to_string(),
                format!("{bom}MODEL_ID={TYPO}\r\n"),
            )])
            .collect();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let d = dir(&format!("crlf-bom-{with_bom}"), &refs);
        let run = run_in(&d, &["."]);
        assert_eq!(run.code, 0, "{:#?}", run.diagnostics());
        for (file, _, column) in cases {
            assert!(
                run.has_finding("BL007", file, 3, *column),
                "bom={with_bom} {file}: {:#?}",
                run.diagnostics()
            );
        }
        assert!(
            run.has_finding("BL007", "first/.env", 1, 10),
            "{:#?}",
            run.diagnostics()
        );
        // End columns too: the whole ID, no more.
        for d in run.json["diagnostics"].as_array().into_iter().flatten() {
            let width = d["end_column"].as_u64().unwrap_or(0) - d["column"].as_u64().unwrap_or(0);
            assert_eq!(width as usize, TYPO.len(), "{d}");
        }
    }
}

#[test]
fn a_path_given_twice_is_linted_once() {
    let cwd = std::env::current_dir().expect("cwd");
    let abs = cwd.join("fixtures/demo");
    let abs = abs.to_string_lossy();
    let once = run_in(&cwd, &["fixtures/demo"]);
    let one_file = run_in(&cwd, &["fixtures/demo/lambda.tf"]);
    let plan_once = run_in(&cwd, &["fixtures/plan/modules/plan.tfplan.json"]);
    let strip = |mut v: serde_json::Value| {
        v["summary"]["files"] = serde_json::Value::Null;
        v
    };
    for args in [
        vec!["fixtures/demo", "fixtures/demo"],
        vec!["fixtures/demo", "./fixtures/demo"],
        vec!["fixtures/demo/", "fixtures/demo"],
        vec!["fixtures/demo", &abs],
        vec!["fixtures/demo", "fixtures/../fixtures/demo"],
        // A directory and a file inside it: the directory is asked for in full.
        vec!["fixtures/demo", "./fixtures/demo/lambda.tf"],
    ] {
        let twice = run_in(&cwd, &args);
        assert_eq!(
            strip(twice.json.clone()),
            strip(once.json.clone()),
            "{args:?}"
        );
        assert_eq!(
            twice.json["summary"]["files"], once.json["summary"]["files"],
            "{args:?}"
        );
    }
    for args in [
        vec!["fixtures/demo/lambda.tf", "fixtures/demo/lambda.tf"],
        vec!["fixtures/demo/lambda.tf", "./fixtures/demo/lambda.tf"],
    ] {
        assert_eq!(run_in(&cwd, &args).json, one_file.json, "{args:?}");
    }
    let plan_twice = run_in(
        &cwd,
        &[
            "fixtures/plan/modules/plan.tfplan.json",
            "./fixtures/plan/modules/plan.tfplan.json",
        ],
    );
    assert_eq!(plan_twice.json, plan_once.json);
    assert!(once.json["summary"]["resources"].as_u64().unwrap_or(0) > 0);
}

#[test]
fn exit_codes_input_errors_win_over_findings() {
    let d = dir("exit", &[("good.tf", GOOD_TF), ("bad.tf", "locals {\n")]);
    let code = |args: &[&str]| {
        Command::cargo_bin("bedrock-lint")
            .expect("binary")
            .current_dir(&d)
            .args(args)
            .output()
            .expect("runs")
            .status
            .code()
    };
    assert_eq!(
        code(&["good.tf"]),
        Some(1),
        "a warning at the default --fail-on"
    );
    assert_eq!(code(&["--fail-on", "error", "good.tf"]), Some(0));
    assert_eq!(code(&["."]), Some(2), "unreadable input wins over findings");
    assert_eq!(code(&["--fail-on", "never", "."]), Some(2));
}

#[test]
fn module_instances_multiplying_down_calls_are_bounded() {
    // 1,000 × 1,000 × 1,000 instances of one agent if every call were followed.
    let call =
        |source: &str| format!("module \"m\" {{\n  source = \"{source}\"\n  count  = 1000\n}}\n");
    let d = dir(
        "module-explosion",
        &[
            ("main.tf", &call("./a")),
            ("a/main.tf", &call("../b")),
            ("b/main.tf", &call("../c")),
            ("c/main.tf", "resource \"aws_bedrockagent_agent\" \"x\" {\n  foundation_model = \"amazon.nova-lite-v1:0\"\n}\n"),
        ],
    );
    let run = run_in(&d, &["."]);
    assert_eq!(run.code, 0, "{:#?}", run.diagnostics());
    assert!(run.elapsed < Duration::from_secs(60), "{:?}", run.elapsed);
    let resources = run.resources().len();
    assert!((1..=2_000).contains(&resources), "{resources}");
    let text = text_report(&d);
    assert!(
        text.contains("further module instances are not followed"),
        "{text}"
    );

    // 1,000 module instances × a resource with count = 10,000: bounded by resources, not instances.
    let agents = "resource \"aws_bedrockagent_agent\" \"x\" {\n  count = 10000\n  foundation_model = \"amazon.nova-lite-v1:0\"\n}\n";
    let d = dir(
        "module-count-explosion",
        &[("main.tf", &call("./c")), ("c/main.tf", agents)],
    );
    let started = Instant::now();
    let out = Command::cargo_bin("bedrock-lint")
        .expect("binary")
        .current_dir(&d)
        .args(["--fail-on", "never", "."])
        .timeout(Duration::from_secs(120))
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(started.elapsed() < Duration::from_secs(90));
    // The summary line: `... in 1 file · N Bedrock resources · ...`.
    let resources: usize = text
        .split(" Bedrock resources")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        (10_000..=210_000).contains(&resources),
        "{resources}: {text}"
    );
    assert!(text.contains("200000 resources"), "{text}");
}

#[test]
fn a_config_cannot_read_or_print_arbitrary_files() {
    let cases = [
        ("/dev/zero", "not a regular file"),
        ("/etc/passwd", "price book is not valid TOML"),
    ];
    for (i, (target, says)) in cases.iter().enumerate() {
        if !Path::new(target).exists() {
            eprintln!("SKIPPED {target}: not on this system");
            continue;
        }
        // Only a regular file is read here (reading /dev/zero never ends).
        let secret = if Path::new(target).is_file() {
            std::fs::read_to_string(target).unwrap_or_default()
        } else {
            String::new()
        };
        let d = dir(
            &format!("config-pricing-{i}"),
            &[
                ("good.tf", GOOD_TF),
                (".bedrock-lint.toml", &format!("pricing = \"{target}\"\n")),
            ],
        );
        let out = Command::cargo_bin("bedrock-lint")
            .expect("binary")
            .current_dir(&d)
            .arg(".")
            .timeout(Duration::from_secs(60))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        let first_line = secret.lines().next().unwrap_or("").trim();
        if first_line.len() > 3 {
            assert!(
                !stderr.contains(first_line),
                "the file's text reached the log: {stderr}"
            );
        }
    }
}

#[test]
fn a_minified_one_line_config_is_not_printed_once_per_finding() {
    // 300 model IDs on one 40 KB line: the text report shows each ID, not the line 300 times.
    let items: Vec<String> = (0..300)
        .map(|i| {
            format!(
                "{{\"name\":\"m{i}\",\"model\":\"{TYPO}\",\"pad\":\"{}\"}}",
                "x".repeat(60)
            )
        })
        .collect();
    let json = format!("{{\"models\":[{}]}}", items.join(","));
    let d = dir("minified", &[("models.json", &json)]);
    let out = Command::cargo_bin("bedrock-lint")
        .expect("binary")
        .current_dir(&d)
        .args(["--fail-on", "never", "."])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.matches("is not in the pricing catalog").count(),
        300,
        "{}",
        &text[..2000.min(text.len())]
    );
    assert!(
        text.len() < 40 * json.len().min(10_000),
        "{} bytes of output",
        text.len()
    );
    assert!(
        !text.contains(&"x".repeat(60)),
        "the line's other content is not shown"
    );
}

#[test]
fn count_across_many_blocks_is_bounded_per_module() {
    // 60 blocks × count = 10,000 would be 600,000 resources: expansion stops at the module's budget
    // (200,000), the rest are read once each with a note, and the run ends quickly.
    let blocks: String = (0..60)
        .map(|i| {
            format!(
                "resource \"aws_bedrock_inference_profile\" \"p{i}\" {{\n  count = 10000\n  name  = \"p{i}-${{count.index}}\"\n  model_source {{\n    copy_from = \"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0\"\n  }}\n  tags = {{ team = \"x\" }}\n}}\n"
            )
        })
        .collect();
    let d = dir("count-budget", &[("main.tf", &blocks)]);
    let started = std::time::Instant::now();
    let report = common::lint_dir(&d);
    let resources = report.resources.len();
    assert!(
        (200_000..=200_060).contains(&resources),
        "{resources} resources"
    );
    assert!(
        report.resources.iter().any(|r| r
            .resource
            .notes
            .iter()
            .any(|n| n.contains("not expanded"))),
        "no note that expansion stopped"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(120));
}

#[test]
fn a_named_files_symlinked_siblings_are_read_for_context() {
    let d = dir(
        "symlinked-sibling",
        &[
            (
                "shared/variables.tf",
                "variable \"model\" {\n  default = \"amazon.nova-lite-v1:0\"\n}\n",
            ),
            (
                "stack/main.tf",
                "resource \"aws_lambda_function\" \"f\" {\n  function_name = \"f\"\n  role          = \"arn:aws:iam::123456789012:role/f\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.12\"\n  filename      = \"f.zip\"\n  environment {\n    variables = {\n      BEDROCK_MODEL_ID = var.model\n    }\n  }\n}\n",
            ),
        ],
    );
    let link = d.join("stack/variables.tf");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink("../shared/variables.tf", &link).expect("symlink");
    // Only main.tf is named (as a pre-commit hook does); the variable's default lives in the linked file.
    let config = bedrock_lint::config::Config::default_config().expect("config");
    let report = bedrock_lint::lint(&[d.join("stack/main.tf")], &config);
    let models: Vec<String> = report
        .resources
        .iter()
        .filter_map(|r| r.resource.model.known().map(|m| m.text.clone()))
        .collect();
    assert_eq!(
        models,
        ["amazon.nova-lite-v1:0"],
        "{:?}",
        report.diagnostics
    );
}
