//! README.md is the front door: keep what it states in step with the code.

#[test]
fn readme_rule_table_is_generated_from_rule_metadata() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let table = bedrock_lint::report::render_rule_table_markdown();
    assert!(
        readme.contains(&table),
        "README.md rule table is out of date; replace it with:\n{table}"
    );
}

#[test]
fn readme_names_the_two_setup_commands() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    assert!(readme.contains("cargo run --release -- fixtures/demo"));
    assert!(readme.contains("cargo test"));
}
