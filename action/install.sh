#!/usr/bin/env bash
# Installs bedrock-lint for the action and puts it on GITHUB_PATH.
#
# INPUT_VERSION:
#   X.Y.Z (or vX.Y.Z)  download <base>/vX.Y.Z/bedrock-lint-X.Y.Z-<target>.tar.gz (.zip on Windows) and its
#                      .sha256, refuse a mismatch, install the binary. <target> comes from RUNNER_OS and
#                      RUNNER_ARCH. <base> is this repository's GitHub releases download URL, or
#                      BEDROCK_LINT_RELEASE_URL (tests serve assets from a loopback server).
#   empty              the version in this action's own Cargo.toml: the release the action's tag names.
#   source             build this action's checkout with cargo (needs a Rust toolchain; slow).
# Nothing is installed unless the archive's SHA-256 matches the published one.
set -euo pipefail

action_path="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
root="${RUNNER_TEMP:-/tmp}/bedrock-lint"
base="${BEDROCK_LINT_RELEASE_URL:-https://github.com/bedrock-lint/bedrock-lint/releases/download}"
base="${base%/}"
github_path="${GITHUB_PATH:-/dev/null}"

fail() {
  echo "::error title=bedrock-lint install::$*" >&2
  exit 1
}

version="${INPUT_VERSION:-}"
if [ "$version" = "source" ]; then
  cargo install --locked --path "$action_path" --root "$root"
  echo "$root/bin" >> "$github_path"
  exit 0
fi
if [ -z "$version" ]; then
  # The first `version = "..."` in Cargo.toml is the package's (it is the first table).
  version="$(sed -n 's/^version = "\([^"]*\)".*/\1/p' "$action_path/Cargo.toml" | head -n 1)"
fi
version="${version#v}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] \
  || fail "version '$version' is not X.Y.Z (or 'source' to build from this action's checkout)"

case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64) target=aarch64-unknown-linux-musl ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *) fail "no release binary for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}; use 'version: source'" ;;
esac
case "$target" in
  *windows*) ext=zip exe=bedrock-lint.exe ;;
  *) ext=tar.gz exe=bedrock-lint ;;
esac

name="bedrock-lint-$version-$target"
asset="$name.$ext"
work="$(mktemp -d "${RUNNER_TEMP:-/tmp}/bedrock-lint-download.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fetch() {
  curl --fail --silent --show-error --location --retry 3 --proto '=https,http' -o "$2" "$1" \
    || fail "cannot download $1"
}
fetch "$base/v$version/$asset" "$work/$asset"
fetch "$base/v$version/$asset.sha256" "$work/$asset.sha256"

# The .sha256 file is `sha256sum` output: `<64 hex digits>  <file name>`.
expected="$(tr -d '\r' < "$work/$asset.sha256" | awk 'NR == 1 { print tolower($1) }')"
[[ "$expected" =~ ^[0-9a-f]{64}$ ]] || fail "$asset.sha256 holds no SHA-256"
if command -v sha256sum > /dev/null; then
  actual="$(sha256sum "$work/$asset" | awk '{ print $1 }')"
else
  actual="$(shasum -a 256 "$work/$asset" | awk '{ print $1 }')"
fi
[ "$actual" = "$expected" ] \
  || fail "checksum mismatch for $asset: expected $expected, got $actual; nothing installed"

mkdir -p "$work/unpacked"
if [ "$ext" = zip ]; then
  if command -v unzip > /dev/null; then
    unzip -q "$work/$asset" -d "$work/unpacked"
  else
    powershell -NoProfile -Command "Expand-Archive -LiteralPath '$work/$asset' -DestinationPath '$work/unpacked'"
  fi
else
  tar -xzf "$work/$asset" -C "$work/unpacked"
fi
binary="$work/unpacked/$name/$exe"
[ -f "$binary" ] || fail "$asset has no $name/$exe"

mkdir -p "$root/bin"
cp "$binary" "$root/bin/$exe"
chmod +x "$root/bin/$exe"
echo "$root/bin" >> "$github_path"
echo "bedrock-lint $version ($target) installed, SHA-256 $actual verified"
