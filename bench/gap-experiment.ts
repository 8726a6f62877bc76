/**
 * `TS_NODE_PROJECT=bench/tsconfig.json node --expose-gc -r ts-node/register/transpile-only bench/gap-experiment.ts [n] [reps] [one|each]`:
 * what the gap to the cdk8s-plus floor is made of, for the services workload in one chart or with a chart each.
 *
 * Four sides, interleaved in one process, each giving the library's YAML byte for byte:
 * - **cdk8s-plus floor**: the user's cdk8s-plus ServiceAccount and Secrets, the kpack Image as a raw ApiObject;
 * - **floor in the library's tree**: the same objects, each Secret and the Image one level down under a construct
 *   of its own, as `RegistryCredentials` and `BuildImage` hold them (their generated names depend on that tree):
 *   what the tree alone costs cdk8s's passes;
 * - **library, checks off**: the library with kpack's rules, the cross-object table and the credential scan made
 *   no-ops in this process (it models a library without its checks; the library never does this): what the
 *   object model costs without the checks;
 * - **library**: as released.
 * Figures are medians of CPU time (`process.cpuUsage()`, GC threads included) and wall time.
 */
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { dockerConfig, Layout, serviceName, services } from './workloads';

// The modules whose exports the "checks off" side replaces (CommonJS: the library reads them at each call).
/* eslint-disable @typescript-eslint/no-require-imports */
const checks = require('../src/private/checks');
const credentials = require('../src/private/credentials');
const validation = require('../src/private/validation');
/* eslint-enable @typescript-eslint/no-require-imports */

const n = Number(process.argv[2] ?? 1000);
const reps = Number(process.argv[3] ?? 11);
const layout: Layout = process.argv[4] === 'each' ? 'a chart each' : 'one chart';
const workload = services(n, layout);
const quiet = process.stderr.write;
process.stderr.write = (() => true) as any;
const reference = workload.library(new App())();
workload.prepareRaw!(reference);
const images = new Map(parseAllDocuments(reference).map(document => document.toJS())
  .filter(object => object.kind === 'Image').map(object => [object.metadata.name, object]));

/** The cdk8s-plus floor's objects, each Secret and the Image under a construct of its own. */
function floorInLibraryTree(app: App): () => string {
  for (let i = 0; i < n; i++) {
    const name = serviceName(i);
    const id = layout === 'one chart' ? 'builds' : name;
    let chart = app.node.tryFindChild(id) as Chart | undefined;
    if (chart === undefined) {
      chart = new Chart(app, id, { namespace: 'builds' });
      new Construct(chart, 'builder'); // the chart's ClusterBuilder reference
    }
    const serviceAccount = new kplus.ServiceAccount(chart, `${name}-sa`, { metadata: { name } });
    const registry = new kplus.DockerConfigSecret(new Construct(chart, `${name}-registry`), 'Resource', {
      metadata: { name: `${name}-registry` }, data: dockerConfig(i),
    });
    const git = new kplus.BasicAuthSecret(new Construct(chart, `${name}-git`), 'Resource', {
      metadata: { name: `${name}-git` }, username: `${name}-read`, password: `git-${i}`,
    });
    git.metadata.addAnnotation('kpack.io/git', 'https://git.example.com');
    serviceAccount.addSecret(registry);
    serviceAccount.addSecret(git);
    ApiObject.of(serviceAccount).addJsonPatch(JsonPatch.add('/imagePullSecrets', [{ name: registry.name }]));
    new ApiObject(new Construct(chart, name), 'Resource', images.get(name));
  }
  return () => app.synthYaml();
}

/** Runs `f` with kpack's rules, the cross-object table and the credential scan made no-ops. */
function withChecksOff<T>(f: () => T): T {
  const originals = [validation.validateKpackObject, checks.crossCheck, credentials.warnCredentialsInObject];
  validation.validateKpackObject = () => [];
  checks.crossCheck = () => [];
  credentials.warnCredentialsInObject = () => undefined;
  try {
    return f();
  } finally {
    [validation.validateKpackObject, checks.crossCheck, credentials.warnCredentialsInObject] = originals;
  }
}

function checksOff(build: (app: App) => () => string): (app: App) => () => string {
  return app => {
    const synth = withChecksOff(() => build(app));
    return () => withChecksOff(synth);
  };
}

const sides: Record<string, (app: App) => () => string> = {
  'cdk8s-plus floor': workload.plus!,
  'floor in the library\'s tree': floorInLibraryTree,
  'library, checks off': checksOff(workload.library),
  'library': workload.library,
};
const names = Object.keys(sides);
const cpu: Record<string, number[]> = {};
const wall: Record<string, number[]> = {};
// A new order every round (a seeded shuffle), so that no side always follows the same one: a sample pays
// for the heap the one before it left.
let seed = 42;
function random(): number { // Park-Miller: exact in doubles (48271 × 2^31 < 2^53)
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
}
function shuffled<T>(items: readonly T[]): T[] { // Fisher-Yates
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}
for (let i = 0; i < reps + 1; i++) {
  for (const side of shuffled(names)) {
    (global as any).gc?.();
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const output = sides[side](new App())();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const used = process.cpuUsage(c0);
    if (output !== reference) {
      throw new Error(`${side}: not the library's YAML byte for byte`);
    }
    if (i > 0) { // the first round warms up every side
      (cpu[side] ??= []).push((used.user + used.system) / 1000);
      (wall[side] ??= []).push(ms);
    }
  }
}
process.stderr.write = quiet;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const floor = 'cdk8s-plus floor';
console.log([
  `${n.toLocaleString('en-US')} services${layout === 'one chart' ? ' in one chart' : ', a chart each'}; medians of ${reps} interleaved samples; YAML identical in every sample`,
  '| side | CPU ms | CPU time / cdk8s-plus floor | wall ms | wall time / cdk8s-plus floor |',
  '|---|--:|--:|--:|--:|',
  ...names.map(side => `| ${side} | ${median(cpu[side]).toFixed(0)} | ${(median(cpu[side]) / median(cpu[floor])).toFixed(2)} | ` +
    `${median(wall[side]).toFixed(0)} | ${(median(wall[side]) / median(wall[floor])).toFixed(2)} |`),
].join('\n'));
