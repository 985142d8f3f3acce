#!/bin/sh
# Seeds fuzz/corpus/<target>/ from the repository's fixtures (and the starter config), so the fuzzer
# starts from realistic Terraform, plans, app configs and model IDs instead of from nothing.
# Usage: fuzz/seed.sh   (from anywhere; idempotent: seeds are named by content hash)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus"
fixtures="$root/fixtures"

add() { # add TARGET FILE: copy FILE into the target's corpus under its content hash
    mkdir -p "$corpus/$1"
    cp "$2" "$corpus/$1/seed-$(sha1sum "$2" | cut -c1-16)"
}

find "$fixtures" -type f \( -name '*.tf' -o -name '*.tfvars' \) | while read -r f; do add hcl "$f"; done
# Whole modules: every .tf of a directory, then its terraform.tfvars after the separator the
# harness splits on (see TFVARS_SEPARATOR in fuzz/src/entries.rs).
find "$fixtures" -type f -name '*.tf' -exec dirname {} \; | sort -u | while read -r d; do
    tmp=$(mktemp)
    cat "$d"/*.tf > "$tmp"
    if [ -f "$d/terraform.tfvars" ]; then
        printf '\n#--tfvars--\n' >> "$tmp"
        cat "$d/terraform.tfvars" >> "$tmp"
    fi
    add hcl "$tmp"
    rm -f "$tmp"
done

find "$fixtures" -type f -name '*.json' | while read -r f; do
    if grep -q '"format_version"' "$f"; then add plan "$f"; fi
    add app_json "$f"
done
find "$fixtures" -type f \( -name '*.yml' -o -name '*.yaml' \) | while read -r f; do add app_yaml "$f"; done
find "$fixtures" -type f -name '*.toml' ! -name '.bedrock-lint.toml' | while read -r f; do add app_toml "$f"; done
find "$fixtures" -type f \( -name '*.env' -o -name '.env' -o -name '.env.*' -o -name '*.properties' \) |
    while read -r f; do add app_lines "$f"; done
find "$fixtures" -type f -name '.bedrock-lint.toml' | while read -r f; do add config "$f"; add app_toml "$f"; done
add config "$root/src/config_starter.toml"

# Model IDs and ARNs: every quoted string in the fixtures that the linter's own scan would look at.
mkdir -p "$corpus/model_ref"
grep -rhoE '"[^"]*(anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|arn:aws)[^"]*"' "$fixtures" 2>/dev/null |
    tr -d '"' | sort -u | while read -r id; do
        printf '%s' "$id" > "$corpus/model_ref/seed-$(printf '%s' "$id" | sha1sum | cut -c1-16)"
    done

for t in "$corpus"/*; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done
