//! BL021: a vector collection whose hourly compute floor is large next to the retrievals that the
//! knowledge bases keeping their vectors in it declare — the store costs more per question than
//! answering it does.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Rule, RuleContext, RuleMeta};
use crate::config::DEFAULT_MAX_USD_PER_RETRIEVAL;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Details, Known, ResourceKind};
use crate::money;
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL021",
    name: "knowledge-base-vector-floor",
    severity: Severity::Warning,
    summary: "A vector collection's hourly floor costs more per retrieval its knowledge bases declare than max_usd_per_retrieval ($0.01): a store without a floor fits the traffic",
    doc: include_str!("../../rules/BL021-knowledge-base-vector-floor.md"),
};

pub struct KnowledgeBaseVectorFloor;

impl Rule for KnowledgeBaseVectorFloor {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        if r.resource.kind != ResourceKind::VectorCollection {
            return;
        }
        let Details::VectorCollection(c) = &r.resource.details else {
            return;
        };
        if c.is_vector_search() != Some(true) {
            return;
        }
        let Some(component) = r.cost.components.iter().find(|c| c.key == "ocu_floor") else {
            return;
        };
        let (Some(floor), Some(ocu_hours)) = (component.monthly(), component.quantity.value())
        else {
            return;
        };
        if floor <= Decimal::ZERO || component.price.per != Decimal::ONE {
            return;
        }
        // The knowledge bases that keep their vectors here, each with its declared retrievals. One
        // without them leaves the total unknown: silent (it needs usage; `usage` lists it).
        let mut sharing: Vec<(&str, Decimal)> = Vec::new();
        for kb in ctx.resources.iter().filter(|k| {
            !k.resource.is_removed()
                && k.resource.kind == ResourceKind::KnowledgeBase
                && matches!(&k.resource.details, Details::KnowledgeBase(s)
                    if s.collection.as_deref() == Some(r.resource.address.as_str()))
        }) {
            let Some(n) = kb.usage().and_then(|u| u.retrievals_per_month) else {
                return;
            };
            sharing.push((kb.resource.address.as_str(), n));
        }
        if sharing.is_empty() {
            return;
        }
        sharing.sort();
        sharing.dedup_by(|a, b| a.0 == b.0);
        let retrievals: Decimal = sharing.iter().map(|(_, n)| *n).sum();
        if retrievals < Decimal::ZERO {
            return;
        }
        let threshold = ctx
            .config
            .rule_options(META.code)
            .max_usd_per_retrieval
            .unwrap_or(DEFAULT_MAX_USD_PER_RETRIEVAL);
        let per_retrieval = (!retrievals.is_zero()).then(|| floor / retrievals);
        if per_retrieval.is_some_and(|p| p <= threshold) {
            return;
        }
        let standby = c.standby_replicas == Known::Known(true);
        let ocu = if standby { Decimal::TWO } else { Decimal::ONE };
        let hours = ocu_hours / ocu;
        let at_least = if c.standby_replicas.known().is_none() {
            "at least "
        } else {
            ""
        };
        let declared_by = match sharing.as_slice() {
            [(kb, _)] => (*kb).to_string(),
            many => format!(
                "the {} knowledge bases that share it ({})",
                many.len(),
                many.iter()
                    .map(|(kb, n)| format!("{kb}: {}", money::count(*n)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let message = format!(
            "{} bills a vector search floor of {at_least}{}/month ({} OCU × {} h × {}/OCU-hour) for {} retrieval{} a month declared by {declared_by}: {}",
            r.resource.address,
            money::usd(floor),
            ocu,
            money::count(hours),
            money::rate(component.price.usd),
            money::count(retrievals),
            if retrievals == Decimal::ONE { "" } else { "s" },
            match per_retrieval {
                Some(p) => format!(
                    "{} per retrieval, above the {} threshold",
                    per_retrieval_text(p),
                    money::rate(threshold)
                ),
                None => "the floor is paid for no traffic at all".to_string(),
            },
        );
        let mut d = META.diagnostic(r, r.resource.span.clone(), message);
        d.label = Some(match per_retrieval {
            Some(p) => format!("{} per retrieval", per_retrieval_text(p)),
            None => "no retrievals declared".to_string(),
        });
        d.mark_estimate(component.price.estimate);
        let without_standby = if standby {
            let half = component.price.cost(hours);
            format!(
                "; without standby replicas this collection's floor is {}/month{}",
                money::usd(half),
                per_retrieval
                    .map(|_| format!(" ({} per retrieval)", per_retrieval_text(half / retrievals)))
                    .unwrap_or_default()
            )
        } else {
            String::new()
        };
        d.help = Some(format!(
            "a knowledge base can keep its vectors in a store with no hourly floor: Amazon S3 Vectors (`storage_configuration {{ type = \"S3_VECTORS\" }}`, billed per GB stored and per query), Aurora PostgreSQL Serverless with pgvector (`RDS`, billed per ACU-hour), or a vendor's (Pinecone, MongoDB Atlas, Redis Enterprise Cloud); the catalog has no price for those, so no saving is computed{without_standby}. Moving a knowledge base to another store replaces it and its vectors are ingested again"
        ));
        out.push(d);
    }
}

/// `$0.3504`: four decimals at most, enough for a cent-and-below figure.
fn per_retrieval_text(d: Decimal) -> String {
    money::rate(d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero))
}
