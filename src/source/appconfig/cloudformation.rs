//! CloudFormation / SAM templates (YAML or JSON). Every model string gets its role from where it
//! stands in the template: a Bedrock resource's model, a function's or task's environment and any other
//! resource property are calls; IAM and resource policies are permissions; parameters' allowed values,
//! descriptions, outputs, metadata, tags and unread mappings are metadata; a parameter default no call
//! reads is a default. Intrinsics are followed (`cfn_intrinsics`), with the deployment's parameter
//! overrides and Region from `samconfig.toml` / `parameters.json` beside the template.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::cfn_details::{service_kind, Props};
use super::cfn_intrinsics::{is_intrinsic, Alt, Env, Node, Origin, Param};
use super::entries::Entry;
use super::roles::{describing, segments, Why};
use super::samconfig::Deployment;
use super::{narrow, resource, Regions};
use crate::model::{
    find_model_refs, BedrockResource, Details, Known, RegionChoice, RegionSource, ResourceKind,
    Role,
};
use crate::span::{SourceFile, Span};

/// An entry that makes its document a CloudFormation template: a format version, or a resource
/// typed `AWS::...` / `Custom::...`.
pub fn is_template_marker(e: &Entry) -> bool {
    !e.is_key
        && (e.path == "AWSTemplateFormatVersion"
            || (e.path.starts_with("Resources.")
                && e.path.ends_with(".Type")
                && e.path.matches('.').count() == 2
                && (e.value.starts_with("AWS::") || e.value.starts_with("Custom::"))))
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

/// Keys under a resource's `Properties` that hold a policy.
const POLICY_KEYS: &[&str] = &[
    "PolicyDocument",
    "Policies",
    "KeyPolicy",
    "AssumeRolePolicyDocument",
    "PolicyText",
    "ResourcePolicy",
    "Policy",
    "PermissionsBoundary",
    "Statement",
];

/// The path up to the first intrinsic: the expression a value's entries belong to.
fn root_of(path: &str) -> &str {
    for (parent, seg) in segments(path) {
        if is_intrinsic(seg) {
            return parent;
        }
    }
    path
}

/// The role of the value at `root` (outside a Bedrock resource's model property).
fn role_at(root: &str, types: &HashMap<&str, &str>) -> (Role, Option<Why>) {
    let segs = segments(root);
    let seg = |i: usize| segs.get(i).map_or("", |(_, s)| *s);
    match seg(0) {
        "Parameters" if seg(2) == "Default" => (
            Role::Default,
            Some("a parameter default no resource was seen to read"),
        ),
        "Parameters" => (
            Role::Metadata,
            Some("a parameter's allowed values or description"),
        ),
        "Outputs" => (
            Role::Metadata,
            Some("a stack output: it reports a value, it calls nothing"),
        ),
        "Mappings" => (
            Role::Metadata,
            Some("a Mappings entry no resource was seen to read"),
        ),
        "Metadata" | "Conditions" | "Rules" | "Description" | "Transform" => {
            (Role::Metadata, Some("template metadata"))
        }
        "Resources" => {
            if seg(2) != "Properties" {
                return (Role::Metadata, Some("resource metadata"));
            }
            if let Some(why) = describing(&segs[3..]) {
                return (Role::Metadata, Some(why));
            }
            let cfn_type = types.get(seg(1)).copied().unwrap_or("");
            let policy = cfn_type.starts_with("AWS::IAM::")
                || cfn_type.ends_with("Policy")
                || segs[3..].iter().any(|(_, s)| POLICY_KEYS.contains(s));
            if policy {
                (
                    Role::Permission,
                    Some("an IAM or resource policy: it allows calls, it makes none"),
                )
            } else {
                (Role::Call, None)
            }
        }
        _ => match describing(&segs) {
            Some(why) => (Role::Metadata, Some(why)),
            None => (Role::Call, None),
        },
    }
}

/// One template document.
pub struct Template<'a> {
    pub file: &'a Arc<SourceFile>,
    pub entries: &'a [Entry],
    pub doc: usize,
    pub deployment: &'a Deployment,
    pub regions: &'a Regions<'a>,
    pub fallback: &'a RegionChoice,
}

impl Template<'_> {
    /// Appends the template's references to `out`: every call, and one reference for each other
    /// string (a parameter default that a call reads is that call; one only a policy reads is a
    /// permission).
    pub fn extract(&self, out: &mut Vec<BedrockResource>) {
        let mut found = Vec::new();
        self.extract_all(&mut found);
        let calls: HashSet<(usize, usize)> = found
            .iter()
            .filter(|r| r.role.is_call())
            .filter_map(|r| r.model_span.as_ref().map(|s| (s.start, s.end)))
            .collect();
        let mut others: HashMap<(usize, usize), usize> = HashMap::new();
        for r in found {
            let at = r.model_span.as_ref().map(|s| (s.start, s.end));
            match at {
                Some(at) if !r.role.is_call() => {
                    if calls.contains(&at) {
                        continue;
                    }
                    match others.get(&at) {
                        Some(&i) if out[i].role <= r.role => {}
                        Some(&i) => out[i] = r,
                        None => {
                            others.insert(at, out.len());
                            out.push(r);
                        }
                    }
                }
                _ => out.push(r),
            }
        }
    }

    fn extract_all(&self, out: &mut Vec<BedrockResource>) {
        let entries = self.entries;
        let members: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].doc == self.doc)
            .collect();
        let by_path: HashMap<&str, usize> = members
            .iter()
            .filter(|&&i| !entries[i].is_key)
            .map(|&i| (entries[i].path.as_str(), i))
            .collect();
        let mut types: HashMap<&str, &str> = HashMap::new();
        let mut params: BTreeMap<String, Param> = BTreeMap::new();
        let mut mapping_keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut order: Vec<&str> = Vec::new();
        for &i in &members {
            let e = &entries[i];
            if e.is_key {
                continue;
            }
            let segs = segments(&e.path);
            let seg = |k: usize| segs.get(k).map_or("", |(_, s)| *s);
            match (seg(0), segs.len()) {
                ("Resources", 3) if seg(2) == "Type" => {
                    types.insert(seg(1), e.value.as_str());
                }
                ("Parameters", 3) if seg(2) == "Default" => {
                    params.entry(seg(1).to_string()).or_default().default = Some(i);
                }
                ("Parameters", 3) if seg(2) == "Type" => {
                    params.entry(seg(1).to_string()).or_default().list =
                        e.value.starts_with("CommaDelimitedList") || e.value.starts_with("List<");
                }
                ("Mappings", 4) => {
                    let keys = mapping_keys.entry(seg(1).to_string()).or_default();
                    if !keys.iter().any(|k| k == seg(2)) {
                        keys.push(seg(2).to_string());
                    }
                }
                _ => {}
            }
            let root = root_of(&e.path);
            let group = groups.entry(root).or_default();
            if group.is_empty() {
                order.push(root);
            }
            group.push(i);
        }
        let env = Env {
            entries,
            by_path: &by_path,
            params: &params,
            overrides: &self.deployment.overrides,
            region: self.deployment.region.as_ref().map(|(r, _)| r.as_str()),
            mapping_keys: &mapping_keys,
            nesting: std::cell::Cell::new(0),
        };
        let mut done: HashSet<&str> = HashSet::new();
        let props = Props {
            entries,
            members: &members,
            by_path: &by_path,
            groups: &groups,
            env: &env,
            types: &types,
            file: self.file,
        };
        let address_of = |id: &str| format!("{}#{id}", self.file.path);
        let first_out = out.len();

        // Bedrock resources: their model property, whatever intrinsic writes it.
        let mut typed_ids: Vec<(&str, &str)> = types.iter().map(|(k, v)| (*k, *v)).collect();
        typed_ids.sort_unstable();
        for (id, cfn_type) in typed_ids {
            let Some((kind, model_path)) = schema(cfn_type) else {
                continue;
            };
            let prefix = format!("Resources.{id}.{model_path}");
            let Some(&type_entry) = by_path.get(format!("Resources.{id}.Type").as_str()) else {
                continue;
            };
            let roots: Vec<&str> = order
                .iter()
                .copied()
                .filter(|r| {
                    *r == prefix
                        || r.starts_with(&format!("{prefix}."))
                        || r.starts_with(&format!("{prefix}["))
                })
                .collect();
            let mut alts = Vec::new();
            for r in &roots {
                done.insert(r);
                let node = Node::build(entries, r, &groups[r]);
                alts.extend(env.eval(&node).unwrap_or_default());
            }
            let at = &entries[type_entry];
            let span = self.file.span(at.range.clone());
            let found = alts
                .iter()
                .find_map(|alt| self.first_model(alt).map(|m| (alt, m)));
            let (model, model_span, notes, alt_region) = match found {
                Some((alt, (model, model_span))) => (
                    Known::Known(model),
                    Some(model_span),
                    alt.notes.clone(),
                    alt.region.clone(),
                ),
                None => {
                    let why = match roots.first().and_then(|r| groups[r].first()) {
                        Some(&j) => format!(
                            "`{}` is not resolved here (a parameter without a default, or an intrinsic)",
                            entries[j].value
                        ),
                        None => format!("{model_path} is not set"),
                    };
                    (Known::Unknown(why), None, Vec::new(), None)
                }
            };
            let region = self.region(at, model.known(), alt_region);
            let mut r = resource(
                format!("{}#{id}", self.file.path),
                kind,
                None,
                span.clone(),
                model_span.or(Some(span)),
                region,
                model,
            );
            r.notes = notes;
            r.tags = tags_of(entries, self.doc, id);
            if kind == ResourceKind::KnowledgeBase {
                r.details = Details::KnowledgeBase(props.knowledge_base(id, address_of));
            }
            let chosen = r.model_span.clone();
            out.push(r);
            // The other branches of an `Fn::If` (or entries of a `Fn::FindInMap`) are possible calls
            // too: each is listed as a reference to the model it names.
            for alt in &alts {
                let Some((model, model_span)) = self.first_model(alt) else {
                    continue;
                };
                if chosen.as_ref() == Some(&model_span) {
                    continue;
                }
                let region = self.region(at, Some(&model), alt.region.clone());
                let mut other = resource(
                    self.file.path.clone(),
                    ResourceKind::ModelReference,
                    Some(format!("Resources.{id}.{model_path}{}", alt.branch)),
                    model_span.clone(),
                    Some(model_span),
                    region,
                    Known::Known(model),
                );
                other.notes.clone_from(&alt.notes);
                out.push(other);
            }
        }

        // Resources priced from their own properties and usage (they name no model); their other
        // values are read below like any resource's (a runtime's environment holds calls).
        let mut service_ids: Vec<(&str, &str)> = types.iter().map(|(k, v)| (*k, *v)).collect();
        service_ids.sort_unstable();
        for (id, cfn_type) in service_ids {
            let Some(kind) = service_kind(cfn_type) else {
                continue;
            };
            let Some(&type_entry) = by_path.get(format!("Resources.{id}.Type").as_str()) else {
                continue;
            };
            let at = &entries[type_entry];
            let span = self.file.span(at.range.clone());
            let details = match kind {
                ResourceKind::VectorCollection => {
                    let c = props.vector_collection(id, &span);
                    // Known not to be a vector search collection: not Bedrock's.
                    if c.is_vector_search() == Some(false) {
                        continue;
                    }
                    Details::VectorCollection(c)
                }
                ResourceKind::Guardrail => Details::Guardrail(props.guardrail(id)),
                _ => Details::Usage,
            };
            let region = self.region(at, None, None);
            let mut r = resource(
                address_of(id),
                kind,
                None,
                span,
                None,
                region,
                Known::Unknown(format!("{cfn_type} calls no model")),
            );
            r.details = details;
            r.tags = tags_of(entries, self.doc, id);
            out.push(r);
        }
        // A knowledge base's link names a collection this template lists, or none.
        let listed: HashSet<String> = out[first_out..]
            .iter()
            .filter(|r| r.kind == ResourceKind::VectorCollection)
            .map(|r| r.address.clone())
            .collect();
        for r in &mut out[first_out..] {
            if let Details::KnowledgeBase(kb) = &mut r.details {
                if kb.collection.as_ref().is_some_and(|c| !listed.contains(c)) {
                    kb.collection = None;
                }
            }
        }

        // Every other value. A parameter default or mapping entry that a call reads is listed here
        // too, at the same place as that call, and `extract` keeps the call.
        for root in order.iter().copied().filter(|r| !done.contains(r)) {
            let (role, why) = role_at(root, &types);
            let group = &groups[root];
            let node = Node::build(entries, root, group);
            let Some(alts) = env.eval(&node) else {
                continue;
            };
            let anchor = &entries[group[0]];
            let mut seen: HashSet<(usize, usize, String)> = HashSet::new();
            for alt in &alts {
                let (text, _) = alt.text();
                for (range, model) in find_model_refs(&text) {
                    // Text the evaluation made (a Region) holds no model: the expression's place.
                    let model_span = self
                        .span_of(alt, &range)
                        .unwrap_or_else(|| self.file.span(anchor.range.clone()));
                    if !seen.insert((model_span.start, model_span.end, model.text.clone())) {
                        continue;
                    }
                    let region = self.region(anchor, Some(&model), alt.region.clone());
                    let mut r = resource(
                        self.file.path.clone(),
                        ResourceKind::ModelReference,
                        Some(format!("{root}{}", alt.branch)),
                        model_span.clone(),
                        Some(model_span),
                        region,
                        Known::Known(model),
                    );
                    r.role = role;
                    r.notes.clone_from(&alt.notes);
                    if let (false, Some(why)) = (role.is_call(), why) {
                        r.notes.push(why.to_string());
                    }
                    out.push(r);
                }
            }
        }
        // Model IDs as mapping keys.
        for &i in &members {
            let e = &entries[i];
            if !e.is_key {
                continue;
            }
            for (range, model) in find_model_refs(&e.value) {
                let span = narrow(self.file, e, range);
                let region = self.region(e, Some(&model), None);
                let mut r = resource(
                    self.file.path.clone(),
                    ResourceKind::ModelReference,
                    Some(e.path.clone()),
                    span.clone(),
                    Some(span),
                    region,
                    Known::Known(model),
                );
                r.role = Role::Metadata;
                r.notes.push("a key of a table keyed by model".to_string());
                out.push(r);
            }
        }
    }

    /// The first model an alternative names, and where it is written.
    fn first_model(&self, alt: &Alt) -> Option<(crate::model::ModelRef, Span)> {
        let (text, _) = alt.text();
        find_model_refs(&text)
            .into_iter()
            .find_map(|(range, m)| self.span_of(alt, &range).map(|s| (m, s)))
    }

    /// Where the model at `range` of an alternative's text is written: the pieces it spans when one
    /// entry writes them all (an ARN in one `!Sub` template), else the piece holding its last byte (a
    /// profile ID from a parameter default, inside an ARN built by `!Sub`).
    fn span_of(&self, alt: &Alt, range: &std::ops::Range<usize>) -> Option<Span> {
        let (_, starts) = alt.text();
        let last = range.end.checked_sub(1)?;
        let piece_at = |at: usize| starts.iter().rposition(|&s| s <= at);
        let k = piece_at(last)?;
        let first = piece_at(range.start).unwrap_or(k);
        match &alt.pieces[k].origin {
            Some(Origin::Entry(j, r)) => {
                let e = &self.entries[*j];
                let to = (r.start + (range.end - starts[k])).min(r.end);
                let from = match &alt.pieces[first].origin {
                    Some(Origin::Entry(fj, fr)) if fj == j => {
                        fr.start + (range.start - starts[first]).min(fr.len())
                    }
                    _ => r.start + range.start.saturating_sub(starts[k]),
                };
                Some(narrow(self.file, e, from.min(to)..to))
            }
            Some(Origin::Elsewhere(span)) => Some(span.clone()),
            // Text made by the evaluation itself (a Region, a delimiter): the whole expression.
            None => None,
        }
    }

    /// The Region a value is called in: an alternative's own (a mapping keyed by Region), a Region key
    /// beside it, the deployment's (`samconfig.toml`), the ARN's, then the fallback.
    fn region(
        &self,
        at: &Entry,
        model: Option<&crate::model::ModelRef>,
        alt_region: Option<String>,
    ) -> RegionChoice {
        if let Some(region) = alt_region {
            return RegionChoice {
                region,
                source: RegionSource::ResourceArgument,
            };
        }
        let found = self.regions.for_entry(at, model, self.fallback);
        if found.source == RegionSource::ResourceArgument {
            return found;
        }
        match &self.deployment.region {
            Some((region, _)) => RegionChoice {
                region: region.clone(),
                source: RegionSource::Provider,
            },
            None => found,
        }
    }
}

/// `Properties.Tags` as CloudFormation writes them: a list of `{Key, Value}` (most types) or a map.
fn tags_of(entries: &[Entry], doc: usize, logical_id: &str) -> BTreeMap<String, String> {
    let prefix = format!("Resources.{logical_id}.Properties.Tags");
    let mut keys: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
    let mut tags = BTreeMap::new();
    for e in entries.iter().filter(|e| e.doc == doc && !e.is_key) {
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
