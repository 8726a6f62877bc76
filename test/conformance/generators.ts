/**
 * fast-check generators of kpack objects near the edges of every field: the smallest valid object of each
 * kind (test/rule-cases.ts) with one to four fields set to values from a pool for that field's type.
 * Image references come from go-containerregistry's own test tables (pkg/name/*_test.go of the version
 * kpack pins, read from the Go module cache) and their combinations.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { VALID } from '../rule-cases';
import { Manifest } from '../util';

/** Every string literal of go-containerregistry's pkg/name tests: names good and bad, by design. */
export function minedReferenceShapes(version = 'v0.20.6'): string[] {
  const modcache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const dir = path.join(modcache, 'github.com', 'google', `go-containerregistry@${version}`, 'pkg', 'name');
  const shapes = new Set<string>();
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith('_test.go')).sort()) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const match of source.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
      try {
        shapes.add(JSON.parse(`"${match[1]}"`));
      } catch {
        // a Go escape JSON does not know (\x..): not a name shape
      }
    }
  }
  return [...shapes].filter(s => s.length < 400 && !s.includes('%')).sort();
}

const EDGE_STRINGS = ['', ' ', '  a  ', '\t', 'a', 'A', 'ÄÖÜ', '🚀', 'ｆｕｌｌ', '\u0000', 'a\nb', 'x'.repeat(64), 'x'.repeat(254),
  '-', '.', '..', '_', 'a.b', 'a-b', 'a_b', '1abc', 'null', 'true', '0'];

function strings(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  );
}

/** Image references of every shape: mined ones, valid ones, and their parts recombined. */
export function references(mined: string[]): fc.Arbitrary<string> {
  const registries = ['', 'gcr.io/', 'localhost:5000/', 'registry.example.com/', 'REGISTRY.example.com/', '127.0.0.1:5000/', '[::1]:5000/',
    'index.docker.io/', 'docker.io/', 'https://', 'reg istry/', 'registry:port/', 'a:/', 'registry.example.com:/'];
  const repositories = ['app', 'team/app', 'Making/hello', 'a', 'ab', 'a/b/c/d', 'app_', '_app', 'a..b', 'a__b', 'a---b', 'ä', 'x'.repeat(256), 'app/'];
  const tags = ['', ':', ':1', ':latest', ':v1.0', ':-bad', ':.bad', ':_ok', `:${'t'.repeat(127)}`, `:${'t'.repeat(128)}`, `:${'t'.repeat(129)}`, ':a:b', ': x', ':ä'];
  const digests = ['', `@sha256:${'a'.repeat(64)}`, `@sha256:${'A'.repeat(64)}`, `@sha256:${'a'.repeat(63)}`, `@sha256:${'a'.repeat(65)}`, '@sha256:abc',
    `@sha512:${'a'.repeat(128)}`, `@sh:${'a'.repeat(67)}`, '@', `@sha256:${'g'.repeat(64)}`];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...mined) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...registries), fc.constantFrom(...repositories), fc.constantFrom(...tags), fc.constantFrom(...digests)).map(p => p.join('')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...mined), fc.constantFrom(...tags, ...digests)).map(p => p.join('')) },
    { weight: 1, arbitrary: strings() },
  );
}

export const QUANTITIES: unknown[] = ['1Gi', ' 1Gi ', '1Gi ', '\t2G', '2G', '1K', '1k', '1mi', '1Mi', '1m', '1M', '1Ki', '1Ei', '1E', '1e3', '1E3', '1e-3', '1.5Gi', '.5', '5.',
  '0', '0Gi', '-1', '-1Gi', '+1', '+1Gi', '', ' ', 'abc', '1 Gi', '1GiB', '1gi', '1P', '1Pi', '1T', '1Ti', '1n', '1u', '0.1m', '1e', '1e+', '1.2.3', '1e400', '9'.repeat(30),
  `${'9'.repeat(19)}Ei`, '123456789012345678901234567890Gi', '1Ki1', 'Gi', '--1', '1e1.5', 0, 1, 2.5, -1, 1e21, 'NaN', 'Infinity'];

export const INTEGERS: unknown[] = [0, 1, -1, 2, 10, 2147483647, 2147483648, -2147483648, 9007199254740991, 9007199254740993, 9223372036854775807, 1e19, 1e21, 1.5, -0, '1', '', null, true];

const CREATION_TIMES = ['now', 'Now', '', ' ', '0', '1', '-1', '123456', '1700000000', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '1.5', ' 1', '1 ', '+1', '1e3', 'x', '0x10', '00', '99999999999999999999'];

type Pool = fc.Arbitrary<unknown>;

/** Values for the fields of each kind, by field path under the object. */
function fieldPools(mined: string[]): Record<string, Record<string, Pool>> {
  const ref = references(mined);
  const str = strings();
  const quantity = fc.constantFrom(...QUANTITIES);
  const int = fc.constantFrom(...INTEGERS);
  const objRef = (kinds: string[]) => fc.record({ kind: fc.oneof(fc.constantFrom(...kinds, ''), str), name: fc.oneof(fc.constant('x'), str), namespace: fc.option(str, { nil: undefined }) }, { requiredKeys: [] });
  const serviceAccountRef = fc.option(fc.record({ name: fc.oneof(fc.constant('sa'), str), namespace: fc.oneof(fc.constant('kpack'), str) }, { requiredKeys: [] }), { nil: undefined });
  const resources = fc.record({
    requests: fc.dictionary(fc.constantFrom('cpu', 'memory', 'ephemeral-storage', 'x'), quantity, { maxKeys: 2 }),
    limits: fc.dictionary(fc.constantFrom('cpu', 'memory', 'ephemeral-storage', 'x'), quantity, { maxKeys: 2 }),
  }, { requiredKeys: [] });
  const env = fc.array(fc.record({
    name: fc.oneof(fc.constantFrom('BP_X', 'CNB_X', 'A=B', '.', '..', '1A', 'a-b', 'A'), str),
    value: fc.option(str, { nil: undefined }),
    valueFrom: fc.option(fc.constantFrom({ secretKeyRef: { name: 's', key: 'k' } }, { configMapKeyRef: { name: 'c', key: 'k' } }, { fieldRef: { fieldPath: 'metadata.name' } }), { nil: undefined }),
  }, { requiredKeys: ['name'] }), { maxLength: 3 });
  const services = fc.array(fc.record({ name: fc.oneof(fc.constantFrom('svc', 'a.b', 'A', 'x'.repeat(254)), str), kind: fc.oneof(fc.constantFrom('Secret', 'ConfigMap'), str), apiVersion: fc.option(fc.constant('v1'), { nil: undefined }) }, { requiredKeys: [] }), { maxLength: 3 });
  const nodeSelector = fc.dictionary(fc.oneof(fc.constantFrom('kubernetes.io/os', 'kubernetes.io/arch', 'disktype', 'node.example.com/pool'), str), str, { maxKeys: 3 });
  const source = fc.oneof(
    fc.record({ git: fc.record({ url: fc.oneof(fc.constant('https://github.com/x/y'), str), revision: fc.oneof(fc.constant('main'), str), initializeSubmodules: fc.boolean() }, { requiredKeys: [] }) }),
    fc.record({ blob: fc.record({ url: fc.oneof(fc.constant('https://example.com/a.zip'), str), auth: fc.constantFrom('', 'helper', 'secret', 'Secret', 'x'), stripComponents: int }, { requiredKeys: [] }) }),
    fc.record({ registry: fc.record({ image: ref, imagePullSecrets: fc.constant([{ name: 'p' }]) }, { requiredKeys: [] }) }),
    fc.record({ git: fc.constant({ url: 'u', revision: 'r' }), blob: fc.constant({ url: 'u' }) }),
    fc.record({ subPath: str }),
    fc.constant({}),
  );
  const cache = fc.oneof(
    fc.record({ volume: fc.record({ size: quantity, storageClassName: fc.oneof(fc.constant('fast'), str), persistentVolumeClaimName: str }, { requiredKeys: [] }) }),
    fc.record({ registry: fc.record({ tag: ref }, { requiredKeys: [] }) }),
    fc.record({ volume: fc.constant({ size: '1G' }), registry: fc.constant({ tag: 'registry.example.com/cache' }) }),
    fc.constant({}),
  );
  const annotation = fc.record({ name: str, value: str }, { requiredKeys: [] });
  const cosign = fc.record({ annotations: fc.array(annotation, { maxLength: 2 }) }, { requiredKeys: [] });
  const order = fc.array(fc.record({
    group: fc.array(fc.record({
      id: fc.option(fc.oneof(fc.constant('paketo-buildpacks/go'), str), { nil: undefined }),
      version: fc.option(str, { nil: undefined }),
      image: fc.option(ref, { nil: undefined }),
      name: fc.option(str, { nil: undefined }),
      kind: fc.option(fc.oneof(fc.constantFrom('Buildpack', 'ClusterBuildpack', 'ClusterStore'), str), { nil: undefined }),
      optional: fc.option(fc.boolean(), { nil: undefined }),
    }, { requiredKeys: [] }), { maxLength: 3 }),
  }, { requiredKeys: [] }), { maxLength: 3 });
  const builderSpec: Record<string, Pool> = {
    'spec.tag': ref,
    'spec.stack': objRef(['ClusterStack']),
    'spec.store': objRef(['ClusterStore']),
    'spec.order': order,
    'spec.lifecycle': objRef(['ClusterLifecycle']),
    'spec.additionalLabels': fc.dictionary(str, str, { maxKeys: 2 }),
  };
  const metadataName = fc.oneof(fc.constantFrom('app', 'a'.repeat(63), 'a'.repeat(64), 'app_', '_app', 'App', 'a.b', ''), str);
  return {
    'kpack.io/v1alpha2/Image': {
      'metadata.name': metadataName,
      'spec.tag': ref,
      'spec.additionalTags': fc.array(ref, { maxLength: 3 }),
      'spec.builder': objRef(['Builder', 'ClusterBuilder', 'CustomBuilder']),
      'spec.serviceAccountName': str,
      'spec.source': source,
      'spec.cache': cache,
      'spec.failedBuildHistoryLimit': int,
      'spec.successBuildHistoryLimit': int,
      'spec.imageTaggingStrategy': fc.oneof(fc.constantFrom('', 'None', 'BuildNumber', 'none'), str),
      'spec.build.env': env,
      'spec.build.resources': resources,
      'spec.build.services': services,
      'spec.build.nodeSelector': nodeSelector,
      'spec.build.buildTimeout': int,
      'spec.build.creationTime': fc.constantFrom(...CREATION_TIMES),
      'spec.build.runtimeClassName': str,
      'spec.notary': fc.constantFrom({ v1: { url: 'https://n', secretRef: { name: 's' } } }, {}),
      'spec.cosign': cosign,
      'spec.defaultProcess': str,
      'spec.unknownField': str,
    },
    'kpack.io/v1alpha2/Build': {
      'spec.tags': fc.array(ref, { maxLength: 3 }),
      'spec.builder': fc.record({ image: ref, imagePullSecrets: fc.constant([{ name: 'p' }]) }, { requiredKeys: [] }),
      'spec.serviceAccountName': str,
      'spec.source': source,
      'spec.cache': cache,
      'spec.services': services,
      'spec.env': env,
      'spec.resources': resources,
      'spec.lastBuild': fc.record({ image: ref, stackId: str }, { requiredKeys: [] }),
      'spec.nodeSelector': nodeSelector,
      'spec.activeDeadlineSeconds': int,
      'spec.creationTime': fc.constantFrom(...CREATION_TIMES),
      'spec.cosign': cosign,
      'spec.notary': fc.constantFrom({ v1: { url: 'https://n', secretRef: { name: 's' } } }),
      'spec.defaultProcess': str,
      'spec.runImage': fc.record({ image: ref }, { requiredKeys: [] }),
    },
    'kpack.io/v1alpha2/Builder': { ...builderSpec, 'spec.serviceAccountName': str },
    'kpack.io/v1alpha2/ClusterBuilder': { ...builderSpec, 'spec.serviceAccountRef': serviceAccountRef },
    'kpack.io/v1alpha2/ClusterStack': {
      'spec.id': str,
      'spec.buildImage': fc.record({ image: ref }, { requiredKeys: [] }),
      'spec.runImage': fc.record({ image: ref }, { requiredKeys: [] }),
      'spec.serviceAccountRef': serviceAccountRef,
    },
    'kpack.io/v1alpha2/ClusterStore': {
      'spec.sources': fc.array(fc.record({ image: ref }, { requiredKeys: [] }), { maxLength: 3 }),
      'spec.serviceAccountRef': serviceAccountRef,
    },
    'kpack.io/v1alpha2/Buildpack': { 'spec.image': ref, 'spec.serviceAccountName': str },
    'kpack.io/v1alpha2/ClusterBuildpack': { 'spec.image': ref, 'spec.serviceAccountRef': serviceAccountRef },
    'kpack.io/v1alpha2/ClusterLifecycle': { 'spec.image': ref, 'spec.serviceAccountRef': serviceAccountRef },
    'build.pivotal.io/v1alpha1/Image': {
      'spec.tag': ref,
      'spec.builder': objRef(['Builder', 'ClusterBuilder', 'CustomBuilder', 'CustomClusterBuilder']),
      'spec.serviceAccount': str,
      'spec.source': source,
      'spec.cacheSize': quantity,
      'spec.failedBuildHistoryLimit': int,
      'spec.successBuildHistoryLimit': int,
      'spec.imageTaggingStrategy': fc.oneof(fc.constantFrom('', 'None', 'BuildNumber'), str),
      'spec.build.env': env,
      'spec.build.resources': resources,
    },
    'build.pivotal.io/v1alpha1/Build': {
      'spec.tags': fc.array(ref, { maxLength: 3 }),
      'spec.builder': fc.record({ image: ref }, { requiredKeys: [] }),
      'spec.source': source,
      'spec.env': env,
      'spec.resources': resources,
    },
    'build.pivotal.io/v1alpha1/Builder': { 'spec.image': ref, 'spec.updatePolicy': fc.constantFrom('polling', 'external', '', 'x') },
    'build.pivotal.io/v1alpha1/ClusterBuilder': { 'spec.image': ref, 'spec.updatePolicy': fc.constantFrom('polling', 'external', '', 'x') },
  };
}

/**
 * How a key may be written in another case: Go folds ASCII case, `ſ` to `s` and the Kelvin sign to `k`, but
 * not the dotless `ı` to `i` nor `ß` to `ss` (which JavaScript's upper case does).
 */
const CASE_CHANGES = ['first upper', 'upper', 'long s', 'kelvin', 'dotless i', 'sharp s'] as const;

/** Writes the last key of `fieldPath` in another case, when the object has it. */
function renameKey(object: Manifest, fieldPath: string, change: typeof CASE_CHANGES[number]): void {
  const keys = fieldPath.split('.');
  const parent = keys.slice(0, -1).reduce<any>((at, key) => (at !== null && typeof at === 'object' ? at[key] : undefined), object);
  const key = keys[keys.length - 1];
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent) || !Object.prototype.hasOwnProperty.call(parent, key)) {
    return;
  }
  const renamed = change === 'upper' ? key.toUpperCase()
    : change === 'long s' && key.includes('s') ? key.replace(/s/g, '\u017f')
      : change === 'kelvin' && key.includes('k') ? key.replace(/k/g, '\u212a')
        : change === 'dotless i' && key.includes('i') ? key.replace(/i/g, '\u0131')
          : change === 'sharp s' && key.includes('ss') ? key.replace(/ss/g, '\u00df')
            : key.charAt(0).toUpperCase() + key.slice(1);
  const value = parent[key];
  delete parent[key];
  parent[renamed] = value;
}

function setPath(object: Manifest, fieldPath: string, value: unknown): void {
  const keys = fieldPath.split('.');
  let at: any = object;
  for (const key of keys.slice(0, -1)) {
    if (at[key] === null || typeof at[key] !== 'object') {
      at[key] = {};
    }
    at = at[key];
  }
  if (value === undefined) {
    delete at[keys[keys.length - 1]];
  } else {
    at[keys[keys.length - 1]] = value;
  }
}

export interface Generated {
  readonly object: Manifest;
  /** The library checks objects for a cluster with a default StorageClass, as kpack's install expects. */
  readonly defaultStorageClass: boolean;
}

/** Values of every JSON type, for fields of another type: what Go's decoder refuses in kpack's words. */
const OTHER_JSON_TYPES: unknown[] = [0, 1, -1, 1.5, 1e21, 2147483648, true, false, 'x', '', [], ['x'], [1], [{}], [{ name: 1 }], {}, { a: 1 }, { name: 1 }, { name: 'x', kind: true }];

/** Fields of the metadata, where knative's decoder refuses wrong JSON types too (the timestamp with its own `UnmarshalJSON`). */
const METADATA_FIELDS: Record<string, Pool> = {
  'metadata.labels': fc.constantFrom({ a: 1 }, { a: true }, { a: 'b' }, 'x', ['x'], { a: null }),
  'metadata.annotations': fc.constantFrom({ a: 1 }, { a: {} }, { a: 'b' }, 1),
  'metadata.creationTimestamp': fc.constantFrom(null, 1, true, {}, [], '2026-01-02T03:04:05Z'),
  'metadata.generation': fc.constantFrom(1, -1, 1.5, '1', 9223372036854775807),
  'metadata.finalizers': fc.constantFrom(['a'], [1], 'a', {}),
  'metadata.ownerReferences': fc.constantFrom([{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u', controller: 'yes' }], {}, [1]),
};

/** Every field path of an object: those of its kind's valid object, where a value of another type is a decoding error. */
function fieldPaths(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return at === '' ? [] : [at];
  }
  return [...at === '' ? [] : [at], ...Object.entries(value).flatMap(([key, child]) => fieldPaths(child, at === '' ? key : `${at}.${key}`))];
}

/** Objects of the given kinds (apiVersion/kind), each its kind's valid object with 1 to 4 fields changed. */
export function kpackObjects(mined: string[], types: string[]): fc.Arbitrary<Generated> {
  const pools = fieldPools(mined);
  return fc.constantFrom(...types).chain(type => {
    const fields = pools[type];
    const names = Object.keys(fields);
    // Any field of the kind's valid object or of the pools, with a value of any JSON type.
    const typed = [...new Set([...fieldPaths(VALID[type]), ...names])].filter(p => p !== 'apiVersion' && p !== 'kind');
    const change = fc.oneof(
      {
        weight: 16,
        arbitrary: fc.constantFrom(...names).chain(field => fc.oneof(
          { weight: 9, arbitrary: fields[field] },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ).map(value => [field, value] as const)),
      },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...typed), fc.constantFrom(...OTHER_JSON_TYPES)) },
      // The metadata comes before the spec in the decoder's order: a wrong type there hides the spec's problems.
      {
        weight: 1,
        arbitrary: fc.constantFrom(...Object.keys(METADATA_FIELDS)).chain(field => METADATA_FIELDS[field].map(value => [field, value] as const)),
      },
    );
    const changes = fc.array(change, { minLength: 1, maxLength: 4 });
    // One object in eight has a key in another case, which Go matches to its field all the same.
    const renames = fc.oneof(
      { weight: 7, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom(...typed), fc.constantFrom(...CASE_CHANGES)), { minLength: 1, maxLength: 2 }) },
    );
    return fc.tuple(changes, renames).map(([chosen, renamed]) => {
      const object: Manifest = JSON.parse(JSON.stringify(VALID[type]));
      for (const [field, value] of chosen) {
        setPath(object, field, value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
      }
      for (const [field, caseChange] of renamed) {
        renameKey(object, field, caseChange);
      }
      return { object, defaultStorageClass: true };
    });
  });
}

export const V1ALPHA2_TYPES = Object.keys(VALID).filter(t => t.startsWith('kpack.io/v1alpha2/'));
export const V1ALPHA1_TYPES = Object.keys(VALID).filter(t => t.startsWith('build.pivotal.io/v1alpha1/'));
