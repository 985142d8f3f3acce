//! The catalog generator: curated source tables (`catalog/*.csv`, one row per fact, each with its
//! source and date) in, the embedded `rules/pricing.toml` out. `tests/catalog_generated.rs` fails when
//! the committed catalog differs from what this makes; `cargo run --example gen_catalog` rewrites it.
//!
//! The tables, and what one row of each says:
//! - `sources.csv`: a source key, its owner (`aws` or `third-party`), its own date, where it is.
//! - `models.csv`: a model ID as AWS writes it, its name, provider, routing policy, the profiles it has.
//! - `lifecycle.csv`: a model's state (`legacy`, `eol`), its end-of-life date and successor.
//! - `prices.csv`: one price component (`input`, `cache_write_1h`, `per_image`, ...) of one model, for
//!   a Region (`*`: every Region without its own row), a routing (`*`, `global`, `regional`), a tier
//!   (`standard`, `batch`, `priority`, `flex`) and, optionally, the date it takes effect.
//! - `provisioned.csv`, `reserved.csv`: provisioned-throughput and reserved-tier rates by term.
//! - `routing.csv`, `regions.csv`: routing multipliers; fallback Region multipliers.
//! - `dedicated.csv`: the same open-weights model at a dedicated provider (BL009's comparison only).
//!
//! A third-party source makes its figures `confidence = "estimate"`; AWS's own are published.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use rust_decimal::Decimal;

use super::csv::{Row, Table};
use crate::date::Date;

/// The tables, by file name without `.csv`.
pub struct SourceTables {
    tables: BTreeMap<String, Table>,
}

/// The tables, in the order they are read (`catalog/NAME.csv`).
pub const TABLES: [&str; 10] = [
    "sources",
    "routing",
    "regions",
    "models",
    "lifecycle",
    "prices",
    "provisioned",
    "reserved",
    "dedicated",
    "services",
];

/// Price components a `prices.csv` row may name, in the order they are written.
pub const COMPONENTS: [&str; 15] = [
    "input",
    "output",
    "cache_write_5m",
    "cache_write_1h",
    "cache_read",
    "long_above",
    "input_long",
    "output_long",
    "cache_write_5m_long",
    "cache_write_1h_long",
    "cache_read_long",
    "per_image",
    "per_video_second",
    "per_audio_second",
    "per_1k_queries",
];

const TIERS: [&str; 4] = ["standard", "batch", "priority", "flex"];

impl SourceTables {
    /// Reads every table from a directory (`catalog/`).
    pub fn read_dir(dir: &Path) -> Result<SourceTables, String> {
        let mut texts = Vec::new();
        for name in TABLES {
            let path = dir.join(format!("{name}.csv"));
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            texts.push((name, text));
        }
        SourceTables::from_texts(&texts)
    }

    /// From `(table name, CSV text)` pairs; every table in [`TABLES`] is required.
    pub fn from_texts(texts: &[(&str, String)]) -> Result<SourceTables, String> {
        let mut tables = BTreeMap::new();
        for (name, text) in texts {
            tables.insert(
                name.to_string(),
                Table::parse(&format!("{name}.csv"), text)?,
            );
        }
        for name in TABLES {
            if !tables.contains_key(name) {
                return Err(format!("{name}.csv is missing"));
            }
        }
        Ok(SourceTables { tables })
    }

    fn table(&self, name: &str) -> &Table {
        // Presence is checked in `from_texts`.
        &self.tables[name]
    }
}

struct Source {
    owner_is_aws: bool,
    location: String,
    date: Date,
}

/// Where a row's figures come from, resolved: what every generated table carries.
struct Cite<'a> {
    source: &'a Source,
    as_of: Date,
}

struct Ctx<'a> {
    sources: BTreeMap<&'a str, Source>,
}

impl<'a> Ctx<'a> {
    fn cite(&self, table: &Table, row: &'a Row) -> Result<Cite<'_>, String> {
        let key = row.get("source");
        let source = self.sources.get(key).ok_or_else(|| {
            format!(
                "{}:{}: source `{key}` is not in sources.csv",
                table.name, row.line
            )
        })?;
        let as_of = date(table, row, "as_of")?
            .ok_or_else(|| format!("{}:{}: `as_of` is required", table.name, row.line))?;
        if as_of > source.date {
            return Err(format!(
                "{}:{}: as_of {as_of} is later than the source's own date {}",
                table.name, row.line, source.date
            ));
        }
        Ok(Cite { source, as_of })
    }
}

fn date(table: &Table, row: &Row, column: &str) -> Result<Option<Date>, String> {
    let v = row.get(column);
    if v.is_empty() {
        return Ok(None);
    }
    Date::parse(v).map(Some).ok_or_else(|| {
        format!(
            "{}:{}: `{column}` = `{v}` is not a YYYY-MM-DD date",
            table.name, row.line
        )
    })
}

fn money(table: &Table, row: &Row, column: &str) -> Result<String, String> {
    let v = row.get(column);
    v.parse::<Decimal>()
        .ok()
        .filter(|d| !d.is_sign_negative())
        .map(|_| v.to_string())
        .ok_or_else(|| {
            format!(
                "{}:{}: `{column}` = `{v}` is not a non-negative decimal",
                table.name, row.line
            )
        })
}

fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn key(s: &str) -> String {
    let bare = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        s.to_string()
    } else {
        q(s)
    }
}

fn write_cite(out: &mut String, cite: &Cite, note: &str) {
    let _ = writeln!(out, "source = {}", q(&cite.source.location));
    let _ = writeln!(out, "as_of = \"{}\"", cite.as_of);
    if !cite.source.owner_is_aws {
        out.push_str("confidence = \"estimate\"\n");
    }
    if !note.is_empty() {
        let _ = writeln!(out, "note = {}", q(note));
    }
}

/// One generated tier table: where it goes and its components, all from one source.
struct PriceGroup<'a> {
    components: Vec<(&'a str, String)>,
    source_key: &'a str,
    row: &'a Row,
    notes: Vec<&'a str>,
}

/// Makes the text of `rules/pricing.toml` from the tables. Errors name the table, line and problem.
pub fn generate(tables: &SourceTables) -> Result<String, String> {
    let sources_t = tables.table("sources");
    sources_t.require(&["key", "owner", "date", "location", "title"])?;
    let mut ctx = Ctx {
        sources: BTreeMap::new(),
    };
    for row in &sources_t.rows {
        let owner = row.get("owner");
        if owner != "aws" && owner != "third-party" {
            return Err(format!(
                "sources.csv:{}: owner `{owner}` is neither `aws` nor `third-party`",
                row.line
            ));
        }
        let d = date(sources_t, row, "date")?
            .ok_or_else(|| format!("sources.csv:{}: `date` is required", row.line))?;
        if ctx
            .sources
            .insert(
                row.get("key"),
                Source {
                    owner_is_aws: owner == "aws",
                    location: row.get("location").to_string(),
                    date: d,
                },
            )
            .is_some()
        {
            return Err(format!("sources.csv:{}: duplicate key", row.line));
        }
    }

    let mut newest: Option<Date> = None;
    let mut out = String::new();
    let mut body = String::new();

    // Routing policies.
    let routing_t = tables.table("routing");
    routing_t.require(&[
        "policy",
        "in_region",
        "geo",
        "global",
        "source",
        "as_of",
        "description",
    ])?;
    let mut policies = BTreeSet::new();
    for row in &routing_t.rows {
        let cite = ctx.cite(routing_t, row)?;
        policies.insert(row.get("policy"));
        let _ = writeln!(body, "[routing.{}]", key(row.get("policy")));
        let _ = writeln!(body, "description = {}", q(row.get("description")));
        for col in ["in_region", "geo", "global"] {
            if !row.get(col).is_empty() {
                let _ = writeln!(body, "{col} = {}", q(&money(routing_t, row, col)?));
            }
        }
        write_cite(&mut body, &cite, "");
        body.push('\n');
    }

    let regions_t = tables.table("regions");
    regions_t.require(&["region", "multiplier", "source", "as_of", "note"])?;
    for row in &regions_t.rows {
        let cite = ctx.cite(regions_t, row)?;
        let _ = writeln!(body, "[regions.{}]", key(row.get("region")));
        let _ = writeln!(
            body,
            "multiplier = {}",
            q(&money(regions_t, row, "multiplier")?)
        );
        write_cite(&mut body, &cite, row.get("note"));
        body.push('\n');
    }

    // Models, in table order; every other table hangs off a model ID.
    let models_t = tables.table("models");
    models_t.require(&[
        "id",
        "name",
        "provider",
        "routing",
        "routes",
        "requires_profile",
        "open_weights",
        "region_prices",
        "superseded_by",
        "id_sources",
        "source",
        "as_of",
        "note",
    ])?;
    let ids: BTreeSet<&str> = models_t.rows.iter().map(|r| r.get("id")).collect();
    if ids.len() != models_t.rows.len() {
        return Err("models.csv: a model ID is listed twice".into());
    }
    let by_model = |t: &'static str| -> BTreeMap<&str, Vec<&Row>> {
        let mut m: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
        for row in &tables.table(t).rows {
            let id = if t == "lifecycle" {
                row.get("id")
            } else {
                row.get("model")
            };
            m.entry(id).or_default().push(row);
        }
        m
    };
    let lifecycle = by_model("lifecycle");
    let prices = by_model("prices");
    let provisioned = by_model("provisioned");
    let reserved = by_model("reserved");
    let dedicated = by_model("dedicated");
    for (t, m) in [
        ("lifecycle", &lifecycle),
        ("prices", &prices),
        ("provisioned", &provisioned),
        ("reserved", &reserved),
        ("dedicated", &dedicated),
    ] {
        if let Some(unknown) = m.keys().find(|k| !ids.contains(*k)) {
            return Err(format!("{t}.csv: model `{unknown}` is not in models.csv"));
        }
    }

    let mut provider = "";
    for row in &models_t.rows {
        let id = row.get("id");
        let cite = ctx.cite(models_t, row)?;
        if !policies.contains(row.get("routing")) {
            return Err(format!(
                "models.csv:{}: routing `{}` is not in routing.csv",
                row.line,
                row.get("routing")
            ));
        }
        // Every ID is checked against at least one named source (two where the sources allow).
        let id_sources: Vec<&str> = row.get("id_sources").split_whitespace().collect();
        if id_sources.is_empty() {
            return Err(format!(
                "models.csv:{}: `{id}` names no id_sources",
                row.line
            ));
        }
        if let Some(bad) = id_sources.iter().find(|k| !ctx.sources.contains_key(**k)) {
            return Err(format!(
                "models.csv:{}: id_sources `{bad}` is not in sources.csv",
                row.line
            ));
        }
        let successor = row.get("superseded_by");
        if !successor.is_empty() && !ids.contains(successor) {
            return Err(format!(
                "models.csv:{}: superseded_by `{successor}` is not in models.csv",
                row.line
            ));
        }
        if row.get("provider") != provider {
            provider = row.get("provider");
            let _ = writeln!(body, "# --- {provider} ---\n");
        }
        let _ = writeln!(body, "[models.{}]", q(id));
        let _ = writeln!(body, "name = {}", q(row.get("name")));
        let _ = writeln!(body, "provider = {}", q(provider));
        let _ = writeln!(body, "routing = {}", q(row.get("routing")));
        let routes = row.get("routes");
        if !routes.is_empty() {
            let list: Vec<String> = if routes == "none" {
                Vec::new()
            } else {
                routes.split_whitespace().map(q).collect()
            };
            let _ = writeln!(body, "routes = [{}]", list.join(", "));
        }
        for (col, field) in [
            ("requires_profile", "requires_inference_profile"),
            ("open_weights", "open_weights"),
        ] {
            match row.get(col) {
                "true" => {
                    let _ = writeln!(body, "{field} = true");
                }
                "false" => {}
                other => {
                    return Err(format!(
                        "models.csv:{}: {col} = `{other}` is not true/false",
                        row.line
                    ))
                }
            }
        }
        let bare: Vec<String> = row
            .get("bare_id_regions")
            .split_whitespace()
            .map(q)
            .collect();
        if !bare.is_empty() {
            let _ = writeln!(body, "bare_id_regions = [{}]", bare.join(", "));
        }
        match row.get("region_prices") {
            "same" | "vary" => {
                let _ = writeln!(body, "region_prices = {}", q(row.get("region_prices")));
            }
            other => {
                return Err(format!(
                    "models.csv:{}: region_prices = `{other}` is neither `same` nor `vary`",
                    row.line
                ))
            }
        }
        if !successor.is_empty() {
            let _ = writeln!(body, "superseded_by = {}", q(successor));
        }
        write_cite(&mut body, &cite, row.get("note"));
        newest = newest.max(Some(cite.as_of));
        body.push('\n');

        for lrow in lifecycle.get(id).into_iter().flatten() {
            let lt = tables.table("lifecycle");
            let cite = ctx.cite(lt, lrow)?;
            let status = lrow.get("status");
            if !["active", "legacy", "eol"].contains(&status) {
                return Err(format!(
                    "lifecycle.csv:{}: status `{status}` is not active/legacy/eol",
                    lrow.line
                ));
            }
            let _ = writeln!(body, "[models.{}.lifecycle]", q(id));
            let _ = writeln!(body, "status = {}", q(status));
            if let Some(d) = date(lt, lrow, "eol")? {
                let _ = writeln!(body, "eol = \"{d}\"");
            }
            let s = lrow.get("successor");
            if !s.is_empty() {
                if !ids.contains(s) {
                    return Err(format!(
                        "lifecycle.csv:{}: successor `{s}` is not in models.csv",
                        lrow.line
                    ));
                }
                let _ = writeln!(body, "successor = {}", q(s));
            }
            write_cite(&mut body, &cite, lrow.get("note"));
            newest = newest.max(Some(cite.as_of));
            body.push('\n');
        }
        if lifecycle.get(id).is_some_and(|v| v.len() > 1) {
            return Err(format!("lifecycle.csv: `{id}` has more than one row"));
        }

        // Price rows grouped into tier tables: (region, routing, from, tier) → components.
        let pt = tables.table("prices");
        pt.require(&[
            "model",
            "region",
            "routing",
            "tier",
            "from",
            "component",
            "price",
            "source",
            "as_of",
            "note",
        ])?;
        let mut groups: BTreeMap<(String, String, String, usize), PriceGroup> = BTreeMap::new();
        for prow in prices.get(id).into_iter().flatten() {
            let tier = prow.get("tier");
            let tier_index = TIERS.iter().position(|t| *t == tier).ok_or_else(|| {
                format!(
                    "prices.csv:{}: tier `{tier}` is not one of {TIERS:?}",
                    prow.line
                )
            })?;
            let component = prow.get("component");
            let component = COMPONENTS
                .iter()
                .find(|c| **c == component)
                .copied()
                .ok_or_else(|| {
                    format!(
                        "prices.csv:{}: component `{component}` is not one of {COMPONENTS:?}",
                        prow.line
                    )
                })?;
            let region = prow.get("region");
            let routing = prow.get("routing");
            if !["*", "global", "regional"].contains(&routing) {
                return Err(format!(
                    "prices.csv:{}: routing `{routing}` is not *, global or regional",
                    prow.line
                ));
            }
            let from = prow.get("from");
            if !from.is_empty() {
                date(pt, prow, "from")?;
            }
            if (region != "*") as u8 + (routing != "*") as u8 + (!from.is_empty()) as u8 > 1 {
                return Err(format!(
                    "prices.csv:{}: a row may set only one of a Region, a routing and a `from` date",
                    prow.line
                ));
            }
            let value = if component == "long_above" {
                prow.get("price")
                    .parse::<u64>()
                    .map(|n| n.to_string())
                    .map_err(|_| format!("prices.csv:{}: long_above is a token count", prow.line))?
            } else {
                money(pt, prow, "price")?
            };
            let g = groups
                .entry((
                    region.to_string(),
                    routing.to_string(),
                    from.to_string(),
                    tier_index,
                ))
                .or_insert_with(|| PriceGroup {
                    components: Vec::new(),
                    source_key: prow.get("source"),
                    row: prow,
                    notes: Vec::new(),
                });
            if g.source_key != prow.get("source") || g.row.get("as_of") != prow.get("as_of") {
                return Err(format!(
                    "prices.csv:{}: one tier table takes one source and date; line {} has another",
                    prow.line, g.row.line
                ));
            }
            if g.components.iter().any(|(c, _)| *c == component) {
                return Err(format!(
                    "prices.csv:{}: `{component}` given twice",
                    prow.line
                ));
            }
            g.components.push((component, value));
            let note = prow.get("note");
            if !note.is_empty() && !g.notes.contains(&note) {
                g.notes.push(note);
            }
        }
        for ((region, routing, from, tier_index), mut g) in groups {
            let tier = TIERS[tier_index];
            let path = match (region.as_str(), routing.as_str(), from.as_str()) {
                ("*", "*", "") => format!("prices.{tier}"),
                ("*", "*", d) => format!("changes.\"{d}\".{tier}"),
                ("*", r, _) => format!("routings.{r}.{tier}"),
                (r, _, _) => format!("regions.{}.{tier}", q(r)),
            };
            let _ = writeln!(body, "[models.{}.{path}]", q(id));
            g.components
                .sort_by_key(|(c, _)| COMPONENTS.iter().position(|x| x == c));
            for (c, v) in &g.components {
                if *c == "long_above" {
                    let _ = writeln!(body, "{c} = {v}");
                } else {
                    let _ = writeln!(body, "{c} = {}", q(v));
                }
            }
            let cite = ctx.cite(pt, g.row)?;
            write_cite(&mut body, &cite, &g.notes.join(" "));
            newest = newest.max(Some(cite.as_of));
            body.push('\n');
        }

        if let Some(rows) = provisioned.get(id) {
            let t = tables.table("provisioned");
            let first = rows[0];
            let _ = writeln!(body, "[models.{}.provisioned]", q(id));
            let mut notes = Vec::new();
            for prow in rows {
                let term = prow.get("term");
                if !["no_commitment", "one_month", "six_months"].contains(&term) {
                    return Err(format!("provisioned.csv:{}: term `{term}`", prow.line));
                }
                if prow.get("source") != first.get("source") {
                    return Err(format!(
                        "provisioned.csv:{}: one model's terms take one source",
                        prow.line
                    ));
                }
                let _ = writeln!(body, "{term} = {}", q(&money(t, prow, "price")?));
                let n = prow.get("note");
                if !n.is_empty() && !notes.contains(&n) {
                    notes.push(n);
                }
            }
            let cite = ctx.cite(t, first)?;
            write_cite(&mut body, &cite, &notes.join(" "));
            body.push('\n');
        }

        let mut by_routing: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
        for rrow in reserved.get(id).into_iter().flatten() {
            by_routing
                .entry(rrow.get("routing"))
                .or_default()
                .push(rrow);
        }
        for (routing, rows) in by_routing {
            let t = tables.table("reserved");
            if routing != "global" && routing != "geo" {
                return Err(format!(
                    "reserved.csv:{}: routing `{routing}`",
                    rows[0].line
                ));
            }
            let _ = writeln!(body, "[models.{}.reserved.{routing}]", q(id));
            for rrow in &rows {
                let term = rrow.get("term");
                let dir = rrow.get("direction");
                if !["one_month", "three_months"].contains(&term)
                    || !["input", "output"].contains(&dir)
                {
                    return Err(format!("reserved.csv:{}: term/direction", rrow.line));
                }
                let _ = writeln!(body, "{term}_{dir} = {}", q(&money(t, rrow, "price")?));
            }
            let cite = ctx.cite(t, rows[0])?;
            write_cite(&mut body, &cite, "");
            body.push('\n');
        }

        for drow in dedicated.get(id).into_iter().flatten() {
            let t = tables.table("dedicated");
            let _ = writeln!(
                body,
                "[models.{}.dedicated.{}]",
                q(id),
                key(drow.get("key"))
            );
            let _ = writeln!(body, "provider = {}", q(drow.get("provider")));
            let _ = writeln!(body, "input = {}", q(&money(t, drow, "input")?));
            if !drow.get("output").is_empty() {
                let _ = writeln!(body, "output = {}", q(&money(t, drow, "output")?));
            }
            let cite = ctx.cite(t, drow)?;
            write_cite(&mut body, &cite, drow.get("note"));
            body.push('\n');
        }
    }

    services(tables, &ctx, &ids, &mut body)?;

    let as_of = newest.ok_or("models.csv has no models")?;
    out.push_str(HEADER);
    let _ = writeln!(out, "schema_version = 2");
    let _ = writeln!(out, "as_of = \"{as_of}\"");
    out.push_str("base_region = \"us-east-1\"\n\n");
    out.push_str(&body);
    while out.ends_with("\n\n") {
        out.pop();
    }
    Ok(out)
}

/// `[services.NAME]`: what Bedrock bills besides model tokens (vector stores, guardrails, AgentCore,
/// customization, log delivery), one sourced price per component; per-model rows (training) go under
/// `models."ID"`.
fn services(
    tables: &SourceTables,
    ctx: &Ctx,
    model_ids: &BTreeSet<&str>,
    body: &mut String,
) -> Result<(), String> {
    let t = tables.table("services");
    t.require(&[
        "service",
        "service_name",
        "component",
        "model",
        "name",
        "unit",
        "per",
        "price",
        "source",
        "as_of",
        "note",
    ])?;
    let mut named: BTreeMap<&str, &str> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for row in &t.rows {
        let service = row.get("service");
        let model = row.get("model");
        if !model.is_empty() && !model_ids.contains(model) {
            return Err(format!(
                "services.csv:{}: model `{model}` is not in models.csv",
                row.line
            ));
        }
        if !seen.insert((service, model, row.get("component"))) {
            return Err(format!("services.csv:{}: duplicate component", row.line));
        }
        if named.insert(service, row.get("service_name")).is_none() {
            let _ = writeln!(body, "[services.{}]", key(service));
            let _ = writeln!(body, "name = {}\n", q(row.get("service_name")));
        }
        let cite = ctx.cite(t, row)?;
        if model.is_empty() {
            let _ = writeln!(
                body,
                "[services.{}.components.{}]",
                key(service),
                key(row.get("component"))
            );
        } else {
            let _ = writeln!(
                body,
                "[services.{}.models.{}.{}]",
                key(service),
                q(model),
                key(row.get("component"))
            );
        }
        let _ = writeln!(body, "name = {}", q(row.get("name")));
        let _ = writeln!(body, "unit = {}", q(row.get("unit")));
        let _ = writeln!(body, "per = {}", q(&money(t, row, "per")?));
        let _ = writeln!(body, "price = {}", q(&money(t, row, "price")?));
        write_cite(body, &cite, row.get("note"));
        body.push('\n');
    }
    Ok(())
}

const HEADER: &str = "\
# bedrock-lint pricing catalog, embedded in the binary at build time.
#
# GENERATED from catalog/*.csv by `cargo run --example gen_catalog`: do not edit by hand (the test
# tests/catalog_generated.rs fails when this file differs from what the tables make).
#
# Units: token prices are USD per 1M tokens; `per_image`, `per_video_second`, `per_audio_second` and
# `per_1k_queries` as named; provisioned throughput is USD per model unit (MU) per hour; the reserved
# tier is USD per 1K tokens-per-minute per hour; `services.*` components are USD per `per` `unit`s. Money is written as strings so no figure goes through
# a float. Every table carries `source` and `as_of`; `confidence = \"estimate\"` marks a third party's
# figure, and every output that uses one says so.
#
# A model's `prices.<tier>` are its rates in every Region without its own `regions.\"R\".<tier>` row.
# Under a `global-discount` policy they are the GLOBAL price and geo / in-Region calls pay the policy's
# 1.10; `routings.<global|regional>.<tier>` and Region rows are final prices (no multiplier).
# `changes.\"DATE\".<tier>` replaces the listed components from that date on. `routes` lists the
# profiles a model has (absent: not known). `region_prices = \"same\"`: one price in every commercial
# Region; `\"vary\"`: a Region without a row is priced at base-Region rates as an estimate.
#
# Override any of it with a price book (`pricing = \"book.toml\"` or --pricing): same schema, merged key
# by key, e.g. a Region's rate, a tier or a lifecycle date:
#   [models.\"openai.gpt-oss-120b-1:0\".regions.\"eu-west-1\".standard]
#   input = \"0.16\"
#   output = \"0.64\"
#   source = \"our AWS invoice, 2026-11\"
#   as_of = \"2026-11-30\"

";
