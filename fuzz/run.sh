#!/bin/sh
# Runs one fuzz target for a bounded time on one core: fuzz/run.sh TARGET SECONDS
# Crashes land in fuzz/artifacts/TARGET/; the log in fuzz/logs/TARGET-<date>.log.
set -eu
cd "$(dirname "$0")"
target=$1
seconds=${2:-300}
[ -d "corpus/$target" ] || ./seed.sh
mkdir -p logs
log="logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
dict=""
[ -f "dict/$target.dict" ] && dict="-dict=dict/$target.dict"
RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 $dict 2>&1 | tee "$log" | grep -E 'DONE|Done|crash|ERROR|SUMMARY|panicked|stat::' || true
echo "log: fuzz/$log"
