/**
 * An independent re-statement of the admission rules of kpack's webhook (v0.17.2 for kpack.io/v1alpha2,
 * v0.0.8 for build.pivotal.io/v1alpha1), written from kpack's validation code without the library's
 * rule tables or reference parser, for the property tests: anything the library synthesizes must pass it.
 * It answers only "would kpack reject this object", with a reason for the test's failure message.
 */
import { Manifest } from './util';

// go-containerregistry, weak validation, re-read: a registry is a first path element with `.` or `:`.
function splitRegistry(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash > 0 && /[.:]/.test(name.slice(0, slash))) {
    return [name.slice(0, slash), name.slice(slash + 1)];
  }
  return ['index.docker.io', name];
}

function registryOk(registry: string): boolean {
  if (/[\s/?#@%\\^`{|}]/.test(registry) || /[\u0000-\u001f\u007f]/.test(registry)) {
    return false;
  }
  const colon = registry.startsWith('[') ? registry.indexOf(':', registry.lastIndexOf(']')) : registry.lastIndexOf(':');
  return colon < 0 || /^\d*$/.test(registry.slice(colon + 1));
}

function repositoryOk(repository: string): boolean {
  return repository.length >= 2 && repository.length <= 255 && /^[a-z0-9_./-]+$/.test(repository);
}

/** `name.NewTag`: `repository[:tag]`, where a last `:` followed by a `/` belongs to a registry port. */
export function tagOk(ref: string): boolean {
  if (ref === '') {
    return false;
  }
  let base = ref;
  const colon = ref.lastIndexOf(':');
  if (colon >= 0 && !ref.slice(colon + 1).includes('/')) {
    const tag = ref.slice(colon + 1);
    if (tag !== '' && !/^[\w.-]{1,127}$/.test(tag)) {
      return false;
    }
    base = ref.slice(0, colon);
  }
  const [registry, repository] = splitRegistry(base);
  return base !== '' && repositoryOk(repository) && (registry === 'index.docker.io' || registryOk(registry));
}

/** `name.ParseReference`: a tag, or `repository[:tag]@sha256:<64 hex>`. */
export function referenceOk(ref: string): boolean {
  if (tagOk(ref)) {
    return true;
  }
  const at = ref.split('@');
  return at.length === 2 && /^[sh:0-9a-f]{71}$/.test(at[1]) && tagOk(at[0]);
}

function registryOf(ref: string): string {
  const colon = ref.lastIndexOf(':');
  const base = colon >= 0 && !ref.slice(colon + 1).includes('/') ? ref.slice(0, colon) : ref;
  const registry = splitRegistry(base)[0];
  return registry === 'docker.io' ? 'index.docker.io' : registry;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function sourceProblems(source: any): string[] {
  const kinds = ['git', 'blob', 'registry'].filter(k => source?.[k] !== undefined && source?.[k] !== null);
  if (kinds.length !== 1) {
    return [`${kinds.length} sources`];
  }
  const problems: string[] = [];
  if (source.git && (!str(source.git.url) || !str(source.git.revision))) problems.push('git url/revision');
  if (source.blob && !str(source.blob.url)) problems.push('blob url');
  if (source.blob?.auth !== undefined && !['', 'helper', 'secret'].includes(source.blob.auth)) problems.push('blob auth');
  if (typeof source.blob?.stripComponents === 'number' && source.blob.stripComponents < 0) problems.push('stripComponents');
  if (source.registry && !referenceOk(str(source.registry.image))) problems.push('registry image');
  return problems;
}

function refProblems(ref: any, kinds: string[], what: string): string[] {
  if (!str(ref?.name)) return [`${what} name`];
  return kinds.includes(str(ref?.kind)) ? [] : [`${what} kind`];
}

function accountRefProblems(ref: any, required: boolean): string[] {
  if (ref === undefined || ref === null) return required ? ['serviceAccountRef'] : [];
  return str(ref.name) && str(ref.namespace) ? [] : ['serviceAccountRef name/namespace'];
}

function builderSpecProblems(spec: any, builderKind: string): string[] {
  const problems: string[] = [];
  if (!tagOk(str(spec?.tag))) problems.push('builder tag');
  const stackKind = str(spec?.stack?.kind) || (builderKind === 'Builder' ? 'ClusterStack' : '');
  if (!str(spec?.stack?.name) || stackKind !== 'ClusterStack') problems.push('stack');
  const store = spec?.store ?? {};
  const storeKind = str(store.kind) || (builderKind === 'Builder' && (store.name || store.kind !== undefined) ? 'ClusterStore' : '');
  if ((str(store.name) || str(store.kind)) && storeKind !== 'ClusterStore') problems.push('store kind');
  for (const entry of spec?.order ?? []) {
    for (const ref of entry?.group ?? []) {
      if (ref?.image) problems.push('order image');
      if ((ref?.name || ref?.kind) && !['Buildpack', 'ClusterBuildpack'].includes(ref?.kind)) problems.push('order kind');
      if (!ref?.image && !ref?.id && !ref?.name && !ref?.kind) problems.push('order entry');
    }
  }
  return problems;
}

const LABEL = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

// Kubernetes' DNS-1123 subdomain: the name of a Secret or a ServiceAccount.
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why kpack's webhook (or, for the core kinds kpack reads, the API server) would reject the object. */
export function webhookRejects(object: Manifest): string[] {
  const spec = object.spec ?? {};
  if (object.apiVersion === 'v1' && ['Secret', 'ServiceAccount'].includes(object.kind)) {
    const name = str(object.metadata?.name);
    return name.length <= 253 && SUBDOMAIN.test(name) ? [] : ['core object name'];
  }
  switch (`${object.apiVersion}/${object.kind}`) {
    case 'kpack.io/v1alpha2/Image': {
      const problems = [...sourceProblems(spec.source), ...refProblems(spec.builder, ['Builder', 'ClusterBuilder'], 'builder')];
      if (!tagOk(str(spec.tag))) problems.push('tag');
      for (const tag of spec.additionalTags ?? []) {
        if (!tagOk(str(tag))) problems.push('additional tag');
        else if (tagOk(str(spec.tag)) && registryOf(tag) !== registryOf(spec.tag)) problems.push('additional tag registry');
      }
      for (const limit of [spec.failedBuildHistoryLimit, spec.successBuildHistoryLimit]) {
        if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 1)) problems.push('history limit');
      }
      if (spec.cache?.volume && spec.cache?.registry) problems.push('two caches');
      if (spec.notary) problems.push('notary');
      if (spec.build?.nodeSelector && 'kubernetes.io/os' in spec.build.nodeSelector) problems.push('os selector');
      for (const env of spec.build?.env ?? []) if (env?.valueFrom?.secretKeyRef) problems.push('secret env');
      for (const service of spec.build?.services ?? []) if (!/^[a-z0-9\-.]{1,253}$/.test(str(service?.name)) || !str(service?.kind)) problems.push('service');
      for (const annotation of spec.cosign?.annotations ?? []) if (!str(annotation?.name) || !str(annotation?.value)) problems.push('cosign annotation');
      if (spec.build?.creationTime !== undefined && !/^(now|[+-]?\d+)$/.test(str(spec.build.creationTime))) problems.push('creation time');
      const name = str(object.metadata?.name);
      if (name.length > 63 || !LABEL.test(name)) problems.push('name');
      return problems;
    }
    case 'kpack.io/v1alpha2/Build': {
      const problems = sourceProblems(spec.source);
      if (!(spec.tags ?? []).length || !(spec.tags ?? []).every((t: unknown) => tagOk(str(t)))) problems.push('tags');
      const hasImage = !!str(spec.builder?.image);
      const hasRef = !!spec.builder?.ref;
      if (hasImage === hasRef) problems.push('builder');
      if (hasImage && !referenceOk(spec.builder.image)) problems.push('builder image');
      if (hasRef && (!str(spec.builder.ref.name) || !str(spec.builder.ref.kind))) problems.push('builder ref');
      if (spec.nodeSelector && 'kubernetes.io/os' in spec.nodeSelector) problems.push('os selector');
      for (const env of spec.env ?? []) if (env?.valueFrom?.secretKeyRef) problems.push('secret env');
      return problems;
    }
    case 'kpack.io/v1alpha2/ClusterBuilder': {
      const accountProblems = accountRefProblems(spec.serviceAccountRef, true);
      return accountProblems.length ? accountProblems : builderSpecProblems(spec, 'ClusterBuilder');
    }
    case 'kpack.io/v1alpha2/Builder':
      return builderSpecProblems(spec, 'Builder');
    case 'kpack.io/v1alpha2/ClusterStack': {
      const accountProblems = accountRefProblems(spec.serviceAccountRef, false);
      if (accountProblems.length) return accountProblems;
      const problems: string[] = [];
      if (!str(spec.id)) problems.push('id');
      if (!referenceOk(str(spec.buildImage?.image))) problems.push('build image');
      if (!referenceOk(str(spec.runImage?.image))) problems.push('run image');
      return problems;
    }
    case 'kpack.io/v1alpha2/ClusterStore': {
      const accountProblems = accountRefProblems(spec.serviceAccountRef, false);
      if (accountProblems.length) return accountProblems;
      const sources = spec.sources ?? [];
      return sources.length && sources.every((s: any) => referenceOk(str(s?.image))) ? [] : ['sources'];
    }
    case 'kpack.io/v1alpha2/Buildpack':
      return referenceOk(str(spec.image)) ? [] : ['image'];
    case 'kpack.io/v1alpha2/ClusterBuildpack':
      return [...accountRefProblems(spec.serviceAccountRef, false), ...(referenceOk(str(spec.image)) ? [] : ['image'])];
    case 'kpack.io/v1alpha2/ClusterLifecycle':
      return [...accountRefProblems(spec.serviceAccountRef, false), ...(str(spec.image) ? [] : ['image'])];
    case 'build.pivotal.io/v1alpha1/Image': {
      const problems = [...sourceProblems({ ...spec.source, blob: spec.source?.blob && { url: spec.source.blob.url } }),
        ...refProblems(spec.builder, ['Builder', 'ClusterBuilder', 'CustomBuilder', 'CustomClusterBuilder'], 'builder')];
      if (!tagOk(str(spec.tag))) problems.push('tag');
      return problems;
    }
    case 'build.pivotal.io/v1alpha1/Builder':
    case 'build.pivotal.io/v1alpha1/ClusterBuilder':
      return referenceOk(str(spec.image)) ? [] : ['image'];
    default:
      return [];
  }
}
