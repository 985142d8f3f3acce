//! Fuzz findings stay fixed: every file under `fuzz/regressions/<target>/` replays through the same entry
//! point the fuzz target uses (`fuzz/src/entries.rs`, included here by path). Then a short, deterministic
//! mutation run over the fixtures gives `cargo test` fuzz-style coverage without cargo-fuzz.

#[path = "../fuzz/src/entries.rs"]
mod entries;

use std::path::{Path, PathBuf};

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else if p.is_file() {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn every_fuzz_regression_replays_without_a_crash() {
    let root = Path::new("fuzz/regressions");
    let mut replayed = 0;
    for dir in files_under(root)
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect::<std::collections::BTreeSet<_>>()
    {
        let target = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        assert!(
            entries::TARGETS.contains(&target.as_str()),
            "fuzz/regressions/{target}/ is not a fuzz target ({:?})",
            entries::TARGETS
        );
        for file in files_under(&dir) {
            let data = std::fs::read(&file).expect("regression file");
            let started = std::time::Instant::now();
            entries::run(&target, &data);
            // A hang found by the fuzzer counts as fixed only if it is fast now (debug build, shared CI).
            assert!(
                started.elapsed() < std::time::Duration::from_secs(20),
                "{} took {:?}",
                file.display(),
                started.elapsed()
            );
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no regression inputs found under fuzz/regressions/"
    );
}

/// A small deterministic PRNG (xorshift64*): the same mutations on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Fragments that reach parser corners: delimiters, template and heredoc syntax, YAML and JSON
/// structure, escapes, BOM, CRLF, workflow-command and Markdown syntax, model IDs and ARNs.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "'",
    "${",
    "%{",
    "<<EOT\n",
    "\nEOT\n",
    "\\",
    "\n",
    "\r\n",
    "\u{feff}",
    "\u{0}",
    "é",
    "::",
    "%",
    "|",
    "`",
    "<",
    ">",
    "&",
    "- ",
    ": ",
    ", ",
    "#",
    "//",
    "/*",
    "*/",
    "=",
    "!Ref ",
    "&a ",
    "*a",
    "---\n",
    "local.x",
    "var.y",
    "count.index",
    "each.key",
    "us.anthropic.claude-sonnet-4-20250514-v1:0",
    "global.anthropic.claude-haiku-4-5-20251001-v1:0",
    "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k",
    "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-pro-v1:0",
    "# bedrock-lint-ignore: BL007 until=2027-02-30 # why\n",
    "// bedrock-lint-ignore-file: all\n",
    "aws_bedrock_provisioned_model_throughput",
    "model_units",
    "1e308",
    "-1",
    "null",
    "true",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            1 if !out.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            2 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            3 => out.truncate(at),
            4 if !out.is_empty() => {
                // Repeat a slice (nesting and long runs).
                let start = rng.below(out.len());
                let end = (start + 1 + rng.below(32)).min(out.len());
                let slice = out[start..end].to_vec();
                for _ in 0..1 + rng.below(8) {
                    out.splice(at..at, slice.iter().copied());
                }
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let n = 1 + rng.below(200);
                let run: Vec<u8> = token
                    .iter()
                    .copied()
                    .cycle()
                    .take(token.len() * n)
                    .collect();
                out.splice(at..at, run);
            }
        }
    }
    out
}

/// The fixtures each target reads, like `fuzz/seed.sh`.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let ext_ok = |p: &Path| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        match target {
            "hcl" => matches!(ext, "tf" | "tfvars"),
            "plan" | "app_json" => ext == "json",
            "app_yaml" => matches!(ext, "yml" | "yaml"),
            "app_toml" => ext == "toml" && name != ".bedrock-lint.toml",
            "app_lines" => {
                name.ends_with(".env") || name.starts_with(".env") || ext == "properties"
            }
            "config" => name == ".bedrock-lint.toml",
            "model_ref" => matches!(ext, "tf" | "yaml" | "env"),
            _ => false,
        }
    };
    files_under(Path::new("fixtures"))
        .into_iter()
        .filter(|p| ext_ok(p))
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

#[test]
fn mutated_fixtures_never_crash_any_parser() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let started = std::time::Instant::now();
    let mut runs = 0;
    for target in entries::TARGETS {
        let seeds = seeds(target);
        assert!(!seeds.is_empty(), "no fixtures for {target}");
        // A fixed number of mutants per target (about a second in a debug build).
        for i in 0..60 {
            let seed = &seeds[i % seeds.len()];
            let mutant = mutate(&mut rng, seed);
            let result = std::panic::catch_unwind(|| entries::run(target, &mutant));
            if result.is_err() {
                let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-mutants");
                let _ = std::fs::create_dir_all(&dir);
                let path = dir.join(format!("{target}-{i}"));
                let _ = std::fs::write(&path, &mutant);
                panic!(
                    "{target}: a mutant crashed; input saved to {} (copy it to fuzz/regressions/{target}/)",
                    path.display()
                );
            }
            runs += 1;
        }
    }
    assert_eq!(runs, 60 * entries::TARGETS.len());
    eprintln!("{runs} mutants in {:?}", started.elapsed());
}
