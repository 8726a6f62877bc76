/**
 * The units `migrate` is tested on (the vendored corpus, kpack's documentation, the kpack v0.0.8 tutorial,
 * the tutorial and examples of this library), and what "the same objects" means: objects compare as the API
 * server stores them after kpack's defaulting. Shared by `test/cli/migrate-corpus.test.ts` (a few units)
 * and `scripts/migrate-corpus.ts` (all of them, compiled strictly in one program).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { FIXTURES, Manifest, objectKey, readManifests } from './util';
import { STEPS, TutorialChart } from '../examples/tutorial/tutorial';
import { EXAMPLE_CHARTS } from '../scripts/synth-examples';
import { MigrateOptions, MigrationTarget } from '../src/cli/migrate';
import { parseQuantity } from '../src/private/quantity';
import { RULE_TABLES, validateKpackObject } from '../src/private/validation';

export const CORPUS = path.join(FIXTURES, 'migrate-corpus');

/**
 * A change `migrate` makes on purpose, so that the code means what the YAML meant: applied to the
 * expected objects of the units that list it, and asserted on its own in `test/cli/migrate-convert.test.ts`.
 */
export const INTENTIONAL: Record<string, (object: Manifest) => Manifest> = {
  /** kpack v0.0.5's `spec.builderRef: name` is `spec.builder: {kind: Builder, name}` since v0.0.6. */
  'builder-ref': object => {
    if (object.kind !== 'Image' || object.spec?.builderRef === undefined) {
      return object;
    }
    const { builderRef, ...spec } = object.spec;
    return { ...object, spec: { ...spec, builder: { kind: 'Builder', name: builderRef } } };
  },
  /** A kpack.io/v1alpha2 object with v1alpha1's `spec.serviceAccount`, which kpack v0.17 drops. */
  'stale-service-account': object => {
    if (object.apiVersion !== 'kpack.io/v1alpha2' || object.spec?.serviceAccount === undefined) {
      return object;
    }
    const { serviceAccount, ...spec } = object.spec;
    return { ...object, spec: { ...spec, serviceAccountName: serviceAccount } };
  },
  /** An Image's cache `volume.request`, an old name of `volume.size`. */
  'stale-cache-request': object => {
    const volume = object.spec?.cache?.volume;
    if (object.kind !== 'Image' || volume?.request === undefined) {
      return object;
    }
    const { request, ...rest } = volume;
    return { ...object, spec: { ...object.spec, cache: { ...object.spec.cache, volume: { ...rest, size: request } } } };
  },
  /** A Buildpack's `spec.source.image`, which kpack v0.17 reads as `spec.image`. */
  'stale-buildpack-source': object => {
    if (!['Buildpack', 'ClusterBuildpack'].includes(object.kind) || object.spec?.source === undefined) {
      return object;
    }
    const { source, ...spec } = object.spec;
    return { ...object, spec: { ...spec, image: source.image } };
  },
};

/** kpack's documentation examples `migrate` refuses, and why. */
const DOCS_FAILURES: Record<string, RegExp> = {
  // The sample declares two Images of one name: `kubectl apply` would keep only the second.
  'kpack-docs-samples-image_with_cache': /Image sample-with-volume-cache \(kpack.io\/v1alpha2\): written 2 times \(objects 1, 2\)/,
};

/** kpack's documentation examples with stale fields kpack v0.17 drops. */
const DOCS_INTENTIONAL: Record<string, string[]> = {
  'kpack-docs-samples-image_from_blob_url': ['stale-service-account'],
  'kpack-docs-samples-image_with_cache': ['stale-cache-request'],
  'kpack-docs-docs-buildpacks-1': ['stale-buildpack-source'],
  'kpack-docs-docs-buildpacks-2': ['stale-buildpack-source'],
};

export interface MigrateUnit {
  /** A name for the unit, also its directory in the script's output. */
  readonly name: string;
  /** The objects, as the YAML says them. */
  readonly objects: () => Manifest[];
  readonly options?: MigrateOptions;
  /** Names of `INTENTIONAL` transformations the expected objects get. */
  readonly intentional?: string[];
  /**
   * kpack's webhook rejects an object of the unit (documentation templates with `<PLACEHOLDERS>`): the
   * migrated chart must fail at synth on the same fields, instead of round-tripping.
   */
  readonly rejectedByKpack?: boolean;
  /** `migrate` refuses the unit with this error. */
  readonly failure?: RegExp;
}

function corpusFiles(...files: string[]): () => Manifest[] {
  return () => files.flatMap(file => readManifests(path.join(CORPUS, file)));
}

function directory(dir: string): () => Manifest[] {
  return () => fs.readdirSync(path.join(CORPUS, dir)).filter(f => /\.ya?ml$/.test(f)).sort()
    .flatMap(file => readManifests(path.join(CORPUS, dir, file)));
}

const SEED_STEPS: Record<number, string[]> = {
  1: ['01-cluster-builder.yml', '02-secret.yml', '03-service-account.yml', '04-hello-golang.yml'],
  2: ['01-cluster-builder.yml', '02-secret.yml', '03-service-account.yml', '05-hello-golang-revision-bump.yml'],
  3: ['06-cluster-builder-tiny.yml', '02-secret.yml', '03-service-account.yml', '05-hello-golang-revision-bump.yml'],
};

/** The kpack v0.0.8 tutorial (build.pivotal.io) at one of its steps. */
export function seedStep(step: number): Manifest[] {
  return SEED_STEPS[step].flatMap(file => readManifests(path.join(FIXTURES, 'tutorial', file)));
}

/** `--to v1alpha2`'s inputs for the tutorial: where converted builders are pushed, with which account. */
export const TO_V1ALPHA2: MigrateOptions = {
  to: MigrationTarget.V1ALPHA2,
  builderRepository: 'registry.example.com/builders',
  builderServiceAccount: 'kpack/builder-pusher',
};

/** kpack's documentation examples that are whole manifests (fragments are not files anyone applies). */
function kpackDocs(): MigrateUnit[] {
  const root = path.join(FIXTURES, 'kpack-samples');
  return ['docs', 'samples'].flatMap(dir => fs.readdirSync(path.join(root, dir)).sort()
    .filter(file => readManifests(path.join(root, dir, file)).every(o => o.apiVersion !== undefined))
    .map(file => {
      const name = `kpack-docs-${dir}-${file.replace(/\.yaml$/, '')}`;
      const objects = readManifests(path.join(root, dir, file));
      const intentional = DOCS_INTENTIONAL[name] ?? [];
      const rejectedByKpack = objects.some(o => (validateKpackObject(intentional.reduce((x, t) => INTENTIONAL[t](x), o)) ?? []).length > 0);
      return { name, objects: () => readManifests(path.join(root, dir, file)), intentional, rejectedByKpack, failure: DOCS_FAILURES[name] };
    }));
}

/** Every unit: the vendored corpus first, then kpack's documentation, the tutorials and the examples. */
export function migrateUnits(): MigrateUnit[] {
  return [
    { name: 'epinio', objects: directory('epinio/kpack') },
    { name: 'spring-petclinic-microservices', objects: directory('spring-petclinic-microservices/kpack') },
    { name: 'korifi', objects: directory('korifi/config/kpack') },
    { name: 'kpack-cli-image', objects: corpusFiles('kpack-cli/image/image.yaml') },
    { name: 'kpack-cli-image-without-namespace', objects: corpusFiles('kpack-cli/image/image-without-namespace.yaml') },
    { name: 'kpack-cli-test-image', objects: corpusFiles('kpack-cli/image/test-image.yaml') },
    { name: 'kpack-cli-custom-builder', objects: corpusFiles('kpack-cli/builder/builder-without-namespace.yaml') },
    { name: 'kpack-samples-build', objects: corpusFiles('kpack/samples/build.yaml') },
    { name: 'kpack-samples-image-from-git', objects: corpusFiles('kpack/samples/image_from_git.yaml') },
    { name: 'kpack-samples-cluster-builder', objects: corpusFiles('kpack/samples/cluster_builder.yaml') },
    { name: 'kpack-samples-image', objects: corpusFiles('kpack/samples/image.yaml'), intentional: ['builder-ref'] },
    ...kpackDocs(),
    ...[1, 2, 3].map(step => ({ name: `seed-tutorial-${step}`, objects: () => seedStep(step) })),
    ...[1, 2, 3].map(step => ({
      name: `tutorial-${step}`,
      objects: () => Testing.synth(new TutorialChart(Testing.app(), 'tutorial', { step: STEPS[step - 1], dockerHub: { username: 'making', password: 'changeme' } })),
    })),
    ...EXAMPLE_CHARTS.map(([name, create]) => ({ name: `example-${name}`, objects: () => quietly(() => Testing.synth(create(new App()) as Chart)) })),
  ];
}

/** The YAML stream `migrate` reads for a unit. */
export function unitYaml(unit: MigrateUnit): string {
  return unit.objects().map(o => stringify(o)).join('---\n');
}

/** The objects a unit's chart must synthesize: the input with its unit's intentional transformations. */
export function expectedObjects(unit: MigrateUnit): Manifest[] {
  return unit.objects().map(o => (unit.intentional ?? []).reduce((object, name) => INTENTIONAL[name](object), o));
}

/** Runs `f` with stderr muted: the synth warnings of a unit's source (its credentials) are not what migrate is checked on. */
export function quietly<T>(f: () => T): T {
  const write = process.stderr.write;
  process.stderr.write = () => true;
  try {
    return f();
  } finally {
    process.stderr.write = write;
  }
}

const CLUSTER_SCOPED = new Set(['ClusterBuilder', 'ClusterStore', 'ClusterStack', 'ClusterLifecycle', 'ClusterBuildpack']);
const DEFAULTS = new Map(RULE_TABLES.filter(t => t.defaults).map(t => [`${t.apiVersion}/${t.kind}`, t.defaults!]));

/**
 * kpack's conversion of kpack.io/v1alpha1 (pkg/apis/build/v1alpha1/*_conversion.go), re-stated for the
 * tests: kpack v0.17 stores every kpack object as kpack.io/v1alpha2.
 */
function fromV1alpha1(object: Manifest): Manifest {
  if (object.apiVersion !== 'kpack.io/v1alpha1') {
    return object;
  }
  const { serviceAccount, cacheSize, cacheName, ...spec } = object.spec ?? {};
  if (serviceAccount !== undefined) spec.serviceAccountName = serviceAccount;
  if (cacheSize !== undefined) spec.cache = { volume: { size: cacheSize } };
  if (cacheName !== undefined) spec.cache = { volume: { persistentVolumeClaimName: cacheName } };
  return { ...object, apiVersion: 'kpack.io/v1alpha2', spec };
}

/** A quantity as its exact value, so that `1536Mi` and `1.5Gi` compare equal. */
function quantity(value: unknown): unknown {
  const parsed = typeof value === 'string' || typeof value === 'number' ? parseQuantity(String(value)) : undefined;
  if (!parsed) {
    return value;
  }
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  const divisor = gcd(parsed.numerator, parsed.denominator);
  return `${parsed.numerator / divisor}/${parsed.denominator / divisor}`;
}

function quantities(holder: Record<string, unknown> | undefined): void {
  for (const [key, value] of Object.entries(holder ?? {})) {
    holder![key] = quantity(value);
  }
}

/**
 * Objects as the API server stores them after kpack's defaulting webhook: server-written fields gone, the
 * namespace of cluster-scoped objects ignored, kpack.io/v1alpha1 converted, kpack's defaults set, the
 * Kubernetes defaults of Secrets and ServiceAccounts, an empty `resources` (which kpack always writes)
 * gone, and quantities by value. Sorted by kind, namespace and name.
 */
export function asStored(objects: Manifest[]): Manifest[] {
  return objects.map(original => {
    let copy: Manifest = JSON.parse(JSON.stringify(original));
    delete copy.status;
    for (const field of ['creationTimestamp', 'resourceVersion', 'uid', 'generation', 'managedFields', 'selfLink']) {
      delete copy.metadata?.[field];
    }
    if (CLUSTER_SCOPED.has(copy.kind)) {
      delete copy.metadata?.namespace;
    }
    copy = fromV1alpha1(copy);
    const defaults = DEFAULTS.get(`${copy.apiVersion}/${copy.kind}`);
    if (defaults) {
      copy = JSON.parse(JSON.stringify(defaults(copy)));
    }
    if (copy.kind === 'Secret' && copy.immutable === false) delete copy.immutable;
    if (copy.kind === 'ServiceAccount' && copy.automountServiceAccountToken === true) delete copy.automountServiceAccountToken;
    for (const holder of [copy.spec?.build, copy.spec]) {
      if (holder?.resources && Object.keys(holder.resources).length === 0) delete holder.resources;
      quantities(holder?.resources?.requests);
      quantities(holder?.resources?.limits);
    }
    if (copy.spec?.build && Object.keys(copy.spec.build).length === 0) delete copy.spec.build;
    if (copy.spec?.cacheSize !== undefined) copy.spec.cacheSize = quantity(copy.spec.cacheSize);
    if (copy.spec?.cache?.volume?.size !== undefined) copy.spec.cache.volume.size = quantity(copy.spec.cache.volume.size);
    return copy;
  }).sort((a, b) => (objectKey(a) < objectKey(b) ? -1 : objectKey(a) > objectKey(b) ? 1 : 0));
}
