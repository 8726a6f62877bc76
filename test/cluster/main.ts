/**
 * `npm run test:cluster`: what the library writes, sent to a real kube-apiserver the way the docs say.
 *
 * 1. The tutorial on kpack v0.17 as `npm run tutorial` prints it: its single-file install fails on a fresh
 *    server with kubectl's "no matches for kind ClusterLifecycle" (kpack#1855); kpack v0.0.8's release,
 *    whose CRDs are apiextensions.k8s.io/v1beta1, cannot be installed on this Kubernetes at all.
 * 2. The documented order (docs/install.md, "Apply", run line by line) on a fresh server with kpack's own CRDs,
 *    then the tutorial's steps.
 * 3. The same with `structuralSchemas: true`: the server refuses an Image with `spec.cacheSize` under strict
 *    field validation and prunes it otherwise; every example and the tutorial are created with strict field
 *    validation and no warning, and a second server-side apply changes nothing.
 * Each server is fresh and stopped at the end of its part, also on failure or timeout.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { admit } from './kpack-webhook';
import { Kubectl, Result, serverWarnings } from './kubectl';
import { startCluster, stopAll, TestCluster } from './server';
import { PLACEHOLDERS } from '../../examples/tutorial/main';
import { STEPS, TutorialChart } from '../../examples/tutorial/tutorial';
import { EXAMPLE_CHARTS } from '../../scripts/synth-examples';
import { Kpack, KpackCrds } from '../../src';
import { Manifest, objectKey, readManifests } from '../util';

const ROOT = path.join(__dirname, '..', '..');
const TIMEOUT_MS = Number(process.env.CLUSTER_TIMEOUT_SECONDS ?? 900) * 1000;

/** What the whole run counts: objects the server stored, and objects it refused where it should have taken them. */
const tally = { created: new Set<string>(), refused: 0, admitted: new Set<string>() };
let serverVersion = '';
let serverNumber = 0;

/** An expectation about the server that did not hold: the run stops. */
class Failure extends Error {}

function check(condition: boolean, message: string): void {
  if (!condition) {
    throw new Failure(message);
  }
}

/**
 * An apply that should have succeeded and did not: counted (one per error kubectl printed), reported, and the
 * run goes on with the next file, so that one run lists every refusal; the run fails at the end.
 */
function accepted(result: Result, label: string): boolean {
  if (result.status === 0) {
    return true;
  }
  const errors = result.stderr.split('\n').filter(line => /^(Error from server|error:)/.test(line));
  tally.refused += Math.max(errors.length, 1);
  console.log(`  REFUSED ${label}:\n${output(result).replace(/^/gm, '    ')}`);
  return false;
}

function output(result: Result): string {
  return `${result.stderr}${result.stdout}`.trim();
}

/** The objects of `file` as the server has them, by `kind/namespace/name`. */
function objectsOnServer(kubectl: Kubectl, file: string): Map<string, Manifest> {
  const result = kubectl.ok(['get', '-f', file, '-o', 'json']);
  const json = JSON.parse(result.stdout) as Manifest;
  const items: Manifest[] = json.kind === 'List' ? json.items : [json];
  return new Map(items.map(item => [objectKey(item), item]));
}

/**
 * Every object of `file` is on the server: the count that goes into the last line. Within a `scope` an object
 * applied again (the tutorial's later steps) counts once.
 */
function expectCreated(kubectl: Kubectl, file: string, scope = ''): number {
  const expected = readManifests(file);
  const found = objectsOnServer(kubectl, file);
  const missing = expected.map(objectKey).filter(key => !found.has(key));
  check(missing.length === 0, `${path.basename(file)}: not on the server after the apply: ${missing.join(', ')}`);
  // An object applied again (the tutorial's later steps) counts once per server.
  expected.forEach(object => tally.created.add(`${serverNumber}/${scope}/${objectKey(object)}`));
  return expected.length;
}

/** The kpack release the install puts on the server: kpack's webhook code of that release admits its objects. */
let kpackVersion = '';

/**
 * kpack's webhook code admits every kpack object of `file`, as kpack's webhook would on create: a refusal
 * counts like the server's own.
 */
function kpackAdmits(kubectl: Kubectl, file: string, label: string): boolean {
  const refusals = admit(kpackVersion, readManifests(file), hasDefaultStorageClass(kubectl)).filter(admission => {
    tally.admitted.add(`${kpackVersion}/${admission.key}/${admission.allowed}`);
    return !admission.allowed;
  });
  for (const refusal of refusals) {
    console.log(`  REFUSED by kpack v${kpackVersion}'s webhook code, ${label}: ${refusal.key}: ${refusal.error}`);
  }
  tally.refused += refusals.length;
  return refusals.length === 0;
}

const DEFAULT_STORAGE_CLASS = 'storageclass.kubernetes.io/is-default-class';

function hasDefaultStorageClass(kubectl: Kubectl): boolean {
  const classes = JSON.parse(kubectl.ok(['get', 'storageclasses', '-o', 'json']).stdout) as Manifest;
  return (classes.items as Manifest[]).some(item => item.metadata.annotations?.[DEFAULT_STORAGE_CLASS] === 'true');
}

/**
 * A default StorageClass, as most clusters have: the tutorial's Image asks for a cache volume without naming a
 * class, which kpack's webhook refuses on a cluster without a default one. Not counted: not the library's.
 */
function addDefaultStorageClass(kubectl: Kubectl): void {
  kubectl.ok(['apply', '-f', '-'], stringify({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { [DEFAULT_STORAGE_CLASS]: 'true' } },
    provisioner: 'example.invalid/none',
  }));
  console.log('  storageclass/standard created as the default StorageClass (the cluster\'s, not the library\'s)');
}

async function withCluster(title: string, body: (cluster: TestCluster, kubectl: Kubectl) => void): Promise<void> {
  const started = Date.now();
  console.log(`\n== ${title}`);
  const cluster = await startCluster();
  serverNumber++;
  serverVersion = cluster.version;
  console.log(`  kube-apiserver ${cluster.version} ready on loopback in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    body(cluster, new Kubectl(cluster));
  } finally {
    cluster.stop();
  }
  console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------------------------
// What the docs print

/**
 * The lines of docs/install.md's apply block, the one that waits for the CRDs to be established: the
 * documented order, run as written.
 */
function documentedApplyOrder(): string[] {
  const markdown = fs.readFileSync(path.join(ROOT, 'docs', 'install.md'), 'utf8');
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map(match => match[1]);
  const block = blocks.find(text => text.includes('kubectl wait --for condition=established'));
  if (!block) {
    throw new Failure('docs/install.md has no ```sh block with `kubectl wait --for condition=established`: the documented apply order moved');
  }
  return block.split('\n').map(line => line.trim()).filter(line => line !== '' && !line.startsWith('#'));
}

/**
 * A documented line that waits for kpack's webhook (or its pods) to run: nothing runs pods here (no kubelet,
 * scheduler or controller-manager), so the suite replaces it; on a real cluster it is needed.
 */
function waitsForPods(line: string): boolean {
  return /kubectl\b.*\b(rollout status|wait)\b.*\b(deployment|pod)s?\b/.test(line) && !line.includes('condition=established');
}

/** In place of the wait for kpack's webhook: what the server alone can show about the install. */
function replaceWebhookWait(kubectl: Kubectl, line: string): void {
  console.log(`  (replaced) ${line}`);
  console.log('    no pod runs on this server, so kpack-webhook never becomes available; instead, the install\'s '
    + 'webhook configurations and Deployments are checked to exist:');
  for (const [kind, name, namespace] of [
    ['mutatingwebhookconfiguration', 'defaults.webhook.kpack.io', undefined],
    ['validatingwebhookconfiguration', 'validation.webhook.kpack.io', undefined],
    ['deployment', 'kpack-webhook', 'kpack'],
    ['deployment', 'kpack-controller', 'kpack'],
  ]) {
    const result = kubectl.run(['get', kind!, name!, ...(namespace ? ['-n', namespace] : []), '-o', 'name']);
    check(result.status === 0, `the install has no ${kind} ${name}: ${output(result)}`);
    console.log(`    ${result.stdout.trim()}`);
  }
}

/** Runs the documented lines in `cwd`; every one must succeed, and the files they apply must be on the server. */
function runDocumented(kubectl: Kubectl, lines: string[], cwd: string): void {
  for (const line of lines) {
    if (waitsForPods(line)) {
      replaceWebhookWait(kubectl, line);
      continue;
    }
    const files = line.match(/(?<=-f )\S+/g) ?? [];
    if (!files.every(file => kpackAdmits(kubectl, path.resolve(cwd, file), `\`${line}\``))) {
      continue;
    }
    const result = kubectl.shell(line, cwd);
    if (!accepted(result, `\`${line}\``)) {
      continue;
    }
    check(serverWarnings(result).length === 0, `\`${line}\`: the server warned:\n${serverWarnings(result).join('\n')}`);
    for (const file of files) {
      console.log(`    ${expectCreated(kubectl, path.resolve(cwd, file))} objects of ${file} on the server`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What the suite synthesizes

/** `npm run tutorial`'s program, run in `cwd`: what it writes and what it prints. */
function runTutorial(cwd: string): string {
  fs.mkdirSync(cwd, { recursive: true });
  const result = spawnSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), path.join(ROOT, 'examples', 'tutorial', 'main.ts')], {
    cwd, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json'), DOCKERHUB_USERNAME: '', DOCKERHUB_PASSWORD: '' },
  });
  if (result.status !== 0) {
    throw new Failure(`the tutorial program failed (${result.status ?? result.error ?? result.signal}):\n${result.stderr}`);
  }
  return result.stdout;
}

/**
 * The install as docs/install.md's "Apply" step splits it (a chart `kpack-crds` with `crds: KpackCrds.ONLY`, a
 * chart `kpack` with the rest) and the tutorial's steps, written to `<dir>/dist/`.
 */
function synthDocumentedInstall(dir: string, structuralSchemas: boolean): string {
  const app = new App({ outdir: path.join(dir, 'dist') });
  new Kpack(new Chart(app, 'kpack-crds'), 'kpack', { crds: KpackCrds.ONLY, structuralSchemas });
  kpackVersion = new Kpack(new Chart(app, 'kpack'), 'kpack', { crds: KpackCrds.EXCLUDE }).version.version;
  STEPS.forEach((step, i) => new TutorialChart(app, `step-${i + 1}`, { step, dockerHub: PLACEHOLDERS }));
  app.synth();
  return app.outdir;
}

function exampleNames(): string[] {
  return fs.readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
    .filter(entry => entry.isDirectory() && entry.name !== 'tutorial')
    .map(entry => entry.name)
    .sort();
}

/** Every example under examples/ (except the tutorial, applied step by step), one file each. */
function synthExamples(dir: string): string[] {
  const names = exampleNames();
  const known = new Set(EXAMPLE_CHARTS.map(([name]) => name));
  const unknown = names.filter(name => !known.has(name));
  if (unknown.length > 0) {
    throw new Failure(`examples/${unknown.join(', examples/')} not in scripts/synth-examples.ts's EXAMPLE_CHARTS: add them there`);
  }
  return EXAMPLE_CHARTS.map(([name, create]) => {
    const app = new App({ outdir: path.join(dir, name) });
    create(app);
    app.synth();
    return path.join(app.outdir, `${name}.k8s.yaml`);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The parts

/** Part 1: the tutorial as printed, on a fresh server; and kpack v0.0.8's release. */
function tutorialAsPrinted(kubectl: Kubectl, work: string): void {
  const printed = runTutorial(work);
  const instruction = printed.split('\n').find(line => /\bkubectl apply\b/.test(line));
  const template = instruction?.match(/kubectl apply -f <file>/)?.[0];
  if (!instruction || !template || !/Apply kpack\.k8s\.yaml first/.test(instruction)) {
    throw new Failure(`the tutorial's printed instructions changed; update test/cluster/main.ts:\n${printed}`);
  }
  console.log(`  the tutorial prints: "${instruction.trim()}"`);
  const v017 = path.join(work, 'dist', 'tutorial', 'v0.17');
  const first = kubectl.shell(template.replace('<file>', 'kpack.k8s.yaml'), v017);
  // kubectl maps every document to a resource before it sends any: the CRD and the ClusterLifecycle of the
  // same file meet a server that does not know the kind yet.
  check(first.status !== 0 && /no matches for kind "ClusterLifecycle" in version "kpack\.io\/v1alpha2"/.test(first.stderr),
    `a single apply of kpack.k8s.yaml on a fresh server was expected to fail with kubectl's "no matches for kind ClusterLifecycle":\n${output(first)}`);
  console.log(`    as users see it: ${first.stderr.trim().split('\n').find(line => line.includes('no matches'))}`);

  const legacy = kubectl.shell(template.replace('<file>', 'kpack.k8s.yaml'), path.join(work, 'dist', 'tutorial', 'v0.0.8'));
  check(legacy.status !== 0 && /no matches for kind "CustomResourceDefinition" in version "apiextensions\.k8s\.io\/v1beta1"/.test(legacy.stderr),
    `kpack v0.0.8's release was expected to be refused (apiextensions.k8s.io/v1beta1 CRDs):\n${output(legacy)}`);
  console.log(`    kpack v0.0.8 (v0.0.8/kpack.k8s.yaml): ${legacy.stderr.trim().split('\n').find(line => line.includes('no matches'))}`);
}

/** Parts 2 and 3: the documented install, then the tutorial's steps in order with the tutorial's own command. */
function documentedInstall(kubectl: Kubectl, work: string, structuralSchemas: boolean): string {
  const dist = synthDocumentedInstall(work, structuralSchemas);
  addDefaultStorageClass(kubectl);
  runDocumented(kubectl, documentedApplyOrder(), work);
  runDocumented(kubectl, STEPS.map((_, i) => `kubectl apply -f dist/step-${i + 1}.k8s.yaml`), work);
  return dist;
}

/** The v0.0.8 field `cacheSize` in a v1alpha2 Image: refused under strict field validation, pruned otherwise. */
function unknownFieldRefusedAndPruned(kubectl: Kubectl, dist: string): void {
  const image = readManifests(path.join(dist, 'step-1.k8s.yaml')).find(object => object.kind === 'Image')!;
  const metadata = { name: 'with-cache-size', namespace: image.metadata.namespace };
  const withCacheSize = { ...image, metadata, spec: { ...image.spec, cacheSize: '1.5Gi' } };
  const yaml = stringify(withCacheSize);

  const strict = kubectl.run(['apply', '--validate=strict', '-f', '-'], yaml);
  check(strict.status !== 0 && /unknown field "spec\.cacheSize"/.test(strict.stderr),
    `an Image with spec.cacheSize was expected to be refused under strict field validation:\n${output(strict)}`);
  console.log(`  strict: ${strict.stderr.trim()}`);

  const ignore = kubectl.run(['apply', '--validate=false', '-f', '-'], yaml);
  check(ignore.status === 0, `an Image with spec.cacheSize under --validate=false was expected to be accepted:\n${output(ignore)}`);
  const stored = JSON.parse(kubectl.ok(['get', 'image', 'with-cache-size', '-n', image.metadata.namespace, '-o', 'json']).stdout) as Manifest;
  check(stored.spec.cacheSize === undefined && stored.spec.cache?.volume?.size === image.spec.cache.volume.size,
    `spec.cacheSize was expected to be pruned and the rest kept, the server stored: ${JSON.stringify(stored.spec)}`);
  console.log('  --validate=false: created, and the server pruned spec.cacheSize (spec.cache kept)');
  kubectl.ok(['delete', 'image', 'with-cache-size', '-n', image.metadata.namespace]);
}

/** The namespaces `files` put objects in that none of them creates (the examples expect them to exist). */
function missingNamespaces(files: string[]): string[] {
  const objects = files.flatMap(file => readManifests(file));
  const created = new Set(objects.filter(object => object.kind === 'Namespace').map(object => object.metadata.name));
  const used = new Set(objects.map(object => object.metadata?.namespace).filter((ns): ns is string => !!ns));
  return [...used].filter(ns => !created.has(ns) && !['default', 'kpack'].includes(ns)).sort();
}

/** Strict field validation, no warning, every object stored; then two server-side applies, the second a no-op. */
function strictThenStable(kubectl: Kubectl, file: string, label: string): void {
  if (!kpackAdmits(kubectl, file, label)) {
    return;
  }
  const created = kubectl.run(['apply', '--validate=strict', '-f', file]);
  if (!accepted(created, `${label} (strict field validation)`)) {
    return;
  }
  check(serverWarnings(created).length === 0, `${label}: the server warned:\n${serverWarnings(created).join('\n')}`);
  const count = expectCreated(kubectl, file, label);
  stable(kubectl, file, label);
  // Examples share namespaces and names (ServiceAccount apps/builds): each starts from a server without the others.
  kubectl.ok(['delete', '-f', file]);
  console.log(`  ${label}: ${count} objects created (strict, no warning); server-side apply twice: no change; deleted`);
}

/**
 * Two server-side applies of `file`: the second changes no object (the output is stable). With `takeOver`, the
 * first takes the fields another apply set to other values (a later tutorial step's), as `--force-conflicts` does.
 */
function stable(kubectl: Kubectl, file: string, label: string, takeOver = false): void {
  const ssa = ['apply', '--server-side', '--field-manager=cdk8s-kpack-test', '--validate=strict', '-f', file];
  const first = kubectl.run(takeOver ? [...ssa, '--force-conflicts'] : ssa);
  check(first.status === 0 && serverWarnings(first).length === 0, `${label}: the first server-side apply failed or warned:\n${output(first)}`);
  const before = objectsOnServer(kubectl, file);
  const second = kubectl.run(ssa);
  check(second.status === 0 && serverWarnings(second).length === 0, `${label}: the second server-side apply failed or warned:\n${output(second)}`);
  const after = objectsOnServer(kubectl, file);
  const changed = [...after]
    .filter(([key, object]) => before.get(key)?.metadata.resourceVersion !== object.metadata.resourceVersion)
    .map(([key]) => key);
  check(changed.length === 0, `${label}: the second server-side apply changed ${changed.join(', ')}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const timer = setTimeout(() => {
    console.error(`cluster: timed out after ${TIMEOUT_MS / 1000} s; stopping the servers`);
    stopAll();
    process.exit(1);
  }, TIMEOUT_MS);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopAll();
      process.exit(1);
    });
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kpack-cluster-work-'));
  try {
    await withCluster('the tutorial as `npm run tutorial` prints it, on a fresh server', (_, kubectl) =>
      tutorialAsPrinted(kubectl, path.join(work, 'printed')));

    await withCluster('the documented order (docs/install.md), kpack\'s own CRDs, then the tutorial', (_, kubectl) => {
      documentedInstall(kubectl, path.join(work, 'upstream'), false);
    });

    await withCluster('the documented order with structuralSchemas: true, then every example', (_, kubectl) => {
      const dist = documentedInstall(kubectl, path.join(work, 'structural'), true);
      unknownFieldRefusedAndPruned(kubectl, dist);
      const files = synthExamples(path.join(work, 'examples'));
      for (const namespace of missingNamespaces(files)) {
        // The examples write objects into these namespaces and expect them to exist, as their docs say.
        kubectl.ok(['create', 'namespace', namespace]);
        console.log(`  namespace/${namespace} created first (the examples expect it; not counted, not the library's)`);
      }
      for (const file of files) {
        strictThenStable(kubectl, file, `examples/${path.basename(path.dirname(file))}`);
      }
      // The steps were created above, with kubectl's default strict field validation and no warning.
      STEPS.forEach((_step, i) => {
        stable(kubectl, path.join(dist, `step-${i + 1}.k8s.yaml`), `tutorial step ${i + 1}`, true);
        console.log(`  tutorial step ${i + 1}: server-side apply twice: the second changes nothing`);
      });
    });
  } catch (e) {
    stopAll();
    const message = e instanceof Failure ? e.message : (e as Error).stack;
    console.error(`\ncluster: FAILED after ${((Date.now() - started) / 1000).toFixed(0)} s, `
      + `${tally.created.size} objects created before: ${message}`);
    process.exitCode = 1;
    return;
  } finally {
    clearTimeout(timer);
    fs.rmSync(work, { recursive: true, force: true });
  }
  const admitted = [...tally.admitted].filter(key => key.endsWith('/true')).length;
  console.log(`\nkpack's webhook code (conformance program) admitted ${admitted} distinct kpack objects before the server got them`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`cluster: ${tally.created.size} objects created on kube-apiserver ${serverVersion}, ${tally.refused} refused`);
  if (tally.refused > 0) {
    process.exitCode = 1;
  }
}

void main();
