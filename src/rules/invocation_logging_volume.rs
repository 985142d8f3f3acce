//! BL017: model invocation logging that sends every call's data to CloudWatch Logs.

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::InvocationLogging;
use crate::money;
use crate::pricing::{PricedResource, Quantity};

pub static META: RuleMeta = RuleMeta {
    code: "BL017",
    name: "invocation-logging-volume",
    severity: Severity::Info,
    summary: "Model invocation logging delivers prompt and response data to CloudWatch Logs (every data type defaults to on); priced per GB ingested where log_gb_per_month is declared",
    doc: include_str!("../../rules/BL017-invocation-logging-volume.md"),
};

pub struct InvocationLoggingVolume;

impl Rule for InvocationLoggingVolume {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
        let Some(logging) = r.resource.logging() else {
            return;
        };
        if !logging.cloudwatch {
            return;
        }
        let delivered: Vec<&str> = logging
            .delivered
            .iter()
            .filter(|(_, on)| *on)
            .map(|(t, _)| *t)
            .collect();
        if delivered.is_empty() {
            return;
        }
        let every = delivered.len() == InvocationLogging::DATA_TYPES.len();
        // The ingestion component: priced where `log_gb_per_month` is declared, its unit price otherwise.
        let ingestion = r.cost.components.iter().find(|c| c.key == "ingestion");
        let declared = ingestion.and_then(|c| match c.quantity {
            Quantity::Declared { value, .. } => c.monthly().map(|cost| (c, value, cost)),
            _ => None,
        });
        let storage = ctx
            .config
            .catalog
            .service_component("cloudwatch_logs", "storage")
            .filter(|p| p.per == rust_decimal::Decimal::ONE)
            .map(|p| {
                format!(
                    ", plus {} per GB-month stored while the log group keeps it",
                    money::rate(p.price)
                )
            })
            .unwrap_or_default();
        let mut d = META.diagnostic(
            r,
            logging
                .cloudwatch_span
                .clone()
                .unwrap_or_else(|| r.resource.span.clone()),
            format!(
                "{} delivers {} data of every model call to CloudWatch Logs{}: {}",
                r.resource.address,
                list(&delivered),
                if every {
                    " (every `*_data_delivery_enabled` defaults to true)"
                } else {
                    ""
                },
                match declared {
                    Some((c, gb, cost)) => format!(
                        "the {} GB a month its usage declares are ingested at {} = {}/month{storage}",
                        money::count(gb),
                        c.unit_price_text(),
                        money::usd(cost),
                    ),
                    None => "each prompt and response is ingested and stored as log data".to_string(),
                },
            ),
        );
        if let Some((c, _, cost)) = declared {
            d.monthly_impact = Some(cost);
            d.mark_estimate(c.price.estimate);
        }
        d.label = Some("cloudwatch_config".into());
        let off: Vec<String> = delivered
            .iter()
            .filter(|t| **t != "text")
            .map(|t| format!("{} = false", InvocationLogging::flag(t)))
            .collect();
        let declare = match (declared, ingestion) {
            (None, Some(c)) => format!(
                "; declare `log_gb_per_month` in its [usage] entry to price the ingestion ({})",
                c.unit_price_text()
            ),
            _ => String::new(),
        };
        d.help = Some(format!(
            "deliver to S3 only (`s3_config`, no `cloudwatch_config`): object storage costs less than log ingestion for bulk payloads{}{declare}",
            if off.is_empty() {
                String::new()
            } else {
                format!("; or stop the data types nobody reads ({})", off.join(", "))
            }
        ));
        out.push(d);
    }
}

/// `text, image and video`.
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use crate::diagnostic::Diagnostic;
    use crate::model::{Details, InvocationLogging, ResourceKind};
    use crate::rules::vector_standby_nonproduction::tests::{config, findings, resource};

    const ADDRESS: &str = "aws_bedrock_model_invocation_logging_configuration.this";

    fn bl017(cloudwatch: bool, toml: &str) -> Vec<Diagnostic> {
        let r = resource(
            "logging.tf",
            "resource \"aws_bedrock_model_invocation_logging_configuration\" \"this\" {\n}\n",
            ADDRESS,
            ResourceKind::InvocationLogging,
            Details::Logging(InvocationLogging {
                cloudwatch,
                s3: !cloudwatch,
                delivered: InvocationLogging::DATA_TYPES
                    .iter()
                    .map(|t| (*t, true))
                    .collect(),
                cloudwatch_span: None,
            }),
        );
        findings(vec![r], &config(toml), "BL017").1
    }

    #[test]
    fn declared_volume_states_the_ingestion_cost() {
        let found = bl017(
            true,
            &format!("[usage.\"{ADDRESS}\"]\nlog_gb_per_month = 40\n"),
        );
        assert_eq!(found.len(), 1);
        let d = &found[0];
        // 40 GB × $0.50 per GB = $20.00 a month (CloudWatch Logs Standard ingestion, us-east-1).
        assert_eq!(d.monthly_impact, Some(Decimal::new(2000, 2)));
        assert!(
            d.message.contains("the 40 GB a month its usage declares are ingested at $0.50 per GB = $20.00/month, plus $0.03 per GB-month stored"),
            "{}",
            d.message
        );
        // An AWS price in its base Region: no estimate mark.
        assert!(!d.message.contains("estimate"), "{}", d.message);
        assert!(!d
            .help
            .as_deref()
            .unwrap_or("")
            .contains("declare `log_gb_per_month`"));
    }

    #[test]
    fn without_usage_it_says_how_to_price_it() {
        let found = bl017(true, "");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].monthly_impact, None);
        assert!(found[0]
            .message
            .contains("each prompt and response is ingested and stored as log data"));
        let help = found[0].help.as_deref().unwrap_or("");
        assert!(help.contains("declare `log_gb_per_month` in its [usage] entry to price the ingestion ($0.50 per GB)"), "{help}");
    }

    #[test]
    fn s3_only_is_silent_even_with_usage() {
        assert!(bl017(
            false,
            &format!("[usage.\"{ADDRESS}\"]\nlog_gb_per_month = 40\n")
        )
        .is_empty());
    }
}
