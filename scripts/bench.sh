#!/usr/bin/env bash
# End-to-end performance of the release binary on a generated monorepo (issue #7).
#
#   scripts/bench.sh [FILES] [PLAN_MB]        # defaults: 10000 files, 120 MB plan
#
# Builds release, generates the tree and a matching plan into a temp dir (examples/gen.rs), checks
# that the pre-scan changes nothing in the report, then measures, each comparison in ONE hyperfine
# run so machine noise hits both sides alike:
#   1. the whole run on FILES files vs `grep -rl bedrock` on the same files  (target ≤ 5×)
#   2. plan JSON throughput (target ≥ 300 MB/s) and peak RSS via /usr/bin/time -v (target < 2× file)
#   3. a one-file run (target < 20 ms)
#   4. Checkov on the same tree, if `checkov` is installed (CHECKOV=/path/to/checkov to choose one)
# and prints a markdown table. Needs hyperfine and GNU time (installed with apt-get if missing).
set -euo pipefail

FILES="${1:-10000}"
PLAN_MB="${2:-120}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bedrock-lint-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

need() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$2" ]; then
    echo "installing $3 ..." >&2
    apt-get install -y "$3" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$3" >/dev/null; }
  fi
}
need hyperfine /usr/bin/hyperfine hyperfine
need time /usr/bin/time time

echo "building release ..." >&2
(cd "$ROOT" && cargo build --release --quiet && cargo build --release --quiet --example gen)
BIN="$ROOT/target/release/bedrock-lint"
GEN="$ROOT/target/release/examples/gen"

TREE="$WORK/tree"
PLAN="$WORK/plan.json"
"$GEN" "$TREE" --files "$FILES" --plan "$PLAN" --plan-mb "$PLAN_MB" >&2
PLAN_BYTES=$(stat -c %s "$PLAN")
TREE_FILES=$(find "$TREE" -type f | wc -l)
TREE_BYTES=$(find "$TREE" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
cd "$WORK"

# The pre-scan must not change the report (same JSON with it off).
"$BIN" --fail-on never --format json tree >with.json
BEDROCK_LINT_NO_PRESCAN=1 "$BIN" --fail-on never --format json tree >without.json
if cmp -s with.json without.json; then SAME=yes; else SAME=NO; fi

echo "1/4 whole run vs grep ..." >&2
hyperfine -N --warmup 3 --runs 20 --export-json tree.json \
  "$BIN --fail-on never tree" "grep -rl bedrock tree" >&2

echo "2/4 plan JSON ..." >&2
hyperfine -N --warmup 1 --runs 10 --export-json plan.json.bench \
  "$BIN --fail-on never --format json plan.json" >&2
/usr/bin/time -v "$BIN" --fail-on never --format json plan.json 2>time.txt >/dev/null
RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' time.txt)

echo "3/4 one file ..." >&2
ONE=$(cd "$WORK" && find tree/stacks -name bedrock.tf | sort | head -1)
hyperfine -N --warmup 5 --runs 50 --export-json one.json "$BIN --fail-on never $ONE" >&2

CHECKOV="${CHECKOV:-$(command -v checkov || true)}"
if [ -n "$CHECKOV" ] && [ -x "$CHECKOV" ]; then
  echo "4/4 Checkov (one run each; it takes minutes) ..." >&2
  hyperfine -N -i --runs 1 --export-json checkov.json \
    "$BIN --fail-on never tree" "$CHECKOV -d tree --framework terraform --quiet --compact" >&2
fi

python3 - "$FILES" "$TREE_FILES" "$TREE_BYTES" "$PLAN_BYTES" "$RSS_KB" "$SAME" "$ONE" <<'PY'
import json, os, sys
files, tree_files, tree_bytes, plan_bytes, rss_kb, same, one = sys.argv[1:]
tree_files, tree_bytes, plan_bytes, rss = int(tree_files), int(tree_bytes), int(plan_bytes), int(rss_kb) * 1024
mean = lambda f, i=0: json.load(open(f))["results"][i]["mean"]
ms = lambda s: f"{s * 1000:.1f} ms"
lint, grep = mean("tree.json", 0), mean("tree.json", 1)
plan = mean("plan.json.bench")
single = mean("one.json")
mbps = plan_bytes / 1e6 / plan
ok = lambda b: "met" if b else "**missed**"
print(f"| measure | bedrock-lint | baseline | ratio | target | |")
print(f"|---|---|---|---|---|---|")
print(f"| whole run, {int(files):,} `.tf` ({tree_files:,} files, {tree_bytes/1e6:.1f} MB) | {ms(lint)} | `grep -rl bedrock`: {ms(grep)} | {lint/grep:.2f}× | ≤ 5× grep | {ok(lint/grep <= 5)} |")
print(f"| plan JSON, {plan_bytes/1e6:.0f} MB (`--format json`) | {ms(plan)} = {mbps:.0f} MB/s | | | ≥ 300 MB/s | {ok(mbps >= 300)} |")
print(f"| plan JSON peak RSS (`/usr/bin/time -v`) | {rss/2**20:.0f} MiB | file: {plan_bytes/2**20:.0f} MiB | {rss/plan_bytes:.2f}× | < 2× file | {ok(rss < 2*plan_bytes)} |")
print(f"| one file (`{one.replace('tree/', '', 1)}`) | {ms(single)} | | | < 20 ms | {ok(single < 0.020)} |")
if os.path.exists("checkov.json"):
    ck_lint, ck = mean("checkov.json", 0), mean("checkov.json", 1)
    print(f"| same tree vs Checkov (`--framework terraform`, 1 run) | {ms(ck_lint)} | Checkov: {ck:.1f} s | {ck/ck_lint:.0f}× faster | (report) | |")
print()
print(f"Report identical with and without the pre-scan: {same}.")
PY
