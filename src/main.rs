//! The binary: parse the CLI, load config, run the pipeline, hand the report to reporters, exit.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use bedrock_lint::baseline::Baseline;
use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::report::{self, MarkdownOptions, OutputFormat, RenderOptions, TextOptions};
use cli::{
    CatalogArgs, Cli, ColorChoice, Command, CommonArgs, ConfigArgs, DiffArgs, FixArgs, UsageArgs,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (text, code) = match cli.command {
        Some(Command::Rules) => (report::render_rule_list(), 0),
        Some(Command::Init) => init(),
        Some(Command::Server) => {
            // Stdout is the protocol's channel: nothing else may be printed there.
            return match bedrock_lint::server::run_stdio() {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("bedrock-lint server: {e}");
                    ExitCode::from(2)
                }
            };
        }
        Some(Command::Config(args)) => show_config(&args),
        Some(Command::Catalog(args)) => show_catalog(&args),
        Some(Command::Explain { rule }) => match report::render_explain(&rule) {
            Some(doc) => (doc, 0),
            None => {
                eprintln!("error: no rule `{rule}`; `bedrock-lint rules` lists them");
                return ExitCode::from(2);
            }
        },
        Some(Command::Cost(args)) => run(&args.paths, &args.common, FixArgs::default(), true),
        Some(Command::Diff(args)) => run_diff(&args),
        Some(Command::Usage(args)) => usage(&args),
        None => run(&cli.lint.paths, &cli.lint.common, cli.lint.fixes, false),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    ExitCode::from(code)
}

/// `bedrock-lint catalog [MODEL]`: the catalog as this run would price with it.
fn show_catalog(args: &CatalogArgs) -> (String, u8) {
    let overrides = Overrides {
        pricing: args.pricing.clone(),
        ..Overrides::default()
    };
    let config = match Config::load(Path::new("."), &overrides) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return (String::new(), 2);
        }
    };
    let catalog = &config.catalog;
    match &args.model {
        None => (report::render_catalog_list(catalog), 0),
        Some(id) => {
            let bare = bedrock_lint::model::ModelRef::parse(id)
                .and_then(|r| r.model_id().map(str::to_string))
                .unwrap_or_else(|| id.clone());
            match report::render_catalog_model(catalog, &bare) {
                Some(page) => (page, 0),
                None => {
                    eprintln!("error: `{id}` is not in the catalog of {}; `bedrock-lint catalog` lists the models", catalog.as_of);
                    (String::new(), 2)
                }
            }
        }
    }
}

fn init() -> (String, u8) {
    let path = Path::new(bedrock_lint::config::CONFIG_FILE_NAME);
    if path.exists() {
        eprintln!("error: {} already exists; not overwritten", path.display());
        return (String::new(), 2);
    }
    match std::fs::write(path, bedrock_lint::config::STARTER_CONFIG) {
        Ok(()) => (format!("wrote {}\n", path.display()), 0),
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            (String::new(), 2)
        }
    }
}

fn show_config(args: &ConfigArgs) -> (String, u8) {
    if !args.show {
        eprintln!(
            "error: `bedrock-lint config` needs `--show` (print the effective configuration)"
        );
        return (String::new(), 2);
    }
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let config = match load_config(&path, &args.common) {
        Ok(c) => c,
        Err(code) => return (String::new(), code),
    };
    let out = bedrock_lint::config::show::render(&config, &overrides(&args.common));
    (out, 0)
}

fn overrides(args: &CommonArgs) -> Overrides {
    Overrides {
        config: args.config.clone(),
        region: args.region.clone(),
        fail_on: args.fail_on,
        pricing: args.pricing.clone(),
        var_files: args.var_files.clone(),
        chdir: args.chdir.clone(),
        no_inline_ignores: args.no_inline_ignores,
    }
}

fn load_config(first_path: &Path, args: &CommonArgs) -> Result<Config, u8> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let overrides = overrides(args);
    let first = cwd.join(first_path);
    Config::load_from(&[first.as_path(), cwd.as_path()], &overrides).map_err(|e| {
        eprintln!("error: invalid configuration: {e}");
        2
    })
}

fn render_options(args: &CommonArgs) -> RenderOptions {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    // In GitHub Actions, file links in the Markdown summary point at the commit being checked.
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let link_base = match (
        var("GITHUB_SERVER_URL"),
        var("GITHUB_REPOSITORY"),
        var("GITHUB_SHA"),
    ) {
        (Some(server), Some(repo), Some(sha)) => Some(format!("{server}/{repo}/blob/{sha}")),
        _ => None,
    };
    RenderOptions {
        text: TextOptions { color, width: 100 },
        markdown: MarkdownOptions { link_base },
    }
}

/// `--output-sarif FILE` and friends: the same report in more formats, written by this one run.
fn write_outputs(
    args: &CommonArgs,
    options: &RenderOptions,
    render: impl Fn(OutputFormat, &RenderOptions) -> String,
) -> bool {
    let mut ok = true;
    for (path, format) in [
        (&args.output_sarif, OutputFormat::Sarif),
        (&args.output_markdown, OutputFormat::Markdown),
        (&args.output_json, OutputFormat::Json),
        (&args.output_junit, OutputFormat::Junit),
        (&args.output_checkstyle, OutputFormat::Checkstyle),
    ] {
        if let Some(path) = path {
            if let Err(e) = std::fs::write(path, render(format, options)) {
                eprintln!("error: cannot write {}: {e}", path.display());
                ok = false;
            }
        }
    }
    ok
}

fn run(paths: &[PathBuf], args: &CommonArgs, fixes: FixArgs, cost: bool) -> (String, u8) {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let config = match load_config(&paths[0], args) {
        Ok(c) => c,
        Err(code) => return (String::new(), code),
    };
    let mut lint_report = bedrock_lint::lint(&paths, &config);
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::of(&lint_report);
        return match std::fs::write(path, baseline.to_json()) {
            Ok(()) => (
                format!(
                    "wrote {} finding(s) to {}\n",
                    baseline.findings.len(),
                    path.display()
                ),
                0,
            ),
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                (String::new(), 2)
            }
        };
    }
    let baseline = match &args.baseline {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| Baseline::parse(&t))
        {
            Ok(b) => Some((path, b)),
            Err(e) => {
                eprintln!("error: invalid baseline {}: {e}", path.display());
                return (String::new(), 2);
            }
        },
    };
    let apply_baseline = |report: &mut bedrock_lint::Report| {
        if let Some((path, baseline)) = &baseline {
            let hidden = baseline.apply(report);
            if hidden > 0 {
                report.notices.push(format!(
                    "{hidden} finding(s) recorded in the baseline {} not shown",
                    path.display()
                ));
            }
        }
    };
    apply_baseline(&mut lint_report);
    if fixes.fix || fixes.diff {
        let fixed = bedrock_lint::fix::apply(&lint_report.diagnostics, fixes.unsafe_fixes);
        if fixes.diff {
            let diff: String = fixed.iter().map(bedrock_lint::fix::unified_diff).collect();
            return (diff, u8::from(!fixed.is_empty()));
        }
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let mut applied = 0;
        for f in &fixed {
            let path = cwd.join(&f.file.path);
            if let Err(e) = std::fs::write(&path, &f.fixed) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return (String::new(), 2);
            }
            applied += f.applied;
        }
        // What is left, as a new run sees it: fixed findings are gone, fixes are idempotent.
        lint_report = bedrock_lint::lint(&paths, &config);
        apply_baseline(&mut lint_report);
        if applied > 0 {
            lint_report.notices.push(format!(
                "fixed {applied} finding(s) in {} file(s)",
                fixed.len()
            ));
        }
    }
    let left_unsafe = lint_report
        .diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| !f.applies(false)))
        .count();
    let left_safe = lint_report
        .diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applies(false)))
        .count();
    if left_safe > 0 {
        lint_report
            .notices
            .push(format!("{left_safe} finding(s) fixable with --fix"));
    }
    if left_unsafe > 0 && !fixes.unsafe_fixes {
        lint_report.notices.push(format!(
            "{left_unsafe} more fixable with --fix --unsafe-fixes (they change routing, commitment or the model called; review them with --diff --unsafe-fixes)"
        ));
    }
    let options = render_options(args);
    let out = match (args.format, cost) {
        (None | Some(OutputFormat::Text), true) => report::render_cost_table(&lint_report),
        (format, _) => report::render(&lint_report, format.unwrap_or(OutputFormat::Text), &options),
    };
    let written = write_outputs(args, &options, |f, o| report::render(&lint_report, f, o));
    let code = if cost && !lint_report.has_input_errors() {
        0
    } else {
        lint_report.exit_code_for(&config)
    };
    (out, if written { code as u8 } else { 2 })
}

fn run_diff(args: &DiffArgs) -> (String, u8) {
    let common = &args.common;
    let config = match load_config(&args.head, common) {
        Ok(c) => c,
        Err(code) => return (String::new(), code),
    };
    let diff = bedrock_lint::diff::diff(&args.base, &args.head, &config);
    let options = render_options(common);
    let input_errors = diff.base.has_input_errors() || diff.head.has_input_errors();
    let increase_too_big = args
        .fail_on_increase
        .is_some_and(|limit| diff.delta() > limit);
    let out = match common.format.unwrap_or(OutputFormat::Text) {
        OutputFormat::Text => report::render_diff_text(&diff),
        OutputFormat::Json => report::render_diff_json(&diff),
        OutputFormat::Markdown => report::render_diff_markdown(&diff, &options.markdown),
        _ => String::new(),
    };
    let diff_markdown = report::render_diff_markdown(&diff, &options.markdown);
    let diff_json = report::render_diff_json(&diff);
    // Line formats (SARIF, annotations, JUnit...) show the findings that are new in HEAD.
    let new_only = diff.head_with_new_findings();
    let out = if out.is_empty() {
        report::render(
            &new_only,
            common.format.unwrap_or(OutputFormat::Text),
            &options,
        )
    } else {
        out
    };
    let written = write_outputs(common, &options, |f, o| match f {
        OutputFormat::Markdown => diff_markdown.clone(),
        OutputFormat::Json => diff_json.clone(),
        other => report::render(&new_only, other, o),
    });
    let findings = new_only.exit_code_for(&config) == 1;
    let code = match (input_errors || !written, increase_too_big || findings) {
        (true, _) => 2,
        (false, true) => 1,
        (false, false) => 0,
    };
    (out, code)
}

/// `bedrock-lint usage [--write]`.
fn usage(args: &UsageArgs) -> (String, u8) {
    use bedrock_lint::usage_file;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let config = match load_config(&paths[0], &args.common) {
        Ok(c) => c,
        Err(code) => return (String::new(), code),
    };
    let report = bedrock_lint::lint(&paths, &config);
    let entries = usage_file::needed(&report);
    if !args.write {
        return (usage_file::skeleton(&entries), 0);
    }
    let target = config.path.clone().unwrap_or_else(|| {
        let dir = if paths[0].is_dir() {
            paths[0].clone()
        } else {
            paths[0]
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        dir.join(".bedrock-lint.toml")
    });
    let text = std::fs::read_to_string(&target).unwrap_or_default();
    let mut doc = match text.parse::<toml_edit::DocumentMut>() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {} is not valid TOML: {e}", target.display());
            return (String::new(), 2);
        }
    };
    let added = usage_file::merge(&mut doc, &entries);
    if let Err(e) = std::fs::write(&target, doc.to_string()) {
        eprintln!("error: cannot write {}: {e}", target.display());
        return (String::new(), 2);
    }
    (
        format!(
            "{added} usage entr{} added to {} (every new value is 0: set each, a 0 prices as free)\n",
            if added == 1 { "y" } else { "ies" },
            target.display()
        ),
        0,
    )
}
