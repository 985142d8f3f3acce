//! A plan is one line of JSON, often hundreds of MB: the text reporter must not try to draw it under
//! a finding (miette's padding panics past column 65,535). Found with the generated 129 MB plan.

mod common;

use bedrock_lint::config::{Config, Overrides};
use bedrock_lint::report::{render_text, TextOptions};
use common::project;

#[test]
fn a_finding_past_column_65535_renders_with_its_location() {
    let filler: Vec<String> = (0..1200)
        .map(|i| {
            format!(
                r#"{{"address":"aws_s3_bucket.b{i}","mode":"managed","type":"aws_s3_bucket","name":"b{i}","change":{{"actions":["create"],"before":null,"after":{{"bucket":"bucket-number-{i}"}}}}}}"#
            )
        })
        .collect();
    let lambda = r#"{"address":"aws_lambda_function.chat","mode":"managed","type":"aws_lambda_function","name":"chat","change":{"actions":["create"],"before":null,"after":{"function_name":"chat","environment":[{"variables":{"MODEL_ID":"anthropic.claude-sonnet-4-5-20250929-v1:0"}}]}}}"#;
    let plan = format!(
        r#"{{"format_version":"1.2","terraform_version":"1.9.8","resource_changes":[{},{lambda}],"configuration":{{"provider_config":{{"aws":{{"name":"aws","expressions":{{"region":{{"constant_value":"us-east-1"}}}}}}}},"root_module":{{}}}}}}"#,
        filler.join(",")
    );
    assert!(plan.find("aws_lambda_function.chat").unwrap_or(0) > 70_000);
    let dir = project("long_line_plan", &[("plan.json", &plan)]);
    let config = Config::load(&dir, &Overrides::default()).expect("config");
    let report = bedrock_lint::lint(&[dir.join("plan.json")], &config);
    assert!(
        !report.diagnostics.is_empty(),
        "the Lambda's model is found"
    );
    let text = render_text(&report, TextOptions::default());
    assert!(text.contains("(line too long to show)"), "{text}");
    assert!(text.contains("plan.json:1:"), "{text}");
}
