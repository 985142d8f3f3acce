//! Nothing a file can say is obeyed by whatever reads bedrock-lint's output: a file name or value with
//! `::`, `%`, line breaks, `|`, backticks, `<`/`>`, `](`, `@` or `##[` stays text in GitHub workflow
//! commands, the plain-text outputs a CI runner reads, SARIF, Markdown, JUnit and Checkstyle XML.
//! And no value a plan marks sensitive is printed in any format.

mod common;

use bedrock_lint::report::{render, OutputFormat, RenderOptions};

const ALL: [OutputFormat; 8] = [
    OutputFormat::Text,
    OutputFormat::Json,
    OutputFormat::Sarif,
    OutputFormat::Github,
    OutputFormat::Markdown,
    OutputFormat::Junit,
    OutputFormat::Checkstyle,
    OutputFormat::Compact,
];

/// A value that tries everything: workflow commands (v2 and legacy), Markdown links, images, HTML,
/// mentions, table and code-span breakers, percent escapes.
const EVIL: &str = "x\\n::error file=README.md::pwned\\r\\n##[warning]legacy [click](https://evil.example) ![i](https://t.example/p.png) <img src=x> @org/team `c` | %0A %25";

/// The hostile project, written to its own directory per test (tests run in parallel).
fn evil_project(test: &str) -> (std::path::PathBuf, bedrock_lint::Report, String) {
    // The file name carries the same syntax (a line break included: Linux allows it).
    let name = "we|ird`::%[a](b)<i>@org\n::error::x.tf";
    let tf = format!(
        "resource \"aws_bedrockagent_agent\" \"a\" {{\n  foundation_model = \"{EVIL}\"\n}}\nlocals {{\n  m = \"anthropic.claude-3-5-sonet-20241022-v2:0\"\n}}\nresource \"aws_ssm_parameter\" \"m\" {{\n  value = local.m\n}}\nmodule \"m\" {{\n  source = \"git::https://x\\n::error::from-source\"\n}}\n"
    );
    let dir = common::project(&format!("output_injection/{test}"), &[(name, tf.as_str())]);
    let report = common::lint_dir(&dir);
    let path = report
        .diagnostics
        .first()
        .map(|d| d.span.path().to_string())
        .unwrap_or_default();
    (dir, report, path)
}

/// GitHub Actions obeys a line that starts (after whitespace) with `::`, and `##[` anywhere.
fn runner_would_obey(line: &str) -> bool {
    line.trim_start().starts_with("::") || line.contains("##[")
}

#[test]
fn the_hostile_project_has_findings_with_the_hostile_text() {
    let (_, report, path) = evil_project("the_hostile_project_has_findings_with_the_hostile_text");
    assert!(path.contains('\n') && path.contains("::"), "{path:?}");
    assert!(report.diagnostics.len() >= 2, "{:#?}", report.diagnostics);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("::error file=README.md::pwned")),
        "the raw text reaches the report (so the escaping below is what keeps it inert)"
    );
}

#[test]
fn plain_text_outputs_never_issue_workflow_commands() {
    let (_, report, _) = evil_project("plain_text_outputs_never_issue_workflow_commands");
    for (name, out) in [
        (
            "text",
            render(&report, OutputFormat::Text, &RenderOptions::default()),
        ),
        (
            "compact",
            render(&report, OutputFormat::Compact, &RenderOptions::default()),
        ),
        ("cost", bedrock_lint::report::render_cost_table(&report)),
    ] {
        assert!(
            out.contains("pwned"),
            "{name}: the text is still shown:\n{out}"
        );
        for line in out.lines() {
            assert!(!runner_would_obey(line), "{name}: {line:?}");
            assert!(!line.contains('\r'), "{name}: {line:?}");
        }
    }
    let compact = render(&report, OutputFormat::Compact, &RenderOptions::default());
    assert_eq!(
        compact.lines().count(),
        report.diagnostics.len(),
        "{compact}"
    );
}

/// `%XX` decoding as the runner applies it to command properties and data.
fn unescape_command(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_annotations_carry_the_exact_text_and_nothing_else() {
    let (_, report, path) =
        evil_project("github_annotations_carry_the_exact_text_and_nothing_else");
    let out = render(&report, OutputFormat::Github, &RenderOptions::default());
    assert_eq!(out.lines().count(), report.diagnostics.len(), "{out}");
    for (line, d) in out.lines().zip(&report.diagnostics) {
        let rest = line.strip_prefix("::").expect("a command");
        let (command_and_props, data) = rest.split_once("::").expect("properties::data");
        let props = command_and_props.split_once(' ').map_or("", |(_, p)| p);
        let file = props
            .split(',')
            .find_map(|p| p.strip_prefix("file="))
            .expect("file property");
        assert_eq!(unescape_command(file), path);
        assert!(!data.contains('\r') && !data.contains('\n'));
        assert!(unescape_command(data).starts_with(&d.message), "{data}");
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn sarif_uris_are_encoded_and_messages_make_no_links() {
    let (_, report, path) = evil_project("sarif_uris_are_encoded_and_messages_make_no_links");
    let sarif: serde_json::Value = serde_json::from_str(&render(
        &report,
        OutputFormat::Sarif,
        &RenderOptions::default(),
    ))
    .expect("SARIF is JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), report.diagnostics.len());
    for r in results {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri");
        assert!(
            uri.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)),
            "{uri}"
        );
        assert_eq!(percent_decode(uri), path);
        let text = r["message"]["text"].as_str().expect("text");
        for (i, _) in text.match_indices("](") {
            assert_eq!(&text[i - 1..i], "\\", "an embedded link in {text:?}");
        }
    }
}

#[test]
fn markdown_shows_the_text_without_obeying_it() {
    let (_, report, _) = evil_project("markdown_shows_the_text_without_obeying_it");
    let md = render(&report, OutputFormat::Markdown, &RenderOptions::default());
    // Findings are table rows: `| $ at stake | severity **BLnnn** `rule` | [file:line](link) message |`.
    let findings: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" **BL"))
        .collect();
    assert_eq!(
        findings.len(),
        report.diagnostics.len(),
        "one line per finding:\n{md}"
    );
    assert!(md.contains("pwned"));
    for bad in ["<img", "](https://evil", "](https://t.", "@org", "\r"] {
        assert!(!md.contains(bad), "{bad:?} in\n{md}");
    }
    for line in md.lines() {
        assert!(!runner_would_obey(line), "{line:?}");
    }
    // Link targets: percent-encoded, nothing that ends the link early.
    for line in &findings {
        let target = line
            .split_once("](")
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(t, _)| t)
            .expect("a link");
        assert!(
            target
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~/%#L".contains(&b)),
            "{target}"
        );
    }
    for row in &findings {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 4, "the header's three cells: {row}");
    }
    // Resource rows (`| monthly | `address` | ...`): one per resource, each with the header's five cells.
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" | `") && !l.contains(" **BL"))
        .collect();
    assert_eq!(rows.len(), report.resources.len(), "{md}");
    for row in rows {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 6, "{row}");
    }
}

/// Attribute values in a small XML document: (name, raw value) in order.
fn attributes(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("=\"") {
        let name: String = rest[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = &rest[i + 2..];
        let end = after.find('"').expect("closing quote");
        out.push((name, after[..end].to_string()));
        rest = &after[end + 1..];
    }
    out
}

fn xml_unescape(s: &str) -> String {
    s.replace("&#10;", "\n")
        .replace("&#13;", "\r")
        .replace("&#9;", "\t")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn junit_and_checkstyle_attributes_keep_the_exact_text() {
    let (_, report, path) = evil_project("junit_and_checkstyle_attributes_keep_the_exact_text");
    for (format, file_attr) in [
        (OutputFormat::Junit, "name"),
        (OutputFormat::Checkstyle, "name"),
    ] {
        let xml = render(&report, format, &RenderOptions::default());
        let attrs = attributes(&xml);
        for (name, value) in &attrs {
            assert!(
                !value.contains(['\n', '\r', '<', '>', '"']),
                "{format:?}: raw {name}={value:?}"
            );
        }
        assert!(
            attrs
                .iter()
                .any(|(n, v)| n == file_attr && xml_unescape(v) == path),
            "{format:?}: the file name survives exactly:\n{xml}"
        );
        // The message: Checkstyle's `message` attribute, JUnit's failure text.
        assert!(
            xml_unescape(&xml).contains("::error file=README.md::pwned"),
            "{format:?}: {xml}"
        );
    }
}

#[test]
fn sensitive_plan_values_are_never_printed_in_any_format() {
    let secret = "claude-sonnet-4-5";
    let raw = std::fs::read_to_string("fixtures/plan/modules/plan.tfplan.json").expect("plan");
    assert!(raw.contains(secret), "the plan really holds it");
    // The same plan with the lambda's `after_sensitive` nested too deep to read: an unreadable marker
    // must hide everything, not nothing.
    let mut plan: serde_json::Value = serde_json::from_str(&raw).expect("plan JSON");
    let mut deep = serde_json::Value::Bool(true);
    for _ in 0..300 {
        deep = serde_json::Value::Array(vec![deep]);
    }
    let lambda = plan["resource_changes"]
        .as_array_mut()
        .and_then(|rcs| {
            rcs.iter_mut()
                .find(|rc| rc["address"] == "aws_lambda_function.assistant")
        })
        .expect("the fixture's lambda");
    lambda["change"]["after_sensitive"]["x"] = deep;
    // And the plan with a BOM under a name that does not say "plan" (PowerShell writes one): still a
    // plan, never scanned as app config.
    let variants = [
        ("plan.tfplan.json", raw.clone()),
        (
            "plan.tfplan.json",
            serde_json::to_string(&plan).expect("serialise"),
        ),
        ("tf-out.json", format!("\u{feff}{raw}")),
    ];
    for (i, (name, text)) in variants.iter().enumerate() {
        let dir = common::project(&format!("sensitive_{i}"), &[(name, text)]);
        let report = common::lint_dir(&dir);
        assert!(!report.has_input_errors(), "{:#?}", report.diagnostics);
        assert!(
            report.diagnostics.iter().any(|d| d.code == "BL013"),
            "variant {i} is read as a plan: {:#?}",
            report.diagnostics
        );
        let mut outputs: Vec<String> = ALL
            .iter()
            .map(|f| {
                let out = render(&report, *f, &RenderOptions::default());
                if *f == OutputFormat::Sarif {
                    // The rule docs embedded in `rules[]` quote model IDs as examples: look at results.
                    let sarif: serde_json::Value = serde_json::from_str(&out).expect("SARIF");
                    sarif["runs"][0]["results"].to_string()
                } else {
                    out
                }
            })
            .collect();
        outputs.push(bedrock_lint::report::render_cost_table(&report));
        for out in outputs {
            assert!(
                !out.contains(secret),
                "variant {i}: a sensitive value leaked:\n{out}"
            );
        }
    }
}

#[test]
fn a_sensitive_root_variable_is_not_used_as_a_region() {
    let plan = |sensitive: bool| {
        serde_json::json!({
            "format_version": "1.2",
            "terraform_version": "1.9.8",
            "variables": { "region": { "value": "eu-secret-1" } },
            "resource_changes": [{
                "address": "aws_bedrockagent_agent.a",
                "mode": "managed",
                "type": "aws_bedrockagent_agent",
                "name": "a",
                "change": {
                    "actions": ["create"],
                    "before": null,
                    "after": { "agent_name": "a", "foundation_model": "amazon.nova-lite-v1:0" },
                    "after_unknown": {},
                    "after_sensitive": {}
                }
            }],
            "configuration": {
                "provider_config": {
                    "aws": { "name": "aws", "expressions": { "region": { "references": ["var.region"] } } }
                },
                "root_module": {
                    "resources": [{ "address": "aws_bedrockagent_agent.a", "provider_config_key": "aws" }],
                    "variables": { "region": { "sensitive": sensitive } }
                }
            }
        })
        .to_string()
    };
    for sensitive in [false, true] {
        let dir = common::project(
            &format!("sensitive_region_{sensitive}"),
            &[("plan.tfplan.json", &plan(sensitive))],
        );
        let report = common::lint_dir(&dir);
        assert!(!report.has_input_errors(), "{:#?}", report.diagnostics);
        let json = render(&report, OutputFormat::Json, &RenderOptions::default());
        // Not sensitive: the variable's value is the Region (so this test can tell the difference).
        assert_eq!(json.contains("eu-secret-1"), !sensitive, "{json}");
        if sensitive {
            for f in ALL {
                let out = render(&report, f, &RenderOptions::default());
                assert!(!out.contains("eu-secret-1"), "{f:?}: {out}");
            }
        }
    }
}
