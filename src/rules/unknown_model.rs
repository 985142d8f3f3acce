//! BL007: a model the catalog does not know or cannot price. Never priced at $0.

use super::{model_span, Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Known, ModelRefKind};
use crate::pricing::{
    commitment_label, on_demand_rates, provisioned_hourly_rate, Catalog, PricedResource,
};

pub static META: RuleMeta = RuleMeta {
    code: "BL007",
    name: "unknown-model",
    severity: Severity::Warning,
    summary: "Model ID or ARN the pricing catalog does not know or has no price for",
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
            let mut d = META.diagnostic(
                r,
                model_span(r),
                format!("`{model_id}` is not in the pricing catalog: a typo, or a model newer than this catalog; it is not priced"),
            );
            d.label = Some("unknown model".into());
            let hint = suggestion(catalog, model_id)
                .map_or(String::new(), |s| format!("did you mean `{s}`? If not, "));
            d.help = Some(format!(
                "{hint}add its price to a price book and point `pricing = \"pricebook.toml\"` (or --pricing) at it:\n[models.\"{model_id}\"]\nname = \"...\"\nprovider = \"{}\"\nrouting = \"standard\"\nsource = \"https://aws.amazon.com/bedrock/pricing/\"\nas_of = \"YYYY-MM-DD\"\n[models.\"{model_id}\".on_demand]\ninput = \"...\"   # USD per 1M tokens\noutput = \"...\"",
                model_id.split('.').next().unwrap_or("...")
            ));
            out.push(d);
            return;
        };
        let why = match (&res.provisioned, model.routing()) {
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
                ))
            }),
            (None, Some(routing)) => on_demand_rates(catalog, model_id, routing, region).err().map(|e| {
                let key = routing.catalog_key();
                (e, format!("check the ID; if AWS offers this routing, set `{key}` in the catalog's [routing.{}] policy through a price book", found.price.routing))
            }),
            (None, None) => None,
        };
        if let Some((message, help)) = why {
            let mut d = META.diagnostic(
                r,
                model_span(r),
                format!("{message}: {} is not priced", res.address),
            );
            d.label = Some("no price".into());
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
                "us" | "eu" | "apac" | "jp" | "au" | "ca" | "us-gov" | "global"
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
