#!/usr/bin/env bash
# Runs the differential tests (test/conformance/) with $1 generated objects (CONFORMANCE_SEED: the seed to
# replay; fresh otherwise), then prints their summary last: one line per kpack version,
# `conformance: N objects checked against kpack vX.Y.Z, D disagreements`.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -f conformance/bin/summary.txt
CONFORMANCE_RUNS="${1:-5000}" npx jest --ci --config test/conformance/jest.config.json
status=$?
cat conformance/bin/summary.txt 2>/dev/null || echo "conformance: no summary (the run did not finish)"
exit $status
