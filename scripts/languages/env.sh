# Sourced by package.sh and test.sh: where the language toolchains keep their downloads, and a step timer.
#
# LANGUAGES_CACHE (default ~/.cache/cdk8s-kpack/languages, shared by every checkout like Go's own caches) holds
# the Maven repository, the Python wheels pacmak's build installs, and the bindings built from npm packages that
# a registry does not serve. Go modules go to Go's own module cache (GOMODCACHE).
LANGUAGES_CACHE="${LANGUAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-kpack/languages}"
mkdir -p "$LANGUAGES_CACHE"
LANGUAGES_CACHE="$(cd "$LANGUAGES_CACHE" && pwd)"
export LANGUAGES_CACHE
export MAVEN_REPO="$LANGUAGES_CACHE/m2"
# Maven reads the local repository from MAVEN_OPTS in every mvn call, pacmak's included.
export MAVEN_OPTS="-Dmaven.repo.local=$MAVEN_REPO ${MAVEN_OPTS:-}"
export WHEELHOUSE="$LANGUAGES_CACHE/wheels"
# The module cache stays deletable (Go makes it read-only by default).
export GOFLAGS="-modcacherw ${GOFLAGS:-}"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1

# The versions the TypeScript side pins (package.json's devDependencies); every language uses the same ones.
CDK8S_VERSION="$(node -p "require('./package.json').devDependencies.cdk8s")"
CDK8S_PLUS_VERSION="$(node -p "require('./package.json').devDependencies['cdk8s-plus-27']")"
CONSTRUCTS_VERSION="$(node -p "require('./package.json').devDependencies.constructs")"
JSII_RUNTIME_VERSION="$(node -p "require('jsii-pacmak/package.json').version")"
export CDK8S_VERSION CDK8S_PLUS_VERSION CONSTRUCTS_VERSION JSII_RUNTIME_VERSION

# step NAME COMMAND...: runs COMMAND and prints how long it took.
step() {
  local name="$1"; shift
  local start=$SECONDS
  echo "==> $name"
  "$@"
  echo "<== $name: $((SECONDS - start)) s"
}
