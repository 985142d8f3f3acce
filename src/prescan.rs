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
//! - `opensearchserverless`: an OpenSearch Serverless collection (`aws_opensearchserverless_*`,
//!   `awscc_opensearchserverless_*`, `AWS::OpenSearchServerless::*`), priced on its own even with no
//!   Bedrock word in its file;
//! - a model provider name ([`crate::model::PROVIDERS`], the parser's list: `anthropic`, `amazon`...)
//!   where it could build an ID: a word of its own (not glued to a letter, digit, `_` or `-` before it),
//!   in lowercase unless the text calls `lower()`, and followed either by `.` and the rest of an ID (a
//!   name with a `-` or `:`, as every model ID has: `anthropic.claude-...`, `us.meta.llama3-...`) or a
//!   piece that evaluation continues (`amazon.${var.m}`, `"amazon."`), or by what can end a piece of a
//!   string that evaluation joins to a `.` (`"`, `'`, `$`, `%`, `\`, `,`, a bracket, a line end, a map
//!   key's `=`, a comment). So `metadata_options`, `amazonaws.com`, `amazon-linux`, prose
//!   (`Amazon EKS`, `the Amazon Resource Name`) and documentation URLs (`docs.aws.amazon.com/eks/...`)
//!   are not markers, but `"amazon"` is (`join(".", ["amazon", ...])` could build a model ID from it) —
//!   except as a plain literal of `owners` in a `data "aws_ami"` block, which can go nowhere (see
//!   [`has_marker`]);
//! - escapes that could spell any of the above: `\u`/`\U` (HCL, JSON, TOML, YAML); in app config
//!   also `\x` (YAML) and a backslash at the end of a line (YAML/TOML line continuation); and the
//!   Kelvin sign, which `lower()` turns into a `k`.
//!
//! Not seen: a provider name spelled in pieces (`"anthr${"opic"}.claude..."`), which no real
//! configuration does.
//!
//! Also never skipped: a directory holding a file named on the command line, or a file that cannot be
//! read, is too large or is not UTF-8 (so its error is still reported).
//!
//! What a skipped directory loses: its files are not parsed, so an HCL or YAML syntax error there is
//! not reported, and notes about its module calls (a registry module not followed) are not printed.
//! Neither can change a finding or a cost.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

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
/// The text the pre-scan read, if any, is handed over too: a file is read from disk once.
pub fn filter(
    tf_files: Vec<DiscoveredFile>,
    app_files: Vec<DiscoveredFile>,
    var_files: &[PathBuf],
) -> (Vec<DiscoveredFile>, Vec<DiscoveredFile>, usize, PreRead) {
    if !enabled() {
        return (tf_files, app_files, 0, PreRead::default());
    }
    let all: Vec<&DiscoveredFile> = tf_files.iter().chain(app_files.iter()).collect();
    let Skippable {
        dirs: skip,
        called,
        texts,
    } = skippable_dirs(&all, var_files);
    let preread = PreRead(Mutex::new(texts));
    if skip.is_empty() {
        return (tf_files, app_files, 0, preread);
    }
    // Hashed, and looked up by the borrowed parent: a BTreeSet of paths costs a component-wise
    // comparison per tree level for each of the files (a tenth of a 10,000-file run).
    let skip_set: HashSet<&Path> = skip.iter().map(PathBuf::as_path).collect();
    let called_set: HashSet<&Path> = called.iter().map(PathBuf::as_path).collect();
    let counted = all
        .iter()
        .filter(|f| {
            let dir = dir_of(&f.path);
            skip_set.contains(dir) && !called_set.contains(dir)
        })
        .count();
    let keep = |f: &DiscoveredFile| !skip_set.contains(dir_of(&f.path));
    let tf: Vec<DiscoveredFile> = tf_files.into_iter().filter(keep).collect();
    let app: Vec<DiscoveredFile> = app_files.into_iter().filter(keep).collect();
    (tf, app, counted, preread)
}

/// Text the pre-scan already read, by path as discovered: each file is taken once by its parser.
#[derive(Default)]
pub struct PreRead(Mutex<HashMap<PathBuf, Vec<u8>>>);

impl PreRead {
    /// The bytes read for `path`, moved out (a second call gets `None`).
    pub fn take(&self, path: &Path) -> Option<Vec<u8>> {
        self.0.lock().ok()?.remove(path)
    }
}

/// Directories as their files' parents are written.
#[derive(Default)]
pub struct Skippable {
    /// Whose files can all be left unparsed.
    pub dirs: BTreeSet<PathBuf>,
    /// Of those, the ones some walked directory calls as a local module.
    pub called: BTreeSet<PathBuf>,
    /// The text of the files already read in directories with a marker, by path as written.
    pub texts: HashMap<PathBuf, Vec<u8>>,
}

/// The directories whose files can all be left unparsed.
pub fn skippable_dirs(files: &[&DiscoveredFile], var_files: &[PathBuf]) -> Skippable {
    // A `--var-file` is read into every module: if it can carry a model, every directory may matter.
    if var_files
        .iter()
        .any(|v| scan_file(v, Kind::TfVars, false).0)
    {
        return Skippable::default();
    }
    let mut groups: HashMap<PathBuf, Vec<&DiscoveredFile>> = HashMap::new();
    for f in files {
        groups.entry(parent(&f.path)).or_default().push(f);
    }
    let groups: Vec<(PathBuf, Vec<&DiscoveredFile>)> = groups.into_iter().collect();
    // Read and search every file, in parallel: (written dir, marker, local module sources, texts).
    type Scanned = (PathBuf, bool, Vec<String>, Vec<FileText>);
    let scanned: Vec<Scanned> = groups
        .par_iter()
        .map(|(dir, files)| {
            let (marker, sources, texts) = scan_files(
                files
                    .iter()
                    .map(|f| (f.path.as_path(), f.explicit, Kind::of(f.kind))),
                true,
            );
            (dir.clone(), marker, sources, texts)
        })
        .collect();
    let mut canon = Canonical::default();
    let mut scans: HashMap<PathBuf, DirScan> = HashMap::new();
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut texts: HashMap<PathBuf, Vec<u8>> = HashMap::new();
    for (dir, marker, sources, read) in scanned {
        texts.extend(read);
        let c = canon.dir(&dir);
        let calls: Vec<PathBuf> = sources.iter().map(|s| canon.join(&c, s)).collect();
        written.push((dir, c.clone()));
        let scan = scans.entry(c).or_default();
        scan.marker |= marker;
        scan.calls.extend(calls);
    }
    // Called module directories that were not walked (outside the paths given) are scanned from
    // disk the way module following reads them: their `.tf` files.
    let mut queue: VecDeque<PathBuf> = scans.values().flat_map(|s| s.calls.clone()).collect();
    while let Some(dir) = queue.pop_front() {
        if scans.contains_key(&dir) {
            continue;
        }
        let (marker, sources) = scan_module_dir(&dir);
        let calls: Vec<PathBuf> = sources.iter().map(|s| canon.join(&dir, s)).collect();
        queue.extend(calls.iter().cloned());
        scans.insert(dir, DirScan { marker, calls });
    }
    // A directory matters if it has a marker or calls (at any depth) one that does.
    let mut callers: HashMap<&Path, Vec<&Path>> = HashMap::new();
    for (dir, scan) in &scans {
        for callee in &scan.calls {
            callers
                .entry(callee.as_path())
                .or_default()
                .push(dir.as_path());
        }
    }
    let mut matters: HashSet<&Path> = HashSet::new();
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
    let mut out = Skippable {
        texts,
        ..Skippable::default()
    };
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

/// A file's path as discovered and the bytes read of it.
type FileText = (PathBuf, Vec<u8>);

/// What the scan of one directory found.
#[derive(Default)]
struct DirScan {
    marker: bool,
    /// Canonical directories of its local module calls (`source = "./..."` / `"../..."`).
    calls: Vec<PathBuf>,
}

/// Whether any of the files has a marker (or is named, or must be parsed for its error), the local
/// module sources they name, and the text of each file read when the directory has a marker (it will
/// be parsed from it; a directory without one drops its bytes at once: it is usually skipped).
/// `discovered`: the files come from discovery, which saw each is a regular file (the walker's entry
/// type, a followed link's `stat`, a named file's `stat`): no second `stat` per file is needed.
fn scan_files<'p>(
    files: impl Iterator<Item = (&'p Path, bool, Kind)>,
    discovered: bool,
) -> (bool, Vec<String>, Vec<FileText>) {
    let mut marker = false;
    let mut sources = Vec::new();
    let mut texts = Vec::new();
    for (path, explicit, kind) in files {
        let (m, calls, text) = scan_file(path, kind, discovered);
        marker |= m || explicit;
        sources.extend(calls);
        if let Some(text) = text {
            texts.push((path.to_path_buf(), text));
        }
    }
    if !marker {
        texts.clear();
    }
    (marker, sources, texts)
}

/// Canonical directory paths with one `lstat` per directory instead of a `realpath` per path: a
/// directory that is not a symlink is its canonical parent joined with its name.
#[derive(Default)]
struct Canonical {
    memo: HashMap<PathBuf, PathBuf>,
}

impl Canonical {
    fn dir(&mut self, dir: &Path) -> PathBuf {
        if let Some(c) = self.memo.get(dir) {
            return c.clone();
        }
        let plain = dir
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::RootDir));
        let c = match (plain, dir.parent(), dir.file_name()) {
            (true, Some(parent), Some(name))
                if std::fs::symlink_metadata(dir).is_ok_and(|m| !m.file_type().is_symlink()) =>
            {
                self.dir(parent).join(name)
            }
            _ => canonical(dir),
        };
        self.memo.insert(dir.to_path_buf(), c.clone());
        c
    }

    /// A module `source` (`../../modules/x`) from a canonical directory: leading `..` go up exactly
    /// (the directory is canonical); the rest is joined as written (a symlink there is not walked,
    /// so its directory is scanned from disk through the link). Anything else is resolved by the OS.
    fn join(&mut self, canonical_dir: &Path, source: &str) -> PathBuf {
        let mut out = canonical_dir.to_path_buf();
        let mut descended = false;
        for c in Path::new(source).components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir if !descended => {
                    out.pop();
                }
                Component::Normal(n) => {
                    descended = true;
                    out.push(n);
                }
                _ => return canonical(&canonical_dir.join(source)),
            }
        }
        out
    }
}

/// A module directory reached through a call, read as module following reads it: its `.tf` files.
fn scan_module_dir(dir: &Path) -> (bool, Vec<String>) {
    let paths = crate::source::hcl::module_tf_paths(dir);
    // Module following reads these itself (they were not walked): the text is not kept.
    let (marker, sources, _) =
        scan_files(paths.iter().map(|p| (p.as_path(), false, Kind::Tf)), false);
    (marker, sources)
}

/// Whether one file has a marker (or must be parsed to report its error), the local module sources it
/// names (`.tf` files only), and the text it read (a regular UTF-8 file within the size limit), so a
/// directory that matters is parsed from these bytes instead of being read a second time.
fn scan_file(path: &Path, kind: Kind, known_regular: bool) -> (bool, Vec<String>, Option<Vec<u8>>) {
    // Only a regular file is opened here: opening a FIFO blocks until a writer comes, and a device
    // may never end. Anything else "matters", so the reader reports it with its path. (A statx per
    // file was a tenth of a 10,000-file run: skipped where discovery already knows.)
    if !known_regular && !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return (true, Vec::new(), None);
    }
    // The parsers' own reader (one open, one fstat, reads into a buffer of the known size); over the
    // limit, or any error, is left to the parser to report.
    let Ok(bytes) = crate::source::read_at_most(path, crate::source::MAX_SOURCE_BYTES) else {
        return (true, Vec::new(), None);
    };
    if std::str::from_utf8(&bytes).is_err() {
        return (true, Vec::new(), None);
    }
    let (matters, sources) = match kind {
        Kind::Tf => (has_marker(&bytes), local_sources(&bytes)),
        Kind::TfVars => (has_marker(&bytes), Vec::new()),
        Kind::App => (has_app_marker(&bytes), Vec::new()),
    };
    (matters, sources, Some(bytes))
}

/// How a file is searched: `.tf` (markers, module sources), `.tfvars` (markers), app config
/// (markers and the escapes its formats decode).
#[derive(Clone, Copy)]
enum Kind {
    Tf,
    TfVars,
    App,
}

impl Kind {
    fn of(kind: FileKind) -> Kind {
        match kind {
            FileKind::TerraformConfig => Kind::Tf,
            FileKind::TerraformVars => Kind::TfVars,
            FileKind::TerraformPlan | FileKind::AppConfig(_) | FileKind::Terragrunt => Kind::App,
        }
    }
}

/// Markers that count wherever they are; the provider words follow them in the searcher.
const EXACT_MARKERS: &[&str] = &[
    "bedrock",
    // A vector collection is priced on its own (its compute floor bills every hour), wherever it
    // is: `aws_opensearchserverless_collection`, its awscc twin, `AWS::OpenSearchServerless::`.
    "opensearchserverless",
    // `\u0061`: an escape (HCL, JSON, TOML, YAML) can spell any marker.
    "\\u",
    // The Kelvin sign lowercases to `k` (`lower()` is Unicode): `bedroc\u{212A}`.
    "\u{212A}",
];

fn markers() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        let mut patterns: Vec<&str> = EXACT_MARKERS.to_vec();
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
    // Model IDs are lowercase: a capitalised provider word (`Amazon EKS`) can become one only
    // through `lower()`, so it counts only in a text that calls it. Searched once, when needed.
    let mut lowers: Option<bool> = None;
    // Overlapping: a rejected match (`meta` in `metadata`) never hides a later one.
    markers().find_overlapping_iter(text).any(|m| {
        let word = m.pattern().as_usize() >= EXACT_MARKERS.len();
        if !word {
            return true;
        }
        let written = &text[m.start()..m.end()];
        if written.iter().any(u8::is_ascii_uppercase)
            && !*lowers.get_or_insert_with(|| memchr::memmem::find(text, b"lower(").is_some())
        {
            return false;
        }
        let before_ok = m.start() == 0 || !glued(text[m.start() - 1]);
        let after_ok = match text.get(m.end()) {
            None => true,
            Some(b'.') => continues_an_id(&text[m.end() + 1..]),
            Some(&b) if glued(b) || b == b':' || b == b'/' => false,
            Some(_) => ends_a_piece(&text[m.end()..]),
        };
        before_ok && after_ok && !ami_owner(text, m.start())
    })
}

/// After `provider.`: the rest of a model ID (`titan-embed-text-v2:0`: a name with a `-` or a `:`),
/// or a piece that stops where evaluation joins more on (`amazon.${var.m}`, `"amazon."`). Prose and
/// URLs (`amazon.com/eks/...`, `meta.description`) are neither.
fn continues_an_id(rest: &[u8]) -> bool {
    let name_len = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'-')))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    name.iter().any(|b| matches!(b, b'-' | b':'))
        || match rest.get(name_len) {
            None => name.is_empty(),
            Some(&b) if name.is_empty() => is_piece_end(b),
            // `amazon.nova${...}`: the name goes on past the interpolation.
            Some(&b) => matches!(b, b'$' | b'%' | b'\\'),
        }
}

/// After a provider word standing alone: whether it can be the end of a piece of a string that
/// evaluation joins to a `.` — the end of a literal or of a YAML/`.env` value, an interpolation or
/// escape, a list separator, a map key (`{ amazon = "nova-pro-v1:0" }` read by a `for`). Prose
/// (`Amazon EKS`, `amazon and`) is not.
fn ends_a_piece(rest: &[u8]) -> bool {
    let spaces = rest
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(rest.len());
    match rest.get(spaces) {
        None => true,
        Some(&b) if spaces == 0 => is_piece_end(b) || b == b'=',
        // `amazon   # comment`, `amazon =`, trailing spaces.
        Some(&b) => matches!(b, b'#' | b'\n' | b'\r' | b'='),
    }
}

fn is_piece_end(b: u8) -> bool {
    matches!(
        b,
        b'"' | b'\'' | b'`' | b'$' | b'%' | b'\\' | b',' | b']' | b'}' | b')' | b'\n' | b'\r'
    )
}

/// [`has_marker`], plus the escapes only app config formats decode: `\x61` (YAML) and a backslash
/// line continuation (YAML and TOML join `anthr\` + newline + `opic.` into one word). HCL decodes
/// neither (a shell script's `\` continuations in a heredoc stay as written), so `.tf` files are
/// spared these.
pub fn has_app_marker(text: &[u8]) -> bool {
    has_marker(text)
        || memchr::memchr_iter(b'\\', text)
            .any(|i| matches!(text.get(i + 1), Some(b'x' | b'X' | b'\n' | b'\r')))
}

/// `owners = ["amazon"]` directly in a `data "aws_ami"` block (Amazon Linux images): the one common
/// place a provider name stands alone in Terraform. It cannot become a model ID: the list holds only
/// plain literals, and a data source other than the Bedrock lookups evaluates to "unknown" wherever
/// it is referenced, so the value goes nowhere. Recognised on `terraform fmt` layout only: the
/// `owners` line indented inside a block opened by the nearest line at column 0, `data "aws_ami"`,
/// with braces balanced in between; anything else stays a marker.
fn ami_owner(text: &[u8], at: usize) -> bool {
    let line_start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    if !is_literal_owners_line(line) {
        return false;
    }
    // The nearest earlier line that starts at column 0.
    let mut end = line_start;
    let block_start = loop {
        if end == 0 {
            return false;
        }
        let start = memchr::memrchr(b'\n', &text[..end - 1]).map_or(0, |i| i + 1);
        if text.get(start).is_some_and(|b| !b.is_ascii_whitespace()) {
            break start;
        }
        end = start;
    };
    if !text[block_start..].starts_with(b"data \"aws_ami\" ") {
        return false;
    }
    let mut depth = 0i32;
    for &b in &text[block_start..line_start] {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth <= 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 1
}

/// `<indent>owners = ["a", "b"]`: plain string literals only (no `${`, `%{` or escapes).
fn is_literal_owners_line(line: &[u8]) -> bool {
    let trimmed = line.trim_ascii();
    if line.first().is_none_or(|b| !matches!(b, b' ' | b'\t')) {
        return false;
    }
    let Some(rest) = trimmed.strip_prefix(b"owners") else {
        return false;
    };
    let Some(rest) = rest.trim_ascii_start().strip_prefix(b"=") else {
        return false;
    };
    let Some(list) = rest
        .trim_ascii()
        .strip_prefix(b"[")
        .and_then(|r| r.strip_suffix(b"]"))
    else {
        return false;
    };
    let mut in_string = false;
    for &b in list {
        match (in_string, b) {
            (_, b'"') => in_string = !in_string,
            (true, b'$' | b'%' | b'\\') => return false,
            (true, _) => {}
            (false, b',' | b' ' | b'\t') => {}
            (false, _) => return false,
        }
    }
    !in_string
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

/// A file's directory, borrowed (`""` for a bare file name).
fn dir_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
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
            "resource \"aws_opensearchserverless_collection\" \"kb\" {}",
            "resource \"awscc_opensearchserverless_collection\" \"kb\" {}",
            "Type: AWS::OpenSearchServerless::Collection",
            "owners = [\"amazon\"]",
            "p = \"${lower(\"ANTHROPIC\")}\"",
            "anthropic = \"claude-3-haiku-20240307-v1:0\"",
            "x = \"\\u0061nthropic.claude\"",
            "# bedrock-lint-ignore: BL001",
            "amazon",
            // Not in an aws_ami data block, or not a plain literal list, or misformatted.
            "locals {\n  owners = [\"amazon\"]\n}\n",
            "data \"aws_ami\" \"a\" {\n  owners = [\"${local.p}amazon\"]\n}\n",
            "data \"aws_ami\" \"a\" {\n  x = 1\n  }\n  locals {\n  owners = [\"amazon\"]\n}\n",
            "data \"aws_ami\" \"a\" {\nowners = [\"amazon\"]\n}\n",
            "data \"aws_ami\" \"a\" {\n  owners = [\"amazon\"] # join(\".\", x)\n}\n",
            // Pieces that evaluation can join into an ID.
            "p = \"amazon.${var.model}\"",
            "p = \"amazon.nova-${var.size}-v1:0\"",
            "m = { amazon = \"nova-pro-v1:0\" }",
            "Default: amazon   # the provider\n",
            "v = [\"amazon\", \"nova-pro-v1:0\"]",
            "x = lower(\"Amazon.Nova-Pro-V1:0\")",
            "MODEL=amazon.titan-embed-text-v2:0",
        ] {
            assert!(has_marker(t.as_bytes()), "{t}");
        }
    }

    #[test]
    fn app_config_escapes() {
        for t in [
            "model: \"\\x61nthropic.claude-3-haiku-20240307-v1:0\"",
            "model: \"anthr\\\n  opic.claude-3-haiku-20240307-v1:0\"",
        ] {
            assert!(has_app_marker(t.as_bytes()), "{t}");
            assert!(!has_marker(t.as_bytes()), "{t}");
        }
        // A shell continuation in a heredoc is not an escape in HCL.
        assert!(!has_marker(
            b"user_data = <<-EOT\n  dnf install -y \\\n    nginx\nEOT\n"
        ));
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
            "data \"aws_ami\" \"al\" {\n  most_recent = true\n  owners      = [\"amazon\"]\n\n  filter {\n    name   = \"name\"\n    values = [\"al2023-ami-*\"]\n  }\n}\n",
            "data \"aws_ami\" \"al\" {\n  owners = [\"self\", \"amazon\"]\n}\n",
            // Prose and URLs: a provider word that cannot build an ID.
            "description = \"Name of the Amazon EKS cluster\"",
            "description = \"See https://docs.aws.amazon.com/eks/latest/userguide/x.html\"",
            "description = \"Created by Amazon. Managed by amazon and meta.description\"",
            "description = \"The Amazon Resource Name (ARN) of the role\"",
            "# Amazon Linux 2023, amazon.com",
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
