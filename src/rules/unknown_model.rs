//! BL007: a model the catalog does not know or cannot price. Never priced at $0.

use super::{model_span, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Known, ModelRefKind};
use crate::pricing::{
    call_tier, commitment_label, provisioned_hourly_rate, rates_for, Catalog, LifecycleState,
    PricedResource, Tier,
};

pub static META: RuleMeta = RuleMeta {
    code: "BL007",
    name: "unknown-model",
    severity: Severity::Warning,
    summary: "Model ID one typo from a catalogued one (warning, did you mean), a well-formed ID the catalog does not know (info), or one it cannot price",
    doc: include_str!("../../rules/BL007-unknown-model.md"),
};

pub struct UnknownModel;

impl Rule for UnknownModel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let res = &r.resource;
        let catalog = &ctx.config.catalog;
        if let Some(text) = &res.invalid_model_text {
            let mut d = META.diagnostic(
                r,
                model_span(r),
                format!("`{text}` is not a Bedrock model ID, inference profile ID or Bedrock ARN"),
            );
            d.help = suggestion(catalog, text).map(|s| format!("did you mean `{s}`?"));
            out.push(d);
            return;
        }
        let Known::Known(model) = &res.model else {
            return;
        };
        if matches!(
            model.kind,
            ModelRefKind::ApplicationProfileArn | ModelRefKind::ProvisionedModelArn
        ) {
            return;
        }
        let Some(model_id) = model.model_id() else {
            return;
        };
        let region = res.region.region.as_str();
        let Some(found) = catalog.model(model_id) else {
            let provider = model_id.split('.').next().unwrap_or("...");
            let book = format!(
                "add its price to a price book and point `pricing = \"pricebook.toml\"` (or --pricing) at it:\n[models.\"{model_id}\"]\nname = \"...\"\nprovider = \"{provider}\"\nrouting = \"flat\"\nsource = \"https://aws.amazon.com/bedrock/pricing/\"\nas_of = \"YYYY-MM-DD\"\n[models.\"{model_id}\".prices.standard]\ninput = \"...\"   # USD per 1M tokens\noutput = \"...\"\nsource = \"https://aws.amazon.com/bedrock/pricing/\"\nas_of = \"YYYY-MM-DD\""
            );
            // One typo from a catalogued ID: most likely a mistake, and the call would fail.
            if let Some(s) = typo_of(catalog, model_id) {
                let mut d = META.diagnostic(
                    r,
                    model_span(r),
                    format!("`{model_id}` is not in the pricing catalog; did you mean `{s}`? It is not priced"),
                );
                d.label = Some("unknown model".into());
                d.help = Some(format!("did you mean `{s}`? If not, {book}"));
                out.push(d);
                return;
            }
            // A well-formed ID of a known provider: most likely a model newer than the catalog. An info,
            // so a new model does not fail CI; it is still never priced at $0.
            let mut d = META.diagnostic(
                r,
                model_span(r),
                format!(
                    "`{model_id}` is not in the catalog of {}: a model newer than this catalog? It is not priced",
                    catalog.as_of
                ),
            );
            d.severity = Severity::Info;
            d.label = Some("not in the catalog".into());
            d.help = Some(format!("if the ID is right, {book}"));
            out.push(d);
            return;
        };
        // End-of-life models are BL019's error.
        if matches!(
            found.price.lifecycle_state(catalog.today),
            LifecycleState::EndOfLife { .. }
        ) {
            return;
        }
        let why = match (res.provisioned(), model.routing()) {
            (Some(pt), _) => match &pt.commitment {
                Known::Known(c) => provisioned_hourly_rate(catalog, model_id, *c, region).err().map(|e| (e, *c)),
                Known::Unknown(_) => None,
            }
            .map(|(e, c)| {
                let key = c.catalog_key();
                (e, format!(
                    "if you have a {} rate (from your AWS account team or contract), add it to a price book:\n[models.\"{}\".provisioned]\n{key} = \"...\"   # USD per model unit per hour\nsource = \"...\"\nas_of = \"YYYY-MM-DD\"\nconfidence = \"estimate\"",
                    commitment_label(c),
                    found.id
                ), Severity::Warning)
            }),
            (None, Some(routing)) => {
                let (tier, _) = call_tier(model_id, r.usage());
                rates_for(catalog, model_id, routing, region, tier).err().map(|e| {
                    let key = routing.catalog_key();
                    // Only a tier the catalog has no figure for: the call works, the price is the user's.
                    let tier_only = tier != Tier::Standard
                        && rates_for(catalog, model_id, routing, region, Tier::Standard).is_ok();
                    let severity = if tier_only { Severity::Info } else { Severity::Warning };
                    let help = if tier == Tier::Standard {
                        format!("check the ID and the profile; if AWS offers this routing, set `{key}` in the catalog's [routing.{}] policy or the model's `routes` through a price book", found.price.routing)
                    } else {
                        format!("if you have a {tier} rate (from the AWS pricing page or your account team), add it to a price book under [models.\"{}\".prices.{tier}] with its source and as_of", found.id)
                    };
                    (e, help, severity)
                })
            }
            (None, None) => None,
        };
        if let Some((message, help, severity)) = why {
            let mut d = META.diagnostic(
                r,
                model_span(r),
                format!("{message}: {} is not priced", res.address),
            );
            d.label = Some("no price".into());
            d.severity = severity;
            d.help = Some(help);
            out.push(d);
        }
    }
}

/// The catalog ID closest to a mistyped one, if it is close (a few edits). Only IDs of the same
/// provider whose length is within the edit budget are compared: the distance is quadratic.
fn suggestion(catalog: &Catalog, text: &str) -> Option<String> {
    let bare = text
        .split_once('.')
        .filter(|(g, _)| {
            matches!(
                *g,
                "us" | "eu" | "apac" | "jp" | "au" | "ca" | "us-gov" | "in" | "global"
            )
        })
        .map_or(text, |(_, rest)| rest);
    let provider = bare.split('.').next().unwrap_or(bare);
    let same_provider = catalog
        .models
        .keys()
        .map(String::as_str)
        .filter(|k| k.split('.').next() == Some(provider));
    crate::similarity::nearest(bare, same_provider, |k| 3.max(k.len() / 10)).map(str::to_string)
}

/// A catalogued ID one typo away (at most two edits: a wrong, missing or extra character, or two
/// swapped), for an ID that parses: a larger difference is more likely a model this catalog predates.
fn typo_of(catalog: &Catalog, model_id: &str) -> Option<String> {
    let provider = model_id.split('.').next().unwrap_or(model_id);
    let same_provider = catalog
        .models
        .keys()
        .map(String::as_str)
        .filter(|k| k.split('.').next() == Some(provider));
    crate::similarity::nearest(model_id, same_provider, |_| 2).map(str::to_string)
}
