//! Declared usage (`[usage."KEY"]` in `.bedrock-lint.toml`), in the spirit of Infracost's usage file.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Tier;

/// What a team expects a resource or model to do in a month. Every field is optional: what is not
/// declared is "unknown", never invented.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Usage {
    /// Uncached input tokens.
    pub input_tokens_per_month: Option<Decimal>,
    pub output_tokens_per_month: Option<Decimal>,
    /// Prompt-cache writes with the 5-minute TTL (the default).
    pub cache_write_tokens_per_month: Option<Decimal>,
    /// Prompt-cache writes with the 1-hour TTL.
    pub cache_write_1h_tokens_per_month: Option<Decimal>,
    pub cache_read_tokens_per_month: Option<Decimal>,
    /// Every prompt is above the model's long-context threshold (>200K for Claude, >272K for GPT-5.6).
    pub long_context: Option<bool>,
    /// The service tier the traffic uses: `standard` (default), `flex`, `priority` or `batch`.
    pub tier: Option<Tier>,
    /// Images generated (or embedded), for models priced per image.
    pub images_per_month: Option<Decimal>,
    /// Seconds of video generated or read, for models priced per second of video.
    pub video_seconds_per_month: Option<Decimal>,
    /// Seconds of audio, for models priced per second of audio.
    pub audio_seconds_per_month: Option<Decimal>,
    /// Rerank queries (priced per 1,000).
    pub queries_per_month: Option<Decimal>,
    pub peak_tokens_per_minute: Option<Decimal>,
    /// Hours the resource exists in a month (default 730).
    pub hours_per_month: Option<Decimal>,
    /// One model unit's capacity for this resource, which AWS does not publish.
    pub tokens_per_minute_per_unit: Option<Decimal>,
    /// `batch`: the work is asynchronous, so a batch job could serve it (BL011).
    pub latency: Option<Latency>,
    /// How many more months the capacity is needed (a pilot, a migration): a commitment longer than
    /// this pays for months nobody uses (BL014).
    pub months_needed: Option<Decimal>,

    // Resources other than model calls (each priced per the catalog's `[services.*]`).
    /// Guardrail: text units evaluated per month (a text unit is up to 1,000 characters; each
    /// configured policy type is billed on each).
    pub text_units_per_month: Option<Decimal>,
    /// Knowledge base: retrieval (Retrieve / RetrieveAndGenerate) calls per month.
    pub retrievals_per_month: Option<Decimal>,
    /// Vector collection: GB of index stored (priced only where a price book gives `storage_gb_month`).
    pub storage_gb: Option<Decimal>,
    /// Custom model: tokens in the training dataset (billed once per job, times the epochs).
    pub training_dataset_tokens: Option<Decimal>,
    /// Custom model: epochs, when the job's `hyperparameters` do not say.
    pub epochs: Option<Decimal>,
    /// Imported model: Custom Model Units of a copy (storage is billed per unit per month).
    pub custom_model_units: Option<Decimal>,
    /// Imported model: Custom-Model-Unit minutes of active inference per month.
    pub custom_model_unit_minutes_per_month: Option<Decimal>,
    /// AgentCore runtime: vCPU-hours of active processing per month.
    pub vcpu_hours_per_month: Option<Decimal>,
    /// AgentCore runtime: GB-hours of memory per month.
    pub gb_hours_per_month: Option<Decimal>,
    /// AgentCore gateway: InvokeTool and ListTools calls per month.
    pub tool_calls_per_month: Option<Decimal>,
    /// AgentCore gateway: tool searches per month.
    pub tool_searches_per_month: Option<Decimal>,
    /// AgentCore gateway: tools indexed for search.
    pub tools_indexed: Option<Decimal>,
    /// AgentCore memory: new short-term events per month.
    pub memory_events_per_month: Option<Decimal>,
    /// AgentCore memory: long-term records stored.
    pub memory_records: Option<Decimal>,
    /// AgentCore memory: long-term retrievals per month.
    pub memory_retrievals_per_month: Option<Decimal>,
    /// Flow: node transitions per month.
    pub node_transitions_per_month: Option<Decimal>,
    /// Invocation logging: GB of log data delivered per month.
    pub log_gb_per_month: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Latency {
    Realtime,
    Batch,
}

impl Usage {
    /// The quantities of resources other than model calls, by TOML key (what [`Usage::field`] reads).
    pub const SERVICE_FIELDS: [&'static str; 17] = [
        "text_units_per_month",
        "retrievals_per_month",
        "storage_gb",
        "training_dataset_tokens",
        "epochs",
        "custom_model_units",
        "custom_model_unit_minutes_per_month",
        "vcpu_hours_per_month",
        "gb_hours_per_month",
        "tool_calls_per_month",
        "tool_searches_per_month",
        "tools_indexed",
        "memory_events_per_month",
        "memory_records",
        "memory_retrievals_per_month",
        "node_transitions_per_month",
        "log_gb_per_month",
    ];

    /// A usage field by its TOML key, for the components of resources other than model calls.
    pub fn field(&self, key: &str) -> Option<Decimal> {
        match key {
            "text_units_per_month" => self.text_units_per_month,
            "retrievals_per_month" => self.retrievals_per_month,
            "storage_gb" => self.storage_gb,
            "training_dataset_tokens" => self.training_dataset_tokens,
            "epochs" => self.epochs,
            "custom_model_units" => self.custom_model_units,
            "custom_model_unit_minutes_per_month" => self.custom_model_unit_minutes_per_month,
            "vcpu_hours_per_month" => self.vcpu_hours_per_month,
            "gb_hours_per_month" => self.gb_hours_per_month,
            "tool_calls_per_month" => self.tool_calls_per_month,
            "tool_searches_per_month" => self.tool_searches_per_month,
            "tools_indexed" => self.tools_indexed,
            "memory_events_per_month" => self.memory_events_per_month,
            "memory_records" => self.memory_records,
            "memory_retrievals_per_month" => self.memory_retrievals_per_month,
            "node_transitions_per_month" => self.node_transitions_per_month,
            "log_gb_per_month" => self.log_gb_per_month,
            "input_tokens_per_month" => self.input_tokens_per_month,
            "output_tokens_per_month" => self.output_tokens_per_month,
            "cache_write_tokens_per_month" => self.cache_write_tokens_per_month,
            "cache_write_1h_tokens_per_month" => self.cache_write_1h_tokens_per_month,
            "cache_read_tokens_per_month" => self.cache_read_tokens_per_month,
            "images_per_month" => self.images_per_month,
            "video_seconds_per_month" => self.video_seconds_per_month,
            "audio_seconds_per_month" => self.audio_seconds_per_month,
            "queries_per_month" => self.queries_per_month,
            "hours_per_month" => self.hours_per_month,
            _ => None,
        }
    }

    pub fn has_tokens(&self) -> bool {
        self.input_tokens_per_month.is_some()
            || self.output_tokens_per_month.is_some()
            || self.cache_write_tokens_per_month.is_some()
            || self.cache_write_1h_tokens_per_month.is_some()
            || self.cache_read_tokens_per_month.is_some()
    }

    /// Any billable quantity declared (tokens, images, seconds, queries).
    pub fn has_quantities(&self) -> bool {
        self.has_tokens()
            || self.images_per_month.is_some()
            || self.video_seconds_per_month.is_some()
            || self.audio_seconds_per_month.is_some()
            || self.queries_per_month.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::Usage;

    /// Every service field is a real key of the usage table and `field` reads it.
    #[test]
    fn service_fields_are_usage_keys() {
        for key in Usage::SERVICE_FIELDS {
            let u: Usage = toml::from_str(&format!("{key} = 7")).expect(key);
            assert_eq!(u.field(key), Some(rust_decimal::Decimal::from(7)), "{key}");
        }
    }
}
