#!/usr/bin/env bash
# The PyPI wheel and the pre-commit hook, driven by the tools a user has (run by .ci/run; needs
# python3, git and PyPI for maturin, pre-commit and setuptools):
#  1. maturin builds the wheel from pypi/pyproject.toml; it installs into a fresh venv with no Rust on
#     PATH, and the installed `bedrock-lint` runs.
#  2. `pre-commit try-repo` on a fresh git repository installs the `bedrock-lint` hook the way a user's
#     pre-commit does (`pip install .` of this repository: the shim pyproject.toml, which pins the wheel;
#     served here from a local wheel directory instead of PyPI) and:
#     - blocks a commit that adds a Bedrock finding (BL001: the `us.` profile of Claude Sonnet 4.5, dearer than global);
#     - lets through a commit of only .bedrock-lint.toml, package-lock.json, renovate.json and a Helm
#       template (files the tool does not read);
#     - runs on .env.production (the `files` pattern covers `.env.*`).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="$(sed -n 's/^version = "\([^"]*\)".*/\1/p' "$repo/Cargo.toml" | head -n 1)"

python3 -m venv "$work/tools"
"$work/tools/bin/pip" install --quiet --disable-pip-version-check maturin pre-commit
mkdir -p "$work/wheels"
(cd "$repo/pypi" && "$work/tools/bin/maturin" build --quiet --out "$work/wheels")
# The shim's build backend, for an offline `pip install .` inside pre-commit.
"$work/tools/bin/pip" download --quiet --disable-pip-version-check --dest "$work/wheels" "setuptools>=61"

echo "== wheel: install into a fresh venv and run"
python3 -m venv "$work/user"
"$work/user/bin/pip" install --quiet --disable-pip-version-check --no-index --find-links "$work/wheels" "bedrock-lint==$version"
env -i PATH="$work/user/bin:/usr/bin:/bin" "$work/user/bin/bedrock-lint" --version | tee "$work/version.txt"
grep -qx "bedrock-lint $version" "$work/version.txt"
env -i PATH="$work/user/bin:/usr/bin:/bin" "$work/user/bin/bedrock-lint" rules | grep -q '^BL001 '

echo "== the hooks' files pattern, with Python's re as pre-commit applies it"
python3 - "$repo/.pre-commit-hooks.yaml" <<'PY'
import re, sys
patterns = {l.split("files:", 1)[1].strip().strip("'") for l in open(sys.argv[1]) if l.strip().startswith("files:")}
assert len(patterns) == 1, patterns
pattern = re.compile(patterns.pop())
passed = ["main.tf", "envs/prod/terraform.tfvars", "plan.json", "config/app.yaml", "litellm.yml",
          "pyproject.toml", "app.properties", ".env", "svc/.env", ".env.production", "svc/.env.local",
          "prod.env", "cfn/stack.template"]
not_passed = ["README.md", "main.py", "environment.txt", ".envrc", "x.tf.bak", "src/.env/readme.md"]
bad = [p for p in passed if not pattern.search(p)] + [p for p in not_passed if pattern.search(p)]
assert not bad, bad
PY

echo "== pre-commit try-repo"
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$work/wheels" PRE_COMMIT_HOME="$work/pre-commit-home"
export GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1
git config --file "$GIT_CONFIG_GLOBAL" user.name ci
git config --file "$GIT_CONFIG_GLOBAL" user.email ci@example.com
git config --file "$GIT_CONFIG_GLOBAL" init.defaultBranch main
git config --file "$GIT_CONFIG_GLOBAL" commit.gpgsign false
project="$work/project"
mkdir -p "$project/chart/templates" && cd "$project" && git init -q

try_hook() { "$work/tools/bin/pre-commit" try-repo "$repo" bedrock-lint --verbose "$@"; }

# Tool config and lock files only: passes.
printf 'fail_on = "warning"\n' > .bedrock-lint.toml
printf '{\n  "name": "shop",\n  "lockfileVersion": 3,\n  "packages": { "": { "name": "shop" } }\n}\n' > package-lock.json
printf '{\n  "extends": ["config:recommended"]\n}\n' > renovate.json
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "shop.fullname" . }}\n  labels:\n    {{- include "shop.labels" . | nindent 4 }}\n' > chart/templates/configmap.yaml
git add -A
try_hook > "$work/clean.log" 2>&1 || { cat "$work/clean.log"; echo "FAIL: config and lock files were blocked"; exit 1; }
grep -q 'bedrock-lint.*Passed' "$work/clean.log" || { cat "$work/clean.log"; echo "FAIL: the hook did not run"; exit 1; }
cat "$work/clean.log"
git commit -qm "tool config and lock files"

# A Bedrock finding: blocked.
cat > main.tf <<'TF'
provider "aws" {
  region = "us-east-1"
}

resource "aws_lambda_function" "chat" {
  function_name = "chat"
  role          = "arn:aws:iam::123456789012:role/chat"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "chat.zip"

  environment {
    variables = {
      BEDROCK_MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    }
  }
}
TF
git add main.tf
if try_hook > "$work/finding.log" 2>&1; then
  cat "$work/finding.log"; echo "FAIL: a commit with a Bedrock finding passed"; exit 1
fi
grep -q 'BL001' "$work/finding.log" || { cat "$work/finding.log"; echo "FAIL: no BL001 in the hook output"; exit 1; }
grep -q 'bedrock-lint.*Failed' "$work/finding.log"
cat "$work/finding.log"
git rm -q --cached main.tf && rm main.tf

# `.env.production` is passed to the hook (and read).
printf 'BEDROCK_MODEL_ID=us.anthropic.claude-sonnet-4-5-20250929-v1:0\n' > .env.production
git add .env.production
if try_hook > "$work/env.log" 2>&1; then
  cat "$work/env.log"; echo "FAIL: .env.production was not linted"; exit 1
fi
grep -q '.env.production' "$work/env.log" || { cat "$work/env.log"; exit 1; }
echo "ok: wheel runs; hook blocks a finding, passes tool config + lock files, lints .env.production"
