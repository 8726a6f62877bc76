import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-kpack',
  description: 'cdk8s constructs for kpack (Cloud Native Buildpacks on Kubernetes): typed, validated at synth time, for kpack v0.17 and v0.0.8',
  keywords: ['cdk8s', 'kpack', 'buildpacks', 'cloud-native-buildpacks', 'kubernetes'],
  author: 'cdk8s-kpack',
  authorAddress: 'maintainers@example.invalid',
  repositoryUrl: 'https://example.invalid/cdk8s-kpack.git',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,

  jsiiVersion: '~6.0.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  peerDeps: ['cdk8s-plus-27@^2.9.5'],
  // Parsed at run time (the vendored kpack manifests), so it ships inside the package.
  bundledDeps: ['yaml@^2.8.0'],
  devDeps: ['kubernetes-models@^4.5.1', 'ajv@^8', 'fast-check@^4'],

  github: false,
  release: false,
  depsUpgrade: false,
  sampleCode: false,

  typecheckTests: true,
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../scripts/**/*.ts', '../bench/**/*.ts'],
  },
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'bench'],
    ignorePatterns: ['src/imports/**'],
  },
  npmignoreEnabled: true,
});

// jsii 6 prints an end-of-life banner on Node 20, which is what the build machines run.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Type-checked with the tests (test/tsconfig.json includes them); eslint finds them through these.
for (const dir of ['examples', 'scripts', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, { obj: { extends: '../test/tsconfig.json' } });
}

project.npmignore?.exclude('/examples/', '/scripts/', '/bench/', '/vendor/', '/.ci/');

project.addTask('tutorial', {
  description: 'Synthesize the kpack tutorial (kpack v0.0.8 and v0.17) into dist/tutorial/',
  exec: 'ts-node --project test/tsconfig.json examples/tutorial/main.ts',
});

project.addTask('assets:render', {
  description: 'Re-render the vendored kpack v0.17.2 release from its ytt templates',
  exec: 'ts-node --project test/tsconfig.json scripts/render-kpack-release.ts',
});

// One node process per run, with --expose-gc for the heap figures; transpile-only, since the type-check
// runs with the tests. `npm run bench -- --quick` is CI's smoke run and prints only.
project.addTask('bench', {
  description: 'Benchmark synth time and heap against raw cdk8s ApiObjects; writes bench/results.md (--quick: small N, print only)',
  env: { TS_NODE_PROJECT: 'bench/tsconfig.json' },
  steps: [{ exec: 'node --expose-gc -r ts-node/register/transpile-only bench/synth.ts', receiveArgs: true }],
});

project.synth();
