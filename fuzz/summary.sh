#!/bin/sh
# Totals per target from fuzz/logs/*.log (runs and seconds of every finished run), as a Markdown table.
cd "$(dirname "$0")"
echo "| target | sessions | executions | time |"
echo "|---|---:|---:|---:|"
for t in hcl plan app_yaml app_json app_toml app_lines config model_ref; do
    cat logs/$t-*.log 2>/dev/null | grep -E '^Done [0-9]+ runs in [0-9]+ second' |
        awk -v t="$t" '{n++; e+=$2; s+=$5} END {if (n) printf "| `%s` | %d | %d | %d min %d s |\n", t, n, e, s/60, s%60; else printf "| `%s` | 0 | 0 | 0 |\n", t}'
done
