//! `[[overrides]]`: settings that differ by path (`envs/dev/**` is non-production, `eu/**` must stay
//! in the EU). Patterns are globs relative to the config file's directory, gitignore-like: `*` stays
//! within one directory, `**` crosses them, and a plain directory (`envs/dev`) covers what is under it.
//! Later entries win over earlier ones, and every entry wins over the top level for the paths it names.

use std::collections::BTreeMap;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use super::{Budget, Environment, FailOn, RuleOptions};
use crate::model::Geography;

/// One `[[overrides]]` entry as written (validated into [`PathOverride`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OverrideFile {
    pub paths: toml::Spanned<Vec<toml::Spanned<String>>>,
    pub region: Option<String>,
    pub fail_on: Option<FailOn>,
    pub data_residency: Option<Geography>,
    pub environment: Option<Environment>,
    pub select: Option<Vec<toml::Spanned<String>>>,
    #[serde(default)]
    pub ignore: Vec<toml::Spanned<String>>,
    #[serde(default)]
    pub rules: BTreeMap<toml::Spanned<String>, RuleOptions>,
    pub budget: Option<Budget>,
    /// Accepted only to say why it cannot differ by path.
    pub pricing: Option<toml::Spanned<toml::Value>>,
    /// Accepted only to say why it cannot differ by path.
    pub usage: Option<toml::Spanned<toml::Value>>,
}

/// A validated `[[overrides]]` entry.
#[derive(Debug, Clone)]
pub struct PathOverride {
    /// The patterns as written, for messages and `config --show`.
    pub patterns: Vec<String>,
    matcher: GlobSet,
    /// The line of its `paths` key in the config file.
    pub line: usize,
    pub region: Option<String>,
    pub fail_on: Option<FailOn>,
    pub data_residency: Option<Geography>,
    pub environment: Option<Environment>,
    /// Replaces the selection for these paths.
    pub select: Option<Vec<String>>,
    /// Added to the ignored rules for these paths.
    pub ignore: Vec<String>,
    /// Merged option by option over `[rules.X]`.
    pub rules: BTreeMap<String, RuleOptions>,
    pub budget: Option<Budget>,
}

impl PathOverride {
    /// Compiles the patterns; the error names the pattern that is not a valid glob.
    pub(super) fn compile(patterns: &[String]) -> Result<GlobSet, (usize, String)> {
        let mut set = GlobSetBuilder::new();
        for (i, pattern) in patterns.iter().enumerate() {
            let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
            if pattern.is_empty() || pattern.starts_with('/') {
                return Err((i, format!("`{pattern}`: patterns are relative to the config file's directory (write `envs/dev/**`)")));
            }
            // `envs/dev` and `envs/dev/**` both mean everything under that directory.
            let under = format!("{pattern}/**");
            for p in [pattern, under.as_str()] {
                let glob = GlobBuilder::new(p)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| (i, format!("`{pattern}` is not a valid glob: {}", e.kind())))?;
                set.add(glob);
            }
        }
        set.build().map_err(|e| (0, e.to_string()))
    }

    pub(super) fn new(patterns: Vec<String>, matcher: GlobSet, line: usize) -> Self {
        PathOverride {
            patterns,
            matcher,
            line,
            region: None,
            fail_on: None,
            data_residency: None,
            environment: None,
            select: None,
            ignore: Vec::new(),
            rules: BTreeMap::new(),
            budget: None,
        }
    }

    /// Whether a path relative to the project (`envs/dev/main.tf`) is covered.
    pub fn matches(&self, project_relative: &str) -> bool {
        self.matcher.is_match(project_relative)
    }

    /// `envs/dev/**, staging/**`, for messages.
    pub fn label(&self) -> String {
        self.patterns.join(", ")
    }
}

/// `[rules.X]` options of an override laid over the ones in force: what the override sets wins.
pub(super) fn merge_rule_options(base: &mut RuleOptions, over: &RuleOptions) {
    let RuleOptions {
        severity,
        min_saving_usd,
        ignorable,
        utilization_threshold,
        max_usd_per_retrieval,
        required_tags,
    } = over;
    if severity.is_some() {
        base.severity = *severity;
    }
    if min_saving_usd.is_some() {
        base.min_saving_usd = *min_saving_usd;
    }
    if ignorable.is_some() {
        base.ignorable = *ignorable;
    }
    if utilization_threshold.is_some() {
        base.utilization_threshold = *utilization_threshold;
    }
    if max_usd_per_retrieval.is_some() {
        base.max_usd_per_retrieval = *max_usd_per_retrieval;
    }
    if required_tags.is_some() {
        base.required_tags.clone_from(required_tags);
    }
}

#[cfg(test)]
mod tests {
    use super::PathOverride;

    fn matcher(patterns: &[&str]) -> PathOverride {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        let set = PathOverride::compile(&patterns).expect("valid globs");
        PathOverride::new(patterns, set, 1)
    }

    #[test]
    fn directory_globs_cover_what_is_under_them() {
        let o = matcher(&["envs/dev/**"]);
        assert!(o.matches("envs/dev/main.tf"));
        assert!(o.matches("envs/dev/app/config.yaml"));
        assert!(!o.matches("envs/prod/main.tf"));
        assert!(!o.matches("envs/dev.tf"));
    }

    #[test]
    fn a_plain_directory_means_everything_under_it() {
        let o = matcher(&["./envs/dev/"]);
        assert!(o.matches("envs/dev/main.tf"));
        assert!(o.matches("envs/dev/x/y.tf"));
        assert!(!o.matches("envs/development/main.tf"));
    }

    #[test]
    fn a_single_star_stays_in_one_directory() {
        let o = matcher(&["envs/*/main.tf"]);
        assert!(o.matches("envs/dev/main.tf"));
        assert!(!o.matches("envs/dev/sub/main.tf"));
    }

    #[test]
    fn invalid_and_absolute_patterns_are_refused() {
        assert!(PathOverride::compile(&["envs/[dev".to_string()]).is_err());
        assert!(PathOverride::compile(&["/etc/**".to_string()]).is_err());
    }
}
