/**
 * `TS_NODE_PROJECT=bench/tsconfig.json node -r ts-node/register/transpile-only bench/cdk8s-experiment.ts [n] [reps] [each|one]`:
 * how much of the gap is cdk8s's own per-chart validation (a chart per service by default, or all in one chart).
 *
 * cdk8s's `App.synthYaml()` resolves dependencies and validates the whole app, then calls `Chart.toJson()`
 * per chart, which (through `App._synthChart`) resolves and validates the whole app again: C + 1 passes over
 * every construct for C charts (two for one chart). The experiment times the services workload as cdk8s
 * does it, and with `_synthChart` skipping that second pass while `synthYaml()` runs (what a cdk8s change
 * that reuses the app-level pass would do). Only this process is patched: it models the change, the
 * library never does this. Sides interleaved in an order that rotates every repetition, medians.
 */
import { ApiObject, App, Chart } from 'cdk8s';
// cdk8s's own dependency graph, the one App._synthChart writes a chart's objects in the order of
import { DependencyGraph } from 'cdk8s/lib/dependency';
import { Layout, services, Workload } from './workloads';

const appClass: any = App;
const original = appClass._synthChart;
const synthYaml = App.prototype.synthYaml;

/** While `synthYaml()` runs, a chart's objects are written without validating the app again. */
function patch(): void {
  let inSynth = false;
  App.prototype.synthYaml = function (this: App) {
    inSynth = true;
    try {
      return synthYaml.call(this);
    } finally {
      inSynth = false;
    }
  };
  appClass._synthChart = (chart: any) => inSynth
    ? new DependencyGraph(chart.node).topology()
      .filter(x => x instanceof ApiObject && Chart.of(x) === chart)
      .map(x => (x as ApiObject).toJson())
    : original(chart);
}

function unpatch(): void {
  App.prototype.synthYaml = synthYaml;
  appClass._synthChart = original;
}

function time(build: (app: App) => () => string): { ms: number; output: string } {
  const t0 = process.hrtime.bigint();
  const output = build(new App())();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, output };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const n = Number(process.argv[2] ?? 300);
const reps = Number(process.argv[3] ?? 3);
const layout: Layout = process.argv[4] === 'one' ? 'one chart' : 'a chart each';
const workload: Workload = services(n, layout);
const quiet = process.stderr.write;
process.stderr.write = (() => true) as any;
const reference = time(workload.library).output;
workload.prepareRaw!(reference);
const sides = { library: workload.library, plus: workload.plus!, raw: workload.raw };
const samples: Record<string, number[]> = {};
for (let i = 0; i < reps; i++) {
  for (const mode of i % 2 === 0 ? ['cdk8s', 'patched'] : ['patched', 'cdk8s']) {
    if (mode === 'patched') {
      patch();
    }
    const entries = Object.entries(sides);
    for (const [side, build] of [...entries.slice(i % entries.length), ...entries.slice(0, i % entries.length)]) {
      const { ms, output } = time(build);
      if (output !== reference) {
        throw new Error(`${mode} ${side}: not the library's YAML byte for byte`);
      }
      (samples[`${mode} ${side}`] ??= []).push(ms);
    }
    unpatch();
  }
}
process.stderr.write = quiet;
const m = (key: string) => median(samples[key]);
const lines = [
  `${n} services, ${layout}; medians of ${reps} interleaved samples (ms); YAML identical in every sample`,
  '| cdk8s | library | cdk8s-plus floor | all-raw floor | library / cdk8s-plus | library / all-raw |',
  '|---|--:|--:|--:|--:|--:|',
  ...['cdk8s', 'patched'].map(mode => `| ${mode === 'cdk8s' ? 'as released (app validated once per chart)' : 'app validated once per synthYaml()'} | ` +
    `${m(`${mode} library`).toFixed(0)} | ${m(`${mode} plus`).toFixed(0)} | ${m(`${mode} raw`).toFixed(0)} | ` +
    `${(m(`${mode} library`) / m(`${mode} plus`)).toFixed(2)} | ${(m(`${mode} library`) / m(`${mode} raw`)).toFixed(2)} |`),
];
console.log(lines.join('\n'));
