#!/usr/bin/env bash
# `npx projen compat`: jsii-diff between the last release (the newest v* tag, compiled from its own commit) and
# the working tree's .jsii (`npx projen compile` first). Breaking changes to stable APIs fail.
set -euo pipefail
cd "$(dirname "$0")/.."
tag="$(git describe --tags --abbrev=0 --match 'v[0-9]*' 2>/dev/null || true)"
if [ -z "$tag" ]; then
  echo "compat: no release yet (no v* tag): nothing to compare the API with"
  exit 0
fi
released="$(mktemp -d)"
trap 'git worktree remove --force "$released" >/dev/null 2>&1 || rm -rf "$released"' EXIT
git worktree add --detach "$released" "$tag" >/dev/null
(cd "$released" && npm install --no-audit --no-fund >/dev/null && npx projen compile >/dev/null)
npx jsii-diff "$released" . --keys --error-on=non-experimental
echo "compat: no breaking change since $tag"
