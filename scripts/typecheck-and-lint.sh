#!/usr/bin/env bash
# npm test's type-check (tsc) and lint (the eslint task, with --fix), side by side: each runs on one core,
# and the build machines have two. Each one's output is printed whole once both have ended. eslint writes its
# fixes when it has linted every file, long after tsc has read them.
# The lint here runs without type information: its two type-aware rules (no-floating-promises, return-await)
# need a second TypeScript program of every file, 20 of npm test's CPU-seconds; `npm run lint:typed` runs
# them, and CI runs that.
set -uo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

tsc --noEmit -p test/tsconfig.json > "$out/tsc" 2>&1 &
tsc_pid=$!
projen eslint --parser-options project:null \
  --rule '@typescript-eslint/no-floating-promises: off' --rule '@typescript-eslint/return-await: off' > "$out/eslint" 2>&1 &
eslint_pid=$!

wait "$tsc_pid"
tsc_status=$?
wait "$eslint_pid"
eslint_status=$?

echo "tsc --noEmit -p test/tsconfig.json (exit ${tsc_status})"
cat "$out/tsc"
echo "eslint (exit ${eslint_status})"
cat "$out/eslint"
[ "$tsc_status" -eq 0 ] && [ "$eslint_status" -eq 0 ]
