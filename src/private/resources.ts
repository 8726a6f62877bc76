import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { PerSynth, renderOncePerSynth } from './synth-scope';
import { FieldError, formatFieldErrors, kpackVersionOf, validateKpackObject } from './validation';
import { invalidValue, withHint } from './validation/field-error';

/**
 * Keeps the chart's namespace off a cluster-scoped object: cdk8s gives every ApiObject the chart's
 * namespace, and cluster-scoped kinds must not carry one. An explicit namespace is an error.
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

/** `{name, namespace}` of a service account, as kpack's `serviceAccountRef` wants it. */
export function serviceAccountRef(serviceAccount: kplus.IServiceAccount): { name: string; namespace?: string } {
  const subject = serviceAccount.toSubjectConfiguration();
  return { name: subject.name, namespace: subject.namespace };
}

/**
 * Checks the rendered object with kpack's webhook rules, of the app's kpack version (plus the library's own, and `crossChecks`
 * that need more than the object) at synth time, so all problems of one synth are reported together.
 */
export function validateRendered(scope: IConstruct, apiObject: ApiObject, crossChecks?: () => FieldError[]): void {
  renderOncePerSynth(apiObject);
  scope.node.addValidation({
    validate: () => PROBLEMS.get(apiObject, () => formatFieldErrors([
      ...validateKpackObject(apiObject.toJson(), kpackVersionOf(scope)) ?? [],
      ...crossChecks?.() ?? [],
    ])),
  });
}

const PROBLEMS = new PerSynth<ApiObject, string[]>();

export interface ImportedResourceProps {
  readonly name: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly resourceType: string;
  readonly namespace?: string;
}

/** A kpack resource that exists already and is referenced by name: it emits nothing. */
export class ImportedResource extends Construct implements kplus.IResource {
  public readonly name: string;
  public readonly apiVersion: string;
  public readonly apiGroup: string;
  public readonly kind: string;
  public readonly resourceType: string;
  public readonly namespace?: string;

  constructor(scope: Construct, id: string, props: ImportedResourceProps) {
    super(scope, id);
    this.name = props.name;
    this.apiVersion = props.apiVersion;
    this.apiGroup = props.apiVersion.split('/')[0];
    this.kind = props.kind;
    this.resourceType = props.resourceType;
    this.namespace = props.namespace;
  }

  public get resourceName(): string {
    return this.name;
  }
}

/** Returns undefined for an empty list, so that empty lists are left out of the manifest. */
export function undefinedIfEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** Returns undefined for an object whose fields are all undefined, so that it is left out of the manifest. */
export function emptyToUndefined<T extends object>(value: T): T | undefined {
  return Object.values(value).some(v => v !== undefined) ? value : undefined;
}

/** Runs a render step of a constructor, turning its error into one that names the construct and field. */
export function renderOrThrow<T>(scope: IConstruct, render: () => T, field?: string): T {
  try {
    return render();
  } catch (e) {
    throw new Error(`[${scope.node.path}] ${field ? `${field}: ` : ''}${(e as Error).message}`);
  }
}
