//! BL017: model invocation logging that sends every call's data to CloudWatch Logs.

use super::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::InvocationLogging;
use crate::pricing::PricedResource;

pub static META: RuleMeta = RuleMeta {
    code: "BL017",
    name: "invocation-logging-volume",
    severity: Severity::Info,
    summary: "Model invocation logging delivers prompt and response data to CloudWatch Logs (every data type defaults to on)",
    doc: include_str!("../../rules/BL017-invocation-logging-volume.md"),
};

pub struct InvocationLoggingVolume;

impl Rule for InvocationLoggingVolume {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &PricedResource, _: &RuleContext, out: &mut Vec<Diagnostic>) {
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
        let mut d = META.diagnostic(
            r,
            logging
                .cloudwatch_span
                .clone()
                .unwrap_or_else(|| r.resource.span.clone()),
            format!(
                "{} delivers {} data of every model call to CloudWatch Logs{}: each prompt and response is ingested and stored as log data",
                r.resource.address,
                list(&delivered),
                if every {
                    " (every `*_data_delivery_enabled` defaults to true)"
                } else {
                    ""
                },
            ),
        );
        d.label = Some("cloudwatch_config".into());
        let off: Vec<String> = delivered
            .iter()
            .filter(|t| **t != "text")
            .map(|t| format!("{} = false", InvocationLogging::flag(t)))
            .collect();
        d.help = Some(format!(
            "deliver to S3 only (`s3_config`, no `cloudwatch_config`): object storage costs less than log ingestion for bulk payloads{}",
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
