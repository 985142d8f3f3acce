//! Command-line interface (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use bedrock_lint::config::FailOn;

#[derive(Debug, Parser)]
#[command(
    name = "bedrock-lint",
    version,
    about = "Lint the cost of Amazon Bedrock in Terraform",
    long_about = "Finds Amazon Bedrock resources and model references in Terraform (.tf, .tfvars), prices them \
from an embedded, sourced catalog and your declared usage, and reports what wastes money.",
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
    Cost(LintArgs),
    /// List the rules.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// Rule code or name (`BL001`, `cross-region-surcharge`).
        rule: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args, Default)]
pub struct LintArgs {
    /// Files or directories to lint (directories are walked; default: current directory).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
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
