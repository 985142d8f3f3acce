//! Terragrunt units: a `terragrunt.hcl` whose `terraform { source = "<local path>" }` names a module
//! and whose `inputs` (merged over those of the configs it `include`s, such as a `root.hcl` found with
//! `find_in_parent_folders()`) set that module's variables. The module is then read as a root module
//! with those inputs, as `terragrunt plan` would run it. A remote source (`git::`, `tfr://`, the
//! registry) is not fetched (no network): one note says so, and the inputs are listed as the
//! arguments of a module whose code is not read.
//!
//! Terragrunt functions evaluated: `find_in_parent_folders([name[, fallback]])`,
//! `get_terragrunt_dir()`, `get_repo_root()` (the nearest `.git` above), `read_terragrunt_config(path)`
//! (its `locals` and `inputs`), `dirname`, `basename`. Anything else that only Terragrunt knows at
//! run time (`get_env`, `dependency.*.outputs`, `run_cmd`) is unknown, never guessed.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use hcl_edit::structure::Body;

use super::eval::{Evaluator, HostFunctions, Instance};
use super::module::{ModuleIndex, ParsedFile, TfFileRole};
use super::value::Value;
use super::{canonical, extract_tree, module_files, parse_files, ModuleFile, ModuleTree};
use crate::diagnostic::Diagnostic;
use crate::model::{RegionChoice, RegionSource, Role};
use crate::span::SourceFile;

/// How many configs deep `include` and `read_terragrunt_config` are followed (a loop stops here).
const MAX_CONFIG_DEPTH: usize = 5;

/// What a `terragrunt.hcl` gives once its module is read.
pub struct Unit {
    pub tree: ModuleTree,
    /// The module directory its inputs were bound to (linted through the unit, not on its own).
    pub module_dir: Option<PathBuf>,
}

/// Reads one Terragrunt unit and the local module it runs.
pub fn lint_terragrunt_unit(
    path: &Path,
    file: Arc<SourceFile>,
    fallback_region: &RegionChoice,
    cwd: &Path,
) -> Unit {
    let mut tree = ModuleTree::default();
    tree.sources.push(file.clone());
    let unit_dir = parent_dir(path);
    let host = TerragruntHost {
        unit_dir: unit_dir.clone(),
        cwd: cwd.to_path_buf(),
        depth: 0,
        includes: Default::default(),
        read: Default::default(),
    };
    let Some(parsed) = parse_one(file, true, &mut tree.diagnostics) else {
        return Unit {
            tree,
            module_dir: None,
        };
    };
    let config = host.load(&parsed, path, 0, &mut tree.diagnostics);
    tree.sources.extend(host.read.borrow().iter().cloned());
    let region = match &config.provider_region {
        Some(region) => RegionChoice {
            region: region.clone(),
            source: RegionSource::Provider,
        },
        None => fallback_region.clone(),
    };
    let shown = parsed.file.path.to_string();
    let source = match &config.source {
        None => {
            // No `terraform { source }`: Terragrunt runs the `.tf` files beside it.
            if super::module_tf_paths(&unit_dir).is_empty() {
                return Unit {
                    tree,
                    module_dir: None,
                };
            }
            Ok(unit_dir.clone())
        }
        Some(Value::Str(s)) if !s.is_partial() => {
            local_source(&unit_dir, &s.text).ok_or_else(|| s.text.clone())
        }
        Some(other) => Err(match other {
            Value::Str(s) => s
                .text
                .replace(crate::model::UNKNOWN_PART, crate::model::UNKNOWN_PART_SHOWN),
            _ => "?".to_string(),
        }),
    };
    let module_dir = match source {
        Ok(dir) => dir,
        Err(source) => {
            tree.notices.push(format!(
                "{shown} (terraform source `{source}`) is not followed: only local paths are read (no network)"
            ));
            tree.resources = inputs_as_arguments(&parsed, &config.inputs, &region);
            return Unit {
                tree,
                module_dir: None,
            };
        }
    };
    let files = module_files(&module_dir, cwd, true, &mut tree.diagnostics);
    if files.is_empty() {
        tree.notices.push(format!(
            "{shown}: no .tf files in its terraform source `{}`",
            crate::discover::display_path(&module_dir, cwd)
        ));
        return Unit {
            tree,
            module_dir: None,
        };
    }
    tree.followed.push(module_dir.clone());
    tree.sources.extend(files.iter().map(|f| f.file.clone()));
    let module_parsed = parse_files(files, &mut tree.diagnostics);
    let index = ModuleIndex::build(&module_parsed);
    let evaluator = Evaluator::new(&index);
    if let Value::Map(inputs) = &config.inputs {
        for (name, value) in inputs {
            // Terragrunt passes every input as `TF_VAR_name`; the module reads the ones it declares.
            if index.variables.contains_key(name.as_str()) {
                evaluator.set_input(name, value.clone());
            }
        }
    }
    let mut stack = vec![canonical(&module_dir)];
    let mut found = extract_tree(&evaluator, &region, &module_dir, cwd, &mut stack, &mut tree);
    // An input the module does not use in any call (undeclared, or read by nothing): listed as
    // metadata where it is written.
    let used: Vec<&crate::span::Span> =
        found.iter().filter_map(|r| r.model_span.as_ref()).collect();
    let tg_index = ModuleIndex::build(std::slice::from_ref(&parsed));
    let tg_eval = Evaluator::with_host(&tg_index, &host);
    let extractor = super::extract::Extractor::new(&tg_eval, &region);
    for (_, s) in config.inputs.strings() {
        for written in s.origin.iter().chain(&s.parts) {
            let inside = |u: &&crate::span::Span| {
                u.path() == written.path() && u.start >= written.start && u.end <= written.end
            };
            if used.iter().any(inside) {
                extractor.mark_consumed(written.key());
            }
        }
    }
    let span = inputs_span(&parsed);
    found.extend(extractor.unconsumed("inputs", &config.inputs, span, Role::Metadata));
    tree.resources = found;
    if config.inputs_unknown {
        tree.notices.push(format!(
            "{shown}: some inputs could not be evaluated (Terragrunt-only functions or dependencies): the module's defaults stand for them"
        ));
    }
    Unit {
        tree,
        module_dir: Some(module_dir),
    }
}

/// A remote module's inputs: model strings passed to code this tool does not read, so calls by
/// their key (a `*_policy` input is a permission), as for a remote `module` block.
fn inputs_as_arguments(
    parsed: &ParsedFile,
    inputs: &Value,
    region: &RegionChoice,
) -> Vec<crate::model::BedrockResource> {
    let index = ModuleIndex::build(std::slice::from_ref(parsed));
    let eval = Evaluator::new(&index);
    let extractor = super::extract::Extractor::new(&eval, region);
    extractor.unconsumed("inputs", inputs, inputs_span(parsed), Role::Call)
}

fn inputs_span(parsed: &ParsedFile) -> Option<crate::span::Span> {
    use hcl_edit::Span as _;
    parsed
        .body
        .get_attribute("inputs")
        .and_then(|a| a.value.span())
        .map(|r| parsed.file.span(r))
}

fn parse_one(
    file: Arc<SourceFile>,
    report: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ParsedFile> {
    parse_files(
        vec![ModuleFile {
            file,
            role: TfFileRole::Config,
            report,
        }],
        diagnostics,
    )
    .pop()
}

/// A config's merged view: its inputs over its parents', the module source and the Region of a
/// generated `provider "aws"` block.
struct Config {
    /// Its own `locals`, evaluated (what `include.NAME.locals` and `read_terragrunt_config` expose).
    locals: Value,
    inputs: Value,
    /// Some input could not be evaluated.
    inputs_unknown: bool,
    source: Option<Value>,
    provider_region: Option<String>,
}

struct TerragruntHost {
    /// The unit's directory: `get_terragrunt_dir()` and `find_in_parent_folders()` are relative to it
    /// wherever they are written (an included parent included).
    unit_dir: PathBuf,
    cwd: PathBuf,
    depth: usize,
    /// `include.NAME`: each included config's `{ locals, inputs }`, once its include is read.
    includes: std::cell::RefCell<std::collections::BTreeMap<String, Value>>,
    /// Every config read through this unit (parents, `read_terragrunt_config`): a finding may point
    /// into one, so its inline suppressions are read too.
    read: std::rc::Rc<std::cell::RefCell<Vec<Arc<SourceFile>>>>,
}

impl TerragruntHost {
    /// Evaluates one config (`path`) and merges it over the configs it includes.
    fn load(
        &self,
        parsed: &ParsedFile,
        path: &Path,
        depth: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Config {
        let index = ModuleIndex::build(std::slice::from_ref(parsed));
        let host = TerragruntHost {
            unit_dir: self.unit_dir.clone(),
            cwd: self.cwd.clone(),
            depth,
            includes: Default::default(),
            read: self.read.clone(),
        };
        let eval = Evaluator::with_host(&index, &host);
        let none = Instance::default();
        let body = &parsed.body;
        let here = parent_dir(path);
        let mut merged = Config {
            locals: Value::Null,
            inputs: Value::Map(Default::default()),
            inputs_unknown: false,
            source: None,
            provider_region: None,
        };
        for include in body.blocks().filter(|b| b.ident.as_str() == "include") {
            let Some(target) = include
                .body
                .get_attribute("path")
                .map(|a| eval.eval(&a.value, &parsed.file, &none))
            else {
                continue;
            };
            let deep = include
                .body
                .get_attribute("merge_strategy")
                .map(|a| eval.eval(&a.value, &parsed.file, &none))
                .and_then(|v| v.as_str().map(str::to_string));
            let Some(target) = target.as_str().map(|t| here.join(t)) else {
                merged.inputs_unknown = true;
                continue;
            };
            if depth >= MAX_CONFIG_DEPTH || deep.as_deref() == Some("no_merge") {
                continue;
            }
            let Some(parent) = self.read(&target, diagnostics) else {
                continue;
            };
            let parent = self.load(&parent, &target, depth + 1, diagnostics);
            let label = include
                .labels
                .first()
                .map_or_else(String::new, |l| l.as_str().to_string());
            host.includes.borrow_mut().insert(
                label,
                Value::Map(
                    [
                        ("locals".to_string(), parent.locals.clone()),
                        ("inputs".to_string(), parent.inputs.clone()),
                    ]
                    .into_iter()
                    .collect(),
                ),
            );
            // A later include's inputs replace an earlier one's.
            merged.inputs = merge(
                parent.inputs,
                std::mem::replace(&mut merged.inputs, Value::Null),
                deep.as_deref() == Some("deep"),
            );
            merged.inputs_unknown |= parent.inputs_unknown;
            merged.source = parent.source.or(merged.source);
            merged.provider_region = parent.provider_region.or(merged.provider_region);
        }
        if let Some(inputs) = body.get_attribute("inputs") {
            let v = eval.eval(&inputs.value, &parsed.file, &none);
            if let Value::Map(m) = &v {
                merged.inputs_unknown |= m.values().any(|v| matches!(v, Value::Unknown(_)));
            }
            // The config's own inputs replace what it includes.
            merged.inputs = merge(v, std::mem::replace(&mut merged.inputs, Value::Null), false);
        }
        for terraform in body.blocks().filter(|b| b.ident.as_str() == "terraform") {
            if let Some(s) = terraform.body.get_attribute("source") {
                merged.source = Some(eval.eval(&s.value, &parsed.file, &none));
            }
        }
        if let Some(region) = generated_provider_region(body, &eval, &parsed.file) {
            merged.provider_region = Some(region);
        }
        merged.locals = Value::Map(
            index
                .locals
                .keys()
                .map(|name| (name.to_string(), eval.local(name)))
                .collect(),
        );
        merged
    }

    /// Reads and parses a config another one names (errors reported at that config).
    fn read(&self, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<ParsedFile> {
        let display = crate::discover::display_path(path, &self.cwd);
        match crate::source::read_source(path, display, crate::source::MAX_SOURCE_BYTES) {
            Ok(file) => {
                let mut read = self.read.borrow_mut();
                if !read.iter().any(|f| f.path == file.path) {
                    read.push(file.clone());
                }
                drop(read);
                parse_one(file, true, diagnostics)
            }
            Err(d) => {
                diagnostics.push(*d);
                None
            }
        }
    }

    /// `read_terragrunt_config(path)`: `{ locals = {...}, inputs = {...} }` of that config.
    fn read_config(&self, path: &Path) -> Value {
        if self.depth >= MAX_CONFIG_DEPTH {
            return Value::Unknown("read_terragrunt_config() nests too deep".into());
        }
        let mut ignored = Vec::new();
        let Some(parsed) = self.read(path, &mut ignored) else {
            return Value::Unknown(format!(
                "read_terragrunt_config(): cannot read `{}`",
                path.display()
            ));
        };
        let config = self.load(&parsed, path, self.depth + 1, &mut ignored);
        Value::Map(
            [
                ("locals".to_string(), config.locals),
                ("inputs".to_string(), config.inputs),
            ]
            .into_iter()
            .collect(),
        )
    }
}

impl HostFunctions for TerragruntHost {
    fn root(&self, name: &str) -> Option<Value> {
        (name == "include").then(|| {
            let includes = self.includes.borrow();
            // An unlabelled `include` is `include.locals` itself.
            match includes.get("") {
                Some(bare) if includes.len() == 1 => bare.clone(),
                _ => Value::Map(includes.clone()),
            }
        })
    }

    fn call(&self, name: &str, args: &[Value]) -> Option<Value> {
        let text = |i: usize| args.get(i).and_then(Value::as_str);
        Some(match name {
            "get_terragrunt_dir" | "get_original_terragrunt_dir" => path_value(&self.unit_dir),
            "find_in_parent_folders" => {
                let wanted = text(0).unwrap_or("terragrunt.hcl");
                match find_in_parent_folders(&self.unit_dir, wanted) {
                    Some(p) => path_value(&p),
                    None => match args.get(1) {
                        Some(fallback) => fallback.clone(),
                        None => Value::Unknown(format!(
                            "find_in_parent_folders(): no `{wanted}` above this unit"
                        )),
                    },
                }
            }
            "get_repo_root" => match self.unit_dir.ancestors().find(|d| d.join(".git").exists()) {
                Some(root) => path_value(root),
                None => Value::Unknown("get_repo_root(): no git repository here".into()),
            },
            "read_terragrunt_config" => match text(0) {
                Some(p) => {
                    let path = self.unit_dir.join(p);
                    match self.read_config(&path) {
                        Value::Unknown(_) if args.len() > 1 => args[1].clone(),
                        v => v,
                    }
                }
                None => Value::Unknown("read_terragrunt_config(): the path is unknown".into()),
            },
            "dirname" => match text(0) {
                Some(p) => Value::str(
                    Path::new(p)
                        .parent()
                        .map(|d| d.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    None,
                ),
                None => return None,
            },
            "basename" => match text(0) {
                Some(p) => Value::str(
                    Path::new(p)
                        .file_name()
                        .map(|d| d.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    None,
                ),
                None => return None,
            },
            "get_env"
            | "run_cmd"
            | "get_aws_account_id"
            | "get_aws_caller_identity_arn"
            | "path_relative_to_include"
            | "path_relative_from_include"
            | "get_parent_terragrunt_dir"
            | "sops_decrypt_file"
            | "get_terraform_command" => {
                Value::Unknown(format!("{name}() is known only when Terragrunt runs"))
            }
            _ => return None,
        })
    }
}

fn path_value(p: &Path) -> Value {
    Value::str(p.to_string_lossy().into_owned(), None)
}

/// Terragrunt searches from the unit's parent directory upward (a unit does not find itself).
fn find_in_parent_folders(unit_dir: &Path, name: &str) -> Option<PathBuf> {
    let start = if unit_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        unit_dir
    };
    let abs = if start.is_absolute() {
        start.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(start)
    };
    let abs = normalize(&abs);
    abs.ancestors()
        .skip(1)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// A `source` that is a local directory (`../../modules//chat`, an absolute path from
/// `get_terragrunt_dir()`), or `None` for a remote one (`git::`, `tfr://`, `github.com/...`).
fn local_source(unit_dir: &Path, source: &str) -> Option<PathBuf> {
    let remote = source.contains("::")
        || source.starts_with("tfr:")
        || source.starts_with("git@")
        || source.starts_with("github.com/")
        || source.starts_with("bitbucket.org/")
        || source.contains("?ref=")
        || !(source.starts_with("./") || source.starts_with("../") || source.starts_with('/'));
    if remote {
        return None;
    }
    // `dir//subdir`: the module is `subdir` inside `dir`.
    let joined = source.replace("//", "/");
    Some(normalize(&unit_dir.join(joined)))
}

/// `a/b/../c` → `a/c`, lexically (as Terraform and Terragrunt resolve module paths).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if out
                    .components()
                    .next_back()
                    .is_some_and(|l| matches!(l, Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Shallow merge (the child's top-level inputs replace the parent's) or deep (maps merged key by
/// key); an unknown side makes the merge unknown only where it could replace.
fn merge(child: Value, parent: Value, deep: bool) -> Value {
    match (child, parent) {
        (Value::Null, p) => p,
        (c, Value::Null) => c,
        (Value::Map(c), Value::Map(mut p)) => {
            for (k, v) in c {
                let merged = match (deep, p.remove(&k)) {
                    (true, Some(pv @ Value::Map(_))) if matches!(v, Value::Map(_)) => {
                        merge(v, pv, true)
                    }
                    _ => v,
                };
                p.insert(k, merged);
            }
            Value::Map(p)
        }
        (c @ Value::Unknown(_), _) => c,
        (c, _) => c,
    }
}

/// The Region in a `generate "provider"` block's `provider "aws" { region = "..." }` contents.
fn generated_provider_region(
    body: &Body,
    eval: &Evaluator<'_>,
    file: &Arc<SourceFile>,
) -> Option<String> {
    for generate in body.blocks().filter(|b| b.ident.as_str() == "generate") {
        let contents = generate.body.get_attribute("contents")?;
        let text = eval
            .eval(&contents.value, file, &Instance::default())
            .as_str()?
            .to_string();
        if !text.contains("provider \"aws\"") {
            continue;
        }
        let Ok(generated) = hcl_edit::parser::parse_body(&text) else {
            continue;
        };
        for block in generated.blocks() {
            let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
            if block.ident.as_str() == "provider"
                && labels == ["aws"]
                && block.body.get_attribute("alias").is_none()
            {
                if let Some(region) = block
                    .body
                    .get_attribute("region")
                    .and_then(|a| a.value.as_str())
                {
                    return Some(region.to_string());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_local_and_remote() {
        let unit = Path::new("live/prod/us-east-1/chat");
        assert_eq!(
            local_source(unit, "../../../../modules//chat"),
            Some(PathBuf::from("modules/chat"))
        );
        assert_eq!(
            local_source(unit, "/repo/modules/chat"),
            Some(PathBuf::from("/repo/modules/chat"))
        );
        for remote in [
            "git::https://github.com/acme/modules.git//chat?ref=v1.2.0",
            "tfr:///terraform-aws-modules/lambda/aws?version=7.0.0",
            "github.com/acme/modules//chat",
            "acme/chat/aws",
        ] {
            assert_eq!(local_source(unit, remote), None, "{remote}");
        }
    }

    #[test]
    fn shallow_and_deep_merges() {
        let m = |pairs: &[(&str, Value)]| {
            Value::Map(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
            )
        };
        let parent = m(&[
            ("tags", m(&[("team", Value::str("ml", None))])),
            ("model", Value::str("a", None)),
        ]);
        let child = m(&[("tags", m(&[("env", Value::str("prod", None))]))]);
        let shallow = merge(child.clone(), parent.clone(), false);
        assert_eq!(
            shallow,
            m(&[
                ("model", Value::str("a", None)),
                ("tags", m(&[("env", Value::str("prod", None))])),
            ])
        );
        let deep = merge(child, parent, true);
        assert_eq!(
            deep,
            m(&[
                ("model", Value::str("a", None)),
                (
                    "tags",
                    m(&[
                        ("env", Value::str("prod", None)),
                        ("team", Value::str("ml", None))
                    ])
                ),
            ])
        );
    }
}
