/**
 * Structural OpenAPI v3 schemas for every kpack.io/v1alpha2 kind (kpack v0.17), written from kpack's Go
 * types (`pkg/apis/build/v1alpha2/*_types.go`, `pkg/apis/core/v1alpha1/*_types.go` at v0.17.2).
 *
 * They are the source of `assets/kpack/schemas-v1alpha2.json` (the schemas `Kpack` can install on its
 * CRDs, and that the tests check output against) and of the typed classes in `src/imports/kpack.io.ts`.
 * Regenerate both with `npm run schemas:generate` after a change here.
 *
 * Kubernetes core types are described as far as kpack uses them; `affinity` and an env var's `valueFrom`
 * keep their content unchecked (`x-kubernetes-preserve-unknown-fields`), as do all `status` fields, which
 * only kpack's controller writes.
 */

type Schema = Record<string, unknown>;

const string: Schema = { type: 'string' };
const int64: Schema = { type: 'integer', format: 'int64' };
const boolean: Schema = { type: 'boolean' };
const quantity: Schema = {
  'x-kubernetes-int-or-string': true,
  'anyOf': [{ type: 'integer' }, { type: 'string' }],
  'pattern': '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
};
const unchecked: Schema = { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true };

function object(properties: Record<string, Schema>, required?: string[]): Schema {
  return { type: 'object', properties, ...(required ? { required } : {}) };
}
function list(items: Schema): Schema {
  return { type: 'array', items };
}
function map(values: Schema): Schema {
  return { type: 'object', additionalProperties: values };
}

const objectReference = object({
  apiVersion: string, fieldPath: string, kind: string, name: string, namespace: string, resourceVersion: string, uid: string,
});
const localObjectReference = object({ name: string });
const imageSource = { image: string };

const envVar = object({ name: string, value: string, valueFrom: unchecked }, ['name']);
const resourceRequirements = object({
  claims: list(object({ name: string, request: string }, ['name'])),
  limits: map(quantity),
  requests: map(quantity),
});
const toleration = object({ effect: string, key: string, operator: string, tolerationSeconds: int64, value: string });

const sourceConfig = object({
  git: object({ url: string, revision: string, initializeSubmodules: boolean }, ['url', 'revision']),
  blob: object({ url: string, auth: string, stripComponents: int64 }, ['url']),
  registry: object({ image: string, imagePullSecrets: list(localObjectReference) }, ['image']),
  subPath: string,
});

const cnbBinding = object({ name: string, metadataRef: localObjectReference, secretRef: localObjectReference });
const notary = object({ v1: object({ url: string, secretRef: localObjectReference }) });
const cosign = object({ annotations: list(object({ name: string, value: string }, ['name', 'value'])) }, ['annotations']);

const builderSpec = {
  tag: string,
  stack: objectReference,
  store: objectReference,
  lifecycle: objectReference,
  order: list(object({
    group: list(object({ id: string, version: string, optional: boolean, image: string, ...(objectReference.properties as Record<string, Schema>) })),
  })),
  additionalLabels: map(string),
};

function kind(spec: Schema): Schema {
  return object({ apiVersion: string, kind: string, metadata: { type: 'object' }, spec, status: unchecked }, ['spec']);
}

/** The v1alpha2 schema of each kpack kind, by kind. */
export const SCHEMAS: Record<string, Schema> = {
  Image: kind(object({
    tag: string,
    additionalTags: list(string),
    builder: objectReference,
    serviceAccountName: string,
    source: sourceConfig,
    cache: object({
      volume: object({ size: quantity, storageClassName: string }),
      registry: object({ tag: string }, ['tag']),
    }),
    failedBuildHistoryLimit: int64,
    successBuildHistoryLimit: int64,
    imageTaggingStrategy: { type: 'string', enum: ['None', 'BuildNumber'] },
    projectDescriptorPath: string,
    defaultProcess: string,
    build: object({
      env: list(envVar),
      resources: resourceRequirements,
      services: list(objectReference),
      cnbBindings: list(cnbBinding),
      nodeSelector: map(string),
      tolerations: list(toleration),
      affinity: unchecked,
      runtimeClassName: string,
      schedulerName: string,
      buildTimeout: int64,
      creationTime: string,
    }),
    notary,
    cosign,
  }, ['tag', 'source'])),

  Build: kind(object({
    tags: list(string),
    builder: object({ image: string, ref: objectReference, imagePullSecrets: list(localObjectReference) }),
    serviceAccountName: string,
    source: sourceConfig,
    cache: object({
      volume: object({ persistentVolumeClaimName: string }),
      registry: object({ tag: string }, ['tag']),
    }),
    runImage: object(imageSource),
    activeDeadlineSeconds: int64,
    services: list(objectReference),
    cnbBindings: list(cnbBinding),
    env: list(envVar),
    projectDescriptorPath: string,
    resources: resourceRequirements,
    lastBuild: object({ image: string, cache: object(imageSource), stackId: string }),
    notary,
    cosign,
    defaultProcess: string,
    tolerations: list(toleration),
    nodeSelector: map(string),
    affinity: unchecked,
    runtimeClassName: string,
    schedulerName: string,
    priorityClassName: string,
    creationTime: string,
  }, ['tags', 'source'])),

  Builder: kind(object({ ...builderSpec, serviceAccountName: string, serviceAccount: string })),
  ClusterBuilder: kind(object({ ...builderSpec, serviceAccountRef: objectReference })),

  ClusterStack: kind(object({
    id: string,
    buildImage: object(imageSource, ['image']),
    runImage: object(imageSource, ['image']),
    serviceAccountRef: objectReference,
  })),
  ClusterStore: kind(object({ sources: list(object(imageSource)), serviceAccountRef: objectReference })),
  Buildpack: kind(object({ ...imageSource, serviceAccountName: string })),
  ClusterBuildpack: kind(object({ ...imageSource, serviceAccountRef: objectReference })),
  ClusterLifecycle: kind(object({ ...imageSource, serviceAccountRef: objectReference })),
  SourceResolver: kind(object({ serviceAccount: string, source: sourceConfig })),
};
