//! Throughput benchmarks on the synthetic monorepo of `examples/gen.rs` (issue #7):
//! HCL parse + extraction of a generated module (MB/s), the whole `lint()` of a generated tree (with
//! and without the pre-scan), and plan JSON (MB/s). Small samples so `cargo bench` ends in about a
//! minute on 2 cores; `scripts/bench.sh` times the release binary end to end at full size.

#[path = "../examples/support/monorepo.rs"]
mod monorepo;

use std::path::{Path, PathBuf};
use std::time::Duration;

use bedrock_lint::config::Config;
use bedrock_lint::source::hcl::{lint_module, ModuleFile, TfFileRole};
use bedrock_lint::source::{plan, read_source};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// A fresh generated tree (and plan) under Cargo's target dir, reused by every benchmark.
fn fixture() -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-monorepo");
    let tree = root.join("tree");
    let plan = root.join("plan.json");
    let _ = std::fs::remove_dir_all(&root);
    let mut w = monorepo::Writer::default();
    let generated = monorepo::generate_tree(1000, 7, &mut w);
    w.flush(&tree).expect("write the generated tree");
    monorepo::write_plan(&plan, &generated, 20, 7).expect("write the generated plan");
    (tree, plan)
}

/// The `.tf` files of the generated stack with the most bytes of HCL.
fn biggest_stack(tree: &Path) -> Vec<PathBuf> {
    let mut best: (u64, Vec<PathBuf>) = (0, Vec::new());
    for team in std::fs::read_dir(tree.join("stacks"))
        .expect("stacks")
        .flatten()
    {
        for stack in std::fs::read_dir(team.path()).expect("team").flatten() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(stack.path())
                .expect("stack")
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "tf"))
                .collect();
            files.sort();
            let size = files
                .iter()
                .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
                .sum();
            if size > best.0 {
                best = (size, files);
            }
        }
    }
    best.1
}

fn benches(c: &mut Criterion) {
    let (tree, plan_path) = fixture();
    let config = Config::default_config().expect("default config");

    // HCL: parse (hcl-edit) and parse + evaluate + extract (one module directory).
    let files = biggest_stack(&tree);
    let sources: Vec<_> = files
        .iter()
        .map(|p| read_source(p, p.display().to_string(), u64::MAX).expect("read"))
        .collect();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut g = c.benchmark_group("hcl");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20).measurement_time(Duration::from_secs(2));
    g.bench_function("parse_module", |b| {
        b.iter(|| {
            for s in &sources {
                let body = hcl_edit::parser::parse_body(&s.text).expect("generated HCL parses");
                std::hint::black_box(body);
            }
        })
    });
    g.bench_function("parse_extract_module", |b| {
        b.iter(|| {
            let files: Vec<ModuleFile> = sources
                .iter()
                .map(|s| ModuleFile {
                    file: s.clone(),
                    role: TfFileRole::Config,
                    report: true,
                })
                .collect();
            std::hint::black_box(lint_module(files, &config.fallback_region))
        })
    });
    g.finish();

    // The whole pipeline on a 1,000-file tree, with and without the pre-scan.
    let mut g = c.benchmark_group("lint_tree_1000_files");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for prescan in [true, false] {
        g.bench_with_input(BenchmarkId::new("prescan", prescan), &prescan, |b, &on| {
            bedrock_lint::prescan::set_enabled(on);
            b.iter(|| {
                std::hint::black_box(bedrock_lint::lint(std::slice::from_ref(&tree), &config))
            })
        });
    }
    bedrock_lint::prescan::set_enabled(true);
    g.finish();

    // Plan JSON: parse + extract from the file in memory (reading it is not counted).
    let plan_file =
        read_source(&plan_path, "plan.json".into(), plan::MAX_PLAN_BYTES).expect("plan");
    let mut g = c.benchmark_group("plan_json");
    g.throughput(Throughput::Bytes(plan_file.text.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    g.bench_function("lint_plan_20mb", |b| {
        b.iter(|| std::hint::black_box(plan::lint_plan(&plan_file, &config.fallback_region)))
    });
    g.finish();
}

criterion_group!(throughput, benches);
criterion_main!(throughput);
