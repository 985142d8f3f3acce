//! Hover on a model ID, profile ID or Bedrock ARN: what the model is, its price in this routing and in
//! the routings the declared data residency allows, and the monthly cost of the resource when known.

use std::fmt::Write as _;

use crate::config::Config;
use crate::model::{find_model_refs, ModelRef, Routing};
use crate::money;
use crate::pricing::on_demand_rates;
use crate::Report;

use super::position::line_bounds;

/// The reference under the byte offset `at` of `text`, with its byte range in `text`.
pub fn reference_at(text: &str, at: usize) -> Option<(std::ops::Range<usize>, ModelRef)> {
    let (start, end) = line_bounds(text, at);
    find_model_refs(&text[start..end])
        .into_iter()
        .map(|(r, m)| (start + r.start..start + r.end, m))
        .find(|(r, _)| r.start <= at && at <= r.end)
}

fn routing_name(r: Routing) -> String {
    match r {
        Routing::InRegion => "in-Region".into(),
        Routing::Geo(g) => format!("`{g}.` geographic profile"),
        Routing::Global => "`global.` profile".into(),
    }
}

/// Markdown for the hover, or `None` when the offset is on no model reference.
pub fn hover_markdown(
    text: &str,
    at: usize,
    path: &str,
    report: Option<&Report>,
    config: &Config,
) -> Option<(std::ops::Range<usize>, String)> {
    let (range, model) = reference_at(text, at)?;
    // The resource this very literal is part of, if the last lint priced one.
    let resource = report.and_then(|rep| {
        rep.resources.iter().find(|r| {
            let s = r.resource.model_span.as_ref().unwrap_or(&r.resource.span);
            s.path() == path && s.start <= at && at <= s.end
        })
    });
    let mut md = String::new();
    let _ = writeln!(md, "**`{}`**\n", model.text);
    let Some(model_id) = model.model_id() else {
        md.push_str(
            "An application inference profile or provisioned model created elsewhere: which model it serves is not visible here.\n",
        );
        return Some((range, md));
    };
    let catalog = &config.catalog;
    let Some(found) = catalog.model(model_id) else {
        let _ = writeln!(
            md,
            "`{model_id}` is not in bedrock-lint's pricing catalog: no price is known (a price book can add one)."
        );
        return Some((range, md));
    };
    let region = resource
        .map(|r| r.resource.region.region.clone())
        .or_else(|| model.arn_region.clone())
        .unwrap_or_else(|| config.fallback_region.region.clone());
    let _ = writeln!(
        md,
        "{} — {} · `{}`",
        found.price.name, found.price.provider, found.id
    );
    if let Some(next) = &found.price.superseded_by {
        let _ = writeln!(md, "\nSuperseded by `{next}`.");
    }
    let current = model.routing();
    md.push_str("\n| routing | per 1M input / output tokens |\n|---|---|\n");
    let routings = crate::rules::allowed_routings(
        found.price,
        found.routing,
        config.data_residency,
        &region,
        current,
    );
    let mut shown = Vec::new();
    for routing in current.into_iter().chain(routings) {
        if shown.contains(&routing) {
            continue;
        }
        shown.push(routing);
        let marker = if Some(routing) == current {
            " (this call)"
        } else {
            ""
        };
        let cell = match on_demand_rates(catalog, model_id, routing, &region) {
            Ok(r) => format!(
                "{}{}",
                money::token_prices(r.input, r.output)
                    .trim_end_matches(" per 1M input/output tokens")
                    .trim_end_matches(" per 1M input tokens"),
                if r.estimate { " (estimate)" } else { "" }
            ),
            Err(why) => why,
        };
        let _ = writeln!(md, "| {}{marker} | {cell} |", routing_name(routing));
    }
    let residency = match config.data_residency {
        Some(g) => format!(" · data residency `{g}`"),
        None => String::new(),
    };
    let _ = writeln!(md, "\nPrices in {region}{residency}.");
    if let Some(r) = resource {
        match r.cost.monthly_usd {
            Some(m) => {
                let _ = writeln!(
                    md,
                    "\n`{}`: **{}/month**{}",
                    r.resource.address,
                    money::usd(m),
                    if r.cost.estimate { " (estimate)" } else { "" }
                );
            }
            None => {
                let _ = writeln!(
                    md,
                    "\n`{}`: monthly cost unknown — declare its usage in `.bedrock-lint.toml`.",
                    r.resource.address
                );
            }
        }
    }
    let _ = write!(
        md,
        "\n_Source: {} (as of {})_",
        found.price.source, found.price.as_of
    );
    Some((range, md))
}
