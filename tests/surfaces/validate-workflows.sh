#!/usr/bin/env bash
# action.yml, the release workflow and the example workflow, checked the way GitHub reads them:
# action-validator (npm: a YAML parser plus GitHub's action and workflow schemas) and check-jsonschema
# (PyPI: SchemaStore's github-action and github-workflow schemas). actionlint is not used: its PyPI
# package downloads the binary from GitHub at install time.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
workflows=(.github/workflows/*.yml examples/github-workflow.yml)

(cd "$work" && npm install --silent --no-audit --no-fund --prefix "$work" @action-validator/cli @action-validator/core > /dev/null)
for f in action.yml "${workflows[@]}"; do
  "$work/node_modules/.bin/action-validator" "$f"
  echo "action-validator: $f ok"
done

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check check-jsonschema
"$work/venv/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
"$work/venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"
