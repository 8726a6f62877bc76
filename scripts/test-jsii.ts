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
 * 3. Each kpack object renders twice in the first synthesis (checked, then written) and once in each later
 *    one, whatever the number of charts: renders are counted by a resolver implemented in this host, which
 *    cdk8s calls for every value of every rendering (here: `spec.tag`, resolved once per rendering).
 * 4. A change between two syntheses (addEnv through the kernel) is checked and written.
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

const ROOT = path.resolve(__dirname, '..');
const CHARTS = 5;

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

function fail(message: string): never {
  throw new Error(`test:jsii: ${message}`);
}

function main(): void {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kpack-jsii-'));
  try {
    const ours = packageTarball();
    const ourVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    const assemblies = [
      ...['constructs', 'cdk8s', 'cdk8s-plus-27'].map(name => packDependency(name, tmp)),
      { name: 'cdk8s-kpack', version: ourVersion, tarball: ours },
    ];

    const renders = new Map<string, number>();
    let chartOverrides = 0;
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
        const context = invoke.args![0];
        const key: string[] = kernel.get({ objref: context, property: 'key' }).value;
        // Once per rendering of a kpack object: its tag is a plain string, resolved once.
        if (key.join('.') === 'spec.tag') {
          const obj = kernel.get({ objref: context, property: 'obj' }).value;
          const id = obj['$jsii.byref'];
          if (renders.has(id)) {
            renders.set(id, renders.get(id)! + 1);
          }
        }
        return undefined;
      }
      return fail(`unexpected callback cookie ${cb.cookie}`);
    }

    for (const assembly of assemblies) {
      kernel.load(assembly);
    }

    const resolver = kernel.create({ fqn: 'Object', interfaces: ['cdk8s.IResolver'], overrides: [{ method: 'resolve', cookie: 'resolver.resolve' }] });
    const app = kernel.create({ fqn: 'cdk8s.App', args: [{ resolvers: [resolver], outdir: path.join(tmp, 'dist') }] });
    const images: Array<{ image: api.ObjRef; apiObject: string }> = [];
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
      const apiObject = kernel.sinvoke({ fqn: 'cdk8s.ApiObject', method: 'of', args: [image] }).result['$jsii.byref'];
      renders.set(apiObject, 0);
      images.push({ image, apiObject });
    }

    const synth = (): string => kernel.invoke({ objref: app, method: 'synthYaml', args: [] }).result;
    const counts = () => images.map(({ apiObject }) => renders.get(apiObject)!);

    const first = synth();
    const afterFirst = counts();
    synth();
    const afterSecond = counts();
    const env = kernel.sinvoke({ fqn: 'cdk8s-plus-27.EnvValue', method: 'fromValue', args: ['./cmd/server'] }).result;
    kernel.invoke({ objref: images[0].image, method: 'addEnv', args: ['BP_GO_TARGETS', env] });
    const third = synth();
    const afterThird = counts();

    console.log(`charts: ${CHARTS}; chart.toJson overrides called: ${chartOverrides}`);
    console.log(`renders per Image after synth 1, 2, 3: ${JSON.stringify(afterFirst)} ${JSON.stringify(afterSecond)} ${JSON.stringify(afterThird)}`);

    if (chartOverrides !== 3 * CHARTS) {
      fail(`the chart override ran ${chartOverrides} times, expected ${3 * CHARTS}`);
    }
    if (!first.includes('team: a') || !first.includes('serviceAccountName: builds-0') || !first.includes('- name: registry-credentials')) {
      fail(`the YAML lacks the override's label or the service account:\n${first}`);
    }
    if (afterFirst.some(n => n !== 2)) {
      fail(`expected 2 renders per Image in the first synthesis (check, write), got ${JSON.stringify(afterFirst)}`);
    }
    if (afterSecond.some((n, i) => n - afterFirst[i] !== 1)) {
      fail(`expected 1 render per Image in the second synthesis, got ${JSON.stringify(afterSecond)}`);
    }
    const expectedThird = afterSecond.map((n, i) => n + (i === 0 ? 2 : 1));
    if (JSON.stringify(afterThird) !== JSON.stringify(expectedThird)) {
      fail(`after addEnv expected renders ${JSON.stringify(expectedThird)}, got ${JSON.stringify(afterThird)}`);
    }
    if (!third.includes('name: BP_GO_TARGETS')) {
      fail('the third synthesis does not write the env var added through the kernel');
    }
    console.log(`test:jsii passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
