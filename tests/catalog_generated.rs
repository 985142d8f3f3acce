//! The embedded catalog is generated: `rules/pricing.toml` must be exactly what the generator makes
//! from `catalog/*.csv`. Refresh with `cargo run --example gen_catalog`.

use std::path::Path;

use bedrock_lint::pricing::{generate, Catalog, SourceTables};

#[test]
fn committed_catalog_is_what_the_tables_make() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tables = SourceTables::read_dir(&root.join("catalog")).expect("source tables read");
    let generated = generate(&tables).expect("tables are consistent");
    let committed =
        std::fs::read_to_string(root.join("rules/pricing.toml")).expect("rules/pricing.toml");
    assert!(
        generated == committed,
        "rules/pricing.toml is not what catalog/*.csv make: run `cargo run --example gen_catalog` and commit the result"
    );
    // And what it makes loads.
    Catalog::load(&[]).expect("generated catalog loads");
}

#[test]
fn generator_names_the_table_line_and_problem() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<(&str, String)> = bedrock_lint::pricing::generate::TABLES
        .into_iter()
        .map(|n| {
            (
                n,
                std::fs::read_to_string(root.join(format!("catalog/{n}.csv"))).expect("table"),
            )
        })
        .collect();
    // A price row citing a source that is not in sources.csv.
    let prices = texts
        .iter()
        .position(|(n, _)| *n == "prices")
        .expect("a prices table");
    texts[prices]
        .1
        .push_str("amazon.nova-lite-v1:0,*,*,flex,,input,0.03,nowhere,2026-10-05,\n");
    let err = SourceTables::from_texts(&texts)
        .and_then(|t| generate(&t))
        .expect_err("unknown source");
    assert!(
        err.contains("source `nowhere` is not in sources.csv"),
        "{err}"
    );
    assert!(err.starts_with("prices.csv:"), "{err}");
}
