//! The fixes of the call rules: the same literal rewritten to another routing (BL001, BL018) or to
//! a successor model (BL012, BL019), keeping its written form (bare ID, profile ID, ARN, the
//! `bedrock/` prefix around it) and editing only the span the finding underlines. Every one is
//! unsafe: it changes where data is processed or which model answers.

use crate::fix::{Applicability, Fix};
use crate::model::{ModelRef, ResourceKind, Routing, UNKNOWN_PART_SHOWN};
use crate::pricing::PricedResource;

/// `global.ID`, `us.ID`, or the bare `ID`.
pub fn routed_id(model_id: &str, routing: Routing) -> String {
    match routing {
        Routing::InRegion => model_id.to_string(),
        Routing::Geo(g) => format!("{}.{model_id}", g.prefix()),
        Routing::Global => format!("global.{model_id}"),
    }
}

/// The fix that makes the call name `new_model_id` through `new_routing`, or `None` where the
/// literal cannot be rewritten in its own form (an ARN whose kind would change, a template whose
/// other parts name the model, a plan's JSON, a provisioned or custom model).
pub fn rewrite_call(
    r: &PricedResource,
    model: &ModelRef,
    new_model_id: &str,
    new_routing: Routing,
) -> Option<Fix> {
    let res = &r.resource;
    if matches!(
        res.kind,
        ResourceKind::ProvisionedThroughput | ResourceKind::CustomModel
    ) {
        return None;
    }
    let span = res.model_span.as_ref()?;
    // A resource read from a plan whose line was not found in the source: the plan is no file to fix.
    if res.change.is_some() && span.path().ends_with(".json") {
        return None;
    }
    let written = span.file.text.get(span.start..span.end)?;
    let current = model.routing()?;
    let profile = |r: Routing| r != Routing::InRegion;
    let new_id = routed_id(new_model_id, new_routing);
    let replacement = if written == model.text {
        match written.rfind('/').filter(|_| written.starts_with("arn:")) {
            // An ARN names its kind: a foundation-model ARN stays one, a profile ARN stays one.
            Some(cut) if profile(current) == profile(new_routing) => {
                format!("{}{new_id}", &written[..=cut])
            }
            Some(_) => return None,
            None => new_id.clone(),
        }
    } else {
        // The profile ID inside a template (`inference-profile/${local.profile}`): another profile
        // ID keeps the ARN valid; a bare ID would not.
        let current_id = routed_id(model.model_id()?, current);
        if written != current_id || !profile(current) || !profile(new_routing) {
            return None;
        }
        new_id.clone()
    };
    if replacement == written || replacement.contains(UNKNOWN_PART_SHOWN) {
        return None;
    }
    Some(Fix::replace(
        format!("Call `{new_id}` instead"),
        span.clone(),
        replacement,
        Applicability::Unsafe,
    ))
}
