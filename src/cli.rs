//! Command-line interface (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use bedrock_lint::config::FailOn;
use bedrock_lint::report::OutputFormat;

#[derive(Debug, Parser)]
#[command(
    name = "bedrock-lint",
    version,
    about = "Lint the cost of Amazon Bedrock in Terraform and application config",
    long_about = "Finds Amazon Bedrock resources and model references in Terraform (.tf, .tfvars, plan JSON) and \
application config (YAML, JSON, TOML, .env, .properties, CloudFormation/SAM), prices them from an embedded, \
sourced catalog and your declared usage, and reports what wastes money.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Per-resource monthly cost breakdown with a total.
    Cost(CostArgs),
    /// List the rules.
    Rules,
    /// Cost and findings that change between two checkouts or two plans: BASE → HEAD.
    Diff(DiffArgs),
    /// Write a commented starter .bedrock-lint.toml in the current directory.
    Init,
    /// Show the effective configuration for a path, with where each value comes from.
    Config(ConfigArgs),
    /// The pricing catalog: every model, every price of one model with its source and date, or
    /// (`catalog services`) what is billed besides model tokens.
    Catalog(CatalogArgs),
    /// Print the [usage] entries needed to price what was found (or merge them into the config).
    Usage(UsageArgs),
    /// Run the language server (LSP over stdio) for editors: diagnostics as you type, prices on hover.
    Server,
    /// Print a rule's documentation (formatted for a terminal, plain text when piped).
    Explain {
        /// Rule code or name (`BL001`, `cross-region-surcharge`).
        rule: String,
        /// The documentation as written, in Markdown (as `rules/CODE-name.md`).
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// A model ID (`anthropic.claude-sonnet-4-6`; a `us.` / `global.` prefix is ignored), or
    /// `services` for vector stores, guardrails, customization, AgentCore, flows and log delivery.
    pub model: Option<String>,
    /// Price book merged over the embedded catalog first (default: the config's `pricing`).
    #[arg(long, value_name = "FILE")]
    pub pricing: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct LintArgs {
    /// Files or directories to lint (directories are walked; default: current directory).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub fixes: FixArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Applying the fixes findings carry.
#[derive(Debug, Args, Default, Clone, Copy)]
pub struct FixArgs {
    /// Apply safe fixes to the files, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: unsafe fixes too (they change routing, commitment or the model called).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them (exit 1 when there is one).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
}

#[derive(Debug, Args, Default)]
pub struct CostArgs {
    #[command(flatten)]
    pub lint: LintArgs,
    /// One row per resource with every column (model, routing, Region, units, hourly), however
    /// wide; by default the breakdown fits the terminal (100 columns when not a terminal).
    #[arg(long)]
    pub wide: bool,
}

/// Options shared by linting, `cost` and `diff`.
#[derive(Debug, Args, Default)]
pub struct CommonArgs {
    /// Output format on standard output.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Also write SARIF to this file (same run).
    #[arg(long, value_name = "FILE")]
    pub output_sarif: Option<PathBuf>,
    /// Also write the Markdown summary to this file.
    #[arg(long, value_name = "FILE")]
    pub output_markdown: Option<PathBuf>,
    /// Also write JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub output_json: Option<PathBuf>,
    /// Also write JUnit XML to this file.
    #[arg(long, value_name = "FILE")]
    pub output_junit: Option<PathBuf>,
    /// Also write Checkstyle XML to this file.
    #[arg(long, value_name = "FILE")]
    pub output_checkstyle: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1 (default: warning, or `fail_on` in the config).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Config file (default: .bedrock-lint.toml found upward from the working directory).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Price book merged over the embedded catalog (same schema as rules/pricing.toml).
    #[arg(long)]
    pub pricing: Option<PathBuf>,
    /// Region for resources whose Terraform and ARNs name none.
    #[arg(long)]
    pub region: Option<String>,
    /// Terraform variable file, applied after terraform.tfvars and *.auto.tfvars (repeatable).
    #[arg(long = "var-file")]
    pub var_files: Vec<PathBuf>,
    /// Terraform configuration directory a plan JSON was made from (default: the plan's directory).
    #[arg(long)]
    pub chdir: Option<PathBuf>,
    /// Ignore inline `bedrock-lint-ignore` comments (to audit what they hide).
    #[arg(long)]
    pub no_inline_ignores: bool,
    /// Record today's findings (by stable fingerprint) in FILE and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Repository root that paths in `github`, SARIF and Markdown output are relative to (default:
    /// GITHUB_WORKSPACE in GitHub Actions, else the enclosing git checkout's top level).
    #[arg(long, value_name = "DIR")]
    pub path_base: Option<PathBuf>,
    /// Color in text output: auto (terminal and no NO_COLOR), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the effective configuration (the file found, flags applied) as TOML with each value's origin.
    #[arg(long)]
    pub show: bool,
    /// The path whose configuration to show (default: current directory).
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The base: a directory (e.g. a checkout of the PR's base branch) or a plan JSON.
    pub base: PathBuf,
    /// The head: the same kind of path as BASE.
    pub head: PathBuf,
    /// Exit 1 when the monthly total rises by more than this many USD.
    #[arg(long, value_name = "USD")]
    pub fail_on_increase: Option<rust_decimal::Decimal>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct UsageArgs {
    /// Files or directories to lint (default: current directory).
    pub paths: Vec<PathBuf>,
    /// Merge the entries into .bedrock-lint.toml (the config found, else a new one in the first
    /// path's directory), keeping what is there.
    #[arg(long)]
    pub write: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}
