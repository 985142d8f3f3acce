//! `bedrock-lint config --show`: the effective configuration as TOML, each value followed by where it
//! came from (a command-line flag, `file:line`, or the default), so "why does it do that?" has an
//! answer without reading the source.

use std::fmt::Write;

use toml::de::{DeTable, DeValue};

use super::{Config, Overrides, RuleOptions, DEFAULT_UTILIZATION_THRESHOLD};
use crate::span::LineIndex;

/// Renders the effective configuration; `overrides` are the command-line values given.
pub fn render(config: &Config, overrides: &Overrides) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let file = config
        .path
        .as_ref()
        .map(|p| crate::discover::display_path(p, &cwd))
        .unwrap_or_default();
    let lines = KeyLines::new(config.text.as_deref().unwrap_or(""));
    let from_file =
        |keys: &[&str]| -> Option<String> { lines.line(keys).map(|l| format!("{file}:{l}")) };
    let origin = |cli: Option<&str>, keys: &[&str]| -> String {
        cli.map(str::to_string)
            .or_else(|| from_file(keys))
            .unwrap_or_else(|| "default".to_string())
    };

    let mut out = String::new();
    out.push_str("# Effective bedrock-lint configuration: each value, then where it comes from.\n");
    match &config.path {
        Some(_) => {
            let _ = writeln!(out, "# Config file: {file}");
        }
        None => out.push_str("# Config file: none found (.bedrock-lint.toml upward from the linted path or the working directory)\n"),
    }
    out.push('\n');

    let region = &config.fallback_region.region;
    let _ = writeln!(
        out,
        "region = {}  # {}; used only where Terraform, ARNs and app config name no Region",
        quote(region),
        origin(overrides.region.as_ref().map(|_| "--region"), &["region"])
    );
    let _ = writeln!(
        out,
        "fail_on = {}  # {}",
        quote(config.fail_on.as_str()),
        origin(overrides.fail_on.map(|_| "--fail-on"), &["fail_on"])
    );
    match config.data_residency {
        Some(g) => {
            let _ = writeln!(
                out,
                "data_residency = {}  # {}",
                quote(g.prefix()),
                origin(None, &["data_residency"])
            );
        }
        None => {
            out.push_str("# data_residency: not set (default): global routing may be advised\n")
        }
    }
    match config.environment {
        Some(e) => {
            let _ = writeln!(
                out,
                "environment = {}  # {}",
                quote(e.as_str()),
                origin(None, &["environment"])
            );
        }
        None => out.push_str("# environment: not set (default): treated as production\n"),
    }
    match &config.price_book {
        Some(book) => {
            let _ = writeln!(
                out,
                "pricing = {}  # {}; merged over the embedded catalog",
                quote(&book.display().to_string()),
                origin(
                    overrides.pricing.as_ref().map(|_| "--pricing"),
                    &["pricing"]
                )
            );
        }
        None => out.push_str("# pricing: embedded catalog only (default)\n"),
    }
    match &config.select {
        Some(codes) => {
            let _ = writeln!(
                out,
                "select = {}  # {}",
                list(codes),
                origin(None, &["select"])
            );
        }
        None => out.push_str("# select: every rule (default)\n"),
    }
    if config.ignore.is_empty() {
        out.push_str("ignore = []  # default\n");
    } else {
        let _ = writeln!(
            out,
            "ignore = {}  # {}",
            list(&config.ignore),
            origin(None, &["ignore"])
        );
    }
    let mut enabled: Vec<&str> = crate::rules::all()
        .iter()
        .map(|r| r.meta().code)
        .filter(|c| config.is_enabled(c))
        .collect();
    enabled.sort_unstable();
    let _ = writeln!(out, "# rules that run: {}", enabled.join(", "));
    if !overrides.var_files.is_empty() {
        let files: Vec<String> = overrides
            .var_files
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        let _ = writeln!(out, "# var files: {} (--var-file)", files.join(", "));
    }
    if let Some(dir) = &overrides.chdir {
        let _ = writeln!(
            out,
            "# plan configuration directory: {} (--chdir)",
            dir.display()
        );
    }
    if overrides.no_inline_ignores {
        out.push_str("# inline suppressions: ignored (--no-inline-ignores)\n");
    }

    for (code, options) in &config.rules {
        let table_key = lines.rule_key(&["rules"], code);
        let _ = writeln!(
            out,
            "\n[rules.{code}]  # {}",
            from_file(&["rules", &table_key]).unwrap_or_default()
        );
        rule_options(&mut out, options, |k| from_file(&["rules", &table_key, k]));
    }
    if config
        .rules
        .get("BL003")
        .is_none_or(|o| o.utilization_threshold.is_none())
    {
        let _ = writeln!(
            out,
            "# [rules.BL003] utilization_threshold = {DEFAULT_UTILIZATION_THRESHOLD} (default)"
        );
    }
    if let Some(budget) = &config.budget {
        let _ = writeln!(
            out,
            "\n[budget]\nmonthly_usd = {}  # {}",
            budget.monthly_usd,
            origin(None, &["budget", "monthly_usd"])
        );
    }
    for (key, usage) in &config.usage {
        let _ = writeln!(
            out,
            "\n[usage.{}]  # {}",
            quote(key),
            from_file(&["usage", key]).unwrap_or_default()
        );
        usage_fields(&mut out, usage);
    }
    for o in &config.overrides {
        let _ = writeln!(out, "\n[[overrides]]  # {file}:{}", o.line);
        let _ = writeln!(out, "paths = {}", list(&o.patterns));
        if let Some(r) = &o.region {
            let note = if overrides.region.is_some() {
                "  # --region wins"
            } else {
                ""
            };
            let _ = writeln!(out, "region = {}{note}", quote(r));
        }
        if let Some(f) = o.fail_on {
            let note = if overrides.fail_on.is_some() {
                "  # --fail-on wins"
            } else {
                ""
            };
            let _ = writeln!(out, "fail_on = {}{note}", quote(f.as_str()));
        }
        if let Some(g) = o.data_residency {
            let _ = writeln!(out, "data_residency = {}", quote(g.prefix()));
        }
        if let Some(e) = o.environment {
            let _ = writeln!(out, "environment = {}", quote(e.as_str()));
        }
        if let Some(s) = &o.select {
            let _ = writeln!(out, "select = {}", list(s));
        }
        if !o.ignore.is_empty() {
            let _ = writeln!(
                out,
                "ignore = {}  # added to the top-level ignore",
                list(&o.ignore)
            );
        }
        if let Some(b) = &o.budget {
            let _ = writeln!(out, "budget = {{ monthly_usd = {} }}", b.monthly_usd);
        }
        for (code, options) in &o.rules {
            let _ = writeln!(out, "[overrides.rules.{code}]");
            rule_options(&mut out, options, |_| None);
        }
    }
    out
}

fn rule_options(out: &mut String, o: &RuleOptions, origin: impl Fn(&str) -> Option<String>) {
    let mut line = |key: &str, value: String| {
        let from = origin(key).map(|o| format!("  # {o}")).unwrap_or_default();
        let _ = writeln!(out, "{key} = {value}{from}");
    };
    if let Some(s) = o.severity {
        line("severity", quote(s.as_str()));
    }
    if let Some(m) = o.min_saving_usd {
        line("min_saving_usd", m.to_string());
    }
    if let Some(i) = o.ignorable {
        line("ignorable", i.to_string());
    }
    if let Some(t) = o.utilization_threshold {
        line("utilization_threshold", t.to_string());
    }
    if let Some(m) = o.max_usd_per_retrieval {
        line("max_usd_per_retrieval", m.to_string());
    }
    if let Some(tags) = &o.required_tags {
        line("required_tags", list(tags));
    }
}

fn usage_fields(out: &mut String, u: &crate::pricing::Usage) {
    let crate::pricing::Usage {
        input_tokens_per_month,
        output_tokens_per_month,
        cache_write_tokens_per_month,
        cache_write_1h_tokens_per_month,
        cache_read_tokens_per_month,
        long_context,
        tier,
        images_per_month,
        video_seconds_per_month,
        audio_seconds_per_month,
        queries_per_month,
        peak_tokens_per_minute,
        hours_per_month,
        tokens_per_minute_per_unit,
        latency,
        months_needed,
        // The fields of resources other than model calls, listed by `Usage::SERVICE_FIELDS`.
        ..
    } = u;
    for (key, value) in [
        ("input_tokens_per_month", input_tokens_per_month),
        ("output_tokens_per_month", output_tokens_per_month),
        ("cache_write_tokens_per_month", cache_write_tokens_per_month),
        (
            "cache_write_1h_tokens_per_month",
            cache_write_1h_tokens_per_month,
        ),
        ("cache_read_tokens_per_month", cache_read_tokens_per_month),
        ("images_per_month", images_per_month),
        ("video_seconds_per_month", video_seconds_per_month),
        ("audio_seconds_per_month", audio_seconds_per_month),
        ("queries_per_month", queries_per_month),
        ("peak_tokens_per_minute", peak_tokens_per_minute),
        ("hours_per_month", hours_per_month),
        ("tokens_per_minute_per_unit", tokens_per_minute_per_unit),
        ("months_needed", months_needed),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "{key} = {v}");
        }
    }
    for key in crate::pricing::Usage::SERVICE_FIELDS {
        if let Some(v) = u.field(key) {
            let _ = writeln!(out, "{key} = {v}");
        }
    }
    if let Some(l) = long_context {
        let _ = writeln!(out, "long_context = {l}");
    }
    if let Some(t) = tier {
        let _ = writeln!(out, "tier = {}", quote(t.key()));
    }
    if let Some(l) = latency {
        let l = if *l == crate::pricing::Latency::Batch {
            "batch"
        } else {
            "realtime"
        };
        let _ = writeln!(out, "latency = {}", quote(l));
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Lines of keys in the config file, found by their path (`["rules", "BL003", "severity"]`).
struct KeyLines<'a> {
    text: &'a str,
    table: Option<DeTable<'a>>,
    index: LineIndex,
}

impl<'a> KeyLines<'a> {
    fn new(text: &'a str) -> Self {
        KeyLines {
            text,
            table: DeTable::parse(text).ok().map(toml::Spanned::into_inner),
            index: LineIndex::new(text),
        }
    }

    fn line(&self, keys: &[&str]) -> Option<usize> {
        let mut table = self.table.as_ref()?;
        let (last, parents) = keys.split_last()?;
        for key in parents {
            match table.get(*key).map(toml::Spanned::get_ref) {
                Some(DeValue::Table(t)) => table = t,
                _ => return None,
            }
        }
        let (key, _) = table.get_key_value(*last)?;
        Some(self.index.position(self.text, key.span().start).0)
    }

    /// The key under which a rule's table is written (`BL003` or `provisioned-underutilized`).
    fn rule_key(&self, parents: &[&str], code: &str) -> String {
        let mut table = self.table.as_ref();
        for key in parents {
            table = match table.and_then(|t| t.get(*key)).map(toml::Spanned::get_ref) {
                Some(DeValue::Table(t)) => Some(t),
                _ => None,
            };
        }
        table
            .into_iter()
            .flat_map(|t| t.keys())
            .map(|k| k.get_ref().to_string())
            .find(|k| crate::rules::find(k).is_some_and(|r| r.meta().code == code))
            .unwrap_or_else(|| code.to_string())
    }
}
