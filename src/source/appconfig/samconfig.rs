//! How a template is deployed, from the files SAM and the CloudFormation CLI read beside it:
//! `samconfig.toml` / `samconfig.yaml` (`[default.deploy.parameters]` `region` and
//! `parameter_overrides`, the `default` environment) and `parameters.json` (`[{ParameterKey, ParameterValue}]`, or CodePipeline's
//! `{"Parameters": {...}}`). An override replaces the parameter's default where a template reads it.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::entries::Entry;
use super::{json, narrow, toml_file, yaml};
use crate::span::{SourceFile, Span};

/// File names read beside a template, in the order they apply (a later one wins).
pub const DEPLOYMENT_FILES: &[&str] = &[
    "parameters.json",
    "samconfig.yaml",
    "samconfig.yml",
    "samconfig.toml",
];

#[derive(Debug, Default)]
pub struct Deployment {
    /// The Region the stack is deployed to, and where it is written.
    pub region: Option<(String, Span)>,
    /// Parameter name → (value, where written).
    pub overrides: BTreeMap<String, (String, Span)>,
}

impl Deployment {
    pub fn read(files: &[Arc<SourceFile>]) -> Deployment {
        let mut d = Deployment::default();
        for file in files {
            let name = file.path.rsplit(['/', '\\']).next().unwrap_or("");
            match name {
                "samconfig.toml" => {
                    if let Ok(entries) = toml_file::entries(&file.text) {
                        d.samconfig(file, &entries);
                    }
                }
                "samconfig.yaml" | "samconfig.yml" => {
                    if let Ok(entries) = yaml::entries(&file.text) {
                        d.samconfig(file, &entries);
                    }
                }
                "parameters.json" => {
                    if let Ok(entries) = json::entries(&file.text) {
                        d.parameters_json(file, &entries);
                    }
                }
                _ => {}
            }
        }
        d
    }

    fn samconfig(&mut self, file: &Arc<SourceFile>, entries: &[Entry]) {
        let mut deploy_region = false;
        for e in entries {
            match e.path.as_str() {
                // `deploy`'s Region wins over `global`'s, wherever each is written.
                "default.deploy.parameters.region" if super::is_region(&e.value) => {
                    self.region = Some((e.value.clone(), file.span(e.range.clone())));
                    deploy_region = true;
                }
                "default.global.parameters.region"
                    if super::is_region(&e.value) && !deploy_region =>
                {
                    self.region = Some((e.value.clone(), file.span(e.range.clone())));
                }
                p if is_overrides_path(p) => {
                    for (key, range) in parse_overrides(&e.value) {
                        let value = e.value[range.clone()].to_string();
                        let span = narrow(file, e, range);
                        self.overrides.insert(key, (value, span));
                    }
                }
                _ => {}
            }
        }
    }

    fn parameters_json(&mut self, file: &Arc<SourceFile>, entries: &[Entry]) {
        let mut keys: BTreeMap<String, String> = BTreeMap::new();
        for e in entries {
            if let Some(item) = e.path.strip_suffix("].ParameterKey") {
                keys.insert(item.to_string(), e.value.clone());
            }
        }
        for e in entries {
            if let Some(item) = e.path.strip_suffix("].ParameterValue") {
                if let Some(key) = keys.get(item) {
                    let span = file.span(e.range.clone());
                    self.overrides.insert(key.clone(), (e.value.clone(), span));
                }
            } else if let Some(key) = e.path.strip_prefix("Parameters.") {
                if !key.contains(['.', '[']) {
                    let span = file.span(e.range.clone());
                    self.overrides
                        .insert(key.to_string(), (e.value.clone(), span));
                }
            }
        }
    }
}

fn is_overrides_path(path: &str) -> bool {
    let base = path.split('[').next().unwrap_or(path);
    base == "default.deploy.parameters.parameter_overrides"
}

/// Whether an entry of a deployment file is a parameter value (read with the template beside it,
/// not on its own).
pub fn is_parameter_value(file_name: &str, e: &Entry) -> bool {
    match file_name {
        "samconfig.toml" | "samconfig.yaml" | "samconfig.yml" => {
            e.path.contains(".parameter_overrides")
        }
        "parameters.json" => {
            e.path.ends_with("].ParameterValue") || e.path.starts_with("Parameters.")
        }
        _ => false,
    }
}

/// `Key=Value Other="with space"` (and the older `ParameterKey=K,ParameterValue=V`): each key and
/// the byte range of its value in `text`.
pub fn parse_overrides(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        // A token ends at whitespace outside quotes.
        let mut quote = None;
        while i < bytes.len() {
            match (quote, bytes[i]) {
                (None, b'"' | b'\'') => quote = Some(bytes[i]),
                (Some(q), b) if b == q => quote = None,
                (None, b) if b.is_ascii_whitespace() => break,
                _ => {}
            }
            i += 1;
        }
        let token = &text[start..i];
        if let Some(rest) = token.strip_prefix("ParameterKey=") {
            if let Some((key, value)) = rest.split_once(",ParameterValue=") {
                let at = start + "ParameterKey=".len() + key.len() + ",ParameterValue=".len();
                out.push((key.to_string(), unquote(text, at, at + value.len())));
            }
            continue;
        }
        let (t, t_start) = match token.strip_prefix(['"', '\'']) {
            Some(inner) => (inner.strip_suffix(['"', '\'']).unwrap_or(inner), start + 1),
            None => (token, start),
        };
        if let Some((key, value)) = t.split_once('=') {
            if !key.is_empty() {
                let at = t_start + key.len() + 1;
                out.push((key.to_string(), unquote(text, at, at + value.len())));
            }
        }
    }
    out
}

fn unquote(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let v = &text[start..end];
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return start + 1..end - 1;
        }
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::parse_overrides;

    #[test]
    fn overrides_in_sam_forms() {
        let text = r#"ModelId="us.anthropic.claude-sonnet-4-5-20250929-v1:0" Stage=prod 'Note=a b' ParameterKey=Old,ParameterValue=x"#;
        let got: Vec<(String, &str)> = parse_overrides(text)
            .into_iter()
            .map(|(k, r)| (k, &text[r]))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "ModelId".to_string(),
                    "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
                ),
                ("Stage".to_string(), "prod"),
                ("Note".to_string(), "a b"),
                ("Old".to_string(), "x"),
            ]
        );
    }
}
