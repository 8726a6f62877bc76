/**
 * `npm run test:package`: does what a user does with the published package, and checks the result.
 *
 * 1. Checks the npm package's contents: `main`, `types`, `.jsii`, the vendored kpack releases that `Kpack`
 *    reads at run time (`assets/kpack/*.yaml`), the bundled dependencies; no sources, tests or tooling.
 * 2. The same app against several cdk8s-plus lines (`PLUS_LINES`: 27, which the library builds on, a middle
 *    line and the newest the npm registry serves), each in a directory of its own with the `cdk8s` and
 *    `constructs` ranges that line's peer dependencies ask for: the app's ServiceAccount comes from that
 *    line, and the credentials must land on it. Each app gets package.json, tsconfig.json, cdk8s.yaml and
 *    main.ts as `cdk8s init typescript-app` of cdk8s-cli 2.207.60 writes them, `npm install`, then
 *    `cdk8s synth` (ts-node type-checks main.ts against the package's declarations), and the YAML is checked:
 *    kinds, names, API versions, the fields that tie the objects together, and no false warning.
 * 3. A project made from the `typescript-app` template of the installed cdk8s-cli (its package.json,
 *    strict tsconfig.json and cdk8s.yaml, with the versions cdk8s-cli pins), which synthesizes the kpack
 *    tutorial with the template's cdk8s-plus line. `cdk8s init` would also run `cdk8s import k8s`, which
 *    downloads the Kubernetes schema from GitHub, which the build machines cannot reach: the project is made
 *    from the template without that step (cdk8s-plus exports the same `k8s` classes).
 *
 * Every app runs, then the failures of all of them are listed; any failure fails the test.
 *
 * Usage: `ts-node scripts/test-package.ts [package.tgz]`. Without an argument it installs the one package in
 * dist/js/ (written by `npx projen package:js`, which the `test:package` task runs first).
 * KEEP_PACKAGE_APP=1 keeps the app directories for a look; otherwise they are removed. PACKAGE_APPS=27,30,33,template
 * (any of them) runs only those apps.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { parseAllDocuments } from 'yaml';
import { CDK8S_INIT_TSCONFIG } from './cdk8s-init-tsconfig';
import { PLUS_LINES } from './plus-lines';

const ROOT = path.resolve(__dirname, '..');

/**
 * What the app installs besides the package: the peer dependencies at the versions the library is built and
 * tested with (its devDependencies), and the tools of `cdk8s init typescript-app` (cdk8s-cli 2.207.60).
 */
const TOOLS: Record<string, string> = {
  'cdk8s-cli': '2.207.60',
  'typescript': '5.9.3',
  'ts-node': '10.9.2',
  '@types/node': '14.18.63',
};

const CDK8S_YAML = 'language: typescript\napp: npx ts-node main.ts\n';

/**
 * The app: kpack v0.18 from the package root and kpack v0.0.8 from the `legacy` submodule, in charts of their
 * own, with ServiceAccounts from the given cdk8s-plus line.
 */
const mainTs = (plusLine: number) => `import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-${plusLine}';
import {
  BuildImage, BuildImageProps, BuildpackRef, ClusterBuilder, ClusterStack, ClusterStore, ImageCache, Kpack,
  KpackVersion, legacy, RegistryCredentials, Source,
} from 'cdk8s-kpack';

const app = new App();

// kpack v0.18: the install (read from the package's assets), credentials, a builder and an image.
new Kpack(new Chart(app, 'kpack'), 'kpack');

const builds = new Chart(app, 'builds', { namespace: 'apps' });
const serviceAccount = new kplus.ServiceAccount(builds, 'service-account', { metadata: { name: 'kpack-builds' } });
RegistryCredentials.dockerConfigJson(builds, 'docker-hub', {
  metadata: { name: 'docker-hub' },
  username: 'someone',
  password: 'not-a-secret',
}).addTo(serviceAccount);
const builder = new ClusterBuilder(builds, 'builder', {
  tag: 'registry.example.com/builders/go',
  store: new ClusterStore(builds, 'store', { sources: ['paketobuildpacks/go'] }),
  stack: new ClusterStack(builds, 'stack', {
    stackId: 'io.buildpacks.stacks.jammy',
    buildImage: 'paketobuildpacks/build-jammy-base',
    runImage: 'paketobuildpacks/run-jammy-base',
  }),
  serviceAccount,
});
builder.addGroup(BuildpackRef.id('paketo-buildpacks/go'));
new BuildImage(builds, 'hello-golang', {
  metadata: { name: 'hello-golang' },
  tag: 'registry.example.com/apps/hello-golang',
  builder,
  serviceAccount,
  source: Source.git('https://github.com/making/hello-golang', { revision: 'main' }),
  cache: ImageCache.volume(Size.gibibytes(2)),
});

// kpack v0.0.8 from the legacy submodule. (A real app installs one generation; this one proves both ship.)
new Kpack(new Chart(app, 'kpack-legacy'), 'kpack', { version: KpackVersion.V0_0_8 });

const legacyBuilds = new Chart(app, 'legacy-builds');
const legacyServiceAccount = new kplus.ServiceAccount(legacyBuilds, 'service-account', {
  metadata: { name: 'tutorial-service-account' },
});
legacy.RegistryCredentials.dockerBasicAuth(legacyBuilds, 'registry-credentials', {
  metadata: { name: 'tutorial-registry-credentials' },
  username: 'someone',
  password: 'not-a-secret',
}).addTo(legacyServiceAccount);
new legacy.BuildImage(legacyBuilds, 'hello-golang', {
  metadata: { name: 'hello-golang' },
  tag: 'someone/hello-golang',
  builder: new legacy.ClusterBuilder(legacyBuilds, 'builder', { image: 'gcr.io/paketo-buildpacks/builder:base' }),
  serviceAccount: legacyServiceAccount,
  cacheSize: Size.gibibytes(1.5),
  source: legacy.Source.git('https://github.com/making/hello-golang', {
    revision: '85071eb4aa95f20cc18555aca5e31e2aad874e46',
  }),
});

// The compiler sees the package's real declarations (not \`any\`): a number is not an image tag.
// @ts-expect-error
const notATag: BuildImageProps['tag'] = 42;
void notATag;

app.synth();
`;

/** A Kubernetes object as parsed from YAML. */
type K8sObject = { [key: string]: any };

const failures: string[] = [];

/** The app being checked, prefixed to its failures. */
let currentApp = '';

function check(condition: boolean, message: string): void {
  if (!condition) {
    failures.push(`${currentApp}${message}`);
  }
}

function step(title: string): void {
  console.log(`\n==> ${title}`);
}

function run(command: string, args: string[], cwd: string): void {
  console.log(`$ ${[command, ...args].join(' ')}`);
  execFileSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
  });
}

/** Runs a command and returns what it printed on stdout and stderr (also echoed). */
function runCapturing(command: string, args: string[], cwd: string): string {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  }
  return `${result.stdout}${result.stderr}`;
}

/** The package to install: the argument, or the only `*.tgz` in dist/js/. */
function findPackage(argument: string | undefined): string {
  if (argument) {
    return path.resolve(argument);
  }
  const dir = path.join(ROOT, 'dist', 'js');
  const tarballs = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.tgz')) : [];
  if (tarballs.length !== 1) {
    throw new Error(`expected exactly one package in ${dir}, found ${tarballs.length}: run \`npx projen package:js\` first`);
  }
  return path.join(dir, tarballs[0]);
}

/** Checks the files of the npm package against its own manifest. */
function checkContents(tarball: string): void {
  const entries = new Set(execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(e => e !== '' && !e.endsWith('/'))
    .map(e => e.replace(/^package\//, '')));
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  console.log(`${entries.size} files, ${(fs.statSync(tarball).size / 1024).toFixed(0)} KiB`);

  const required = [
    manifest.main,
    manifest.types,
    '.jsii',
    'README.md',
    'LICENSE',
    'lib/legacy/index.js',
    'lib/legacy/index.d.ts',
    // Read by Kpack at run time, relative to lib/.
    ...fs.readdirSync(path.join(ROOT, 'assets', 'kpack')).filter(f => f.endsWith('.yaml')).map(f => `assets/kpack/${f}`),
    ...(manifest.bundledDependencies ?? []).map((dep: string) => `node_modules/${dep}/package.json`),
  ];
  for (const file of required) {
    check(typeof file === 'string' && entries.has(file), `the package lacks ${file}`);
  }
  // Every module the package loads must come with its declarations.
  for (const entry of entries) {
    if (entry.startsWith('lib/') && entry.endsWith('.js')) {
      check(entries.has(entry.replace(/\.js$/, '.d.ts')), `the package has ${entry} but not its .d.ts`);
    }
  }

  const forbidden = ['src/', 'test/', 'examples/', 'scripts/', 'vendor/', 'projenrc/', 'dist/', 'coverage/', '.ci/', '.projen/'];
  const bundled = (manifest.bundledDependencies ?? []).map((dep: string) => `node_modules/${dep}/`);
  for (const entry of entries) {
    check(!forbidden.some(prefix => entry.startsWith(prefix)), `the package should not contain ${entry}`);
    check(!entry.startsWith('node_modules/') || bundled.some((prefix: string) => entry.startsWith(prefix)),
      `the package contains ${entry}, which is not a bundled dependency`);
    check(!(entry.startsWith('lib/') && entry.endsWith('.ts') && !entry.endsWith('.d.ts')),
      `the package should not contain the source ${entry}`);
  }
}

/**
 * Writes the app's files into `dir`, with the package copied next to them: the library's peers at the versions
 * it is built with, except `cdk8s` and `constructs`, which take the ranges the cdk8s-plus line asks for.
 */
function createApp(dir: string, tarball: string, plus: { readonly line: number; readonly version: string }): void {
  const repoManifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const peers: Record<string, string> = {};
  for (const peer of Object.keys(repoManifest.peerDependencies)) {
    peers[peer] = repoManifest.devDependencies[peer];
  }
  const plusPeers = JSON.parse(execFileSync('npm', ['view', `cdk8s-plus-${plus.line}@${plus.version}`, 'peerDependencies', '--json'], { encoding: 'utf8' }));
  fs.copyFileSync(tarball, path.join(dir, 'cdk8s-kpack.tgz'));
  const manifest = {
    name: 'kpack-app',
    version: '1.0.0',
    private: true,
    dependencies: {
      ...peers,
      [`cdk8s-plus-${plus.line}`]: plus.version,
      'cdk8s': plusPeers.cdk8s,
      'constructs': plusPeers.constructs,
      'cdk8s-kpack': 'file:cdk8s-kpack.tgz',
    },
    devDependencies: TOOLS,
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, undefined, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(CDK8S_INIT_TSCONFIG, undefined, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), CDK8S_YAML);
  fs.writeFileSync(path.join(dir, 'main.ts'), mainTs(plus.line));
  console.log(`${dir}: package.json (${Object.entries(manifest.dependencies).map(([n, v]) => `${n}@${v}`).join(', ')}), ` +
    'tsconfig.json, cdk8s.yaml, main.ts');
}

function readObjects(file: string): K8sObject[] {
  if (!fs.existsSync(file)) {
    failures.push(`${currentApp}cdk8s synth did not write ${path.basename(file)}`);
    return [];
  }
  const documents = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const objects: K8sObject[] = [];
  for (const document of documents) {
    for (const error of document.errors) {
      failures.push(`${currentApp}${path.basename(file)}: ${error.message}`);
    }
    const value = document.toJS();
    if (value !== null) {
      objects.push(value);
    }
  }
  return objects;
}

function describe(o: K8sObject): string {
  return `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
}

/** The install must be the vendored release, object for object. */
function checkInstall(objects: K8sObject[], release: string, file: string): void {
  const expected = readObjects(path.join(ROOT, 'assets', 'kpack', release)).map(describe).sort();
  const actual = objects.map(describe).sort();
  const missing = expected.filter(o => !actual.includes(o));
  const extra = actual.filter(o => !expected.includes(o));
  if (actual.length === expected.length && missing.length === 0 && extra.length === 0) {
    console.log(`${file}: ${actual.length} objects, the same as ${release}`);
  } else {
    failures.push(`${currentApp}${file}: ${actual.length} objects, ${release} has ${expected.length}; ` +
      `missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`);
  }
}

/** Finds the one object of the kind (and API version); records a failure and returns {} if there is not one. */
function one(objects: K8sObject[], file: string, apiVersion: string, kind: string): K8sObject {
  const found = objects.filter(o => o.kind === kind && o.apiVersion === apiVersion);
  check(found.length === 1, `${file}: expected one ${apiVersion} ${kind}, found ${found.length}`);
  return found[0] ?? {};
}

function expectField(file: string, object: K8sObject, field: string, expected: unknown): void {
  const actual = field.split('.').reduce<any>((value, key) => value?.[key], object);
  check(isDeepStrictEqual(actual, expected),
    `${file}: ${object.kind} ${object.metadata?.name}: ${field} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

function checkBuilds(objects: K8sObject[]): void {
  const file = 'builds.k8s.yaml';
  check(objects.length === 6, `${file}: expected 6 objects, found ${objects.length}: ${objects.map(describe).join(', ')}`);
  const secret = one(objects, file, 'v1', 'Secret');
  expectField(file, secret, 'type', 'kubernetes.io/dockerconfigjson');
  expectField(file, secret, 'metadata', { name: 'docker-hub', namespace: 'apps' });
  const serviceAccount = one(objects, file, 'v1', 'ServiceAccount');
  expectField(file, serviceAccount, 'metadata.namespace', 'apps');
  expectField(file, serviceAccount, 'secrets', [{ name: 'docker-hub' }]);
  expectField(file, serviceAccount, 'imagePullSecrets', [{ name: 'docker-hub' }]);

  const store = one(objects, file, 'kpack.io/v1alpha2', 'ClusterStore');
  expectField(file, store, 'spec.sources', [{ image: 'paketobuildpacks/go' }]);
  const stack = one(objects, file, 'kpack.io/v1alpha2', 'ClusterStack');
  expectField(file, stack, 'spec.id', 'io.buildpacks.stacks.jammy');
  expectField(file, stack, 'spec.runImage.image', 'paketobuildpacks/run-jammy-base');
  const builder = one(objects, file, 'kpack.io/v1alpha2', 'ClusterBuilder');
  expectField(file, builder, 'spec.tag', 'registry.example.com/builders/go');
  expectField(file, builder, 'spec.stack', { kind: 'ClusterStack', name: stack.metadata?.name });
  expectField(file, builder, 'spec.store', { kind: 'ClusterStore', name: store.metadata?.name });
  expectField(file, builder, 'spec.order', [{ group: [{ id: 'paketo-buildpacks/go' }] }]);
  expectField(file, builder, 'spec.serviceAccountRef', { name: 'kpack-builds', namespace: 'apps' });
  for (const clusterScoped of [store, stack, builder]) {
    expectField(file, clusterScoped, 'metadata.namespace', undefined);
  }

  const image = one(objects, file, 'kpack.io/v1alpha2', 'Image');
  expectField(file, image, 'metadata', { name: 'hello-golang', namespace: 'apps' });
  expectField(file, image, 'spec.tag', 'registry.example.com/apps/hello-golang');
  expectField(file, image, 'spec.builder', { kind: 'ClusterBuilder', name: builder.metadata?.name });
  expectField(file, image, 'spec.serviceAccountName', 'kpack-builds');
  expectField(file, image, 'spec.source.git', { revision: 'main', url: 'https://github.com/making/hello-golang' });
  expectField(file, image, 'spec.cache', { volume: { size: '2Gi' } });
}

function checkLegacyBuilds(objects: K8sObject[]): void {
  const file = 'legacy-builds.k8s.yaml';
  check(objects.length === 4, `${file}: expected 4 objects, found ${objects.length}: ${objects.map(describe).join(', ')}`);
  const secret = one(objects, file, 'v1', 'Secret');
  expectField(file, secret, 'type', 'kubernetes.io/basic-auth');
  expectField(file, secret, 'metadata.annotations', { 'build.pivotal.io/docker': 'https://index.docker.io/v1/' });
  const serviceAccount = one(objects, file, 'v1', 'ServiceAccount');
  expectField(file, serviceAccount, 'secrets', [{ name: 'tutorial-registry-credentials' }]);
  const builder = one(objects, file, 'build.pivotal.io/v1alpha1', 'ClusterBuilder');
  expectField(file, builder, 'spec.image', 'gcr.io/paketo-buildpacks/builder:base');
  const image = one(objects, file, 'build.pivotal.io/v1alpha1', 'Image');
  expectField(file, image, 'metadata.name', 'hello-golang');
  expectField(file, image, 'spec.tag', 'someone/hello-golang');
  expectField(file, image, 'spec.serviceAccount', 'tutorial-service-account');
  expectField(file, image, 'spec.cacheSize', '1.5Gi');
  expectField(file, image, 'spec.builder', { kind: 'ClusterBuilder', name: builder.metadata?.name });
  expectField(file, image, 'spec.source.git', {
    revision: '85071eb4aa95f20cc18555aca5e31e2aad874e46',
    url: 'https://github.com/making/hello-golang',
  });
}

/** A ServiceAccount that the app defines must never be called a reference by name. */
function checkNoFalseWarning(output: string): void {
  const lines = output.split('\n').filter(line => /is referenced by name/.test(line));
  check(lines.length === 0, `a warning calls a ServiceAccount the app defines a reference by name: ${lines.join(' | ')}`);
}

/** One app per cdk8s-plus line: install, synth, check. Returns whether it passed. */
function runPlusLine(tarball: string, plus: { readonly line: number; readonly version: string }, keep: string[]): boolean {
  currentApp = `[cdk8s-plus-${plus.line}] `;
  const before = failures.length;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-kpack-plus-${plus.line}-`));
  try {
    step(`cdk8s-plus-${plus.line}@${plus.version}: a new cdk8s TypeScript app`);
    createApp(dir, tarball, plus);

    step(`cdk8s-plus-${plus.line}: npm install`);
    run('npm', ['install', '--no-audit', '--no-fund'], dir);
    // Fails on a missing or unmet peer dependency.
    run('npm', ['ls', 'cdk8s-kpack', 'cdk8s', 'cdk8s-plus-27', `cdk8s-plus-${plus.line}`, 'constructs'], dir);

    step(`cdk8s-plus-${plus.line}: cdk8s synth (ts-node type-checks main.ts)`);
    checkNoFalseWarning(runCapturing('npx', ['cdk8s', 'synth', '--no-check-upgrade'], dir));

    step(`cdk8s-plus-${plus.line}: the synthesized YAML`);
    const out = path.join(dir, 'dist');
    console.log(fs.readdirSync(out).sort().join(' '));
    checkInstall(readObjects(path.join(out, 'kpack.k8s.yaml')), 'release-0.18.0.yaml', 'kpack.k8s.yaml');
    checkInstall(readObjects(path.join(out, 'kpack-legacy.k8s.yaml')), 'release-0.0.8.yaml', 'kpack-legacy.k8s.yaml');
    checkBuilds(readObjects(path.join(out, 'builds.k8s.yaml')));
    checkLegacyBuilds(readObjects(path.join(out, 'legacy-builds.k8s.yaml')));

    if (plus.line === 27) {
      step('The cdk8s-kpack command of the installed package');
      const files = fs.readdirSync(out).sort().map(f => path.join('dist', f));
      run('npx', ['cdk8s-kpack', 'validate', ...files], dir);
      const migrated = execFileSync('npx', ['cdk8s-kpack', 'migrate', path.join('dist', 'legacy-builds.k8s.yaml')], { cwd: dir, encoding: 'utf8' });
      check(migrated.includes("from 'cdk8s-kpack'") && migrated.includes('new legacy.BuildImage('), 'cdk8s-kpack migrate did not print a chart for legacy-builds.k8s.yaml');
    }
  } catch (error) {
    failures.push(`${currentApp}${(error as Error).message}`);
  } finally {
    keepOrRemove(dir, keep);
  }
  return failures.length === before;
}

/**
 * A project from the installed cdk8s-cli's `typescript-app` template, without `cdk8s import k8s` (it needs
 * GitHub), that synthesizes the kpack tutorial with the template's own cdk8s-plus line.
 */
function runTemplateProject(tarball: string, keep: string[]): boolean {
  currentApp = '[cdk8s init typescript-app] ';
  const before = failures.length;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kpack-template-'));
  try {
    step('cdk8s-cli\'s typescript-app template');
    const cli = path.join(dir, '.cli');
    fs.mkdirSync(cli);
    fs.writeFileSync(path.join(cli, 'package.json'), JSON.stringify({ name: 'cli', version: '1.0.0', private: true }) + '\n');
    run('npm', ['install', '--no-audit', '--no-fund', `cdk8s-cli@${TOOLS['cdk8s-cli']}`], cli);
    const cliRoot = path.join(cli, 'node_modules', 'cdk8s-cli');
    const template = path.join(cliRoot, 'templates', 'typescript-app');
    const cliDeps = JSON.parse(fs.readFileSync(path.join(cliRoot, 'package.json'), 'utf8')).dependencies;
    const plusLine = Object.keys(cliDeps).find(dep => /^cdk8s-plus-\d+$/.test(dep))!;
    const bare = (range: string) => range.replace(/^[\^~]/, '');
    // The template's own placeholders, filled as cdk8s init fills them (the versions the CLI depends on).
    const values: Record<string, string> = {
      $base: 'kpack-tutorial',
      cdk8s_core_version: bare(cliDeps.cdk8s),
      cdk8s_plus_version: bare(cliDeps[plusLine]),
      constructs_version: bare(cliDeps.constructs),
      cdk8s_cli_spec: TOOLS['cdk8s-cli'],
    };
    const app = path.join(dir, 'kpack-tutorial');
    fs.mkdirSync(app);
    for (const file of ['package.json', 'tsconfig.json', 'cdk8s.yaml']) {
      const text = fs.readFileSync(path.join(template, file), 'utf8').replace(/\{\{\s*([$\w]+)\s*\}\}/g, (_m, key) => {
        if (!(key in values)) {
          throw new Error(`the template's ${file} has an unknown placeholder {{ ${key} }}`);
        }
        return values[key];
      });
      fs.writeFileSync(path.join(app, file), text);
    }
    // No `imports: [k8s]`: that import downloads from GitHub.
    fs.writeFileSync(path.join(app, 'cdk8s.yaml'), fs.readFileSync(path.join(app, 'cdk8s.yaml'), 'utf8').replace(/^imports:\n(  - .*\n?)+/m, ''));
    const manifest = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
    fs.copyFileSync(tarball, path.join(app, 'cdk8s-kpack.tgz'));
    manifest.dependencies['cdk8s-kpack'] = 'file:cdk8s-kpack.tgz';
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(manifest, undefined, 2) + '\n');
    // The tutorial, as a user copies it: from the package and the template's cdk8s-plus line.
    const fromPackage = (text: string) => text.replace(/'\.\.\/\.\.\/src'/g, "'cdk8s-kpack'").replace(/'cdk8s-plus-27'/g, `'${plusLine}'`);
    for (const file of ['tutorial.ts', 'apply.ts']) {
      fs.writeFileSync(path.join(app, file), fromPackage(fs.readFileSync(path.join(ROOT, 'examples', 'tutorial', file), 'utf8')));
    }
    fs.writeFileSync(path.join(app, 'main.ts'), [
      "import { synthTutorial } from './tutorial';",
      '',
      "synthTutorial('dist', { username: 'someone', password: 'not-a-secret' });",
      '',
    ].join('\n'));
    console.log(`${app}: ${plusLine}@${values.cdk8s_plus_version}, cdk8s@${values.cdk8s_core_version}, constructs@${values.constructs_version}`);

    step('cdk8s init typescript-app: npm install');
    run('npm', ['install', '--no-audit', '--no-fund'], app);

    step('cdk8s init typescript-app: cdk8s synth of the tutorial (ts-node, the template\'s strict tsconfig)');
    checkNoFalseWarning(runCapturing('npx', ['cdk8s', 'synth', '--no-check-upgrade'], app));

    step('cdk8s init typescript-app: the tutorial\'s YAML');
    for (const generation of ['v0.18', 'v0.0.8']) {
      const files = fs.readdirSync(path.join(app, 'dist', generation)).sort();
      check(isDeepStrictEqual(files, ['kpack-crds.k8s.yaml', 'kpack.k8s.yaml', 'step-1.k8s.yaml', 'step-2.k8s.yaml', 'step-3.k8s.yaml']),
        `dist/${generation}: ${files.join(', ')}`);
      const step1 = `${generation}/step-1.k8s.yaml`;
      const account = one(readObjects(path.join(app, 'dist', step1)), step1, 'v1', 'ServiceAccount');
      expectField(step1, account, 'secrets', [{ name: 'tutorial-registry-credentials' }]);
    }
    const v18 = readObjects(path.join(app, 'dist', 'v0.18', 'step-1.k8s.yaml'));
    expectField('v0.18/step-1.k8s.yaml', one(v18, 'v0.18/step-1.k8s.yaml', 'v1', 'ServiceAccount'), 'imagePullSecrets', [{ name: 'tutorial-registry-credentials' }]);
  } catch (error) {
    failures.push(`${currentApp}${(error as Error).message}`);
  } finally {
    keepOrRemove(dir, keep);
  }
  return failures.length === before;
}

function keepOrRemove(dir: string, keep: string[]): void {
  if (process.env.KEEP_PACKAGE_APP) {
    keep.push(dir);
  } else {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const started = Date.now();
  const tarball = findPackage(process.argv[2]);

  step(`Contents of ${tarball.startsWith(ROOT + path.sep) ? path.relative(ROOT, tarball) : tarball}`);
  checkContents(tarball);
  if (failures.length > 0) {
    throw new Error('the package is incomplete');
  }

  // PACKAGE_APPS=33,template runs only those apps (while working on one of them); all of them by default.
  const only = process.env.PACKAGE_APPS?.split(',').map(app => app.trim());
  const wanted = (app: string) => only === undefined || only.includes(app);
  const keep: string[] = [];
  const results: Array<[string, boolean, number]> = [];
  for (const plus of PLUS_LINES.filter(p => wanted(String(p.line)))) {
    const t = Date.now();
    results.push([`cdk8s-plus-${plus.line}@${plus.version}`, runPlusLine(tarball, plus, keep), Date.now() - t]);
  }
  if (wanted('template')) {
    const t = Date.now();
    results.push(['cdk8s init typescript-app (tutorial)', runTemplateProject(tarball, keep), Date.now() - t]);
  }

  step('Results');
  for (const [name, passed, ms] of results) {
    console.log(`${passed ? 'pass' : 'FAIL'}  ${name}  (${(ms / 1000).toFixed(0)} s)`);
  }
  keep.forEach(dir => console.log(`kept: ${dir}`));
  if (failures.length > 0) {
    throw new Error(`${results.filter(([, passed]) => !passed).length} of ${results.length} apps failed`);
  }
  console.log(`\nPackage test passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

try {
  main();
} catch (error) {
  for (const failure of failures) {
    console.error(`FAIL: ${failure}`);
  }
  console.error(`\nPackage test failed: ${(error as Error).message}`);
  process.exit(1);
}
