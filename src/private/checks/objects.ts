import { CredentialKind } from '../../credential-kind';
import { FieldError } from '../validation/field-error';

/** A Kubernetes object as plain JSON: rendered by the library or read from YAML. Nothing about its shape is trusted. */
export type Manifest = Record<string, any>;

/**
 * One object of an app, as the cross-object checks see it: at synth, every object the app writes; in
 * `validate`, every object of the files it reads.
 */
export interface AppObject {
  /** Where the object comes from, printed before each message: a construct path, or `file#index`. */
  readonly path: string;
  /** The unit whose objects are meant to be applied together: a chart at synth, a file in `validate`. */
  readonly unit: string;
  /** The output file the object is written to (for `validate`, the file it was read from). */
  readonly file: string;
  readonly manifest: Manifest;
  /**
   * The object's identity, when known without its manifest (at synth, from the ApiObject: the manifest is
   * then rendered only when a check reads more).
   */
  readonly identity?: ObjectIdentity;
  /** What the library knows about the object beyond its manifest. */
  readonly facts?: ObjectFacts;
}

export interface ObjectIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** Typed facts the construct layer knows and a manifest does not say. */
export interface ObjectFacts {
  /**
   * For a ServiceAccount: the credential kind (`GIT_SSH`, `DOCKER_CONFIG_JSON`, …) of each secret the
   * library added to it, by secret name, including secrets referenced by name whose kind was declared.
   */
  readonly secretKinds?: ReadonlyMap<string, CredentialKind>;
  /** The path of the `Kpack` install the object belongs to. */
  readonly install?: string;
}

/** A problem found by a cross-object check, on one object. */
export interface Finding {
  readonly check: string;
  /** The `path` of the object the problem is reported on. */
  readonly path: string;
  readonly error: FieldError;
  /** Reported as a warning: the app is written. */
  readonly warning?: boolean;
}

/** Kinds the API server keeps outside namespaces (an object of these kinds has no namespace in its identity). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'PriorityClass', 'RuntimeClass', 'APIService', 'CSIDriver',
  'IngressClass', 'ClusterBuilder', 'ClusterStack', 'ClusterStore', 'ClusterBuildpack', 'ClusterLifecycle',
]);

/** The identity a manifest states (what the accessors below read from it when no identity is given). */
export function identityOfManifest(manifest: Manifest): ObjectIdentity {
  const namespace = text(manifest.metadata?.namespace);
  return {
    apiVersion: text(manifest.apiVersion) ?? '',
    kind: text(manifest.kind) ?? '',
    name: text(manifest.metadata?.name) ?? '',
    ...namespace === undefined ? {} : { namespace },
  };
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function kindOf(object: AppObject): string {
  return object.identity ? object.identity.kind : text(object.manifest.kind) ?? '';
}

export function nameOf(object: AppObject): string {
  return object.identity ? object.identity.name : text(object.manifest.metadata?.name) ?? '';
}

export function apiVersionOf(object: AppObject): string {
  return object.identity ? object.identity.apiVersion : text(object.manifest.apiVersion) ?? '';
}

/** The namespace of a namespaced object (undefined: none given, kubectl's current namespace), or undefined for a cluster-scoped one. */
export function namespaceOf(object: AppObject): string | undefined {
  if (CLUSTER_SCOPED.has(kindOf(object))) {
    return undefined;
  }
  return object.identity ? object.identity.namespace : text(object.manifest.metadata?.namespace);
}

/** The API group of an object (`kpack.io`; empty for the core group). */
export function groupOf(object: AppObject): string {
  const apiVersion = apiVersionOf(object);
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** Whether the object belongs to one of kpack's API groups. */
export function isKpack(object: AppObject): boolean {
  return ['kpack.io', 'build.pivotal.io', 'experimental.kpack.pivotal.io'].includes(groupOf(object));
}

/** The identity of an object in a cluster: group, kind, namespace, name. */
export function identityOf(object: AppObject): string {
  return `${groupOf(object)}/${kindOf(object)}/${namespaceOf(object) ?? ''}/${nameOf(object)}`;
}

/** `Kind "name"` (in namespace n), for messages. */
export function describe(object: AppObject): string {
  const namespace = namespaceOf(object);
  return `${kindOf(object)} "${nameOf(object)}"${namespace === undefined ? '' : ` in namespace ${namespace}`}`;
}

/** A key of a Secret manifest: from `stringData`, else decoded from `data`; undefined when it has neither. */
export function secretValue(manifest: Manifest, key: string): string | undefined {
  const encoded = text(manifest.data?.[key]);
  return text(manifest.stringData?.[key]) ?? (encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8'));
}

/**
 * The credential kind kpack sees in a Secret manifest (kpack `pkg/secret`: a `kpack.io/git` annotation
 * on a basic-auth or ssh-auth Secret, `kpack.io/docker` on basic-auth, or a dockerconfigjson Secret).
 */
export function credentialKindOfSecret(manifest: Manifest): CredentialKind | 'OTHER' {
  const type = text(manifest.type);
  const annotations = manifest.metadata?.annotations ?? {};
  if (typeof annotations['kpack.io/blob'] === 'string') {
    return CredentialKind.BLOB_BASIC_AUTH;
  }
  const git = typeof annotations['kpack.io/git'] === 'string';
  const docker = typeof annotations['kpack.io/docker'] === 'string';
  switch (type) {
    case 'kubernetes.io/ssh-auth': return git ? CredentialKind.GIT_SSH : 'OTHER';
    case 'kubernetes.io/basic-auth': return git ? CredentialKind.GIT_BASIC_AUTH : docker ? CredentialKind.DOCKER_BASIC_AUTH : 'OTHER';
    case 'kubernetes.io/dockerconfigjson': return CredentialKind.DOCKER_CONFIG_JSON;
    default: return 'OTHER';
  }
}

/** The objects of an app, looked up by kind, name and namespace. */
export class AppIndex {
  private readonly byKindName = new Map<string, AppObject[]>();

  constructor(public readonly objects: readonly AppObject[]) {
    for (const object of objects) {
      const key = `${kindOf(object)}/${nameOf(object)}`;
      const list = this.byKindName.get(key);
      if (list) {
        list.push(object);
      } else {
        this.byKindName.set(key, [object]);
      }
    }
  }

  /** Every object of that kind and name, whatever its namespace and group. */
  public named(kind: string, name: string): readonly AppObject[] {
    return this.byKindName.get(`${kind}/${name}`) ?? [];
  }

  /** The object of that kind, name and namespace (the first in the app), or undefined. */
  public find(kind: string, name: string, namespace: string | undefined, group?: string): AppObject | undefined {
    return this.named(kind, name).find(o => namespaceOf(o) === namespace && (group === undefined || groupOf(o) === group));
  }

  /**
   * The credential kinds of every secret of a ServiceAccount, when all are known (declared to the library,
   * or a Secret of the app in the account's namespace); undefined when one is not.
   */
  public secretKindsOf(serviceAccount: AppObject): Array<CredentialKind | 'OTHER'> | undefined {
    const secrets = Array.isArray(serviceAccount.manifest.secrets) ? serviceAccount.manifest.secrets : [];
    const kinds = secrets.map((secret: any) => {
      const name = text(secret?.name) ?? '';
      const declared = serviceAccount.facts?.secretKinds?.get(name);
      if (declared !== undefined) {
        return declared;
      }
      const defined = this.find('Secret', name, namespaceOf(serviceAccount), '');
      return defined && credentialKindOfSecret(defined.manifest);
    });
    return kinds.every((kind: CredentialKind | 'OTHER' | undefined) => kind !== undefined) ? kinds : undefined;
  }
}
