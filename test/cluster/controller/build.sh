#!/usr/bin/env bash
# Builds kpack's controller (github.com/pivotal/kpack v0.18.0, cmd/controller) and the loopback registry into
# test/cluster/controller/bin/, with the default Go caches (shared with the conformance program's kpack module).
set -euo pipefail
cd "$(dirname "$0")"
command -v go >/dev/null || { echo "cluster:controller:build: the Go toolchain (go 1.24.5 or newer) is needed" >&2; exit 1; }
start=$(date +%s)
CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "-s -w" -o bin/ github.com/pivotal/kpack/cmd/controller ./registry
echo "cluster:controller:build: kpack $(go list -m -f '{{.Version}}' github.com/pivotal/kpack) controller and the registry in $(( $(date +%s) - start )) s"
