//! BL021: a vector collection whose hourly compute floor is large next to the retrievals that the
//! knowledge bases keeping their vectors in it declare — the store costs more per question than
//! answering it does.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Rule, RuleContext, RuleMeta};
use crate::config::DEFAULT_MAX_USD_PER_RETRIEVAL;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Details, Known, ResourceKind};
use crate::money;
use crate::pricing::{PricedResource, VECTOR_FLOOR_OCU, VECTOR_FLOOR_OCU_STANDBY};

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
        // The knowledge bases that keep their vectors here or on a collection whose OCUs are this
        // one's, each with its declared retrievals. One without them leaves the total unknown:
        // silent (usage is needed, which is not a finding).
        let floor_of: Vec<&str> = std::iter::once(r.resource.address.as_str())
            .chain(
                ctx.resources
                    .iter()
                    .filter(|o| o.shares_floor_with.as_deref() == Some(r.resource.address.as_str()))
                    .map(|o| o.resource.address.as_str()),
            )
            .collect();
        let shares_this_floor = |collection: &str| floor_of.contains(&collection);
        let mut sharing: Vec<(&str, Decimal)> = Vec::new();
        for kb in ctx.resources.iter().filter(|k| {
            !k.resource.is_removed()
                && k.resource.kind == ResourceKind::KnowledgeBase
                && matches!(&k.resource.details, Details::KnowledgeBase(s)
                    if s.collection.as_deref().is_some_and(&shares_this_floor))
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
        let ocu = if standby {
            VECTOR_FLOOR_OCU_STANDBY
        } else {
            VECTOR_FLOOR_OCU
        };
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

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use crate::diagnostic::Diagnostic;
    use crate::model::BedrockResource;
    use crate::rules::vector_standby_nonproduction::tests::{
        collection, config, findings, knowledge_base,
    };

    const COLLECTION: &str = "aws_opensearchserverless_collection.docs";

    fn bl021(resources: Vec<BedrockResource>, toml: &str) -> Vec<Diagnostic> {
        findings(resources, &config(toml), "BL021").1
    }

    fn usage(address: &str, retrievals: u64) -> String {
        format!("[usage.\"{address}\"]\nretrievals_per_month = {retrievals}\n")
    }

    #[test]
    fn a_small_knowledge_base_on_a_standby_floor() {
        let kb = "aws_bedrockagent_knowledge_base.docs";
        let found = bl021(
            vec![
                collection("main.tf", COLLECTION, None),
                knowledge_base("main.tf", kb, COLLECTION),
            ],
            &usage(kb, 1_000),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        // 2 OCU × 730 h × $0.24 = $350.40 a month; / 1,000 retrievals = $0.3504 each.
        assert!(
            d.message.contains("floor of $350.40/month (2 OCU × 730 h × $0.24/OCU-hour) for 1,000 retrievals a month declared by aws_bedrockagent_knowledge_base.docs: $0.3504 per retrieval, above the $0.01 threshold"),
            "{}",
            d.message
        );
        assert!(d.message.contains("estimate"), "{}", d.message);
        assert_eq!(d.resource.as_deref(), Some(COLLECTION));
        // No figure for the stores the catalog does not price.
        assert_eq!(d.monthly_impact, None);
        let help = d.help.as_deref().unwrap_or("");
        assert!(
            help.contains("S3 Vectors") && help.contains("pgvector") && help.contains("Pinecone"),
            "{help}"
        );
        assert!(help.contains("no saving is computed"), "{help}");
        // Without standby: 1 OCU × 730 × $0.24 = $175.20; / 1,000 = $0.1752.
        assert!(
            help.contains("$175.20/month ($0.1752 per retrieval)"),
            "{help}"
        );
    }

    #[test]
    fn large_traffic_is_silent() {
        let kb = "aws_bedrockagent_knowledge_base.docs";
        // $350.40 / 100,000 = $0.003504 per retrieval: under $0.01.
        assert!(bl021(
            vec![
                collection("main.tf", COLLECTION, None),
                knowledge_base("main.tf", kb, COLLECTION)
            ],
            &usage(kb, 100_000),
        )
        .is_empty());
        // Exactly at the threshold: $350.40 / 35,040 = $0.01, not above it.
        assert!(bl021(
            vec![
                collection("main.tf", COLLECTION, None),
                knowledge_base("main.tf", kb, COLLECTION)
            ],
            &usage(kb, 35_040),
        )
        .is_empty());
    }

    #[test]
    fn no_declared_retrievals_is_silent() {
        let kb = "aws_bedrockagent_knowledge_base.docs";
        assert!(bl021(
            vec![
                collection("main.tf", COLLECTION, None),
                knowledge_base("main.tf", kb, COLLECTION)
            ],
            "",
        )
        .is_empty());
        // A collection no knowledge base here uses: silent.
        assert!(bl021(vec![collection("main.tf", COLLECTION, None)], "").is_empty());
    }

    #[test]
    fn a_shared_collection_divides_by_every_knowledge_base() {
        let (a, b) = (
            "aws_bedrockagent_knowledge_base.faq",
            "aws_bedrockagent_knowledge_base.manuals",
        );
        let resources = || {
            vec![
                collection("main.tf", COLLECTION, None),
                knowledge_base("main.tf", a, COLLECTION),
                knowledge_base("main.tf", b, COLLECTION),
            ]
        };
        // 600 + 400 = 1,000 retrievals: $350.40 / 1,000 = $0.3504, one finding on the collection.
        let found = bl021(resources(), &format!("{}{}", usage(a, 600), usage(b, 400)));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("for 1,000 retrievals a month declared by the 2 knowledge bases that share it (aws_bedrockagent_knowledge_base.faq: 600, aws_bedrockagent_knowledge_base.manuals: 400): $0.3504 per retrieval"),
            "{}",
            found[0].message
        );
        // 30,000 + 10,000 = 40,000: $350.40 / 40,000 = $0.00876, under $0.01 (either alone would be above).
        assert!(bl021(
            resources(),
            &format!("{}{}", usage(a, 30_000), usage(b, 10_000))
        )
        .is_empty());
        // One of the two without usage: the total is not known, silent.
        assert!(bl021(resources(), &usage(a, 10)).is_empty());
    }

    #[test]
    fn without_standby_the_floor_is_one_ocu() {
        let kb = "aws_bedrockagent_knowledge_base.docs";
        let found = bl021(
            vec![
                collection("main.tf", COLLECTION, Some("\"DISABLED\"")),
                knowledge_base("main.tf", kb, COLLECTION),
            ],
            &usage(kb, 2_000),
        );
        // 1 OCU × 730 h × $0.24 = $175.20; / 2,000 = $0.0876.
        assert!(
            found[0].message.contains(
                "floor of $175.20/month (1 OCU × 730 h × $0.24/OCU-hour) for 2,000 retrievals"
            ),
            "{}",
            found[0].message
        );
        assert!(
            found[0].message.contains("$0.0876 per retrieval"),
            "{}",
            found[0].message
        );
        assert!(!found[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("without standby"));
    }

    #[test]
    fn unknown_standby_counts_the_lower_floor() {
        let kb = "aws_bedrockagent_knowledge_base.docs";
        let found = bl021(
            vec![
                collection("main.tf", COLLECTION, Some("var.standby")),
                knowledge_base("main.tf", kb, COLLECTION),
            ],
            &usage(kb, 2_000),
        );
        // At least 1 OCU × 730 × $0.24 = $175.20; / 2,000 = $0.0876.
        assert!(
            found[0].message.contains("floor of at least $175.20/month"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn zero_retrievals_and_the_threshold_option() {
        let kb = "aws_bedrockagent_knowledge_base.docs";
        let resources = || {
            vec![
                collection("main.tf", COLLECTION, None),
                knowledge_base("main.tf", kb, COLLECTION),
            ]
        };
        let found = bl021(resources(), &usage(kb, 0));
        assert!(
            found[0].message.contains("paid for no traffic at all"),
            "{}",
            found[0].message
        );
        // $350.40 / 1,000 = $0.3504 < $0.50: silent with a higher threshold, still there at $0.25.
        let with = |t: &str| {
            format!(
                "[rules.BL021]\nmax_usd_per_retrieval = {t}\n{}",
                usage(kb, 1_000)
            )
        };
        assert!(bl021(resources(), &with("0.50")).is_empty());
        let found = bl021(resources(), &with("0.25"));
        assert!(
            found[0].message.contains("above the $0.25 threshold"),
            "{}",
            found[0].message
        );
        assert_eq!(
            super::per_retrieval_text(Decimal::new(35040, 2) / Decimal::from(3)),
            "$116.80"
        );
    }

    #[test]
    fn the_threshold_must_be_positive() {
        let e = crate::config::Config::from_parts(
            None,
            Some("[rules.BL021]\nmax_usd_per_retrieval = 0\n"),
            &crate::config::Overrides::default(),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(e.contains("must be above 0"), "{e}");
    }
}
