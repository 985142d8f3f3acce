//! One entry point per fuzz target: the parser under test, then (for file formats) the rest of the
//! pipeline on what it found — pricing, rules and every reporter — with the invariants every output
//! must keep. Shared verbatim by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and by
//! `tests/fuzz_regressions.rs`, which includes this file by path, so a crash file replays through
//! exactly the code that found it.
//!
//! Bad input may produce diagnostics; it must never panic, hang, overflow the stack or break an
//! output format.

use std::sync::{Arc, OnceLock};

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::diagnostic::Diagnostic;
use bedrock_lint::model::{find_model_refs, BedrockResource, ModelRef, RegionChoice, Routing};
use bedrock_lint::report::{render, OutputFormat, RenderOptions};
use bedrock_lint::source::appconfig::{lint_app_config, AppFormat};
use bedrock_lint::source::hcl::{lint_module, ModuleFile, TfFileRole};
use bedrock_lint::span::SourceFile;

/// The fuzz targets, by name (the directory names under `fuzz/regressions/` and `fuzz/corpus/`).
pub const TARGETS: &[&str] = &[
    "hcl",
    "plan",
    "app_yaml",
    "app_json",
    "app_toml",
    "app_lines",
    "config",
    "model_ref",
];

/// In an `hcl` input, what follows this line is a second file of the module, read as `.tfvars`.
pub const TFVARS_SEPARATOR: &str = "\n#--tfvars--\n";

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| Config::default_config().expect("the built-in config loads"))
}

fn fallback() -> &'static RegionChoice {
    &config().fallback_region
}

/// Runs one input through one target. Unknown target names panic (a harness bug, not an input bug).
pub fn run(target: &str, data: &[u8]) {
    // Files are read as UTF-8 (anything else is one diagnostic before any parser runs), so parsers
    // only ever see text; the BOM is stripped the same way `read_source` does.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match target {
        "hcl" => hcl(text),
        "plan" => plan(text),
        "app_yaml" => app(text, AppFormat::Yaml, "config.yaml"),
        "app_json" => app(text, AppFormat::Json, "config.json"),
        "app_toml" => app(text, AppFormat::Toml, "config.toml"),
        "app_lines" => {
            app(text, AppFormat::Dotenv, ".env");
            app(text, AppFormat::Properties, "application.properties");
        }
        "config" => config_file(text),
        "model_ref" => model_ref(text),
        other => panic!("unknown fuzz target {other}"),
    }
}

fn hcl(text: &str) {
    let (tf, tfvars) = match text.split_once(TFVARS_SEPARATOR) {
        Some((tf, vars)) => (tf, Some(vars)),
        None => (text, None),
    };
    let mut files = vec![ModuleFile {
        file: SourceFile::new("main.tf".into(), tf),
        role: TfFileRole::Config,
        report: true,
    }];
    if let Some(vars) = tfvars {
        files.push(ModuleFile {
            file: SourceFile::new("terraform.tfvars".into(), vars),
            role: TfFileRole::Vars,
            report: true,
        });
    }
    let sources: Vec<Arc<SourceFile>> = files.iter().map(|f| f.file.clone()).collect();
    let (resources, diagnostics) = lint_module(files, fallback());
    finish(resources, diagnostics, &sources);
}

fn plan(text: &str) {
    let file = SourceFile::new("plan.json".into(), text);
    let out = bedrock_lint::source::plan::lint_plan(&file, fallback());
    finish(out.resources, out.diagnostics, &[file]);
}

fn app(text: &str, format: AppFormat, name: &str) {
    let file = SourceFile::new(name.into(), text);
    let (resources, diagnostics) = lint_app_config(&file, format, fallback());
    finish(resources, diagnostics, &[file]);
}

fn config_file(text: &str) {
    // A price book named in the config is read from disk: keep the fuzzer off the file system.
    if text
        .lines()
        .any(|l| !l.trim_start().starts_with('#') && l.contains("pricing"))
    {
        return;
    }
    let path = std::path::PathBuf::from("fuzz/.bedrock-lint.toml");
    match Config::from_parts(Some(path), Some(text), &Overrides::default()) {
        Ok(_) => {}
        Err(e) => {
            assert!(e.line >= 1 && e.column >= 1, "config error position: {e}");
            let _ = e.to_string();
        }
    }
}

fn model_ref(text: &str) {
    let _ = bedrock_lint::model::might_contain_model_ref(text);
    if let Some(r) = ModelRef::parse(text) {
        check_model(&r);
    }
    for (range, r) in find_model_refs(text) {
        let found = text
            .get(range.clone())
            .unwrap_or_else(|| panic!("range {range:?} is not inside the text"));
        assert_eq!(found, r.text, "the range covers the reference's text");
        check_model(&r);
    }
}

/// A parsed reference can be rewritten to every routing, and the rewrite parses back to that routing.
fn check_model(r: &ModelRef) {
    let _ = (r.model_id(), r.routing());
    let mut routings = vec![Routing::InRegion, Routing::Global];
    routings.extend(
        bedrock_lint::model::Geography::ALL
            .into_iter()
            .map(Routing::Geo),
    );
    for routing in routings {
        if let Some(rewritten) = r.with_routing(routing) {
            let back = ModelRef::parse(&rewritten)
                .unwrap_or_else(|| panic!("`{rewritten}` (from `{}`) does not parse", r.text));
            assert_eq!(back.routing(), Some(routing), "`{rewritten}`");
        }
    }
}

/// Prices, runs the rules, applies inline suppressions (their comments are input too) and renders
/// every format, checking what must hold for any input.
fn finish(
    resources: Vec<BedrockResource>,
    diagnostics: Vec<Diagnostic>,
    sources: &[Arc<SourceFile>],
) {
    for r in &resources {
        check_span_order(&r.span);
        if let Some(s) = &r.model_span {
            check_span_order(s);
        }
    }
    let config = config();
    let priced = bedrock_lint::pricing::price_all(resources, config, "");
    let mut all = diagnostics;
    all.extend(bedrock_lint::rules::run(&priced, config, ""));
    // A fixed day, so a replay gives the same result on every date.
    bedrock_lint::suppression::apply(&mut all, sources, config, (2026, 11, 25));
    for d in &all {
        check_span_order(&d.span);
    }
    let count = all.len();
    let report = bedrock_lint::Report {
        diagnostics: all,
        resources: priced,
        references: Vec::new(),
        files: 1,
        notices: Vec::new(),
        root: String::new(),
    };
    let options = RenderOptions::default();
    for format in [
        OutputFormat::Text,
        OutputFormat::Markdown,
        OutputFormat::Junit,
        OutputFormat::Checkstyle,
    ] {
        let _ = render(&report, format, &options);
    }
    let github = render(&report, OutputFormat::Github, &options);
    assert_eq!(
        github.lines().count(),
        count,
        "one workflow command per finding:\n{github}"
    );
    assert!(github.lines().all(|l| l.starts_with("::")), "{github}");
    let compact = render(&report, OutputFormat::Compact, &options);
    assert_eq!(
        compact.lines().count(),
        count,
        "one line per finding:\n{compact}"
    );
    let json = bedrock_lint::report::render_json(&report);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
        panic!("the JSON report is not JSON ({e}):\n{json}");
    }
    let sarif = render(&report, OutputFormat::Sarif, &options);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&sarif) {
        panic!("the SARIF report is not JSON ({e}):\n{sarif}");
    }
}

fn check_span_order(span: &bedrock_lint::span::Span) {
    assert!(span.start <= span.end, "span {}..{}", span.start, span.end);
    assert!(
        span.end <= span.file.text.len(),
        "span past the end of the file"
    );
    assert!(span.line >= 1 && span.column >= 1);
    assert!(
        (span.end_line, span.end_column) >= (span.line, span.column),
        "span end before its start"
    );
}
