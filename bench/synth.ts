/**
 * `npm run bench`: what synthesizing kpack objects with this library costs, against the same objects
 * written as raw cdk8s `ApiObject`s; each row in a process of its own, its sides in that process. Writes the
 * table to bench/results.md.
 *
 * `npm run bench -- --quick`: small N and few repetitions; prints only (CI runs it so the script keeps
 * working; times are not judged).
 *
 * Needs `--expose-gc` (the `bench` task passes it). Method: see bench/results.md.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { ApiObject, App } from 'cdk8s';
import { Build, images, install, services, tutorial, Workload } from './workloads';
import { KpackVersion } from '../src';

interface Options {
  readonly quick: boolean;
  /** Only the services rows (against the cdk8s-plus floor); writes their own block of bench/results.md. */
  readonly services: boolean;
  /** Only the one-chart image rows, with these counts (for profiling); prints only. */
  readonly sizes?: number[];
  /** Measure only this row of the plan and print it as JSON: what each row's process of its own runs. */
  readonly row?: number;
}

/** A row to measure: its workload and how many repetitions of each side. */
interface Planned {
  readonly workload: Workload;
  readonly reps: number;
}

/** What a row's process prints, on one line after this mark. */
const ROW_MARK = 'bench-row: ';

/** One timed build-and-synth of a fresh app. */
interface Sample {
  readonly buildMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  /** CPU time of the process (all its threads, so GC helpers too) during build and synth. */
  readonly cpuMs: number;
  /** Highest heap use during the run, above the heap use after a full GC just before it. */
  readonly peakHeapBytes: number;
}

interface Measurement {
  readonly buildMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  readonly cpuMs: number;
  readonly peakHeapBytes: number;
  readonly reps: number;
}

interface Row {
  readonly workload: Workload;
  readonly objects: number;
  readonly library: Measurement;
  readonly raw: Measurement;
  readonly plus?: Measurement;
  /** The library's first build-and-synth in this process (before any warm-up). */
  readonly libraryFirstMs: number;
}

const RESULTS_FILE = path.join(__dirname, 'results.md');
const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:end -->';
const SERVICES_BEGIN = '<!-- bench:services:begin (written by `npm run bench -- --services`; edit outside these markers) -->';
const SERVICES_END = '<!-- bench:services:end -->';

function parseOptions(argv: string[]): Options {
  let quick = false;
  let servicesOnly = false;
  let sizes: number[] | undefined;
  let row: number | undefined;
  for (const arg of argv) {
    if (arg.startsWith('--row=')) {
      // What the script passes to the process it spawns for each row.
      row = Number(arg.slice('--row='.length));
      if (!Number.isInteger(row) || row < 0) {
        throw new Error(`--row wants the index of a row (0, 1, ...), got ${arg}`);
      }
    } else if (arg === '--quick') {
      quick = true;
    } else if (arg === '--services') {
      servicesOnly = true;
    } else if (arg.startsWith('--sizes=')) {
      sizes = arg.slice('--sizes='.length).split(',').map(Number);
      if (sizes.some(n => !Number.isInteger(n) || n < 1)) {
        throw new Error(`--sizes wants positive integers, got ${arg}`);
      }
    } else {
      throw new Error(`unknown argument ${arg} (expected --quick, --services, --sizes=10,100 or --row=K, one row in this process)`);
    }
  }
  return { quick, services: servicesOnly, sizes, row };
}

const gc: () => void = (globalThis as any).gc ?? (() => {
  throw new Error('run with node --expose-gc (npm run bench does)');
});

function heapUsed(): number {
  return v8.getHeapStatistics().used_heap_size;
}

/**
 * Builds and synthesizes `build` in a fresh app. Peak heap: heap use only grows between collections,
 * so the peak of the run is the highest of the heap use just before each GC (from V8's GC profiler)
 * and the heap use at the end.
 */
function sample(build: Build): Sample & { output: string; app: App } {
  gc();
  const baseline = heapUsed();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const app = new App({ outdir: os.tmpdir() });
  const synth = build(app);
  const t1 = process.hrtime.bigint();
  const output = synth();
  const t2 = process.hrtime.bigint();
  const cpuUsed = process.cpuUsage(cpu);
  const end = heapUsed();
  const gcs = profiler.stop().statistics;
  const peak = Math.max(end, ...gcs.map(s => s.beforeGC.heapStatistics.usedHeapSize));
  return {
    buildMs: Number(t1 - t0) / 1e6,
    synthMs: Number(t2 - t1) / 1e6,
    totalMs: Number(t2 - t0) / 1e6,
    cpuMs: (cpuUsed.user + cpuUsed.system) / 1e3,
    peakHeapBytes: peak - baseline,
    output,
    app,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summarize(samples: Sample[]): Measurement {
  return {
    buildMs: median(samples.map(s => s.buildMs)),
    synthMs: median(samples.map(s => s.synthMs)),
    totalMs: median(samples.map(s => s.totalMs)),
    cpuMs: median(samples.map(s => s.cpuMs)),
    peakHeapBytes: median(samples.map(s => s.peakHeapBytes)),
    reps: samples.length,
  };
}

/** Writes progress to stderr, past the capture below. */
const progress: (text: string) => void = process.stderr.write.bind(process.stderr);

/**
 * Runs `fn` with stderr captured: the library prints its warnings (e.g. kpack v0.0.8's) once per synth,
 * and a benchmark synthesizes hundreds of times. A sample of the distinct lines is printed afterwards.
 */
function quietly<T>(fn: () => T): T {
  const lines = new Map<string, number>();
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n').filter(l => l !== '')) {
      lines.set(line, (lines.get(line) ?? 0) + 1);
    }
    return true;
  }) as typeof process.stderr.write;
  try {
    return fn();
  } finally {
    process.stderr.write = write;
    // A workload of N services warns N times with N different secret names: show a sample, count the rest.
    const distinct = [...lines];
    for (const [line, count] of distinct.slice(0, 2)) {
      progress(`    (printed ${count}×) ${line}\n`);
    }
    if (distinct.length > 2) {
      progress(`    … and ${distinct.length - 2} more distinct warning lines\n`);
    }
  }
}

/**
 * Runs a workload: the first run of each side doubles as the identity check and the warm-up, then
 * `reps` runs of each side, in an order that rotates from one repetition to the next.
 */
function run(workload: Workload, reps: number): Row {
  progress(`  ${workload.name}: `);
  return quietly(() => {
    const first = sample(workload.library);
    const objects = first.app.node.findAll().filter(c => c instanceof ApiObject).length;
    workload.prepareRaw?.(first.output);
    const sides = { library: workload.library, raw: workload.raw, ...workload.plus ? { plus: workload.plus } : {} };
    const samples: Record<string, Sample[]> = {};
    for (const [side, build] of Object.entries(sides)) {
      samples[side] = [];
      if (side !== 'library') {
        const output = sample(build).output;
        if (output !== first.output) {
          throw new Error(`${workload.name}: the ${side} floor does not synthesize the library's output byte for byte\n` +
            `--- library\n${first.output.slice(0, 2000)}\n--- ${side}\n${output.slice(0, 2000)}`);
        }
      }
    }
    const names = Object.keys(sides) as Array<keyof typeof sides>;
    for (let i = 0; i < reps; i++) {
      const order = [...names.slice(i % names.length), ...names.slice(0, i % names.length)];
      for (const side of order) {
        const { output, app: _app, ...timing } = sample(sides[side]!);
        if (output !== first.output) {
          throw new Error(`${workload.name}: sample ${i + 1} of the ${side} side wrote other YAML than the library's first synthesis`);
        }
        samples[side].push(timing);
      }
      progress('.');
    }
    progress('\n');
    return {
      workload,
      objects,
      library: summarize(samples.library),
      raw: summarize(samples.raw),
      plus: samples.plus ? summarize(samples.plus) : undefined,
      libraryFirstMs: first.totalMs,
    };
  });
}

/** Which synthesis each kind of row times: `app.synthYaml()` (BuildImages, Kpack install); … */
function synthPaths(rows: Row[]): string {
  const kinds = new Map<string, Set<string>>();
  for (const { workload } of rows) {
    kinds.set(workload.synthPath, (kinds.get(workload.synthPath) ?? new Set()).add(workload.kind));
  }
  return [...kinds].map(([synthPath, names]) => `\`${synthPath}\` (${[...names].join(', ')})`).join('; ');
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function ratio(a: number, b: number): string {
  return (a / b).toFixed(2);
}

function table(rows: Row[]): string {
  const lines = [
    '| workload | objects | library ms: build + synth = total | raw ms: build + synth = total | **ratio** library / raw | ratio, synth only | ratio, CPU time | cdk8s-plus floor ms | library / cdk8s-plus | peak heap MB: library / raw | library\'s 1st run ms | reps |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    const l = row.library;
    const r = row.raw;
    lines.push(`| ${[
      row.workload.name,
      row.objects.toLocaleString('en-US'),
      `${ms(l.buildMs)} + ${ms(l.synthMs)} = ${ms(l.totalMs)}`,
      `${ms(r.buildMs)} + ${ms(r.synthMs)} = ${ms(r.totalMs)}`,
      `**${ratio(l.totalMs, r.totalMs)}**`,
      ratio(l.synthMs, r.synthMs),
      ratio(l.cpuMs, r.cpuMs),
      row.plus ? ms(row.plus.totalMs) : '–',
      row.plus ? ratio(l.totalMs, row.plus.totalMs) : '–',
      `${mb(l.peakHeapBytes)} / ${mb(r.peakHeapBytes)}`,
      ms(row.libraryFirstMs),
      `${l.reps}`,
    ].join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * The services rows against both floors: the cdk8s-plus floor (the user's cdk8s-plus ServiceAccount and
 * Secrets kept, only the library's kpack objects written as raw ApiObjects) and the all-raw floor.
 */
function servicesTable(rows: Row[]): string {
  const lines = [
    '| workload | objects | library ms | cdk8s-plus floor ms | **library / cdk8s-plus floor** | CPU time, library / cdk8s-plus | all-raw floor ms | library / all-raw | cdk8s-plus / all-raw | reps |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows.filter(r => r.plus !== undefined)) {
    const { library: l, plus: p, raw: r } = { ...row, plus: row.plus! };
    lines.push(`| ${[
      row.workload.name,
      row.objects.toLocaleString('en-US'),
      ms(l.totalMs),
      ms(p.totalMs),
      `**${ratio(l.totalMs, p.totalMs)}**`,
      ratio(l.cpuMs, p.cpuMs),
      ms(r.totalMs),
      ratio(l.totalMs, r.totalMs),
      ratio(p.totalMs, r.totalMs),
      `${l.reps}`,
    ].join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The services targets: ≤ 1.15× the cdk8s-plus floor, and the library growing no faster than it with charts. */
function servicesTargets(rows: Row[]): string[] {
  const lines: string[] = [];
  const find = (name: string) => rows.find(r => r.workload.name === name && r.plus !== undefined);
  for (const name of ['1,000 services', '300 services, a chart each']) {
    const row = find(name);
    if (row) {
      const value = row.library.totalMs / row.plus!.totalMs;
      lines.push(`- ${name}: library / cdk8s-plus floor ${value.toFixed(2)} (target ≤ 1.15): ${value <= 1.15 ? 'met' : 'MISSED'}; ` +
        `library / all-raw floor ${ratio(row.library.totalMs, row.raw.totalMs)}`);
    }
  }
  const first = find('100 services, a chart each');
  const last = find('600 services, a chart each');
  if (first && last) {
    const growth = last.library.totalMs / first.library.totalMs;
    const floorGrowth = last.plus!.totalMs / first.plus!.totalMs;
    lines.push(`- time 600 charts / 100 charts: library ${growth.toFixed(2)}, cdk8s-plus floor ${floorGrowth.toFixed(2)} ` +
      `(target: library ≤ floor, within ±5 % for noise): ${growth <= floorGrowth * 1.05 ? 'met' : 'MISSED'}`);
  }
  return lines;
}

/** The targets of the benchmark, judged on the full run only. */
function targets(rows: Row[]): string[] {
  const lines: string[] = [];
  const byN = new Map(rows.filter(r => r.workload.n !== undefined).map(r => [r.workload.n!, r]));
  for (const n of [1000, 10000]) {
    const row = byN.get(n);
    if (row) {
      const value = row.library.totalMs / row.raw.totalMs;
      const plus = row.plus ? `; library / cdk8s-plus floor: ${ratio(row.library.totalMs, row.plus.totalMs)}` : '';
      lines.push(`- ratio library / raw at N=${n.toLocaleString('en-US')}: ${value.toFixed(2)} (target ≤ 1.3): ${value <= 1.3 ? 'met' : 'MISSED'}${plus}`);
    }
  }
  const thousand = byN.get(1000);
  const tenThousand = byN.get(10000);
  if (thousand && tenThousand) {
    const growth = tenThousand.library.totalMs / thousand.library.totalMs;
    const rawGrowth = tenThousand.raw.totalMs / thousand.raw.totalMs;
    lines.push(`- library time N=10,000 / N=1,000: ${growth.toFixed(2)} (target ≤ 11; raw: ${rawGrowth.toFixed(2)}): ${growth <= 11 ? 'met' : 'MISSED'}`);
  }
  for (const row of rows.filter(r => r.workload.name.startsWith('Kpack install'))) {
    const value = row.library.totalMs;
    lines.push(`- ${row.workload.name}, per synth after the first: ${ms(value)} ms (target < 50 ms; first: ${ms(row.libraryFirstMs)} ms): ${value < 50 ? 'met' : 'MISSED'}`);
  }
  return lines;
}

function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find(l => l.startsWith('model name'));
    if (line) {
      return line.split(':').slice(1).join(':').trim();
    }
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function packageVersion(name: string): string {
  return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

function loadAverage(): string {
  return os.loadavg().map(l => l.toFixed(2)).join(', ');
}

function machine(loadBefore: string): string[] {
  return [
    `- date: ${new Date().toISOString().slice(0, 10)}`,
    `- machine: ${os.cpus().length} cores, ${cpuModel()}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory, ${os.type()} ${os.release()} ${os.arch()}`,
    `- node ${process.version} (V8 ${process.versions.v8}), cdk8s ${packageVersion('cdk8s')}, cdk8s-plus-27 ${packageVersion('cdk8s-plus-27')}`,
    `- load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAverage()}`,
  ];
}

function writeResults(report: string, begin = BEGIN, end = END): void {
  const block = `${begin}\n${report}\n${end}`;
  const current = fs.existsSync(RESULTS_FILE) ? fs.readFileSync(RESULTS_FILE, 'utf8') : undefined;
  const start = current?.indexOf(begin) ?? -1;
  const stop = current?.indexOf(end) ?? -1;
  const next = current !== undefined && start >= 0 && stop > start
    ? current.slice(0, start) + block + current.slice(stop + end.length)
    : `${current ?? '# Synth benchmark\n'}\n${block}\n`;
  fs.writeFileSync(RESULTS_FILE, next);
}

/** The rows of a run, in order. `--services`: one chart with 1,000, then a chart each with 100, 300 and 600. */
function plan(options: Options): Planned[] {
  if (options.services) {
    return [
      { workload: services(1000), reps: 9 },
      ...[100, 300, 600].map(n => ({ workload: services(n, 'a chart each'), reps: n >= 300 ? 5 : 9 })),
    ];
  }
  const sizes = options.sizes ?? (options.quick ? [10, 100] : [10, 100, 1000, 10000]);
  const imageReps = (n: number) => options.quick ? 5 : n <= 10 ? 25 : n <= 100 ? 15 : n <= 1000 ? 9 : 5;
  const otherReps = options.quick ? 5 : 15;
  const rows: Planned[] = sizes.map(n => ({ workload: images(n), reps: imageReps(n) }));
  if (!options.sizes) {
    for (const n of options.quick ? [10] : [100, 1000]) {
      rows.push({ workload: images(n, 'a chart each'), reps: imageReps(n * 10) });
    }
    // The design review's workload: one chart, then a chart per service.
    rows.push({ workload: services(options.quick ? 10 : 1000), reps: imageReps(options.quick ? 10 : 1000) });
    for (const n of options.quick ? [10] : [100, 300, 600]) {
      rows.push({ workload: services(n, 'a chart each'), reps: imageReps(n * 10) });
    }
    for (const version of [KpackVersion.V0_17_2, KpackVersion.V0_0_8]) {
      rows.push({ workload: install(version), reps: otherReps });
    }
    for (const generation of ['v0.17', 'v0.0.8'] as const) {
      rows.push({ workload: tutorial(generation), reps: otherReps });
    }
  }
  return rows;
}

/**
 * Measures row `index` of the plan in a process of its own (this script with `--row`), so that its
 * figures do not depend on the rows before it (the heap they leave, the code they warmed up): a user's
 * `cdk8s synth` runs one app in a fresh process, and its first synthesis is the row's first run.
 */
function runIsolated(planned: Planned, index: number): Row {
  const args = process.argv.slice(2).filter(arg => !arg.startsWith('--row='));
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, ...args, `--row=${index}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const line = child.stdout?.split('\n').find(l => l.startsWith(ROW_MARK));
  if (child.status !== 0 || line === undefined) {
    throw new Error(`${planned.workload.name}: its process ended with ${child.error?.message ?? `status ${child.status ?? child.signal}`}`);
  }
  return { workload: planned.workload, ...JSON.parse(line.slice(ROW_MARK.length)) };
}

function servicesReport(rows: Row[], loadBefore: string): string {
  return [
    ...machine(loadBefore),
    '',
    'Synth path: `app.synthYaml()`. Times are wall-clock medians of the repetitions (build + synth).',
    '',
    servicesTable(rows),
    '',
    ...servicesTargets(rows),
  ].join('\n');
}

function fullReport(rows: Row[], loadBefore: string, options: Options): string {
  return [
    ...machine(loadBefore),
    '',
    `Synth path: ${synthPaths(rows)}. Times are wall-clock medians of the repetitions.`,
    '',
    table(rows),
    '',
    servicesTable(rows.filter(r => r.workload.kind === 'services')),
    '',
    ...(options.quick || options.sizes ? ['Targets are judged on the full run only (`npm run bench`).'] : [...targets(rows), ...servicesTargets(rows)]),
  ].join('\n');
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const planned = plan(options);
  if (options.row !== undefined) {
    const { workload: _workload, ...measured } = run(planned[options.row].workload, planned[options.row].reps);
    process.stdout.write(`${ROW_MARK}${JSON.stringify(measured)}\n`);
    return;
  }
  const loadBefore = loadAverage();
  progress(`cdk8s-kpack synth benchmark${options.quick ? ' (--quick)' : ''}${options.services ? ', services rows' : ''}\n`);
  const rows = planned.map(runIsolated);
  const report = options.services ? servicesReport(rows, loadBefore) : fullReport(rows, loadBefore, options);
  console.log(report);
  // --quick and --sizes print only.
  const markers = options.services ? [SERVICES_BEGIN, SERVICES_END] : !options.quick && !options.sizes ? [BEGIN, END] : undefined;
  if (markers !== undefined) {
    writeResults(report, ...markers);
    console.log(`\nwritten to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  }
}

main();
