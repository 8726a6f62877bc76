import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { KpackObjectReference } from '../reference';
import { formatFieldErrors } from './validation';
import { invalidValue, withHint } from './validation/field-error';

/**
 * Keeps the chart's namespace off a cluster-scoped object of the install: cdk8s gives every ApiObject the
 * chart's namespace, and cluster-scoped kinds must not carry one. An explicit namespace is an error.
 * (kpack objects get the same from `KpackObject`.)
 */
export function clusterScoped(scope: IConstruct, apiObject: ApiObject, props: kplus.ResourceProps = {}): void {
  if (apiObject.metadata.namespace !== undefined) {
    apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  const explicit = props.metadata?.namespace;
  if (explicit !== undefined) {
    scope.node.addValidation({
      validate: () => formatFieldErrors([withHint(
        invalidValue(explicit, 'metadata.namespace'),
        `${apiObject.kind} is cluster-scoped: remove metadata.namespace`,
      )]),
    });
  }
}

export interface ImportedResourceProps {
  readonly name: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly resourceType: string;
}

/** A kpack resource that exists already and is referenced by name: it emits nothing. */
export class ImportedResource extends Construct implements kplus.IResource {
  public readonly name: string;
  public readonly apiVersion: string;
  public readonly apiGroup: string;
  public readonly kind: string;
  public readonly resourceType: string;
  /** What a reference to it says (no namespace: kpack objects referenced by name are cluster-scoped or the referrer's). */
  public readonly reference: KpackObjectReference;

  constructor(scope: Construct, id: string, props: ImportedResourceProps) {
    super(scope, id);
    this.name = props.name;
    this.apiVersion = props.apiVersion;
    this.apiGroup = props.apiVersion.split('/')[0];
    this.kind = props.kind;
    this.resourceType = props.resourceType;
    this.reference = { apiVersion: props.apiVersion, kind: props.kind, name: props.name };
  }

  public get resourceName(): string {
    return this.name;
  }
}

/**
 * `{kind, name}` for a spec, from the reference. A JavaScript caller may pass another kind of resource
 * (a type error everywhere else): then its own kind and name are written, for the rules to report.
 */
export function kindAndName(ref: KpackObjectReference | undefined, resource: kplus.IResource): { kind: string; name: string } {
  const source = ref ?? resource;
  return { kind: source.kind, name: source.name };
}

/** The reference to a kpack object the app defines; `namespaced` kinds carry their namespace. */
export function referenceTo(resource: kplus.Resource, namespaced: boolean): KpackObjectReference {
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    name: resource.name,
    namespace: namespaced ? resource.metadata.namespace : undefined,
  };
}

/** Returns undefined for an empty list, so that empty lists are left out of the manifest. */
export function undefinedIfEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** Returns undefined for an object whose fields are all undefined, so that it is left out of the manifest. */
export function emptyToUndefined<T extends object>(value: T): T | undefined {
  return Object.values(value).some(v => v !== undefined) ? value : undefined;
}

