/**
 * `npm run test:cluster`: what the library writes, sent to a real kube-apiserver the way the docs say, each part
 * on a fresh server (stopped at the end of its part, also on failure or timeout):
 * 1. one `kubectl apply` of the whole install fails with kubectl's "no matches for kind ClusterLifecycle"
 *    (kpack#1855); the tutorial's first command for kpack v0.0.8 fails too (apiextensions.k8s.io/v1beta1 CRDs);
 * 2. README's quick start, run as printed, and its apply commands, line by line;
 * 3. the tutorial's commands as `npm run tutorial` prints them;
 * 4. docs/install.md's apply order on examples/authenticated-mirror;
 * 5. the same order with `structuralSchemas: true`: the server refuses an Image with `spec.cacheSize` under strict
 *    field validation and prunes it otherwise; every other example is created under strict field validation;
 * 6. the migrate corpus's output (dist/migrate-corpus, from `npm run test:migrate-corpus`) on the current CRDs
 *    with structural schemas, and its kpack v0.0.8 units as `migrate --to v1alpha2` writes them;
 * 7. the kpack v0.0.8 units as written, on v0.0.8's CRDs converted to apiextensions.k8s.io/v1.
 * The run ends with what became of each corpus unit: applied where, or not applied and why.
 * Everywhere: no warning from the server, every object of an applied file on the server, a second server-side
 * apply that changes nothing, and kpack's webhook code admitting each kpack object before the server gets it.
 * The wait for kpack's webhook, which needs pods, is the one documented command replaced (and said so).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { CorpusUnit, corpusUnits, isStaleCorpus, legacyCrds, toV1alpha2 } from './corpus';
import { admit, isKpackObject } from './kpack-webhook';
import { Kubectl, Result, serverWarnings } from './kubectl';
import { startCluster, stopAll, TestCluster } from './server';
import { mirrorApp } from '../../examples/authenticated-mirror/main';
import { PLACEHOLDERS } from '../../examples/tutorial/main';
import { STEPS, TutorialChart } from '../../examples/tutorial/tutorial';
import { EXAMPLE_CHARTS } from '../../scripts/synth-examples';
import { Kpack, KpackCrds, KpackVersion } from '../../src';
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
  // An object written without a namespace goes to the kubeconfig's, `default`, if it is namespaced.
  const missing = expected.filter(object => !found.has(objectKey(object))
    && !(object.metadata?.namespace === undefined && found.has(objectKey({ ...object, metadata: { ...object.metadata, namespace: 'default' } }))))
    .map(objectKey);
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

/** CLUSTER_ONLY=<text>: only the parts whose title contains it (while working on one; the total is then partial). */
const ONLY = process.env.CLUSTER_ONLY;

async function withCluster(title: string, body: (cluster: TestCluster, kubectl: Kubectl) => void): Promise<void> {
  const started = Date.now();
  if (ONLY && !title.includes(ONLY)) {
    console.log(`\n== ${title}: skipped (CLUSTER_ONLY=${ONLY})`);
    return;
  }
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

/** The command lines of a printed or documented shell block: comments and blank lines dropped. */
function commandLines(block: string): string[] {
  return block.split('\n').map(line => line.trim()).filter(line => line !== '' && !line.startsWith('#'));
}

/** The first ```sh block of `markdown` after `after` that contains `kubectl wait --for condition=established`. */
function applyBlock(file: string, after: string): string[] {
  const markdown = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const from = markdown.indexOf(after);
  const block = [...markdown.slice(Math.max(from, 0)).matchAll(/```sh(?:[ \t][^\n]*)?\n([\s\S]*?)```/g)]
    .map(match => match[1])
    .find(text => text.includes('kubectl wait --for condition=established'));
  if (from < 0 || !block) {
    throw new Failure(`${file}: no apply block (\`kubectl wait --for condition=established\`) after "${after}": the documented order moved`);
  }
  return commandLines(block);
}

/** The first ```ts block of `file` after `after` (a fence may name a rosetta fixture: ```ts fixture=readme). */
function tsBlock(file: string, after: string): string {
  const markdown = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const from = markdown.indexOf(after);
  const block = from < 0 ? undefined : markdown.slice(from).match(/```ts(?:[ \t][^\n]*)?\n([\s\S]*?)```/)?.[1];
  if (!block) {
    throw new Failure(`${file}: no \`\`\`ts block after "${after}"`);
  }
  return block;
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
  console.log('    no pod runs on this server, so kpack-webhook never becomes available (a real cluster needs this wait); '
    + 'instead, the install\'s webhook configurations and Deployments are checked to exist:');
  const found: string[] = [];
  for (const [kind, name, namespace] of [
    ['mutatingwebhookconfiguration', 'defaults.webhook.kpack.io', undefined],
    ['validatingwebhookconfiguration', 'validation.webhook.kpack.io', undefined],
    ['deployment', 'kpack-webhook', 'kpack'],
    ['deployment', 'kpack-controller', 'kpack'],
  ]) {
    const result = kubectl.run(['get', kind!, name!, ...(namespace ? ['-n', namespace] : []), '-o', 'name']);
    check(result.status === 0, `the install has no ${kind} ${name}: ${output(result)}`);
    found.push(result.stdout.trim());
  }
  console.log(`    ${found.join(', ')}`);
}

/**
 * Runs the documented lines in `cwd`; every one must succeed, without a warning from the server, and the files
 * they apply must be on the server. kpack's webhook code admits each file's kpack objects first.
 */
function runDocumented(kubectl: Kubectl, lines: string[], cwd: string): void {
  for (const line of lines) {
    if (waitsForPods(line)) {
      replaceWebhookWait(kubectl, line);
      continue;
    }
    const files = /\bkubectl apply\b/.test(line) ? line.match(/(?<=-f )\S+/g) ?? [] : [];
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

/** Runs a TypeScript program of the repository (or a README snippet written to `cwd`) in `cwd`; its stdout. */
function runProgram(program: string, cwd: string, env: NodeJS.ProcessEnv = {}): string {
  fs.mkdirSync(cwd, { recursive: true });
  const result = spawnSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), program], {
    cwd,
    encoding: 'utf8',
    // NODE_PATH: a snippet written outside the repository finds cdk8s and cdk8s-plus where the repository has them.
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json'), NODE_PATH: path.join(ROOT, 'node_modules'), ...env },
  });
  if (result.status !== 0) {
    throw new Failure(`${program} failed (${result.status ?? result.error ?? result.signal}):\n${result.stderr}`);
  }
  return result.stdout;
}

/** The blocks `npm run tutorial` prints, by kpack version: "On a fresh cluster, kpack X (…):" and its lines. */
function printedTutorialBlocks(printed: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  for (const match of printed.matchAll(/On a fresh cluster, kpack (\S+) [^\n]*:\n((?:  [^\n]*\n?)*)/g)) {
    blocks.set(match[1], commandLines(match[2]));
  }
  return blocks;
}

/** The README's quick start, as printed, written to `<dir>/main.ts` with the library imported from src/. */
function readmeQuickStart(dir: string): string {
  const snippet = tsBlock('README.md', '## Quick start').replace(/from 'cdk8s-kpack'/g, `from ${JSON.stringify(path.join(ROOT, 'src'))}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'main.ts');
  fs.writeFileSync(file, snippet);
  return file;
}

/**
 * The install split as docs/install.md's "Apply" step writes it (`kpack-crds` with `crds: KpackCrds.ONLY`,
 * `kpack` with the rest) with structural schemas, and `builds`, the tutorial's first step, in `<dir>/dist/`.
 */
function synthStructuralInstall(dir: string): string {
  const app = new App({ outdir: path.join(dir, 'dist') });
  new Kpack(new Chart(app, 'kpack-crds'), 'kpack', { crds: KpackCrds.ONLY, structuralSchemas: true });
  kpackVersion = new Kpack(new Chart(app, 'kpack'), 'kpack', { crds: KpackCrds.EXCLUDE }).version.version;
  new TutorialChart(app, 'builds', { step: STEPS[0], dockerHub: PLACEHOLDERS });
  app.synth();
  return app.outdir;
}

/** The examples the mirror walkthrough of docs/install.md applies on a server of their own. */
const MIRROR_EXAMPLES = ['authenticated-mirror', 'authenticated-mirror-builds'];

/** Every example under examples/ but the tutorial and the mirror install, one file each. */
function synthExamples(dir: string): string[] {
  const names = fs.readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
    .filter(entry => entry.isDirectory() && entry.name !== 'tutorial')
    .map(entry => entry.name);
  const known = new Set(EXAMPLE_CHARTS.map(([name]) => name));
  const unknown = names.filter(name => !known.has(name));
  if (unknown.length > 0) {
    throw new Failure(`examples/${unknown.join(', examples/')} not in scripts/synth-examples.ts's EXAMPLE_CHARTS: add them there`);
  }
  return EXAMPLE_CHARTS.filter(([name]) => !MIRROR_EXAMPLES.includes(name)).map(([name, create]) => {
    const app = new App({ outdir: path.join(dir, name) });
    create(app);
    app.synth();
    return path.join(app.outdir, `${name}.k8s.yaml`);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The parts

/** The install in one file, as a first `kubectl apply` of it meets a fresh server; and kpack v0.0.8's release. */
function singleFileFails(kubectl: Kubectl, work: string, printedDir: string, printed: Map<string, string[]>): void {
  const app = new App({ outdir: path.join(work, 'dist') });
  new Kpack(new Chart(app, 'kpack'), 'kpack');
  app.synth();
  const first = kubectl.shell('kubectl apply -f dist/kpack.k8s.yaml', work);
  // kubectl maps every document to a resource before it sends any: the CRD and the ClusterLifecycle of the
  // same file meet a server that does not know the kind yet (with a discovery cache of this server only).
  check(first.status !== 0 && /no matches for kind "ClusterLifecycle" in version "kpack\.io\/v1alpha2"/.test(first.stderr),
    `a single apply of the install on a fresh server was expected to fail with kubectl's "no matches for kind ClusterLifecycle":\n${output(first)}`);
  console.log(`    as users see it: ${first.stderr.trim().split('\n').find(line => line.includes('no matches'))}`);

  const legacyLines = printed.get('0.0.8');
  check(legacyLines !== undefined, 'the tutorial printed no apply commands for kpack 0.0.8');
  const legacy = kubectl.shell(legacyLines![0], printedDir);
  check(legacy.status !== 0 && /no matches for kind "CustomResourceDefinition" in version "apiextensions\.k8s\.io\/v1beta1"/.test(legacy.stderr),
    `kpack v0.0.8's CRDs were expected to be refused (apiextensions.k8s.io/v1beta1, removed in Kubernetes 1.22):\n${output(legacy)}`);
  console.log(`    kpack v0.0.8, the tutorial's first command: ${legacy.stderr.trim().split('\n').find(line => line.includes('no matches'))}`);
}

/** The tutorial's printed commands for current kpack, literally; then each step is stable under server-side apply. */
function tutorialAsPrinted(kubectl: Kubectl, work: string, printed: Map<string, string[]>): void {
  const current = [...printed.keys()].filter(version => version !== '0.0.8');
  check(current.length === 1, `the tutorial was expected to print one current kpack version besides 0.0.8, it printed ${[...printed.keys()].join(', ')}`);
  kpackVersion = current[0];
  const lines = printed.get(kpackVersion)!;
  addDefaultStorageClass(kubectl);
  runDocumented(kubectl, lines, work);
  const steps = lines.filter(line => /^kubectl apply -f \S*step-\d+\.k8s\.yaml$/.test(line)).map(line => line.split(' ').pop()!);
  check(steps.length === STEPS.length, `the tutorial printed ${steps.length} step files, it has ${STEPS.length} steps`);
  for (const step of steps) {
    stable(kubectl, path.join(work, step), path.basename(step), true);
    console.log(`  ${path.basename(step)}: server-side apply twice: the second changes nothing`);
  }
}

/** The v0.0.8 field `cacheSize` in a v1alpha2 Image: refused under strict field validation, pruned otherwise. */
function unknownFieldRefusedAndPruned(kubectl: Kubectl, dist: string): void {
  const image = readManifests(path.join(dist, 'builds.k8s.yaml')).find(object => object.kind === 'Image')!;
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

/**
 * Strict field validation, no warning, every object stored; then two server-side applies, the second a no-op;
 * `takeOver` as for `stable`; then the objects are deleted, but for Namespaces (without a controller-manager, a deleted namespace stays
 * Terminating and takes no new object).
 */
function strictThenStable(kubectl: Kubectl, file: string, label: string, takeOver = false): void {
  if (!kpackAdmits(kubectl, file, label)) {
    return;
  }
  const created = kubectl.run(['apply', '--validate=strict', '-f', file]);
  if (!accepted(created, `${label} (strict field validation)`)) {
    return;
  }
  check(serverWarnings(created).length === 0, `${label}: the server warned:\n${serverWarnings(created).join('\n')}`);
  const count = expectCreated(kubectl, file, label);
  stable(kubectl, file, label, takeOver);
  // Examples share namespaces and names (ServiceAccount apps/builds): each starts from a server without the others.
  const deletable = readManifests(file).filter(object => object.kind !== 'Namespace');
  kubectl.ok(['delete', '-f', '-'], deletable.map(object => stringify(object)).join('---\n'));
  console.log(`  ${label}: ${count} objects created (strict, no warning); server-side apply twice: no change; deleted`);
}

function isIdentityOnly(object: Manifest): boolean {
  return Object.keys(object).every(key => ['apiVersion', 'kind', 'metadata'].includes(key))
    && Object.keys(object.metadata ?? {}).every(key => ['name', 'namespace'].includes(key));
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
  // An object with nothing but its name (the release's empty webhook-certs Secret, which kpack's webhook fills)
  // gives the applier no field to own: kube-apiserver rewrites its managedFields on every apply. Said, not hidden.
  const identityOnly = new Set(readManifests(file).filter(isIdentityOnly).map(objectKey));
  for (const key of changed.filter(k => identityOnly.has(k))) {
    console.log(`  ${label}: ${key} has no field but its name: each server-side apply rewrites its managedFields`);
  }
  const real = changed.filter(key => !identityOnly.has(key));
  check(real.length === 0, `${label}: the second server-side apply changed ${real.join(', ')}`);
}

/** What became of each corpus unit: printed at the end, so the run says which were applied and which not. */
const corpusReport: string[] = [];

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const LEGACY_GROUPS = ['build.pivotal.io', 'experimental.kpack.pivotal.io'];

/** The kpack objects of `file` that kpack's webhook code of `kpackVersion` refuses: expected, shown, not counted. */
function kpackRefuses(kubectl: Kubectl, file: string): string[] {
  return admit(kpackVersion, readManifests(file), hasDefaultStorageClass(kubectl))
    .filter(admission => !admission.allowed)
    .map(admission => `${admission.key}: ${String(admission.error).replace(/\n/g, '; ')}`);
}

/** The CRDs of `file` applied, and established before anything uses them. */
function applyCrds(kubectl: Kubectl, file: string, label: string): void {
  const applied = kubectl.run(['apply', '--validate=strict', '-f', file]);
  check(applied.status === 0 && serverWarnings(applied).length === 0, `${label}: the CRDs were refused or warned:\n${output(applied)}`);
  kubectl.ok(['wait', '--for', 'condition=established', '--timeout=60s', '-f', file]);
  console.log(`  ${readManifests(file).length} CRDs of ${label} created and established (not counted: counted with the install elsewhere)`);
}

/** The namespaces the corpus units put objects in, created first as their sources expect (not counted). */
function corpusNamespaces(kubectl: Kubectl, files: string[]): void {
  for (const namespace of ['kpack', ...missingNamespaces(files)]) {
    // --save-config: as if applied, since a unit may apply the namespace too (the mirror's install does).
    kubectl.ok(['create', 'namespace', namespace, '--save-config']);
  }
  console.log(`  namespaces ${['kpack', ...missingNamespaces(files)].join(', ')} created first (the units expect them; not counted, not the library's)`);
}

/**
 * The corpus units that write kpack.io/v1alpha2 (kpack.io/v1alpha1 input is written as v1alpha2 by migrate) on
 * the current install's CRDs with structural schemas, so that strict field validation checks every field; the
 * kpack v0.0.8 units as `migrate --to v1alpha2` writes them; and the units kept as written although kpack
 * refuses them, shown refused by kpack's webhook code and not applied. The first server-side apply takes over
 * from kubectl's client-side one (`--force-conflicts`): a unit may carry, as its source did, kubectl's
 * last-applied-configuration annotation, which `kubectl apply` rewrites.
 */
function corpusOnCurrentKpack(kubectl: Kubectl, units: CorpusUnit[], work: string): void {
  const app = new App({ outdir: path.join(work, 'dist') });
  kpackVersion = new Kpack(new Chart(app, 'kpack-crds'), 'kpack', { crds: KpackCrds.ONLY, structuralSchemas: true }).version.version;
  app.synth();
  applyCrds(kubectl, path.join(app.outdir, 'kpack-crds.k8s.yaml'), `kpack v${kpackVersion} (structuralSchemas: true)`);
  addDefaultStorageClass(kubectl);
  const current = units.filter(unit => unit.target === 'current');
  const converted = units.filter(unit => unit.target === 'legacy').map(unit => ({ unit, ...toV1alpha2(unit.name, path.join(ROOT, 'dist', 'cluster', 'to-v1alpha2')) }));
  const files = [...current.map(unit => unit.file!), ...converted.flatMap(c => (c.file ? [c.file] : []))];
  corpusNamespaces(kubectl, files);
  for (const unit of current) {
    if (readManifests(unit.file!).some(object => object.metadata?.annotations?.[LAST_APPLIED] !== undefined)) {
      console.log(`  migrate-corpus/${unit.name}: keeps its source's ${LAST_APPLIED} annotation, which kubectl apply rewrites`);
    }
    const before = tally.refused;
    strictThenStable(kubectl, unit.file!, `migrate-corpus/${unit.name}`, true);
    corpusReport.push(`${unit.name}: ${tally.refused === before ? 'applied' : 'REFUSED'} on kpack v${kpackVersion}'s CRDs (structural schemas)`);
  }
  for (const { unit, file, reason } of converted) {
    if (!file) {
      corpusReport.push(`${unit.name} --to v1alpha2: not applied: migrate refuses it: ${reason}`);
      console.log(`  migrate-corpus/${unit.name} --to v1alpha2: migrate refuses it: ${reason}`);
      continue;
    }
    const kept = readManifests(file).filter(object => LEGACY_GROUPS.includes(String(object.apiVersion).split('/')[0]));
    if (kept.length > 0) {
      // --to v1alpha2 converts build.pivotal.io only: other kpack v0.0.8 kinds stay ApiObjects, as written.
      const result = kubectl.run(['apply', '--validate=strict', '-f', file]);
      const kinds = kept.map(object => `${object.kind} (${object.apiVersion})`).join(', ');
      check(result.status !== 0 && /no matches for kind/.test(result.stderr),
        `migrate-corpus/${unit.name} --to v1alpha2 keeps ${kinds}, which kpack v${kpackVersion} does not serve, yet the apply did not fail that way:\n${output(result)}`);
      console.log(`  migrate-corpus/${unit.name} --to v1alpha2: keeps ${kinds} as written, and kpack v${kpackVersion}'s CRDs do not serve it: `
        + result.stderr.trim().split('\n').find(line => line.includes('no matches')));
      corpusReport.push(`${unit.name} --to v1alpha2: not applied: it keeps ${kinds} as written, a kind kpack v${kpackVersion} does not serve (kubectl: no matches for kind)`);
      continue;
    }
    const before = tally.refused;
    strictThenStable(kubectl, file, `migrate-corpus/${unit.name} --to v1alpha2`, true);
    corpusReport.push(`${unit.name} --to v1alpha2: ${tally.refused === before ? 'applied' : 'REFUSED'} on kpack v${kpackVersion}'s CRDs (structural schemas)`);
  }
  for (const unit of units.filter(u => u.target === 'refused-by-kpack')) {
    const refusals = kpackRefuses(kubectl, unit.file!);
    check(refusals.length > 0, `migrate-corpus/${unit.name}: kept as written because kpack refuses it, but kpack v${kpackVersion}'s webhook code admits it`);
    console.log(`  migrate-corpus/${unit.name}: not applied: kpack v${kpackVersion}'s webhook code refuses it, as it refuses the source: ${refusals.join('; ')}`);
    corpusReport.push(`${unit.name}: not applied: kept as written, and kpack v${kpackVersion}'s webhook code refuses it (${refusals.join('; ')})`);
  }
}

/**
 * The kpack v0.0.8 units as written (build.pivotal.io, experimental.kpack.pivotal.io) on kpack v0.0.8's CRDs
 * converted to apiextensions.k8s.io/v1 (Kubernetes 1.34 refuses v1beta1), kpack v0.0.8's webhook code first.
 */
function corpusOnKpack008(kubectl: Kubectl, units: CorpusUnit[], work: string): void {
  kpackVersion = KpackVersion.V0_0_8.version;
  const crds = path.join(work, 'kpack-0.0.8-crds.yaml');
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(crds, legacyCrds().map(object => stringify(object)).join('---\n'));
  applyCrds(kubectl, crds, 'kpack v0.0.8, converted to apiextensions.k8s.io/v1 (schema-less: every field kept)');
  const legacy = units.filter(unit => unit.target === 'legacy');
  corpusNamespaces(kubectl, legacy.map(unit => unit.file!));
  for (const unit of legacy) {
    const unvalidated = readManifests(unit.file!).filter(object => !isKpackObject(object) && String(object.apiVersion).startsWith('experimental.kpack.pivotal.io/'));
    for (const object of unvalidated) {
      console.log(`  migrate-corpus/${unit.name}: ${objectKey(object)} (${object.apiVersion}): no kpack v0.0.8 webhook validates it (it registers these kinds under build.pivotal.io)`);
    }
    const before = tally.refused;
    strictThenStable(kubectl, unit.file!, `migrate-corpus/${unit.name}`, true);
    corpusReport.push(`${unit.name}: ${tally.refused === before ? 'applied' : 'REFUSED'} as written on kpack v0.0.8's CRDs converted to v1`
      + (unvalidated.length > 0 ? ' (its experimental.kpack.pivotal.io objects validated by no kpack webhook)' : ''));
  }
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
    // `npm run tutorial`'s program, where it writes dist/tutorial/: its output and the commands it prints.
    const printedDir = path.join(work, 'printed');
    const printed = printedTutorialBlocks(runProgram(path.join(ROOT, 'examples', 'tutorial', 'main.ts'), printedDir,
      { DOCKERHUB_USERNAME: '', DOCKERHUB_PASSWORD: '' }));

    await withCluster('one `kubectl apply` of the whole install, on a fresh server (kpack#1855); kpack v0.0.8', (_, kubectl) =>
      singleFileFails(kubectl, path.join(work, 'single'), printedDir, printed));

    await withCluster('README\'s quick start and its apply commands, as printed', (_, kubectl) => {
      const dir = path.join(work, 'readme');
      runProgram(readmeQuickStart(dir), dir, { DOCKERHUB_PASSWORD: 'placeholder' });
      addDefaultStorageClass(kubectl);
      // The quick start installs the default version.
      kpackVersion = new Kpack(new Chart(new App(), 'default'), 'kpack').version.version;
      runDocumented(kubectl, applyBlock('README.md', '## Quick start'), dir);
    });

    await withCluster('the tutorial as `npm run tutorial` prints it', (_, kubectl) => tutorialAsPrinted(kubectl, printedDir, printed));

    await withCluster('docs/install.md\'s apply order on examples/authenticated-mirror (mirror, login, CA)', (_, kubectl) => {
      const dir = path.join(work, 'mirror');
      const app = new App({ outdir: path.join(dir, 'dist') });
      kpackVersion = mirrorApp(app).install.kpack.version.version;
      app.synth();
      // The walkthrough's prerequisite: the mirror's login Secret is made outside the app, in the builds'
      // namespace, which none of its charts creates.
      kubectl.ok(['create', 'namespace', 'apps']);
      console.log('  namespace/apps created first (where the walkthrough\'s login Secret lives; not counted, not the library\'s)');
      runDocumented(kubectl, applyBlock('docs/install.md', '**4. Apply.**'), dir);
      for (const chart of ['kpack-crds', 'kpack', 'builds']) {
        // Taking over from the client-side apply conflicts on the Deployments' SYSTEM_NAMESPACE fieldRef: an
        // atomic field the release writes without apiVersion, which the server defaults to v1.
        stable(kubectl, path.join(dir, 'dist', `${chart}.k8s.yaml`), chart, true);
        console.log(`  ${chart}.k8s.yaml: server-side apply twice: the second changes nothing`);
      }
    });

    await withCluster('the same order with structuralSchemas: true, then every example', (_, kubectl) => {
      const dir = path.join(work, 'structural');
      const dist = synthStructuralInstall(dir);
      addDefaultStorageClass(kubectl);
      runDocumented(kubectl, applyBlock('docs/install.md', '**4. Apply.**'), dir);
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
    });

    // The migrate corpus's output, as `npm run test:migrate-corpus` wrote it (CI's step before this one).
    const units = corpusUnits();
    await withCluster('the migrate corpus\'s output (dist/migrate-corpus) on current kpack\'s CRDs', (_, kubectl) =>
      corpusOnCurrentKpack(kubectl, units, path.join(work, 'corpus')));
    await withCluster('the migrate corpus\'s kpack v0.0.8 units as written, on v0.0.8\'s CRDs converted to apiextensions.k8s.io/v1', (_, kubectl) =>
      corpusOnKpack008(kubectl, units, path.join(work, 'corpus-0.0.8')));
    for (const unit of units.filter(u => u.target === 'none')) {
      corpusReport.push(`${unit.name}: not applied: ${unit.reason}`);
    }
  } catch (e) {
    stopAll();
    const message = e instanceof Failure || isStaleCorpus(e) ? e.message : (e as Error).stack;
    console.error(`\ncluster: FAILED after ${((Date.now() - started) / 1000).toFixed(0)} s, `
      + `${tally.created.size} objects created before: ${message}`);
    process.exitCode = 1;
    return;
  } finally {
    clearTimeout(timer);
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nthe migrate corpus, unit by unit (${corpusReport.length}):\n${corpusReport.map(line => `  ${line}`).join('\n')}`);
  const admitted = [...tally.admitted].filter(key => key.endsWith('/true')).length;
  console.log(`\nkpack's webhook code (conformance program) admitted ${admitted} distinct kpack objects before the server got them`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`cluster: ${tally.created.size} objects created on kube-apiserver ${serverVersion}, ${tally.refused} refused`);
  if (tally.refused > 0) {
    process.exitCode = 1;
  }
}

void main();
