//! `--format json`: a stable, documented shape. Version 2: model strings that are not calls are listed
//! under `permissions`, `metadata` and `defaults`, apart from `resources`. Version 3 (every v2 field
//! kept): each resource lists its cost `components` and its `fixed_monthly_usd`, `one_time_usd` and
//! `usage_needed`; the summary splits its total into fixed and declared-usage parts and counts the
//! resources that need usage. Money as decimal strings, `null` where unknown.

use serde::Serialize;

use super::totals::Standing;
use super::{model_label, routing_label};
use crate::model::{BedrockResource, Role};
use crate::money;
use crate::pricing::{CostComponent, PricedResource, Usage};
use crate::Report;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    resources: Vec<JsonResource<'a>>,
    /// IAM and resource-policy grants naming a model: what a call needs, not a call.
    permissions: Vec<JsonReference<'a>>,
    /// Aliases, descriptions, outputs, allowed values, price tables, recorded outputs.
    metadata: Vec<JsonReference<'a>>,
    /// Variable and parameter defaults that no call was seen to use.
    defaults: Vec<JsonReference<'a>>,
    summary: Summary,
}

/// A model string that is not a call: where it is and what it names.
#[derive(Serialize)]
struct JsonReference<'a> {
    role: &'static str,
    address: &'a str,
    attribute: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    model: Option<&'a str>,
    routing: Option<String>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    resource: Option<&'a str>,
    help: Option<&'a str>,
    monthly_impact_usd: Option<String>,
}

#[derive(Serialize)]
struct JsonResource<'a> {
    address: &'a str,
    kind: &'a str,
    file: &'a str,
    line: usize,
    model: Option<String>,
    routing: Option<String>,
    region: &'a str,
    model_units: Option<u32>,
    commitment: Option<&'a str>,
    hourly_usd: Option<String>,
    monthly_usd: Option<String>,
    usage: Option<&'a Usage>,
    /// `priced`, `needs_usage`, `not_priced` or `no_charge`.
    cost_status: &'static str,
    /// The part of `monthly_usd` that follows from the configuration alone; `null` with no figure.
    fixed_monthly_usd: Option<String>,
    /// Known one-time charges (a training job), not in `monthly_usd`.
    one_time_usd: Option<String>,
    /// The usage fields that would price the components still unknown.
    usage_needed: Vec<&'static str>,
    components: Vec<JsonComponent<'a>>,
}

/// One billed line of a resource (Infracost's cost component).
#[derive(Serialize)]
struct JsonComponent<'a> {
    key: &'a str,
    name: &'a str,
    unit: &'a str,
    unit_price: JsonUnitPrice<'a>,
    quantity: JsonQuantity,
    /// The component's monthly cost; `null` when its quantity needs usage or it is billed once.
    monthly_usd: Option<String>,
    /// Billed once (its cost, when known, is in the resource's `one_time_usd`).
    one_time: bool,
}

#[derive(Serialize)]
struct JsonUnitPrice<'a> {
    usd: String,
    per: String,
    source: &'a str,
    as_of: &'a str,
    estimate: bool,
}

#[derive(Serialize)]
struct JsonQuantity {
    /// `fixed` (from the configuration), `usage` (declared) or `unknown` (needs `usage_field`).
    kind: &'static str,
    value: Option<String>,
    usage_field: Option<&'static str>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    resources: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    monthly_usd: String,
    /// The part of `monthly_usd` priced from the configuration alone (floors, storage, model units).
    fixed_monthly_usd: String,
    /// The part of `monthly_usd` priced from declared usage.
    usage_monthly_usd: String,
    /// Resources with a component that needs usage (their known part is in `monthly_usd`).
    resources_needing_usage: usize,
    /// Resources with no price in the catalog or an unknown value the price depends on.
    resources_not_priced: usize,
    /// Known one-time charges, not in `monthly_usd`.
    one_time_usd: String,
}

pub fn render_json(report: &Report) -> String {
    use crate::diagnostic::Severity;
    let totals = super::totals::CostTotals::of(report);
    let doc = JsonReport {
        version: 3,
        tool: Tool {
            name: "bedrock-lint",
            version: env!("CARGO_PKG_VERSION"),
        },
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.code,
                rule: d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                file: d.span.path(),
                line: d.span.line,
                column: d.span.column,
                end_line: d.span.end_line,
                end_column: d.span.end_column,
                resource: d.resource.as_deref(),
                help: d.help.as_deref(),
                monthly_impact_usd: d.monthly_impact.map(money::json_cents),
            })
            .collect(),
        resources: report.resources.iter().map(resource).collect(),
        permissions: references(report, Role::Permission),
        metadata: references(report, Role::Metadata),
        defaults: references(report, Role::Default),
        summary: Summary {
            files: report.files,
            resources: report.resources.len(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            monthly_usd: money::json_cents(totals.monthly),
            fixed_monthly_usd: money::json_cents(totals.fixed),
            usage_monthly_usd: money::json_cents(totals.usage),
            resources_needing_usage: totals.needs_usage,
            resources_not_priced: totals.not_priced,
            one_time_usd: money::json_cents(totals.one_time),
        },
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

fn resource(r: &PricedResource) -> JsonResource<'_> {
    let res = &r.resource;
    let pt = res.provisioned();
    let address = res.address.as_str();
    JsonResource {
        address,
        kind: res.kind.as_str(),
        file: res.span.path(),
        line: res.span.line,
        model: model_label(r),
        routing: routing_label(r),
        region: &res.region.region,
        model_units: pt.and_then(|p| p.model_units.known().copied()),
        commitment: pt.and_then(|p| p.commitment.known().map(|c| c.as_str())),
        hourly_usd: r.cost.hourly_usd.map(|h| h.normalize().to_string()),
        monthly_usd: r.cost.monthly_usd.map(money::json_cents),
        usage: r.usage(),
        cost_status: match super::totals::standing(r) {
            Standing::Priced => "priced",
            Standing::NeedsUsage => "needs_usage",
            Standing::NotPriced => "not_priced",
            Standing::NoCharge => "no_charge",
        },
        fixed_monthly_usd: super::totals::fixed_monthly(r).map(money::json_cents),
        one_time_usd: r.cost.one_time_usd().map(money::json_cents),
        usage_needed: r.cost.usage_needed(),
        components: r.cost.components.iter().map(component).collect(),
    }
}

fn component(c: &CostComponent) -> JsonComponent<'_> {
    JsonComponent {
        key: &c.key,
        name: &c.name,
        unit: &c.unit,
        unit_price: JsonUnitPrice {
            usd: c.price.usd.normalize().to_string(),
            per: c.price.per.normalize().to_string(),
            source: &c.price.source,
            as_of: &c.price.as_of,
            estimate: c.price.estimate,
        },
        quantity: JsonQuantity {
            kind: c.quantity.as_str(),
            value: c.quantity.value().map(|v| v.normalize().to_string()),
            usage_field: c.quantity.usage_field(),
        },
        monthly_usd: c.monthly().map(money::json_cents),
        one_time: c.one_time,
    }
}

fn references(report: &Report, role: Role) -> Vec<JsonReference<'_>> {
    report
        .references
        .iter()
        .filter(|r| r.role == role)
        .map(|r: &BedrockResource| {
            let at = r.model_span.as_ref().unwrap_or(&r.span);
            let model = r.model.known();
            JsonReference {
                role: role.as_str(),
                address: &r.address,
                attribute: r.attribute.as_deref(),
                file: at.path(),
                line: at.line,
                column: at.column,
                model: model.map(|m| m.text.as_str()),
                routing: super::reference_routing_label(r),
            }
        })
        .collect()
}
