//! An empty heredoc (`<<EOF` closed on the next line) is an empty string, as Terraform reads it: the
//! blocks after it are all there, at their exact positions (hcl-edit 0.10 alone swallows them up to
//! the next heredoc with the same delimiter).

mod common;

use common::{codes, lint_dir, project};

#[test]
fn blocks_after_an_empty_heredoc_are_intact_with_exact_positions() {
    for (name, open, close) in [("plain", "<<EOF", "EOF"), ("indented", "<<-EOF", "  EOF")] {
        let text = format!(
            r#"resource "aws_iam_role_policy" "empty" {{
  role   = "r"
  policy = {open}
{close}
}}
variable "model" {{
  default = "amazon.nova-pro-v1:0"
}}
resource "aws_lambda_function" "f" {{
  function_name = "f"
  environment {{
    variables = {{
      MODEL_ID = var.model
      PROFILE  = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    }}
  }}
}}
resource "aws_ssm_parameter" "p" {{
  name  = "p"
  value = {open}
hello
{close}
}}
"#
        );
        let dir = project(&format!("empty_heredoc_{name}"), &[("main.tf", &text)]);
        let report = lint_dir(&dir);
        assert!(
            !codes(&report).contains(&"BL000"),
            "{name}: {:#?}",
            report.diagnostics
        );
        let found: Vec<(String, usize, usize)> = report
            .resources
            .iter()
            .map(|r| {
                let s = r.resource.model_span.as_ref().expect("span");
                (r.resource.address.clone(), s.line, s.column)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("aws_lambda_function.f".to_string(), 7, 14),
                ("aws_lambda_function.f".to_string(), 14, 19),
            ],
            "{name}"
        );
        let bl001: Vec<(usize, usize)> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "BL001")
            .map(|d| (d.span.line, d.span.column))
            .collect();
        assert_eq!(bl001, [(14, 19)], "{name}");
    }
}
