#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kubectl and pki into test/cluster/bin/. The Go module and build caches are the
# default ones (GOMODCACHE, GOCACHE), so a second build, or one after the conformance program's, reuses them.
set -euo pipefail
cd "$(dirname "$0")"
command -v go >/dev/null || { echo "cluster:build: the Go toolchain (go 1.24 or newer) is needed" >&2; exit 1; }
start=$(date +%s)
# The Kubernetes release is the one go.mod requires; binaries built as a dependency carry no version unless set.
version=$(go list -m -f '{{.Version}}' k8s.io/kubernetes)
minor=$(echo "$version" | cut -d. -f2)
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$version -X k8s.io/component-base/version.gitMajor=1"
ldflags="$ldflags -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
# Only the main packages needed, no cgo, no debug information: the linking is what takes memory and time.
CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "$ldflags" -o bin/ \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl ./etcd ./pki
echo "cluster:build: etcd, kube-apiserver and kubectl $version in $(( $(date +%s) - start )) s"
