//! Shared test helpers: temporary Terraform projects and lint runs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::{lint, Report};

/// Writes files into a fresh directory under Cargo's test temp dir.
pub fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let p = dir.join(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(p, text).expect("write fixture");
    }
    dir
}

/// Lints a directory with the config found from it (its own `.bedrock-lint.toml`, if any).
pub fn lint_dir(dir: &Path) -> Report {
    let config = Config::load(dir, &Overrides::default()).expect("valid config");
    lint(&[dir.to_path_buf()], &config)
}

pub fn lint_with(dir: &Path, overrides: &Overrides) -> Report {
    let config = Config::load(dir, overrides).expect("valid config");
    lint(&[dir.to_path_buf()], &config)
}

/// `(address, model text)` of every resource, for compact assertions.
pub fn models(report: &Report) -> Vec<(String, Option<String>)> {
    report
        .resources
        .iter()
        .map(|r| {
            (
                r.resource.address.clone(),
                r.resource.model.known().map(|m| m.text.clone()),
            )
        })
        .collect()
}

pub fn codes(report: &Report) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}
