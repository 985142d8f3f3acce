//! Helm chart templates (`templates/*.yaml`, or any YAML with `{{ ... }}` that no YAML parser reads):
//! Go template text, not YAML until rendered. Each line is read as `key: value` text with its key path
//! rebuilt from indentation, so the strict model-ID scanner finds the IDs written there and the same
//! roles apply (a LiteLLM `model_name` in a ConfigMap is still an alias). Never a parse error.

use std::path::Path;

use super::entries::Entry;

/// Whether the text holds a template action (`{{ .Values.x }}`, `{{- include ... }}`), as opposed to
/// none or only CloudFormation dynamic references (`{{resolve:ssm:/name}}`), which are no template.
pub fn has_template_action(text: &str) -> bool {
    text.match_indices("{{").any(|(at, _)| {
        let rest = text[at + 2..].trim_start_matches(['-', ' ']);
        !rest.starts_with("resolve:")
    })
}

/// A file under a chart's `templates/` directory that holds template actions.
pub fn is_chart_template(path: &str, text: &str) -> bool {
    has_template_action(text)
        && Path::new(path)
            .parent()
            .is_some_and(|dir| dir.components().any(|c| c.as_os_str() == "templates"))
}

/// `key: value` lines, with paths from indentation (`- ` starts a list item, shown as `[0]`).
pub fn entries(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    // (indent of the key, path to it)
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut in_comment = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        // Template comments (`{{/* ... */}}`) may span lines.
        if in_comment || trimmed.starts_with("{{/*") || trimmed.starts_with("{{- /*") {
            in_comment = !body.contains("*/");
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("{{") {
            continue;
        }
        let mut indent = body.len() - trimmed.len();
        let mut rest = trimmed;
        let pop = |stack: &mut Vec<(usize, String)>, indent: usize| {
            while stack.last().is_some_and(|(i, _)| *i >= indent) {
                stack.pop();
            }
        };
        // `- ` opens a list item at the dash's column; its keys sit deeper.
        while let Some(r) = rest
            .strip_prefix("- ")
            .or_else(|| (rest == "-").then_some(""))
        {
            pop(&mut stack, indent);
            let parent = stack.last().map_or(String::new(), |(_, p)| p.clone());
            stack.push((indent, format!("{parent}[0]")));
            rest = r.trim_start_matches(' ');
            indent = body.len() - rest.len();
        }
        pop(&mut stack, indent);
        let parent = stack.last().map_or(String::new(), |(_, p)| p.clone());
        let (key, value_at) = match key_of(rest) {
            Some((key, after)) => (Some(key), after),
            None => (None, 0),
        };
        let path = match key {
            Some(k) if parent.is_empty() => k.to_string(),
            Some(k) => format!("{parent}.{k}"),
            None => parent.clone(),
        };
        let value = rest[value_at..].trim();
        let value_start =
            start + (body.len() - rest.len()) + value_at + leading_spaces(&rest[value_at..]);
        let (value, value_start) = strip_quotes(value, value_start);
        if key.is_some() {
            stack.push((indent, path.clone()));
        }
        if !value.is_empty() {
            out.push(Entry::value(
                path,
                value.to_string(),
                value_start..value_start + value.len(),
                0,
            ));
        }
    }
    out
}

/// `key: ...` → the key and where the value starts (after `:`). A key is a plain word (no spaces, no
/// template action).
fn key_of(rest: &str) -> Option<(&str, usize)> {
    let colon = rest
        .find(": ")
        .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))?;
    let key = rest[..colon].trim_matches(['"', '\'']);
    if key.is_empty() || key.contains([' ', '{', '}', '"', '\'']) {
        return None;
    }
    Some((key, colon + 1))
}

fn leading_spaces(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

fn strip_quotes(value: &str, start: usize) -> (&str, usize) {
    // A trailing comment is not part of the value.
    let value = match value.find(" #") {
        Some(i) => value[..i].trim_end(),
        None => value,
    };
    for q in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
            return (&value[1..value.len() - 1], start + 1);
        }
    }
    (value, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_from_indentation() {
        let text = "data:\n  config.yaml: |\n    model_list:\n      - model_name: {{ .Values.alias }}\n        litellm_params:\n          model: \"bedrock/amazon.nova-lite-v1:0\"\n";
        let e = entries(text);
        let model = e
            .iter()
            .find(|e| e.value.contains("nova"))
            .expect("model line");
        assert_eq!(
            model.path,
            "data.config.yaml.model_list[0].litellm_params.model"
        );
        assert_eq!(&text[model.range.clone()], "bedrock/amazon.nova-lite-v1:0");
        assert!(is_chart_template("charts/gw/templates/cm.yaml", text));
        assert!(!is_chart_template("charts/gw/values.yaml", text));
        // A CloudFormation template under templates/ with a dynamic reference is no chart template.
        assert!(!is_chart_template(
            "infra/templates/api.yaml",
            "Resources:\n  K:\n    Value: '{{resolve:ssm:/app/model}}'\n"
        ));
    }
}
