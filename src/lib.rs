//! bedrock-lint: find Amazon Bedrock resources and model references in Terraform, price them from a
//! sourced catalog and declared usage, and report what wastes money.
//!
//! Pipeline, one direction: discover → parse → model → price → rules → report. Tests call [`lint`].

pub mod apply_fixes;
pub mod baseline;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod discover;
pub mod fix;
pub mod model;
pub mod money;
pub mod prescan;
pub mod pricing;
pub mod report;
pub mod rules;
pub mod server;
pub mod similarity;
pub mod source;
pub mod span;
pub mod suppression;
pub mod usage_file;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rust_decimal::Decimal;

use config::Config;
use diagnostic::{Diagnostic, Severity};
use discover::{display_path, is_auto_loaded_tfvars, DiscoveredFile, FileKind};
use pricing::PricedResource;
use source::hcl::{ModuleFile, TfFileRole};
use span::SourceFile;

/// Everything one run found, ready for any reporter.
#[derive(Debug)]
pub struct Report {
    /// Sorted by file, line, column, code.
    pub diagnostics: Vec<Diagnostic>,
    /// Sorted by file, line, address. Calls only: a model string with another role is in `references`.
    pub resources: Vec<PricedResource>,
    /// Model strings that are not calls (IAM grants, aliases, descriptions, unused defaults), sorted like
    /// `resources`: listed, never priced or linted as calls.
    pub references: Vec<model::BedrockResource>,
    /// Files read (parsed or attempted).
    pub files: usize,
    /// Run-level notes for the reader (`no Terraform files found`).
    pub notices: Vec<String>,
    /// The project root as it prefixes paths (`fixtures/demo/`; empty for the working directory): what
    /// fingerprints and usage keys are relative to.
    pub root: String,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Sum of the monthly costs that could be computed.
    pub fn monthly_total(&self) -> Decimal {
        self.resources
            .iter()
            .filter_map(|r| r.cost.monthly_usd)
            .sum()
    }

    /// Resources whose monthly cost is not known (usage or price missing).
    pub fn unpriced(&self) -> usize {
        self.resources
            .iter()
            .filter(|r| r.cost.monthly_usd.is_none())
            .count()
    }

    pub fn has_estimates(&self) -> bool {
        self.resources
            .iter()
            .any(|r| r.cost.estimate && r.cost.monthly_usd.is_some())
    }

    pub fn has_input_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_invalid_input)
    }

    /// 2 if input could not be read or parsed; else 1 if a finding reaches `fail_on`; else 0.
    pub fn exit_code(&self, fail_on: config::FailOn) -> i32 {
        if self.has_input_errors() {
            return 2;
        }
        match fail_on.threshold() {
            Some(t) if self.diagnostics.iter().any(|d| d.severity >= t) => 1,
            _ => 0,
        }
    }

    /// Like [`Report::exit_code`], with the `fail_on` in force where each finding is (`[[overrides]]`
    /// may set a different one for some paths).
    pub fn exit_code_for(&self, config: &Config) -> i32 {
        if self.has_input_errors() {
            return 2;
        }
        i32::from(self.diagnostics.iter().any(|d| self.fails(d, config)))
    }

    /// Whether this finding reaches the `fail_on` in force where it is (what makes the exit code 1).
    pub fn fails(&self, d: &Diagnostic, config: &Config) -> bool {
        d.fail_on
            .filter(|_| !config.fail_on_from_cli())
            .unwrap_or_else(|| config.fail_on_for(&self.root, d.span.path()))
            .threshold()
            .is_some_and(|t| d.severity >= t)
    }

    /// [`Report::fails`] for each diagnostic, in order: what JUnit and Checkstyle mark as failures.
    pub fn failing(&self, config: &Config) -> Vec<bool> {
        self.diagnostics
            .iter()
            .map(|d| self.fails(d, config))
            .collect()
    }
}

/// Lints the given paths (directories are walked; files are read as named) with a configuration.
pub fn lint(paths: &[PathBuf], config: &Config) -> Report {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let project_prefix = config.project_prefix(&cwd);
    let discovery = discover::discover(paths);
    let mut diagnostics: Vec<Diagnostic> = discovery
        .errors
        .iter()
        .map(|(path, why)| {
            let file = SourceFile::new(display_path(path, &cwd), "");
            Diagnostic::invalid_input(file.start_span(), why.clone())
        })
        .collect();

    let (plan_files, rest): (Vec<DiscoveredFile>, Vec<DiscoveredFile>) = discovery
        .files
        .iter()
        .cloned()
        .partition(|f| f.kind == FileKind::TerraformPlan);
    let (app_files, tf_files): (Vec<DiscoveredFile>, Vec<DiscoveredFile>) = rest
        .into_iter()
        .partition(|f| matches!(f.kind, FileKind::AppConfig(_)));
    // Terragrunt units are each read on their own, with the module they run (never pre-scanned away:
    // their inputs carry model IDs into a module that may have none written).
    let (terragrunt_files, tf_files): (Vec<DiscoveredFile>, Vec<DiscoveredFile>) = tf_files
        .into_iter()
        .partition(|f| f.kind == FileKind::Terragrunt);
    // Directories with no Bedrock marker at all are skipped whole, unparsed (src/prescan.rs); the
    // text it read of the others is parsed from memory, not read again.
    let (tf_files, app_files, prescanned, preread) =
        prescan::filter(tf_files, app_files, &config.var_files);
    // Plans first: a plan is the most exact input for its configuration, so the directories it was
    // made from (root and local modules) give its findings their lines and are not linted again.
    let plans: Vec<(Linted, Vec<PathBuf>)> = plan_files
        .par_iter()
        .map(|f| lint_plan_file(&f.path, &cwd, config, &project_prefix))
        .collect();
    let plan_dirs: Vec<PathBuf> = plans
        .iter()
        .flat_map(|(_, dirs)| dirs.iter().map(|d| same_dir(d)))
        .collect();
    let modules: BTreeMap<PathBuf, Vec<DiscoveredFile>> = group_modules(&tf_files)
        .into_iter()
        .filter(|(dir, _)| !plan_dirs.contains(&same_dir(dir)))
        .collect();
    let var_files: Vec<PathBuf> = config.var_files.clone();
    let mut results: Vec<Linted> = modules
        .into_par_iter()
        .map(|(_dir, files)| {
            lint_module_dir(files, &var_files, &cwd, config, &project_prefix, &preread)
        })
        .collect();
    results.extend(
        terragrunt_files
            .par_iter()
            .map(|f| lint_terragrunt_file(f, &cwd, config, &project_prefix))
            .collect::<Vec<_>>(),
    );
    // A directory read as another directory's module gives its resources through that call (inputs
    // bound, addresses prefixed), not a second time on its own.
    let followed: Vec<PathBuf> = results
        .iter()
        .flat_map(|r| r.followed.iter().map(|d| same_dir(d)))
        .collect();
    results.retain(|r| {
        r.dir
            .as_ref()
            .is_none_or(|d| !followed.contains(&same_dir(d)))
    });
    results.extend(plans.into_iter().map(|(linted, _)| linted));
    results.extend(
        app_files
            .par_iter()
            .map(|f| lint_app_file(f, &cwd, config, &project_prefix, &preread))
            .collect::<Vec<_>>(),
    );

    let mut resources: Vec<model::BedrockResource> = Vec::new();
    let mut sources: Vec<Arc<SourceFile>> = Vec::new();
    let mut files = prescanned;
    let mut notices: Vec<String> = discovery
        .skipped
        .iter()
        .map(|(p, why)| format!("{}: skipped ({why})", display_path(p, &cwd)))
        .collect();
    for linted in results {
        resources.extend(linted.resources);
        sources.extend(linted.sources);
        diagnostics.extend(linted.diagnostics);
        notices.extend(linted.notices);
        files += linted.files;
    }
    if discovery.files.is_empty() && discovery.errors.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| display_path(p, &cwd)).collect();
        notices.push(format!(
            "no Terraform files (.tf, .tfvars, plan JSON) or app config found in {}",
            shown.join(", ")
        ));
    }

    resources.sort_by(|a, b| {
        (
            a.span.path(),
            a.span.line,
            a.span.column,
            &a.address,
            &a.attribute,
        )
            .cmp(&(
                b.span.path(),
                b.span.line,
                b.span.column,
                &b.address,
                &b.attribute,
            ))
    });
    notices.sort();
    notices.dedup();
    let (resources, references): (Vec<_>, Vec<_>) =
        resources.into_iter().partition(|r| r.role.is_call());
    if let Some(note) = references_notice(&references) {
        notices.push(note);
    }
    notices.extend(
        resources
            .first()
            .map(|_| config.catalog.notes())
            .unwrap_or_default(),
    );
    let priced = pricing::price_all(resources, config, &project_prefix);
    notices.extend(zero_usage_notice(&priced));
    diagnostics.extend(fold_same_place(
        rules::run(&priced, config, &project_prefix),
        &priced,
    ));
    let root = project_prefix;
    if config.is_enabled(rules::unused_suppression::META.code) || !config.no_inline_ignores {
        suppression::apply(&mut diagnostics, &sources, config, suppression::today());
    }
    if !config.is_enabled(rules::unused_suppression::META.code) {
        diagnostics.retain(|d| d.code != rules::unused_suppression::META.code);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.resource == b.resource);

    Report {
        diagnostics,
        resources: priced,
        references,
        files,
        notices,
        root,
    }
}

/// `3 model strings are not calls (2 permission, 1 metadata): listed under their role in --format
/// json, not priced or linted as calls`.
fn references_notice(references: &[model::BedrockResource]) -> Option<String> {
    if references.is_empty() {
        return None;
    }
    let by_role: Vec<String> = model::Role::ALL
        .iter()
        .filter_map(|role| {
            let n = references.iter().filter(|r| r.role == *role).count();
            (n > 0).then(|| format!("{n} {role}"))
        })
        .collect();
    let n = references.len();
    let what = if n == 1 {
        "model string is not a call"
    } else {
        "model strings are not calls"
    };
    Some(format!(
        "{n} {what} ({}): listed under their role in --format json, not priced or linted as calls",
        by_role.join(", ")
    ))
}

/// `2 usage entries still hold the 0s \`bedrock-lint usage\` writes (...)`: a skeleton's 0 is a
/// declared "none", priced as free; say so rather than let it pass for a volume.
fn zero_usage_notice(priced: &[PricedResource]) -> Option<String> {
    let mut keys: Vec<&str> = priced
        .iter()
        .filter_map(|r| r.usage.as_ref())
        .filter(|(_, u)| {
            u.input_tokens_per_month.is_some_and(|v| v.is_zero())
                || pricing::Usage::SERVICE_FIELDS
                    .iter()
                    .any(|f| u.field(f).is_some_and(|v| v.is_zero()))
        })
        .map(|(k, _)| k.as_str())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let first = keys.first()?;
    Some(format!(
        "{} usage entr{} declare{} a volume of 0 (`{first}`{}): priced as no traffic, not as unknown; set the volumes `bedrock-lint usage` wrote as 0",
        keys.len(),
        if keys.len() == 1 { "y" } else { "ies" },
        if keys.len() == 1 { "s" } else { "" },
        if keys.len() > 1 { ", ..." } else { "" },
    ))
}

/// One finding per place: the instances of a `count`/`for_each` resource share their source lines, and
/// several resources can use the same literal (a variable read by two Lambdas). A rule that fires more
/// than once at the same span is reported once, naming who it applies to, with the impacts summed.
fn fold_same_place(diagnostics: Vec<Diagnostic>, priced: &[PricedResource]) -> Vec<Diagnostic> {
    let base_of: BTreeMap<&str, String> = priced
        .iter()
        .map(|r| (r.resource.address.as_str(), r.resource.resource_address()))
        .collect();
    let mut groups: BTreeMap<(&'static str, String, usize, usize), Vec<Diagnostic>> =
        BTreeMap::new();
    for d in diagnostics {
        let key = (d.code, d.span.path().to_string(), d.span.start, d.span.end);
        groups.entry(key).or_default().push(d);
    }
    let mut out = Vec::new();
    for (_, mut group) in groups {
        if group.len() == 1 {
            out.append(&mut group);
            continue;
        }
        let n = group.len();
        let impact = group
            .iter()
            .filter_map(|d| d.monthly_impact)
            .reduce(|a, b| a + b);
        let addresses: Vec<String> = group.iter().filter_map(|d| d.resource.clone()).collect();
        let mut bases: Vec<&str> = addresses
            .iter()
            .map(|a| base_of.get(a.as_str()).map_or(a.as_str(), String::as_str))
            .collect();
        bases.dedup();
        let mut first = group.swap_remove(0);
        if let ([base], Some(addr)) = (bases.as_slice(), first.resource.clone()) {
            first.message = format!(
                "{} (each of {n} instances)",
                first.message.replace(&addr, base)
            );
            first.help = first.help.map(|h| h.replace(&addr, base));
            first.resource = Some(base.to_string());
        } else {
            let others: Vec<&str> = addresses.iter().skip(1).map(String::as_str).collect();
            first.message = format!("{} (also used by {})", first.message, others.join(", "));
        }
        first.monthly_impact = impact;
        out.push(first);
    }
    out
}

/// Files grouped by directory: a Terraform module is a directory.
fn group_modules(files: &[DiscoveredFile]) -> BTreeMap<PathBuf, Vec<DiscoveredFile>> {
    let mut modules: BTreeMap<PathBuf, Vec<DiscoveredFile>> = BTreeMap::new();
    for f in files {
        let dir = f.path.parent().map(Path::to_path_buf).unwrap_or_default();
        modules.entry(dir).or_default().push(f.clone());
    }
    // A module reached only through named files: read the rest of its directory for context
    // (variables, locals, providers), reporting only the named files.
    for (dir, files) in modules.iter_mut() {
        if files.iter().all(|f| f.explicit) {
            let listing = std::fs::read_dir(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            });
            for entry in listing.into_iter().flatten().flatten() {
                let path = if dir.as_os_str().is_empty() {
                    PathBuf::from(entry.file_name())
                } else {
                    entry.path()
                };
                let kind = discover::kind_of(&path);
                let wanted = match kind {
                    Some(FileKind::TerraformConfig) => true,
                    Some(FileKind::TerraformVars) => is_auto_loaded_tfvars(&path),
                    Some(
                        FileKind::TerraformPlan | FileKind::AppConfig(_) | FileKind::Terragrunt,
                    )
                    | None => false,
                };
                if wanted
                    && std::fs::metadata(&path).is_ok_and(|m| m.is_file())
                    && !files.iter().any(|f| f.path == path)
                {
                    if let Some(kind) = kind {
                        files.push(DiscoveredFile {
                            path,
                            kind,
                            explicit: false,
                        });
                    }
                }
            }
        }
    }
    modules
}

/// Reads and lints one module directory: `.tf` files, then `.tfvars` in Terraform's precedence order
/// (terraform.tfvars, `*.auto.tfvars` alphabetically, then `--var-file`s).
fn lint_module_dir(
    mut files: Vec<DiscoveredFile>,
    var_files: &[PathBuf],
    cwd: &Path,
    config: &Config,
    project_prefix: &str,
    preread: &prescan::PreRead,
) -> Linted {
    let report_all = !files.iter().any(|f| f.explicit);
    files.sort_by_key(|f| {
        let name = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (
            f.kind == FileKind::TerraformVars,
            name != "terraform.tfvars",
            name,
        )
    });
    let mut diagnostics = Vec::new();
    let mut module_files = Vec::new();
    let read = |path: &Path,
                role: TfFileRole,
                report: bool,
                module_files: &mut Vec<ModuleFile>,
                diagnostics: &mut Vec<Diagnostic>| {
        let display = display_path(path, cwd);
        match source::load(path, display, source::MAX_SOURCE_BYTES, preread.take(path)) {
            Ok(file) => module_files.push(ModuleFile { file, role, report }),
            Err(failure) if report => diagnostics.push(*failure.into_diagnostic()),
            Err(_) => {}
        }
    };
    for f in &files {
        let role = match f.kind {
            FileKind::TerraformVars => TfFileRole::Vars,
            FileKind::TerraformConfig
            | FileKind::TerraformPlan
            | FileKind::AppConfig(_)
            | FileKind::Terragrunt => TfFileRole::Config,
        };
        read(
            &f.path,
            role,
            report_all || f.explicit,
            &mut module_files,
            &mut diagnostics,
        );
    }
    for v in var_files {
        read(
            v,
            TfFileRole::Vars,
            true,
            &mut module_files,
            &mut diagnostics,
        );
    }
    let count = files.len() + var_files.len();
    let dir = files
        .first()
        .and_then(|f| f.path.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    // `[[overrides]]` for this directory (its Region) apply to everything its module calls reach.
    let origin = module_files
        .iter()
        .find(|f| f.role == TfFileRole::Config)
        .map(|f| f.file.path.to_string());
    let fallback = match &origin {
        Some(o) => config.fallback_region_for(project_prefix, o),
        None => config.fallback_region.clone(),
    };
    let tree = source::hcl::lint_module_tree(&dir, module_files, &fallback, cwd);
    diagnostics.extend(tree.diagnostics);
    let mut resources = tree.resources;
    for r in &mut resources {
        r.origin.clone_from(&origin);
    }
    Linted {
        sources: tree.sources,
        resources,
        diagnostics,
        notices: tree.notices,
        files: count,
        dir: Some(dir),
        followed: tree.followed,
    }
}

/// Reads one `terragrunt.hcl` and the local module its `terraform { source }` names, with its inputs.
fn lint_terragrunt_file(
    f: &DiscoveredFile,
    cwd: &Path,
    config: &Config,
    project_prefix: &str,
) -> Linted {
    let display = display_path(&f.path, cwd);
    let file = match source::read_source(&f.path, display.clone(), source::MAX_SOURCE_BYTES) {
        Ok(file) => file,
        Err(d) => {
            return Linted {
                diagnostics: vec![*d],
                files: 1,
                ..Linted::default()
            }
        }
    };
    let fallback = config.fallback_region_for(project_prefix, &display);
    let unit = source::hcl::lint_terragrunt_unit(&f.path, file, &fallback, cwd);
    let mut resources = unit.tree.resources;
    for r in &mut resources {
        r.origin = Some(display.clone());
    }
    Linted {
        sources: unit.tree.sources,
        resources,
        diagnostics: unit.tree.diagnostics,
        notices: unit.tree.notices,
        files: 1,
        dir: None,
        followed: unit.tree.followed,
    }
}

/// What one module directory, plan or app-config file contributed.
#[derive(Default)]
struct Linted {
    /// Files read whose findings are reported (inline suppressions are read from them).
    sources: Vec<Arc<SourceFile>>,
    resources: Vec<model::BedrockResource>,
    diagnostics: Vec<Diagnostic>,
    notices: Vec<String>,
    files: usize,
    /// The module directory linted (none for a plan).
    dir: Option<PathBuf>,
    /// Local module directories its module calls read.
    followed: Vec<PathBuf>,
}

/// The configuration a plan came from: `--chdir`, else the plan file's directory.
fn plan_config_dir(plan: &Path, config: &Config) -> PathBuf {
    match &config.chdir {
        Some(dir) => dir.clone(),
        None => plan
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
    }
}

/// A directory compared by identity (`./x`, `x` and an absolute path are one directory).
fn same_dir(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// Why an app-config file is not parsed, if it is not: one named on the command line (pre-commit
/// passes every staged `.json`/`.yaml`) with no Bedrock marker at all can hold no finding, so a Helm
/// template or a `renovate.json` is noted rather than an error when it does not parse; and a
/// bedrock-lint baseline names models in its messages but is not config.
fn not_config(f: &DiscoveredFile, text: &str) -> Option<&'static str> {
    if f.explicit && !prescan::has_app_marker(text.as_bytes()) {
        return Some("no Bedrock content");
    }
    let compact: String = text
        .chars()
        .take(64)
        .filter(|c| !c.is_whitespace())
        .collect();
    (compact.starts_with("{\"version\":1,\"findings\":[")
        && baseline::Baseline::parse(text).is_ok())
    .then_some("a bedrock-lint baseline")
}

/// Reads one app-config file. One that cannot be read as text (binary, not UTF-8, too large) is
/// skipped with a note: config extensions are shared with data files. One that cannot be read at all,
/// or is malformed, is an error.
fn lint_app_file(
    f: &DiscoveredFile,
    cwd: &Path,
    config: &Config,
    project_prefix: &str,
    preread: &prescan::PreRead,
) -> Linted {
    let FileKind::AppConfig(format) = f.kind else {
        return Linted::default();
    };
    let display = display_path(&f.path, cwd);
    let max = source::appconfig::MAX_APP_CONFIG_BYTES;
    match source::load(&f.path, display.clone(), max, preread.take(&f.path)) {
        // A file named on the command line (pre-commit passes every staged `.json`/`.yaml`) with no
        // Bedrock marker at all can hold no finding: not parsed, so a Helm template or a
        // `renovate.json` it cannot place is noted, not an error. A bedrock-lint baseline names
        // models in its messages but is not config.
        Ok(file) if not_config(f, &file.text).is_some() => Linted {
            notices: vec![format!(
                "{display}: skipped ({})",
                not_config(f, &file.text).unwrap_or_default()
            )],
            ..Linted::default()
        },
        Ok(file) => {
            let fallback = config.fallback_region_for(project_prefix, &display);
            let deployment = if source::appconfig::may_be_template(&file.text) {
                deployment_files_beside(&f.path, cwd)
            } else {
                Vec::new()
            };
            let (mut resources, diagnostics) =
                source::appconfig::lint_app_config_beside(&file, format, &fallback, &deployment);
            for r in &mut resources {
                r.origin = Some(display.clone());
            }
            Linted {
                resources,
                diagnostics,
                files: 1,
                ..Linted::default()
            }
        }
        // Too large, binary or not UTF-8: a data file sharing a config extension, noted.
        Err(source::ReadFailure::NotText(d)) => Linted {
            notices: vec![format!("{display}: skipped ({})", d.message)],
            files: 1,
            ..Linted::default()
        },
        // Gone, no permission, not a file: input that could not be read, as anywhere else.
        Err(source::ReadFailure::Unreadable(d)) => Linted {
            diagnostics: vec![*d],
            files: 1,
            ..Linted::default()
        },
    }
}

/// `samconfig.toml` / `parameters.json` beside a CloudFormation template: its parameter overrides and
/// Region. One that cannot be read is left out (the template is still linted with its defaults).
fn deployment_files_beside(template: &Path, cwd: &Path) -> Vec<Arc<SourceFile>> {
    let dir = template.parent().unwrap_or(Path::new(""));
    source::appconfig::DEPLOYMENT_FILES
        .iter()
        .map(|name| dir.join(name))
        .filter(|p| p != template && p.is_file())
        .filter_map(|p| {
            let display = display_path(&p, cwd);
            source::read_source(&p, display, source::appconfig::MAX_APP_CONFIG_BYTES).ok()
        })
        .collect()
}

/// Reads one plan or state JSON, then points its resources at their `.tf` lines where the source is
/// found. Also returns the source directories it used.
fn lint_plan_file(
    path: &Path,
    cwd: &Path,
    config: &Config,
    project_prefix: &str,
) -> (Linted, Vec<PathBuf>) {
    let display = display_path(path, cwd);
    let file = match source::read_source(path, display.clone(), source::plan::MAX_PLAN_BYTES) {
        Ok(file) => file,
        Err(d) => {
            let linted = Linted {
                sources: Vec::new(),
                resources: Vec::new(),
                diagnostics: vec![*d],
                notices: Vec::new(),
                files: 1,
                dir: None,
                followed: Vec::new(),
            };
            return (linted, Vec::new());
        }
    };
    let fallback = config.fallback_region_for(project_prefix, &display);
    let mut out = source::plan::lint_plan(&file, &fallback);
    let located = source::plan::locate::relocate(
        &mut out.resources,
        &plan_config_dir(path, config),
        &out.module_sources,
        cwd,
        &fallback,
    );
    for r in &mut out.resources {
        r.origin = Some(display.clone());
    }
    let linted = Linted {
        sources: located.sources,
        resources: out.resources,
        diagnostics: out.diagnostics,
        notices: located.notes,
        files: 1,
        dir: None,
        followed: Vec::new(),
    };
    (linted, located.dirs)
}
