//! A resource with the usage declared for it and its monthly cost: what rules and reporters read.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::model::BedrockResource;

use super::services::VECTOR_FLOOR_OCU;
use super::{estimate, Catalog, CostEstimate, CostStatus, Usage, HOURS_PER_MONTH};
use crate::model::{Details, KnowledgeBaseStore, ResourceKind};

#[derive(Debug, Clone)]
pub struct PricedResource {
    pub resource: BedrockResource,
    /// The `[usage."KEY"]` entry that applies, and its key.
    pub usage: Option<(String, Usage)>,
    pub cost: CostEstimate,
    /// From a plan: the cost before the change (updates and replacements), same usage.
    pub previous_cost: Option<CostEstimate>,
    /// A vector collection whose OCUs are those of another collection of the same configuration and
    /// Region (its address): the floor is counted once, there.
    pub shares_floor_with: Option<String>,
}

impl PricedResource {
    pub fn usage(&self) -> Option<&Usage> {
        self.usage.as_ref().map(|(_, u)| u)
    }
}

/// Prices resources in the order given. The most specific usage key wins (`ADDR#attr`, `ADDR[i]`,
/// `ADDR`, then the model reference). A usage entry keyed by a model describes that model's traffic
/// once: it is counted on the first reference only, so two places naming the same model ID never
/// double the total; the others say where it was counted.
/// `project_prefix` is the config file's directory as shown in paths (`fixtures/mixed/`): usage keys
/// naming files are relative to it, so `services/chat/config.yaml#...` works from any working directory.
pub fn price_all(
    resources: Vec<BedrockResource>,
    config: &Config,
    project_prefix: &str,
) -> Vec<PricedResource> {
    let mut model_key_owner: BTreeMap<String, String> = BTreeMap::new();
    let priced: Vec<PricedResource> = resources
        .into_iter()
        .map(|resource| {
            let relative = |keys: Vec<String>| -> Vec<String> {
                keys.into_iter()
                    .flat_map(|k| {
                        let stripped = (!project_prefix.is_empty())
                            .then(|| k.strip_prefix(project_prefix).map(str::to_string))
                            .flatten();
                        stripped.into_iter().chain(std::iter::once(k))
                    })
                    .collect()
            };
            let address_keys = relative(resource.address_usage_keys());
            let mut usage = None;
            let mut counted_elsewhere = None;
            for key in relative(resource.usage_keys()) {
                let Some(u) = config.usage.get(&key) else {
                    continue;
                };
                if address_keys.contains(&key) {
                    usage = Some((key, u.clone()));
                    break;
                }
                let owner = model_key_owner
                    .entry(key.clone())
                    .or_insert_with(|| resource.address.clone());
                if *owner == resource.address {
                    usage = Some((key, u.clone()));
                } else {
                    counted_elsewhere =
                        Some(format!("usage of `{key}` is counted once, on {owner}"));
                }
                break;
            }
            let declared = usage.as_ref().map(|(_, u)| u);
            let mut cost = if resource.is_removed() {
                CostEstimate {
                    hourly_usd: None,
                    monthly_usd: None,
                    status: CostStatus::NotPriced("removed by this plan".into()),
                    assumptions: Vec::new(),
                    estimate: false,
                    components: Vec::new(),
                }
            } else {
                estimate(&resource, declared, &config.catalog)
            };
            cost.assumptions.extend(counted_elsewhere);
            let previous_cost = resource
                .previous
                .as_deref()
                .map(|p| estimate(p, declared, &config.catalog));
            PricedResource {
                resource,
                usage,
                cost,
                previous_cost,
                shares_floor_with: None,
            }
        })
        .collect();
    link_vector_stores(share_vector_floors(priced), &config.catalog)
}

/// Vector collections of one account and Region share their OCUs unless a collection has a KMS key
/// of its own (AWS, OpenSearch Serverless scaling): the floor is paid once. Collections read from
/// one configuration (the same root directory, plan or template) and Region are taken as one
/// account with one key; the floor is counted on the collection with the largest one (standby
/// replicas on any of them keep 2 OCU), and the others say where.
fn share_vector_floors(mut priced: Vec<PricedResource>) -> Vec<PricedResource> {
    let floor_hours = |r: &PricedResource| {
        r.cost
            .components
            .iter()
            .find(|c| c.key == "ocu_floor")
            .and_then(|c| c.quantity.value())
    };
    let group_of = |r: &PricedResource| {
        let origin = r.resource.origin.as_deref().unwrap_or("");
        let dir = origin.rsplit_once('/').map_or("", |(d, _)| d);
        (dir.to_string(), r.resource.region.region.clone())
    };
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in priced.iter().enumerate() {
        if r.resource.kind == ResourceKind::VectorCollection
            && !r.resource.is_removed()
            && floor_hours(r).is_some()
        {
            groups.entry(group_of(r)).or_default().push(i);
        }
    }
    for ((_, region), members) in groups {
        if members.len() < 2 {
            continue;
        }
        // The largest floor, then the first address, carries it.
        let Some(&carrier) = members.iter().min_by(|&&a, &&b| {
            floor_hours(&priced[b])
                .cmp(&floor_hours(&priced[a]))
                .then_with(|| priced[a].resource.address.cmp(&priced[b].resource.address))
        }) else {
            continue;
        };
        let carrier_address = priced[carrier].resource.address.clone();
        let others: Vec<String> = members
            .iter()
            .filter(|&&i| i != carrier)
            .map(|&i| format!("`{}`", priced[i].resource.address))
            .collect();
        priced[carrier].cost.assumptions.push(format!(
            "its OCU floor is shared with {} other vector collection{} of this configuration in {region} ({}), counted once, here; a collection with a KMS key of its own would have its own floor",
            others.len(),
            if others.len() == 1 { "" } else { "s" },
            others.join(", ")
        ));
        for &i in &members {
            if i == carrier {
                continue;
            }
            let r = &mut priced[i];
            r.shares_floor_with = Some(carrier_address.clone());
            r.cost.components.retain(|c| c.key != "ocu_floor");
            r.cost.assumptions.push(format!(
                "shares the vector OCUs of `{carrier_address}` (same configuration and Region; assumed the same KMS key), where the floor is counted"
            ));
            let assumptions = std::mem::take(&mut r.cost.assumptions);
            r.cost = if r.cost.components.is_empty() {
                CostEstimate {
                    hourly_usd: None,
                    monthly_usd: None,
                    status: CostStatus::NotPriced(format!(
                        "its OCU floor is counted on `{carrier_address}`"
                    )),
                    assumptions,
                    estimate: false,
                    components: Vec::new(),
                }
            } else {
                CostEstimate::from_components(std::mem::take(&mut r.cost.components), assumptions)
            };
        }
    }
    priced
}

/// Says on each knowledge base where its vectors are priced, and on each vector collection which
/// knowledge bases share it: the collection's floor is counted once, on the collection.
fn link_vector_stores(mut priced: Vec<PricedResource>, catalog: &Catalog) -> Vec<PricedResource> {
    let mut users: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in &priced {
        if let Details::KnowledgeBase(KnowledgeBaseStore {
            collection: Some(c),
            ..
        }) = &r.resource.details
        {
            users
                .entry(c.clone())
                .or_default()
                .push(r.resource.address.clone());
        }
    }
    let floor_1_ocu = catalog
        .service_component("opensearch_serverless", "ocu_hour")
        .map(|p| p.price * VECTOR_FLOOR_OCU * HOURS_PER_MONTH / p.per);
    // A link may name the collection with or without its instance key.
    let collections: std::collections::BTreeSet<String> = priced
        .iter()
        .filter(|r| r.resource.kind == ResourceKind::VectorCollection)
        .flat_map(|r| [r.resource.address.clone(), r.resource.resource_address()])
        .collect();
    for r in &mut priced {
        match &r.resource.details {
            Details::KnowledgeBase(store) => match &store.collection {
                Some(c) if collections.contains(c) => r.cost.assumptions.push(format!(
                    "its vectors are in `{c}`, whose compute floor is priced there, once"
                )),
                _ if store
                    .store_type
                    .known()
                    .is_some_and(|t| t.eq_ignore_ascii_case("OPENSEARCH_SERVERLESS")) =>
                {
                    let floor = floor_1_ocu.map_or_else(String::new, |f| {
                        format!(" (at least {}/month, estimate)", crate::money::usd(f))
                    });
                    r.cost.assumptions.push(if collections.is_empty() {
                        format!(
                            "its OpenSearch Serverless collection is not defined in what was linted: that collection's compute floor{floor} is not counted here"
                        )
                    } else {
                        // Named through something not followed (a module output, a variable): the
                        // floor may well be counted on one of the collections found.
                        format!(
                            "which collection holds its vectors is not known here: its compute floor{floor} is counted only if that collection is one of those listed"
                        )
                    });
                }
                _ => {}
            },
            Details::VectorCollection(_) => {
                let kbs = users
                    .get(&r.resource.address)
                    .or_else(|| users.get(&r.resource.resource_address()));
                if let Some(kbs) = kbs {
                    let listed: Vec<String> = kbs.iter().map(|k| format!("`{k}`")).collect();
                    r.cost.assumptions.push(if kbs.len() == 1 {
                        format!("the vector store of {}", listed.join(""))
                    } else {
                        format!(
                            "the vector store of {} knowledge bases ({}): its floor is counted once, here",
                            kbs.len(),
                            listed.join(", ")
                        )
                    });
                }
            }
            _ => {}
        }
    }
    priced
}
