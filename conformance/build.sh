#!/usr/bin/env bash
# Builds one oracle per kpack version (conformance/<version>/, each its own Go module) into conformance/bin/.
# Go's build and module caches are reused between runs; a binary newer than its sources is not rebuilt.
set -euo pipefail
cd "$(dirname "$0")"
command -v go >/dev/null || { echo "conformance: the Go toolchain (go 1.24.5 or newer) is needed" >&2; exit 1; }
mkdir -p bin
start=$(date +%s)
for dir in v*/; do
  version=${dir%/}
  out=bin/kpack-oracle-$version
  if [ -x "$out" ] && [ -z "$(find -L "$version" oracle build.sh -newer "$out" -type f | head -1)" ]; then
    echo "conformance: $out is up to date"
    continue
  fi
  t0=$(date +%s)
  (cd "$version" && go build -mod=readonly -trimpath -buildvcs=false -o "../$out" .)
  echo "conformance: built $out in $(( $(date +%s) - t0 )) s"
done
echo "conformance: build took $(( $(date +%s) - start )) s ($(go version))"
