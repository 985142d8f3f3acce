//! The binary: parse the CLI, load config, run the pipeline, hand the report to a reporter, exit.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::report;
use cli::{Cli, ColorChoice, Command, Format, LintArgs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (text, code) = match cli.command {
        Some(Command::Rules) => (report::render_rule_list(), 0),
        Some(Command::Explain { rule }) => match report::render_explain(&rule) {
            Some(doc) => (doc, 0),
            None => {
                eprintln!("error: no rule `{rule}`; `bedrock-lint rules` lists them");
                return ExitCode::from(2);
            }
        },
        Some(Command::Cost(args)) => run(args, true),
        None => run(cli.lint, false),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    ExitCode::from(code)
}

fn run(args: LintArgs, cost: bool) -> (String, u8) {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let overrides = Overrides {
        config: args.config.clone(),
        region: args.region.clone(),
        fail_on: args.fail_on,
        pricing: args.pricing.clone(),
        var_files: args.var_files.clone(),
        chdir: args.chdir.clone(),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let first = cwd.join(&paths[0]);
    let config = match Config::load_from(&[first.as_path(), cwd.as_path()], &overrides) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: invalid configuration: {e}");
            return (String::new(), 2);
        }
    };
    let lint_report = bedrock_lint::lint(&paths, &config);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let out = match (args.format.unwrap_or(Format::Text), cost) {
        (Format::Json, _) => report::render_json(&lint_report),
        (Format::Text, true) => report::render_cost_table(&lint_report),
        (Format::Text, false) => {
            report::render_text(&lint_report, report::TextOptions { color, width: 100 })
        }
    };
    let code = if cost && !lint_report.has_input_errors() {
        0
    } else {
        lint_report.exit_code(config.fail_on)
    };
    (out, code as u8)
}
