import { cdk8s, DependencyType, javascript, JsonFile, release } from 'projen';

/**
 * The owner of the project's repositories and package names. It is not decided yet: example.com, a domain
 * reserved for documentation (RFC 2606), stands in for it. Every coordinate below (repository, Maven group, Java
 * and .NET namespaces, Go module) is derived from these two values, the way cdk8s-team derives its libraries'
 * from `github.com/cdk8s-team` and `org.cdk8s`; change them here, then run `npx projen`.
 */
const OWNER = {
  /** Where the repositories live: `<host>/<organisation>` (cdk8s-team's is `github.com/cdk8s-team`). */
  repositories: 'example.com/cdk8s-kpack',
  /** The owner's domain, reversed for Maven and Java (cdk8s-team's is `org.cdk8s`). */
  reverseDomain: 'com.example',
};
const pascal = (dotted: string) => dotted.split('.').map(w => w[0].toUpperCase() + w.slice(1)).join('.');

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-kpack',
  description: 'cdk8s constructs for kpack (Cloud Native Buildpacks on Kubernetes): typed, validated at synth time, for kpack v0.17 and v0.0.8',
  keywords: ['cdk8s', 'kpack', 'buildpacks', 'cloud-native-buildpacks', 'kubernetes'],
  author: 'cdk8s-kpack',
  authorAddress: `maintainers@${OWNER.reverseDomain.split('.').reverse().join('.')}`,
  repositoryUrl: `https://${OWNER.repositories}/cdk8s-kpack.git`,
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,

  jsiiVersion: '~6.0.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  peerDeps: ['cdk8s-plus-27@^2.9.5'],
  // Parsed at run time (the vendored kpack manifests), so it ships inside the package.
  bundledDeps: ['yaml@^2.8.0'],
  devDeps: ['kubernetes-models@^4.5.1', 'ajv@^8', 'fast-check@^4', '@jsii/kernel@1.22.0', '@swc/core@^1.16.22', '@swc/jest@^0.2.39'],

  github: false,
  // Releases are versioned and have a changelog, but are published nowhere yet: `npx projen release` bumps the
  // version from the conventional commits since the last v* tag, builds, and writes dist/changelog.md,
  // dist/version.txt and dist/releasetag.txt. commit-and-tag-version 12 runs on Node 20 (13 needs Node 22).
  release: true,
  releaseTrigger: release.ReleaseTrigger.manual(),
  bumpPackage: 'commit-and-tag-version@^12',
  releaseToNpm: false,
  depsUpgrade: false,
  sampleCode: false,

  typecheckTests: true,
  tsconfigDev: {
    // src and .projenrc.ts too, so that the one program eslint lints with holds every linted file.
    include: ['../src/**/*.ts', '../examples/**/*.ts', '../scripts/**/*.ts', '../schemas/**/*.ts', '../bench/**/*.ts', '../.projenrc.ts'],
  },
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Coverage triples jest's time on 2 cores; `npm run test:coverage` measures it.
      collectCoverage: false,
      // Jest's default (one worker less than the cores) runs in band on the 2-core build machines, on one core.
      maxWorkers: '100%',
      // Captures the library's warnings: each test takes and asserts those it causes (test/warnings.ts).
      setupFilesAfterEnv: ['<rootDir>/test/warnings.ts'],
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
    },
  },
  eslintOptions: {
    // One TypeScript program for all linted files (test/tsconfig.json reaches them all), not one per
    // tsconfig.json found: the type-aware rules cost a type-check of each program.
    projectService: false,
    tsconfigPath: './test/tsconfig.json',
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'schemas', 'bench'],
    // Generated charts of the hostile migrate fixtures: written by migrate, type-checked, not linted.
    ignorePatterns: ['src/imports/**', 'test/fixtures/**/*.chart.ts'],
  },
  npmignoreEnabled: true,
  bin: { 'cdk8s-kpack': 'lib/cli/main.js' },
});
// Jest compiles the tests with swc: the type-check runs once, beside the lint (scripts/typecheck-and-lint.sh),
// and ts-jest's compilation of each file made a cold npm test 10 s longer on the 2-core build machines.
project.jest!.config.transform = {
  '^.+\\.[t]sx?$': new javascript.Transform('@swc/jest', {
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  }),
};

// Pinned: the generated packages depend on the jsii runtime of pacmak's own version, and 1.139.0 is the newest one
// served for Python, Java and Go alike (the Go module proxy has no jsii-runtime-go v1.140.0).
project.deps.removeDependency('jsii-pacmak');
project.deps.addDependency('jsii-pacmak@1.139.0', DependencyType.BUILD);

// jsii 6 prints an end-of-life banner on Node 20, which is what the build machines run.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Type-checked with the tests (test/tsconfig.json includes them); eslint finds them through these.
for (const dir of ['examples', 'scripts', 'schemas', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, { obj: { extends: '../test/tsconfig.json' } });
}

// Charts the migrate tests generate and load; removed after each test.
project.gitignore.exclude('/test/.migrated-*/');

project.npmignore?.exclude('/examples/', '/scripts/', '/schemas/', '/bench/', '/vendor/', '/.ci/');

project.addTask('tutorial', {
  description: 'Synthesize the kpack tutorial (kpack v0.0.8 and v0.17) into dist/tutorial/',
  exec: 'ts-node --project test/tsconfig.json examples/tutorial/main.ts',
});

project.addTask('assets:render', {
  description: 'Render kpack\'s ytt templates with the published digests and compare them with the vendored v0.17.2 and v0.18.0 releases',
  exec: 'ts-node --project test/tsconfig.json scripts/render-kpack-release.ts',
});

const fuzz = project.addTask('fuzz', {
  description: 'Run the property tests with 10,008 generated inputs (834 for each of 12 properties), then migrate and validate on 300 generated hostile YAML files each',
  env: { FUZZ_RUNS: '834', FUZZ_STATS: '1', FUZZ_MIGRATE_RUNS: '300', FUZZ_VALIDATE_RUNS: '300' },
  exec: 'jest --ci --coverage=false test/property.test.ts',
});
// Hostile YAML (test/fuzz/): generated charts compiled with tsc --strict and run under Node's permission model.
fuzz.exec("jest --ci --coverage=false --testMatch '<rootDir>/test/fuzz/*.fuzz.ts'");

project.addTask('docs:validation', {
  description: 'Regenerate docs/validation.md from the rule tables',
  exec: 'ts-node --project test/tsconfig.json scripts/generate-validation-doc.ts',
});

// The runtime type check of props reads src/private/prop-shapes.ts, generated from the jsii assembly after each
// compile (so a build that changes it leaves git dirty, as API.md does).
project.postCompileTask.spawn(project.addTask('props:generate', {
  description: 'Regenerate src/private/prop-shapes.ts (the props\' runtime type description) from .jsii',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/generate-prop-shapes.ts',
}));

project.addTask('schemas:generate', {
  description: 'Regenerate assets/kpack/schemas-v1alpha2.json and src/imports/ from schemas/kpack-v1alpha2.ts',
  exec: 'ts-node --project test/tsconfig.json scripts/generate-schemas.ts',
});

// Other languages: jsii targets declared without projen's `publishTo*` options, which would make every local
// build package every language; `npx projen build` stays JS-only and `npm run package:languages` builds the rest.
// The names follow cdk8s-team's for its construct libraries (cdk8s-grafana: `cdk8s-grafana`/`cdk8s_grafana`,
// `org.cdk8s.grafana`, `Org.Cdk8s.Grafana`, `github.com/cdk8s-team/cdk8s-grafana-go`), with OWNER's values.
project.package.file.addOverride('jsii.targets', {
  python: { distName: 'cdk8s-kpack', module: 'cdk8s_kpack' },
  java: {
    package: `${OWNER.reverseDomain}.cdk8s.kpack`,
    maven: { groupId: OWNER.reverseDomain, artifactId: 'cdk8s-kpack' },
  },
  dotnet: { namespace: `${pascal(OWNER.reverseDomain)}.Cdk8s.Kpack`, packageId: `${pascal(OWNER.reverseDomain)}.Cdk8s.Kpack` },
  // Go code is published from a repository of its own, as cdk8s-plus-go is.
  go: { moduleName: `${OWNER.repositories}/cdk8s-kpack-go`, packageName: 'cdk8skpack' },
});
// tsc and eslint each use one core: they run side by side, then jest on every core (2 on the build machines).
project.testTask.reset('bash scripts/typecheck-and-lint.sh', { name: 'Type-check and lint' });
project.testTask.exec('jest --passWithNoTests --ci', { receiveArgs: true });

project.addTask('test:coverage', {
  description: 'Run the jest tests with a coverage report (coverage/)',
  exec: 'jest --ci --coverage',
  receiveArgs: true,
});

// One jsii-pacmak run builds the Python wheel, the Java jar and the Go module into dist/python, dist/java and
// dist/go; .NET is generated only (no dotnet toolchain on the build machines) into dist/dotnet.
const packageLanguages = project.addTask('package:languages', {
  description: 'Build the Python wheel, Java jar and Go module into dist/ (and generate the .NET code)',
});
packageLanguages.spawn(project.compileTask);
// The @examples and the README's snippets, compiled against rosetta/*.ts-fixture and translated for each language.
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile and translate the API examples (jsii-rosetta --strict: any diagnostic fails) into .jsii.tabl.json',
  exec: 'jsii-rosetta extract --strict',
});
project.gitignore.exclude('/.jsii.tabl.json');
packageLanguages.spawn(rosetta);
packageLanguages.exec('bash scripts/languages/package.sh');

project.addTask('test:languages', {
  description: 'Install the Python, Java and Go packages into new projects, synthesize the tutorial and compare it to TypeScript',
  exec: 'bash scripts/languages/test.sh',
});
project.gitignore.exclude('/.cache/');

// jsii-diff against the last release (the newest v* tag), built from its commit: API breaks fail the release.
// projen's own compat task compares with the package on npm, where the library is not published.
const compat = project.tasks.tryFind('compat')!;
compat.reset('bash scripts/compat.sh');
compat.description = 'Compare the API with the last release (the newest v* tag) with jsii-diff';
project.tasks.tryFind('release')!.insertStep(3, { spawn: compat.name }); // after build, before unbump
// A release is a local commit and tag with CHANGELOG.md: nothing is pushed or published.
project.tasks.tryFind('publish:git')!.removeStep(2);

// Installs the JS package into a new cdk8s app, as a user would, synthesizes it and checks the YAML.
const testPackage = project.addTask('test:package', {
  description: 'Install the npm package into cdk8s apps on cdk8s-plus-27, -30 and -33 and into a project from cdk8s-cli\'s typescript-app template, synthesize and check the YAML',
});
testPackage.spawn(project.compileTask);
testPackage.spawn(project.tasks.tryFind('package:js')!);
testPackage.exec('ts-node --project test/tsconfig.json scripts/test-package.ts');

// The packed library driven through the jsii kernel, as Python, Java, Go and .NET drive it: objects created
// and methods called by the kernel, a Chart with a `toJson` override calling back into the host.
const testJsii = project.addTask('test:jsii', {
  description: 'Drive the packed library through @jsii/kernel (overrides, prototype calls) and count renderings per synth',
});
testJsii.spawn(project.compileTask);
testJsii.spawn(project.tasks.tryFind('package:js')!);
testJsii.exec('ts-node --project test/tsconfig.json scripts/test-jsii.ts');

// npm test lints without type information (scripts/typecheck-and-lint.sh); this is the lint with its
// type-aware rules, run by CI.
const lintTyped = project.addTask('lint:typed', {
  description: 'eslint with its type-aware rules (no-floating-promises, return-await), as npm test does not run them',
});
lintTyped.spawn(project.tasks.tryFind('eslint')!);

// Differential tests against kpack's own webhook code: one Go program per kpack version (conformance/),
// built into the gitignored conformance/bin/ with Go's own caches. `npm test` never needs Go: it reads
// test/conformance/kpack-verdicts.json, which test:conformance writes.
project.gitignore.exclude('/conformance/bin/');
project.npmignore?.exclude('/conformance/');
new JsonFile(project, 'test/conformance/jest.config.json', {
  obj: {
    rootDir: '../..',
    testMatch: ['<rootDir>/test/conformance/**/*.conformance.ts'],
    testEnvironment: 'node',
    transform: { '^.+\\.[t]sx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
  },
});
const conformanceBuild = project.addTask('conformance:build', {
  description: 'Build the kpack webhook oracles (kpack v0.0.8, v0.17.2, v0.18.0) into conformance/bin/',
  exec: 'bash conformance/build.sh',
});
project.addTask('gotypes:generate', {
  description: 'Regenerate assets/kpack/go-types-<version>.json (the Go types each kind decodes into) from the kpack webhook oracles',
  steps: [{ spawn: 'conformance:build' }, { exec: 'ts-node --project test/tsconfig.json scripts/generate-go-types.ts' }],
});
const testConformance = project.addTask('test:conformance', {
  description: 'Differential tests against kpack\'s webhook code (5,000 generated objects, fresh seed); rewrites test/conformance/kpack-verdicts.json',
});
testConformance.spawn(conformanceBuild);
// conformance/run.sh prints the summary lines (`conformance: N objects checked against kpack vX.Y.Z, D disagreements`) last.
testConformance.exec('bash conformance/run.sh 5000');
const fuzzConformance = project.addTask('fuzz:conformance', {
  description: 'The differential tests with 100,000 generated objects and a fresh seed (printed)',
});
fuzzConformance.spawn(conformanceBuild);
fuzzConformance.exec('bash conformance/run.sh 100000');

// Kept out of `npm test`: every corpus unit migrated, compiled strictly in one program and round-tripped.
const testMigrateCorpus = project.addTask('test:migrate-corpus', {
  description: 'Migrate the kpack YAML corpus, the tutorials and the examples; compile the charts strictly in one program; check they round-trip',
});
testMigrateCorpus.spawn(project.compileTask);
testMigrateCorpus.exec('ts-node --transpile-only --project test/tsconfig.json scripts/migrate-corpus.ts');

// A real API server: etcd, kube-apiserver and kubectl built from k8s.io/kubernetes (test/cluster/go.mod) with
// the default Go caches, then the documented apply steps, the install and every example sent to it.
// Heavy (a cold build of Kubernetes), so run by CI on its own, never by `npm test`.
project.gitignore.exclude('/test/cluster/bin/');
const clusterBuild = project.addTask('cluster:build', {
  description: 'Build etcd, kube-apiserver and kubectl (k8s.io/kubernetes, test/cluster/go.mod) into test/cluster/bin/',
  exec: 'test/cluster/build.sh',
});
const testCluster = project.addTask('test:cluster', {
  description: 'Start kube-apiserver on loopback and apply the install, the tutorial and the examples as the docs say',
  env: { TS_NODE_PROJECT: 'test/tsconfig.json' },
});
testCluster.spawn(clusterBuild);
testCluster.spawn(conformanceBuild);
testCluster.exec('node -r ts-node/register/transpile-only test/cluster/main.ts');
// kpack's controller (github.com/pivotal/kpack, test/cluster/controller/go.mod) out of cluster against the same
// server, with a loopback OCI registry. Not in CI: a cold build of the controller takes far longer than its run.
project.gitignore.exclude('/test/cluster/controller/bin/');
const clusterControllerBuild = project.addTask('cluster:controller:build', {
  description: 'Build kpack\'s controller and the loopback registry (test/cluster/controller/go.mod) into test/cluster/controller/bin/',
  exec: 'test/cluster/controller/build.sh',
});
const testClusterController = project.addTask('test:cluster:controller', {
  description: 'Run kpack\'s controller against kube-apiserver on loopback: the tutorial\'s stack, store and builder become Ready, an Image gets its build pod',
  env: { TS_NODE_PROJECT: 'test/tsconfig.json' },
});
testClusterController.spawn(clusterBuild);
testClusterController.spawn(conformanceBuild);
testClusterController.spawn(clusterControllerBuild);
testClusterController.exec('node -r ts-node/register/transpile-only test/cluster/controller.ts');

// One node process per run, with --expose-gc for the heap figures; transpile-only, since the type-check
// runs with the tests. `npm run bench -- --quick` is CI's smoke run and prints only.
project.addTask('bench', {
  description: 'Benchmark synth time and heap against raw cdk8s ApiObjects; writes bench/results.md (--quick: small N, print only)',
  env: { TS_NODE_PROJECT: 'bench/tsconfig.json' },
  steps: [{ exec: 'node --expose-gc -r ts-node/register/transpile-only bench/synth.ts', receiveArgs: true }],
});

project.synth();
