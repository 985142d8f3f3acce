//! `bedrock-lint catalog [MODEL]`: the pricing catalog itself. Without a model, one line per model
//! (provider, lifecycle, cheapest routing from the base Region); with one, every price it has by Region,
//! routing and tier, each with its source and date.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::model::{Geography, Routing};
use crate::money;
use crate::pricing::{
    on_demand_rates, Catalog, Confidence, LifecycleState, ModelLookup, Tier, TierPrices, Tiers,
};

fn lifecycle_text(state: LifecycleState) -> String {
    match state {
        LifecycleState::Active => "active".into(),
        LifecycleState::Legacy { eol: None } => "legacy".into(),
        LifecycleState::Legacy {
            eol: Some((d, days)),
        } => format!("legacy, end of life {d} ({days} days)"),
        LifecycleState::EndOfLife { eol: Some(d) } => format!("end of life {d}"),
        LifecycleState::EndOfLife { eol: None } => "end of life".into(),
    }
}

fn routing_text(r: Routing) -> String {
    match r {
        Routing::InRegion => "in-Region".into(),
        Routing::Geo(g) => format!("{}.", g.prefix()),
        Routing::Global => "global.".into(),
    }
}

/// The cheapest standard on-demand routing a caller in the base Region can use, with its rates.
fn cheapest(catalog: &Catalog, m: &ModelLookup) -> String {
    let base = catalog.base_region.as_str();
    let geo = Geography::for_region(base).map(Routing::Geo);
    // Ties go to the first: in-Region before a geo profile at the same price.
    let best = [Some(Routing::Global), Some(Routing::InRegion), geo]
        .into_iter()
        .flatten()
        .filter(|r| !(*r == Routing::InRegion && m.price.requires_inference_profile))
        .filter_map(|r| on_demand_rates(catalog, m.id, r, base).ok())
        .min_by(|a, b| a.input.cmp(&b.input).then(a.output.cmp(&b.output)));
    match best {
        Some(rates) => {
            let price = if rates.prices.input.is_some() {
                match rates.output {
                    Some(o) => format!("{} / {}", money::rate(rates.input), money::rate(o)),
                    None => format!("{} (input only)", money::rate(rates.input)),
                }
            } else {
                other_units(&rates.prices).unwrap_or_else(|| "-".into())
            };
            format!(
                "{} {price}{}",
                routing_text(rates.routing),
                if rates.estimate { " (estimate)" } else { "" }
            )
        }
        None => "-".into(),
    }
}

fn other_units(p: &TierPrices) -> Option<String> {
    let parts: Vec<String> = [
        (p.per_image, "per image"),
        (p.per_video_second, "per second of video"),
        (p.per_audio_second, "per second of audio"),
        (p.per_1k_queries, "per 1,000 queries"),
    ]
    .into_iter()
    .filter_map(|(v, unit)| v.map(|v| format!("{} {unit}", money::rate(v))))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Every model, one line each.
pub fn render_catalog_list(catalog: &Catalog) -> String {
    let mut rows: Vec<[String; 5]> = Vec::new();
    for id in catalog.models.keys() {
        let Some(m) = catalog.model(id) else { continue };
        let state = m.price.lifecycle_state(catalog.today);
        let price = match state {
            LifecycleState::EndOfLife { .. } => "- (calls fail)".into(),
            _ => cheapest(catalog, &m),
        };
        rows.push([
            id.clone(),
            m.price.name.clone(),
            m.price.provider.clone(),
            lifecycle_text(state),
            price,
        ]);
    }
    let header = [
        "MODEL".to_string(),
        "NAME".into(),
        "PROVIDER".into(),
        "LIFECYCLE".into(),
        format!(
            "CHEAPEST FROM {} (standard, per 1M in/out)",
            catalog.base_region
        ),
    ];
    let mut out = format!(
        "bedrock-lint pricing catalog of {} (today {}): {} models\n\n",
        catalog.as_of,
        catalog.today,
        rows.len()
    );
    let table: Vec<Vec<String>> = std::iter::once(&header)
        .chain(rows.iter())
        .map(|r| r.to_vec())
        .collect();
    out.push_str(&super::columns::aligned(&table, ""));
    out.push_str(
        "\n`bedrock-lint catalog MODEL` shows every price of one model with its source and date;\n`bedrock-lint catalog services` lists what is billed besides model tokens.\n",
    );
    for note in catalog.notes().iter().skip(1) {
        let _ = writeln!(out, "note: {note}");
    }
    out
}

/// `bedrock-lint catalog services`: every component billed besides model tokens (vector stores,
/// guardrails, customization, AgentCore, flows, log delivery), with its unit price and source.
pub fn render_catalog_services(catalog: &Catalog) -> String {
    let mut sources = Sources::default();
    let mut rows: Vec<[String; 3]> = Vec::new();
    for (key, service) in &catalog.services {
        let mut push = |component: String, c: &crate::pricing::ComponentPrice, model: &str| {
            rows.push([
                component,
                format!(
                    "{} per {}{model}",
                    crate::money::rate(c.price),
                    crate::pricing::per_unit_text(c.per, &c.unit)
                ),
                sources.cite(&c.source, &c.as_of, c.confidence),
            ]);
        };
        for (ck, c) in &service.components {
            push(format!("{key}.{ck}"), c, "");
        }
        for (model, comps) in &service.models {
            for (ck, c) in comps {
                push(format!("{key}.{ck}"), c, &format!(", {model}"));
            }
        }
    }
    let header = [
        "SERVICE.COMPONENT".to_string(),
        "UNIT PRICE".into(),
        "SOURCE".into(),
    ];
    let mut out = format!(
        "bedrock-lint pricing catalog of {}: billed besides model tokens, {} components\n({} figures: another Region is priced at them as an estimate). A price book\noverrides one as [services.SERVICE.components.COMPONENT].\n\n",
        catalog.as_of,
        rows.len(),
        catalog.base_region
    );
    let table: Vec<Vec<String>> = std::iter::once(&header)
        .chain(rows.iter())
        .map(|r| r.to_vec())
        .collect();
    out.push_str(&super::columns::aligned(&table, ""));
    out.push_str("\nsources:\n");
    for (i, (source, as_of, estimate)) in sources.list.iter().enumerate() {
        let _ = writeln!(
            out,
            "  [{}] {source}, {as_of}{}",
            i + 1,
            if *estimate {
                " (a third party: estimate)"
            } else {
                ""
            }
        );
    }
    out
}

/// Numbered sources of one model's page.
#[derive(Default)]
struct Sources {
    list: Vec<(String, String, bool)>,
}

impl Sources {
    fn cite(&mut self, source: &str, as_of: &str, confidence: Confidence) -> String {
        let estimate = confidence == Confidence::Estimate;
        let key = (source.to_string(), as_of.to_string(), estimate);
        let n = match self.list.iter().position(|k| *k == key) {
            Some(i) => i + 1,
            None => {
                self.list.push(key);
                self.list.len()
            }
        };
        format!("[{n}]{}", if estimate { " estimate" } else { "" })
    }
}

fn price_text(p: &TierPrices) -> String {
    let names = [
        ("input", "in"),
        ("output", "out"),
        ("cache_write_5m", "cache write 5m"),
        ("cache_write_1h", "cache write 1h"),
        ("cache_read", "cache read"),
        ("input_long", "in (long)"),
        ("output_long", "out (long)"),
        ("cache_write_5m_long", "cache write 5m (long)"),
        ("cache_write_1h_long", "cache write 1h (long)"),
        ("cache_read_long", "cache read (long)"),
    ];
    let mut parts: Vec<String> = Vec::new();
    for (component, value) in p.components() {
        if let (Some(v), Some((_, label))) = (value, names.iter().find(|(c, _)| *c == component)) {
            parts.push(format!("{label} {}", money::rate(v)));
        }
    }
    if let Some(n) = p.long_above {
        parts.push(format!(
            "long = prompts over {} tokens",
            money::count(Decimal::from(n))
        ));
    }
    parts.extend(other_units(p));
    parts.join(" · ")
}

/// One model's page: every price by Region, routing and tier, with sources; `None` if not catalogued.
pub fn render_catalog_model(catalog: &Catalog, model_id: &str) -> Option<String> {
    let m = catalog.model(model_id)?;
    let p = m.price;
    let mut src = Sources::default();
    let mut out = String::new();
    let _ = writeln!(out, "{} (`{}`) · {}", p.name, m.id, p.provider);
    let _ = writeln!(
        out,
        "model entry: {}",
        src.cite(&p.source, &p.as_of, p.confidence)
    );
    if let Some(note) = &p.note {
        let _ = writeln!(out, "note: {note}");
    }
    let state = p.lifecycle_state(catalog.today);
    let _ = write!(
        out,
        "lifecycle (today {}): {}",
        catalog.today,
        lifecycle_text(state)
    );
    if let Some(l) = &p.lifecycle {
        if let Some(s) = &l.successor {
            let name = catalog
                .model(s)
                .map_or(s.as_str(), |x| x.price.name.as_str());
            let _ = write!(out, "; successor {name} (`{s}`)");
        }
        let _ = write!(out, " {}", src.cite(&l.source, &l.as_of, l.confidence));
    }
    out.push('\n');
    if let Some(s) = &p.superseded_by {
        let _ = writeln!(out, "superseded by: `{s}`");
    }
    let policy = m.routing;
    let mult = |r: Routing| {
        policy
            .multiplier(r)
            .map_or("not offered".to_string(), |x| format!("{}×", x.normalize()))
    };
    let _ = writeln!(
        out,
        "routing `{}`: in-Region {}, geo {}, global {} {}",
        p.routing,
        mult(Routing::InRegion),
        mult(Routing::Geo(Geography::Us)),
        mult(Routing::Global),
        src.cite(&policy.source, &policy.as_of, policy.confidence)
    );
    let _ = writeln!(
        out,
        "profiles: {}{}",
        p.routes_text(),
        if p.requires_inference_profile {
            " · on-demand calls need an inference profile"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "Regions: {}",
        match p.region_prices {
            crate::pricing::RegionPricing::Same => "one price in every commercial Region",
            crate::pricing::RegionPricing::Vary => {
                "prices vary by Region; a Region without a row below is priced at base-Region rates (estimate)"
            }
        }
    );
    out.push_str("\nprices (USD per 1M tokens unless stated):\n");
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    let offered: Vec<(&str, Routing)> = [
        ("in-Region", Routing::InRegion),
        ("geo", Routing::Geo(Geography::Us)),
        ("global", Routing::Global),
    ]
    .into_iter()
    .filter(|(_, r)| policy.multiplier(*r).is_some() && p.offers(*r))
    .collect();
    let level = |rows: &mut Vec<(String, String, String, String)>,
                 src: &mut Sources,
                 place: &str,
                 tiers: &Tiers,
                 routings: &[(String, Decimal)]| {
        for tier in Tier::ALL {
            let Some(t) = tiers.get(tier) else { continue };
            for (routing, factor) in routings {
                let shown = if *factor == Decimal::ONE {
                    t.clone()
                } else {
                    t.scaled(*factor)
                };
                rows.push((
                    place.to_string(),
                    routing.clone(),
                    tier.to_string(),
                    format!(
                        "{}  {}",
                        price_text(&shown),
                        src.cite(&t.source, &t.as_of, t.confidence)
                    ),
                ));
            }
        }
    };
    // Listed prices, per routing group that the policy prices differently.
    let mut groups: BTreeMap<String, (Vec<&str>, Decimal)> = BTreeMap::new();
    for (name, r) in &offered {
        if let Some(x) = policy.multiplier(*r) {
            groups
                .entry(x.normalize().to_string())
                .or_insert((Vec::new(), x))
                .0
                .push(name);
        }
    }
    let listed: Vec<(String, Decimal)> = groups
        .into_values()
        .map(|(names, x)| (names.join(" / "), x))
        .collect();
    level(&mut rows, &mut src, "every Region", &p.prices, &listed);
    for (date, tiers) in &p.changes {
        level(&mut rows, &mut src, &format!("from {date}"), tiers, &listed);
    }
    for (routing, tiers) in &p.routings {
        let label = if routing == "global" {
            "global"
        } else {
            "geo / in-Region"
        };
        level(
            &mut rows,
            &mut src,
            "every Region",
            tiers,
            &[(label.to_string(), Decimal::ONE)],
        );
    }
    for (region, tiers) in &p.regions {
        level(
            &mut rows,
            &mut src,
            region,
            tiers,
            &[("every routing".to_string(), Decimal::ONE)],
        );
    }
    if rows.is_empty() {
        out.push_str(
            "  none: this model's prices are not in any source; add them in a price book\n",
        );
    } else {
        let w0 = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(6);
        let w1 = rows.iter().map(|r| r.1.len()).max().unwrap_or(0).max(7);
        let w2 = rows.iter().map(|r| r.2.len()).max().unwrap_or(0).max(4);
        let _ = writeln!(
            out,
            "  {:<w0$}  {:<w1$}  {:<w2$}  PRICES",
            "REGION", "ROUTING", "TIER"
        );
        for (a, b, c, d) in &rows {
            let _ = writeln!(out, "  {a:<w0$}  {b:<w1$}  {c:<w2$}  {d}");
        }
    }
    if let Some(pt) = &p.provisioned {
        let terms: Vec<String> = [
            ("no commitment", pt.no_commitment),
            ("1 month", pt.one_month),
            ("6 months", pt.six_months),
        ]
        .into_iter()
        .filter_map(|(t, v)| v.map(|v| format!("{t} {}", money::rate(v))))
        .collect();
        let _ = writeln!(
            out,
            "\nprovisioned throughput, per model unit per hour: {}  {}",
            terms.join(" · "),
            src.cite(&pt.source, &pt.as_of, pt.confidence)
        );
    } else {
        out.push_str("\nprovisioned throughput: no published rate (a price book can add one)\n");
    }
    for (routing, r) in &p.reserved {
        let terms: Vec<String> = [
            ("1 month", r.one_month_input, r.one_month_output),
            ("3 months", r.three_months_input, r.three_months_output),
        ]
        .into_iter()
        .filter_map(|(t, i, o)| Some(format!("{t} {} / {}", money::rate(i?), money::rate(o?))))
        .collect();
        let _ = writeln!(
            out,
            "reserved tier ({routing}), per 1K tokens-per-minute per hour, in / out: {}  {}",
            terms.join(" · "),
            src.cite(&r.source, &r.as_of, r.confidence)
        );
    }
    out.push_str("\nsources:\n");
    for (i, (s, as_of, estimate)) in src.list.iter().enumerate() {
        let _ = writeln!(
            out,
            "  [{}] {s} (as of {as_of}){}",
            i + 1,
            if *estimate {
                ", third-party figure: an estimate"
            } else {
                ""
            }
        );
    }
    Some(out)
}
