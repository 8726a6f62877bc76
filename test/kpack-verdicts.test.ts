/**
 * kpack's own verdicts (its webhook code, run by `npm run test:conformance`, which writes the file) on a
 * fixed case set: the rule cases, every fixture and example, and a fixed-seed sample of generated objects.
 * The library must agree with each, as the conformance suite defines agreement (test/conformance/compare.ts),
 * so `npm test` checks the library against kpack without Go.
 */
import * as fs from 'fs';
import * as path from 'path';
import { disagreement, libraryVerdict } from './conformance/compare';
import { AdmitVerdict } from './conformance/kpack-oracle';

interface Verdict {
  readonly source: string;
  readonly version: string;
  readonly defaultStorageClass: boolean;
  readonly object: Record<string, any>;
  readonly kpack: AdmitVerdict;
}

const { verdicts } = JSON.parse(fs.readFileSync(path.join(__dirname, 'conformance', 'kpack-verdicts.json'), 'utf8')) as { verdicts: Verdict[] };

describe('the library agrees with kpack\'s webhook code on the committed verdicts', () => {
  test('the case set covers every kpack version and both outcomes', () => {
    // THEN
    expect(new Set(verdicts.map(v => v.version))).toEqual(new Set(['v0.0.8', 'v0.17.2', 'v0.18.0']));
    expect(verdicts.filter(v => v.kpack.allowed).length).toBeGreaterThan(100);
    expect(verdicts.filter(v => !v.kpack.allowed).length).toBeGreaterThan(100);
  });

  test.each(['v0.17.2', 'v0.18.0', 'v0.0.8'])('kpack %s', version => {
    // GIVEN
    const cases = verdicts.filter(v => v.version === version);
    // WHEN
    const disagreements = cases.flatMap(v => {
      const library = libraryVerdict(v.object, v.version);
      const why = library ? disagreement(v.kpack, library) : 'the library has no rules for this kind';
      return why ? [{ source: v.source, why, kpack: v.kpack.error, library }] : [];
    });
    // THEN
    expect(disagreements).toEqual([]);
  });
});
