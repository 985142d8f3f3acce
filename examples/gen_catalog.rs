//! Regenerates the embedded catalog from the curated source tables:
//!
//! ```sh
//! cargo run --example gen_catalog            # writes rules/pricing.toml from catalog/*.csv
//! cargo run --example gen_catalog -- --check # exit 1 if rules/pricing.toml is out of date
//! ```

use std::path::Path;
use std::process::ExitCode;

use bedrock_lint::pricing::{generate, SourceTables};

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check = std::env::args().any(|a| a == "--check");
    let text = match SourceTables::read_dir(&root.join("catalog")).and_then(|t| generate(&t)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("gen_catalog: {e}");
            return ExitCode::from(2);
        }
    };
    let out = root.join("rules/pricing.toml");
    if check {
        let current = std::fs::read_to_string(&out).unwrap_or_default();
        if current != text {
            eprintln!("gen_catalog: rules/pricing.toml is out of date; run `cargo run --example gen_catalog`");
            return ExitCode::from(1);
        }
        return ExitCode::SUCCESS;
    }
    if let Err(e) = std::fs::write(&out, text) {
        eprintln!("gen_catalog: {}: {e}", out.display());
        return ExitCode::from(2);
    }
    println!("wrote {}", out.display());
    ExitCode::SUCCESS
}
