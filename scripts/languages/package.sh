#!/usr/bin/env bash
# `npm run package:languages`: one jsii-pacmak run builds the library's Python wheel (dist/python), Java jar
# (dist/java, a Maven repository layout) and Go module (dist/go/cdk8skpack); the .NET code is generated only
# (dist/dotnet), since the build machines have no dotnet toolchain. Expects lib/ and .jsii (`npx projen compile`).
#
# What the registries do not serve is built here from the npm packages the TypeScript side uses, by the same
# jsii-pacmak: the Go module proxy has neither cdk8s-core-go nor cdk8s-plus-go (nor constructs-go v10.3.0), so
# their Go code goes to dist/go/{cdk8s,cdk8splus27,constructs}; Maven Central has no org.cdk8s:cdk8s-plus-27, so
# its jar is built once into the cache and installed into the local Maven repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/languages/env.sh
PACMAK="npx --no-install jsii-pacmak"

python_wheels() {
  # The build tools at the versions pacmak pins, downloaded once; pacmak's build then installs them offline.
  local requirements stamp
  requirements="$(node -p "require.resolve('jsii-pacmak/lib/targets/python/requirements-dev.txt')")"
  stamp="$WHEELHOUSE/.$(sha256sum "$requirements" | cut -c1-16)"
  if [ ! -e "$stamp" ]; then
    python3 -m pip download --quiet --dest "$WHEELHOUSE" -r "$requirements"
    touch "$stamp"
  fi
}

cdk8s_plus_jar() {
  local repo="$MAVEN_REPO/org/cdk8s/cdk8s-plus-27/$CDK8S_PLUS_VERSION"
  [ -e "$repo/cdk8s-plus-27-$CDK8S_PLUS_VERSION.jar" ] && return 0
  local out="$LANGUAGES_CACHE/bindings/cdk8s-plus-27-$CDK8S_PLUS_VERSION"
  rm -rf "$out"
  # Only its classes are needed here: no javadoc.
  $PACMAK --target java --mvn-define=maven.javadoc.skip=true --outdir "$out" node_modules/cdk8s-plus-27
  local built="$out/java/org/cdk8s/cdk8s-plus-27/$CDK8S_PLUS_VERSION"
  mvn --batch-mode --quiet install:install-file -Dfile="$built/cdk8s-plus-27-$CDK8S_PLUS_VERSION.jar" \
    -DpomFile="$built/cdk8s-plus-27-$CDK8S_PLUS_VERSION.pom"
}

go_bindings() {
  $PACMAK --code-only --target go --outdir dist node_modules/constructs node_modules/cdk8s node_modules/cdk8s-plus-27
}

library() {
  # PIP_NO_INDEX: pacmak's venv and the wheel's isolated build install from the wheelhouse only.
  PIP_FIND_LINKS="$WHEELHOUSE" PIP_NO_INDEX=1 \
    $PACMAK --target python --target java --target go --rosetta-tablet .jsii.tabl.json --outdir dist
}

dotnet_code() {
  $PACMAK --code-only --target dotnet --rosetta-tablet .jsii.tabl.json --outdir dist
}

rm -rf dist/python dist/java dist/go dist/dotnet
step "python: build tools (wheelhouse)" python_wheels
step "java: org.cdk8s:cdk8s-plus-27 $CDK8S_PLUS_VERSION (not on Maven Central)" cdk8s_plus_jar
step "go: constructs, cdk8s, cdk8s-plus-27 bindings (not on the Go module proxy)" go_bindings
step "jsii-pacmak: python, java, go" library
step "jsii-pacmak: .NET code only (no dotnet toolchain)" dotnet_code
find dist/python -name "*.whl"; find dist/java -name "cdk8s-kpack-*.jar" -not -name "*-sources.jar" -not -name "*-javadoc.jar"; ls dist/go/cdk8skpack/go.mod; find dist/dotnet -name "*.csproj"
