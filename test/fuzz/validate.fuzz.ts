/**
 * validate on hostile input:
 * - property: FUZZ_VALIDATE_RUNS generated hostile YAML streams (test/fuzz/hostile-yaml.ts), also cut and
 *   spliced with code fragments so that many are not valid YAML, each get a report: no exception, no
 *   internal error, exit code 0 or 1, no control character in the output, nor in the strings of the
 *   JSON report (`--output json`);
 * - bounds: each hostile case of docs/security.md runs in a process of its own, and its time and peak
 *   memory (above the memory in use before it started) are measured against the byte cap.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { hostileString, hostileYaml } from './hostile-yaml';
import { DEFAULT_MAX_BYTES } from '../../src/cli/input';
import { run } from '../../src/cli/run';
import { validateYaml } from '../../src/cli/validate';

const RUNS = Number(process.env.FUZZ_VALIDATE_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 13);
jest.setTimeout(600_000);

test(`validate: ${RUNS} hostile YAML streams, whole or spliced, each get a report`, () => {
  const spliced = fc.tuple(hostileYaml, fc.nat(), hostileString).map(([{ text }, at, fragment]) => {
    const cut = at % (text.length + 1);
    return text.slice(0, cut) + fragment + text.slice(cut);
  });
  const inputs = fc.sample(fc.oneof(hostileYaml.map(y => y.text), spliced), { seed: SEED, numRuns: RUNS });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-fuzz-'));
  let errors = 0;
  try {
    inputs.forEach((text, i) => {
      const report = validateYaml(text, 'f.yaml');
      expect(report.findings.filter(f => f.message.startsWith('internal error'))).toEqual([]);
      errors += report.findings.length;
      const file = path.join(dir, `in${i}.yaml`);
      fs.writeFileSync(file, text);
      let out = '';
      const code = run(['validate', file], { out: t => { out += t; }, err: t => { out += t; } });
      // A NUL makes the file binary for validate: refused (exit 2), said so.
      expect(code).toBe(text.includes('\u0000') ? 2 : code === 0 ? 0 : 1);
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      // The JSON report: the same exit code, one JSON object whose strings, decoded, hold no control character.
      let json = '';
      expect(run(['validate', '--output', 'json', file], { out: t => { json += t; }, err: t => { json += t; } })).toBe(code);
      const strings = (value: unknown): string[] => typeof value === 'string' ? [value]
        : value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]) : [];
      for (const value of strings(JSON.parse(json))) {
        expect(value).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`validate fuzz (seed ${SEED}): ${inputs.length} streams, ${errors} findings, no exception\n`);
});

describe('validate: time and peak memory on each hostile case', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-bounds-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const image = (extra: string): string => `apiVersion: kpack.io/v1alpha2\nkind: Image\nmetadata: {name: a}\nspec:\n  tag: r.example.com/a\n  builder: {kind: ClusterBuilder, name: b}\n  source: {git: {url: u, revision: r}}\n${extra}`;
  const fill = (unit: string, bytes: number) => unit.repeat(Math.floor(bytes / unit.length));
  const CAP = DEFAULT_MAX_BYTES;

  /** Runs validate in a process of its own; returns its measurements. */
  function measure(args: string[], input?: string | Buffer) {
    const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'measure-validate.ts'), 'validate', ...args], {
      input,
      encoding: 'utf8',
      maxBuffer: 2 ** 28,
      timeout: 300_000,
      env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
    });
    expect(child.stderr).toBe('');
    return JSON.parse(child.stdout) as { code: number; ms: number; cpuMs: number; growth: number; head: string; tail: string };
  }

  const cases: Array<[string, () => { args: string[]; input?: string }, number, RegExp]> = [
    ['130,000 findings in one file', () => ({ args: [write('findings.yaml', `apiVersion: kpack.io/v1alpha2\nkind: ClusterStore\nmetadata: {name: a}\nspec:\n  sources: [${Array(130_000).fill('{}').join(',')}]\n`)] }), 1, /1 error\(s\)/],
    ['a map with 30,000 keys', () => ({ args: [write('keys.yaml', image(Array.from({ length: 30_000 }, (_, i) => `  k${i}: 1`).join('\n') + '\n'))] }), 1, /unknown field/],
    ['30,000 duplicate keys', () => ({ args: [write('dups.yaml', `a: 1\n${fill('b: 1\n', 200_000)}`)] }), 1, /map keys must be unique/],
    ['an alias bomb', () => ({ args: [path.join(__dirname, '..', 'fixtures', 'hostile', 'validate', 'aliases.yaml')] }), 1, /Excessive alias count/],
    ['a cap-sized file of [', () => ({ args: [write('deep.yaml', fill('[', CAP))] }), 1, /nested deeper than 100 levels/],
    ['a cap-sized file of flow maps', () => ({ args: [write('flow.yaml', `items: [${fill('{a: b}, ', CAP - 20)}]\n`)] }), 0, /0 error\(s\)/],
    ['a cap-sized file of documents', () => ({ args: [write('docs.yaml', fill('---\napiVersion: kpack.io/v1alpha2\nkind: ClusterStore\nmetadata: {name: s}\nspec: {sources: [{image: paketobuildpacks/go}]}\n', CAP))] }), 0, /0 error\(s\)/],
    ['a file 10 times the cap', () => ({ args: [write('huge.yaml', fill('# comment\n', 10 * CAP))] }), 2, /larger than 524288 bytes/],
    ['/dev/zero', () => ({ args: ['/dev/zero'] }), 2, /not a regular file \(a character device\)/],
    ['a FIFO with no writer', () => {
      const fifo = path.join(dir, 'fifo.yaml');
      if (!fs.existsSync(fifo)) execFileSync('mkfifo', [fifo]);
      return { args: [fifo] };
    }, 2, /not a regular file \(a FIFO\)/],
    ['stdin over the cap', () => ({ args: ['-'], input: fill('x', 3 * CAP) }), 2, /-: larger than 524288 bytes: refused/],
    ['stdin within the cap', () => ({ args: ['-'], input: 'apiVersion: kpack.io/v1alpha2\nkind: ClusterStore\nmetadata: {name: s}\nspec: {}\n' }), 1, /-: ClusterStore s \(document 1\): missing field\(s\): spec.sources/],
    ['a 30 KB quantity of digits (needs the linear quantity parser)', () => ({ args: [write('quantity.yaml', image(`  cache: {volume: {size: "${'1'.repeat(30_000)}x"}}\n`))] }), 1, /1 error\(s\)|error\(s\)/],
  ];

  test.each(cases)('%s: a report within seconds, memory within a small multiple of the cap', (name, setup, code, output) => {
    const { args, input } = setup();
    const result = measure(args, input);
    process.stdout.write(`validate bound: ${name}: exit ${result.code}, ${Math.round(result.cpuMs)} ms of CPU (${Math.round(result.ms)} ms wall), peak +${(result.growth / 2 ** 20).toFixed(1)} MiB (${(result.growth / CAP).toFixed(1)} × the cap)\n`);
    expect(result.code).toBe(code);
    expect(result.head + result.tail).toMatch(output);
    // CPU time, not wall time: the machine may be shared. Memory: the yaml package's tree of tiny nodes
    // takes up to ~400 times their text (docs/security.md).
    expect(result.cpuMs).toBeLessThan(10_000);
    expect(result.growth).toBeLessThan(512 * CAP);
  });
});
