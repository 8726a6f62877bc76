#!/usr/bin/env bash
# `npm run test:languages`: installs the packages of `npm run package:languages` (dist/python, dist/java, dist/go)
# into new projects outside the repository, one per language, as a user of that language would: each writes the
# tutorial's step 1 (current kpack and kpack v0.0.8, with the tutorial's placeholder account) and the README's
# quick start, whose YAML must be byte-identical to the TypeScript output, and runs three checks (a Chart
# subclass overriding toJson, a ServiceAccount made in that language given to addTo(), a validation error).
# The last line says which languages synthesized the tutorial byte-identical to TypeScript.
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/languages/env.sh
REPO="$PWD"
# The tutorial's directory of the current kpack release under dist/tutorial/.
TUTORIAL_CURRENT="${TUTORIAL_CURRENT:-v0.18}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cdk8s-kpack-languages.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# The tutorial's placeholders, as when DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD are unset; the quick start reads
# its password from DOCKERHUB_PASSWORD.
unset DOCKERHUB_USERNAME
export DOCKERHUB_PASSWORD=changeme
QUICK_START_ENV=(env DOCKERHUB_PASSWORD=changeme)

# The coordinates package.json gives each language (the sources below name the placeholder owner's).
target() { node -p "require('./package.json').jsii.targets.$1"; }
JAVA_PACKAGE="$(target java.package)"
MAVEN_GROUP="$(target java.maven.groupId)"
GO_MODULE="$(target go.moduleName)/$(target go.packageName)"
KPACK_VERSION="$(node -p "require('./package.json').version")"
rewrite() { # rewrite DIR: the placeholder coordinates in the copied sources become package.json's
  find "$1" -type f \( -name '*.java' -o -name '*.go' -o -name 'pom.xml' \) -exec sed -i \
    -e "s#com\.example\.cdk8s\.kpack#$JAVA_PACKAGE#g" -e "s#<groupId>com\.example</groupId>#<groupId>$MAVEN_GROUP</groupId>#g" \
    -e "s#example\.com/cdk8s-kpack/cdk8s-kpack-go/cdk8skpack#$GO_MODULE#g" {} +
}

declare -A RESULT   # language -> "identical" or the reason it is not
declare -A CHECKS   # language -> "passed" or what failed

expected() {
  rm -rf dist/tutorial
  env -u DOCKERHUB_PASSWORD npx --no-install ts-node --project test/tsconfig.json examples/tutorial/main.ts >/dev/null || return 1
  mkdir -p "$WORK/expected/current" "$WORK/expected/legacy" "$WORK/ts-quick-start"
  cp "dist/tutorial/$TUTORIAL_CURRENT/step-1.k8s.yaml" "$WORK/expected/current/" || return 1
  cp dist/tutorial/v0.0.8/step-1.k8s.yaml "$WORK/expected/legacy/" || return 1
  # The README's quick start as it stands, run against the compiled library.
  node -e '
    const md = require("fs").readFileSync("README.md", "utf8");
    const block = md.slice(md.indexOf("## Quick start")).match(/```ts[^\n]*\n([\s\S]*?)```/)[1];
    process.stdout.write(block.replace(/from .cdk8s-kpack./, `from ${JSON.stringify(process.argv[1])}`));
  ' "$REPO/lib" > "$WORK/ts-quick-start/main.ts"
  (cd "$WORK/ts-quick-start" && export NODE_PATH="$REPO/node_modules" && node -e '
    const ts = require("typescript");
    const source = require("fs").readFileSync("main.ts", "utf8");
    require("fs").writeFileSync("main.js", ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText);
  ' && "${QUICK_START_ENV[@]}" node main.js) || return 1
  mv "$WORK/ts-quick-start/dist" "$WORK/expected/quick-start" || return 1
}

# compare LANGUAGE DIR: DIR/{current,legacy}/step-1.k8s.yaml and DIR/quick-start/*.k8s.yaml against TypeScript's.
compare() {
  local language="$1" dir="$2" differs=()
  for file in current/step-1.k8s.yaml legacy/step-1.k8s.yaml quick-start/kpack-crds.k8s.yaml quick-start/kpack.k8s.yaml quick-start/tutorial.k8s.yaml; do
    if ! cmp -s "$WORK/expected/$file" "$dir/$file"; then
      differs+=("$file")
      diff -u "$WORK/expected/$file" "$dir/$file" | head -20 >&2 || true
    fi
  done
  if [ ${#differs[@]} -eq 0 ]; then
    RESULT[$language]=identical
    echo "$language: the tutorial's step 1 (current and v0.0.8) and the quick start are byte-identical to TypeScript"
  else
    RESULT[$language]="differs from TypeScript in ${differs[*]}"
    echo "$language: ${RESULT[$language]}" >&2
  fi
}

checks() { # checks LANGUAGE COMMAND...: the three checks' program prints PASS/FAIL lines
  local language="$1"; shift
  local out
  out="$("$@" 2>"$WORK/$language-checks.err")"
  echo "$out"
  if echo "$out" | grep -q '^FAIL'; then
    CHECKS[$language]="failed: $(echo "$out" | grep '^FAIL' | sed 's/^FAIL \([^:]*\).*/\1/' | paste -sd, -)"
    sed 's/^/  /' "$WORK/$language-checks.err" | head -30 >&2
  elif [ "$(echo "$out" | grep -c '^PASS')" -eq 3 ]; then
    CHECKS[$language]=passed
  else
    CHECKS[$language]="did not run (see above)"
    sed 's/^/  /' "$WORK/$language-checks.err" | head -30 >&2
  fi
}

python_test() {
  local dir="$WORK/python"
  mkdir -p "$dir" && cp test/languages/python/*.py "$dir/"
  python3 -m venv "$dir/venv"
  # The wheel, and the versions the TypeScript side uses from PyPI; PyYAML reads the output in the checks.
  "$dir/venv/bin/pip" install --quiet dist/python/*.whl "cdk8s==$CDK8S_VERSION" "cdk8s-plus-27==$CDK8S_PLUS_VERSION" \
    "constructs==$CONSTRUCTS_VERSION" "jsii==$JSII_RUNTIME_VERSION" pyyaml || { RESULT[python]="pip install failed"; return; }
  (cd "$dir" && venv/bin/python tutorial.py out) || { RESULT[python]="tutorial.py failed"; return; }
  mkdir -p "$dir/out/quick-start"
  (cd "$dir/out/quick-start" && "${QUICK_START_ENV[@]}" ../../venv/bin/python ../../quick_start.py && mv dist/* . && rmdir dist) \
    || { RESULT[python]="quick_start.py failed"; return; }
  compare python "$dir/out"
  checks python "$dir/venv/bin/python" "$dir/checks.py"
}

java_test() {
  local dir="$WORK/java"
  mkdir -p "$dir" && cp -r test/languages/java/. "$dir/" && rewrite "$dir"
  # cdk8s-kpack from dist/java; org.cdk8s:cdk8s-plus-27, which Maven Central does not serve, from the local
  # repository, where `npm run package:languages` installed the jar it built from the npm package.
  mvn --batch-mode --quiet -f "$dir/pom.xml" -Dkpack.repository="file://$REPO/dist/java" -Dkpack.version="$KPACK_VERSION" \
    -Dcdk8s.version="$CDK8S_VERSION" -Dcdk8s-plus.version="$CDK8S_PLUS_VERSION" -Dconstructs.version="$CONSTRUCTS_VERSION" \
    -Djsii.version="$JSII_RUNTIME_VERSION" compile dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt" \
    || { RESULT[java]="mvn compile failed"; return; }
  local classpath="$dir/target/classes:$(cat "$dir/classpath.txt")"
  (cd "$dir" && java -cp "$classpath" tutorial.Tutorial out) || { RESULT[java]="Tutorial failed"; return; }
  mkdir -p "$dir/out/quick-start"
  (cd "$dir/out/quick-start" && "${QUICK_START_ENV[@]}" java -cp "$classpath" tutorial.QuickStart && mv dist/* . && rmdir dist) \
    || { RESULT[java]="QuickStart failed"; return; }
  compare java "$dir/out"
  checks java java -cp "$classpath" tutorial.Checks
}

go_test() {
  local dir="$WORK/go"
  mkdir -p "$dir" && cp -r test/languages/go/. "$dir/" && rewrite "$dir"
  # The Go module proxy serves jsii-runtime-go and constructs-go (from v10.4.2: the nearest to the v10.3.0 the
  # TypeScript side uses), but neither cdk8s-core-go nor cdk8s-plus-go: those are the modules
  # `npm run package:languages` generated from the npm packages into dist/go.
  cat > "$dir/go.mod" <<GOMOD
module kpack-tutorial

go 1.25

require (
	$GO_MODULE v$KPACK_VERSION
	github.com/aws/constructs-go/constructs/v10 v10.4.2
	github.com/aws/jsii-runtime-go v$JSII_RUNTIME_VERSION
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v$CDK8S_VERSION
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2 v$CDK8S_PLUS_VERSION
)

replace $GO_MODULE => $REPO/dist/go/cdk8skpack

replace github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 => $REPO/dist/go/cdk8s

replace github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2 => $REPO/dist/go/cdk8splus27

replace github.com/aws/constructs-go/constructs/v10 v$CONSTRUCTS_VERSION => github.com/aws/constructs-go/constructs/v10 v10.4.2
GOMOD
  (cd "$dir" && go mod tidy && go build -o bin/ ./...) || { RESULT[go]="go build failed"; return; }
  (cd "$dir" && bin/tutorial out) || { RESULT[go]="tutorial failed"; return; }
  mkdir -p "$dir/out/quick-start"
  (cd "$dir/out/quick-start" && "${QUICK_START_ENV[@]}" ../../bin/quickstart && mv dist/* . && rmdir dist) \
    || { RESULT[go]="quickstart failed"; return; }
  compare go "$dir/out"
  checks go "$dir/bin/checks"
}

step "expected output (TypeScript)" expected || { echo "languages: the TypeScript output could not be made" >&2; exit 1; }
for language in ${LANGUAGES:-python java go}; do
  RESULT[$language]="not run"
  CHECKS[$language]="not run"
  step "$language" "${language}_test"
done

identical=() failed=()
for language in ${LANGUAGES:-python java go}; do
  echo "$language: tutorial ${RESULT[$language]}; checks ${CHECKS[$language]}"
  if [ "${RESULT[$language]}" = identical ]; then identical+=("$language"); else failed+=("$language (${RESULT[$language]})"); fi
done
status=0
for language in ${LANGUAGES:-python java go}; do [ "${CHECKS[$language]}" = passed ] || status=1; done
if [ ${#failed[@]} -eq 0 ]; then
  echo "languages: $(IFS=,; echo "${identical[*]}" | sed 's/,/, /g') synthesize the tutorial byte-identical to TypeScript"
else
  status=1
  echo "languages: ${identical[*]:-none} byte-identical to TypeScript; not: ${failed[*]}"
fi
exit $status
