//! BL020: an OpenSearch Serverless vector collection with standby replicas in a non-production
//! environment. Standby replicas double the collection's compute floor (2 OCU instead of 1) to survive
//! the loss of an Availability Zone — availability a dev or test index does not need.

use rust_decimal::Decimal;

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::{Applicability, Fix};
use crate::model::{Details, Known, ResourceKind};
use crate::money;
use crate::pricing::{CostComponent, PricedResource, VECTOR_FLOOR_OCU_STANDBY};

pub static META: RuleMeta = RuleMeta {
    code: "BL020",
    name: "vector-standby-nonproduction",
    severity: Severity::Warning,
    summary: "A vector search collection with standby replicas (a 2-OCU floor) in a non-production environment: half its floor buys availability nobody needs there",
    doc: include_str!("../../rules/BL020-vector-standby-nonproduction.md"),
};

pub struct VectorStandbyNonproduction;

/// What changing standby replicas does (the provider's `RequiresReplace`; the API sets them at creation).
const REPLACEMENT: &str = "Standby replicas are chosen when a collection is created: Terraform replaces the collection, its indexes and documents are lost, the knowledge bases that store vectors in it are replaced with it (their `collection_arn` forces replacement), and the vector index must be created again and each data source synced again";

/// Tag keys that name a resource's environment (exact keys).
const ENVIRONMENT_TAGS: [&str; 6] = ["Environment", "environment", "Env", "env", "Stage", "stage"];

/// Tag values that mean "not production" (exact values, any case). A value must equal one of these:
/// `dev-eu` or `prod-dev-mirror` are not recognised, so a production resource is never called dev.
const NONPRODUCTION_VALUES: [&str; 11] = [
    "dev",
    "development",
    "test",
    "testing",
    "qa",
    "staging",
    "stage",
    "sandbox",
    "nonprod",
    "non-prod",
    "preview",
];

/// Why a resource is in a non-production environment, if it is.
struct NonProduction {
    why: String,
    /// The path is marked non-production in the configuration (the file deploys there only); a tag
    /// may come from a variable that other environments set differently.
    by_path: bool,
}

fn nonproduction(r: &PricedResource, ctx: &RuleContext) -> Option<NonProduction> {
    if let Some(env) = ctx.config.environment.filter(|e| !e.is_production()) {
        return Some(NonProduction {
            why: format!(
                "it is in a path marked `environment = \"{}\"`",
                env.as_str()
            ),
            by_path: true,
        });
    }
    let tags = &r.resource.tags;
    ENVIRONMENT_TAGS.iter().find_map(|key| {
        let value = tags.get(*key)?;
        NONPRODUCTION_VALUES
            .iter()
            .any(|v| v.eq_ignore_ascii_case(value))
            .then(|| NonProduction {
                why: format!("its tag `{key} = \"{value}\"` marks a non-production environment"),
                by_path: false,
            })
    })
}

impl Rule for VectorStandbyNonproduction {
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
        if c.is_vector_search() != Some(true) || c.standby_replicas != Known::Known(true) {
            return;
        }
        let Some(env) = nonproduction(r, ctx) else {
            return;
        };
        // Collections sharing one set of OCUs: the floor is counted on one of them, and halves only
        // when none of them keeps standby replicas for production.
        if r.shares_floor_with.is_some() {
            return;
        }
        let production_standby = ctx.resources.iter().any(|o| {
            o.shares_floor_with.as_deref() == Some(r.resource.address.as_str())
                && matches!(&o.resource.details, Details::VectorCollection(oc)
                    if oc.standby_replicas != Known::Known(false))
                && nonproduction(o, ctx).is_none()
        });
        if production_standby {
            return;
        }
        let span = c
            .standby_span
            .clone()
            .unwrap_or_else(|| r.resource.span.clone());
        // Where `standby_replicas` is not written, the span is the block header.
        let written = c.standby_span.as_ref().is_some_and(|s| {
            s.path() != r.resource.span.path() || s.start != r.resource.span.start
        });
        let default_note = if written {
            ""
        } else {
            " (`standby_replicas` is not set and defaults to ENABLED)"
        };
        let floor = r.cost.components.iter().find(|c| c.key == "ocu_floor");
        let figures = floor.and_then(Figures::of);
        let message = match &figures {
            Some(f) => format!(
                "{} keeps standby replicas{default_note} but {}: its vector search floor is 2 OCU × {} h × {}/OCU-hour = {}/month; without standby replicas it is 1 OCU, {}/month ({} less)",
                r.resource.address,
                env.why,
                money::count(f.hours),
                money::rate(f.rate),
                money::usd(f.floor),
                money::usd(f.floor - f.saving),
                money::usd(f.saving),
            ),
            None => format!(
                "{} keeps standby replicas{default_note} but {}: they double its vector search floor from 1 OCU to 2 OCU every hour (the catalog has no OCU price to put a figure on it)",
                r.resource.address, env.why,
            ),
        };
        let mut d = META.diagnostic(r, span.clone(), message);
        d.label = Some(if written {
            "standby replicas: 2-OCU floor".into()
        } else {
            "standby replicas by default: 2-OCU floor".into()
        });
        if let Some(f) = &figures {
            d.monthly_impact = Some(f.saving);
            d.mark_estimate(f.estimate);
        }
        let change = if r.resource.address.starts_with("module.") {
            "the collection is in a module other callers may share: turn standby replicas off from this caller (a module input set to `\"DISABLED\"` here), not in the module"
        } else if env.by_path {
            "set `standby_replicas = \"DISABLED\"`"
        } else {
            "choose standby replicas per environment, e.g. `standby_replicas = var.environment == \"prod\" ? \"ENABLED\" : \"DISABLED\"`"
        };
        d.help = Some(format!("{change}. {REPLACEMENT}"));
        // Only where the path is marked non-production: a tag from a variable says nothing about the
        // other environments the same file deploys.
        if env.by_path {
            d.fix = disable_fix(r, written, &span);
        }
        out.push(d);
    }
}

/// The floor's figures, from the resource's own `ocu_floor` component (2 OCU × hours × rate).
struct Figures {
    rate: Decimal,
    hours: Decimal,
    floor: Decimal,
    /// One OCU of the two: half the floor.
    saving: Decimal,
    estimate: bool,
}

impl Figures {
    fn of(c: &CostComponent) -> Option<Figures> {
        let floor = c.monthly()?;
        let ocu_hours = c.quantity.value()?;
        if c.price.per != Decimal::ONE || floor <= Decimal::ZERO {
            return None;
        }
        // With standby replicas the floor is 2 OCU (the pricing's `VECTOR_FLOOR_OCU_STANDBY`).
        let hours = ocu_hours / VECTOR_FLOOR_OCU_STANDBY;
        Some(Figures {
            rate: c.price.usd,
            hours,
            floor,
            saving: c.price.cost(ocu_hours - hours),
            estimate: c.price.estimate,
        })
    }
}

fn span_text(span: &crate::span::Span) -> Option<&str> {
    span.file.text.get(span.start..span.end)
}

/// `standby_replicas = "DISABLED"`: the `"ENABLED"` literal replaced where it is written, or the
/// argument added as the block's first where it is not. Only for a `.tf` resource of the root module
/// (a module's block serves every caller). Unsafe: it replaces the collection.
fn disable_fix(r: &PricedResource, written: bool, span: &crate::span::Span) -> Option<Fix> {
    const TITLE: &str =
        "Set standby_replicas = \"DISABLED\" (replaces the collection: rebuild its index and sync its knowledge bases)";
    if !span.path().ends_with(".tf") || r.resource.address.starts_with("module.") {
        return None;
    }
    if written {
        // Only an `"ENABLED"` literal is rewritten (a variable may serve other environments). The
        // span is the value, or the whole attribute where a source records that.
        let text = span_text(span)?;
        let value = match text.split_once('=') {
            Some((key, value)) if key.trim() == "standby_replicas" => value.trim(),
            _ => text.trim(),
        };
        if !value.starts_with('"') || !value.trim_matches('"').eq_ignore_ascii_case("ENABLED") {
            return None;
        }
        let at = span.start + text.find(value)?;
        return Some(Fix::replace(
            TITLE,
            span.file.span(at..at + value.len()),
            "\"DISABLED\"",
            Applicability::Unsafe,
        ));
    }
    // Not written: add it as the first argument of the block.
    let header = &r.resource.span;
    let file_text = &header.file.text;
    if !file_text.get(header.start..)?.starts_with("resource") {
        return None;
    }
    let open = header.start + file_text[header.start..].find('{')?;
    let line_end = file_text[open..]
        .find('\n')
        .map_or(file_text.len(), |i| open + i);
    if !file_text[open + 1..line_end].trim().is_empty() {
        return None;
    }
    let next_line = file_text.get(line_end + 1..).unwrap_or("");
    let indent: String = next_line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let indent = if indent.is_empty() {
        "  ".to_string()
    } else {
        indent
    };
    Some(Fix::replace(
        TITLE,
        header.file.span(line_end..line_end),
        format!("\n{indent}standby_replicas = \"DISABLED\""),
        Applicability::Unsafe,
    ))
}

#[cfg(test)]
pub(super) mod tests {
    use std::collections::BTreeMap;

    use rust_decimal::Decimal;

    use crate::config::{Config, Overrides};
    use crate::diagnostic::Diagnostic;
    use crate::model::{
        BedrockResource, Details, KnowledgeBaseStore, Known, RegionChoice, RegionSource,
        ResourceKind, Role, VectorCollection,
    };
    use crate::pricing::{price_all, PricedResource};
    use crate::span::SourceFile;

    pub(in crate::rules) fn config(toml: &str) -> Config {
        Config::from_parts(None, Some(toml), &Overrides::default()).expect("config")
    }

    /// A resource declared in `path` whose text is `text`; the header is the first line.
    pub(in crate::rules) fn resource(
        path: &str,
        text: &str,
        address: &str,
        kind: ResourceKind,
        details: Details,
    ) -> BedrockResource {
        let file = SourceFile::new(path.into(), text);
        let header = text.find(" {").unwrap_or(text.len());
        BedrockResource {
            address: address.into(),
            kind,
            role: Role::Call,
            attribute: None,
            span: file.span(0..header),
            model: Known::Unknown("not a model call".into()),
            model_span: None,
            invalid_model_text: None,
            via_profile: None,
            region: RegionChoice {
                region: "us-east-1".into(),
                source: RegionSource::Provider,
            },
            details,
            notes: Vec::new(),
            tags: BTreeMap::new(),
            change: None,
            previous: None,
            origin: None,
        }
    }

    /// A VECTORSEARCH collection; `standby` as written (`None`: not written, the provider's ENABLED).
    pub(in crate::rules) fn collection(
        path: &str,
        address: &str,
        standby: Option<&str>,
    ) -> BedrockResource {
        let name = address.rsplit('.').next().unwrap_or("kb");
        let line = standby.map_or(String::new(), |s| format!("  standby_replicas = {s}\n"));
        let text = format!(
            "resource \"aws_opensearchserverless_collection\" \"{name}\" {{\n  name = \"{name}\"\n  type = \"VECTORSEARCH\"\n{line}}}\n"
        );
        let file = SourceFile::new(path.into(), text.clone());
        let standby_span = match standby {
            // The value, as the HCL extractor records it.
            Some(s) => {
                let at =
                    text.find("standby_replicas = ").unwrap_or(0) + "standby_replicas = ".len();
                file.span(at..at + s.len())
            }
            None => file.span(0..text.find(" {").unwrap_or(0)),
        };
        let standby_replicas = match standby {
            None | Some("\"ENABLED\"") => Known::Known(true),
            Some("\"DISABLED\"") => Known::Known(false),
            Some(other) => Known::Unknown(format!("{other} has no value")),
        };
        let mut r = resource(
            path,
            &text,
            address,
            ResourceKind::VectorCollection,
            Details::VectorCollection(VectorCollection {
                collection_type: Known::Known("VECTORSEARCH".into()),
                standby_replicas,
                standby_span: Some(standby_span),
                name: Some(name.into()),
            }),
        );
        r.span = file.span(0..text.find(" {").unwrap_or(0));
        r
    }

    pub(in crate::rules) fn knowledge_base(
        path: &str,
        address: &str,
        collection: &str,
    ) -> BedrockResource {
        let name = address.rsplit('.').next().unwrap_or("kb");
        resource(
            path,
            &format!("resource \"aws_bedrockagent_knowledge_base\" \"{name}\" {{\n}}\n"),
            address,
            ResourceKind::KnowledgeBase,
            Details::KnowledgeBase(KnowledgeBaseStore {
                store_type: Known::Known("OPENSEARCH_SERVERLESS".into()),
                collection: Some(collection.into()),
            }),
        )
    }

    /// Prices and lints the resources as a run does; the findings of `code`.
    pub(in crate::rules) fn findings(
        resources: Vec<BedrockResource>,
        config: &Config,
        code: &str,
    ) -> (Vec<PricedResource>, Vec<Diagnostic>) {
        let priced = price_all(resources, config, "");
        let found = super::super::run(&priced, config, "")
            .into_iter()
            .filter(|d| d.code == code)
            .collect();
        (priced, found)
    }

    fn bl020(resources: Vec<BedrockResource>, toml: &str) -> Vec<Diagnostic> {
        findings(resources, &config(toml), "BL020").1
    }

    #[test]
    fn default_standby_in_a_dev_path_costs_half_the_floor() {
        let found = bl020(
            vec![collection(
                "envs/dev/main.tf",
                "aws_opensearchserverless_collection.kb",
                None,
            )],
            "environment = \"dev\"",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        // Floor: 2 OCU × 730 h × $0.24 = $350.40; without standby 1 OCU × 730 × $0.24 = $175.20.
        assert_eq!(d.monthly_impact, Some(Decimal::new(17520, 2)));
        assert!(
            d.message
                .contains("2 OCU × 730 h × $0.24/OCU-hour = $350.40/month"),
            "{}",
            d.message
        );
        assert!(
            d.message.contains("1 OCU, $175.20/month ($175.20 less)"),
            "{}",
            d.message
        );
        assert!(d.message.contains("defaults to ENABLED"), "{}", d.message);
        assert!(
            d.message.contains("`environment = \"development\"`"),
            "{}",
            d.message
        );
        // The OCU price is a third party's.
        assert!(d.message.contains("estimate"), "{}", d.message);
        assert!(d
            .help
            .as_deref()
            .is_some_and(|h| h.contains("replaces the collection")));
        let fix = d.fix.as_ref().expect("fix");
        assert_eq!(fix.applicability, crate::fix::Applicability::Unsafe);
        assert_eq!(
            fix.edits[0].replacement,
            "\n  standby_replicas = \"DISABLED\""
        );
    }

    #[test]
    fn an_enabled_literal_is_rewritten_in_place() {
        let found = bl020(
            vec![collection(
                "main.tf",
                "aws_opensearchserverless_collection.kb",
                Some("\"ENABLED\""),
            )],
            "environment = \"staging\"",
        );
        let d = &found[0];
        assert!(!d.message.contains("defaults to"), "{}", d.message);
        let edit = &d.fix.as_ref().expect("fix").edits[0];
        assert_eq!(
            &edit.span.file.text[edit.span.start..edit.span.end],
            "\"ENABLED\""
        );
        assert_eq!(edit.replacement, "\"DISABLED\"");
    }

    #[test]
    fn a_variable_is_not_rewritten() {
        let mut c = collection(
            "main.tf",
            "aws_opensearchserverless_collection.kb",
            Some("var.standby"),
        );
        if let Details::VectorCollection(v) = &mut c.details {
            v.standby_replicas = Known::Known(true);
        }
        let found = bl020(vec![c], "environment = \"test\"");
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn a_nonproduction_tag_fires_without_a_fix() {
        let mut c = collection("main.tf", "aws_opensearchserverless_collection.kb", None);
        c.tags.insert("Environment".into(), "QA".into());
        let found = bl020(vec![c], "");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("its tag `Environment = \"QA\"`"),
            "{}",
            found[0].message
        );
        // The tag may come from a variable other environments set to prod: no edit of shared code.
        assert!(found[0].fix.is_none());
        assert!(found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("var.environment")));
    }

    #[test]
    fn production_and_lookalike_tags_are_silent() {
        for (key, value) in [
            ("Environment", "prod"),
            ("Environment", "production"),
            ("env", "dev-eu"),
            ("Environment", "prod-dev-mirror"),
            ("Environment", "(unknown)"),
            ("Team", "dev"),
            ("Name", "dev-vectors"),
        ] {
            let mut c = collection("main.tf", "aws_opensearchserverless_collection.kb", None);
            c.tags.insert(key.into(), value.into());
            assert!(bl020(vec![c], "").is_empty(), "{key} = {value}");
        }
        // No environment said anywhere, and a collection named `dev`: silent (names are not read).
        let c = collection("main.tf", "aws_opensearchserverless_collection.dev", None);
        assert!(bl020(vec![c], "").is_empty());
        let c = collection("main.tf", "aws_opensearchserverless_collection.kb", None);
        assert!(bl020(vec![c], "environment = \"production\"").is_empty());
    }

    #[test]
    fn disabled_or_unknown_standby_is_silent() {
        for standby in ["\"DISABLED\"", "var.standby"] {
            let c = collection(
                "main.tf",
                "aws_opensearchserverless_collection.kb",
                Some(standby),
            );
            assert!(
                bl020(vec![c], "environment = \"dev\"").is_empty(),
                "{standby}"
            );
        }
    }

    #[test]
    fn overrides_mark_one_path_only() {
        let toml = "[[overrides]]\npaths = [\"envs/dev/**\"]\nenvironment = \"dev\"\n";
        let found = bl020(
            vec![
                collection(
                    "envs/dev/main.tf",
                    "aws_opensearchserverless_collection.dev_kb",
                    None,
                ),
                collection(
                    "envs/prod/main.tf",
                    "aws_opensearchserverless_collection.prod_kb",
                    None,
                ),
            ],
            toml,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].resource.as_deref(),
            Some("aws_opensearchserverless_collection.dev_kb")
        );
    }

    #[test]
    fn a_module_collection_gets_no_fix() {
        let c = collection(
            "modules/kb/main.tf",
            "module.kb.aws_opensearchserverless_collection.this",
            None,
        );
        let found = bl020(vec![c], "environment = \"dev\"");
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn declared_hours_scale_the_saving() {
        let c = collection("main.tf", "aws_opensearchserverless_collection.kb", None);
        let toml = "environment = \"sandbox\"\n[usage.\"aws_opensearchserverless_collection.kb\"]\nhours_per_month = 200\n";
        let found = bl020(vec![c], toml);
        // 2 OCU × 200 h × $0.24 = $96.00; half = 1 × 200 × $0.24 = $48.00.
        assert_eq!(found[0].monthly_impact, Some(Decimal::new(4800, 2)));
        assert!(
            found[0]
                .message
                .contains("2 OCU × 200 h × $0.24/OCU-hour = $96.00/month"),
            "{}",
            found[0].message
        );
    }
}
