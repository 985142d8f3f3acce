//! `bedrock-lint usage`: the `[usage."KEY"]` entries a run needs to price what it found, keyed exactly
//! as the usage lookup reads them, each key with what it is and its unit — what
//! `infracost breakdown --sync-usage-file` does for its users. `--write` merges them into
//! `.bedrock-lint.toml` with `toml_edit`, keeping the user's comments, values and layout.

use std::collections::BTreeMap;

use toml_edit::{value, DocumentMut, Item, Table};

use crate::model::{Details, KnowledgeBaseStore, ResourceKind};
use crate::pricing::PricedResource;
use crate::Report;

/// One key of a usage entry: its name and what it means.
#[derive(Clone, Copy)]
struct Field {
    key: &'static str,
    comment: &'static str,
}

const PROVISIONED: [Field; 4] = [
    Field {
        key: "input_tokens_per_month",
        comment: "input tokens served per month (BL003/BL004 judge utilisation from it)",
    },
    Field {
        key: "output_tokens_per_month",
        comment: "output tokens served per month",
    },
    Field {
        key: "peak_tokens_per_minute",
        comment: "the busiest minute's tokens (sizes the model units)",
    },
    Field {
        key: "tokens_per_minute_per_unit",
        comment: "one model unit's capacity for this model, from your AWS account team",
    },
];

/// One `[usage."KEY"]` entry to declare.
pub struct Entry {
    /// The key, relative to the config file's directory as usage keys are.
    pub key: String,
    /// What the entry describes (`aws_lambda_function.chat calls anthropic.claude-…`).
    pub about: String,
    fields: Vec<Field>,
}

/// What a usage field is, and its unit: the comment written beside it.
fn comment(field: &str) -> &'static str {
    match field {
        "input_tokens_per_month" => "input (prompt) tokens sent per month",
        "output_tokens_per_month" => "output (completion) tokens generated per month",
        "cache_write_tokens_per_month" => "prompt-cache write tokens (5-minute TTL) per month",
        "cache_write_1h_tokens_per_month" => "prompt-cache write tokens (1-hour TTL) per month",
        "cache_read_tokens_per_month" => "prompt-cache read tokens per month",
        "images_per_month" => "images generated or embedded per month",
        "video_seconds_per_month" => "seconds of video per month",
        "audio_seconds_per_month" => "seconds of audio per month",
        "queries_per_month" => "rerank queries per month",
        "hours_per_month" => "hours the resource exists in a month (730 = always)",
        "text_units_per_month" => {
            "text units the guardrail evaluates per month (a unit is up to 1,000 characters)"
        }
        "retrievals_per_month" => "Retrieve / RetrieveAndGenerate calls per month",
        "storage_gb" => "GB of vector index stored",
        "training_dataset_tokens" => {
            "tokens in the training dataset (billed once per job, times the epochs)"
        }
        "epochs" => "training epochs (hyperparameters.epochCount)",
        "custom_model_units" => "Custom Model Units of one copy of the imported model",
        "custom_model_unit_minutes_per_month" => {
            "Custom-Model-Unit minutes of active inference per month"
        }
        "vcpu_hours_per_month" => "vCPU-hours of active processing per month",
        "gb_hours_per_month" => "GB-hours of memory per month",
        "tool_calls_per_month" => "InvokeTool and ListTools calls per month",
        "tool_searches_per_month" => "tool searches per month",
        "tools_indexed" => "tools indexed for search",
        "memory_events_per_month" => "new short-term memory events per month",
        "memory_records" => "long-term memory records stored",
        "memory_retrievals_per_month" => "long-term memory retrievals per month",
        "node_transitions_per_month" => "flow node transitions per month",
        "log_gb_per_month" => "GB of invocation logs delivered to CloudWatch Logs per month",
        _ => "see README: Usage",
    }
}

/// The entries the report's resources need: every usage field a component waits for (a call's
/// tokens, a guardrail's text units, a log volume...), and for a provisioned throughput with no usage
/// the volumes that judge its utilisation (its hourly cost is known; its use is not). A resource
/// that already has an entry gets the fields it lacks, under the key it was found by.
pub fn needed(report: &Report) -> Vec<Entry> {
    let fields_of = |r: &PricedResource| -> Vec<Field> {
        if r.resource.kind == ResourceKind::ProvisionedThroughput {
            return if r.usage.is_none() {
                PROVISIONED.to_vec()
            } else {
                Vec::new()
            };
        }
        let mut fields: Vec<Field> = r
            .cost
            .usage_needed()
            .into_iter()
            .map(|key| Field {
                key,
                comment: comment(key),
            })
            .collect();
        // Not a priced component, but what weighs a vector floor per retrieval (BL021).
        let on_collection = matches!(
            &r.resource.details,
            Details::KnowledgeBase(KnowledgeBaseStore {
                collection: Some(_),
                ..
            })
        );
        if on_collection && r.usage().is_none_or(|u| u.retrievals_per_month.is_none()) {
            fields.push(Field {
                key: "retrievals_per_month",
                comment: "Retrieve / RetrieveAndGenerate calls per month (BL021 weighs the floor by them)",
            });
        }
        fields
    };
    let wanted: Vec<(&PricedResource, Vec<Field>)> = report
        .resources
        .iter()
        .filter(|r| !r.resource.is_removed())
        .map(|r| (r, fields_of(r)))
        .filter(|(_, f)| !f.is_empty())
        .collect();
    // Several model strings in one resource (two environment variables of one Lambda) would share
    // its address and each be priced with the same volume: each gets its own `ADDRESS#attribute` key.
    let mut per_address: BTreeMap<String, usize> = BTreeMap::new();
    for (r, _) in &wanted {
        *per_address
            .entry(r.resource.resource_address())
            .or_default() += 1;
    }
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for (r, fields) in wanted {
        let res = &r.resource;
        let key = match &r.usage {
            // Already declared (some fields missing): complete that entry.
            Some((key, _)) => key.clone(),
            None => {
                let base = res.resource_address();
                let key = match &res.attribute {
                    Some(attr) if per_address.get(&base).copied().unwrap_or(0) > 1 => {
                        format!("{base}#{attr}")
                    }
                    _ => base,
                };
                key.strip_prefix(report.root.as_str())
                    .unwrap_or(&key)
                    .to_string()
            }
        };
        let what = if res.kind.calls_no_model() {
            res.kind.to_string()
        } else {
            let model = res
                .model
                .known()
                .map_or_else(|| "a model not known here".to_string(), |m| m.text.clone());
            format!("{} — {model}", res.kind)
        };
        let about = format!("{} ({what})", res.address);
        let entry = entries.entry(key.clone()).or_insert(Entry {
            key,
            about,
            fields: Vec::new(),
        });
        for f in fields {
            if !entry.fields.iter().any(|g| g.key == f.key) {
                entry.fields.push(f);
            }
        }
    }
    entries.into_values().collect()
}

/// The entries as TOML to paste: every value `0` for you to set (a `0` prices as free, so leave none).
pub fn skeleton(entries: &[Entry]) -> String {
    let mut doc = DocumentMut::new();
    merge(&mut doc, entries);
    if entries.is_empty() {
        return "# Nothing needs usage: every resource found is priced or needs no volume.\n"
            .into();
    }
    format!(
        "# Usage to declare in .bedrock-lint.toml (`bedrock-lint usage --write` merges it there).\n\
         # Every value is 0 for you to set: a 0 left in place prices that volume as free.\n{doc}"
    )
}

/// Adds the entries `doc` lacks under `[usage]`, and the keys an entry lacks; what is there stays.
/// Returns how many entries were added.
pub fn merge(doc: &mut DocumentMut, entries: &[Entry]) -> usize {
    let root = doc.as_table_mut();
    if !root.contains_key("usage") {
        let mut usage = Table::new();
        usage.set_implicit(true);
        root.insert("usage", Item::Table(usage));
    }
    let Some(usage) = root.get_mut("usage").and_then(Item::as_table_mut) else {
        // `usage` is not a table (an invalid config): leave it for `config` validation to report.
        return 0;
    };
    let mut added = 0;
    for e in entries {
        if !usage.contains_key(&e.key) {
            let mut t = Table::new();
            t.decor_mut().set_prefix(format!("\n# {}\n", e.about));
            usage.insert(&e.key, Item::Table(t));
            added += 1;
        }
        let Some(t) = usage.get_mut(&e.key).and_then(Item::as_table_mut) else {
            continue;
        };
        for f in &e.fields {
            if t.contains_key(f.key) {
                continue;
            }
            t.insert(f.key, value(0));
            if let Some(mut k) = t.key_mut(f.key) {
                k.leaf_decor_mut().set_prefix("");
            }
            if let Some(v) = t.get_mut(f.key).and_then(Item::as_value_mut) {
                v.decor_mut().set_suffix(format!("  # {}", f.comment));
            }
        }
    }
    added
}
