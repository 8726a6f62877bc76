/**
 * `npm run test:jsii`: drives the packed library through the jsii kernel, the way the Python, Java, Go and
 * .NET packages do: every object is created and every method called by the kernel (prototype calls, objects
 * by reference), and a Chart "subclass" is created with an override of `toJson`, the documented cdk8s hook,
 * which the kernel installs on the instance and calls back into this host.
 *
 * Checks:
 * 1. A chart overriding `toJson` can hold kpack objects (the library once replaced `toJson` on chart
 *    instances, which made the first BuildImage throw "Cannot redefine property: toJson" here).
 * 2. The override runs, and the YAML holds what it added.
 * 3. Each kpack object of plain values renders once in the first synthesis (checked, then written as
 *    checked) and not again while nothing changes, whatever the number of charts; with a resolver
 *    implemented in this host (which may keep state), twice and then once, and the host sees each one.
 *    Renders are counted on the prototype of the kernel's copy of cdk8s's `ApiObject` (`toJson`).
 * 4. A change between two syntheses (addEnv through the kernel) is checked and written, and nothing else
 *    changes the YAML: the second synthesis writes what the first did.
 * 5. Another cdk8s-plus line, loaded beside cdk8s-plus-27 as a Python or Java app would have it: its
 *    ServiceAccount, Secret and PersistentVolumeClaim, and a plain `ApiObject` of kind ServiceAccount, are
 *    taken where the library asks for one (credentials added to both accounts, an Image's and a Build's
 *    account, a Build's builder pull secret and cache claim); the wrong kinds there fail the synthesis with
 *    the construct path, what was passed, and what is expected.
 *
 * Usage: `ts-node scripts/test-jsii.ts [package.tgz]`; without an argument the one `.jsii.tgz` in dist/js/
 * (the `test:jsii` task runs `package:js` first). The kernel is @jsii/kernel, the version the npm registry
 * reachable from the build machines offers.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { api, Kernel } from '@jsii/kernel';
import { parseAllDocuments } from 'yaml';
import { PLUS_LINES } from './plus-lines';

const ROOT = path.resolve(__dirname, '..');
const CHARTS = 5;
/** The newest cdk8s-plus line the package is tried with, loaded beside the one the library builds on. */
const OTHER_PLUS = PLUS_LINES[PLUS_LINES.length - 1];

function packageTarball(): string {
  const given = process.argv[2];
  if (given) {
    return path.resolve(given);
  }
  const dir = path.join(ROOT, 'dist', 'js');
  const tarballs = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.jsii.tgz')) : [];
  if (tarballs.length !== 1) {
    throw new Error(`expected one .jsii.tgz in dist/js, found ${tarballs.length}: run npx projen package:js`);
  }
  return path.join(dir, tarballs[0]);
}

/** Packs an installed dependency, as the other languages ship each jsii dependency's tarball. */
function packDependency(name: string, into: string): { name: string; version: string; tarball: string } {
  const dir = path.join(ROOT, 'node_modules', name);
  const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', into, dir], { encoding: 'utf8' }).trim().split('\n').pop()!;
  return { name, version, tarball: path.join(into, file) };
}

/** Fetches a published package, as the other languages' package managers fetch each jsii dependency. */
function packPublished(name: string, version: string, into: string): { name: string; version: string; tarball: string } {
  const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', into, `${name}@${version}`], { encoding: 'utf8' }).trim().split('\n').pop()!;
  return { name, version, tarball: path.join(into, file) };
}

function fail(message: string): never {
  throw new Error(`test:jsii: ${message}`);
}

/** What one scenario saw: the YAML of each synthesis, and the renders of each Image after each. */
interface Outcome {
  readonly yaml: string[];
  readonly renders: number[][];
  readonly chartOverrides: number;
  readonly resolvedTags: number;
}

function main(): void {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kpack-jsii-'));
  try {
    const ours = packageTarball();
    const ourVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    const assemblies = [
      ...['constructs', 'cdk8s', 'cdk8s-plus-27'].map(name => packDependency(name, tmp)),
      packPublished(`cdk8s-plus-${OTHER_PLUS.line}`, OTHER_PLUS.version, tmp),
      { name: 'cdk8s-kpack', version: ourVersion, tarball: ours },
    ];

    let chartOverrides = 0;
    let resolvedTags = 0;
    const kernel: Kernel = new Kernel(callback);

    /** The host side of the overrides: what a Python or Java subclass would run. */
    function callback(cb: api.Callback): any {
      const invoke = cb.invoke ?? fail(`unexpected callback ${JSON.stringify(cb)}`);
      if (cb.cookie === 'chart.toJson') {
        chartOverrides++;
        // super.toJson(): the kernel calls the prototype's method.
        const objects: any[] = kernel.invoke({ objref: invoke.objref, method: 'toJson', args: [] }).result;
        return objects.map(object => ({ ...object, metadata: { ...object.metadata, labels: { ...object.metadata?.labels, team: 'a' } } }));
      }
      if (cb.cookie === 'resolver.resolve') {
        const key: string[] = kernel.get({ objref: invoke.args![0], property: 'key' }).value;
        if (key.join('.') === 'spec.tag') {
          resolvedTags++;
        }
        return undefined;
      }
      return fail(`unexpected callback cookie ${cb.cookie}`);
    }

    for (const assembly of assemblies) {
      kernel.load(assembly);
    }
    const renders = countRenders();

    function scenario(name: string, withResolver: boolean): Outcome {
      renders.reset();
      chartOverrides = 0;
      resolvedTags = 0;
      const resolvers = withResolver
        ? [kernel.create({ fqn: 'Object', interfaces: ['cdk8s.IResolver'], overrides: [{ method: 'resolve', cookie: 'resolver.resolve' }] })]
        : undefined;
      const app = kernel.create({ fqn: 'cdk8s.App', args: [{ resolvers, outdir: path.join(tmp, name) }] });
      const images: api.ObjRef[] = [];
      const paths: string[] = [];
      for (let i = 0; i < CHARTS; i++) {
        const chart = kernel.create({
          fqn: 'cdk8s.Chart',
          args: [app, `service-${i}`, { namespace: 'apps' }],
          overrides: [{ method: 'toJson', cookie: 'chart.toJson' }],
        });
        const builder = kernel.sinvoke({ fqn: 'cdk8s-kpack.ClusterBuilder', method: 'fromClusterBuilderName', args: [chart, 'builder', 'default'] }).result;
        const source = kernel.sinvoke({ fqn: 'cdk8s-kpack.Source', method: 'git', args: ['https://github.com/making/hello-golang', { revision: 'main' }] }).result;
        const serviceAccount = kernel.create({ fqn: 'cdk8s-plus-27.ServiceAccount', args: [chart, 'builds', { metadata: { name: `builds-${i}` } }] });
        const credentials = kernel.sinvoke({
          fqn: 'cdk8s-kpack.RegistryCredentials',
          method: 'fromSecretName',
          args: [chart, 'registry', 'registry-credentials', { '$jsii.enum': 'cdk8s-kpack.CredentialKind/DOCKER_CONFIG_JSON' }],
        }).result;
        kernel.invoke({ objref: credentials, method: 'addTo', args: [serviceAccount] });
        const image = kernel.create({
          fqn: 'cdk8s-kpack.BuildImage',
          args: [chart, 'hello', { metadata: { name: `hello-${i}` }, tag: `registry.example.com/apps/hello-${i}`, builder, source, serviceAccount }],
        });
        const apiObject = kernel.sinvoke({ fqn: 'cdk8s.ApiObject', method: 'of', args: [image] }).result;
        const node = kernel.get({ objref: apiObject, property: 'node' }).value;
        paths.push(kernel.get({ objref: node, property: 'path' }).value);
        images.push(image);
      }

      const synth = (): string => kernel.invoke({ objref: app, method: 'synthYaml', args: [] }).result;
      const yaml = [synth()];
      const after = [paths.map(renders.of)];
      yaml.push(synth());
      after.push(paths.map(renders.of));
      const env = kernel.sinvoke({ fqn: 'cdk8s-plus-27.EnvValue', method: 'fromValue', args: ['./cmd/server'] }).result;
      kernel.invoke({ objref: images[0], method: 'addEnv', args: ['BP_GO_TARGETS', env] });
      yaml.push(synth());
      after.push(paths.map(renders.of));
      console.log(`${name}: ${CHARTS} charts, chart.toJson overrides called: ${chartOverrides}; renders per Image after synth 1, 2, 3: ${after.map(a => JSON.stringify(a)).join(' ')}`);
      return { yaml, renders: after, chartOverrides, resolvedTags };
    }

    /** Fails unless the renders after each synthesis add up to `added` (per synthesis: the first Image, the others). */
    function expectRenders(name: string, outcome: Outcome, added: Array<[number, number]>): void {
      const expected: number[][] = [];
      added.forEach(([first, others], i) => {
        const before = expected[i - 1] ?? Array<number>(CHARTS).fill(0);
        expected.push(before.map((n, j) => n + (j === 0 ? first : others)));
      });
      if (JSON.stringify(outcome.renders) !== JSON.stringify(expected)) {
        fail(`${name}: expected renders per Image ${JSON.stringify(expected)}, got ${JSON.stringify(outcome.renders)}`);
      }
    }

    function expectOutput(name: string, outcome: Outcome): void {
      if (outcome.chartOverrides !== 3 * CHARTS) {
        fail(`${name}: the chart override ran ${outcome.chartOverrides} times, expected ${3 * CHARTS}`);
      }
      const [first, second, third] = outcome.yaml;
      if (!first.includes('team: a') || !first.includes('serviceAccountName: builds-0') || !first.includes('- name: registry-credentials')) {
        fail(`${name}: the YAML lacks the override's label or the service account:\n${first}`);
      }
      if (second !== first) {
        fail(`${name}: the second synthesis, with nothing changed, wrote other YAML`);
      }
      if (!third.includes('name: BP_GO_TARGETS')) {
        fail(`${name}: the third synthesis does not write the env var added through the kernel`);
      }
    }

    // Plain values under cdk8s's own resolvers: checked once, then written as checked; unchanged, not rendered again.
    const plain = scenario('plain', false);
    expectOutput('plain', plain);
    expectRenders('plain', plain, [[1, 1], [0, 0], [1, 0]]);

    // A resolver implemented in this host may keep state: every write renders afresh (and the host sees it).
    const resolved = scenario('host resolver', true);
    expectOutput('host resolver', resolved);
    expectRenders('host resolver', resolved, [[2, 2], [1, 1], [2, 1]]);
    const totalRenders = resolved.renders[2].reduce((sum, n) => sum + n, 0);
    if (resolved.resolvedTags !== totalRenders) {
      fail(`host resolver: spec.tag was resolved ${resolved.resolvedTags} times for ${totalRenders} renders`);
    }
    if (resolved.yaml.join() !== plain.yaml.join()) {
      fail('the host resolver (which replaces nothing) changed the YAML');
    }
    otherPlusLine(kernel, path.join(tmp, 'other-plus'));
    console.log(`test:jsii passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Check 5: the resources of another cdk8s-plus line, and a plain ApiObject, where the library takes them. */
function otherPlusLine(kernel: Kernel, outdir: string): void {
  const plus = `cdk8s-plus-${OTHER_PLUS.line}`;
  const call = (fqn: string, method: string, ...args: any[]) => kernel.sinvoke({ fqn, method, args }).result;
  const source = call('cdk8s-kpack.Source', 'git', 'https://github.com/making/hello-golang', { revision: 'main' });
  // A Build builds once: a commit, not a branch (which the library warns about).
  const commit = call('cdk8s-kpack.Source', 'git', 'https://github.com/making/hello-golang', { revision: '4bae4fb8fd4c1d4d4f3d5a14e0b6d2b29f4c2f1e' });
  /** A Build from a builder image, with the given pull secret, service account and cache claim. */
  const release = (chart: api.ObjRef, parts: { pullSecret: api.ObjRef; serviceAccount: api.ObjRef; claim: api.ObjRef }) => kernel.create({
    fqn: 'cdk8s-kpack.Build',
    args: [chart, 'release', {
      metadata: { name: 'release' },
      tags: ['registry.example.com/apps/hello:1.0.0'],
      builder: call('cdk8s-kpack.BuildBuilder', 'fromImage', 'registry.example.com/builders/base', { pullSecrets: [parts.pullSecret] }),
      source: commit,
      serviceAccount: parts.serviceAccount,
      cache: call('cdk8s-kpack.BuildCache', 'persistentVolumeClaim', parts.claim),
    }],
  });

  const app = kernel.create({ fqn: 'cdk8s.App', args: [{ outdir }] });
  const chart = kernel.create({ fqn: 'cdk8s.Chart', args: [app, 'builds', { namespace: 'apps' }] });
  const builder = call('cdk8s-kpack.ClusterBuilder', 'fromClusterBuilderName', chart, 'builder', 'default');
  const account = kernel.create({ fqn: `${plus}.ServiceAccount`, args: [chart, 'account', { metadata: { name: 'builds' } }] });
  const plainAccount = kernel.create({
    fqn: 'cdk8s.ApiObject', args: [chart, 'plain-account', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'plain' } }],
  });
  const credentials = call('cdk8s-kpack.RegistryCredentials', 'fromSecretName', chart, 'registry', 'registry-credentials',
    { '$jsii.enum': 'cdk8s-kpack.CredentialKind/DOCKER_CONFIG_JSON' });
  kernel.invoke({ objref: credentials, method: 'addTo', args: [account] });
  kernel.invoke({ objref: credentials, method: 'addTo', args: [plainAccount] });
  const pullSecret = kernel.create({ fqn: `${plus}.Secret`, args: [chart, 'pull', { metadata: { name: 'builder-pull' } }] });
  const claim = kernel.create({ fqn: `${plus}.PersistentVolumeClaim`, args: [chart, 'cache', { metadata: { name: 'build-cache' } }] });
  kernel.create({ fqn: 'cdk8s-kpack.BuildImage', args: [chart, 'hello', { metadata: { name: 'hello' }, tag: 'registry.example.com/apps/hello', builder, source, serviceAccount: account }] });
  kernel.create({ fqn: 'cdk8s-kpack.BuildImage', args: [chart, 'plain-hello', { metadata: { name: 'plain-hello' }, tag: 'registry.example.com/apps/plain-hello', builder, source, serviceAccount: plainAccount }] });
  release(chart, { pullSecret, serviceAccount: account, claim });
  const yaml: string = kernel.invoke({ objref: app, method: 'synthYaml', args: [] }).result;
  const objects = parseAllDocuments(yaml).map(doc => doc.toJS());
  const find = (kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata?.name === name)
    ?? fail(`${plus}: no ${kind} ${name} in the YAML:\n${yaml}`);
  const expect = (what: string, actual: unknown, expected: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      fail(`${plus}: ${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    }
  };
  const added = [{ name: 'registry-credentials' }];
  for (const name of ['builds', 'plain']) {
    expect(`ServiceAccount ${name}'s secrets`, find('ServiceAccount', name).secrets, added);
    expect(`ServiceAccount ${name}'s imagePullSecrets`, find('ServiceAccount', name).imagePullSecrets, added);
  }
  expect('Image hello\'s serviceAccountName', find('Image', 'hello').spec.serviceAccountName, 'builds');
  expect('Image plain-hello\'s serviceAccountName', find('Image', 'plain-hello').spec.serviceAccountName, 'plain');
  const build = find('Build', 'release').spec;
  expect('Build release\'s serviceAccountName', build.serviceAccountName, 'builds');
  expect('Build release\'s builder', build.builder, { image: 'registry.example.com/builders/base', imagePullSecrets: [{ name: 'builder-pull' }] });
  expect('Build release\'s cache', build.cache, { volume: { persistentVolumeClaimName: 'build-cache' } });

  // The wrong kinds: a ConfigMap as the service account, a Secret as the cache claim, a ServiceAccount as a pull secret.
  const wrongApp = kernel.create({ fqn: 'cdk8s.App', args: [{ outdir }] });
  const wrong = kernel.create({ fqn: 'cdk8s.Chart', args: [wrongApp, 'wrong', { namespace: 'apps' }] });
  const configMap = kernel.create({ fqn: `${plus}.ConfigMap`, args: [wrong, 'settings', { metadata: { name: 'settings' } }] });
  const secret = kernel.create({ fqn: `${plus}.Secret`, args: [wrong, 'secret', { metadata: { name: 'secret' } }] });
  const wrongAccount = kernel.create({ fqn: `${plus}.ServiceAccount`, args: [wrong, 'account', { metadata: { name: 'builds' } }] });
  release(wrong, { pullSecret: wrongAccount, serviceAccount: configMap, claim: secret });
  let message: string | undefined;
  try {
    kernel.invoke({ objref: wrongApp, method: 'synthYaml', args: [] });
  } catch (error) {
    message = String((error as Error).message);
  }
  if (message === undefined) {
    fail(`${plus}: a ConfigMap as a Build's service account synthesized`);
  }
  for (const expected of [
    '[wrong/release] wrong/settings is a ConfigMap ("settings"), not a ServiceAccount: spec.serviceAccountName',
    '[wrong/release] wrong/secret is a Secret ("secret"), not a PersistentVolumeClaim: spec.cache.volume.persistentVolumeClaimName',
    '[wrong/release] wrong/account is a ServiceAccount ("builds"), not a Secret: spec.builder.imagePullSecrets',
  ]) {
    if (!message.includes(expected)) {
      fail(`${plus}: the synthesis error lacks ${JSON.stringify(expected)}:\n${message}`);
    }
  }
  console.log(`${plus}: its ServiceAccount, Secret and PersistentVolumeClaim and a plain ApiObject ServiceAccount are taken; the wrong kinds fail the synthesis`);
}

/**
 * Counts renders per construct path: cdk8s's `ApiObject.prototype.toJson`, in the copy of cdk8s the kernel
 * loaded, is wrapped in this host (an instrument of the test; the library itself replaces nothing).
 */
function countRenders(): { of: (constructPath: string) => number; reset: () => void } {
  const file = Object.keys(require.cache).find(key => key.includes('jsii-kernel-') && key.endsWith(path.join('cdk8s', 'lib', 'api-object.js')));
  const module = file === undefined ? undefined : require.cache[file]?.exports;
  const prototype = module?.ApiObject?.prototype ?? fail('the kernel\'s copy of cdk8s (lib/api-object.js) is not loaded');
  const counts = new Map<string, number>();
  const toJson = prototype.toJson;
  prototype.toJson = function (this: any) {
    counts.set(this.node.path, (counts.get(this.node.path) ?? 0) + 1);
    return toJson.call(this);
  };
  return { of: constructPath => counts.get(constructPath) ?? 0, reset: () => counts.clear() };
}

main();
