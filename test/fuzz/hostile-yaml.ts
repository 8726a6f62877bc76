/**
 * Generators of hostile kpack YAML: objects of every kind migrate and validate read, with strings from the
 * full Unicode range (lone surrogates included: the YAML writer escapes them in double quotes, so the file
 * holds Unicode scalar values only), code-like fragments, prototype member names, wrong types, -0, null,
 * NaN and empty values in every position.
 */
import * as fc from 'fast-check';
import { stringify } from 'yaml';

const FRAGMENTS = [
  '\n', '\r', '\r\n', '\u2028', '\u2029', '\u0000', '\u001b[31m', '\u0085', '\ufeff', '\ud800', '\udfff', "'", '"', '`', '\\', '${', '}',
  '*/', '/*', '//', '<!--', ');', '});', "require('fs').writeFileSync('/tmp/cdk8s-kpack-pwned', 'x')",
  '(globalThis as any).pwned = 1', "import('child_process')", '__proto__', 'constructor', 'prototype', 'toString',
  'hasOwnProperty', 'ClusterBuilder', 'Builder', 'ClusterStack', 'ClusterStore', 'ClusterLifecycle', 'Buildpack',
  'ClusterBuildpack', 'secret', 'helper', 'None', 'BuildNumber', 'polling', 'kpack.io/v1alpha2', 'build.pivotal.io/v1alpha1',
  'https://user:p@ss/w@host', '~1', '/', '-', 'a', '0',
];

/** A string for any position: full-range Unicode, fragments of code, or both. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(...FRAGMENTS),
  fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 6 }).map(parts => parts.join('')),
);

const hostileNumber = fc.oneof(fc.constantFrom(-0, 0, NaN, Infinity, -Infinity, 1e21, 2 ** 53 + 2, -1), fc.integer(), fc.double());

/** An object built from entries with own properties (so `__proto__` is a key, not the prototype). */
function fromEntries(entries: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

const { json: hostileJson } = fc.letrec<{ json: unknown }>(tie => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString, hostileNumber, fc.boolean(), fc.constant(null),
    fc.array(tie('json'), { maxLength: 3 }),
    fc.array(fc.tuple(hostileString, tie('json')), { maxLength: 3 }).map(fromEntries),
  ),
}));
export { hostileJson };

function recordOf(fields: Record<string, fc.Arbitrary<unknown>>, leftovers: number): fc.Arbitrary<Record<string, unknown>> {
  // Leftover keys, some of them prototype member names, now and then.
  const requiredKeys = leftovers > 10 ? Object.keys(fields).filter(k => !['cache', 'cosign', 'build', 'lifecycle', 'blob', 'registry', 'subPath', 'additionalTags'].includes(k)) : [];
  return fc.tuple(fc.record(fields, { requiredKeys }), fc.array(fc.tuple(hostileString, hostileJson), { maxLength: 2 }), fc.nat(leftovers))
    .map(([base, extra, n]) => fromEntries([...Object.entries(base).filter(([, v]) => v !== undefined), ...(n === 0 ? extra : [])]));
}

/**
 * Objects whose fields are of the right kind `valid` times in `valid + 2`: a low weight gives junk in every
 * field, a high one objects that typed constructs write (with hostile strings where any string is allowed).
 */
function objects(valid: number): fc.Arbitrary<Record<string, unknown>> {
  const mostly = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> =>
    fc.oneof({ weight: valid, arbitrary }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: hostileJson });
  const record = (fields: Record<string, fc.Arbitrary<unknown>>) => recordOf(fields, valid);

  const name = mostly(fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), hostileString));
  const stringMap = mostly(fc.array(fc.tuple(hostileString, hostileString), { minLength: 1, maxLength: 3 }).map(fromEntries));
  const metadata = mostly(record({ name, namespace: mostly(fc.constantFrom('default', 'apps', '__proto__')), labels: stringMap, annotations: stringMap }));
  const ref = (kinds: string[]) => mostly(record({ kind: mostly(fc.constantFrom(...kinds)), name }));
  const accountRef = mostly(record({ name, namespace: mostly(fc.constantFrom('default', 'kpack')) }));
  const image = mostly(fc.constantFrom('registry.example.com/app', 'paketobuildpacks/builder:base'));
  const source = mostly(record({
    git: mostly(record({ url: mostly(fc.constant('https://github.com/example/app')), revision: mostly(fc.constant('main')), initializeSubmodules: mostly(fc.boolean()) })),
    blob: mostly(record({ url: mostly(fc.constant('https://example.com/app.tgz')), auth: mostly(fc.constantFrom('secret', 'helper')), stripComponents: mostly(fc.integer({ min: 0, max: 3 })) })),
    registry: mostly(record({ image, imagePullSecrets: mostly(fc.array(record({ name }), { minLength: 1, maxLength: 2 })) })),
    subPath: mostly(fc.constant('app')),
  }));

  const SPECS: Record<string, fc.Arbitrary<unknown>> = {
    'kpack.io/v1alpha2/Image': record({
      tag: image,
      additionalTags: mostly(fc.array(image, { minLength: 1, maxLength: 2 })),
      builder: ref(['ClusterBuilder', 'Builder']),
      source,
      serviceAccountName: name,
      imageTaggingStrategy: mostly(fc.constantFrom('None', 'BuildNumber')),
      successBuildHistoryLimit: mostly(fc.integer({ min: 0, max: 10 })),
      cache: mostly(record({ volume: mostly(record({ size: mostly(fc.constantFrom('2Gi', '1.5Gi', '100M', '3Ti')) })), registry: mostly(record({ tag: image })) })),
      cosign: mostly(record({
        annotations: mostly(fc.array(record({ name: hostileString, value: hostileString }), { minLength: 1, maxLength: 2 })),
      })),
      build: mostly(record({ env: mostly(fc.array(record({ name: hostileString, value: hostileString }), { minLength: 1, maxLength: 2 })) })),
    }),
    'kpack.io/v1alpha2/ClusterBuilder': record({
      tag: image,
      stack: ref(['ClusterStack']),
      store: ref(['ClusterStore']),
      lifecycle: ref(['ClusterLifecycle']),
      serviceAccountRef: accountRef,
      order: mostly(fc.array(record({ group: mostly(fc.array(record({ id: hostileString, name, kind: mostly(fc.constantFrom('Buildpack', 'ClusterBuildpack')), optional: mostly(fc.boolean()) }), { minLength: 1, maxLength: 2 })) }), { minLength: 1, maxLength: 2 })),
      additionalLabels: stringMap,
    }),
    'kpack.io/v1alpha2/ClusterStack': record({ id: hostileString, buildImage: mostly(record({ image })), runImage: mostly(record({ image })) }),
    'kpack.io/v1alpha2/ClusterStore': record({ sources: mostly(fc.array(record({ image }), { minLength: 1, maxLength: 2 })), serviceAccountRef: accountRef }),
    'kpack.io/v1alpha2/Build': record({ tags: mostly(fc.array(image, { minLength: 1, maxLength: 2 })), builder: mostly(record({ image })), source, serviceAccountName: name }),
    'build.pivotal.io/v1alpha1/Image': record({ tag: image, builder: ref(['ClusterBuilder', 'Builder']), serviceAccount: name, cacheSize: mostly(fc.constantFrom('2Gi', '1.5Gi')), source, imageTaggingStrategy: mostly(fc.constantFrom('None', 'BuildNumber')) }),
    'build.pivotal.io/v1alpha1/ClusterBuilder': record({ image, updatePolicy: mostly(fc.constantFrom('polling', 'external')) }),
  };

  const kpackObject = fc.constantFrom(...Object.keys(SPECS)).chain(type => {
    const slash = type.lastIndexOf('/');
    return fc.record({ apiVersion: mostly(fc.constant(type.slice(0, slash))), kind: mostly(fc.constant(type.slice(slash + 1))), metadata, spec: SPECS[type] }, { requiredKeys: ['apiVersion', 'kind'] });
  });

  const secret = fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Secret'),
    metadata: record({ name, annotations: mostly(record({ 'kpack.io/git': hostileString, 'kpack.io/docker': hostileString })) }),
    type: mostly(fc.constantFrom('kubernetes.io/basic-auth', 'kubernetes.io/ssh-auth', 'kubernetes.io/dockerconfigjson')),
    stringData: mostly(record({ 'username': hostileString, 'password': hostileString, 'ssh-privatekey': hostileString })),
  }, { requiredKeys: ['apiVersion', 'kind', 'metadata'] });

  const serviceAccount = fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('ServiceAccount'),
    metadata,
    secrets: mostly(fc.array(record({ name }), { minLength: 1, maxLength: 2 })),
    imagePullSecrets: mostly(fc.array(record({ name }), { minLength: 1, maxLength: 2 })),
    automountServiceAccountToken: mostly(fc.boolean()),
  }, { requiredKeys: ['apiVersion', 'kind'] });

  const anyObject = fc.record({ apiVersion: hostileString, kind: hostileString, metadata, spec: hostileJson }, { requiredKeys: ['apiVersion', 'kind'] });
  return fc.oneof(kpackObject, kpackObject, secret, serviceAccount, anyObject) as fc.Arbitrary<Record<string, unknown>>;
}

/** A hostile object of any kind migrate and validate read. */
export const hostileObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof(objects(3), objects(40));

/** A YAML stream of hostile objects, written as a YAML writer would (the file is valid UTF-8 text). */
export const hostileYaml: fc.Arbitrary<{ objects: Array<Record<string, unknown>>; text: string }> =
  fc.array(hostileObject, { minLength: 1, maxLength: 4 }).map(list => ({ objects: list, text: list.map(o => stringify(o)).join('---\n') }));
