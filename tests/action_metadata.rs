//! `action.yml` and the example workflows as GitHub reads them: parsed by a YAML parser (a plain
//! scalar with `: ` in it does not parse, and GitHub then refuses the action before any step runs),
//! then checked against the shape of GitHub's action metadata and workflow syntax with typed structs
//! that reject unknown keys. `.ci/run` also runs action-validator and check-jsonschema (SchemaStore's
//! schemas) on the same files; this test is the one that needs nothing but cargo.

use std::collections::BTreeMap;

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde::Deserialize;
use serde_json::Value;

/// YAML → JSON value, the way YAML 1.2's core schema types plain scalars (GitHub's parser does too).
fn yaml_to_json(text: &str) -> Result<Value, String> {
    enum Frame {
        Map(serde_json::Map<String, Value>, Option<String>),
        Seq(Vec<Value>),
    }
    fn place(stack: &mut [Frame], root: &mut Option<Value>, v: Value) -> Result<(), String> {
        match stack.last_mut() {
            None => *root = Some(v),
            Some(Frame::Seq(items)) => items.push(v),
            Some(Frame::Map(map, key)) => match key.take() {
                Some(k) => {
                    if map.insert(k.clone(), v).is_some() {
                        return Err(format!("duplicate key `{k}`"));
                    }
                }
                None => match v {
                    Value::String(k) => *key = Some(k),
                    other => *key = Some(other.to_string()),
                },
            },
        }
        Ok(())
    }
    let mut stack = Vec::new();
    let mut root = None;
    for event in Parser::new_from_str(text) {
        let (event, _) = event.map_err(|e| {
            format!(
                "line {} column {}: {}",
                e.marker().line(),
                e.marker().col() + 1,
                e.info()
            )
        })?;
        match event {
            Event::MappingStart(..) => stack.push(Frame::Map(serde_json::Map::new(), None)),
            Event::SequenceStart(..) => stack.push(Frame::Seq(Vec::new())),
            Event::MappingEnd => {
                if let Some(Frame::Map(map, _)) = stack.pop() {
                    place(&mut stack, &mut root, Value::Object(map))?;
                }
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq(items)) = stack.pop() {
                    place(&mut stack, &mut root, Value::Array(items))?;
                }
            }
            Event::Scalar(text, style, _, _) => {
                let typed = match (style, text.as_ref()) {
                    (ScalarStyle::Plain, "true") => Value::Bool(true),
                    (ScalarStyle::Plain, "false") => Value::Bool(false),
                    (ScalarStyle::Plain, "" | "~" | "null") => Value::Null,
                    (ScalarStyle::Plain, t) if t.parse::<i64>().is_ok() => {
                        Value::from(t.parse::<i64>().unwrap_or_default())
                    }
                    _ => Value::String(text.to_string()),
                };
                place(&mut stack, &mut root, typed)?;
            }
            Event::Alias(_) => return Err("aliases are not used in these files".into()),
            _ => {}
        }
    }
    root.ok_or_else(|| "empty document".into())
}

fn load(path: &str) -> Value {
    let text = std::fs::read_to_string(path).expect(path);
    yaml_to_json(&text).unwrap_or_else(|e| panic!("{path} is not YAML GitHub can load: {e}"))
}

// Action metadata: https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Action {
    name: String,
    description: String,
    #[allow(dead_code)]
    author: Option<String>,
    branding: Option<Branding>,
    #[serde(default)]
    inputs: BTreeMap<String, Input>,
    #[serde(default)]
    #[allow(dead_code)]
    outputs: BTreeMap<String, Value>,
    runs: CompositeRuns,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Branding {
    icon: String,
    color: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    description: String,
    #[allow(dead_code)]
    required: Option<bool>,
    default: Option<Value>,
    #[serde(rename = "deprecationMessage")]
    #[allow(dead_code)]
    deprecation_message: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompositeRuns {
    using: String,
    steps: Vec<CompositeStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CompositeStep {
    name: Option<String>,
    #[allow(dead_code)]
    id: Option<String>,
    #[serde(rename = "if")]
    #[allow(dead_code)]
    condition: Option<String>,
    run: Option<String>,
    shell: Option<String>,
    uses: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    with: BTreeMap<String, Value>,
    #[serde(default)]
    env: BTreeMap<String, Value>,
    working_directory: Option<String>,
    #[allow(dead_code)]
    continue_on_error: Option<Value>,
}

/// Every `${{ inputs.NAME }}` in a text.
fn input_refs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("inputs.") {
        rest = &rest[i + "inputs.".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        out.push(name);
    }
    out
}

#[test]
fn action_yml_loads_and_has_the_shape_github_requires() {
    let value = load("action.yml");
    let action: Action = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("action.yml does not match GitHub's action metadata: {e}"));
    assert_eq!(action.name, "bedrock-lint");
    assert!(!action.description.is_empty());
    assert!(
        action.description.contains("; annotate"),
        "the description is read whole, not cut at a colon: {}",
        action.description
    );
    let branding = action.branding.expect("branding (for the Marketplace)");
    assert!(
        [
            "white",
            "black",
            "yellow",
            "blue",
            "green",
            "orange",
            "red",
            "purple",
            "gray-dark"
        ]
        .contains(&branding.color.as_str()),
        "{}",
        branding.color
    );
    assert!(!branding.icon.is_empty());

    assert_eq!(action.runs.using, "composite");
    for step in &action.runs.steps {
        match (&step.run, &step.uses) {
            (Some(_), None) => assert!(
                step.shell.is_some(),
                "a composite `run` step needs `shell`: {:?}",
                step.name
            ),
            (None, Some(_)) => {}
            _ => panic!(
                "a step has exactly one of `run` and `uses`: {:?}",
                step.name
            ),
        }
    }

    // Inputs: each described, every default a string (GitHub passes inputs as strings), and every
    // `${{ inputs.x }}` in the steps names one that exists; each one declared is used.
    let expected = [
        "comment",
        "config",
        "fail-on",
        "paths",
        "sarif",
        "version",
        "working-directory",
    ];
    assert_eq!(action.inputs.keys().collect::<Vec<_>>(), expected);
    for (name, input) in &action.inputs {
        assert!(!input.description.is_empty(), "{name}");
        assert!(
            matches!(input.default, Some(Value::String(_))),
            "{name}: default {:?} should be a quoted string",
            input.default
        );
    }
    let steps_text = serde_json::to_string(&value["runs"]).expect("json");
    let used = input_refs(&steps_text);
    for name in &used {
        assert!(
            action.inputs.contains_key(name),
            "step uses undeclared input {name}"
        );
    }
    for name in action.inputs.keys() {
        assert!(used.contains(name), "input {name} is declared but unused");
    }
    let run_step = action
        .runs
        .steps
        .iter()
        .find(|s| s.name.as_deref() == Some("Run bedrock-lint"))
        .expect("run step");
    assert_eq!(
        run_step.working_directory.as_deref(),
        Some("${{ inputs.working-directory }}")
    );
    assert!(run_step.env.contains_key("INPUT_FAIL_ON"));
}

// Workflow syntax: https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Workflow {
    #[allow(dead_code)]
    name: Option<String>,
    on: Value,
    #[allow(dead_code)]
    permissions: Option<BTreeMap<String, String>>,
    #[allow(dead_code)]
    env: Option<BTreeMap<String, Value>>,
    #[allow(dead_code)]
    concurrency: Option<Value>,
    jobs: BTreeMap<String, Job>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Job {
    #[allow(dead_code)]
    name: Option<String>,
    runs_on: Value,
    #[allow(dead_code)]
    needs: Option<Value>,
    #[allow(dead_code)]
    permissions: Option<BTreeMap<String, String>>,
    #[allow(dead_code)]
    strategy: Option<Value>,
    #[serde(rename = "if")]
    #[allow(dead_code)]
    condition: Option<String>,
    #[allow(dead_code)]
    env: Option<BTreeMap<String, Value>>,
    #[allow(dead_code)]
    timeout_minutes: Option<i64>,
    #[allow(dead_code)]
    environment: Option<Value>,
    steps: Vec<WorkflowStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WorkflowStep {
    name: Option<String>,
    #[allow(dead_code)]
    id: Option<String>,
    #[serde(rename = "if")]
    #[allow(dead_code)]
    condition: Option<String>,
    uses: Option<String>,
    run: Option<String>,
    #[allow(dead_code)]
    shell: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, Value>,
    #[allow(dead_code)]
    env: Option<BTreeMap<String, Value>>,
    #[allow(dead_code)]
    working_directory: Option<String>,
    #[allow(dead_code)]
    continue_on_error: Option<Value>,
}

fn workflow(path: &str) -> Workflow {
    serde_json::from_value(load(path))
        .unwrap_or_else(|e| panic!("{path} does not match GitHub's workflow syntax: {e}"))
}

#[test]
fn the_example_workflow_loads_and_passes_only_inputs_the_action_has() {
    let action: Action = serde_json::from_value(load("action.yml")).expect("action");
    let wf = workflow("examples/github-workflow.yml");
    assert!(wf.on.get("pull_request").is_some(), "{:?}", wf.on);
    let mut used_action = false;
    for (id, job) in &wf.jobs {
        assert!(!job.runs_on.is_null(), "{id}");
        for step in &job.steps {
            assert!(
                step.uses.is_some() != step.run.is_some(),
                "{id}: {:?}",
                step.name
            );
            let Some(uses) = &step.uses else { continue };
            if let Some(tag) = uses.strip_prefix("bedrock-lint/bedrock-lint@") {
                used_action = true;
                assert_eq!(tag, format!("v{}", env!("CARGO_PKG_VERSION")));
                for input in step.with.keys() {
                    assert!(
                        action.inputs.contains_key(input),
                        "the example passes `{input}`, which action.yml does not declare"
                    );
                }
            }
        }
    }
    assert!(used_action);
}

#[test]
fn the_release_workflow_loads_and_builds_every_target_install_sh_knows() {
    let wf = workflow(".github/workflows/release.yml");
    let tags = &wf.on["push"]["tags"];
    assert!(tags.is_array(), "runs on version tags: {:?}", wf.on);
    let text = std::fs::read_to_string(".github/workflows/release.yml").expect("release.yml");
    let install = std::fs::read_to_string("action/install.sh").expect("install.sh");
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(text.contains(target), "release.yml builds {target}");
        assert!(install.contains(target), "install.sh installs {target}");
    }
    for step in wf.jobs.values().flat_map(|j| &j.steps) {
        if let Some(uses) = &step.uses {
            assert!(uses.contains('@'), "pinned: {uses}");
        }
    }
}

#[test]
fn a_description_with_an_unquoted_colon_is_refused_as_github_refuses_it() {
    // The bug this file guards against: the parser used here must reject what GitHub rejects.
    let err = yaml_to_json("inputs:\n  config:\n    description: Path (default: found upward).\n")
        .expect_err("not YAML");
    assert!(err.contains("mapping values"), "{err}");
}
