//! `bedrock-lint usage`: the `[usage."KEY"]` entries a run needs to price what it found, keyed exactly
//! as the usage lookup reads them, each key with what it is and its unit — what
//! `infracost breakdown --sync-usage-file` does for its users. `--write` merges them into
//! `.bedrock-lint.toml` with `toml_edit`, keeping the user's comments, values and layout.

use std::collections::BTreeMap;

use toml_edit::{value, DocumentMut, Item, Table};

use crate::model::ResourceKind;
use crate::pricing::{CostStatus, PricedResource};
use crate::Report;

/// One key of a usage entry: its name and what it means.
struct Field {
    key: &'static str,
    comment: &'static str,
}

const TOKENS: [Field; 2] = [
    Field {
        key: "input_tokens_per_month",
        comment: "input (prompt) tokens sent per month",
    },
    Field {
        key: "output_tokens_per_month",
        comment: "output (completion) tokens generated per month",
    },
];

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
    fields: &'static [Field],
}

/// The entries the report's resources need: every call priced per token with no usage declared, and
/// every provisioned throughput with none (its hourly cost is known; its utilisation is not).
pub fn needed(report: &Report) -> Vec<Entry> {
    let wanted: Vec<&PricedResource> = report
        .resources
        .iter()
        .filter(|r| r.usage.is_none() && !r.resource.is_removed())
        .filter(|r| {
            r.resource.kind == ResourceKind::ProvisionedThroughput
                || r.cost.status == CostStatus::UsageUnknown
        })
        .collect();
    // Several model strings in one resource (two environment variables of one Lambda) would share
    // its address and each be priced with the same volume: each gets its own `ADDRESS#attribute` key.
    let mut per_address: BTreeMap<String, usize> = BTreeMap::new();
    for r in &wanted {
        *per_address
            .entry(r.resource.resource_address())
            .or_default() += 1;
    }
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for r in wanted {
        let res = &r.resource;
        let base = res.resource_address();
        let key = match &res.attribute {
            Some(attr) if per_address.get(&base).copied().unwrap_or(0) > 1 => {
                format!("{base}#{attr}")
            }
            _ => base,
        };
        let key = key
            .strip_prefix(report.root.as_str())
            .unwrap_or(&key)
            .to_string();
        let model = res
            .model
            .known()
            .map_or_else(|| "a model not known here".to_string(), |m| m.text.clone());
        let fields: &'static [Field] = if res.kind == ResourceKind::ProvisionedThroughput {
            &PROVISIONED
        } else {
            &TOKENS
        };
        let about = format!("{} ({}) — {model}", res.address, res.kind);
        entries
            .entry(key.clone())
            .or_insert(Entry { key, about, fields });
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
        for f in e.fields {
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
