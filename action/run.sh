#!/usr/bin/env bash
# The action's main step: annotations on stdout (GitHub workflow commands), SARIF to a file, the
# Markdown summary to $GITHUB_STEP_SUMMARY, and optionally one PR comment (created once, then updated)
# with the cost diff against the PR's base commit. Exits with bedrock-lint's exit code.
set -uo pipefail

bin="${BEDROCK_LINT_BIN:-bedrock-lint}"
tmp="${RUNNER_TEMP:-/tmp}"
read -r -a paths <<< "${INPUT_PATHS:-.}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)
config=()
[ -n "${INPUT_CONFIG:-}" ] && config=(--config "$INPUT_CONFIG")
outputs=(--output-markdown "$tmp/bedrock-lint-summary.md")
[ -n "${INPUT_SARIF:-}" ] && outputs+=(--output-sarif "$INPUT_SARIF")

"$bin" "${paths[@]}" "${config[@]}" --fail-on "${INPUT_FAIL_ON:-warning}" --format github "${outputs[@]}"
status=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$tmp/bedrock-lint-summary.md" ]; then
  cat "$tmp/bedrock-lint-summary.md" >> "$GITHUB_STEP_SUMMARY"
fi

if [ "${INPUT_COMMENT:-false}" = "true" ] && [ -n "${PR_NUMBER:-}" ]; then
  body="$tmp/bedrock-lint-comment.md"
  cp "$tmp/bedrock-lint-summary.md" "$body"
  # The cost change against the base branch, from a worktree of the base commit.
  if [ -n "${BASE_SHA:-}" ] && git rev-parse --verify -q "${BASE_SHA}^{commit}" > /dev/null; then
    base="$tmp/bedrock-lint-base"
    prefix="$(git rev-parse --show-prefix)"
    git worktree remove --force "$base" > /dev/null 2>&1 || rm -rf "$base"
    if git worktree add --detach "$base" "$BASE_SHA" > /dev/null 2>&1; then
      if "$bin" diff "$base/$prefix${paths[0]}" "${paths[0]}" "${config[@]}" --fail-on never --format markdown > "$tmp/bedrock-lint-diff.md"; then
        { cat "$tmp/bedrock-lint-diff.md"; printf '\n<details><summary>Full report</summary>\n\n'; tail -n +2 "$tmp/bedrock-lint-summary.md"; printf '\n</details>\n'; } > "$body"
      fi
      git worktree remove --force "$base" > /dev/null 2>&1 || true
    fi
  fi
  # One comment per PR: find ours by its marker and update it; create it only the first time.
  existing="$(gh api "repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments" --paginate \
    --jq '.[] | select(.body | startswith("<!-- bedrock-lint -->")) | .id' | head -n 1)"
  if [ -n "$existing" ]; then
    gh api -X PATCH "repos/${GITHUB_REPOSITORY}/issues/comments/${existing}" -F "body=@$body" > /dev/null
  else
    gh api -X POST "repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments" -F "body=@$body" > /dev/null
  fi
fi

exit "$status"
