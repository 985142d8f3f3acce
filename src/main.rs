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
    let shadowed = subcommand_named_like_a_path();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            if let (Some(name), true) = (&shadowed, e.use_stderr()) {
                let _ = e.print();
                eprintln!(
                    "hint: `{name}` is a subcommand; to lint the path `{name}`, write `./{name}`"
                );
                return ExitCode::from(2);
            }
            e.exit()
        }
    };
    // `bedrock-lint config` does nothing without `--show`: with a `config` directory here, the
    // directory is what was meant, and is linted.
    if let (Some(name), Some(Command::Config(args))) = (&shadowed, &cli.command) {
        if !args.show {
            let mut paths = vec![PathBuf::from(name)];
            paths.extend(args.path.clone());
            return finish(run(&paths, &args.common, FixArgs::default(), None));
        }
    }
    if let (Some(name), Some(_)) = (&shadowed, &cli.command) {
        // Not silent: the user may have meant the path.
        eprintln!("note: ran the `{name}` subcommand; `./{name}` lints the path of that name");
    }
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
        Some(Command::Explain { rule, markdown }) => match if markdown {
            report::render_explain(&rule)
        } else {
            report::render_explain_text(
                &rule,
                TextOptions {
                    color: std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none(),
                    width: text_width(),
                },
            )
        } {
            Some(doc) => (doc, 0),
            None => {
                eprintln!("error: no rule `{rule}`; `bedrock-lint rules` lists them");
                return ExitCode::from(2);
            }
        },
        Some(Command::Cost(args)) => run(
            &args.lint.paths,
            &args.lint.common,
            args.lint.fixes,
            Some(CostLayout { wide: args.wide }),
        ),
        Some(Command::Diff(args)) => run_diff(&args),
        Some(Command::Usage(args)) => usage(&args),
        None => run(&cli.lint.paths, &cli.lint.common, cli.lint.fixes, None),
    };
    finish((text, code))
}

/// Writes what a command printed and exits with its code.
fn finish((text, code): (String, u8)) -> ExitCode {
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
        Some(id) if id == "services" => (report::render_catalog_services(catalog), 0),
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

/// The first argument when it is a subcommand's name and also a file or directory here
/// (`bedrock-lint config` in a repository with a `config/` directory). The rule, documented in the
/// README: a first argument that names a subcommand is the subcommand (with a note saying so), except
/// `config` without `--show`, which does nothing and so means the path; `./NAME` is always the path.
fn subcommand_named_like_a_path() -> Option<String> {
    use clap::CommandFactory;
    let first = std::env::args_os().nth(1)?.into_string().ok()?;
    let is_subcommand = Cli::command()
        .get_subcommands()
        .any(|c| c.get_name() == first || c.get_all_aliases().any(|a| a == first));
    (is_subcommand && Path::new(&first).exists()).then_some(first)
}

fn show_config(args: &ConfigArgs) -> (String, u8) {
    if !args.show {
        eprintln!(
            "error: `bedrock-lint config` needs `--show` (print the effective configuration); \
             to lint a directory named `config`, write `./config`"
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
    let path_prefix = path_prefix(args.path_base.as_deref());
    RenderOptions {
        text: TextOptions {
            color,
            width: text_width(),
        },
        markdown: MarkdownOptions {
            link_base,
            path_prefix: path_prefix.clone(),
        },
        path_prefix,
        failing: None,
    }
}

/// The working directory relative to the repository root, with a trailing `/` (`infra/`), or empty:
/// what makes paths in annotations, SARIF and Markdown links repository-relative when the run is in a
/// subdirectory (the action's `working-directory`). The root is `--path-base`, else GITHUB_WORKSPACE,
/// else the nearest directory upward with a `.git` (a checkout or a worktree); none, or a working
/// directory outside it: paths as shown.
fn path_prefix(flag: Option<&Path>) -> String {
    let Ok(cwd) = std::env::current_dir() else {
        return String::new();
    };
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let cwd = canonical(&cwd);
    let root = flag
        .map(|p| canonical(&cwd.join(p)))
        .or_else(|| {
            std::env::var_os("GITHUB_WORKSPACE")
                .filter(|w| !w.is_empty())
                .map(|w| canonical(Path::new(&w)))
        })
        .or_else(|| {
            cwd.ancestors()
                .find(|d| d.join(".git").exists())
                .map(Path::to_path_buf)
        });
    let Some(rel) = root.as_deref().and_then(|r| cwd.strip_prefix(r).ok()) else {
        return String::new();
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

/// Text wraps at `COLUMNS` when set (tmux, CI logs that set it), else at the terminal's width, else
/// (a pipe, a file) at 100 so output is reproducible. Narrower than 40 is not readable: 40.
fn text_width() -> usize {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    let from_tty = || {
        std::io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
            .flatten()
    };
    from_env.or_else(from_tty).unwrap_or(100).max(40)
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

/// `bedrock-lint cost`: the breakdown instead of the findings.
struct CostLayout {
    wide: bool,
}

fn run(
    paths: &[PathBuf],
    args: &CommonArgs,
    fixes: FixArgs,
    cost: Option<CostLayout>,
) -> (String, u8) {
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
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let relint = || {
            let mut report = bedrock_lint::lint(&paths, &config);
            apply_baseline(&mut report);
            report
        };
        let (fixed, after) = bedrock_lint::apply_fixes::fix_until_stable(
            lint_report,
            relint,
            fixes.unsafe_fixes,
            &cwd,
        );
        if fixes.diff {
            let diff: String = fixed
                .iter()
                .map(bedrock_lint::apply_fixes::unified_diff)
                .collect();
            return (diff, u8::from(!fixed.is_empty()));
        }
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
        lint_report = after;
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
            "{left_unsafe} more fixable with --fix --unsafe-fixes (review: --diff --unsafe-fixes)"
        ));
    }
    let mut options = render_options(args);
    options.failing = Some(lint_report.failing(&config));
    let out = match (args.format, &cost) {
        (None | Some(OutputFormat::Text), Some(layout)) => report::render_cost_breakdown(
            &lint_report,
            (!layout.wide).then_some(options.text.width),
        ),
        (format, _) => report::render(&lint_report, format.unwrap_or(OutputFormat::Text), &options),
    };
    let written = write_outputs(args, &options, |f, o| report::render(&lint_report, f, o));
    let code = if cost.is_some() && !lint_report.has_input_errors() {
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
    let mut options = render_options(common);
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
    options.failing = Some(new_only.failing(&config));
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
