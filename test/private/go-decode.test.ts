import * as fs from 'fs';
import * as path from 'path';
import { decodeAsKpack } from '../../src/private/validation/go-decode';

/** The smallest valid Image of kpack v0.17+, with `spec` changed. */
function image(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'app' }) {
  return {
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'Image',
    metadata,
    spec: { tag: 'registry.example.com/app', builder: { kind: 'ClusterBuilder', name: 'default' }, source: { git: { url: 'https://git.example.com/app', revision: 'main' } }, ...spec },
  };
}

/** The one message of decoding `object` with kpack `version`'s Go types, or undefined. */
function decodeMessage(object: unknown, version = '0.17.2', kind = 'kpack.io/v1alpha2/Image'): string | undefined {
  const { errors } = decodeAsKpack(object, version, kind);
  expect(errors.length).toBeLessThanOrEqual(1);
  return errors[0]?.message;
}

// Every message below is what kpack's webhook code says of the same object (conformance/, the oracles).
describe('decoding as kpack\'s webhook does (Go\'s encoding/json over kpack\'s types)', () => {
  test('a valid object decodes', () => {
    const valid = image({});
    expect(decodeAsKpack(valid, '0.17.2', 'kpack.io/v1alpha2/Image')).toEqual({ errors: [], object: valid });
  });

  test('a number for a string field is Go\'s type error, naming the struct, the field and the Go type', () => {
    // WHEN
    const { errors } = decodeAsKpack(image({ tag: 42 }), '0.17.2', 'kpack.io/v1alpha2/Image');
    // THEN
    expect(errors).toEqual([{
      message: 'cannot decode incoming new object: json: cannot unmarshal number into Go struct field ImageSpec.spec.tag of type string',
      paths: [],
      decode: true,
      hint: 'the value of spec.tag does not decode',
    }]);
  });

  test('each JSON type is named as Go names it, and a struct, list or map by its Go type', () => {
    expect(decodeMessage(image({ tag: true }))).toContain('cannot unmarshal bool into Go struct field ImageSpec.spec.tag of type string');
    expect(decodeMessage(image({ tag: ['a'] }))).toContain('cannot unmarshal array into Go struct field ImageSpec.spec.tag of type string');
    expect(decodeMessage(image({ tag: {} }))).toContain('cannot unmarshal object into Go struct field ImageSpec.spec.tag of type string');
    expect(decodeMessage(image({ builder: 'default' }))).toContain('cannot unmarshal string into Go struct field ImageSpec.spec.builder of type v1.ObjectReference');
    expect(decodeMessage(image({ additionalTags: 'registry.example.com/b' }))).toContain('cannot unmarshal string into Go struct field ImageSpec.spec.additionalTags of type []string');
    expect(decodeMessage(image({ build: { nodeSelector: ['a'] } }))).toContain('cannot unmarshal array into Go struct field ImageBuild.spec.build.nodeSelector of type map[string]string');
  });

  test('a list item and a map value are named by the field that holds them; the hint gives the item', () => {
    // WHEN
    const env = decodeAsKpack(image({ build: { env: [{ name: 'A', value: 'a' }, { name: 1 }] } }), '0.17.2', 'kpack.io/v1alpha2/Image').errors;
    const nodeSelector = decodeAsKpack(image({ build: { nodeSelector: { pool: true } } }), '0.17.2', 'kpack.io/v1alpha2/Image').errors;
    // THEN
    expect(env[0].message).toBe('cannot decode incoming new object: json: cannot unmarshal number into Go struct field EnvVar.spec.build.env.name of type string');
    expect(env[0].hint).toBe('the value of spec.build.env[1].name does not decode');
    expect(nodeSelector[0].message).toContain('cannot unmarshal bool into Go struct field ImageBuild.spec.build.nodeSelector of type string');
  });

  test('a field reached through an embedded struct is named through it, as Go 1.24 and later do', () => {
    // GIVEN a Builder, whose spec embeds BuilderSpec
    const builder = { apiVersion: 'kpack.io/v1alpha2', kind: 'Builder', metadata: { name: 'b' }, spec: { tag: 'registry.example.com/b', stack: { name: 1 } } };
    // THEN
    expect(decodeMessage(builder, '0.17.2', 'kpack.io/v1alpha2/Builder'))
      .toBe('cannot decode incoming new object: json: cannot unmarshal number into Go struct field ObjectReference.spec.BuilderSpec.stack.name of type string');
  });

  test('integers must be integers that fit: the literal is named', () => {
    expect(decodeMessage(image({ failedBuildHistoryLimit: 1.5 }))).toContain('cannot unmarshal number 1.5 into Go struct field ImageSpec.spec.failedBuildHistoryLimit of type int64');
    expect(decodeMessage(image({ failedBuildHistoryLimit: 1e21 }))).toContain('cannot unmarshal number 1e+21 into Go struct field ImageSpec.spec.failedBuildHistoryLimit of type int64');
    expect(decodeMessage(image({ failedBuildHistoryLimit: '1' }))).toContain('cannot unmarshal string into Go struct field ImageSpec.spec.failedBuildHistoryLimit of type int64');
    expect(decodeMessage(image({ failedBuildHistoryLimit: -9007199254740991 }))).toBeUndefined();
  });

  test('the first type error in the order of sorted keys is the one reported: metadata before spec, builder before tag', () => {
    expect(decodeMessage(image({ tag: 1, builder: 2 }, { name: 'app', labels: { a: 1 } })))
      .toContain('cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    expect(decodeMessage(image({ tag: 1, builder: 2 }))).toContain('ImageSpec.spec.builder of type v1.ObjectReference');
  });

  test('a quantity that does not parse stops the decoding, and is the error even after a type error', () => {
    // GIVEN a type error (spec.build.env) before a bad quantity (spec.build.resources) in the decoder's order
    const object = image({ build: { env: 'x', resources: { limits: { memory: '1 Gi' } } } });
    // THEN
    expect(decodeMessage(object)).toBe('cannot decode incoming new object: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'');
  });

  test('a timestamp that is not a string stops the decoding with the error of its own decoder; null decodes', () => {
    expect(decodeMessage(image({}, { name: 'app', creationTimestamp: 5 })))
      .toBe('cannot decode incoming new object: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string');
    expect(decodeMessage(image({}, { name: 'app', creationTimestamp: null }))).toBeUndefined();
  });

  test('null decodes into any field, unknown fields are ignored, and keys match case-insensitively as in Go', () => {
    expect(decodeMessage(image({ tag: null, builder: null, unknownField: 1 }))).toBeUndefined();
    expect(decodeMessage(image({ Tag: 1 }))).toContain('ImageSpec.spec.tag of type string');
    expect(decodeMessage(image({ \u017fource: 1 }))).toContain('ImageSpec.spec.source of type v1alpha1.SourceConfig');
    // Go folds neither the dotless i nor ß to ASCII letters: those keys are unknown fields, ignored
    expect(decodeMessage(image({ cache: { volume: { s\u0131ze: 'x' } }, \u0131mageTaggingStrategy: 1, cla\u00dfName: 1 }))).toBeUndefined();
  });

  test('keys Go matched without regard to case are written as the fields\' names, as kpack\'s rules read them', () => {
    // GIVEN keys in another case, one of them twice for one field, and keys of a map and an unknown field
    const object = {
      ...image({}),
      spec: {
        Tag: 'registry.example.com/app',
        BUILDER: { kind: 'ClusterBuilder', name: 'default' },
        source: { git: { url: 'u', Revision: 'main' } },
        build: { NodeSelector: { Pool: 'a' }, env: [{ Name: 'A' }] },
        additionalTags: [],
        AdditionalTags: [],
        Unknown: 1,
      },
    };
    // WHEN
    const decoded = decodeAsKpack(object, '0.17.2', 'kpack.io/v1alpha2/Image');
    // THEN
    expect(decoded.errors).toEqual([]);
    expect(decoded.object.spec).toEqual({
      tag: 'registry.example.com/app',
      builder: { kind: 'ClusterBuilder', name: 'default' },
      source: { git: { url: 'u', revision: 'main' } },
      build: { nodeSelector: { Pool: 'a' }, env: [{ name: 'A' }] },
      additionalTags: [],
      AdditionalTags: [],
      Unknown: 1,
    });
    expect(object.spec.Tag).toBe('registry.example.com/app');
  });

  test('kpack v0.0.8\'s types: a build.pivotal.io/v1alpha1 Image', () => {
    // GIVEN
    const legacy = { apiVersion: 'build.pivotal.io/v1alpha1', kind: 'Image', metadata: { name: 'app' }, spec: { tag: 'registry.example.com/app', serviceAccount: 7 } };
    // THEN
    expect(decodeMessage(legacy, '0.0.8', 'build.pivotal.io/v1alpha1/Image')).toContain('cannot unmarshal number into Go struct field ImageSpec.spec.serviceAccount of type string');
  });

  test('a kind without Go types here decodes without error', () => {
    expect(decodeAsKpack({ spec: { tag: 1 } }, '0.17.2', 'kpack.io/v1alpha2/Unknown').errors).toEqual([]);
  });

  test('the Go types are vendored for every kpack version with rules, each naming every kind of its webhook', () => {
    // GIVEN
    const dir = path.join(__dirname, '..', '..', 'assets', 'kpack');
    // THEN
    for (const [version, kinds] of [['0.17.2', 9], ['0.18.0', 9], ['0.0.8', 4]] as const) {
      const types = JSON.parse(fs.readFileSync(path.join(dir, `go-types-${version}.json`), 'utf8'));
      expect(Object.keys(types.kinds)).toHaveLength(kinds);
    }
  });
});
