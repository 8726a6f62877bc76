import * as fs from 'fs';
import { Testing } from 'cdk8s';
import { Manifest, schemaErrors } from './util';
import { STEPS, TutorialChart } from '../examples/tutorial/tutorial';
import { SCHEMAS_FILE, schemasJson } from '../scripts/generate-schemas';

describe('the structural schemas', () => {
  test('the vendored JSON is generated from schemas/kpack-v1alpha2.ts', () => {
    expect(fs.readFileSync(SCHEMAS_FILE, 'utf8')).toBe(schemasJson());
  });

  test('accept the tutorial on kpack v0.17', () => {
    const objects = STEPS.flatMap(step => Testing.synth(new TutorialChart(Testing.app(), 'tutorial', { step, dockerHub: { username: 'making', password: 'changeme' } })));
    const kpackObjects = objects.filter(o => o.apiVersion === 'kpack.io/v1alpha2');
    expect(kpackObjects.length).toBeGreaterThan(0);
    expect(kpackObjects.map(o => schemaErrors(o))).toEqual(kpackObjects.map(() => []));
  });

  test.each<[string, Manifest, RegExp]>([
    ['a misspelt field', { apiVersion: 'kpack.io/v1alpha2', kind: 'Image', spec: { tag: 'a/b', source: { git: { url: 'u', revision: 'r' } }, cacheSize: '1Gi' } }, /must NOT have additional properties.*cacheSize/],
    ['a v0.0.8 field name', { apiVersion: 'kpack.io/v1alpha2', kind: 'Image', spec: { tag: 'a/b', source: { git: { url: 'u', revision: 'r' } }, serviceAccount: 'x' } }, /serviceAccount/],
    ['a wrong type', { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStore', spec: { sources: 'paketobuildpacks/go' } }, /must be array/],
    ['a quantity that does not parse', { apiVersion: 'kpack.io/v1alpha2', kind: 'Image', spec: { tag: 'a/b', source: { git: { url: 'u', revision: 'r' } }, cache: { volume: { size: '1 GB' } } } }, /must match pattern/],
    ['a git source without revision', { apiVersion: 'kpack.io/v1alpha2', kind: 'Image', spec: { tag: 'a/b', source: { git: { url: 'u' } } } }, /must have required property 'revision'/],
  ])('reject %s', (_case, object, expected) => {
    expect(schemaErrors(object)?.join('\n')).toMatch(expected);
  });
});
