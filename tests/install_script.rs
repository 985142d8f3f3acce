//! `action/install.sh` against release assets served from a loopback HTTP server (127.0.0.1, a port
//! the OS picks): a good archive is installed and its binary runs; an archive whose bytes do not match
//! its `.sha256` is refused with a non-zero exit and nothing installed or put on GITHUB_PATH.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TARGET: &str = "x86_64-unknown-linux-musl";

/// Serves the files of `dir` over HTTP/1.0 on 127.0.0.1 until the test process ends; 404 otherwise.
fn serve(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            // Drain the headers.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("/");
            let file = dir.join(path.trim_start_matches('/'));
            let mut stream = &stream;
            let _ = match std::fs::read(&file) {
                Ok(body) if !path.contains("..") => stream
                    .write_all(
                        format!(
                            "HTTP/1.0 200 OK\r\nContent-Length: {}\r\nContent-Type: application/octet-stream\r\n\r\n",
                            body.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|()| stream.write_all(&body)),
                _ => stream.write_all(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
            };
        }
    });
    format!("http://{addr}")
}

fn sh(dir: &Path, cmd: &str) {
    let status = Command::new("bash")
        .args(["-c", cmd])
        .current_dir(dir)
        .status()
        .expect("bash");
    assert!(status.success(), "{cmd}");
}

/// `<root>/assets/v<version>/bedrock-lint-<version>-<target>.tar.gz` (the built binary, in the release
/// layout) and its `.sha256`, made the way release.yml makes them.
fn release_assets(root: &Path, version: &str) -> PathBuf {
    let assets = root.join("assets");
    let dir = assets.join(format!("v{version}"));
    let name = format!("bedrock-lint-{version}-{TARGET}");
    std::fs::create_dir_all(dir.join(&name)).expect("dir");
    std::fs::copy(
        env!("CARGO_BIN_EXE_bedrock-lint"),
        dir.join(&name).join("bedrock-lint"),
    )
    .expect("copy binary");
    sh(
        &dir,
        // gzip -1: the debug binary is ~100 MB, and the level changes nothing the script checks.
        &format!(
            "tar -cf - {name} | gzip -1 > {name}.tar.gz && sha256sum {name}.tar.gz > {name}.tar.gz.sha256"
        ),
    );
    assets
}

fn install(root: &Path, base: &str, version: &str) -> Output {
    let runner_temp = root.join("runner-temp");
    std::fs::create_dir_all(&runner_temp).expect("dir");
    Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("action/install.sh"))
        .env("INPUT_VERSION", version)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", &runner_temp)
        .env("GITHUB_PATH", root.join("github-path"))
        .env("GITHUB_ACTION_PATH", env!("CARGO_MANIFEST_DIR"))
        .env("BEDROCK_LINT_RELEASE_URL", base)
        .output()
        .expect("bash runs")
}

fn fresh(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("dir");
    root
}

#[test]
fn a_verified_release_is_installed_and_put_on_github_path() {
    let root = fresh("install_good");
    let base = serve(release_assets(&root, "0.1.0"));
    let out = install(&root, &base, "0.1.0");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("bedrock-lint 0.1.0 ({TARGET}) installed, SHA-256")),
        "{stdout}"
    );
    let bin_dir = root.join("runner-temp/bedrock-lint/bin");
    assert_eq!(
        std::fs::read_to_string(root.join("github-path")).expect("GITHUB_PATH"),
        format!("{}\n", bin_dir.display())
    );
    let version = Command::new(bin_dir.join("bedrock-lint"))
        .arg("--version")
        .output()
        .expect("installed binary runs");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("bedrock-lint {}", env!("CARGO_PKG_VERSION"))
    );
    // `v0.1.0` means the same release.
    assert!(install(&root, &base, "v0.1.0").status.success());
}

#[test]
fn the_default_version_is_the_actions_own() {
    let root = fresh("install_default");
    let base = serve(release_assets(&root, env!("CARGO_PKG_VERSION")));
    let out = install(&root, &base, "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_tampered_archive_is_refused_and_nothing_is_installed() {
    let root = fresh("install_tampered");
    let assets = release_assets(&root, "0.1.0");
    let archive = assets.join(format!("v0.1.0/bedrock-lint-0.1.0-{TARGET}.tar.gz"));
    // One byte appended after the checksum was taken: still a valid gzip for some readers.
    let mut bytes = std::fs::read(&archive).expect("archive");
    bytes.push(0);
    std::fs::write(&archive, bytes).expect("tamper");
    let base = serve(assets);
    let out = install(&root, &base, "0.1.0");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("checksum mismatch") && stderr.contains("nothing installed"),
        "{stderr}"
    );
    assert!(!root
        .join("runner-temp/bedrock-lint/bin/bedrock-lint")
        .exists());
    assert!(!root.join("github-path").exists());
}

#[test]
fn a_missing_checksum_or_release_is_an_error_not_an_unverified_install() {
    let root = fresh("install_missing");
    let assets = release_assets(&root, "0.1.0");
    std::fs::remove_file(assets.join(format!("v0.1.0/bedrock-lint-0.1.0-{TARGET}.tar.gz.sha256")))
        .expect("rm");
    let base = serve(assets);
    let out = install(&root, &base, "0.1.0");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".sha256"));
    assert!(!root
        .join("runner-temp/bedrock-lint/bin/bedrock-lint")
        .exists());

    let out = install(&root, &base, "9.9.9");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot download"));

    let out = install(&root, &base, "latest");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not X.Y.Z"));
}
