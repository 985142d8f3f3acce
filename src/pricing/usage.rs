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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Latency {
    Realtime,
    Batch,
}

impl Usage {
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
