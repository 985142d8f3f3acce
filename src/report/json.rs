//! `--format json`: a stable, documented shape (version 2: model strings that are not calls are listed
//! under `permissions`, `metadata` and `defaults`, apart from `resources`). Money as decimal strings, `null` where unknown.

use serde::Serialize;

use super::{model_label, routing_label};
use crate::model::{BedrockResource, Role};
use crate::money;
use crate::pricing::{PricedResource, Usage};
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
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    resources: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    monthly_usd: String,
}

pub fn render_json(report: &Report) -> String {
    use crate::diagnostic::Severity;
    let doc = JsonReport {
        version: 2,
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
            monthly_usd: money::json_cents(report.monthly_total()),
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
