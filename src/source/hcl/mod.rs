//! Terraform HCL: a module directory's `.tf` and `.tfvars` files → `BedrockResource`s.

mod details;
mod eval;
mod extract;
mod heredoc;
mod module;
mod role;
mod terragrunt;
mod value;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::{BedrockResource, RegionChoice, RegionSource};
use crate::span::SourceFile;

pub use module::TfFileRole;
use module::{ModuleIndex, ParsedFile};
pub use terragrunt::{lint_terragrunt_unit, Unit as TerragruntUnit};

/// One readable file of a module, in Terraform's precedence order for `.tfvars`.
pub struct ModuleFile {
    pub file: Arc<SourceFile>,
    pub role: TfFileRole,
    pub report: bool,
}

/// Parses and extracts one module directory, without following module calls.
pub fn lint_module(
    files: Vec<ModuleFile>,
    fallback_region: &RegionChoice,
) -> (Vec<BedrockResource>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let parsed = parse_files(files, &mut diagnostics);
    let index = ModuleIndex::build(&parsed);
    let evaluator = eval::Evaluator::new(&index);
    let resources = extract::Extractor::new(&evaluator, fallback_region).extract();
    (resources, diagnostics)
}

/// What a root module directory gives once its local modules are followed.
#[derive(Default)]
pub struct ModuleTree {
    pub resources: Vec<BedrockResource>,
    pub diagnostics: Vec<Diagnostic>,
    /// Notes for the reader (remote modules not followed, recursion stopped).
    pub notices: Vec<String>,
    /// Local module directories read through calls (so they are not linted again on their own).
    pub followed: Vec<PathBuf>,
    /// Every file read, root and modules (for inline suppressions).
    pub sources: Vec<Arc<SourceFile>>,
    /// Module instances expanded so far (bounded by [`MAX_MODULE_INSTANCES`]).
    instances: usize,
    /// Whether the note that the limit was reached has been given.
    limit_noted: bool,
    /// Resources module instances have given so far (bounded by [`MAX_TREE_RESOURCES`]).
    resources_found: usize,
    /// A permission, a description or an unused default is written once in a module: it is listed
    /// once per tree, not once per module call or instance (calls are per instance: each is priced).
    listed: std::collections::HashSet<(crate::model::Role, String, Option<String>)>,
}

/// Resources the module instances of one tree may give before further instances are not followed.
pub const MAX_TREE_RESOURCES: usize = 200_000;

/// Module instances one tree may expand: `count`/`for_each` multiply down a chain of module calls
/// (1,000 × 1,000 × 1,000 is a billion resources from three small files), so past this the rest of
/// the calls are noted, not followed.
pub const MAX_MODULE_INSTANCES: usize = 2_000;

/// How deep module calls are followed; a configuration deeper than this is almost surely a cycle.
const MAX_MODULE_DEPTH: usize = 16;

/// Parses and extracts a module directory and, through `module` blocks with a local `source`, the
/// modules it calls: their input variables bound to the caller's arguments (as far as those resolve),
/// their addresses prefixed `module.NAME[KEY].`, the call's own `count`/`for_each` applied. Registry and
/// git modules are not fetched (no network): one note says so.
pub fn lint_module_tree(
    dir: &Path,
    files: Vec<ModuleFile>,
    fallback_region: &RegionChoice,
    cwd: &Path,
) -> ModuleTree {
    let mut tree = ModuleTree::default();
    tree.sources
        .extend(files.iter().filter(|f| f.report).map(|f| f.file.clone()));
    let parsed = parse_files(files, &mut tree.diagnostics);
    let index = ModuleIndex::build(&parsed);
    let evaluator = eval::Evaluator::new(&index);
    let mut stack = vec![canonical(dir)];
    let resources = extract_tree(&evaluator, fallback_region, dir, cwd, &mut stack, &mut tree);
    tree.resources = resources;
    tree
}

fn extract_tree(
    evaluator: &eval::Evaluator<'_>,
    fallback_region: &RegionChoice,
    dir: &Path,
    cwd: &Path,
    stack: &mut Vec<PathBuf>,
    tree: &mut ModuleTree,
) -> Vec<BedrockResource> {
    let extractor = extract::Extractor::new(evaluator, fallback_region);
    let mut resources = extractor.extract();
    for (name, source) in extractor.remote_module_calls() {
        tree.notices.push(format!(
            "module.{name} (source `{source}`) is not followed: only local paths are read (no network)"
        ));
    }
    // A module without its own provider block uses its caller's.
    let child_fallback = match evaluator.default_provider_region() {
        Some(region) => RegionChoice {
            region,
            source: RegionSource::Provider,
        },
        None => fallback_region.clone(),
    };
    for (name, block, source) in extractor.local_module_calls() {
        let child_dir = dir.join(&source);
        let key = canonical(&child_dir);
        if stack.contains(&key) || stack.len() >= MAX_MODULE_DEPTH {
            tree.notices.push(format!("module.{name} (source `{source}`) is not followed: module calls loop or nest too deep"));
            continue;
        }
        let files = module_files(&child_dir, cwd, block.report, &mut tree.diagnostics);
        if files.is_empty() {
            tree.notices
                .push(format!("module.{name}: no .tf files in `{source}`"));
            continue;
        }
        tree.followed.push(child_dir.clone());
        tree.sources
            .extend(files.iter().filter(|f| f.report).map(|f| f.file.clone()));
        let parsed = parse_files(files, &mut tree.diagnostics);
        let index = ModuleIndex::build(&parsed);
        for (address, instance, note) in extractor.instances(&format!("module.{name}"), block) {
            if tree.instances >= MAX_MODULE_INSTANCES || tree.resources_found >= MAX_TREE_RESOURCES
            {
                if !tree.limit_noted {
                    tree.limit_noted = true;
                    tree.notices.push(format!(
                        "{address} and further module instances are not followed: over {MAX_MODULE_INSTANCES} module instances or {MAX_TREE_RESOURCES} resources (count/for_each multiply down module calls)"
                    ));
                }
                break;
            }
            tree.instances += 1;
            let child = eval::Evaluator::new(&index);
            for attr in block.item.body.attributes() {
                let key = attr.key.as_str();
                if !MODULE_META_ARGUMENTS.contains(&key) {
                    child.set_input(key, evaluator.eval(&attr.value, block.file, &instance));
                }
            }
            stack.push(key.clone());
            let found = extract_tree(&child, &child_fallback, &child_dir, cwd, stack, tree);
            stack.pop();
            tree.resources_found += found.len();
            if !block.report {
                continue;
            }
            for mut r in found {
                if !r.role.is_call() {
                    let at = r.model_span.as_ref().unwrap_or(&r.span);
                    let key = (
                        r.role,
                        format!("{}:{}:{}", at.path(), at.start, at.end),
                        r.attribute.clone(),
                    );
                    if !tree.listed.insert(key) {
                        continue;
                    }
                }
                r.address = format!("{address}.{}", r.address);
                r.via_profile = r.via_profile.map(|p| format!("{address}.{p}"));
                if let crate::model::Details::KnowledgeBase(kb) = &mut r.details {
                    kb.collection = kb.collection.take().map(|c| format!("{address}.{c}"));
                }
                r.notes.extend(note.clone());
                resources.push(r);
            }
        }
    }
    resources
}

/// Arguments of a `module` block that are Terraform's, not the module's inputs.
const MODULE_META_ARGUMENTS: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// The `.tf` files module following reads from a called module's directory, sorted (`.tfvars` apply
/// to the root module only). The pre-scan looks at exactly these.
pub fn module_tf_paths(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf") && p.is_file())
        .collect();
    paths.sort();
    paths
}

/// A called module's `.tf` files, read.
fn module_files(
    dir: &Path,
    cwd: &Path,
    report: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ModuleFile> {
    module_tf_paths(dir)
        .iter()
        .filter_map(|p| {
            match crate::source::read_source(
                p,
                crate::discover::display_path(p, cwd),
                crate::source::MAX_SOURCE_BYTES,
            ) {
                Ok(file) => Some(ModuleFile {
                    file,
                    role: TfFileRole::Config,
                    report,
                }),
                Err(d) => {
                    if report {
                        diagnostics.push(*d);
                    }
                    None
                }
            }
        })
        .collect()
}

fn parse_files(files: Vec<ModuleFile>, diagnostics: &mut Vec<Diagnostic>) -> Vec<ParsedFile> {
    let mut parsed = Vec::with_capacity(files.len());
    for f in files {
        match hcl_edit::parser::parse_body(&heredoc::patch_empty_heredocs(&f.file.text)) {
            Ok(body) => parsed.push(ParsedFile {
                file: f.file,
                body,
                role: f.role,
                report: f.report,
            }),
            Err(e) => {
                if f.report {
                    let offset = e.location().offset().min(f.file.text.len());
                    let span = f.file.span(offset..offset);
                    diagnostics.push(Diagnostic::invalid_input(
                        span,
                        format!("HCL syntax error: {}", e.message()),
                    ));
                }
            }
        }
    }
    parsed
}

fn canonical(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}
