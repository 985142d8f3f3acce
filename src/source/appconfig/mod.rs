//! Application configuration: the model IDs that services call, in YAML (LiteLLM, Spring AI,
//! serverless, Helm, docker-compose, GitHub workflows, CloudFormation/SAM), JSON, TOML, `.env` and
//! `.properties`. Each value is checked with the same strict model-reference parser as Terraform.

mod cfn_details;
mod cfn_intrinsics;
mod cloudformation;
mod dotenv;
mod entries;
mod helm;
mod json;
mod lenient_yaml;
mod properties;
mod roles;
mod samconfig;
mod toml_file;
mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use entries::Entry;

use crate::diagnostic::Diagnostic;
pub use samconfig::DEPLOYMENT_FILES;

use crate::model::{
    find_model_refs, BedrockResource, Details, Known, ModelRef, RegionChoice, RegionSource,
    ResourceKind, Role,
};
use crate::span::{SourceFile, Span};

/// App config larger than this is not read (a generated data file, not a config): 1 MiB.
pub const MAX_APP_CONFIG_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AppFormat {
    Yaml,
    Json,
    /// JSON Lines (`.jsonl`, `.ndjson`): one document a line.
    JsonLines,
    Toml,
    Dotenv,
    Properties,
}

/// Files never read as app config: lock files and bedrock-lint's own configuration.
const SKIPPED_NAMES: &[&str] = &[
    "package-lock.json",
    "npm-shrinkwrap.json",
    "composer.lock",
    "Pipfile.lock",
    "yarn.lock",
    "Cargo.lock",
    "poetry.lock",
    ".bedrock-lint.toml",
];

/// Which app-config format a file is, by name and extension.
pub fn format_of(path: &Path) -> Option<AppFormat> {
    // A name that is not UTF-8 is still a name: match on its readable parts, never skip it silently.
    let name = path.file_name()?.to_string_lossy();
    let name = name.as_ref();
    if SKIPPED_NAMES.contains(&name) || name.ends_with(".lock") || name.starts_with(".bedrock-lint")
    {
        return None;
    }
    if name == ".env" || name.ends_with(".env") || name.starts_with(".env.") {
        return Some(AppFormat::Dotenv);
    }
    match path.extension()?.to_string_lossy().as_ref() {
        // `.template`: CloudFormation's own extension, JSON or YAML (read as JSON when it is one).
        "yml" | "yaml" | "template" => Some(AppFormat::Yaml),
        "json" => Some(AppFormat::Json),
        "jsonl" | "ndjson" => Some(AppFormat::JsonLines),
        "toml" => Some(AppFormat::Toml),
        "properties" => Some(AppFormat::Properties),
        _ => None,
    }
}

/// Whether a file's text may be a CloudFormation template, whose deployment files
/// ([`DEPLOYMENT_FILES`]) beside it are then worth reading.
pub fn may_be_template(text: &str) -> bool {
    text.contains("Resources")
        && (text.contains("AWS::") || text.contains("AWSTemplateFormatVersion"))
}

/// Model references (and CloudFormation Bedrock resources) in one app-config file, read alone.
pub fn lint_app_config(
    file: &Arc<SourceFile>,
    format: AppFormat,
    fallback: &RegionChoice,
) -> (Vec<BedrockResource>, Vec<Diagnostic>) {
    lint_app_config_beside(file, format, fallback, &[])
}

/// [`lint_app_config`] with the [`DEPLOYMENT_FILES`] found beside the file (read for a template's
/// parameter overrides and Region).
pub fn lint_app_config_beside(
    file: &Arc<SourceFile>,
    format: AppFormat,
    fallback: &RegionChoice,
    deployment: &[Arc<SourceFile>],
) -> (Vec<BedrockResource>, Vec<Diagnostic>) {
    let text = file.text.as_str();
    let name = file.path.rsplit(['/', '\\']).next().unwrap_or("");
    let format = match format {
        AppFormat::Yaml if name.ends_with(".template") && text.trim_start().starts_with('{') => {
            AppFormat::Json
        }
        f => f,
    };
    // A Terraform plan or state that reached here (discovery decides from the first 4 KiB) is still
    // read as a plan: scanned as app config, values the plan marks sensitive would be reported.
    if format == AppFormat::Json {
        let mut head = text.len().min(4096);
        while !text.is_char_boundary(head) {
            head -= 1;
        }
        if crate::source::plan::looks_like_plan(&text[..head]) {
            let out = crate::source::plan::lint_plan(file, fallback);
            return (out.resources, out.diagnostics);
        }
    }
    let read = match format {
        AppFormat::Yaml if helm::is_chart_template(&file.path, text) => Ok(helm::entries(text)),
        AppFormat::Yaml => read_yaml(text),
        AppFormat::Json => json::entries(text),
        AppFormat::JsonLines => json::lines(text),
        AppFormat::Toml if toml_file::is_price_book(text) => Ok(Vec::new()),
        AppFormat::Toml => toml_file::entries(text),
        AppFormat::Dotenv => Ok(dotenv::entries(text)),
        AppFormat::Properties => Ok(properties::entries(text)),
    };
    match read {
        Ok(entries) if is_own_output(&entries) => (Vec::new(), Vec::new()),
        Ok(mut entries) => {
            // A deployment file's parameter values are read with the template beside it, where the
            // template says what they are.
            entries.retain(|e| !samconfig::is_parameter_value(name, e));
            let deployment = samconfig::Deployment::read(deployment);
            let records = format == AppFormat::JsonLines;
            (
                extract(file, &entries, fallback, &deployment, records),
                Vec::new(),
            )
        }
        // `.template` is CloudFormation's extension and also any tool's (`nginx.conf.template`): one
        // that does not parse is an error only when it looks like a template.
        Err(_) if name.ends_with(".template") && !may_be_template(text) => (Vec::new(), Vec::new()),
        Err(e) => {
            let at = e.offset.min(text.len());
            (
                Vec::new(),
                vec![Diagnostic::invalid_input(file.span(at..at), e.message)],
            )
        }
    }
}

/// YAML as CloudFormation and PyYAML read it: strict first; then with quoted scalars' line breaks
/// folded (`lenient_yaml`); then, for text with template actions (`{{ }}`, Helm) that is no YAML at
/// all, line by line. The first error is the one reported.
fn read_yaml(text: &str) -> Result<Vec<Entry>, entries::ReadError> {
    let strict = yaml::entries(text);
    let Err(error) = strict else {
        return strict;
    };
    if let Some(folded) = lenient_yaml::fold_quoted_line_breaks(text) {
        if let Ok(entries) = yaml::entries(&folded) {
            return Ok(entries);
        }
    }
    if helm::has_template_action(text) {
        return Ok(helm::entries(text));
    }
    Err(error)
}

/// bedrock-lint's own JSON report or baseline, wherever it was written: its messages name models.
fn is_own_output(entries: &[Entry]) -> bool {
    entries.iter().any(|e| {
        (e.path == "tool.name" && e.value == "bedrock-lint")
            || (e.path.starts_with("findings[") && e.path.ends_with("].fingerprint"))
    })
}

fn extract(
    file: &Arc<SourceFile>,
    entries: &[Entry],
    fallback: &RegionChoice,
    deployment: &samconfig::Deployment,
    records_are_documents: bool,
) -> Vec<BedrockResource> {
    let regions = Regions::new(entries);
    let templates: BTreeSet<usize> = entries
        .iter()
        .filter(|e| cloudformation::is_template_marker(e))
        .map(|e| e.doc)
        .collect();
    let mut out = Vec::new();
    for &doc in &templates {
        cloudformation::Template {
            file,
            entries,
            doc,
            deployment,
            regions: &regions,
            fallback,
        }
        .extract(&mut out);
    }
    // The shape of the documents is worked out only once a model string is found.
    let ctx = std::cell::OnceCell::new();
    for e in entries.iter().filter(|e| !templates.contains(&e.doc)) {
        for (range, model) in find_model_refs(&e.value) {
            let ctx = ctx.get_or_init(|| roles::Context::new(entries, records_are_documents));
            let span = narrow(file, e, range);
            let region = regions.for_entry(e, Some(&model), fallback);
            let mut r = resource(
                file.path.clone(),
                ResourceKind::ModelReference,
                Some(e.path.clone()),
                span.clone(),
                Some(span),
                region,
                Known::Known(model),
            );
            let (role, why) = ctx.role_of(e);
            r.role = role;
            if let Some(why) = why {
                r.notes.push(why.to_string());
            }
            out.push(r);
        }
    }
    out
}

pub(super) fn resource(
    address: String,
    kind: ResourceKind,
    attribute: Option<String>,
    span: Span,
    model_span: Option<Span>,
    region: RegionChoice,
    model: Known<ModelRef>,
) -> BedrockResource {
    BedrockResource {
        address,
        kind,
        role: Role::Call,
        attribute,
        span,
        model,
        model_span,
        invalid_model_text: None,
        via_profile: None,
        region,
        details: Details::None,
        notes: Vec::new(),
        tags: BTreeMap::new(),
        change: None,
        previous: None,
        origin: None,
    }
}

/// The exact bytes of a match inside a value: direct when the source text is the value itself, else
/// where the matched text occurs once in the value's source, else the whole value.
pub(super) fn narrow(file: &Arc<SourceFile>, e: &Entry, range: std::ops::Range<usize>) -> Span {
    let source = file.text.get(e.range.clone()).unwrap_or("");
    if source == e.value {
        return file.span(e.range.start + range.start..e.range.start + range.end);
    }
    let needle = e.value.get(range).unwrap_or("");
    match source.match_indices(needle).collect::<Vec<_>>().as_slice() {
        [(at, _)] if !needle.is_empty() => {
            file.span(e.range.start + at..e.range.start + at + needle.len())
        }
        _ => file.span(e.range.clone()),
    }
}

/// Region keys an application sets beside its model (`AWS_REGION`, `aws_region_name`, `region`...).
const REGION_KEYS: &[&str] = &[
    "aws_region",
    "aws_default_region",
    "bedrock_region",
    "aws_region_name",
    "region",
    "region_name",
];

pub(super) struct Regions<'e> {
    /// (doc, path, region)
    found: Vec<(usize, &'e str, &'e str)>,
}

impl<'e> Regions<'e> {
    fn new(entries: &'e [Entry]) -> Self {
        let found = entries
            .iter()
            .filter(|e| {
                REGION_KEYS.contains(&e.key.to_ascii_lowercase().as_str()) && is_region(&e.value)
            })
            .map(|e| (e.doc, e.path.as_str(), e.value.as_str()))
            .collect();
        Regions { found }
    }

    /// The region a value is called in: one set in an enclosing mapping of the value (LiteLLM's
    /// `aws_region_name` beside `model`), else the document's only region (Spring's
    /// `spring.ai.bedrock.aws.region`, a `.env`'s `AWS_REGION`), else the ARN's, else the fallback.
    /// Two different regions elsewhere in the document are never guessed between.
    pub(super) fn for_entry(
        &self,
        e: &Entry,
        model: Option<&ModelRef>,
        fallback: &RegionChoice,
    ) -> RegionChoice {
        let in_doc: Vec<&(usize, &str, &str)> = self
            .found
            .iter()
            .filter(|(doc, _, _)| *doc == e.doc)
            .collect();
        let enclosing = in_doc
            .iter()
            .filter(|(_, p, _)| {
                let parent = p.rfind(['.', '[']).map_or("", |i| &p[..i]);
                parent.is_empty()
                    || e.path.starts_with(&format!("{parent}."))
                    || e.path.starts_with(&format!("{parent}["))
            })
            .max_by_key(|(_, p, _)| p.len());
        let only = {
            let mut regions: Vec<&str> = in_doc.iter().map(|(_, _, r)| *r).collect();
            regions.sort_unstable();
            regions.dedup();
            (regions.len() == 1).then(|| regions[0])
        };
        match (
            enclosing.map(|(_, _, r)| *r).or(only),
            model.and_then(|m| m.arn_region.clone()),
        ) {
            (Some(region), _) => RegionChoice {
                region: region.to_string(),
                source: RegionSource::ResourceArgument,
            },
            (None, Some(region)) => RegionChoice {
                region,
                source: RegionSource::Arn,
            },
            (None, None) => fallback.clone(),
        }
    }
}

/// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-4`...
pub(super) fn is_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let ok_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase());
    match parts.as_slice() {
        [geo, dir, n] => geo.len() == 2 && ok_word(geo) && ok_word(dir) && n.parse::<u8>().is_ok(),
        [geo, "gov", dir, n] => geo.len() == 2 && ok_word(dir) && n.parse::<u8>().is_ok(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        assert_eq!(
            format_of(Path::new("svc/config.yaml")),
            Some(AppFormat::Yaml)
        );
        assert_eq!(format_of(Path::new(".env")), Some(AppFormat::Dotenv));
        assert_eq!(format_of(Path::new("prod.env")), Some(AppFormat::Dotenv));
        assert_eq!(format_of(Path::new(".env.local")), Some(AppFormat::Dotenv));
        assert_eq!(
            format_of(Path::new("application.properties")),
            Some(AppFormat::Properties)
        );
        assert_eq!(format_of(Path::new("package-lock.json")), None);
        assert_eq!(format_of(Path::new(".bedrock-lint.toml")), None);
        assert_eq!(format_of(Path::new("main.tf")), None);
    }

    #[test]
    fn regions() {
        for r in [
            "us-east-1",
            "eu-central-2",
            "us-gov-west-1",
            "ap-southeast-4",
        ] {
            assert!(is_region(r), "{r}");
        }
        for r in ["us-east", "global", "east-1", "US-EAST-1"] {
            assert!(!is_region(r), "{r}");
        }
    }
}
