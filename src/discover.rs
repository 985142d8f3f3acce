//! Which files to read: walked directories (skipping `.git/`, `.terraform/`, `node_modules/` and what
//! `.gitignore` ignores) and explicit files, each with its kind by name. Knows nothing of HCL or pricing.

use std::path::{Path, PathBuf};

/// What a file is. Detection is by name today; plan JSON and app config (later inputs) plug in here,
/// by name or by a look at the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `*.tf`
    TerraformConfig,
    /// `terraform.tfvars`, `*.auto.tfvars` (loaded by Terraform itself) or a `--var-file`.
    TerraformVars,
    /// `terraform show -json` output (plan or state), recognised by content whatever its name.
    TerraformPlan,
    /// Application configuration that may name models (YAML, JSON, TOML, `.env`, `.properties`).
    AppConfig(crate::source::appconfig::AppFormat),
    /// `terragrunt.hcl`: a Terragrunt unit, whose `inputs` (with its `include`d parents', such as a
    /// `root.hcl`, read through it) set the variables of the module its `terraform { source }` names.
    Terragrunt,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DiscoveredFile {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Named on the command line (always read, and only its own findings reported) rather than walked.
    pub explicit: bool,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<DiscoveredFile>,
    /// Paths that could not be walked or do not exist: (path, reason).
    pub errors: Vec<(PathBuf, String)>,
    /// Files seen but deliberately not read: (path, reason).
    pub skipped: Vec<(PathBuf, String)>,
}

/// `.terragrunt-cache` holds Terragrunt's copies of the modules it runs: read, every finding would repeat.
const SKIPPED_DIRS: &[&str] = &[".git", ".terraform", ".terragrunt-cache", "node_modules"];

/// Terraform loads these `.tfvars` by itself; other `.tfvars` count only when passed as `--var-file`.
pub fn is_auto_loaded_tfvars(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "terraform.tfvars" || name.ends_with(".auto.tfvars")
}

pub fn kind_of(path: &Path) -> Option<FileKind> {
    if path.file_name().is_some_and(|n| n == "terragrunt.hcl") {
        return Some(FileKind::Terragrunt);
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("tf") => Some(FileKind::TerraformConfig),
        Some("tfvars") => Some(FileKind::TerraformVars),
        Some("json") if sniff_plan(path) || named_like_a_plan(path) => {
            Some(FileKind::TerraformPlan)
        }
        _ => crate::source::appconfig::format_of(path).map(FileKind::AppConfig),
    }
}

/// `plan.json`, `x.tfplan.json`, `x.tfstate.json`: read as a plan, so one that is not a plan is a
/// clear error rather than silently scanned as app config.
fn named_like_a_plan(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    matches!(name, "plan.json" | "tfplan.json" | "state.json")
        || name.ends_with(".tfplan.json")
        || name.ends_with(".tfstate.json")
}

/// Reads the first 4 KiB of a JSON file to tell whether it is `terraform show -json` output.
fn sniff_plan(path: &Path) -> bool {
    use std::io::Read;
    // Only regular files: opening a FIFO would block, and a device never ends.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok() && crate::source::plan::looks_like_plan(&String::from_utf8_lossy(&head))
}

pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => found.errors.push((root.clone(), e.to_string())),
            Ok(meta) if meta.is_dir() => walk(root, &mut found),
            // A pipe would block the run (opening it waits for a writer), a device never ends.
            Ok(meta) if !meta.is_file() => found.errors.push((
                root.clone(),
                "not a regular file (a device or pipe): not read".to_string(),
            )),
            // A named file of a kind bedrock-lint reads is always read (a `.json` that is not a `.tf`
            // is sniffed for a plan). Any other named file is skipped with a note, not an error:
            // pre-commit and editors pass whatever changed, bedrock-lint's own config and lock files
            // included, and a file it does not read is not a file it failed to read.
            Ok(_) => {
                let kind = match kind_of(root) {
                    Some(kind) => kind,
                    None if sniff_plan(root) => FileKind::TerraformPlan,
                    None => {
                        found
                            .skipped
                            .push((root.clone(), unread_reason(root).to_string()));
                        continue;
                    }
                };
                found.files.push(DiscoveredFile {
                    path: root.clone(),
                    kind,
                    explicit: true,
                });
            }
        }
    }
    dedup_files(&mut found.files);
    found
}

/// Why a named file is not read, by its name.
fn unread_reason(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    // `.bedrock-lint.toml`, and baselines named after it (`.bedrock-lint-baseline.json`).
    if name.starts_with(".bedrock-lint") {
        "bedrock-lint's own configuration or baseline"
    } else if is_lock_file(&name) {
        "a lock file"
    } else {
        "not a file bedrock-lint reads: .tf, .tfvars, plan JSON, app config"
    }
}

/// `package-lock.json`, `Cargo.lock`, `yarn.lock`, `pnpm-lock.yaml`, `.terraform.lock.hcl`...
fn is_lock_file(name: &str) -> bool {
    name.ends_with(".lock")
        || name.ends_with(".lock.hcl")
        || name.ends_with(".lockb")
        || name.contains("-lock.")
        || name == "npm-shrinkwrap.json"
}

/// One entry per file however often and however it was named (`x`, `./x`, `x/`, an absolute path,
/// a symlinked or `..` path to the same directory), so nothing is linted, reported or priced twice.
/// Paths are first spelled one way (no `.` components, relative to the working directory where they
/// are inside it); files that are still the same file (same canonical directory and name) are merged.
/// A file also reached by walking a directory argument is reported with its whole directory: the
/// directory was asked for in full.
fn dedup_files(files: &mut Vec<DiscoveredFile>) {
    let cwd = std::env::current_dir().ok();
    for f in files.iter_mut() {
        f.path = normalize(&f.path, cwd.as_deref());
    }
    files.sort();
    let mut canonical_dirs: std::collections::HashMap<PathBuf, PathBuf> =
        std::collections::HashMap::new();
    let mut seen: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut out: Vec<DiscoveredFile> = Vec::with_capacity(files.len());
    for f in files.drain(..) {
        let dir = f.path.parent().unwrap_or(Path::new("")).to_path_buf();
        let canonical_dir = canonical_dirs
            .entry(dir.clone())
            .or_insert_with(|| {
                let d = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir.as_path()
                };
                d.canonicalize().unwrap_or_else(|_| dir.clone())
            })
            .clone();
        let identity = canonical_dir.join(f.path.file_name().unwrap_or_default());
        match seen.get(&identity) {
            Some(&i) => {
                let kept = &mut out[i];
                kept.explicit &= f.explicit;
                // The plainer spelling (`a/x.tf` over `b/../a/x.tf`) is the one shown.
                if f.path.components().count() < kept.path.components().count() {
                    kept.path = f.path;
                }
            }
            None => {
                seen.insert(identity, out.len());
                out.push(f);
            }
        }
    }
    *files = out;
}

/// `./a/./b.tf` → `a/b.tf`; `/cwd/a/b.tf` → `a/b.tf`. Lexical only (`..` is left alone: it may cross
/// a symlink); `.` alone stays `.`.
fn normalize(path: &Path, cwd: Option<&Path>) -> PathBuf {
    let path = match cwd {
        Some(cwd) if path.is_absolute() => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}

fn walk(root: &Path, found: &mut Discovery) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| SKIPPED_DIRS.contains(&n)))
        })
        .build();
    for entry in walker {
        match entry {
            // A symlinked file is read like Terraform reads it (through the link); a symlinked
            // directory is not followed (no loops). A link that cannot be followed (dangling, or a
            // loop) is reported, not silently dropped.
            Ok(e) if e.path_is_symlink() => {
                let path = e.into_path();
                let Some(kind) = kind_of(&path) else {
                    continue;
                };
                match std::fs::metadata(&path) {
                    Ok(m) if m.is_file() => add_walked(found, path, kind),
                    Ok(_) => {}
                    Err(err) => match kind {
                        FileKind::AppConfig(_) => found
                            .skipped
                            .push((path, format!("symlink cannot be followed: {err}"))),
                        _ => found
                            .errors
                            .push((path, format!("cannot read file (symlink): {err}"))),
                    },
                }
            }
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                let path = e.into_path();
                let Some(kind) = kind_of(&path) else {
                    continue;
                };
                add_walked(found, path, kind);
            }
            Ok(_) => {}
            Err(e) => {
                let path = walk_error_path(&e).unwrap_or_else(|| root.to_path_buf());
                found.errors.push((path, e.to_string()));
            }
        }
    }
}

/// The file or directory a walk error is about (the walker wraps it in context).
fn walk_error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// A file found by walking, by kind: `.tfvars` Terraform does not load itself, and app config over
/// its size limit, are left out (the latter with a note). One that cannot be opened is reported
/// when it is read (`source::load`), as any other input.
fn add_walked(found: &mut Discovery, path: PathBuf, kind: FileKind) {
    match kind {
        FileKind::TerraformVars if !is_auto_loaded_tfvars(&path) => {}
        FileKind::AppConfig(_) if e_len(&path) > crate::source::appconfig::MAX_APP_CONFIG_BYTES => {
            found
                .skipped
                .push((path, "over the 1 MiB app-config size limit".into()));
        }
        kind => found.files.push(DiscoveredFile {
            path,
            kind,
            explicit: false,
        }),
    }
}

fn e_len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// A path as shown in output: relative to the working directory where possible, with `/`.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let rel = abs.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(abs);
    // `envs/dev/../../modules/x/main.tf` (a module's `source` joined to its caller's directory) is
    // shown as `modules/x/main.tf`: the file a reader opens. Lexical, like Terraform's own paths.
    let mut parts: Vec<String> = Vec::new();
    for c in rel.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir
                if parts.last().is_some_and(|p| !p.is_empty() && p != "..") =>
            {
                parts.pop();
            }
            std::path::Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    match parts.as_slice() {
        [] => ".".to_string(),
        [root] if root.is_empty() => "/".to_string(),
        _ => parts.join("/"),
    }
}
