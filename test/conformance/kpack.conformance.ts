/**
 * Differential tests: the library's verdict on every case (test/conformance/cases.ts) against kpack's own
 * webhook code (the conformance oracles), per kpack version; and go-containerregistry's reference parser
 * against the library's. CONFORMANCE_RUNS generated objects (default 5,000), CONFORMANCE_SEED (default:
 * fresh). Writes test/conformance/kpack-verdicts.json, kpack's verdicts on the fixed case set, which
 * `npm test` compares with the library without Go. The summary (last lines) goes to
 * conformance/bin/summary.txt, printed by the task after jest.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { Case, exampleCharts, fixedCases, FIXTURE_SAMPLE, FIXTURE_SEED, generatedCases, renderWithoutChecks, synthError, versionsFor } from './cases';
import { disagreement, libraryVerdict, stripSynthMessage } from './compare';
import { minedReferenceShapes, references } from './generators';
import { AdmitVerdict, KpackOracle, ORACLE_BIN, ORACLE_VERSIONS, OracleVersion } from './kpack-oracle';
import { goTypesFile, goTypesFromOracle } from '../../scripts/generate-go-types';
import { isValidReference, isValidTag } from '../../src/private/image-reference';
import { redactSecrets } from '../../src/private/redact';
import { CONSTRUCT_PROPERTIES } from '../construct-properties';

const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 5000);
const SEED = Number(process.env.CONFORMANCE_SEED ?? (Date.now() % 2147483647));
const CHUNK = 2000;
export const VERDICTS_FILE = path.join(__dirname, 'kpack-verdicts.json');

jest.setTimeout(60 * 60 * 1000);

const oracles = {} as Record<OracleVersion, KpackOracle>;
const checked: Record<OracleVersion, number> = { 'v0.17.2': 0, 'v0.18.0': 0, 'v0.0.8': 0 };
const failures: Record<OracleVersion, string[]> = { 'v0.17.2': [], 'v0.18.0': [], 'v0.0.8': [] };
const started = Date.now();

beforeAll(async () => {
  for (const version of ORACLE_VERSIONS) {
    oracles[version] = KpackOracle.start(version);
    const info = await oracles[version].info();
    expect(info.kpack).toBe(version);
  }
  process.stdout.write(`conformance: seed ${SEED}, ${RUNS} generated objects\n`);
});

afterAll(async () => {
  await Promise.all(ORACLE_VERSIONS.map(v => oracles[v]?.close()));
  const lines = [`conformance: run took ${Math.round((Date.now() - started) / 1000)} s (seed ${SEED})`];
  for (const version of ORACLE_VERSIONS) {
    lines.push(`conformance: ${checked[version]} objects checked against kpack ${version}, ${failures[version].length} disagreements`);
  }
  fs.mkdirSync(ORACLE_BIN, { recursive: true });
  fs.writeFileSync(path.join(ORACLE_BIN, 'summary.txt'), lines.join('\n') + '\n');
});

function describeFailure(version: OracleVersion, c: Case, kpack: AdmitVerdict, why: string, library: unknown): string {
  return [`${why} (kpack ${version}, ${c.source}, seed ${SEED})`,
    `object: ${JSON.stringify(c.object)}`, `defaultStorageClass: ${c.defaultStorageClass}`,
    `kpack: ${JSON.stringify({ allowed: kpack.allowed, stage: kpack.stage, error: kpack.error })}`,
    `library: ${JSON.stringify(library)}`].join('\n');
}

/** Sends every case to the oracles of its versions, and compares; returns the verdicts. */
async function check(cases: Case[]): Promise<Array<{ c: Case; version: OracleVersion; kpack: AdmitVerdict }>> {
  const answers = await Promise.all(cases.flatMap(c => versionsFor(c.object).map(async version => ({
    c, version, kpack: await oracles[version].admit(c.object, { defaultStorageClass: c.defaultStorageClass }),
  }))));
  for (const { c, version, kpack } of answers) {
    checked[version]++;
    const library = libraryVerdict(c.object, version);
    const why = library ? disagreement(kpack, library) : 'the library has no rules for this kind';
    if (why) {
      failures[version].push(describeFailure(version, c, kpack, why, library));
    }
  }
  return answers;
}

/** The disagreements found by the current test: each test reports its own. */
let reported = 0;
beforeEach(() => {
  reported = ORACLE_VERSIONS.reduce((n, v) => n + failures[v].length, 0);
});

function expectNoDisagreement() {
  const all = ORACLE_VERSIONS.flatMap(v => failures[v]).slice(reported);
  if (all.length > 0) {
    throw new Error(`${all.length} disagreements with kpack; the first ${Math.min(all.length, 10)}:\n\n${all.slice(0, 10).join('\n\n')}`);
  }
}

let mined: string[];

test('the fixed case set (rule cases, fixtures, examples, a fixed-seed sample): kpack\'s verdicts are committed', async () => {
  mined = minedReferenceShapes();
  expect(mined.length).toBeGreaterThan(50);
  const answers = await check(fixedCases(mined));
  const verdicts = answers.map(({ c, version, kpack }) => ({
    source: c.source,
    version,
    defaultStorageClass: c.defaultStorageClass,
    object: c.object,
    kpack: { allowed: kpack.allowed, ...(kpack.stage ? { stage: kpack.stage } : {}), ...(kpack.error ? { error: kpack.error } : {}) },
  }));
  // One verdict per line, so that a change of kpack's verdicts reads as a diff of those lines.
  const about = `kpack's verdicts (its webhook code, conformance/) on the fixed case set: rule cases, fixtures, examples, ${FIXTURE_SAMPLE} objects generated with seed ${FIXTURE_SEED}. Written by npm run test:conformance.`;
  fs.writeFileSync(VERDICTS_FILE, `{"about": ${JSON.stringify(about)},\n"verdicts": [\n${verdicts.map(v => JSON.stringify(v)).join(',\n')}\n]}\n`);
  expectNoDisagreement();
});

test('the Go types the library decodes with are those of kpack\'s code (assets/kpack/go-types-<version>.json)', () => {
  for (const version of ORACLE_VERSIONS) {
    // THEN regenerate with `npm run gotypes:generate` when a kpack version's types change
    expect(fs.readFileSync(goTypesFile(version.replace(/^v/, '')), 'utf8')).toBe(goTypesFromOracle(version.replace(/^v/, '')));
  }
});

test('generated objects of every kind agree with kpack', async () => {
  for (let done = 0; done < RUNS; done += CHUNK) {
    await check(generatedCases(mined, SEED + done, Math.min(CHUNK, RUNS - done), done));
  }
  expectNoDisagreement();
});

/**
 * A chart's synth against kpack's verdicts on the objects it renders without checks: when kpack rejects one,
 * synth fails and says kpack's text (construct paths and hints aside); each rendered object's verdict from
 * the library agrees with kpack's too (so synth refuses an object kpack accepts only through rules of ours).
 */
async function checkChart(source: string, chart: () => Chart): Promise<void> {
  let objects;
  try {
    objects = renderWithoutChecks(chart());
  } catch (e) {
    // Refused while being constructed (props that conflict): there is no object to render.
    return;
  }
  const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  let synth: string | undefined;
  try {
    synth = synthError(chart());
  } finally {
    quiet.mockRestore();
  }
  const synthLines = new Set((synth === undefined ? '' : stripSynthMessage(synth)).split('\n').map(line => line.trim()));
  for (const object of objects) {
    for (const version of versionsFor(object)) {
      const c = { source, object, defaultStorageClass: true };
      const kpack = await oracles[version].admit(object, { defaultStorageClass: true });
      checked[version]++;
      const library = libraryVerdict(object, version);
      const why = library ? disagreement(kpack, library) : 'the library has no rules for this kind';
      if (why) {
        failures[version].push(describeFailure(version, c, kpack, why, library));
      }
      const missing = kpack.allowed ? [] : kpack.stage === 'decode' ? (synth === undefined ? [kpack.error] : [])
        : redactSecrets(kpack.error ?? '').split('\n').filter(line => !synthLines.has(line.trim()));
      if (missing.length > 0) {
        failures[version].push(describeFailure(version, c, kpack, `synth does not report kpack's error (${JSON.stringify(missing)})`, synth ?? 'synth succeeded'));
      }
    }
  }
}

test('each example\'s synth agrees with kpack on its objects, rendered without checks', async () => {
  for (const { source, chart } of exampleCharts()) {
    await checkChart(source, chart);
  }
  expectNoDisagreement();
});

test.each(CONSTRUCT_PROPERTIES.map(p => [p.name, p] as const))('constructs from arbitrary props (%s): synth agrees with kpack', async (name, p) => {
  const values = fc.sample(p.arbitrary, { numRuns: Math.max(20, Math.round(RUNS / 50)), seed: SEED });
  for (const [i, value] of values.entries()) {
    const s = p.subject(value);
    await checkChart(`${name} #${i} (seed ${SEED})`, () => {
      const chart = new Chart(new App(), 'fuzz', { namespace: 'apps' });
      s.build(chart);
      return chart;
    });
  }
  expectNoDisagreement();
});

test('the library\'s image-reference parser agrees with go-containerregistry (kpack\'s options)', async () => {
  const inputs = [...new Set([...mined, ...fc.sample(references(mined), { numRuns: Math.max(1000, RUNS / 5), seed: SEED })])];
  const problems: string[] = [];
  // kpack v0.17.2 and v0.18.0 pin the same go-containerregistry (v0.20.6).
  await Promise.all(inputs.map(async input => {
    const [tag, reference] = await Promise.all([oracles['v0.17.2'].newTag(input), oracles['v0.17.2'].parseReference(input)]);
    if (tag.ok !== isValidTag(input) || reference.ok !== isValidReference(input)) {
      problems.push(`${JSON.stringify(input)}: go-containerregistry NewTag ${tag.ok ? 'ok' : tag.error}, ParseReference ${reference.ok ? 'ok' : reference.error}; library tag ${isValidTag(input)}, reference ${isValidReference(input)} (seed ${SEED})`);
    }
  }));
  expect(problems).toEqual([]);
});
