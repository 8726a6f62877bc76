import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { CredentialKind } from '../credential-kind';
import { FieldError, generic, withHint } from './validation/field-error';

/*
 * Kubernetes facts used everywhere: names and labels, tolerations, container resources, and the objects
 * kpack objects refer to.
 */

// Kubernetes' DNS-1123 subdomain and label value (apimachinery's validation).
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)$/;

/** A DNS-1123 subdomain: the names of most objects (Secrets, PriorityClasses, …), at most 253 characters. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** A DNS-1123 label: a namespace's name, at most 63 characters. */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && DNS_LABEL.test(name);
}

/** A label key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  return name.length <= 63 && LABEL_NAME.test(name) && (prefix === undefined || isDnsSubdomain(prefix));
}

/** A label value: at most 63 characters, possibly empty. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** A toleration as a pod spec holds it (cdk8s-plus's query without its undefined fields). */
export function toleration(query: kplus.NodeTaintQuery): Record<string, unknown> {
  const kube: Record<string, unknown> = { ...query._toKube() };
  return Object.fromEntries(Object.entries(kube).filter(([, value]) => value !== undefined));
}

/** One amount of `kplus.ContainerResources`: where it is in the props and under which key Kubernetes has it. */
export interface ResourceAmount {
  /** The prop (`cpu`, `memory`, `ephemeralStorage`). */
  readonly prop: 'cpu' | 'memory' | 'ephemeralStorage';
  /** Kubernetes' resource name (`cpu`, `memory`, `ephemeral-storage`). */
  readonly key: 'cpu' | 'memory' | 'ephemeral-storage';
  readonly side: 'request' | 'limit';
  /** The amount, for cpu. */
  readonly cpu?: kplus.Cpu;
  /** The amount, for memory and ephemeral storage. */
  readonly size?: Size;
}

/** A container's requests and limits as quantity strings, in Kubernetes' keys. */
export interface ResourceQuantities {
  readonly requests: Record<string, string>;
  readonly limits: Record<string, string>;
}

/**
 * The requests and limits of `resources`, each amount written by `quantity` (which reports or throws
 * for an amount no manifest can hold, and returns undefined to leave it out). Keys in Kubernetes' order:
 * cpu, memory, ephemeral-storage.
 */
export function resourceQuantities(
  resources: kplus.ContainerResources, quantity: (amount: ResourceAmount) => string | undefined): ResourceQuantities {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const amounts: ResourceAmount[] = [
    { prop: 'cpu', key: 'cpu', side: 'request', cpu: resources.cpu?.request },
    { prop: 'cpu', key: 'cpu', side: 'limit', cpu: resources.cpu?.limit },
    { prop: 'memory', key: 'memory', side: 'request', size: resources.memory?.request },
    { prop: 'memory', key: 'memory', side: 'limit', size: resources.memory?.limit },
    { prop: 'ephemeralStorage', key: 'ephemeral-storage', side: 'request', size: resources.ephemeralStorage?.request },
    { prop: 'ephemeralStorage', key: 'ephemeral-storage', side: 'limit', size: resources.ephemeralStorage?.limit },
  ];
  for (const amount of amounts) {
    if (amount.cpu === undefined && amount.size === undefined) {
      continue;
    }
    const value = quantity(amount);
    if (value !== undefined) {
      (amount.side === 'request' ? requests : limits)[amount.key] = value;
    }
  }
  return { requests, limits };
}

/**
 * Kubernetes objects that kpack objects refer to (service accounts, secrets), whatever defined them: a
 * resource of any cdk8s-plus line, a generated L1 (`k8s.KubeServiceAccount`), a plain `ApiObject`, or a
 * reference by name. The public parameters are `IConstruct`, the one type all of them share in every
 * jsii language; this module is where they are read.
 */

/** What a reference says about the object it points at. */
export interface ObjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The object's manifest, when the app defines it; undefined for a reference by name. */
  readonly apiObject?: ApiObject;
}

/** cdk8s-plus's `ISubject` (every line has it): how its references by name say what they are. */
interface PlusSubject {
  toSubjectConfiguration(): { kind: string; name: string; namespace?: string };
}

/** cdk8s-plus's ServiceAccount (every line): secrets are added through its own API, so its YAML is its own. */
interface PlusServiceAccount {
  readonly secrets: ReadonlyArray<{ readonly name: string }>;
  addSecret(secret: { readonly name: string }): void;
}

function isPlusSubject(construct: IConstruct): construct is IConstruct & PlusSubject {
  return typeof (construct as Partial<PlusSubject>).toSubjectConfiguration === 'function';
}

function isPlusServiceAccount(construct: IConstruct): construct is IConstruct & PlusServiceAccount {
  const candidate = construct as Partial<PlusServiceAccount>;
  return typeof candidate.addSecret === 'function' && Array.isArray(candidate.secrets);
}

/** The ApiObject a construct stands for (itself, or its default child), as `ApiObject.of()` finds it. */
export function apiObjectOf(construct: IConstruct): ApiObject | undefined {
  if (ApiObject.isApiObject(construct)) {
    return construct;
  }
  return construct.node.defaultChild === undefined ? undefined : ApiObject.of(construct);
}

/**
 * Reads a reference: from the construct's ApiObject when the app defines it, otherwise from cdk8s-plus's
 * subject contract (`fromServiceAccountName()`, `fromSecretName()`). Undefined when it is neither.
 */
export function resolveObject(construct: IConstruct): ObjectRef | undefined {
  const apiObject = apiObjectOf(construct);
  if (apiObject !== undefined) {
    return { kind: apiObject.kind, name: apiObject.name, namespace: apiObject.metadata.namespace, apiObject };
  }
  if (isPlusSubject(construct)) {
    const subject = construct.toSubjectConfiguration();
    return { kind: subject.kind, name: subject.name, namespace: subject.namespace };
  }
  const named = construct as Partial<{ kind: unknown; name: unknown }>;
  if (typeof named.kind === 'string' && typeof named.name === 'string') {
    return { kind: named.kind, name: named.name };
  }
  return undefined;
}

/** The name of a referenced object, for the manifest (a wrong kind is reported by `checkKind`). */
export function nameOf(construct: IConstruct): string | undefined {
  return resolveObject(construct)?.name;
}

/** `{name, namespace}` of a service account, as kpack's `serviceAccountRef` wants it. */
export function serviceAccountRef(construct: IConstruct): { name: string; namespace?: string } | undefined {
  const ref = resolveObject(construct);
  return ref && { name: ref.name, namespace: ref.namespace };
}

/** `[{name}]` for a list of secrets, or undefined when it is empty. */
export function secretNames(secrets: IConstruct[] | undefined): Array<{ name: string }> | undefined {
  const names = (secrets ?? []).map(secret => ({ name: nameOf(secret) ?? '' }));
  return names.length > 0 ? names : undefined;
}

/** cdk8s-plus's reference by name of each kind. */
const BY_NAME = { ServiceAccount: 'fromServiceAccountName', Secret: 'fromSecretName', PersistentVolumeClaim: 'fromClaimName' } as const;

/** A synth error when a reference is not of the kind the field needs (a Deployment given as a ServiceAccount). */
export function checkKind(construct: IConstruct | undefined, kind: 'ServiceAccount' | 'Secret' | 'PersistentVolumeClaim', field: string): FieldError[] {
  if (construct === undefined) {
    return [];
  }
  const ref = resolveObject(construct);
  if (ref?.kind === kind) {
    return [];
  }
  const what = ref === undefined ? 'neither an ApiObject nor a cdk8s-plus resource' : `a ${ref.kind} ("${ref.name}")`;
  return [withHint(
    generic(`${construct.node.path} is ${what}, not a ${kind}`, field),
    `pass a ${kind}: a cdk8s-plus ${kind} (any cdk8s-plus line, or ${kind}.${BY_NAME[kind]}()), or an ApiObject of kind ${kind}`,
  )];
}

/** The service account's namespace when the app defines it (undefined: a reference by name, not checked). */
export function definedNamespace(construct: IConstruct | undefined): { namespace?: string } | undefined {
  const ref = construct && resolveObject(construct);
  return ref?.apiObject ? { namespace: ref.namespace } : undefined;
}

/** What the library added to a service account: the secrets with their credential kind. */
export interface AddedSecret {
  readonly name: string;
  readonly kind: CredentialKind;
}

/** The construct metadata type under which a service account keeps what the library added to it. */
const SECRETS_METADATA = 'cdk8s-kpack:secrets';

/**
 * The secrets the library adds to a service account the app defines, with their credential kinds: what
 * the checks of images and builds read. Kept on the service account itself, as its construct metadata
 * (no construct node: every node is walked by each of cdk8s's validation passes). `imagePullSecrets`
 * goes in through one JSON patch whose list is read when the manifest is written (cdk8s-plus has no
 * such field).
 */
export class ServiceAccountSecrets {
  /** The record of a service account, or undefined when the library added nothing to it. */
  public static of(serviceAccount: IConstruct): ServiceAccountSecrets | undefined {
    const data = serviceAccount.node.metadata.find(entry => entry.type === SECRETS_METADATA)?.data;
    return data instanceof ServiceAccountSecrets ? data : undefined;
  }

  /**
   * Adds a secret to a service account the app defines. Returns false for one the app only references
   * by name, which cannot be changed.
   */
  public static add(serviceAccount: IConstruct, secret: AddedSecret, imagePull: boolean): boolean {
    const apiObject = apiObjectOf(serviceAccount);
    if (apiObject === undefined) {
      return false;
    }
    let record = ServiceAccountSecrets.of(serviceAccount);
    if (record === undefined) {
      record = new ServiceAccountSecrets(apiObject);
      serviceAccount.node.addMetadata(SECRETS_METADATA, record);
    }
    record.add(serviceAccount, secret, imagePull);
    return true;
  }

  private readonly added: AddedSecret[] = [];
  private readonly pullSecrets: Array<{ name: string }> = [];
  private patchedSecrets: Array<{ name: string }> | undefined;

  private constructor(private readonly apiObject: ApiObject) {}

  /** The secrets added by the library, with their kinds. */
  public get secrets(): readonly AddedSecret[] {
    return this.added;
  }

  /** What tools that print construct metadata show: the secrets and their kinds (never the ApiObject). */
  public toJSON(): { secrets: readonly AddedSecret[] } {
    return { secrets: this.added };
  }

  private add(serviceAccount: IConstruct, secret: AddedSecret, imagePull: boolean): void {
    if (!this.added.some(s => s.name === secret.name)) {
      this.added.push(secret);
      if (isPlusServiceAccount(serviceAccount)) {
        if (!serviceAccount.secrets.some(s => s.name === secret.name)) {
          serviceAccount.addSecret({ name: secret.name });
        }
      } else {
        if (this.patchedSecrets === undefined) {
          this.patchedSecrets = [];
          this.apiObject.addJsonPatch(JsonPatch.add('/secrets', this.patchedSecrets));
        }
        this.patchedSecrets.push({ name: secret.name });
      }
    }
    if (imagePull && !this.pullSecrets.some(s => s.name === secret.name)) {
      if (this.pullSecrets.length === 0) {
        this.apiObject.addJsonPatch(JsonPatch.add('/imagePullSecrets', this.pullSecrets));
      }
      this.pullSecrets.push({ name: secret.name });
    }
  }
}
