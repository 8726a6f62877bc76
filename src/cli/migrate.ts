import { ApiObject, App, Chart } from 'cdk8s';
import { convertObjects, ConvertOptions, CURRENT, describe, LEGACY, Note } from './migrate-convert';
import { DEFAULT_PARSE_LIMITS, ParseLimits, parseDocuments } from './parse';
import { identifier, isSafeIdentifier, jsonLiteral, numberLiteral, propertyKey, stringLiteral } from './typescript';
import { dockerConfigJson, normalizeRegistry } from '../private/credentials';
import { parseQuantity } from '../private/quantity';
import { validateKpackObject } from '../private/validation';

export { MigrationTarget } from './migrate-convert';

/**
 * `cdk8s-kpack migrate`: turns existing kpack YAML (kpack v0.17 kpack.io/v1alpha2, kpack.io/v1alpha1, kpack
 * v0.0.8 build.pivotal.io/v1alpha1, and the Secrets and ServiceAccounts they use) into a cdk8s chart written
 * with cdk8s-kpack, which synthesizes the same objects. Fields the constructs have no prop for are kept with a
 * JSON patch, and objects that are not kpack's are kept as `ApiObject`s; what was changed on the way (stale
 * fields, fields the server writes) and what was kept untyped is listed in the notes, so nothing is lost or
 * changed without a word.
 */
export interface MigrateOptions extends ConvertOptions {
  /** The module the generated code imports the constructs from. */
  readonly importFrom?: string;
  /** The class name of the generated chart. */
  readonly className?: string;
  /** Bounds on the YAML stream. */
  readonly limits?: ParseLimits;
}

/** The generated chart, and what the migration changed or kept untyped (one line each, for stderr). */
export interface MigrateResult {
  readonly code: string;
  readonly notes: string[];
}

/**
 * The YAML cannot be migrated: not valid YAML, over a limit (the message names the document), or it does not
 * say clearly what it means (a stale field that contradicts another, an object written twice): every reason.
 */
export class MigrateError extends Error {
  constructor(message: string, public readonly problems: string[] = [message]) {
    super(message);
    this.name = 'MigrateError';
  }
}

/**
 * An object does not have the shape a typed construct writes back exactly: it is kept as an `ApiObject`.
 * Thrown (and caught) inside the generator only.
 */
class Unfit extends Error {}

type Json = Record<string, any>;

interface Declared {
  readonly variable: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** Kinds whose references resolve in the referring object's namespace (none meaning `default`). */
const NAMESPACED = new Set(['ServiceAccount', 'Secret', 'Credentials', 'Builder', 'Buildpack', 'PersistentVolumeClaim']);

/** Generates the TypeScript of a chart that synthesizes the objects of the YAML. */
export function migrateYaml(text: string, options: MigrateOptions = {}): string {
  return migrate(text, options).code;
}

/** Generates the chart, with the notes of what was changed or kept untyped. Throws `MigrateError`. */
export function migrate(text: string, options: MigrateOptions = {}): MigrateResult {
  const objects: Json[] = [];
  for (const document of parseDocuments(text, options.limits ?? DEFAULT_PARSE_LIMITS)) {
    if (document.error !== undefined) {
      throw new MigrateError(`document ${document.index}: ${document.error}`);
    }
    const content = document.value as any;
    const items: unknown[] = isObject(content) && own(content, 'kind') === 'List' && Array.isArray(own(content, 'items')) ? content.items : [content];
    for (const item of items) {
      if (isObject(item)) {
        objects.push(item);
      }
    }
  }
  const conversion = convertObjects(objects, options);
  if (conversion.errors.length > 0) {
    throw new MigrateError(conversion.errors.join('\n'), conversion.errors);
  }
  const generator = new Generator(conversion.objects.map(c => c.object), new Map(conversion.objects.map(c => [c.object, c.notes])), options);
  return { code: generator.generate(), notes: generator.notes };
}

const KIND_ORDER = ['Secret', 'ServiceAccount', 'ClusterStore', 'ClusterStack', 'ClusterLifecycle', 'Buildpack', 'ClusterBuildpack', 'ClusterBuilder', 'Builder', 'Image', 'Build'];

/** The kinds a reference of each field may name (the class names are ours, never the file's). */
const REFERENCE_KINDS: Record<string, readonly string[]> = {
  builder: ['Builder', 'ClusterBuilder'],
  stack: ['ClusterStack'],
  store: ['ClusterStore'],
  lifecycle: ['ClusterLifecycle'],
  buildpack: ['Buildpack', 'ClusterBuildpack'],
};

/** The props each construct requires: without one, the object is kept as it is. */
const REQUIRED_PROPS: Record<string, readonly string[]> = {
  'ClusterStack': ['stackId', 'buildImage', 'runImage'],
  'ClusterLifecycle': ['image'],
  'ClusterBuildpack': ['image'],
  'Buildpack': ['image'],
  'ClusterBuilder': ['tag', 'stack', 'serviceAccount'],
  'NamespacedBuilder': ['tag', 'stack'],
  'BuildImage': ['tag', 'builder', 'source'],
  'Build': ['tags', 'builder', 'source'],
  'legacy.ClusterBuilder': ['image'],
  'legacy.NamespacedBuilder': ['image'],
  'legacy.BuildImage': ['tag', 'builder', 'source'],
};

const BLOB_AUTH: Record<string, string> = { secret: 'SECRET', helper: 'HELPER' };
const TAGGING: Record<string, string> = { None: 'NONE', BuildNumber: 'BUILD_NUMBER' };
const UPDATE_POLICY: Record<string, string> = { polling: 'POLLING', external: 'EXTERNAL' };
const TAINT_EFFECTS: Record<string, string> = { NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' };

class Generator {
  /** What was changed or kept untyped: `Kind namespace/name (apiVersion): what`, for stderr. */
  public readonly notes: string[] = [];
  private lines: string[] = [];
  /** Objects of the cluster the YAML only refers to, declared once each (`kind/namespace/name` → variable). */
  private imported = new Map<string, string>();
  private current: Json = {};
  private declared: Declared[] = [];
  private variables = new Set<string>();
  private ids = new Set<string>();
  private imports = new Set<string>();
  private cdk8sImports = new Set<string>(['App', 'Chart']);
  private usesKplus = false;
  private usesVerbatim = false;
  private readonly typedAccounts: Json[] = [];

  constructor(private readonly objects: Json[], private readonly objectNotes: Map<Json, Note[]>, private readonly options: MigrateOptions) {}

  public generate(): string {
    // Referenced objects first, so that references can use their variables.
    const rank = (o: Json) => {
      const kind = own(o, 'kind');
      return typeof kind === 'string' && KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length;
    };
    for (const object of [...this.objects].sort((a, b) => rank(a) - rank(b))) {
      this.current = object;
      this.object(object);
    }
    for (const account of this.typedAccounts) {
      this.current = account;
      this.linkSecrets(account);
    }

    const kpackImports = [...this.imports].filter(i => i !== 'legacy').sort().map(identifier);
    const className = identifier(this.options.className ?? 'MigratedChart');
    const header = [
      '// Generated by `cdk8s-kpack migrate`: review it, then make it yours.',
      `import { ${[...this.cdk8sImports].sort().map(identifier).join(', ')} } from 'cdk8s';`,
      ...(this.usesKplus ? ["import * as kplus from 'cdk8s-plus-27';"] : []),
      "import { Construct } from 'constructs';",
    ];
    const libraryImports = [...kpackImports, ...(this.imports.has('legacy') ? ['legacy'] : [])];
    if (libraryImports.length > 0) {
      header.push(`import { ${libraryImports.join(', ')} } from ${stringLiteral(this.options.importFrom ?? 'cdk8s-kpack')};`);
    }
    const verbatim = this.usesVerbatim ? [
      '',
      '/** An object written exactly as the YAML file has it (cdk8s would drop its nulls or empty values, or refuse its keys). */',
      'class Verbatim extends ApiObject {',
      '  constructor(scope: Construct, id: string, private readonly manifest: unknown) {',
      "    super(scope, id, { apiVersion: 'v1', kind: 'Verbatim' });",
      '  }',
      '',
      '  public toJson(): any {',
      '    return this.manifest;',
      '  }',
      '}',
    ] : [];
    // A variable nothing refers to is not declared (string literals, all single-quoted, are left out of the count).
    const codeOnly = this.lines.map(line => line.replace(/'(?:[^'\\]|\\.)*'/g, "''")).join('\n');
    const lines = this.lines.map(line => {
      const declaration = /^const ([A-Za-z_][A-Za-z0-9_]*) = /.exec(line);
      return declaration && (codeOnly.match(new RegExp(`\\b${declaration[1]}\\b`, 'g')) ?? []).length === 1 ? line.slice(declaration[0].length) : line;
    });
    return [
      ...header,
      ...verbatim,
      '',
      `export class ${className} extends Chart {`,
      '  constructor(scope: Construct, id: string) {',
      '    super(scope, id);',
      ...lines.map(line => (line === '' ? '' : `    ${line}`)),
      '  }',
      '}',
      '',
      'if (require.main === module) {',
      '  const app = new App();',
      `  new ${className}(app, 'migrated');`,
      '  app.synth();',
      '}',
      '',
    ].join('\n');
  }

  /** Writes one object with a typed construct when it has the shape one writes back exactly, else as it is. */
  private object(object: Json): void {
    const [lines, declared, accounts, notes] = [this.lines.length, this.declared.length, this.typedAccounts.length, this.notes.length];
    const sets = {
      variables: new Set(this.variables),
      ids: new Set(this.ids),
      imports: new Set(this.imports),
      cdk8sImports: new Set(this.cdk8sImports),
      imported: new Map(this.imported),
    };
    const usesKplus = this.usesKplus;
    try {
      this.typed(object);
    } catch (e) {
      if (!(e instanceof Unfit)) throw e;
      this.lines.length = lines;
      this.declared.length = declared;
      this.typedAccounts.length = accounts;
      this.notes.length = notes;
      Object.assign(this, sets, { usesKplus });
      this.asItIs(object);
    }
  }

  /** The conversion's notes of the current object: fixed comments above its code, and lines for stderr. */
  private conversionNotes(): void {
    const comments = new Set<string>();
    for (const note of this.objectNotes.get(this.current) ?? []) {
      if (!comments.has(note.comment)) {
        this.lines.push(note.comment);
        comments.add(note.comment);
      }
      this.notes.push(`${describe(this.current)}: ${note.text}`);
    }
  }

  private typed(object: Json): void {
    // Typed props drop nulls and empty lists and maps (as cdk8s does): such an object is kept as it is.
    if (hasNullOrEmpty(object)) throw new Unfit();
    const apiVersion = own(object, 'apiVersion');
    const kind = own(object, 'kind');
    const type = `${typeof apiVersion === 'string' ? apiVersion : ''}/${typeof kind === 'string' ? kind : ''}`;
    if (type === 'v1/Secret') return this.secret(object);
    if (type === 'v1/ServiceAccount') return this.serviceAccount(object);
    const known = [CURRENT, LEGACY].includes(apiVersion) && KIND_ORDER.includes(kind) && kind !== 'Secret' && kind !== 'ServiceAccount';
    if (!known) throw new Unfit();
    onlyKeys(object, ['apiVersion', 'kind', 'metadata', 'spec']);
    const spec: Json = { ...objectOr(own(object, 'spec'), {}) };
    this.lines.push('');
    this.conversionNotes();
    switch (type) {
      case `${CURRENT}/ClusterStore`:
        this.construct(object, 'ClusterStore', spec, {
          sources: arrayOf(take(spec, 'sources'), s => string(onlyKeys(object_(s), ['image']).image)),
          serviceAccount: this.accountRef(take(spec, 'serviceAccountRef')),
        });
        return;
      case `${CURRENT}/ClusterStack`:
        this.construct(object, 'ClusterStack', spec, {
          stackId: string(take(spec, 'id')),
          buildImage: this.imageField(take(spec, 'buildImage')),
          runImage: this.imageField(take(spec, 'runImage')),
          serviceAccount: this.accountRef(take(spec, 'serviceAccountRef')),
        });
        return;
      case `${CURRENT}/ClusterLifecycle`:
      case `${CURRENT}/ClusterBuildpack`:
        this.construct(object, kind, spec, { image: string(take(spec, 'image')), serviceAccount: this.accountRef(take(spec, 'serviceAccountRef')) });
        return;
      case `${CURRENT}/Buildpack`:
        this.construct(object, 'Buildpack', spec, { image: string(take(spec, 'image')), serviceAccount: this.accountName(take(spec, 'serviceAccountName'), object) });
        return;
      case `${CURRENT}/ClusterBuilder`:
      case `${CURRENT}/Builder`:
        return this.builder(object, spec);
      case `${CURRENT}/Image`:
        return this.image(object, spec);
      case `${CURRENT}/Build`:
        return this.build(object, spec);
      case `${LEGACY}/ClusterBuilder`:
      case `${LEGACY}/Builder`: {
        this.imports.add('legacy');
        const policy = string(take(spec, 'updatePolicy'));
        if (policy !== undefined && !hasOwn(UPDATE_POLICY, policy)) throw new Unfit();
        this.construct(object, `legacy.${classOf(kind)}`, spec, {
          image: string(take(spec, 'image')),
          updatePolicy: policy === undefined ? undefined : code(`legacy.UpdatePolicy.${identifier(UPDATE_POLICY[policy])}`),
          imagePullSecrets: kind === 'Builder' ? this.pullSecrets(take(spec, 'imagePullSecrets'), object) : undefined,
        });
        return;
      }
      case `${LEGACY}/Image`: {
        this.imports.add('legacy');
        const build = this.buildFields(spec);
        const settings = this.buildSettings(build, object, { only: ['env', 'resources'] });
        this.construct(object, 'legacy.BuildImage', spec, {
          tag: string(take(spec, 'tag')),
          builder: this.ref(take(spec, 'builder'), 'builder', LEGACY, object),
          serviceAccount: this.accountName(take(spec, 'serviceAccount'), object),
          cacheSize: this.size(take(spec, 'cacheSize')),
          source: this.source(take(spec, 'source'), 'legacy.Source'),
          successBuildHistoryLimit: number(take(spec, 'successBuildHistoryLimit')),
          failedBuildHistoryLimit: number(take(spec, 'failedBuildHistoryLimit')),
          imageTaggingStrategy: this.strategy(take(spec, 'imageTaggingStrategy')),
          ...settings,
        }, this.restOfBuild(spec, build, settings));
        return;
      }
      default:
        throw new Unfit();
    }
  }

  /** An object kept as it is: an `ApiObject` when cdk8s writes it back unchanged, else a `Verbatim` one. */
  private asItIs(object: Json): void {
    this.cdk8sImports.add('ApiObject');
    const id = this.uniqueId(this.baseId(object));
    this.lines.push('');
    this.conversionNotes();
    // Why, when kpack itself cannot decode the object: the file needs a fix whatever it is written with.
    const undecodable = kpackDecodeError(object);
    this.notes.push(undecodable
      ? `${describe(object)}: kpack cannot decode it (${undecodable.message}; ${undecodable.hint}): kept as an ApiObject, as it is; fix the value and migrate it again for a typed construct`
      : `${describe(object)}: not an object cdk8s-kpack writes with a typed construct: kept as an ApiObject, as it is`);
    if (rendersUnchanged(object)) {
      this.lines.push('// Not an object cdk8s-kpack writes with a typed construct: kept as it is.');
      this.lines.push(`new ApiObject(this, ${stringLiteral(id)}, ${jsonLiteral(object)});`);
    } else {
      this.usesVerbatim = true;
      this.lines.push('// Not an object cdk8s-kpack writes with a typed construct, and cdk8s would change it: kept exactly as it is.');
      this.lines.push(`new Verbatim(this, ${stringLiteral(id)}, ${jsonLiteral(object)});`);
    }
  }

  private imageField(value: unknown): string | undefined {
    const holder = object_(value);
    return holder === undefined ? undefined : string(onlyKeys(holder, ['image']).image);
  }

  private builder(object: Json, spec: Json): void {
    const order = arrayOf(take(spec, 'order'), group => arrayOf(own(onlyKeys(object_(group), ['group']), 'group'), entry => {
      const e = onlyKeys(object_(entry), ['id', 'name', 'kind', 'version', 'optional']);
      return { id: string(e.id), name: string(e.name), kind: string(e.kind), version: string(e.version), optional: boolean(e.optional) };
    }) ?? []) ?? [];
    const kind = own(object, 'kind') as string;
    const variable = this.construct(object, classOf(kind), spec, {
      tag: string(take(spec, 'tag')),
      stack: this.ref(take(spec, 'stack'), 'stack'),
      store: this.ref(take(spec, 'store'), 'store'),
      lifecycle: this.ref(take(spec, 'lifecycle'), 'lifecycle'),
      additionalLabels: stringMap(take(spec, 'additionalLabels')),
      serviceAccount: kind === 'ClusterBuilder'
        ? this.accountRef(take(spec, 'serviceAccountRef'))
        : this.accountName(take(spec, 'serviceAccountName'), object),
    });
    this.imports.add('BuildpackRef');
    for (const group of order) {
      const refs = group.map(entry => {
        if (entry.name !== undefined || entry.kind !== undefined) {
          const options = omitUndefined({ id: entry.id, version: entry.version, optional: entry.optional });
          const reference = this.ref({ name: entry.name, kind: entry.kind }, 'buildpack', CURRENT, object);
          return `BuildpackRef.fromBuildpack(${reference}${Object.keys(options).length ? `, ${literal(options)}` : ''})`;
        }
        const idOptions = omitUndefined({ version: entry.version, optional: entry.optional });
        return `BuildpackRef.id(${literal(string(entry.id) ?? unfit())}${Object.keys(idOptions).length ? `, ${literal(idOptions)}` : ''})`;
      });
      this.lines.push(`${identifier(variable)}.addGroup(${refs.join(', ')});`);
    }
  }

  private image(object: Json, spec: Json): void {
    const cache = object_(own(spec, 'cache'));
    let cacheCode: string | undefined;
    if (cache !== undefined) {
      const registry = object_(own(cache, 'registry'));
      const volume = object_(own(cache, 'volume'));
      if (registry !== undefined && volume === undefined && Object.keys(cache).length === 1) {
        onlyKeys(registry, ['tag']);
        cacheCode = code(`ImageCache.registry(${literal(string(own(registry, 'tag')) ?? unfit())})`);
        take(spec, 'cache');
      } else if (volume !== undefined && registry === undefined && Object.keys(cache).length === 1 && own(volume, 'size') !== undefined) {
        onlyKeys(volume, ['size', 'storageClassName']);
        const size = this.size(own(volume, 'size'));
        const storageClassName = string(own(volume, 'storageClassName'));
        if (size) {
          take(spec, 'cache');
          cacheCode = code(`ImageCache.volume(${size.source}${storageClassName !== undefined ? `, { storageClassName: ${literal(storageClassName)} }` : ''})`);
        }
      }
    }
    if (cacheCode) {
      this.imports.add('ImageCache');
    }
    const cosign = object_(own(spec, 'cosign'));
    let cosignAnnotations: Json | undefined;
    if (cosign !== undefined && Object.keys(cosign).length === 1 && Array.isArray(own(cosign, 'annotations'))) {
      const pairs = (own(cosign, 'annotations') as unknown[]).map(a => {
        const annotation = object_(a);
        const name = own(annotation ?? {}, 'name');
        const value = own(annotation ?? {}, 'value');
        return annotation && Object.keys(annotation).length === 2 && typeof name === 'string' && typeof value === 'string' ? [name, value] as const : undefined;
      });
      if (pairs.length > 0 && pairs.every(p => p) && new Set(pairs.map(p => p![0])).size === pairs.length) {
        cosignAnnotations = Object.fromEntries(pairs as Array<readonly [string, string]>);
        take(spec, 'cosign');
      }
    }
    const build = this.buildFields(spec);
    const settings = this.buildSettings(build, object, { timeout: 'buildTimeout' });
    this.construct(object, 'BuildImage', spec, {
      tag: string(take(spec, 'tag')),
      additionalTags: arrayOf(take(spec, 'additionalTags'), string),
      builder: this.ref(take(spec, 'builder'), 'builder', CURRENT, object),
      serviceAccount: this.accountName(take(spec, 'serviceAccountName'), object),
      source: this.source(take(spec, 'source'), 'Source'),
      cache: cacheCode,
      successBuildHistoryLimit: number(take(spec, 'successBuildHistoryLimit')),
      failedBuildHistoryLimit: number(take(spec, 'failedBuildHistoryLimit')),
      imageTaggingStrategy: this.strategy(take(spec, 'imageTaggingStrategy')),
      defaultProcess: string(take(spec, 'defaultProcess')),
      projectDescriptorPath: string(take(spec, 'projectDescriptorPath')),
      cosignAnnotations,
      ...settings,
    }, this.restOfBuild(spec, build, settings));
  }

  /** `spec.build` of an Image, taken out of the spec: the typed settings take from it what they can. */
  private buildFields(spec: Json): Json {
    const build = own(spec, 'build');
    if (!isObject(build)) {
      return {};
    }
    delete spec.build;
    return { ...build };
  }

  /**
   * What is left of `spec.build` goes back into the spec for JSON patches: under the typed part when there
   * is one (`/spec/build/<field>`), else as a whole (`/spec/build`). Returns the spec keys to patch inside.
   */
  private restOfBuild(spec: Json, build: Json, settings: Json): string[] {
    if (Object.keys(build).length === 0) {
      return [];
    }
    spec.build = build;
    return Object.keys(settings).length > 0 ? ['build'] : [];
  }

  private build(object: Json, spec: Json): void {
    const builder = object_(own(spec, 'builder'));
    let builderProps: Json = {};
    if (builder !== undefined) {
      onlyKeys(builder, ['image', 'ref', 'imagePullSecrets']);
      if ((own(builder, 'image') === undefined) === (own(builder, 'ref') === undefined)) throw new Unfit();
      const image = string(own(builder, 'image'));
      const pullSecrets = this.pullSecrets(own(builder, 'imagePullSecrets'), object);
      this.imports.add('BuildBuilder');
      if (image !== undefined) {
        builderProps = { builder: code(`BuildBuilder.fromImage(${literal(image)}${pullSecrets !== undefined ? `, { pullSecrets: ${literal(pullSecrets)} }` : ''})`) };
      } else {
        // A builder resource's image is pulled by kpack with the builder's own secrets: no pull secrets here.
        if (pullSecrets !== undefined) throw new Unfit();
        builderProps = { builder: code(`BuildBuilder.fromBuilder(${literal(this.ref(own(builder, 'ref'), 'builder', CURRENT, object))})`) };
      }
      take(spec, 'builder');
    }
    let cache: string | undefined;
    const cacheSpec = object_(own(spec, 'cache'));
    if (cacheSpec !== undefined && Object.keys(cacheSpec).length === 1) {
      const registry = object_(own(cacheSpec, 'registry'));
      const volume = object_(own(cacheSpec, 'volume'));
      if (registry !== undefined) {
        const tag = string(own(onlyKeys(registry, ['tag']), 'tag')) ?? unfit();
        this.imports.add('BuildCache');
        cache = code(`BuildCache.registry(${literal(tag)})`);
      } else if (volume !== undefined) {
        const claim = string(own(onlyKeys(volume, ['persistentVolumeClaimName']), 'persistentVolumeClaimName')) ?? unfit();
        this.imports.add('BuildCache');
        this.usesKplus = true;
        const namespace = typedMetadata(object).namespace;
        const reference = this.importRef('PersistentVolumeClaim', claim, namespace,
          id => `kplus.PersistentVolumeClaim.fromClaimName(this, ${stringLiteral(id)}, ${stringLiteral(claim)})`);
        cache = code(`BuildCache.persistentVolumeClaim(${reference})`);
      }
      if (cache !== undefined) take(spec, 'cache');
    }
    const lastBuildSpec = object_(own(spec, 'lastBuild'));
    let lastBuild: Json | undefined;
    if (lastBuildSpec !== undefined) {
      onlyKeys(lastBuildSpec, ['image', 'cache', 'stackId']);
      const cacheImage = object_(own(lastBuildSpec, 'cache'));
      lastBuild = omitUndefined({
        image: string(own(lastBuildSpec, 'image')),
        cacheImage: cacheImage === undefined ? undefined : string(own(onlyKeys(cacheImage, ['image']), 'image')),
        stackId: string(own(lastBuildSpec, 'stackId')),
      });
      take(spec, 'lastBuild');
    }
    const runImageSpec = object_(own(spec, 'runImage'));
    const runImage = runImageSpec === undefined ? undefined : string(own(onlyKeys(runImageSpec, ['image']), 'image'));
    take(spec, 'runImage');
    this.construct(object, 'Build', spec, {
      tags: arrayOf(take(spec, 'tags'), string),
      ...builderProps,
      serviceAccount: this.accountName(take(spec, 'serviceAccountName'), object),
      source: this.source(take(spec, 'source'), 'Source'),
      cache,
      runImage,
      priorityClassName: string(take(spec, 'priorityClassName')),
      lastBuild,
      defaultProcess: string(take(spec, 'defaultProcess')),
      projectDescriptorPath: string(take(spec, 'projectDescriptorPath')),
      ...this.buildSettings(spec, object, { timeout: 'activeDeadlineSeconds' }),
    });
  }

  /**
   * The typed build settings (`BuildOptions`) of kpack's build fields: each field it can write back exactly is
   * taken out of `fields`; the rest stays there, for a JSON patch.
   */
  private buildSettings(fields: Json, owner: Json, options: { timeout?: string; only?: string[] }): Json {
    const props: Json = {};
    const can = (key: string) => own(fields, key) !== undefined && (!options.only || options.only.includes(key));
    if (can('env')) {
      const env = this.env(own(fields, 'env'));
      if (env !== undefined) {
        props.env = env;
        delete fields.env;
      }
    }
    if (can('resources')) {
      const resources = this.resources(own(fields, 'resources'));
      if (resources !== undefined) {
        props.resources = resources;
        delete fields.resources;
      }
    }
    if (can('nodeSelector') && isStringMap(own(fields, 'nodeSelector'))) {
      props.nodeSelector = take(fields, 'nodeSelector');
    }
    const tolerations = own(fields, 'tolerations');
    if (can('tolerations') && Array.isArray(tolerations)) {
      const queries = tolerations.map(t => this.toleration(t));
      if (queries.every(q => q !== undefined)) {
        this.usesKplus = true;
        props.tolerations = code(`[${queries.join(', ')}]`);
        delete fields.tolerations;
      }
    }
    for (const key of ['runtimeClassName', 'schedulerName']) {
      if (can(key) && typeof own(fields, key) === 'string') {
        props[key] = take(fields, key);
      }
    }
    const timeout = options.timeout;
    const seconds = timeout === undefined ? undefined : own(fields, timeout);
    if (timeout && can(timeout) && Number.isSafeInteger(seconds) && seconds > 0) {
      this.cdk8sImports.add('Duration');
      props.buildTimeout = code(`Duration.seconds(${numberLiteral(take(fields, timeout))})`);
    }
    const creationTime = own(fields, 'creationTime');
    if (can('creationTime') && typeof creationTime === 'string' && /^(now|0|[1-9][0-9]{0,15})$/.test(creationTime)) {
      this.imports.add('CreationTime');
      take(fields, 'creationTime');
      props.creationTime = code(creationTime === 'now' ? 'CreationTime.NOW' : `CreationTime.fromEpochSeconds(${numberLiteral(Number(creationTime))})`);
    }
    const services = own(fields, 'services');
    if (can('services') && Array.isArray(services) && services.every(s => isObject(s) && Object.keys(s).length === 3
      && own(s, 'apiVersion') === 'v1' && own(s, 'kind') === 'Secret' && typeof own(s, 'name') === 'string')) {
      props.services = code(`[${services.map(s => this.secretRef(own(s, 'name'), owner)).join(', ')}]`);
      delete fields.services;
    }
    return props;
  }

  /** Build env as a map of `EnvValue`s, when every entry is a plain value and the names are distinct. */
  private env(env: unknown): string | undefined {
    if (!Array.isArray(env) || env.length === 0) {
      return undefined;
    }
    const pairs = env.map(e => (isObject(e) && Object.keys(e).length === 2 && typeof own(e, 'name') === 'string' && typeof own(e, 'value') === 'string'
      ? [own(e, 'name') as string, own(e, 'value') as string] as const : undefined));
    if (pairs.some(p => p === undefined || p[0] === '__proto__') || new Set(pairs.map(p => p![0])).size !== pairs.length) {
      return undefined;
    }
    this.usesKplus = true;
    return code(`{ ${pairs.map(p => `${propertyKey(p![0])}: kplus.EnvValue.fromValue(${stringLiteral(p![1])})`).join(', ')} }`);
  }

  /** Resources as `kplus.ContainerResources`; undefined when they would not write back exactly. */
  private resources(value: unknown): string | undefined {
    if (!isObject(value) || Object.keys(value).some(k => !['requests', 'limits'].includes(k))) {
      return undefined;
    }
    const requests = own(value, 'requests') ?? {};
    const limits = own(value, 'limits') ?? {};
    if (!isStringMap(requests) || !isStringMap(limits)) {
      return undefined;
    }
    if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) {
      return undefined;
    }
    if ([...Object.keys(requests), ...Object.keys(limits)].some(k => !['cpu', 'memory', 'ephemeral-storage'].includes(k))) {
      return undefined;
    }
    const parts: string[] = [];
    for (const [key, prop] of [['cpu', 'cpu'], ['memory', 'memory'], ['ephemeral-storage', 'ephemeralStorage']]) {
      const pair: string[] = [];
      for (const [side, values] of [['request', requests], ['limit', limits]] as const) {
        const quantity = own(values, key);
        if (quantity === undefined) {
          continue;
        }
        let source: string | undefined;
        if (key === 'cpu') {
          source = cpu(quantity);
        } else {
          try {
            source = this.size(quantity)?.source;
          } catch (e) {
            if (!(e instanceof Unfit)) throw e;
          }
        }
        if (source === undefined) {
          return undefined;
        }
        pair.push(`${side}: ${source}`);
      }
      if (pair.length > 0) {
        parts.push(`${prop}: { ${pair.join(', ')} }`);
      }
    }
    this.usesKplus = true;
    return code(`{ ${parts.join(', ')} }`);
  }

  /** A toleration as a `kplus.NodeTaintQuery`, when it writes back exactly. */
  private toleration(value: unknown): string | undefined {
    if (!isObject(value) || Object.keys(value).some(k => !['key', 'operator', 'value', 'effect', 'tolerationSeconds'].includes(k))) {
      return undefined;
    }
    const [key, operator, tolerated, effect, seconds] = ['key', 'operator', 'value', 'effect', 'tolerationSeconds'].map(k => own(value, k));
    if (effect !== undefined && !(typeof effect === 'string' && hasOwn(TAINT_EFFECTS, effect))) {
      return undefined;
    }
    if (seconds !== undefined && (effect !== 'NoExecute' || !Number.isSafeInteger(seconds) || seconds < 0)) {
      return undefined;
    }
    if (seconds !== undefined) {
      this.cdk8sImports.add('Duration');
    }
    const options = [
      effect !== undefined ? `effect: kplus.TaintEffect.${identifier(TAINT_EFFECTS[effect])}` : '',
      seconds !== undefined ? `evictAfter: Duration.seconds(${numberLiteral(seconds)})` : '',
    ].filter(x => x);
    const optionsCode = options.length > 0 ? `, { ${options.join(', ')} }` : '';
    if (operator === 'Exists' && key === undefined && tolerated === undefined && options.length === 0) {
      return 'kplus.NodeTaintQuery.any()';
    }
    if (operator === 'Exists' && typeof key === 'string' && tolerated === undefined) {
      return `kplus.NodeTaintQuery.exists(${stringLiteral(key)}${optionsCode})`;
    }
    if (operator === 'Equal' && typeof key === 'string' && typeof tolerated === 'string') {
      return `kplus.NodeTaintQuery.is(${stringLiteral(key)}, ${stringLiteral(tolerated)}${optionsCode})`;
    }
    return undefined;
  }

  /**
   * Declares a construct with the given props; spec fields left over are kept with JSON patches, and listed
   * in the notes. `under` names spec fields the construct writes, whose leftovers are patched inside them.
   */
  private construct(object: Json, className: string, rest: Json, props: Json, under: string[] = []): string {
    if ((REQUIRED_PROPS[className] ?? []).some(prop => props[prop] === undefined)) throw new Unfit();
    this.imports.add(className.startsWith('legacy.') ? 'legacy' : identifier(className));
    const variable = this.variable(object);
    const metadata = typedMetadata(object);
    const allProps = omitUndefined({ metadata, ...props });
    const classCode = className.split('.').map(identifier).join('.');
    this.lines.push(`const ${variable} = new ${classCode}(this, ${stringLiteral(this.uniqueId(this.baseId(object)))}, ${literal(allProps)});`);
    this.declared.push({ variable, kind: own(object, 'kind'), name: metadata.name, namespace: metadata.namespace });
    const patches: Array<[string[], unknown]> = [];
    for (const key of Object.keys(rest)) {
      const value = rest[key];
      if (under.includes(key) && isObject(value)) {
        patches.push(...Object.keys(value).map((child): [string[], unknown] => [['spec', key, child], value[child]]));
      } else {
        patches.push([['spec', key], value]);
      }
    }
    if (patches.length > 0) {
      this.cdk8sImports.add('ApiObject');
      this.cdk8sImports.add('JsonPatch');
      this.lines.push('// Spec fields with no typed prop (yet): kept as they are.');
      for (const [path, value] of patches) {
        this.lines.push(`ApiObject.of(${variable}).addJsonPatch(JsonPatch.add(${stringLiteral(`/${path.map(pointerToken).join('/')}`)}, ${jsonLiteral(patchable(value))}));`);
      }
      this.notes.push(`${describe(object)}: ${patches.map(([path]) => path.join('.')).join(', ')}: no typed prop: kept with a JSON patch`);
    }
    return variable;
  }

  private secret(object: Json): void {
    onlyKeys(object, ['apiVersion', 'kind', 'metadata', 'type', 'data', 'stringData', 'immutable']);
    const metadataIn = object_(own(object, 'metadata')) ?? {};
    const annotations: Json = stringMap(own(metadataIn, 'annotations')) ?? {};
    if (own(object, 'stringData') !== undefined && own(object, 'data') !== undefined) throw new Unfit();
    const data: Json = stringMap(own(object, 'stringData')) ?? decode(stringMap(own(object, 'data')));
    const type = string(own(object, 'type'));
    const immutable = boolean(own(object, 'immutable'));
    const generation = Object.keys(annotations).some(a => a.startsWith('build.pivotal.io/')) ? 'legacy.' : '';
    const prefix = generation ? 'build.pivotal.io' : 'kpack.io';
    // The annotation the credential writes itself is left out of the metadata; every other one is kept.
    const factory = (name: string, props: Json, written?: string) => {
      if (generation) this.imports.add('legacy');
      else this.imports.add('RegistryCredentials');
      const rest = Object.keys(annotations).filter(a => a !== written);
      const otherAnnotations = rest.length ? Object.fromEntries(rest.map(a => [a, annotations[a]])) : undefined;
      const metadata = typedMetadata({ ...object, metadata: { ...metadataIn, annotations: otherAnnotations } });
      const variable = this.variable(object);
      this.lines.push('');
      this.conversionNotes();
      this.lines.push('// The value is written into the synthesized YAML: consider RegistryCredentials.fromSecretName().');
      this.lines.push(`const ${variable} = ${generation}RegistryCredentials.${identifier(name)}(this, ${stringLiteral(this.uniqueId(this.baseId(object)))}, ${literal(omitUndefined({ metadata, ...props, immutable: immutable || undefined }))});`);
      this.declared.push({ variable, kind: 'Credentials', name: metadata.name, namespace: metadata.namespace });
    };
    const keys = Object.keys(data).sort().join(',');
    const dockerConfig = type === 'kubernetes.io/dockerconfigjson' && keys === '.dockerconfigjson' ? oneRegistry(data['.dockerconfigjson']) : undefined;
    const docker = own(annotations, `${prefix}/docker`);
    const git = own(annotations, `${prefix}/git`);
    if (dockerConfig) {
      return factory('dockerConfigJson', dockerConfig);
    }
    if (type === 'kubernetes.io/basic-auth' && keys === 'password,username' && docker) {
      return factory('dockerBasicAuth', { registry: docker, username: data.username, password: data.password }, `${prefix}/docker`);
    }
    if (type === 'kubernetes.io/basic-auth' && keys === 'password,username' && git) {
      return factory('gitBasicAuth', { gitServer: git, username: data.username, password: data.password }, `${prefix}/git`);
    }
    if (type === 'kubernetes.io/ssh-auth' && git && ['ssh-privatekey', 'known_hosts,ssh-privatekey'].includes(keys) && !(generation && own(data, 'known_hosts'))) {
      return factory('gitSsh', { gitServer: git, sshPrivateKey: data['ssh-privatekey'], knownHosts: own(data, 'known_hosts') }, `${prefix}/git`);
    }
    throw new Unfit();
  }

  private serviceAccount(object: Json): void {
    const names = (list: unknown) => arrayOf(list, s => string(own(onlyKeys(object_(s), ['name']), 'name')) ?? unfit());
    names(own(object, 'secrets'));
    names(own(object, 'imagePullSecrets'));
    const automount = boolean(own(object, 'automountServiceAccountToken'));
    this.usesKplus = true;
    const rest = Object.keys(object).filter(k => !['apiVersion', 'kind', 'metadata', 'secrets', 'imagePullSecrets', 'automountServiceAccountToken'].includes(k));
    const variable = this.variable(object);
    const metadata = typedMetadata(object);
    this.lines.push('');
    this.conversionNotes();
    this.lines.push(`const ${variable} = new kplus.ServiceAccount(this, ${stringLiteral(this.uniqueId(this.baseId(object)))}, ${literal(omitUndefined({
      metadata,
      automountToken: automount !== false,
    }))});`);
    this.declared.push({ variable, kind: 'ServiceAccount', name: metadata.name, namespace: metadata.namespace });
    this.typedAccounts.push(object);
    if (rest.length > 0) {
      this.cdk8sImports.add('ApiObject');
      this.cdk8sImports.add('JsonPatch');
      for (const key of rest) {
        this.lines.push(`ApiObject.of(${variable}).addJsonPatch(JsonPatch.add(${stringLiteral(`/${pointerToken(key)}`)}, ${jsonLiteral(patchable(object[key]))}));`);
      }
      this.notes.push(`${describe(object)}: ${rest.join(', ')}: no typed prop: kept with a JSON patch`);
    }
  }

  /** Adds the service accounts' secrets: `addTo` for credentials declared here, references otherwise. */
  private linkSecrets(account: Json): void {
    const metadata = typedMetadata(account);
    const variable = this.find('ServiceAccount', metadata.name!, metadata.namespace)!.variable;
    const listed = (key: string) => ((own(account, key) ?? []) as Json[]).map(s => s.name as string);
    const pullSecrets = new Set(listed('imagePullSecrets'));
    const extraPull: string[] = [];
    const lines: string[] = [];
    const start = this.lines.length;
    for (const name of listed('secrets')) {
      const credentials = this.find('Credentials', name, metadata.namespace);
      const isDockerConfig = this.objects.some(o => own(o, 'kind') === 'Secret' && own(object_(own(o, 'metadata')) ?? {}, 'name') === name && own(o, 'type') === 'kubernetes.io/dockerconfigjson');
      if (credentials && (!isDockerConfig || pullSecrets.has(name))) {
        lines.push(`${credentials.variable}.addTo(${variable});`);
        if (isDockerConfig) {
          pullSecrets.delete(name);
        }
      } else {
        lines.push(`${variable}.addSecret(${this.secretRef(name, account)});`);
        if (pullSecrets.has(name)) {
          extraPull.push(name);
          pullSecrets.delete(name);
        }
      }
    }
    for (const name of pullSecrets) extraPull.push(name);
    if (lines.length || extraPull.length) {
      this.lines.splice(start, 0, '');
      for (const line of lines) this.lines.push(line);
    }
    if (extraPull.length > 0) {
      this.cdk8sImports.add('ApiObject');
      this.cdk8sImports.add('JsonPatch');
      this.lines.push(`ApiObject.of(${variable}).addJsonPatch(JsonPatch.add('/imagePullSecrets', ${jsonLiteral(extraPull.map(name => ({ name })))}));`);
    }
  }

  private source(value: unknown, className: 'Source' | 'legacy.Source'): string | undefined {
    const source = object_(value);
    if (!source) {
      return undefined;
    }
    onlyKeys(source, ['git', 'blob', 'registry', 'subPath']);
    const git = object_(own(source, 'git'));
    const blob = object_(own(source, 'blob'));
    const registry = object_(own(source, 'registry'));
    if ([git, blob, registry].filter(x => x !== undefined).length !== 1) throw new Unfit();
    this.imports.add(className === 'legacy.Source' ? 'legacy' : 'Source');
    const subPath = string(own(source, 'subPath'));
    if (git) {
      onlyKeys(git, ['url', 'revision', 'initializeSubmodules']);
      const options = omitUndefined({ revision: string(own(git, 'revision')), subPath, initializeSubmodules: boolean(own(git, 'initializeSubmodules')) });
      return code(`${className}.git(${literal(string(own(git, 'url')) ?? unfit())}, ${literal(options)})`);
    }
    if (blob) {
      onlyKeys(blob, ['url', 'auth', 'stripComponents']);
      const auth = string(own(blob, 'auth'));
      if (auth !== undefined && !hasOwn(BLOB_AUTH, auth)) throw new Unfit();
      if (auth !== undefined) {
        this.imports.add('BlobAuth');
      }
      const options = omitUndefined({
        subPath,
        stripComponents: number(own(blob, 'stripComponents')),
        auth: auth === undefined ? undefined : code(`BlobAuth.${identifier(BLOB_AUTH[auth])}`),
      });
      return code(`${className}.blob(${literal(string(own(blob, 'url')) ?? unfit())}${Object.keys(options).length ? `, ${literal(options)}` : ''})`);
    }
    onlyKeys(registry!, ['image', 'imagePullSecrets']);
    const secrets = this.pullSecrets(own(registry!, 'imagePullSecrets'), this.current);
    const options = omitUndefined({ subPath, pullSecrets: secrets });
    return code(`${className}.registry(${literal(string(own(registry!, 'image')) ?? unfit())}${Object.keys(options).length ? `, ${literal(options)}` : ''})`);
  }

  /**
   * A reference to a kpack object: its variable when it is declared here, else one `fromXxxName()` shared by
   * every object that refers to it.
   */
  private ref(value: unknown, field: keyof typeof REFERENCE_KINDS, apiVersion = CURRENT, owner?: Json): string | undefined {
    if (value === undefined) {
      return undefined;
    }
    const reference = object_(value)!;
    onlyKeys(reference, ['kind', 'name']);
    const kind = string(own(reference, 'kind'));
    const name = string(own(reference, 'name'));
    if (kind === undefined || name === undefined || !REFERENCE_KINDS[field].includes(kind)) {
      throw new Unfit();
    }
    const namespace = NAMESPACED.has(kind) && owner ? typedMetadata(owner).namespace : undefined;
    const declared = this.find(kind, name, namespace);
    if (declared) {
      return code(declared.variable);
    }
    const className = apiVersion === LEGACY ? `legacy.${identifier(classOf(kind))}` : identifier(classOf(kind));
    this.imports.add(apiVersion === LEGACY ? 'legacy' : classOf(kind));
    return this.importRef(`${apiVersion === LEGACY ? 'legacy.' : ''}${kind}`, name, namespace,
      id => `${className}.${identifier(`from${kind}Name`)}(this, ${stringLiteral(id)}, ${stringLiteral(name)})`);
  }

  /**
   * Declares an object of the cluster that the YAML only refers to, once for all its users, and returns its
   * variable. `expression` gets the construct id (`ref-<kind>-<namespace>-<name>`).
   */
  private importRef(kind: string, name: string, namespace: string | undefined, expression: (id: string) => string): string {
    const key = JSON.stringify([kind, namespace ?? '', name]);
    let variable = this.imported.get(key);
    if (variable === undefined) {
      const bare = kind.replace(/^legacy\./, '');
      variable = this.variable({ kind: bare, metadata: { name } });
      const id = this.uniqueId(this.baseId({ kind: `Ref${bare}`, metadata: { namespace, name } }));
      this.lines.push(`const ${variable} = ${expression(id)};`);
      this.imported.set(key, variable);
    }
    return code(variable);
  }

  /** A Secret the YAML only names (`kplus.Secret.fromSecretName()`), in the namespace of `owner`. */
  private secretRef(name: string, owner: Json): string {
    this.usesKplus = true;
    return this.importRef('Secret', name, typedMetadata(owner).namespace,
      id => `kplus.Secret.fromSecretName(this, ${stringLiteral(id)}, ${stringLiteral(name)})`);
  }

  /** `imagePullSecrets: [{name}]` as references to Secrets. */
  private pullSecrets(value: unknown, owner: Json): string | undefined {
    const names = arrayOf(value, s => string(own(onlyKeys(object_(s), ['name']), 'name')) ?? unfit());
    return names === undefined ? undefined : code(`[${names.map(name => this.secretRef(name, owner)).join(', ')}]`);
  }

  private accountRef(value: unknown): string | undefined {
    if (value === undefined) {
      return undefined;
    }
    const reference = onlyKeys(object_(value), ['name', 'namespace']);
    const name = string(own(reference, 'name')) ?? unfit();
    const namespace = string(own(reference, 'namespace')) ?? unfit();
    const declared = this.find('ServiceAccount', name, namespace);
    if (declared) {
      return code(declared.variable);
    }
    this.usesKplus = true;
    return this.importRef('ServiceAccount', name, namespace,
      id => `kplus.ServiceAccount.fromServiceAccountName(this, ${stringLiteral(id)}, ${stringLiteral(name)}, { namespaceName: ${stringLiteral(namespace)} })`);
  }

  private accountName(value: unknown, owner: Json): string | undefined {
    const name = string(value);
    return name === undefined ? undefined : this.accountRef({ name, namespace: typedMetadata(owner).namespace ?? 'default' });
  }

  private strategy(value: unknown): string | undefined {
    const strategy = string(value);
    if (strategy === undefined) {
      return undefined;
    }
    if (!hasOwn(TAGGING, strategy)) throw new Unfit();
    this.imports.add('ImageTaggingStrategy');
    return code(`ImageTaggingStrategy.${identifier(TAGGING[strategy])}`);
  }

  /** A quantity as a `Size`, in the largest binary unit that holds it exactly; unfit when none does. */
  private size(quantity: unknown): (string & { source: string }) | undefined {
    if (quantity === undefined) {
      return undefined;
    }
    const value = typeof quantity === 'string' ? parseQuantity(quantity) : undefined;
    if (!value || value.numerator % value.denominator !== 0n) {
      throw new Unfit();
    }
    const bytes = value.numerator / value.denominator;
    if (bytes <= 0n || bytes % 1024n !== 0n || bytes > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new Unfit();
    }
    this.cdk8sImports.add('Size');
    const units: Array<[string, bigint]> = [['tebibytes', 2n ** 40n], ['gibibytes', 2n ** 30n], ['mebibytes', 2n ** 20n], ['kibibytes', 2n ** 10n]];
    for (const [unit, factor] of units) {
      if (bytes >= factor && (bytes * 1000n) % factor === 0n) {
        const source = `Size.${unit}(${numberLiteral(Number(bytes * 1000n / factor) / 1000)})`;
        return Object.assign(code(source), { source });
      }
    }
    const source = `Size.kibibytes(${numberLiteral(Number(bytes / 1024n))})`;
    return Object.assign(code(source), { source });
  }

  /** A declared object; namespaced kinds match in their namespace (none meaning `default`). */
  private find(kind: string, name: string, namespace?: string): Declared | undefined {
    const sameNamespace = (d: Declared) => !NAMESPACED.has(kind) || (d.namespace ?? 'default') === (namespace ?? 'default');
    return this.declared.find(d => d.kind === kind && d.name === name && sameNamespace(d));
  }

  /** A readable construct id from the kind, namespace and name (any character outside [A-Za-z0-9._-] becomes `-`). */
  private baseId(object: Json): string {
    const metadata = isObject(own(object, 'metadata')) ? own(object, 'metadata') : {};
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const kind = (text(own(object, 'kind')) ?? 'object').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
    const parts = [kind, text(own(metadata, 'namespace')), text(own(metadata, 'name'))].filter(x => x);
    return parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 200) || 'object';
  }

  private uniqueId(name: string): string {
    // constructs keeps children in a plain object: an id named like a prototype member counts as taken.
    const base = name in {} ? `${name}-object` : name;
    let id = base;
    for (let i = 2; this.ids.has(id); i++) {
      id = `${base}-${i}`;
    }
    this.ids.add(id);
    return id;
  }

  private variable(object: Json): string {
    const metadata = object_(own(object, 'metadata')) ?? {};
    const words = `${string(own(metadata, 'name')) ?? ''} ${string(own(object, 'kind')) ?? ''}`.split(/[^A-Za-z0-9]+/).filter(w => w);
    let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1))).join('').slice(0, 60) || 'object';
    if (!/^[A-Za-z]/.test(base)) {
      base = `o${base}`;
    }
    if (!isSafeIdentifier(base)) {
      base = `${base}Object`;
    }
    let variable = base;
    for (let i = 2; this.variables.has(variable); i++) {
      variable = `${base}${i}`;
    }
    this.variables.add(variable);
    return identifier(variable);
  }
}

/** A piece of generated code, written as it is by `literal()`. */
function code(source: string): string {
  return new Code(source) as unknown as string;
}

class Code {
  constructor(public readonly source: string) {}

  public toString(): string {
    return this.source;
  }
}

/** Props as TypeScript: generated code as it is, everything else through the escaping of `jsonLiteral()`. */
function literal(value: unknown): string {
  if (value instanceof Code) {
    return value.source;
  }
  if (Array.isArray(value)) {
    return `[${value.map(literal).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).filter(k => (value as Json)[k] !== undefined);
    if (entries.length === 0) {
      return '{}';
    }
    return `{ ${entries.map(k => `${propertyKey(k)}: ${literal((value as Json)[k])}`).join(', ')} }`;
  }
  return jsonLiteral(value);
}

/** A CPU quantity as `kplus.Cpu`, when it writes back exactly (`500m`, `2`, `1.5`). */
function cpu(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const millis = /^([1-9][0-9]{0,8})m$/.exec(value);
  if (millis) {
    return `kplus.Cpu.millis(${numberLiteral(Number(millis[1]))})`;
  }
  return /^(0|[1-9][0-9]{0,8})(\.[0-9]{1,3})?$/.test(value) && String(Number(value)) === value ? `kplus.Cpu.units(${numberLiteral(Number(value))})` : undefined;
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.keys(value).every(k => k !== '__proto__' && typeof value[k] === 'string');
}

function unfit(): never {
  throw new Unfit();
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** A property of untrusted data: own properties only, never the prototype's (`constructor`, `__proto__`). */
function own(object: unknown, key: string): any {
  return object !== null && typeof object === 'object' && hasOwn(object, key) ? (object as Json)[key] : undefined;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function object_(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  return isObject(value) ? value : unfit();
}

function objectOr(value: unknown, fallback: Json): Json {
  return object_(value) ?? fallback;
}

function onlyKeys(object: Json | undefined, keys: string[]): Json {
  if (object === undefined || Object.keys(object).some(k => !keys.includes(k))) throw new Unfit();
  return object;
}

function string(value: unknown): string | undefined {
  return value === undefined || typeof value === 'string' ? value : unfit();
}

function number(value: unknown): number | undefined {
  return value === undefined || (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) ? value : unfit();
}

function boolean(value: unknown): boolean | undefined {
  return value === undefined || typeof value === 'boolean' ? value : unfit();
}

function arrayOf<T>(value: unknown, item: (x: unknown) => T): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map(item) : unfit();
}

function stringMap(value: unknown): Record<string, string> | undefined {
  const map = object_(value);
  if (map !== undefined && Object.keys(map).some(k => typeof map[k] !== 'string' || k === '__proto__')) throw new Unfit();
  return map;
}

function take(object: Json, key: string): any {
  const value = own(object, key);
  delete object[key];
  return value;
}

function omitUndefined(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/** The metadata a typed construct writes back exactly: a name, and string namespace, labels, annotations. */
function typedMetadata(object: Json): { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> } {
  const metadata = onlyKeys(object_(own(object, 'metadata')) ?? unfit(), ['name', 'namespace', 'labels', 'annotations']);
  const name = string(own(metadata, 'name')) ?? unfit();
  return omitUndefined({
    name,
    namespace: string(own(metadata, 'namespace')),
    labels: stringMap(own(metadata, 'labels')),
    annotations: stringMap(own(metadata, 'annotations')),
  });
}

function hasNullOrEmpty(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null) return true;
    if (typeof item === 'object') {
      const values = Object.values(item as object);
      if (values.length === 0) return true;
      for (const v of values) stack.push(v);
    }
  }
  return false;
}

/** A JSON pointer token (RFC 6901). */
function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * A value that cdk8s's JSON patches keep unchanged: they copy it through JSON (so `-0` and non-finite numbers
 * change) and refuse keys that could reach a prototype.
 */
function patchable(value: unknown): unknown {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'number' && (!Number.isFinite(item) || Object.is(item, -0))) throw new Unfit();
    if (Array.isArray(item)) {
      for (const element of item) stack.push(element);
    } else if (isObject(item)) {
      for (const key of Object.keys(item)) {
        if (['__proto__', 'constructor', 'prototype'].includes(key)) throw new Unfit();
        stack.push(item[key]);
      }
    }
  }
  return value;
}

/** Whether `new ApiObject(chart, id, object)` writes the object back unchanged, and its literal type-checks. */
function rendersUnchanged(object: Json): boolean {
  const apiVersion = own(object, 'apiVersion');
  const kind = own(object, 'kind');
  const metadata = own(object, 'metadata');
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !isObject(metadata) || typeof own(metadata, 'name') !== 'string') {
    return false;
  }
  try {
    typedMetadata(object);
    const chart = new Chart(new App(), 'migrate');
    return sameJson(new ApiObject(chart, 'object', object as any).toJson(), object);
  } catch {
    return false;
  }
}

/** Deep equality of JSON values, numbers by `Object.is`, own keys only. */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return Object.is(a, b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every(k => hasOwn(b, k) && sameJson((a as Json)[k], (b as Json)[k]));
}

/**
 * The props of `dockerConfigJson()` when a `.dockerconfigjson` holds one registry in exactly the form it
 * writes (username, password, optional email, and their `auth`).
 */
function oneRegistry(text: string): Json | undefined {
  let config: Json;
  try {
    config = JSON.parse(text);
  } catch {
    return undefined;
  }
  const auths = object_(own(config, 'auths'));
  const registries = Object.keys(auths ?? {});
  if (!isObject(config) || Object.keys(config).length !== 1 || registries.length !== 1) {
    return undefined;
  }
  const entry = object_(own(auths, registries[0])) ?? {};
  const [username, password, email] = [own(entry, 'username'), own(entry, 'password'), own(entry, 'email')];
  if (typeof username !== 'string' || typeof password !== 'string' || (email !== undefined && typeof email !== 'string')) {
    return undefined;
  }
  const rewritten = JSON.stringify(dockerConfigJson(registries[0], username, password, email));
  return rewritten === text && normalizeRegistry(registries[0]) === registries[0]
    ? { registry: registries[0], username, password, email }
    : undefined;
}

/** Secret data as text, when it is base64 of UTF-8 that encodes back to the same. */
function decode(data: Record<string, string> | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const key of Object.keys(data ?? {})) {
    const text = Buffer.from(data![key], 'base64').toString('utf8');
    if (Buffer.from(text, 'utf8').toString('base64') !== data![key]) throw new Unfit();
    decoded[key] = text;
  }
  return decoded;
}

/** The class that writes a kpack kind: the kind's name, but for `Builder`, which Java reserves for builders. */
function classOf(kind: string): string {
  return kind === 'Builder' ? 'NamespacedBuilder' : kind;
}

/** kpack's decoding error for a kpack object of the file (a value of the wrong JSON type, a bad quantity), if any. */
function kpackDecodeError(object: Json): { readonly message: string; readonly hint?: string } | undefined {
  try {
    return validateKpackObject(object)?.find(error => error.decode);
  } catch {
    // A rule that fails on data it did not expect must not stop the migration: the note says less.
    return undefined;
  }
}
