//! What a model string in app config *is*, from where it stands: the value of a key that picks the
//! model is a call; a LiteLLM alias or `model_info`, a description, a tag, an allowed-value list, a
//! price table's row or an evaluation log's recorded output is metadata. The shape of the document
//! decides, never the file's name.

use std::collections::{BTreeSet, HashMap};

use super::entries::Entry;
use crate::model::Role;

/// Why a string is not a call, shown as a note.
pub type Why = &'static str;

/// Keys whose values describe, never select: anywhere on the path (case-insensitive).
const DESCRIBING_KEYS: &[&str] = &[
    "description",
    "descriptions",
    "desc",
    "summary",
    "comment",
    "comments",
    "note",
    "notes",
    "title",
    "label",
    "alias",
    "aliases",
    "display_name",
    "displayname",
    "example",
    "examples",
    "allowed_values",
    "allowedvalues",
    "enum",
    "tags",
    "constraintdescription",
];

/// Keys that describe only as a list of items: `options[0]` (a workflow input's choices) but not
/// Spring's `chat.options.model`.
const CHOICE_LISTS: &[&str] = &["options", "choices"];

/// LiteLLM router settings that name model groups (aliases), not models.
const LITELLM_ALIAS_LISTS: &[&str] = &[
    "fallbacks",
    "context_window_fallbacks",
    "content_policy_fallbacks",
    "default_fallbacks",
    "model_group_alias",
];

/// A recorded model output in a record (evaluation log, batch-inference output, promptfoo results).
const OUTPUT_KEYS: &[&str] = &[
    "output",
    "outputs",
    "response",
    "responses",
    "completion",
    "completions",
    "prediction",
    "predictions",
    "generated_text",
    "generation",
    "generations",
    "model_output",
    "modeloutput",
];

/// The input the output was recorded for.
const INPUT_KEYS: &[&str] = &[
    "prompt",
    "prompts",
    "input",
    "inputs",
    "question",
    "messages",
    "query",
    "model_input",
    "modelinput",
    "vars",
    // A recorded HTTP exchange (VCR cassettes): the request named the model.
    "request",
];

/// Keys that hold an IAM policy (a policy JSON checked into a repository, a policy in a Helm value):
/// what they name is a grant.
const POLICY_KEYS: &[&str] = &["statement", "policydocument", "policy_document"];

/// The segments of a key path: `a.b[0].c` → `a`, `b`, `[0]`, `c`, each with the path before it.
pub fn segments(path: &str) -> Vec<(&str, &str)> {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| {
        if end > start {
            let parent = match bytes.get(start) {
                _ if start == 0 => "",
                Some(b'[') => &path[..start],
                _ => &path[..start - 1],
            };
            out.push((parent, &path[start..end]));
        }
    };
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if (b == b'.' || b == b'[') && i > start {
            push(start, i);
            start = if b == b'.' { i + 1 } else { i };
        }
    }
    push(start, bytes.len());
    out
}

/// What each path's direct children are called, per document: enough to see a record's shape.
pub struct Context<'e> {
    children: HashMap<(usize, &'e str), BTreeSet<String>>,
    /// Numbers under price-like keys, per enclosing mapping.
    prices: HashMap<(usize, &'e str), usize>,
    /// One document a line (JSON Lines): each document is a record.
    records_are_documents: bool,
}

impl<'e> Context<'e> {
    pub fn new(entries: &'e [Entry], records_are_documents: bool) -> Self {
        let mut children: HashMap<(usize, &'e str), BTreeSet<String>> = HashMap::new();
        let mut prices: HashMap<(usize, &'e str), usize> = HashMap::new();
        for e in entries.iter().filter(|e| !e.is_key) {
            let segs = segments(&e.path);
            if let Some((parent, seg)) = segs.last() {
                if is_price_key(seg) && e.value.trim().parse::<f64>().is_ok() {
                    *prices.entry((e.doc, parent)).or_default() += 1;
                }
            }
            for (parent, seg) in segs {
                children
                    .entry((e.doc, parent))
                    .or_default()
                    .insert(seg.to_ascii_lowercase());
            }
        }
        Context {
            children,
            prices,
            records_are_documents,
        }
    }

    fn child_keys(&self, doc: usize, parent: &'e str) -> Option<&BTreeSet<String>> {
        self.children.get(&(doc, parent))
    }

    /// The role of the model string in entry `e`, and why when it is not a call.
    pub fn role_of(&self, e: &'e Entry) -> (Role, Option<Why>) {
        if e.is_key {
            return (Role::Metadata, Some("a key of a table keyed by model"));
        }
        let segs = segments(&e.path);
        if let Some(r) = litellm_role(&segs) {
            return r;
        }
        // A CloudFormation parameter file not beside its template (`params/prod.json`): the value of
        // a parameter some template reads, not a call of its own.
        if segs.last().is_some_and(|(_, k)| *k == "ParameterValue")
            && segs
                .last()
                .and_then(|(parent, _)| self.child_keys(e.doc, parent))
                .is_some_and(|keys| keys.contains("parameterkey"))
        {
            return (
                Role::Default,
                Some("a CloudFormation parameter value for a template deployed with it (read with the template only as parameters.json beside it)"),
            );
        }
        if segs
            .iter()
            .any(|(_, seg)| POLICY_KEYS.contains(&seg.to_ascii_lowercase().as_str()))
        {
            return (
                Role::Permission,
                Some("an IAM policy: it allows calls, it makes none"),
            );
        }
        if let Some(why) = describing(&segs) {
            return (Role::Metadata, Some(why));
        }
        if self.in_price_table(e, &segs) {
            return (Role::Metadata, Some("a row of a price table"));
        }
        if self.in_recorded_output(e, &segs) {
            return (
                Role::Metadata,
                Some("a recorded call (evaluation log or batch record), not a call this config makes"),
            );
        }
        (Role::Call, None)
    }

    /// Beside the string, two or more numbers under price-like keys (`input_price`, `output_cost`,
    /// `usd_per_1k_input`), or a `pricing` table: a price list, not a configuration.
    fn in_price_table(&self, e: &'e Entry, segs: &[(&'e str, &'e str)]) -> bool {
        let Some((parent, _)) = segs.last() else {
            return false;
        };
        let priced = self.prices.get(&(e.doc, *parent)).copied().unwrap_or(0);
        priced >= 2
            || self.child_keys(e.doc, parent).is_some_and(|keys| {
                ["pricing", "prices", "price"]
                    .iter()
                    .any(|k| keys.contains(*k))
            })
    }

    /// Inside a record (an item of a list, or a JSON Lines document) that holds both an input and a
    /// recorded output.
    fn in_recorded_output(&self, e: &'e Entry, segs: &[(&'e str, &'e str)]) -> bool {
        let mut records: Vec<&str> = segs
            .iter()
            .filter(|(_, seg)| seg.starts_with('['))
            .map(|(parent, seg)| &e.path[..parent.len() + seg.len()])
            .collect();
        if self.records_are_documents {
            records.push("");
        }
        records.into_iter().any(|record| {
            self.child_keys(e.doc, record).is_some_and(|keys| {
                keys.iter().any(|k| OUTPUT_KEYS.contains(&k.as_str()))
                    && keys.iter().any(|k| INPUT_KEYS.contains(&k.as_str()))
            })
        })
    }
}

/// A describing key on the path (`Description`, `tags`, `AllowedValues`, a list of `options`).
pub fn describing(segs: &[(&str, &str)]) -> Option<Why> {
    for (i, (_, seg)) in segs.iter().enumerate() {
        let lower = seg.to_ascii_lowercase();
        if DESCRIBING_KEYS.contains(&lower.as_str()) {
            return Some("a description, tag or list of allowed values");
        }
        let next_is_item = segs.get(i + 1).is_some_and(|(_, s)| s.starts_with('['));
        if next_is_item && CHOICE_LISTS.contains(&lower.as_str()) {
            return Some("a list of choices");
        }
    }
    None
}

fn is_price_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    [
        "price",
        "cost",
        "per_1k",
        "per_1m",
        "per_million",
        "per_thousand",
        "usd",
    ]
    .iter()
    .any(|p| k.contains(p))
}

/// LiteLLM's `model_list`: `litellm_params.model` is the call; `model_name` is the alias callers
/// use and `model_info` describes the model; router fallbacks name aliases.
fn litellm_role(segs: &[(&str, &str)]) -> Option<(Role, Option<Why>)> {
    for (i, (_, seg)) in segs.iter().enumerate() {
        if *seg == "model_list" && segs.get(i + 1).is_some_and(|(_, s)| s.starts_with('[')) {
            return match segs.get(i + 2).map(|(_, s)| *s) {
                Some("model_name") => Some((
                    Role::Metadata,
                    Some("a LiteLLM model_name: the alias callers use, not the model called"),
                )),
                Some("model_info") => Some((
                    Role::Metadata,
                    Some(
                        "LiteLLM model_info describes the model; litellm_params.model is the call",
                    ),
                )),
                Some("litellm_params") => Some((Role::Call, None)),
                _ => None,
            };
        }
        if LITELLM_ALIAS_LISTS.contains(seg)
            && segs[..i]
                .iter()
                .any(|(_, s)| matches!(*s, "router_settings" | "litellm_settings"))
        {
            return Some((
                Role::Metadata,
                Some("LiteLLM router settings name model groups (aliases), not models"),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_of_paths() {
        assert_eq!(
            segments("a.b[0].c"),
            [("", "a"), ("a", "b"), ("a.b", "[0]"), ("a.b[0]", "c")]
        );
        assert_eq!(segments("[2].x"), [("", "[2]"), ("[2]", "x")]);
        assert_eq!(
            segments("Resources.F.Fn::Sub"),
            [
                ("", "Resources"),
                ("Resources", "F"),
                ("Resources.F", "Fn::Sub")
            ]
        );
    }
}
