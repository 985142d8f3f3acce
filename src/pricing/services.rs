//! The cost components of resources that are not model calls: vector collections, guardrails,
//! custom models, invocation logging, AgentCore and flows, from the catalog's `[services.*]` prices.

use rust_decimal::Decimal;

use super::catalog::{shares_base_prices, ComponentPrice};
use super::component::{CostComponent, Quantity, UnitPrice};
use super::estimate::HOURS_PER_MONTH;
use super::{Catalog, Confidence, CostEstimate, CostStatus, Usage};
use crate::model::{BedrockResource, Details, GuardrailPolicy, Known, ResourceKind};

/// OCUs a vector collection bills every hour at least: 0.5 indexing + 0.5 search, each doubled by
/// standby replicas (AWS, OpenSearch Serverless scaling).
pub const VECTOR_FLOOR_OCU: Decimal = Decimal::ONE;
pub const VECTOR_FLOOR_OCU_STANDBY: Decimal = Decimal::TWO;

/// Builds components from one service's catalog prices for one resource.
struct Pricer<'a> {
    catalog: &'a Catalog,
    service: &'static str,
    region: &'a str,
    usage: Option<&'a Usage>,
    components: Vec<CostComponent>,
    assumptions: &'a mut Vec<String>,
    /// The resource's Region is not where the catalog's figures are from.
    region_assumed: bool,
}

impl<'a> Pricer<'a> {
    fn new(
        catalog: &'a Catalog,
        service: &'static str,
        region: &'a str,
        usage: Option<&'a Usage>,
        assumptions: &'a mut Vec<String>,
    ) -> Self {
        Pricer {
            catalog,
            service,
            region,
            usage,
            components: Vec::new(),
            assumptions,
            region_assumed: false,
        }
    }

    fn price(&mut self, p: &ComponentPrice) -> UnitPrice {
        let elsewhere = !shares_base_prices(self.region);
        if elsewhere && !self.region_assumed {
            self.region_assumed = true;
            let name = self
                .catalog
                .services
                .get(self.service)
                .map_or(self.service, |s| s.name.as_str());
            self.assumptions.push(format!(
                "{name} prices are {} figures: {} may differ (estimate)",
                self.catalog.base_region, self.region
            ));
        }
        UnitPrice {
            usd: p.price,
            per: p.per,
            source: p.source.clone(),
            as_of: p.as_of.clone(),
            estimate: p.confidence == Confidence::Estimate || elsewhere,
        }
    }

    fn push(&mut self, key: &str, p: &ComponentPrice, quantity: Quantity, one_time: bool) {
        let price = self.price(p);
        self.components.push(CostComponent {
            key: key.to_string(),
            name: p.name.clone(),
            unit: p.unit.clone(),
            price,
            quantity,
            one_time,
        });
    }

    /// A component whose quantity is a usage field; `false` when the catalog has no such price.
    fn usage_component(&mut self, key: &str, field: &'static str) -> bool {
        let Some(p) = self.catalog.service_component(self.service, key) else {
            return false;
        };
        let quantity = match self.usage.and_then(|u| u.field(field)) {
            Some(value) => Quantity::Declared { value, field },
            None => Quantity::NeedsUsage { field },
        };
        self.push(key, p, quantity, false);
        true
    }

    fn missing(&mut self, key: &str) {
        self.assumptions.push(format!(
            "the catalog has no `{key}` price for {}: add [services.{}.components.{key}] in a price book",
            self.service, self.service
        ));
    }

    fn done(self) -> CostEstimate {
        CostEstimate::from_components(self.components, std::mem::take(self.assumptions))
    }
}

/// The estimate of a resource priced from its own details, or `None` for the model path.
pub(super) fn estimate(
    resource: &BedrockResource,
    usage: Option<&Usage>,
    catalog: &Catalog,
    assumptions: &mut Vec<String>,
) -> Option<CostEstimate> {
    let region = resource.region.region.as_str();
    let hours = usage
        .and_then(|u| u.hours_per_month)
        .map(|h| (h, true))
        .unwrap_or((HOURS_PER_MONTH, false));
    Some(match (&resource.kind, &resource.details) {
        (ResourceKind::VectorCollection, Details::VectorCollection(c)) => {
            match c.is_vector_search() {
                Some(true) => {}
                Some(false) => {
                    return Some(CostEstimate::status(
                        CostStatus::NotPriced("not a vector search collection".into()),
                        std::mem::take(assumptions),
                        false,
                    ))
                }
                None => {
                    return Some(CostEstimate::status(
                        CostStatus::Unpriced(format!(
                            "collection type unknown: {}",
                            match &c.collection_type {
                                Known::Unknown(why) => why.as_str(),
                                Known::Known(_) => "",
                            }
                        )),
                        std::mem::take(assumptions),
                        false,
                    ))
                }
            }
            let mut p = Pricer::new(catalog, "opensearch_serverless", region, usage, assumptions);
            let (ocu, label) = match &c.standby_replicas {
                Known::Known(true) => (VECTOR_FLOOR_OCU_STANDBY, "2 OCU (standby replicas)"),
                Known::Known(false) => (VECTOR_FLOOR_OCU, "1 OCU (no standby replicas)"),
                Known::Unknown(why) => {
                    p.assumptions.push(format!(
                        "standby_replicas unknown ({why}): the 1-OCU floor without them is counted; with them (the default) it is 2 OCU"
                    ));
                    (VECTOR_FLOOR_OCU, "at least 1 OCU")
                }
            };
            match catalog.service_component("opensearch_serverless", "ocu_hour") {
                Some(price) => {
                    let quantity = if hours.1 {
                        Quantity::Declared {
                            value: ocu * hours.0,
                            field: "hours_per_month",
                        }
                    } else {
                        Quantity::Fixed(ocu * hours.0)
                    };
                    let unit_price = p.price(price);
                    p.components.push(CostComponent {
                        key: "ocu_floor".into(),
                        name: format!("vector search compute floor, {label}"),
                        unit: price.unit.clone(),
                        price: unit_price,
                        quantity,
                        one_time: false,
                    });
                }
                None => p.missing("ocu_hour"),
            }
            if !p.usage_component("storage_gb_month", "storage_gb") {
                p.assumptions.push(
                    "index storage is not included: the catalog has no sourced per-GB-month price (a price book can add [services.opensearch_serverless.components.storage_gb_month])".into(),
                );
            }
            p.done()
        }
        (ResourceKind::Guardrail, Details::Guardrail(g)) => {
            let mut p = Pricer::new(catalog, "guardrails", region, usage, assumptions);
            let mut policies = g.policies.clone();
            policies.sort();
            policies.dedup();
            for policy in &policies {
                match policy {
                    GuardrailPolicy::AutomatedReasoning => p.assumptions.push(
                        "automated reasoning checks are not included: no price was found".into(),
                    ),
                    _ => {
                        let free = catalog
                            .service_component("guardrails", policy.key())
                            .is_some_and(|c| c.price.is_zero());
                        if free {
                            let name = catalog
                                .service_component("guardrails", policy.key())
                                .map_or(policy.key(), |c| c.name.as_str());
                            p.assumptions.push(format!("{name}: free"));
                        } else if !p.usage_component(policy.key(), "text_units_per_month") {
                            p.missing(policy.key());
                        }
                    }
                }
            }
            if g.unknown_policies {
                p.assumptions.push(
                    "some policy blocks are not known here: the policies listed may not be all"
                        .into(),
                );
            }
            if policies.is_empty() && !g.unknown_policies {
                return Some(CostEstimate::status(
                    CostStatus::NotPriced("no policy is configured".into()),
                    std::mem::take(p.assumptions),
                    false,
                ));
            }
            p.done()
        }
        (ResourceKind::CustomModel, details) => {
            let mut p = Pricer::new(catalog, "customization", region, usage, assumptions);
            match catalog.service_component("customization", "storage") {
                Some(price) => p.push("storage", price, Quantity::Fixed(Decimal::ONE), false),
                None => p.missing("storage"),
            }
            let base = resource
                .model
                .known()
                .and_then(|m| m.model_id())
                .and_then(|id| catalog.model(id).map(|f| f.id.to_string()));
            let training = base
                .as_deref()
                .and_then(|id| catalog.service_model_component("customization", "training", id));
            match (training, base.as_deref()) {
                (Some(price), _) => {
                    let epochs = match details {
                        Details::CustomModel(job) => job.epochs.known().copied(),
                        _ => None,
                    }
                    .or_else(|| usage.and_then(|u| u.epochs));
                    let tokens = usage.and_then(|u| u.training_dataset_tokens);
                    let quantity = match (tokens, epochs) {
                        (Some(t), Some(e)) => Quantity::Declared {
                            value: t * e,
                            field: "training_dataset_tokens",
                        },
                        (None, _) => Quantity::NeedsUsage {
                            field: "training_dataset_tokens",
                        },
                        (Some(_), None) => Quantity::NeedsUsage { field: "epochs" },
                    };
                    p.push("training", price, quantity, true);
                    p.assumptions.push(
                        "training is billed once, when the job runs: shown apart from the monthly figure".into(),
                    );
                }
                (None, Some(id)) => p.assumptions.push(format!(
                    "training on `{id}` has no price in the catalog: add [services.customization.models.\"{id}\".training] in a price book"
                )),
                (None, None) => p.assumptions.push(
                    "training is not priced: the base model is not known here".into(),
                ),
            }
            p.done()
        }
        (ResourceKind::InvocationLogging, Details::Logging(l)) => {
            if !l.cloudwatch {
                return Some(CostEstimate::status(
                    CostStatus::NotPriced(if l.s3 {
                        "delivered to S3, billed at S3 rates (not in the catalog)".into()
                    } else {
                        "no log destination is configured here".into()
                    }),
                    std::mem::take(assumptions),
                    false,
                ));
            }
            let mut p = Pricer::new(catalog, "cloudwatch_logs", region, usage, assumptions);
            if !p.usage_component("ingestion", "log_gb_per_month") {
                p.missing("ingestion");
            }
            if l.s3 {
                p.assumptions
                    .push("the S3 copy is billed at S3 rates (not in the catalog)".into());
            }
            p.done()
        }
        (ResourceKind::AgentRuntime, _) => usage_only(
            catalog,
            "agentcore_runtime",
            &[
                ("vcpu_hour", "vcpu_hours_per_month"),
                ("gb_hour", "gb_hours_per_month"),
            ],
            region,
            usage,
            assumptions,
        ),
        (ResourceKind::AgentGateway, _) => usage_only(
            catalog,
            "agentcore_gateway",
            &[
                ("tool_calls", "tool_calls_per_month"),
                ("searches", "tool_searches_per_month"),
                ("tool_index", "tools_indexed"),
            ],
            region,
            usage,
            assumptions,
        ),
        (ResourceKind::AgentMemory, _) => usage_only(
            catalog,
            "agentcore_memory",
            &[
                ("short_term_events", "memory_events_per_month"),
                ("long_term_records", "memory_records"),
                ("retrievals", "memory_retrievals_per_month"),
            ],
            region,
            usage,
            assumptions,
        ),
        (ResourceKind::Flow, _) => usage_only(
            catalog,
            "flows",
            &[("node_transitions", "node_transitions_per_month")],
            region,
            usage,
            assumptions,
        ),
        (kind, _) if kind.calls_no_model() => CostEstimate::status(
            CostStatus::Unpriced(format!("the {kind} was not read")),
            std::mem::take(assumptions),
            false,
        ),
        _ => return None,
    })
}

/// A call to a model brought in with Custom Model Import: billed per Custom-Model-Unit minute while a
/// copy is active, and its storage per Custom Model Unit per month, both from declared usage (how
/// many units a copy takes depends on the model's architecture and size, which the ARN does not say).
pub(super) fn imported_model(
    resource: &BedrockResource,
    usage: Option<&Usage>,
    catalog: &Catalog,
    assumptions: &mut Vec<String>,
) -> CostEstimate {
    usage_only(
        catalog,
        "custom_model_import",
        &[
            ("cmu_minute", "custom_model_unit_minutes_per_month"),
            ("storage", "custom_model_units"),
        ],
        resource.region.region.as_str(),
        usage,
        assumptions,
    )
}

fn usage_only(
    catalog: &Catalog,
    service: &'static str,
    parts: &[(&str, &'static str)],
    region: &str,
    usage: Option<&Usage>,
    assumptions: &mut Vec<String>,
) -> CostEstimate {
    let mut p = Pricer::new(catalog, service, region, usage, assumptions);
    for (key, field) in parts {
        if !p.usage_component(key, field) {
            p.missing(key);
        }
    }
    p.done()
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::model::{
        CustomModelJob, Guardrail, InvocationLogging, RegionChoice, RegionSource, Role,
        VectorCollection,
    };
    use crate::span::SourceFile;

    fn resource(kind: ResourceKind, details: Details, region: &str) -> BedrockResource {
        let file = SourceFile::new("main.tf".into(), "resource");
        BedrockResource {
            address: "x.y".into(),
            kind,
            role: Role::Call,
            attribute: None,
            span: file.span(0..8),
            model: Known::Unknown("calls no model".into()),
            model_span: None,
            invalid_model_text: None,
            via_profile: None,
            region: RegionChoice {
                region: region.into(),
                source: RegionSource::Provider,
            },
            details,
            notes: Vec::new(),
            tags: Default::default(),
            change: None,
            previous: None,
            origin: None,
        }
    }

    fn catalog() -> Catalog {
        Catalog::load(&[]).expect("embedded catalog")
    }

    fn collection(standby: Known<bool>) -> Details {
        Details::VectorCollection(VectorCollection {
            collection_type: Known::Known("VECTORSEARCH".into()),
            standby_replicas: standby,
            standby_span: None,
            name: None,
        })
    }

    fn price(r: &BedrockResource, usage: Option<&Usage>) -> CostEstimate {
        super::super::estimate(r, usage, &catalog())
    }

    #[test]
    fn vector_floor_with_and_without_standby() {
        // 2 OCU × 730 h × $0.24 = $350.40; 1 OCU = $175.20.
        let on = price(
            &resource(
                ResourceKind::VectorCollection,
                collection(Known::Known(true)),
                "us-east-1",
            ),
            None,
        );
        assert_eq!(on.monthly_usd, Some(dec!(350.40)));
        assert_eq!(on.status, CostStatus::Priced);
        assert_eq!(on.fixed_monthly(), dec!(350.40));
        assert!(on.estimate);
        let off = price(
            &resource(
                ResourceKind::VectorCollection,
                collection(Known::Known(false)),
                "us-east-1",
            ),
            None,
        );
        assert_eq!(off.monthly_usd, Some(dec!(175.20)));
        // Unknown: the 1-OCU floor is certain, and the note says what standby would add.
        let unknown = price(
            &resource(
                ResourceKind::VectorCollection,
                collection(Known::Unknown("var.standby has no value".into())),
                "us-east-1",
            ),
            None,
        );
        assert_eq!(unknown.monthly_usd, Some(dec!(175.20)));
        assert!(unknown
            .assumptions
            .iter()
            .any(|a| a.contains("var.standby")));
        // Elsewhere than the catalog's Region: same figure, said to be an assumption.
        let eu = price(
            &resource(
                ResourceKind::VectorCollection,
                collection(Known::Known(true)),
                "eu-west-1",
            ),
            None,
        );
        assert!(eu
            .assumptions
            .iter()
            .any(|a| a.contains("eu-west-1 may differ")));
    }

    #[test]
    fn guardrail_per_policy_from_text_units() {
        let g = resource(
            ResourceKind::Guardrail,
            Details::Guardrail(Guardrail {
                policies: vec![
                    GuardrailPolicy::SensitiveInformation,
                    GuardrailPolicy::ContentFilters,
                    GuardrailPolicy::WordFilters,
                    GuardrailPolicy::RegexFilters,
                ],
                unknown_policies: false,
            }),
            "us-east-1",
        );
        let none = price(&g, None);
        assert_eq!(none.status, CostStatus::UsageUnknown);
        assert_eq!(none.monthly_usd, None, "nothing is fixed: no $0");
        assert_eq!(none.usage_needed(), ["text_units_per_month"]);
        // The unit prices show before the quantity is known.
        let shown: Vec<String> = none
            .components
            .iter()
            .map(|c| c.unit_price_text())
            .collect();
        assert_eq!(
            shown,
            [
                "$0.15 per 1K text units (estimate)",
                "$0.10 per 1K text units (estimate)"
            ]
        );
        let usage = Usage {
            text_units_per_month: Some(dec!(2_000_000)),
            ..Usage::default()
        };
        // 2,000 × ($0.15 + $0.10) = $500.
        let priced = price(&g, Some(&usage));
        assert_eq!(priced.monthly_usd, Some(dec!(500)));
        assert_eq!(priced.status, CostStatus::Priced);
    }

    #[test]
    fn custom_model_storage_and_one_time_training() {
        let mut r = resource(
            ResourceKind::CustomModel,
            Details::CustomModel(CustomModelJob {
                customization_type: Known::Known("FINE_TUNING".into()),
                epochs: Known::Known(dec!(2)),
            }),
            "us-west-2",
        );
        r.model = Known::Known(
            crate::model::find_model_refs("meta.llama3-1-70b-instruct-v1:0")
                .into_iter()
                .next()
                .expect("model ref")
                .1,
        );
        let usage = Usage {
            training_dataset_tokens: Some(dec!(5_000_000)),
            ..Usage::default()
        };
        let e = price(&r, Some(&usage));
        // $1.95 storage a month; training 5M × 2 epochs = 10M × $7.99 per 1M = $79.90, once.
        assert_eq!(e.monthly_usd, Some(dec!(1.95)));
        assert_eq!(e.one_time_usd(), Some(dec!(79.90)));
        assert_eq!(e.status, CostStatus::Priced);
    }

    #[test]
    fn logging_ingestion_from_declared_volume() {
        let r = resource(
            ResourceKind::InvocationLogging,
            Details::Logging(InvocationLogging {
                cloudwatch: true,
                s3: false,
                delivered: Vec::new(),
                cloudwatch_span: None,
            }),
            "us-east-1",
        );
        let usage = Usage {
            log_gb_per_month: Some(dec!(120)),
            ..Usage::default()
        };
        // 120 GB × $0.50 = $60, an AWS figure.
        let e = price(&r, Some(&usage));
        assert_eq!(e.monthly_usd, Some(dec!(60)));
        assert!(!e.estimate);
    }
}
