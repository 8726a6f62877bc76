import { FieldError, disallowedFields, generic, invalidValue, missingField, missingOneOf, withHint } from './field-error';
import { validateNoScheme, validateTag } from './references';
import { KindRules, KpackObject, list, path, record, Rule, text } from './rule';

const BUILDER_ORIGIN = 'kpack pkg/apis/build/v1alpha2/builder_validation.go';
const CLUSTER_BUILDER_ORIGIN = 'kpack pkg/apis/build/v1alpha2/cluster_builder_validation.go';

const DEFAULT_LIFECYCLE = { name: 'default-lifecycle', kind: 'ClusterLifecycle' };

/** kpack v0.17 namespaced `Builder`, after kpack's defaults (stack and store kinds, lifecycle, SA). */
export const BUILDER_V1ALPHA2: KindRules = {
  apiVersion: 'kpack.io/v1alpha2',
  kind: 'Builder',
  defaults: object => {
    const spec = object.spec ?? {};
    return {
      ...object,
      spec: {
        ...spec,
        serviceAccountName: text(spec.serviceAccountName) || text(spec.serviceAccount) || 'default',
        stack: { ...record(spec.stack), kind: text(spec.stack?.kind) || 'ClusterStack' },
        store: { ...record(spec.store), kind: text(spec.store?.kind) || 'ClusterStore' },
        lifecycle: defaultLifecycle(spec.lifecycle),
      },
    };
  },
  // kpack also requires serviceAccountName, which its defaults always set: that rule cannot fail.
  rules: builderSpecRules('builder', 'spec', BUILDER_ORIGIN),
};

/**
 * kpack v0.17 `ClusterBuilder`. kpack checks the service account reference first and alone, then the
 * builder spec with paths that have no `spec.` prefix (`missing field(s): tag`).
 */
export const CLUSTER_BUILDER_V1ALPHA2: KindRules = {
  apiVersion: 'kpack.io/v1alpha2',
  kind: 'ClusterBuilder',
  defaults: object => ({ ...object, spec: { ...object.spec, lifecycle: defaultLifecycle(object.spec?.lifecycle) } }),
  rules: [
    {
      id: 'cluster-builder-service-account-ref',
      condition: 'serviceAccountRef.name, then serviceAccountRef.namespace, is empty (reported alone)',
      origin: CLUSTER_BUILDER_ORIGIN,
      exclusive: true,
      validate: o => validateServiceAccountRef(o.spec?.serviceAccountRef, true),
    },
    ...builderSpecRules('cluster-builder', '', CLUSTER_BUILDER_ORIGIN),
    {
      id: 'cluster-builder-namespaced-buildpack',
      condition: 'an order entry names a (namespaced) Buildpack, which a ClusterBuilder cannot resolve',
      origin: 'cdk8s-kpack, after kpack docs/builders.md',
      validate: o => list(o.spec?.order).flatMap((entry, i) => list(entry?.group).flatMap((ref, j) => text(ref?.kind) === 'Buildpack'
        ? [withHint(invalidValue('Buildpack', `order[${i}].group[${j}].kind`, 'must be one of ClusterBuildpack'),
          'a ClusterBuilder serves every namespace: use a ClusterBuildpack')]
        : [])),
    },
  ],
};

function defaultLifecycle(lifecycle: unknown) {
  const ref = record(lifecycle) ?? {};
  return { ...ref, name: text(ref.name) || DEFAULT_LIFECYCLE.name, kind: text(ref.kind) || DEFAULT_LIFECYCLE.kind };
}

/**
 * kpack's `serviceAccountRef` check shared by the cluster-scoped kinds: name first, then namespace,
 * each reported alone. `required` is true for ClusterBuilder, whose reference is not optional.
 */
export function validateServiceAccountRef(reference: unknown, required: boolean): FieldError[] {
  const ref = record(reference);
  if (!ref && !required) {
    return [];
  }
  if (text(ref?.name) === '') {
    return [withHint(missingField('spec.serviceAccountRef.name'), 'reference the ServiceAccount whose secrets kpack should use')];
  }
  if (text(ref?.namespace) === '') {
    return [withHint(missingField('spec.serviceAccountRef.namespace'), 'give the ServiceAccount a namespace (in its metadata, or in its chart)')];
  }
  return [];
}

/** The `BuilderSpec` rules; `base` is the path prefix kpack prints (`spec`, or nothing for ClusterBuilder). */
function builderSpecRules(idPrefix: string, base: string, origin: string): Rule[] {
  const paths = base === '' ? ' (paths without `spec.`)' : '';
  const defaulted = base === '' ? 'no default' : 'defaulted';
  return [
    { id: `${idPrefix}-tag`, condition: `tag is empty or not a tag reference${paths}`, origin, validate: (o: KpackObject) => validateTag(text(o.spec?.tag), path(base, 'tag')) },
    { id: `${idPrefix}-tag-scheme`, condition: 'tag is written as a URL', origin: 'cdk8s-kpack', validate: (o: KpackObject) => validateNoScheme(text(o.spec?.tag), path(base, 'tag')) },
    { id: `${idPrefix}-stack`, condition: `stack.name is empty, or stack.kind is not ClusterStack (${defaulted})`, origin, validate: (o: KpackObject) => validateStack(o.spec?.stack, path(base, 'stack')) },
    { id: `${idPrefix}-store`, condition: `when a store is set, store.kind is not ClusterStore (${defaulted}); a missing name is reported only with a wrong kind`, origin, validate: (o: KpackObject) => validateStore(o.spec?.store, path(base, 'store')) },
    { id: `${idPrefix}-order`, condition: `an order entry with image, with a kind other than Buildpack/ClusterBuildpack, or with none of id, name and kind${paths}`, origin, validate: (o: KpackObject) => validateOrder(o.spec?.order, path(base, 'order')) },
    {
      id: `${idPrefix}-order-empty`,
      condition: 'no order, or an order group with no buildpacks: kpack creates the builder, and every build with it fails detection (the lifecycle needs a group with a buildpack that passes)',
      origin: 'cdk8s-kpack',
      validate: (o: KpackObject) => validateOrderNotEmpty(o.spec?.order, path(base, 'order')),
    },
  ];
}

/** Every build of a builder with nothing to detect fails: "No buildpack groups passed detection". */
function validateOrderNotEmpty(order: unknown, base: string): FieldError[] {
  const groups = list(order);
  if (groups.length === 0) {
    return [withHint(generic('the order is empty', base), 'every build with this builder would fail detection: add a group of buildpacks (addGroup())')];
  }
  return groups.flatMap((entry, i) => list(entry?.group).length === 0
    ? [withHint(generic('the group has no buildpacks', `${base}[${i}].group`), 'a group with no buildpacks detects nothing: list its buildpacks, or leave the group out')]
    : []);
}

function validateStack(stack: unknown, base: string): FieldError[] {
  const ref = record(stack) ?? {};
  if (text(ref.name) === '') {
    return [missingField(`${base}.name`)];
  }
  return text(ref.kind) === 'ClusterStack' ? [] : [invalidValue(ref.kind, `${base}.kind`)];
}

function validateStore(store: unknown, base: string): FieldError[] {
  const ref = record(store) ?? {};
  if (text(ref.name) === '' && text(ref.kind) === '') {
    return [];
  }
  return validateObjectRef(ref, base, ['ClusterStore']);
}

/** kpack's `validateObjectRef`: a missing name is only reported together with a wrong kind. */
function validateObjectRef(ref: Record<string, any>, base: string, kinds: string[]): FieldError[] {
  if (kinds.includes(text(ref.kind))) {
    return [];
  }
  const errors: FieldError[] = [];
  if (text(ref.name) === '') {
    errors.push(missingField(`${base}.name`));
  }
  errors.push(invalidValue(ref.kind, `${base}.kind`, `must be one of ${kinds.join(', ')}`));
  return errors;
}

function validateOrder(order: unknown, base: string): FieldError[] {
  const errors: FieldError[] = [];
  list(order).forEach((entry, i) => {
    list(entry?.group).forEach((buildpack, j) => {
      errors.push(...validateBuildpackRef(record(buildpack) ?? {}, `${base}[${i}].group[${j}]`));
    });
  });
  return errors;
}

function validateBuildpackRef(ref: Record<string, any>, base: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(ref.name);
  const kind = text(ref.kind);
  if (name !== '' || kind !== '') {
    errors.push(...validateObjectRef(ref, base, ['Buildpack', 'ClusterBuildpack']));
  }
  if (text(ref.image) !== '') {
    errors.push(disallowedFields(`${base}.image reference currently not supported`));
  } else if (text(ref.id) === '' && name === '' && kind === '') {
    errors.push(missingOneOf(`${base}.image`, `${base}.id`, `${base}.name + kind`));
  }
  return errors;
}
