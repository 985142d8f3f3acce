//! A cheap pre-scan that skips, whole, the directories that cannot hold anything bedrock-lint reports.
//!
//! Parsing HCL is the expensive step (hcl-edit: ~20 MB/s, ~34× the file in memory), and in a monorepo
//! most directories are VPCs, buckets and IAM with no Bedrock at all. Before parsing, every walked
//! file's bytes are searched for *markers*: text without which neither the HCL extractor nor the app
//! config scanners can find anything. A directory is skipped only if **none** of its files (`.tf`,
//! `.tfvars`, app config) has a marker, and none of the local modules it calls (transitively) has one:
//! a `.tfvars`, a variable default or a module argument carries a model ID into another file, so a
//! directory is skipped whole or not at all. A module directory without markers that a directory
//! with markers calls is still read: module following reads it from disk.
//!
//! Markers, ASCII case-insensitive (`lower()`/`upper()` are evaluated):
//! - `bedrock`: every Bedrock resource type (`aws_bedrock*`, `awscc_bedrock*`), data source, ARN
//!   (`:bedrock:`), `bedrock/` model prefixes, `bedrock-runtime` URLs, `AWS::Bedrock::` CloudFormation
//!   types, `BEDROCK_*` keys and `bedrock-lint-ignore` comments;
//! - a model provider name ([`crate::model::reference`]'s list: `anthropic`, `amazon`, `meta`...) as a
//!   word of its own: not glued to a letter, digit, `_` or `-` before it, and followed by `.` (every
//!   model ID and profile ID: `anthropic.`, `us.meta.`) or by anything that can end a piece of a
//!   string that evaluation joins to a `.` (`"`, `$`, `%`, `\`, space, `=`, a bracket...). So
//!   `metadata_options`, `amazonaws.com` and `amazon-linux` are not markers, but `owners = ["amazon"]`
//!   is (`join(".", ["amazon", ...])` could build a model ID from it);
//! - `\u`/`\U`: an HCL escape could spell any of the above; and the Kelvin sign, which `lower()`
//!   turns into a `k`.
//!
//! Also never skipped: a directory holding a file named on the command line, or a file that cannot be
//! read, is too large or is not UTF-8 (so its error is still reported).
//!
//! What a skipped directory loses: its files are not parsed, so an HCL or YAML syntax error there is
//! not reported, and notes about its module calls (a registry module not followed) are not printed.
//! Neither can change a finding or a cost.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::discover::{DiscoveredFile, FileKind};

/// The model providers the parser accepts (`anthropic`, `amazon`, `meta`...): one list.
pub use crate::model::PROVIDERS as PROVIDER_WORDS;

static ENABLED: AtomicBool = AtomicBool::new(true);

/// Turns the pre-scan on or off for this process (tests compare results both ways). It is also off
/// when the environment variable `BEDROCK_LINT_NO_PRESCAN` is set to anything but `0`.
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::SeqCst);
}

pub fn enabled() -> bool {
    ENABLED.load(Ordering::SeqCst)
        && std::env::var_os("BEDROCK_LINT_NO_PRESCAN").is_none_or(|v| v == "0")
}

/// The files worth parsing: Terraform and app-config files of the directories that may matter.
/// Returns them with the number of files left out that a run without the pre-scan counts as read (a
/// directory read as another's module is counted through that call, as [`crate::lint`] does).
pub fn filter(
    tf_files: Vec<DiscoveredFile>,
    app_files: Vec<DiscoveredFile>,
    var_files: &[PathBuf],
) -> (Vec<DiscoveredFile>, Vec<DiscoveredFile>, usize) {
    if !enabled() {
        return (tf_files, app_files, 0);
    }
    let all: Vec<&DiscoveredFile> = tf_files.iter().chain(app_files.iter()).collect();
    let Skippable { dirs: skip, called } = skippable_dirs(&all, var_files);
    if skip.is_empty() {
        return (tf_files, app_files, 0);
    }
    let counted = all
        .iter()
        .filter(|f| {
            let dir = parent(&f.path);
            skip.contains(&dir) && !called.contains(&dir)
        })
        .count();
    let keep = |f: &DiscoveredFile| !skip.contains(&parent(&f.path));
    let tf: Vec<DiscoveredFile> = tf_files.into_iter().filter(keep).collect();
    let app: Vec<DiscoveredFile> = app_files.into_iter().filter(keep).collect();
    (tf, app, counted)
}

/// Directories as their files' parents are written.
#[derive(Default)]
pub struct Skippable {
    /// Whose files can all be left unparsed.
    pub dirs: BTreeSet<PathBuf>,
    /// Of those, the ones some walked directory calls as a local module.
    pub called: BTreeSet<PathBuf>,
}

/// The directories whose files can all be left unparsed.
pub fn skippable_dirs(files: &[&DiscoveredFile], var_files: &[PathBuf]) -> Skippable {
    // A `--var-file` is read into every module: if it can carry a model, every directory may matter.
    if var_files.iter().any(|v| file_matters(v, false).0) {
        return Skippable::default();
    }
    let mut groups: BTreeMap<PathBuf, Vec<&DiscoveredFile>> = BTreeMap::new();
    for f in files {
        groups.entry(parent(&f.path)).or_default().push(f);
    }
    let groups: Vec<(PathBuf, Vec<&DiscoveredFile>)> = groups.into_iter().collect();
    // Scan every directory in parallel: (written dir, canonical dir, scan).
    let scanned: Vec<(PathBuf, PathBuf, DirScan)> = groups
        .par_iter()
        .map(|(dir, files)| {
            let scan = scan_files(
                dir,
                files.iter().map(|f| {
                    (
                        f.path.as_path(),
                        f.explicit,
                        f.kind == FileKind::TerraformConfig,
                    )
                }),
            );
            (dir.clone(), canonical(dir), scan)
        })
        .collect();
    let mut scans: BTreeMap<PathBuf, DirScan> = BTreeMap::new();
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (dir, canon, scan) in scanned {
        written.push((dir, canon.clone()));
        match scans.get_mut(&canon) {
            Some(s) => {
                s.marker |= scan.marker;
                s.calls.extend(scan.calls);
            }
            None => {
                scans.insert(canon, scan);
            }
        }
    }
    // Called module directories that were not walked (outside the paths given) are scanned from
    // disk the way module following reads them: their `.tf` files.
    let mut queue: VecDeque<PathBuf> = scans.values().flat_map(|s| s.calls.clone()).collect();
    while let Some(dir) = queue.pop_front() {
        if scans.contains_key(&dir) {
            continue;
        }
        let scan = scan_module_dir(&dir);
        queue.extend(scan.calls.iter().cloned());
        scans.insert(dir, scan);
    }
    // A directory matters if it has a marker or calls (at any depth) one that does.
    let mut callers: BTreeMap<&Path, Vec<&Path>> = BTreeMap::new();
    for (dir, scan) in &scans {
        for callee in &scan.calls {
            callers
                .entry(callee.as_path())
                .or_default()
                .push(dir.as_path());
        }
    }
    let mut matters: BTreeSet<&Path> = BTreeSet::new();
    let mut work: Vec<&Path> = scans
        .iter()
        .filter(|(_, s)| s.marker)
        .map(|(d, _)| d.as_path())
        .collect();
    while let Some(dir) = work.pop() {
        if matters.insert(dir) {
            work.extend(callers.get(dir).into_iter().flatten().copied());
        }
    }
    let mut out = Skippable::default();
    for (dir, canon) in written {
        if matters.contains(canon.as_path()) {
            continue;
        }
        if callers.contains_key(canon.as_path()) {
            out.called.insert(dir.clone());
        }
        out.dirs.insert(dir);
    }
    out
}

/// What the scan of one directory found.
#[derive(Default)]
struct DirScan {
    marker: bool,
    /// Canonical directories of its local module calls (`source = "./..."` / `"../..."`).
    calls: BTreeSet<PathBuf>,
}

fn scan_files<'p>(dir: &Path, files: impl Iterator<Item = (&'p Path, bool, bool)>) -> DirScan {
    let mut scan = DirScan::default();
    for (path, explicit, is_tf) in files {
        let (marker, calls) = file_matters(path, is_tf);
        scan.marker |= marker || explicit;
        for source in calls {
            scan.calls.insert(canonical(&dir.join(source)));
        }
    }
    scan
}

/// A module directory reached through a call, read as module following reads it: its `.tf` files.
fn scan_module_dir(dir: &Path) -> DirScan {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return DirScan::default();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf") && p.is_file())
        .collect();
    paths.sort();
    scan_files(dir, paths.iter().map(|p| (p.as_path(), false, true)))
}

/// Whether one file has a marker (or must be parsed to report its error), and the local module
/// sources it names (`.tf` files only).
fn file_matters(path: &Path, is_tf: bool) -> (bool, Vec<String>) {
    let too_large =
        std::fs::metadata(path).map_or(true, |m| m.len() > crate::source::MAX_SOURCE_BYTES);
    if too_large {
        return (true, Vec::new());
    }
    let Ok(bytes) = std::fs::read(path) else {
        return (true, Vec::new());
    };
    if std::str::from_utf8(&bytes).is_err() {
        return (true, Vec::new());
    }
    let calls = if is_tf {
        local_sources(&bytes)
    } else {
        Vec::new()
    };
    (has_marker(&bytes), calls)
}

fn markers() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        // The Kelvin sign lowercases to `k` (`lower()` is Unicode): `bedroc\u{212A}`.
        let mut patterns: Vec<&str> = vec!["bedrock", "\\u", "\u{212A}"];
        patterns.extend(PROVIDER_WORDS);
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&patterns)
            .unwrap_or_else(|e| panic!("pre-scan markers: {e}"))
    })
}

/// Whether the text has a marker (see the module documentation).
pub fn has_marker(text: &[u8]) -> bool {
    let glued = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    // Overlapping: `meta` inside `metadata` must not hide a later `meta.` (it cannot, but a rejected
    // match never stops the search).
    markers().find_overlapping_iter(text).any(|m| {
        let word = m.pattern().as_usize() >= 3;
        if !word {
            return true;
        }
        let before_ok = m.start() == 0 || !glued(text[m.start() - 1]);
        let after_ok = match text.get(m.end()) {
            None => true,
            Some(b'.') => true,
            Some(&b) => !(glued(b) || b == b':' || b == b'/'),
        };
        before_ok && after_ok
    })
}

/// `source = "./x"` / `"../x"` anywhere in the text (a superset of the local module calls: any
/// attribute named `source` counts; an extra edge only makes a directory more likely to be read).
fn local_sources(text: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(text, b"source") {
        if at > 0 && (text[at - 1].is_ascii_alphanumeric() || matches!(text[at - 1], b'_' | b'-')) {
            continue;
        }
        let mut i = at + "source".len();
        let skip_ws = |i: &mut usize| {
            while text.get(*i).is_some_and(|b| b.is_ascii_whitespace()) {
                *i += 1;
            }
        };
        skip_ws(&mut i);
        if text.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        skip_ws(&mut i);
        if text.get(i) != Some(&b'"') {
            continue;
        }
        let start = i + 1;
        let Some(len) = memchr::memchr2(b'"', b'\n', &text[start..]) else {
            continue;
        };
        let value = &text[start..start + len];
        if value.starts_with(b"./") || value.starts_with(b"../") {
            if let Ok(s) = std::str::from_utf8(value) {
                out.push(s.to_string());
            }
        }
    }
    out
}

fn parent(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn canonical(dir: &Path) -> PathBuf {
    let d = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    d.canonicalize().unwrap_or_else(|_| d.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_found() {
        for t in [
            "model = \"anthropic.claude-3-haiku-20240307-v1:0\"",
            "MODEL=us.meta.llama3-1-8b-instruct-v1:0",
            "resource \"aws_bedrockagent_agent\" \"a\" {}",
            "arn:aws:bedrock:us-east-1::foundation-model/x",
            "Type: AWS::Bedrock::Agent",
            "owners = [\"amazon\"]",
            "p = \"${lower(\"ANTHROPIC\")}\"",
            "anthropic = \"claude-3-haiku-20240307-v1:0\"",
            "x = \"\\u0061nthropic.claude\"",
            "# bedrock-lint-ignore: BL001",
            "amazon",
        ] {
            assert!(has_marker(t.as_bytes()), "{t}");
        }
    }

    #[test]
    fn non_markers() {
        for t in [
            "Principal = { Service = \"lambda.amazonaws.com\" }",
            "metadata_options { http_tokens = \"required\" }",
            "dnf install -y amazon-cloudwatch-agent",
            "metadata_field = \"metadata\"",
            "xmeta.llama",
            "ecs_writer_role",
        ] {
            assert!(!has_marker(t.as_bytes()), "{t}");
        }
    }

    #[test]
    fn local_module_sources() {
        let text = b"module \"a\" {\n  source = \"./modules/a\"\n}\nmodule \"b\" {\n  source=\"../b\"\n}\nmodule \"c\" {\n  source = \"hashicorp/c/aws\"\n}\nresource \"x\" \"y\" { resource_source = \"./no\" }\n";
        assert_eq!(local_sources(text), vec!["./modules/a", "../b"]);
    }
}
