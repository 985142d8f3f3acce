//! Output formats. The only place that prints (into a `String` the binary writes).

mod cost_table;
mod json;
mod rule_list;
mod text;

pub use cost_table::render_cost_table;
pub use json::render_json;
pub use rule_list::{render_explain, render_rule_list, render_rule_table_markdown};
pub use text::{render_text, TextOptions};

use crate::model::{Known, Routing};
use crate::pricing::PricedResource;

/// `in-region`, `geo:us`, `global` (JSON) — `None` when not visible.
pub(crate) fn routing_label(r: &PricedResource) -> Option<String> {
    let model = r.resource.model.known()?;
    Some(match model.routing()? {
        Routing::InRegion => "in-region".to_string(),
        Routing::Geo(g) => format!("geo:{g}"),
        Routing::Global => "global".to_string(),
    })
}

pub(crate) fn model_label(r: &PricedResource) -> Option<String> {
    // An ARN is long and says the same as the model ID inside it.
    match &r.resource.model {
        Known::Known(m) if m.text.starts_with("arn:") => {
            Some(m.model_id().map_or_else(|| m.text.clone(), str::to_string))
        }
        Known::Known(m) => Some(m.text.clone()),
        Known::Unknown(_) => None,
    }
}
