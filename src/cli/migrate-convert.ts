import { parseQuantity } from '../private/quantity';
import { checkSchema, LEGACY_NAMES } from '../private/schema-check';
import { formatFieldErrors } from '../private/validation';

/**
 * The step of `migrate` before any code is written: objects as they were written by hand become the
 * objects the generated chart must synthesize. Every change is either a note (said in the output and on
 * stderr) or, when the meaning is not clear, an error naming the field; nothing is dropped silently.
 */
type Json = Record<string, any>;

export const CURRENT = 'kpack.io/v1alpha2';
export const LEGACY = 'build.pivotal.io/v1alpha1';
const V1ALPHA1 = 'kpack.io/v1alpha1';

/** What `migrate` targets. */
export enum MigrationTarget {
  /** Each object in its own kpack generation: kpack v0.0.8 objects as `legacy.*` constructs. */
  AS_WRITTEN = 'as-written',
  /** kpack v0.17 (kpack.io/v1alpha2) objects, converting kpack v0.0.8 ones. */
  V1ALPHA2 = 'v1alpha2',
}

export interface ConvertOptions {
  readonly to?: MigrationTarget;
  /**
   * `--to v1alpha2`: the repository each converted builder is pushed to (`<repository>/<name>`): kpack
   * v0.17 builds builders itself, kpack v0.0.8 used a ready builder image.
   */
  readonly builderRepository?: string;
  /** `--to v1alpha2`: `namespace/name` of the service account with push access to `builderRepository`. */
  readonly builderServiceAccount?: string;
}

/**
 * A change made on the way: `comment` is fixed text (never text of the YAML) for the generated code, `text`
 * says it with the values, for stderr.
 */
export interface Note {
  readonly comment: string;
  readonly text: string;
}

/** One object to migrate, with what was changed on the way. */
export interface ConvertedObject {
  readonly object: Json;
  readonly notes: Note[];
}

/** Every comment a note may write into generated code: fixed text only. */
export const NOTE_COMMENTS: string[] = [];

/** A note's comment, registered in `NOTE_COMMENTS` (so that none can hold text of the YAML). */
function comment(text: string): string {
  const line = `// ${text}.`;
  if (!NOTE_COMMENTS.includes(line)) {
    NOTE_COMMENTS.push(line);
  }
  return line;
}

/** The note of a field kpack renamed (one of `RENAMES`). */
function renamed(from: string, to: string): Note {
  const fixed = RENAMED.get(from);
  if (fixed === undefined || RENAMES.find(([f]) => f === from)![1] !== to) {
    throw new Error(`internal error: ${from} is not a known renamed field`);
  }
  return { comment: fixed, text: `${from} written as ${to}` };
}

const RENAMES: Array<[string, string]> = [
  ['spec.serviceAccount', 'spec.serviceAccountName'],
  ['spec.cacheSize', 'spec.cache.volume.size'],
  ['spec.cacheName', 'spec.cache.volume.persistentVolumeClaimName'],
  ['spec.bindings', 'spec.cnbBindings'],
  ['spec.build.bindings', 'spec.build.cnbBindings'],
];
const SERVER_METADATA = ['creationTimestamp', 'resourceVersion', 'uid', 'generation', 'managedFields', 'selfLink'];
const C = {
  status: comment('status dropped: kpack\'s controller writes it'),
  clusterNamespace: comment('metadata.namespace dropped: the object is cluster-scoped, and the API server ignores its namespace'),
  v1alpha1: comment('kpack.io/v1alpha1 written as kpack.io/v1alpha2, the version kpack v0.17 converts it to and stores'),
  builderRef: comment('spec.builderRef (kpack v0.0.5) written as spec.builder { kind: Builder }, its name since kpack v0.0.6'),
  serviceAccount: comment('spec.serviceAccount written as spec.serviceAccountName: kpack v0.17 drops spec.serviceAccount, and would build with the "default" service account'),
  cacheSize: comment('spec.cacheSize written as spec.cache.volume.size: kpack v0.17 drops spec.cacheSize, and would build without a cache volume'),
  cacheRequest: comment(`spec.cache.volume.request written as spec.cache.volume.size: ${LEGACY_NAMES['spec.cache.volume.request']}`),
  buildpackSource: comment(`spec.source.image written as spec.image: ${LEGACY_NAMES['spec.source']}`),
  legacyImage: comment('kpack v0.0.8 Image written for kpack v0.17 (kpack.io/v1alpha2)'),
  legacyBuild: comment('kpack v0.0.8 Build written for kpack v0.17 (kpack.io/v1alpha2)'),
  annotations: comment('build.pivotal.io/ annotations written as kpack.io/ ones, kpack v0.17\'s names'),
  store: comment('Converted from a kpack v0.0.8 builder image: a store with the buildpacks of the image'),
  stack: comment('Converted from a kpack v0.0.8 builder image: the stack of the image'),
  builder: comment('Converted from a kpack v0.0.8 builder image: kpack v0.17 builds the builder from the store, the stack and the order of the image, and pushes it to the builder repository'),
  updatePolicy: comment('spec.updatePolicy dropped: kpack v0.17 rebuilds a builder when its store, stack or order change'),
  emptyResources: comment('An empty resources {} dropped: it is what kpack writes when there are none'),
  unknownField: comment('A field kpack.io/v1alpha2 does not have (kpack drops it, without an error): kept with a JSON patch; see the notes'),
  builderAccount: comment('spec.serviceAccountName: a namespaced Builder uses an account of its own namespace: it must exist there'),
};
const RENAMED = new Map(RENAMES.map(([from, to]) => [from, comment(`${from} written as ${to}`)]));
const DROPPED = new Map(SERVER_METADATA.map(field => [field, comment(`metadata.${field} dropped: the API server sets it`)]));

export interface Conversion {
  readonly objects: ConvertedObject[];
  /** Problems that stop the migration: each names the object and the field. */
  readonly errors: string[];
}

const CLUSTER_SCOPED = new Set(['ClusterBuilder', 'ClusterStore', 'ClusterStack', 'ClusterLifecycle', 'ClusterBuildpack', 'Namespace', 'ClusterRole', 'ClusterRoleBinding']);

/**
 * The buildpacks builders of kpack v0.0.8's documentation and tutorial, for `--to v1alpha2`: their stack
 * and order, from the `builder.toml` of paketo-buildpacks/base-builder (000b8258), tiny-builder (01982741)
 * and full-builder (0037bc1c). The tags move, so the order is the one of those versions.
 */
interface KnownBuilder {
  readonly stackId: string;
  readonly buildImage: string;
  readonly runImage: string;
  readonly order: string[];
}

const PAKETO_BASE: KnownBuilder = {
  stackId: 'io.buildpacks.stacks.bionic',
  buildImage: 'paketobuildpacks/build:base-cnb',
  runImage: 'paketobuildpacks/run:base-cnb',
  order: ['ruby', 'dotnet-core', 'nodejs', 'go', 'nginx', 'java-native-image', 'java', 'procfile'].map(id => `paketo-buildpacks/${id}`),
};
const PAKETO_FULL: KnownBuilder = {
  stackId: 'io.buildpacks.stacks.bionic',
  buildImage: 'paketobuildpacks/build:full-cnb',
  runImage: 'paketobuildpacks/run:full-cnb',
  order: ['ruby', 'dotnet-core', 'go', 'python', 'php', 'web-servers', 'java-native-image', 'java', 'nodejs', 'procfile'].map(id => `paketo-buildpacks/${id}`),
};
const PAKETO_TINY: KnownBuilder = {
  stackId: 'io.paketo.stacks.tiny',
  buildImage: 'paketobuildpacks/build:tiny-cnb',
  runImage: 'paketobuildpacks/run:tiny-cnb',
  order: ['java-native-image', 'go', 'procfile'].map(id => `paketo-buildpacks/${id}`),
};

const KNOWN_BUILDERS: Record<string, KnownBuilder> = {};
for (const [flavour, known] of [['base', PAKETO_BASE], ['full', PAKETO_FULL], ['tiny', PAKETO_TINY]] as const) {
  for (const repository of ['gcr.io/paketo-buildpacks/builder', 'paketobuildpacks/builder', 'docker.io/paketobuildpacks/builder', 'index.docker.io/paketobuildpacks/builder']) {
    KNOWN_BUILDERS[`${repository}:${flavour}`] = known;
  }
}

/** Converts the objects of the YAML into the objects the chart is to write. */
export function convertObjects(input: Json[], options: ConvertOptions = {}): Conversion {
  const converter = new Converter(options);
  converter.checkDuplicates(input);
  const objects = input.flatMap(object => converter.convert(object));
  converter.checkUnknownFields(objects);
  return { objects, errors: converter.errors };
}

class Converter {
  public readonly errors: string[] = [];

  constructor(private readonly options: ConvertOptions) {}

  public convert(original: Json): ConvertedObject[] {
    const object: Json = structuredClone(original);
    const notes: Note[] = [];
    const label = describe(object);
    this.serverFields(object, notes);
    if (object.apiVersion === V1ALPHA1 && isKpackKind(object.kind)) {
      if (object.kind === 'Builder' && object.spec?.image !== undefined) {
        if (this.options.to !== MigrationTarget.V1ALPHA2) {
          this.errors.push(`${label}: spec.image: kpack.io/v1alpha1 builders have had no builder image since kpack v0.2 (a Builder is spec.tag, spec.stack, spec.store and spec.order): migrate with --to v1alpha2 to convert it`);
          return [];
        }
        return this.builderImage(object, notes, 'kpack.io/v1alpha1 of kpack v0.1');
      }
      this.fromV1alpha1(object, notes);
    }
    if (object.apiVersion === LEGACY) {
      this.legacyRenames(object, notes, label);
      if (this.options.to === MigrationTarget.V1ALPHA2) {
        return this.fromLegacy(object, notes);
      }
    }
    if (object.apiVersion === 'v1' && object.kind === 'Secret' && this.options.to === MigrationTarget.V1ALPHA2) {
      this.legacyAnnotations(object, notes);
    }
    if (object.apiVersion === CURRENT) {
      this.staleFields(object, notes, label);
    }
    emptyResources(object, notes);
    return [{ object, notes }];
  }

  /** One object written twice: `kubectl apply` keeps the last, so which one was meant is not clear. */
  public checkDuplicates(input: Json[]): void {
    const seen = new Map<string, number[]>();
    input.forEach((object, i) => {
      const namespace = CLUSTER_SCOPED.has(object.kind) ? '' : object.metadata?.namespace ?? '';
      const key = JSON.stringify([String(object.apiVersion).split('/')[0], object.kind, namespace, object.metadata?.name]);
      seen.set(key, [...seen.get(key) ?? [], i + 1]);
    });
    for (const [key, positions] of seen) {
      if (positions.length > 1 && JSON.parse(key)[3] !== undefined) {
        this.errors.push(`${describe(input[positions[0] - 1])}: written ${positions.length} times (objects ${positions.join(', ')}): kubectl apply would keep only the last: keep one`);
      }
    }
  }

  /**
   * Fields kpack.io/v1alpha2 does not have, with the knowledge `validate` has: a stale name of a known field
   * that could not be mapped is an error; any other is kept (kpack drops it), with a note that says so.
   */
  public checkUnknownFields(objects: ConvertedObject[]): void {
    for (const { object, notes } of objects) {
      for (const error of checkSchema(object).filter(e => e.message === 'unknown field')) {
        const path = error.paths[0];
        if (hasOwn(LEGACY_NAMES, path)) {
          this.errors.push(`${describe(object)}: ${formatFieldErrors([error])[0].replace(/\n/g, '\n    ')}`);
        } else {
          notes.push({ comment: C.unknownField, text: `${path}: not a field of kpack.io/v1alpha2 ${object.kind} (kpack drops it, without an error): kept with a JSON patch; check its spelling` });
        }
      }
    }
  }

  /** Fields the API server or kpack's controller write: never part of what a user declares. */
  private serverFields(object: Json, notes: Note[]): void {
    if (object.status !== undefined) {
      delete object.status;
      notes.push({ comment: C.status, text: 'status dropped: kpack\'s controller writes it' });
    }
    const metadata = object.metadata;
    if (metadata && typeof metadata === 'object') {
      for (const field of SERVER_METADATA) {
        if (hasOwn(metadata, field)) {
          delete metadata[field];
          notes.push({ comment: DROPPED.get(field)!, text: `metadata.${field} dropped: the API server sets it` });
        }
      }
      if (CLUSTER_SCOPED.has(object.kind) && metadata.namespace !== undefined) {
        notes.push({ comment: C.clusterNamespace, text: `metadata.namespace "${metadata.namespace}" dropped: ${object.kind} is cluster-scoped, and the API server ignores the namespace of a cluster-scoped object` });
        delete metadata.namespace;
      }
    }
  }

  /**
   * kpack's own conversion of kpack.io/v1alpha1 (kpack v0.1 to v0.5), which kpack v0.17 still serves and
   * stores as kpack.io/v1alpha2.
   */
  private fromV1alpha1(object: Json, notes: Note[]): void {
    object.apiVersion = CURRENT;
    notes.push({ comment: C.v1alpha1, text: 'kpack.io/v1alpha1 written as kpack.io/v1alpha2, the version kpack v0.17 converts it to and stores' });
    const spec: Json | undefined = object.spec;
    if (!spec) {
      return;
    }
    rename(spec, 'serviceAccount', 'serviceAccountName', notes);
    if (object.kind === 'Image') {
      moveInto(spec, 'cacheSize', ['cache', 'volume', 'size'], notes);
      moveInto(spec.build ?? {}, 'bindings', ['cnbBindings'], notes, 'spec.build.');
    }
    if (object.kind === 'Build') {
      moveInto(spec, 'cacheName', ['cache', 'volume', 'persistentVolumeClaimName'], notes);
      moveInto(spec, 'bindings', ['cnbBindings'], notes);
    }
  }

  /** kpack v0.0.8 renamed kpack v0.0.5's `builderRef` (a namespaced Builder) to `builder`. */
  private legacyRenames(object: Json, notes: Note[], label: string): void {
    const spec = object.spec;
    if (object.kind !== 'Image' || typeof spec?.builderRef !== 'string') {
      return;
    }
    if (spec.builder !== undefined) {
      this.errors.push(`${label}: spec.builderRef: the field of kpack v0.0.5, and spec.builder is also set: keep spec.builder`);
      return;
    }
    spec.builder = { kind: 'Builder', name: spec.builderRef };
    delete spec.builderRef;
    notes.push({ comment: C.builderRef, text: 'spec.builderRef (kpack v0.0.5) written as spec.builder { kind: Builder }, its name since kpack v0.0.6' });
  }

  /**
   * Fields of earlier kpack versions in a kpack.io/v1alpha2 object: kpack v0.17 drops them without a word,
   * so the object does not do what it says. Mapped when the meaning is clear, else an error.
   */
  private staleFields(object: Json, notes: Note[], label: string): void {
    const spec = object.spec;
    if (!spec || typeof spec !== 'object') {
      return;
    }
    if (hasOwn(spec, 'serviceAccount') && ['Image', 'Build', 'Builder'].includes(object.kind)) {
      const value = spec.serviceAccount;
      if (typeof value !== 'string' || (spec.serviceAccountName !== undefined && spec.serviceAccountName !== value)) {
        this.errors.push(`${label}: spec.serviceAccount: not a kpack.io/v1alpha2 field (${LEGACY_NAMES['spec.serviceAccount']})${spec.serviceAccountName !== undefined ? `, and spec.serviceAccountName is "${spec.serviceAccountName}"` : ''}: keep one spec.serviceAccountName`);
        // Reported here, with the field it contradicts: not again as an unknown field.
        delete spec.serviceAccount;
      } else {
        delete spec.serviceAccount;
        spec.serviceAccountName = value;
        notes.push({ comment: C.serviceAccount, text: `spec.serviceAccount "${value}" written as spec.serviceAccountName: kpack v0.17 drops spec.serviceAccount and would have built with the "default" service account` });
      }
    }
    if (hasOwn(spec, 'cacheSize') && object.kind === 'Image') {
      const value = spec.cacheSize;
      if (spec.cache !== undefined || (typeof value !== 'string' && typeof value !== 'number') || parseQuantity(String(value)) === undefined) {
        this.errors.push(`${label}: spec.cacheSize: not a kpack.io/v1alpha2 field (${LEGACY_NAMES['spec.cacheSize']})${spec.cache !== undefined ? ', and spec.cache is also set' : ''}: write spec.cache.volume.size`);
        delete spec.cacheSize;
      } else {
        delete spec.cacheSize;
        spec.cache = { volume: { size: value } };
        notes.push({ comment: C.cacheSize, text: `spec.cacheSize ${value} written as spec.cache.volume.size: kpack v0.17 drops spec.cacheSize and would have built without a cache volume` });
      }
    }
    this.staleNested(object, notes, label);
  }

  /** Stale names under `spec` of kpack's own documentation: an Image's cache request, a buildpack's source. */
  private staleNested(object: Json, notes: Note[], label: string): void {
    const spec = object.spec;
    const volume = spec.cache?.volume;
    if (object.kind === 'Image' && volume && typeof volume === 'object' && hasOwn(volume, 'request')) {
      if (volume.size !== undefined || parseQuantity(String(volume.request)) === undefined) {
        this.errors.push(`${label}: spec.cache.volume.request: not a kpack.io/v1alpha2 field (${LEGACY_NAMES['spec.cache.volume.request']})${volume.size !== undefined ? ', and spec.cache.volume.size is also set' : ''}: keep spec.cache.volume.size`);
        delete volume.request;
      } else {
        volume.size = volume.request;
        delete volume.request;
        notes.push({ comment: C.cacheRequest, text: `spec.cache.volume.request ${volume.size} written as spec.cache.volume.size: ${LEGACY_NAMES['spec.cache.volume.request']}` });
      }
    }
    if (['Buildpack', 'ClusterBuildpack'].includes(object.kind) && hasOwn(spec, 'source')) {
      const source = spec.source;
      if (spec.image !== undefined || !source || typeof source !== 'object' || Object.keys(source).join() !== 'image' || typeof source.image !== 'string') {
        this.errors.push(`${label}: spec.source: not a kpack.io/v1alpha2 field of a ${object.kind} (${LEGACY_NAMES['spec.source']}): write spec.image`);
        delete spec.source;
      } else {
        spec.image = source.image;
        delete spec.source;
        notes.push({ comment: C.buildpackSource, text: `spec.source.image written as spec.image: ${LEGACY_NAMES['spec.source']}` });
      }
    }
  }

  /** `--to v1alpha2` for kpack v0.0.8 objects. */
  private fromLegacy(object: Json, notes: Note[]): ConvertedObject[] {
    const spec: Json = object.spec ?? {};
    switch (object.kind) {
      case 'ClusterBuilder':
      case 'Builder':
        return this.builderImage(object, notes, 'kpack v0.0.8');
      case 'Image':
      case 'Build':
        object.apiVersion = CURRENT;
        notes.push({ comment: object.kind === 'Image' ? C.legacyImage : C.legacyBuild, text: `kpack v0.0.8 ${object.kind} written for kpack v0.17 (kpack.io/v1alpha2)` });
        rename(spec, 'serviceAccount', 'serviceAccountName', notes);
        if (object.kind === 'Image') {
          moveInto(spec, 'cacheSize', ['cache', 'volume', 'size'], notes);
        } else {
          moveInto(spec, 'cacheName', ['cache', 'volume', 'persistentVolumeClaimName'], notes);
        }
        return [{ object, notes }];
      default:
        return [{ object, notes }];
    }
  }

  private legacyAnnotations(object: Json, notes: Note[]): void {
    const annotations: Json | undefined = object.metadata?.annotations;
    for (const key of Object.keys(annotations ?? {})) {
      if (key.startsWith('build.pivotal.io/')) {
        const current = `kpack.io/${key.slice('build.pivotal.io/'.length)}`;
        annotations![current] = annotations![key];
        delete annotations![key];
        notes.push({ comment: C.annotations, text: `annotation ${key} written as ${current}, kpack v0.17's name` });
      }
    }
  }

  /**
   * A builder that names a ready builder image becomes what kpack v0.17 builds builders from: a store with
   * the image's buildpacks, its stack, and a builder with the image's order, pushed to a tag of the user's.
   */
  private builderImage(object: Json, notes: Note[], generation: string): ConvertedObject[] {
    const label = describe(object);
    const spec: Json = object.spec ?? {};
    const image = String(spec.image);
    const known = KNOWN_BUILDERS[image];
    const missing: string[] = [];
    if (!known) {
      missing.push(`the stack and order of ${image}, which cdk8s-kpack does not know (\`pack builder inspect ${image}\` shows them): write a ClusterStack and the builder's order, or migrate without --to v1alpha2 to keep the ${generation} builder`);
    }
    if (!this.options.builderRepository) {
      missing.push('the repository kpack v0.17 pushes the builder to: --builder-repository <registry/repository> (the builder is pushed to <repository>/<name>)');
    }
    const account = this.options.builderServiceAccount?.split('/');
    if (!account || account.length !== 2 || !account[0] || !account[1]) {
      missing.push('the service account with push access to that repository: --builder-service-account <namespace>/<name>');
    }
    if (spec.imagePullSecrets !== undefined) {
      missing.push('spec.imagePullSecrets: kpack v0.17 pulls store images with the ClusterStore\'s service account: give it one holding these secrets');
    }
    const unknown = Object.keys(spec).filter(k => !['image', 'updatePolicy', 'imagePullSecrets'].includes(k));
    if (unknown.length > 0) {
      missing.push(`${unknown.map(k => `spec.${k}`).join(', ')}: not a field of a ${generation} builder`);
    }
    if (missing.length > 0 || !known || !account) {
      this.errors.push(...missing.map(m => `${label}: --to v1alpha2 needs ${m}`));
      return [];
    }
    const namespace: string | undefined = object.metadata?.namespace;
    const name = String(object.metadata?.name);
    const storeName = namespace ? `${namespace}-${name}` : name;
    const shared = `converted from the ${generation} ${label}`;
    const store: ConvertedObject = {
      object: { apiVersion: CURRENT, kind: 'ClusterStore', metadata: { name: storeName }, spec: { sources: [{ image }] } },
      notes: [{ comment: C.store, text: `${shared}: the buildpacks of ${image}` }],
    };
    const stack: ConvertedObject = {
      object: {
        apiVersion: CURRENT,
        kind: 'ClusterStack',
        metadata: { name: storeName },
        spec: { id: known.stackId, buildImage: { image: known.buildImage }, runImage: { image: known.runImage } },
      },
      notes: [{ comment: C.stack, text: `${shared}: the stack of ${image}` }],
    };
    const builderNotes: Note[] = [...notes, {
      comment: C.builder,
      text: `${shared}: kpack v0.17 builds the builder from the store, the stack and the order of ${image}, and pushes it to ${this.options.builderRepository}/${storeName}`,
    }];
    if (spec.updatePolicy !== undefined) {
      builderNotes.push({ comment: C.updatePolicy, text: `spec.updatePolicy ${spec.updatePolicy} dropped: kpack v0.17 rebuilds a builder when its store, stack or order change` });
    }
    const builderSpec: Json = {
      tag: `${this.options.builderRepository}/${storeName}`,
      stack: { kind: 'ClusterStack', name: storeName },
      store: { kind: 'ClusterStore', name: storeName },
      order: known.order.map(id => ({ group: [{ id }] })),
    };
    if (object.kind === 'ClusterBuilder') {
      builderSpec.serviceAccountRef = { namespace: account[0], name: account[1] };
    } else {
      builderSpec.serviceAccountName = account[1];
      if (account[0] !== namespace) {
        builderNotes.push({ comment: C.builderAccount, text: `spec.serviceAccountName ${account[1]}: a namespaced Builder uses an account of its own namespace (${namespace}): it must exist there` });
      }
    }
    const builder: ConvertedObject = {
      object: { apiVersion: CURRENT, kind: object.kind, metadata: { ...object.metadata }, spec: builderSpec },
      notes: builderNotes,
    };
    return [store, stack, builder];
  }
}

/**
 * kpack writes `resources: {}` (an Image's `spec.build`, a Build's `spec`) when there are none, so files
 * copied from `kubectl get` hold it: it means nothing, and a typed construct does not write it.
 */
function emptyResources(object: Json, notes: Note[]): void {
  const spec = object.spec;
  const holder = object.kind === 'Image' ? spec?.build : object.kind === 'Build' ? spec : undefined;
  const resources = holder && typeof holder === 'object' && hasOwn(holder, 'resources') ? holder.resources : undefined;
  if (!resources || typeof resources !== 'object' || Array.isArray(resources) || Object.keys(resources).length > 0) {
    return;
  }
  delete holder.resources;
  const path = object.kind === 'Image' ? 'spec.build' : 'spec';
  notes.push({ comment: C.emptyResources, text: `${path}.resources {} dropped: it is what kpack writes when there are none` });
  if (object.kind === 'Image' && Object.keys(holder).length === 0) {
    delete spec.build;
  }
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function isKpackKind(kind: unknown): boolean {
  return ['Image', 'Build', 'Builder', 'ClusterBuilder', 'ClusterStore', 'ClusterStack'].includes(String(kind));
}

/** `Kind namespace/name`, as migrate names an object in notes and errors. */
export function describe(object: Json): string {
  const name = [object.metadata?.namespace, object.metadata?.name].filter(x => typeof x === 'string').join('/');
  return `${object.kind} ${name || '(no name)'} (${object.apiVersion})`;
}

function rename(spec: Json, from: string, to: string, notes: Note[]): void {
  if (hasOwn(spec, from)) {
    spec[to] = spec[from];
    delete spec[from];
    notes.push(renamed(`spec.${from}`, `spec.${to}`));
  }
}

function moveInto(spec: Json, from: string, to: string[], notes: Note[], prefix = 'spec.'): void {
  if (!hasOwn(spec, from)) {
    return;
  }
  let holder = spec;
  for (const key of to.slice(0, -1)) {
    holder[key] = holder[key] ?? {};
    holder = holder[key];
  }
  holder[to[to.length - 1]] = spec[from];
  delete spec[from];
  notes.push(renamed(`${prefix}${from}`, `${prefix}${to.join('.')}`));
}
