#!/usr/bin/env bash
# Installs bedrock-lint for the action: from this action's checkout (`source`) or crates.io.
set -euo pipefail
root="${RUNNER_TEMP:-/tmp}/bedrock-lint"
if [ "${INPUT_VERSION:-source}" = "source" ]; then
  cargo install --locked --path "$GITHUB_ACTION_PATH" --root "$root"
else
  cargo install --locked bedrock-lint --version "$INPUT_VERSION" --root "$root"
fi
echo "$root/bin" >> "$GITHUB_PATH"
