//! Writes a realistic synthetic Terraform monorepo for benchmarks (issue #7).
//!
//! ```sh
//! cargo run --release --example gen -- OUT --files 10000 [--plan PLAN.json --plan-mb 120] [--seed 7]
//! ```
//!
//! `OUT/stacks/<team>/<service>-<env>/` are root modules (providers with regions, variables with
//! defaults, locals, `terraform.tfvars`, local module calls, mostly VPC/S3/IAM/EC2/ECS/RDS resources)
//! and `OUT/modules/<kind>-<n>/` the local modules they call. A minority of stacks use Bedrock: direct
//! resources (provisioned throughput, inference profiles, agents, knowledge bases), Lambdas with
//! `BEDROCK_MODEL_ID`, model IDs passed as module arguments, set in `terraform.tfvars` or as a variable
//! default. Some stacks have an `app/` directory of application config (YAML, `.env`, JSON), Bedrock in
//! a minority. `--files N` is the number of `.tf` files written (exactly). `--plan` writes a matching
//! `terraform show -json` plan of about `--plan-mb` MB (default 120) whose resources are the tree's,
//! instantiated per tenant. The output is a pure function of the arguments (seeded; no clock, no OS
//! randomness).

#[path = "support/monorepo.rs"]
mod monorepo;

use std::path::PathBuf;

use monorepo::{generate_tree, write_plan, Writer};

struct Args {
    out: PathBuf,
    files: usize,
    plan: Option<PathBuf>,
    plan_mb: usize,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut out = None;
    let mut files = 1000;
    let mut plan = None;
    let mut plan_mb = 120;
    let mut seed = 7;
    let num = |v: Option<String>, what: &str| -> Result<usize, String> {
        v.ok_or(format!("{what} needs a value"))?
            .parse::<usize>()
            .map_err(|e| format!("{what}: {e}"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--files" => files = num(it.next(), "--files")?,
            "--plan" => plan = Some(PathBuf::from(it.next().ok_or("--plan needs a path")?)),
            "--plan-mb" => plan_mb = num(it.next(), "--plan-mb")?,
            "--seed" => seed = num(it.next(), "--seed")? as u64,
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => out = Some(PathBuf::from(a)),
        }
    }
    Ok(Args {
        out: out.ok_or("missing OUT directory")?,
        files,
        plan,
        plan_mb,
        seed,
    })
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("gen: {e}");
            }
            eprintln!(
                "usage: gen OUT --files N [--plan PLAN.json] [--plan-mb MB] [--seed S]\n\
                 writes N .tf files of a synthetic monorepo under OUT (and a matching plan)"
            );
            std::process::exit(2);
        }
    };
    let mut w = Writer::default();
    let tree = generate_tree(args.files, args.seed, &mut w);
    if let Err(e) = w.flush(&args.out) {
        eprintln!("gen: {e}");
        std::process::exit(1);
    }
    eprintln!(
        "gen: {} .tf files, {} other files, {} stacks ({} with Bedrock), {} module dirs, {:.1} MB in {}",
        w.tf,
        w.files.len() - w.tf,
        tree.stacks.len(),
        tree.stacks.iter().filter(|s| s.bedrock).count(),
        tree.modules.len(),
        w.bytes as f64 / 1e6,
        args.out.display()
    );
    if let Some(plan) = &args.plan {
        match write_plan(plan, &tree, args.plan_mb, args.seed) {
            Ok((bytes, n)) => eprintln!(
                "gen: plan {} ({:.1} MB, {n} resource changes)",
                plan.display(),
                bytes as f64 / 1e6
            ),
            Err(e) => {
                eprintln!("gen: {}: {e}", plan.display());
                std::process::exit(1);
            }
        }
    }
}
