//! SARIF `rules[]`: every rule, BL000 included, carries `help.markdown` (what GitHub code scanning
//! shows under an alert) and a plain-text `help.text` with no Markdown syntax left in it.

use std::process::Command;

#[test]
fn every_sarif_rule_has_markdown_help_and_plain_text_help() {
    let out = Command::new(env!("CARGO_BIN_EXE_bedrock-lint"))
        .args(["fixtures/demo", "--format", "sarif"])
        .output()
        .expect("runs");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(
        rules.len(),
        bedrock_lint::rules::all().len() + 1,
        "BL000 too"
    );
    for rule in rules {
        let id = rule["id"].as_str().expect("id");
        let markdown = rule["help"]["markdown"].as_str().unwrap_or("");
        let text = rule["help"]["text"].as_str().unwrap_or("");
        assert!(!markdown.trim().is_empty(), "{id}: help.markdown");
        assert!(!text.trim().is_empty(), "{id}: help.text");
        if id != "BL000" {
            assert!(
                markdown.starts_with(&format!("# {id} ")),
                "{id}: {markdown}"
            );
            // Code blocks (indented 4) keep their text as written (a `**` glob is not bold).
            for line in text.lines().filter(|l| !l.starts_with("    ")) {
                assert!(
                    !line.contains("**") && !line.contains("```") && !line.contains("]("),
                    "{id}: help.text is plain: {line}"
                );
            }
        }
    }
}
