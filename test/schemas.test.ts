import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { FIXTURES, Manifest, schemaErrors } from './util';
import { literalCredentialsWarning, takeWarnings } from './warnings';

const SAMPLES = path.join(FIXTURES, 'kpack-samples');

/** kpack's samples as objects: whole manifests, and spec fragments set into a minimal Image or Build. */
function samples(): Array<[string, Manifest]> {
  const files = ['samples', 'docs'].flatMap(dir => fs.readdirSync(path.join(SAMPLES, dir)).map(f => path.join(dir, f)));
  return files.flatMap(file => parseAllDocuments(fs.readFileSync(path.join(SAMPLES, file), 'utf8'))
    // a doc block may end in prose (`...`): keep the documents that parse
    .filter(document => document.errors.length === 0)
    .map(document => document.toJS())
    .filter(object => object && typeof object === 'object')
    .map((object, i): [string, Manifest] => [`${file}#${i + 1}`, object.apiVersion || !/(image|build)-/.test(file) ? object : asSpecOf(file, object)])
    .filter(([, object]) => object.apiVersion === 'kpack.io/v1alpha2'));
}

function asSpecOf(file: string, fragment: Manifest): Manifest {
  const source = { git: { url: 'https://github.com/example/app', revision: 'main' } };
  return file.includes('build-')
    ? { apiVersion: 'kpack.io/v1alpha2', kind: 'Build', metadata: { name: 'sample' }, spec: { tags: ['example/app'], builder: { image: 'example/builder' }, source, ...fragment } }
    : { apiVersion: 'kpack.io/v1alpha2', kind: 'Image', metadata: { name: 'sample' }, spec: { tag: 'example/app', source, ...fragment } };
}
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
    expect(takeWarnings()).toEqual(STEPS.map(() => literalCredentialsWarning('tutorial/registry-credentials', 'tutorial-registry-credentials', 'DOCKER_CONFIG_JSON')));
  });

  test('accept every kpack.io/v1alpha2 sample of kpack\'s repository and docs', () => {
    const all = samples();
    expect(all.length).toBeGreaterThanOrEqual(35);
    expect(new Set(all.map(([, o]) => o.kind))).toEqual(new Set(['Image', 'Build', 'Builder', 'ClusterBuilder', 'ClusterStack', 'ClusterStore', 'Buildpack', 'ClusterBuildpack']));
    expect(all.map(([name, object]) => [name, schemaErrors(object, { strict: false })])).toEqual(all.map(([name]) => [name, []]));
  });

  test('find in kpack\'s samples only the stale fields kpack itself ignores (which strict field validation reports)', () => {
    const unknown = samples()
      .map(([name, object]) => [name, schemaErrors(object)!.map(e => JSON.parse(e.slice(e.indexOf('{'))).additionalProperty)])
      .filter(([, fields]) => fields.length > 0);
    expect(unknown).toEqual([
      // v1alpha1's name of serviceAccountName: kpack v0.17 drops it and builds with the "default" service account
      ['samples/image_from_blob_url.yaml#1', ['serviceAccount']],
      // an old name of the cache size: kpack v0.17 drops it, and the Image gets kpack's default cache
      ['samples/image_with_cache.yaml#1', ['request']],
      // the buildpack image is `spec.image` in kpack v0.17's types; kpack drops `spec.source`
      ['docs/buildpacks-1.yaml#1', ['source']],
      ['docs/buildpacks-2.yaml#1', ['source']],
    ]);
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
