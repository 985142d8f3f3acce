//! CloudFormation / SAM templates (YAML or JSON): `AWS::Bedrock::*` resources that name a model become
//! resources like their Terraform twins. Intrinsics (`!Sub`, `Fn::Sub`) are read as text; `!Ref` to a
//! parameter is unknown.

use std::collections::{BTreeMap, HashSet};

use super::entries::Entry;
use crate::model::{find_model_refs, Known, ResourceKind};

pub struct TypedResource {
    pub logical_id: String,
    pub kind: ResourceKind,
    /// Index of the `Type` entry (the resource's location).
    pub type_entry: usize,
    /// Index of the entry naming the model, if any.
    pub model_entry: Option<usize>,
    pub model_problem: Option<String>,
}

fn schema(cfn_type: &str) -> Option<(ResourceKind, &'static str)> {
    Some(match cfn_type {
        "AWS::Bedrock::ApplicationInferenceProfile" => (ResourceKind::ApplicationInferenceProfile, "Properties.ModelSource.CopyFrom"),
        "AWS::Bedrock::Agent" => (ResourceKind::Agent, "Properties.FoundationModel"),
        "AWS::Bedrock::KnowledgeBase" => (
            ResourceKind::KnowledgeBase,
            "Properties.KnowledgeBaseConfiguration.VectorKnowledgeBaseConfiguration.EmbeddingModelArn",
        ),
        _ => return None,
    })
}

/// The Bedrock resources of a template, and the entries they account for.
pub fn typed(entries: &[Entry]) -> (Vec<TypedResource>, HashSet<usize>) {
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_doc.entry(e.doc).or_default().push(i);
    }
    let mut out = Vec::new();
    let mut consumed = HashSet::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(id) = e
            .path
            .strip_prefix("Resources.")
            .and_then(|p| p.strip_suffix(".Type"))
        else {
            continue;
        };
        if id.contains('.') {
            continue;
        }
        let Some((kind, model_path)) = schema(&e.value) else {
            continue;
        };
        let prefix = format!("Resources.{id}.{model_path}");
        let candidates: Vec<usize> = by_doc
            .get(&e.doc)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&j| {
                entries[j].path == prefix
                    || entries[j].path.starts_with(&format!("{prefix}."))
                    || entries[j].path.starts_with(&format!("{prefix}["))
            })
            .collect();
        let model_entry = candidates
            .iter()
            .copied()
            .find(|&j| !find_model_refs(&entries[j].value).is_empty());
        let model_problem = match (model_entry, candidates.first()) {
            (Some(_), _) => None,
            (None, Some(&j)) => Some(format!(
                "`{}` is not resolved here (a parameter or an intrinsic)",
                entries[j].value
            )),
            (None, None) => Some(format!("{model_path} is not set")),
        };
        consumed.extend(candidates);
        out.push(TypedResource {
            logical_id: id.to_string(),
            kind,
            type_entry: i,
            model_entry,
            model_problem,
        });
    }
    (out, consumed)
}

/// The model of a typed resource, as a `Known`.
pub fn model_of(entries: &[Entry], r: &TypedResource) -> Known<crate::model::ModelRef> {
    match r
        .model_entry
        .and_then(|j| find_model_refs(&entries[j].value).into_iter().next())
    {
        Some((_, m)) => Known::Known(m),
        None => Known::Unknown(
            r.model_problem
                .clone()
                .unwrap_or_else(|| "model unknown".into()),
        ),
    }
}

/// `Properties.Tags` as CloudFormation writes them: a list of `{Key, Value}` (most types) or a map.
pub fn tags_of(entries: &[Entry], r: &TypedResource) -> std::collections::BTreeMap<String, String> {
    let doc = entries[r.type_entry].doc;
    let prefix = format!("Resources.{}.Properties.Tags", r.logical_id);
    let mut keys: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
    let mut tags = std::collections::BTreeMap::new();
    for e in entries.iter().filter(|e| e.doc == doc) {
        let Some(rest) = e.path.strip_prefix(&prefix) else {
            continue;
        };
        if let Some(item) = rest.strip_prefix('[') {
            // `[0].Key` / `[0].Value`
            let (index, field) = item.split_once("].").unwrap_or((item, ""));
            let slot = keys.entry(index.to_string()).or_default();
            match field {
                "Key" => slot.0 = Some(e.value.clone()),
                "Value" => slot.1 = Some(e.value.clone()),
                _ => {}
            }
        } else if let Some(key) = rest.strip_prefix('.') {
            tags.insert(key.to_string(), e.value.clone());
        }
    }
    for (k, v) in keys.into_values() {
        if let Some(k) = k {
            tags.insert(k, v.unwrap_or_default());
        }
    }
    tags
}
