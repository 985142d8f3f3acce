//! Declared usage (`[usage."KEY"]` in `.bedrock-lint.toml`), in the spirit of Infracost's usage file.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a team expects a resource or model to do in a month. Every field is optional: what is not
/// declared is "unknown", never invented.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Usage {
    pub input_tokens_per_month: Option<Decimal>,
    pub output_tokens_per_month: Option<Decimal>,
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
        self.input_tokens_per_month.is_some() || self.output_tokens_per_month.is_some()
    }
}
