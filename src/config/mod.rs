//! `.bedrock-lint.toml`: found upward from the working directory (or `--config`), strict about keys,
//! merged with command-line flags. A config error names the file, line and what is allowed.

mod overrides;
pub mod show;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::model::{Geography, RegionChoice, RegionSource};
use crate::pricing::{Catalog, Usage};
use crate::span::LineIndex;

pub use overrides::PathOverride;

pub const CONFIG_FILE_NAME: &str = ".bedrock-lint.toml";
/// What `bedrock-lint init` writes: every key, commented, with what it does.
pub const STARTER_CONFIG: &str = include_str!("starter.toml");
/// Used when neither Terraform, an ARN, `--region` nor the config names a Region (and said so).
pub const DEFAULT_REGION: &str = "us-east-1";
/// BL003's default: a PT whose declared peak fills less than half its capacity is under-used.
pub const DEFAULT_UTILIZATION_THRESHOLD: Decimal = Decimal::from_parts(5, 0, 0, false, 1);
/// BL021's default: a vector floor above $0.01 per declared retrieval costs as much as answering it.
pub const DEFAULT_MAX_USD_PER_RETRIEVAL: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// The lowest severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// As written in the config and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }

    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// Per-rule options under `[rules.CODE]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOptions {
    /// Replaces the rule's default severity.
    pub severity: Option<Severity>,
    /// Findings whose known monthly saving is below this are not reported.
    pub min_saving_usd: Option<Decimal>,
    /// `false`: inline suppressions cannot hide this rule's findings.
    pub ignorable: Option<bool>,
    /// BL003: the fraction of provisioned capacity below which a PT is under-used.
    pub utilization_threshold: Option<Decimal>,
    /// BL021: the vector floor per declared retrieval (USD) above which a knowledge base's store is
    /// oversized for its traffic.
    pub max_usd_per_retrieval: Option<Decimal>,
    /// BL016: tag keys every application inference profile must have.
    pub required_tags: Option<Vec<String>>,
}

/// `[budget]`: the monthly amount the estimated total must not exceed (BL010).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub monthly_usd: Decimal,
}

/// What a path deploys to. Non-production paths should not carry long commitments (BL014).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[serde(alias = "prod")]
    Production,
    #[serde(alias = "stage")]
    Staging,
    #[serde(alias = "dev")]
    Development,
    #[serde(alias = "qa")]
    Test,
    #[serde(alias = "preview")]
    Sandbox,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::Staging => "staging",
            Environment::Development => "development",
            Environment::Test => "test",
            Environment::Sandbox => "sandbox",
        }
    }

    pub fn is_production(self) -> bool {
        self == Environment::Production
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    region: Option<String>,
    fail_on: Option<FailOn>,
    data_residency: Option<Geography>,
    environment: Option<Environment>,
    pricing: Option<String>,
    #[serde(default)]
    select: Option<Vec<toml::Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<toml::Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<toml::Spanned<String>, RuleOptions>,
    #[serde(default)]
    usage: BTreeMap<String, Usage>,
    #[serde(default)]
    budget: Option<Budget>,
    #[serde(default)]
    overrides: Vec<overrides::OverrideFile>,
}

/// Command-line values that override the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub region: Option<String>,
    pub fail_on: Option<FailOn>,
    pub pricing: Option<PathBuf>,
    pub var_files: Vec<PathBuf>,
    pub chdir: Option<PathBuf>,
    pub no_inline_ignores: bool,
}

/// The effective configuration of one run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file read, if any.
    pub path: Option<PathBuf>,
    /// The Region used when Terraform and ARNs say nothing.
    pub fallback_region: RegionChoice,
    pub fail_on: FailOn,
    pub data_residency: Option<Geography>,
    pub environment: Option<Environment>,
    /// Rule codes turned on (`None`: all).
    pub select: Option<Vec<String>>,
    /// Rule codes turned off (wins over `select`).
    pub ignore: Vec<String>,
    pub rules: BTreeMap<String, RuleOptions>,
    pub usage: BTreeMap<String, Usage>,
    pub budget: Option<Budget>,
    pub var_files: Vec<PathBuf>,
    /// The Terraform configuration a plan was made from (default: the plan file's directory).
    pub chdir: Option<PathBuf>,
    /// `--no-inline-ignores`: report what inline suppressions would hide (an audit).
    pub no_inline_ignores: bool,
    /// Shared: a configuration scoped to some paths (`[[overrides]]`) prices with the same catalog.
    pub catalog: Arc<Catalog>,
    /// The config file's text as read (what `config --show` finds each key's line in).
    pub text: Option<Arc<str>>,
    /// The price book merged over the embedded catalog (`--pricing`, else `pricing`).
    pub price_book: Option<PathBuf>,
    /// `[[overrides]]`, in file order (later ones win).
    pub overrides: Vec<PathOverride>,
    /// Whether `--region` was given (it wins over `region` in overrides too).
    region_from_cli: bool,
    /// Whether `--fail-on` was given (it wins over `fail_on` in overrides too).
    fail_on_cli: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = LineIndex::new(text).position(text, offset);
        ConfigError {
            path: visible(&shown(path)),
            line,
            column,
            message: visible(&message.into()),
        }
    }
}

/// Config errors go to stderr, which a CI runner reads for workflow commands: a key or value with a
/// line break (`"x\n::error::y" = 1`) must not start a line of its own. Control characters are shown
/// escaped (`\n`).
fn visible(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '\n' => vec!['\\', 'n'],
            '\r' => vec!['\\', 'r'],
            c if c.is_control() && c != '\t' => vec!['?'],
            c => vec![c],
        })
        .collect()
}

impl Config {
    /// Built-in defaults: embedded catalog, no usage.
    pub fn default_config() -> Result<Config, ConfigError> {
        Config::from_parts(None, None, &Overrides::default())
    }

    /// Finds and reads the config (`--config`, else `.bedrock-lint.toml` upward from `start`), then
    /// applies command-line overrides and loads the catalog with any price book.
    pub fn load(start: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
        Config::load_from(&[start], overrides)
    }

    /// Like [`Config::load`], trying each start directory in turn: the binary passes the first linted
    /// path, then the working directory, so `bedrock-lint infra/` uses `infra/.bedrock-lint.toml`.
    pub fn load_from(starts: &[&Path], overrides: &Overrides) -> Result<Config, ConfigError> {
        let path = match &overrides.config {
            Some(p) => Some(p.clone()),
            None => starts.iter().find_map(|s| find_upward(s)),
        };
        match path {
            Some(path) => {
                let text = read_small_text(&path, "config")?;
                Config::from_parts(Some(path), Some(&text), overrides)
            }
            None => Config::from_parts(None, None, overrides),
        }
    }

    /// Reads a config from its text (tests and `load`).
    pub fn from_parts(
        path: Option<PathBuf>,
        text: Option<&str>,
        overrides: &Overrides,
    ) -> Result<Config, ConfigError> {
        let display_path = path
            .clone()
            .unwrap_or_else(|| PathBuf::from(CONFIG_FILE_NAME));
        let file: ConfigFile = match text {
            Some(text) => toml::from_str(text).map_err(|e| {
                let offset = e.span().map_or(0, |s| s.start);
                ConfigError::at(
                    &display_path,
                    text,
                    offset,
                    with_suggestion(e.message().trim_end()),
                )
            })?,
            None => ConfigFile::default(),
        };
        let source_text: Option<Arc<str>> = text.map(Arc::from);
        let text = text.unwrap_or("");
        let err_at = |offset: usize, msg: String| ConfigError::at(&display_path, text, offset, msg);

        let ignore = resolve_selectors("ignore", &file.ignore, &err_at)?;
        let select = file
            .select
            .as_deref()
            .map(|s| resolve_selectors("select", s, &err_at))
            .transpose()?;
        let rules = resolve_rule_options("rules", file.rules, &err_at)?;
        let mut path_overrides = Vec::new();
        for (n, o) in file.overrides.into_iter().enumerate() {
            path_overrides.push(resolve_override(n, o, text, &err_at)?);
        }
        for (key, usage) in &file.usage {
            for (field, v) in [
                ("input_tokens_per_month", usage.input_tokens_per_month),
                ("output_tokens_per_month", usage.output_tokens_per_month),
                ("peak_tokens_per_minute", usage.peak_tokens_per_minute),
                ("hours_per_month", usage.hours_per_month),
                (
                    "tokens_per_minute_per_unit",
                    usage.tokens_per_minute_per_unit,
                ),
                ("months_needed", usage.months_needed),
            ] {
                if v.is_some_and(|v| v < Decimal::ZERO) {
                    let offset = text.find(key.as_str()).unwrap_or(0);
                    return Err(err_at(
                        offset,
                        format!("`[usage.\"{key}\"] {field}` must not be negative"),
                    ));
                }
            }
            if usage
                .hours_per_month
                .is_some_and(|h| h > crate::pricing::HOURS_PER_MONTH)
            {
                let offset = text.find(key.as_str()).unwrap_or(0);
                return Err(err_at(
                    offset,
                    format!("`[usage.\"{key}\"] hours_per_month` is at most 730 (a month)"),
                ));
            }
        }

        let fallback_region = match (&overrides.region, file.region) {
            (Some(r), _) => RegionChoice {
                region: r.clone(),
                source: RegionSource::Cli,
            },
            (None, Some(r)) => RegionChoice {
                region: r,
                source: RegionSource::Config,
            },
            (None, None) => RegionChoice {
                region: DEFAULT_REGION.to_string(),
                source: RegionSource::Default,
            },
        };

        // A price book path in the config is relative to the config file.
        let price_book = match (&overrides.pricing, &file.pricing) {
            (Some(p), _) => Some(p.clone()),
            (None, Some(p)) => Some(
                path.as_deref()
                    .and_then(Path::parent)
                    .unwrap_or(Path::new("."))
                    .join(p),
            ),
            (None, None) => None,
        };
        let mut books = Vec::new();
        if let Some(book) = &price_book {
            let book_text = read_small_text(book, "price book")?;
            // Syntax errors say where, never what the line holds: a config from an untrusted pull
            // request can point `pricing` at any file on the CI runner, and its text must not reach
            // the log.
            if let Err(e) = book_text.parse::<toml::Table>() {
                let offset = e.span().map_or(0, |s| s.start);
                return Err(ConfigError::at(
                    book,
                    &book_text,
                    offset,
                    format!("price book is not valid TOML: {}", e.message().trim_end()),
                ));
            }
            books.push((book.display().to_string(), book_text));
        }
        let catalog = Catalog::load(&books).map_err(|e| ConfigError {
            path: books
                .first()
                .map_or_else(|| "rules/pricing.toml".to_string(), |b| b.0.clone()),
            line: 1,
            column: 1,
            message: e.to_string(),
        })?;

        Ok(Config {
            path,
            fallback_region,
            fail_on: overrides
                .fail_on
                .or(file.fail_on)
                .unwrap_or(FailOn::Warning),
            data_residency: file.data_residency,
            environment: file.environment,
            select,
            ignore,
            rules,
            usage: file.usage,
            budget: file.budget,
            var_files: overrides.var_files.clone(),
            chdir: overrides.chdir.clone(),
            no_inline_ignores: overrides.no_inline_ignores,
            catalog: Arc::new(catalog),
            text: source_text,
            price_book,
            overrides: path_overrides,
            region_from_cli: overrides.region.is_some(),
            fail_on_cli: overrides.fail_on.is_some(),
        })
    }

    /// Whether a rule runs: selected (or no `select`), and not ignored.
    pub fn is_enabled(&self, code: &str) -> bool {
        self.select
            .as_ref()
            .is_none_or(|s| s.iter().any(|c| c == code))
            && !self.ignore.iter().any(|c| c == code)
    }

    pub fn rule_options(&self, code: &str) -> RuleOptions {
        self.rules.get(code).cloned().unwrap_or_default()
    }

    /// The config file's directory as paths are shown (`fixtures/demo/`; empty for the working
    /// directory or no config file): what usage keys, fingerprints and override patterns are relative to.
    pub fn project_prefix(&self, cwd: &Path) -> String {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(|dir| crate::discover::display_path(dir, cwd))
            .filter(|p| p != "." && !p.is_empty())
            .map(|p| format!("{p}/"))
            .unwrap_or_default()
    }

    /// Indexes of the `[[overrides]]` that cover any of these shown paths, in file order.
    pub fn overrides_matching<'a>(
        &self,
        project_prefix: &str,
        paths: impl IntoIterator<Item = &'a str> + Clone,
    ) -> Vec<usize> {
        if self.overrides.is_empty() {
            return Vec::new();
        }
        self.overrides
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                paths.clone().into_iter().any(|p| {
                    let p = p.strip_prefix("./").unwrap_or(p);
                    let relative = p.strip_prefix(project_prefix).unwrap_or(p);
                    o.matches(relative)
                })
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// This configuration with the given `[[overrides]]` applied in order: what rules see for a
    /// resource those overrides cover.
    pub fn scoped(&self, indexes: &[usize]) -> Config {
        let mut c = self.clone();
        for o in indexes.iter().filter_map(|&i| self.overrides.get(i)) {
            if let Some(r) = &o.region {
                if !self.region_from_cli {
                    c.fallback_region = RegionChoice {
                        region: r.clone(),
                        source: RegionSource::Config,
                    };
                }
            }
            if !self.fail_on_cli {
                c.fail_on = o.fail_on.unwrap_or(c.fail_on);
            }
            c.data_residency = o.data_residency.or(c.data_residency);
            c.environment = o.environment.or(c.environment);
            if o.select.is_some() {
                c.select.clone_from(&o.select);
            }
            c.ignore.extend(o.ignore.iter().cloned());
            for (code, options) in &o.rules {
                overrides::merge_rule_options(c.rules.entry(code.clone()).or_default(), options);
            }
            if o.budget.is_some() {
                c.budget.clone_from(&o.budget);
            }
        }
        c
    }

    /// Whether `--fail-on` was given: it then decides for every finding, whatever the path.
    pub fn fail_on_from_cli(&self) -> bool {
        self.fail_on_cli
    }

    /// `fail_on` in force for a finding at this shown path (`--fail-on` wins over every override).
    pub fn fail_on_for(&self, project_prefix: &str, path: &str) -> FailOn {
        if self.fail_on_cli {
            return self.fail_on;
        }
        self.last_override(project_prefix, path, |o| o.fail_on)
            .unwrap_or(self.fail_on)
    }

    /// The Region used where nothing names one, for a shown path (a module directory's file, a plan,
    /// an app file): `--region`, else the last matching override's `region`, else the top level's.
    pub fn fallback_region_for(&self, project_prefix: &str, path: &str) -> RegionChoice {
        if self.region_from_cli {
            return self.fallback_region.clone();
        }
        self.last_override(project_prefix, path, |o| o.region.clone())
            .map_or_else(
                || self.fallback_region.clone(),
                |region| RegionChoice {
                    region,
                    source: RegionSource::Config,
                },
            )
    }

    /// One setting from the last `[[overrides]]` entry covering `path` that sets it.
    fn last_override<T>(
        &self,
        project_prefix: &str,
        path: &str,
        setting: impl Fn(&PathOverride) -> Option<T>,
    ) -> Option<T> {
        self.overrides_matching(project_prefix, [path])
            .iter()
            .rev()
            .find_map(|&i| self.overrides.get(i).and_then(&setting))
    }
}

/// Rule selectors (`BL001`, `cross-region-surcharge`, `BL0`) to codes; one that matches nothing is an
/// error at its position.
fn resolve_selectors(
    key: &str,
    list: &[toml::Spanned<String>],
    err_at: &dyn Fn(usize, String) -> ConfigError,
) -> Result<Vec<String>, ConfigError> {
    let mut codes = Vec::new();
    for entry in list {
        let matched = crate::rules::select(entry.get_ref());
        if matched.is_empty() {
            let nearest = crate::similarity::nearest(
                entry.get_ref(),
                crate::rules::all().iter().map(|r| r.meta().name),
                |k| 3.max(k.len() / 3),
            )
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
            return Err(err_at(
                entry.span().start,
                format!(
                    "`{key}`: `{}` matches no rule; use a code ({}), a name, or a code prefix such as `BL0`{nearest}",
                    entry.get_ref(),
                    crate::rules::code_list()
                ),
            ));
        }
        codes.extend(matched.iter().map(|r| r.meta().code.to_string()));
    }
    Ok(codes)
}

/// `[rules.X]` tables keyed by code or name, validated.
fn resolve_rule_options(
    table: &str,
    rules: BTreeMap<toml::Spanned<String>, RuleOptions>,
    err_at: &dyn Fn(usize, String) -> ConfigError,
) -> Result<BTreeMap<String, RuleOptions>, ConfigError> {
    let mut out = BTreeMap::new();
    for (key, options) in rules {
        let Some(rule) = crate::rules::find(key.get_ref()) else {
            return Err(err_at(
                key.span().start,
                format!(
                    "`[{table}.{}]`: unknown rule; rules are {}",
                    key.get_ref(),
                    crate::rules::code_list()
                ),
            ));
        };
        if let Some(t) = options.utilization_threshold {
            if t <= Decimal::ZERO || t > Decimal::ONE {
                return Err(err_at(key.span().start, format!("`[{table}.{}] utilization_threshold = {t}`: must be a fraction above 0 and at most 1 (e.g. 0.5)", key.get_ref())));
            }
        }
        if let Some(m) = options.max_usd_per_retrieval {
            if m <= Decimal::ZERO {
                return Err(err_at(
                    key.span().start,
                    format!(
                        "`[{table}.{}] max_usd_per_retrieval = {m}`: must be above 0 (e.g. 0.01)",
                        key.get_ref()
                    ),
                ));
            }
        }
        out.insert(rule.meta().code.to_string(), options);
    }
    Ok(out)
}

/// One `[[overrides]]` entry, validated: globs compile, rules exist, nothing that cannot vary by path.
fn resolve_override(
    n: usize,
    o: overrides::OverrideFile,
    text: &str,
    err_at: &dyn Fn(usize, String) -> ConfigError,
) -> Result<PathOverride, ConfigError> {
    let at = o.paths.span().start;
    if let Some(p) = &o.pricing {
        return Err(err_at(
            p.span().start,
            "`pricing` cannot differ by path: one catalog prices a run; set it at the top level"
                .into(),
        ));
    }
    if let Some(u) = &o.usage {
        return Err(err_at(u.span().start, "`usage` cannot differ by path: usage keys already name files and addresses (`[usage.\"envs/dev/main.tf#...\"]`); declare it at the top level".into()));
    }
    let patterns: Vec<String> = o
        .paths
        .get_ref()
        .iter()
        .map(|p| p.get_ref().clone())
        .collect();
    if patterns.is_empty() {
        return Err(err_at(
            at,
            format!("`[[overrides]]` #{}: `paths` is empty; name the paths it applies to, e.g. `paths = [\"envs/dev/**\"]`", n + 1),
        ));
    }
    let matcher = PathOverride::compile(&patterns).map_err(|(i, msg)| {
        let offset = o.paths.get_ref().get(i).map_or(at, |p| p.span().start);
        err_at(offset, format!("`[[overrides]]` paths: {msg}"))
    })?;
    let line = LineIndex::new(text).position(text, at).0;
    let mut resolved = PathOverride::new(patterns, matcher, line);
    resolved.region = o.region;
    resolved.fail_on = o.fail_on;
    resolved.data_residency = o.data_residency;
    resolved.environment = o.environment;
    resolved.select = o
        .select
        .as_deref()
        .map(|s| resolve_selectors("select", s, err_at))
        .transpose()?;
    resolved.ignore = resolve_selectors("ignore", &o.ignore, err_at)?;
    resolved.rules = resolve_rule_options("overrides.rules", o.rules, err_at)?;
    resolved.budget = o.budget;
    Ok(resolved)
}

/// Config files and price books are small text files: anything that is not a regular file (a FIFO
/// would block, `/dev/zero` never ends) or is over [`MAX_CONFIG_BYTES`] is refused before it is read.
pub const MAX_CONFIG_BYTES: u64 = 10 * 1024 * 1024;

fn read_small_text(path: &Path, what: &str) -> Result<String, ConfigError> {
    use std::io::Read;
    let error = |message: String| ConfigError {
        path: visible(&shown(path)),
        line: 1,
        column: 1,
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| error(format!("cannot read {what}: {e}")))?;
    if !meta.is_file() {
        return Err(error(format!(
            "cannot read {what}: not a regular file (a directory, device or pipe)"
        )));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(error(format!(
            "cannot read {what}: {} bytes, over the {MAX_CONFIG_BYTES}-byte limit",
            meta.len()
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| error(format!("cannot read {what}: {e}")))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(error(format!(
            "cannot read {what}: over the {MAX_CONFIG_BYTES}-byte limit"
        )));
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .to_vec();
    String::from_utf8(bytes).map_err(|e| {
        error(format!(
            "cannot read {what}: not valid UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// serde's "unknown field `fail_onn`, expected one of `region`, `fail_on`, ..." plus the nearest key.
fn with_suggestion(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_string();
    };
    let Some((unknown, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let keys = expected.split('`').skip(1).step_by(2);
    match crate::similarity::nearest(unknown, keys, |k| 3.max(k.len() / 3)) {
        Some(k) => format!("{message}; did you mean `{k}`?"),
        None => message.to_string(),
    }
}

/// A path as the user would type it from the working directory.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    crate::discover::display_path(path, &cwd)
}

fn find_upward(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent().unwrap_or(start)
    } else {
        start
    };
    start
        .ancestors()
        .map(|d| d.join(CONFIG_FILE_NAME))
        .find(|p| p.is_file())
}
