/**
 * Property tests: arbitrary props for every construct (test/construct-properties.ts) either synthesize YAML
 * that parses, passes the structural schemas (kpack.io) or kubernetes-models (core kinds), and passes
 * kpack's rules as the library states them — or fail with an Error from the library that names the
 * construct path and the field. A TypeError, a RangeError, a crash, or YAML kpack would reject fails.
 * That statement of kpack's rules is checked against kpack's own webhook code by `npm run test:conformance`
 * (which also sends these constructs' objects to kpack) and, without Go, by test/kpack-verdicts.test.ts.
 *
 * Runs per property: FUZZ_RUNS (default 60, so `npm test` stays fast); `npm run fuzz` runs 834 for each of
 * the 12 properties, 10,008 in all, and prints how many synthesized and how many were rejected.
 */
import { App, Chart, Testing, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { BuildImage, ClusterBuilder } from '../src';
import { libraryVerdict } from './conformance/compare';
import { CONSTRUCT_PROPERTIES, reference, source, Subject, subject } from './construct-properties';
import { coreErrors, Manifest, schemaErrors } from './util';
import { coreObjectProblems } from './webhook-oracle';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

// A run takes a few milliseconds; leave room for slow machines.
jest.setTimeout(Math.max(5000, RUNS * 100));

/** How many runs synthesized YAML, and how many ended in a library error, per property. */
export const OUTCOMES = { synthesized: 0, rejected: 0 };

/** Synthesizes a subject and checks the property; returns a failure description, or undefined. */
function check(s: Subject): string | undefined {
  // Warnings (credentials written as literals, ssh sources) are printed at synth; not the point here.
  const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return checkQuietly(s);
  } finally {
    write.mockRestore();
  }
}

function checkQuietly(s: Subject): string | undefined {
  const chart = new Chart(new App(), 'fuzz', { namespace: 'apps' });
  let objects: Manifest[];
  try {
    s.build(chart);
    objects = Testing.synth(chart);
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError || !(e instanceof Error)) {
      return `crashed: ${String(e)}\n${(e as Error)?.stack}`;
    }
    const message = e.message;
    const named = message.includes('[fuzz/') || message.includes(`[${s.path}`);
    const fielded = /(spec|metadata|tag|stack|store|order)[.\w[\]]*|structuralSchemas|cache size|build timeout|memory|ephemeral storage|(username|password|gitServer|sshPrivateKey|host|privateKey|registry|secretName)$/m.test(message);
    OUTCOMES.rejected++;
    if (process.env.FUZZ_STATS === 'messages') {
      process.stdout.write(`  rejected: ${message.split('\n').slice(0, 3).join(' | ')}\n`);
    }
    return named && fielded ? undefined : `an error without construct path or field: ${message}`;
  }
  OUTCOMES.synthesized++;
  // (a) the YAML parses back to the same objects
  const yaml = Yaml.stringify(...objects);
  const parsed = parseAllDocuments(yaml).map(d => d.toJS());
  if (JSON.stringify(parsed) !== JSON.stringify(objects)) {
    return `YAML does not round-trip:\n${yaml}`;
  }
  for (const object of objects) {
    // (b) structural schemas, or kubernetes-models for core kinds
    const schema = schemaErrors(object) ?? coreErrors(object) ?? [];
    if (schema.length > 0) {
      return `${object.kind} ${object.metadata?.name} fails its schema: ${schema.join('; ')}\n${JSON.stringify(object)}`;
    }
    // (c) kpack's webhook would admit it (kpack's rules), and the API server its core objects
    const rejected = libraryVerdict(object, 'v0.17.2')?.kpack || coreObjectProblems(object).join(', ');
    if (rejected) {
      return `${object.kind} ${object.metadata?.name} would be rejected (${rejected}):\n${JSON.stringify(object)}`;
    }
  }
  return undefined;
}

function property<T>(arbitrary: fc.Arbitrary<T>, toSubject: (value: T) => Subject) {
  OUTCOMES.synthesized = 0;
  OUTCOMES.rejected = 0;
  fc.assert(fc.property(arbitrary, value => {
    const failure = check(toSubject(value));
    if (failure) {
      throw new Error(failure);
    }
  }), { numRuns: RUNS });
  if (process.env.FUZZ_STATS) {
    process.stdout.write(`${expect.getState().currentTestName}: ${OUTCOMES.synthesized} synthesized, ${OUTCOMES.rejected} rejected\n`);
  }
}

describe('for arbitrary props, synth gives YAML kpack accepts, or a clear error', () => {
  test.each(CONSTRUCT_PROPERTIES.map(p => [p.name, p] as const))('%s', (_name, p) => property(p.arbitrary, p.subject));

  test('the YAML of every example in a property run is byte-identical when synthesized twice', () => property(
    fc.record({ tag: reference, source }),
    p => {
      const build = (chart: Chart) => new BuildImage(chart, 'image', { tag: p.tag, source: p.source, builder: ClusterBuilder.fromClusterBuilderName(chart, 'b', 'default') });
      const yaml = () => {
        const chart = new Chart(new App(), 'fuzz');
        build(chart);
        const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
        try {
          return Yaml.stringify(...Testing.synth(chart));
        } catch (e) {
          return (e as Error).message;
        } finally {
          write.mockRestore();
        }
      };
      const first = yaml();
      if (yaml() !== first) {
        throw new Error('two synths differ');
      }
      return subject('fuzz/image', build);
    },
  ));
});