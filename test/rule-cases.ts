import { Manifest } from './util';

/**
 * One broken object per rule of the rule tables: the smallest valid object of the kind with one field
 * broken, and the exact messages (with the library's hint lines) the rule reports.
 */
export interface RuleCase {
  readonly rule: string;
  readonly object: Manifest;
  readonly messages: string[];
  /** The kpack version whose rules apply (default: the library's default). */
  readonly kpackVersion?: string;
}

const GIT = { git: { url: 'https://github.com/example/app', revision: 'main' } };

/** The smallest valid object of each kind. */
export const VALID: Record<string, Manifest> = {
  'kpack.io/v1alpha2/Image': { apiVersion: 'kpack.io/v1alpha2', kind: 'Image', metadata: { name: 'app' }, spec: { tag: 'registry.example.com/app', builder: { kind: 'ClusterBuilder', name: 'default' }, source: GIT } },
  'kpack.io/v1alpha2/Builder': { apiVersion: 'kpack.io/v1alpha2', kind: 'Builder', metadata: { name: 'builder' }, spec: { tag: 'registry.example.com/builder', stack: { name: 'base', kind: 'ClusterStack' }, order: [{ group: [{ id: 'paketo-buildpacks/go' }] }] } },
  'kpack.io/v1alpha2/ClusterBuilder': {
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'ClusterBuilder',
    metadata: { name: 'default' },
    spec: {
      tag: 'registry.example.com/builder',
      stack: { name: 'base', kind: 'ClusterStack' },
      store: { name: 'default', kind: 'ClusterStore' },
      serviceAccountRef: { name: 'builder', namespace: 'kpack' },
      order: [{ group: [{ id: 'paketo-buildpacks/go' }] }],
    },
  },
  'kpack.io/v1alpha2/ClusterStack': { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStack', metadata: { name: 'base' }, spec: { id: 'io.buildpacks.stacks.jammy', buildImage: { image: 'paketobuildpacks/build-jammy-base' }, runImage: { image: 'paketobuildpacks/run-jammy-base' } } },
  'kpack.io/v1alpha2/ClusterStore': { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStore', metadata: { name: 'default' }, spec: { sources: [{ image: 'paketobuildpacks/go' }] } },
  'kpack.io/v1alpha2/Build': { apiVersion: 'kpack.io/v1alpha2', kind: 'Build', metadata: { name: 'build' }, spec: { tags: ['registry.example.com/app:1'], builder: { image: 'paketobuildpacks/builder-jammy-base' }, source: GIT } },
  'kpack.io/v1alpha2/Buildpack': { apiVersion: 'kpack.io/v1alpha2', kind: 'Buildpack', metadata: { name: 'go' }, spec: { image: 'paketobuildpacks/go' } },
  'kpack.io/v1alpha2/ClusterBuildpack': { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterBuildpack', metadata: { name: 'go' }, spec: { image: 'paketobuildpacks/go' } },
  'kpack.io/v1alpha2/ClusterLifecycle': { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterLifecycle', metadata: { name: 'lifecycle' }, spec: { image: 'buildpacksio/lifecycle:0.20.5' } },
  'build.pivotal.io/v1alpha1/Image': { apiVersion: 'build.pivotal.io/v1alpha1', kind: 'Image', metadata: { name: 'app' }, spec: { tag: 'making/hello-golang', builder: { name: 'default', kind: 'ClusterBuilder' }, source: GIT } },
  'build.pivotal.io/v1alpha1/Builder': { apiVersion: 'build.pivotal.io/v1alpha1', kind: 'Builder', metadata: { name: 'builder' }, spec: { image: 'gcr.io/paketo-buildpacks/builder:base' } },
  'build.pivotal.io/v1alpha1/ClusterBuilder': { apiVersion: 'build.pivotal.io/v1alpha1', kind: 'ClusterBuilder', metadata: { name: 'default' }, spec: { image: 'gcr.io/paketo-buildpacks/builder:base' } },
  'build.pivotal.io/v1alpha1/Build': { apiVersion: 'build.pivotal.io/v1alpha1', kind: 'Build', metadata: { name: 'build' }, spec: { tags: ['making/hello-golang:1'], builder: { image: 'gcr.io/paketo-buildpacks/builder:base' }, source: GIT } },
};

function broken(type: string, spec: Record<string, unknown>, metadata?: Record<string, unknown>): Manifest {
  const valid = VALID[type];
  return { ...valid, metadata: metadata ?? valid.metadata, spec: { ...valid.spec, ...spec } };
}

const IMAGE = 'kpack.io/v1alpha2/Image';
const BUILDER = 'kpack.io/v1alpha2/Builder';
const CLUSTER_BUILDER = 'kpack.io/v1alpha2/ClusterBuilder';
const STACK = 'kpack.io/v1alpha2/ClusterStack';
const STORE = 'kpack.io/v1alpha2/ClusterStore';
const BUILD = 'kpack.io/v1alpha2/Build';
const LEGACY_IMAGE = 'build.pivotal.io/v1alpha1/Image';
const LEGACY_BUILD = 'build.pivotal.io/v1alpha1/Build';
const LEGACY_CLUSTER_BUILDER = 'build.pivotal.io/v1alpha1/ClusterBuilder';

const EMPTY_ORDER_HINT = 'hint: every build with this builder would fail detection: add a group of buildpacks (addGroup())';
const LABEL_DETAILS = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const SCHEME_HINT = 'hint: an image reference has no scheme: write registry/repository[:tag], not a URL';
const NAMESPACE_HINT = 'hint: give the ServiceAccount a namespace (in its metadata, or in its chart)';
const ENV_HINT = 'hint: an environment variable name is letters, digits, `_`, `-` and `.` (kpack writes it to /platform/env/<name>, and Kubernetes checks it in the build pod)';
const TIMEOUT_HINT = 'hint: Kubernetes refuses a build pod whose activeDeadlineSeconds is outside 1..2147483647, so the build would never start';
const LIMIT_HINT = 'hint: Kubernetes rejects a build pod whose limit is below its request: kpack would create the Build and it would never start';
const CACHE_HINT = 'hint: leave the cache out to use kpack\'s default (2G when the cluster has a default StorageClass)';
const QUANTITY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export const RULE_CASES: RuleCase[] = [
  // kpack v0.17 Image
  { rule: 'image-tag', object: broken(IMAGE, { tag: 'making/Hello' }), messages: ['invalid value: making/Hello: spec.tag\nhint: repository names must be lowercase'] },
  { rule: 'image-tag-scheme', object: broken(IMAGE, { tag: 'https://registry.example.com/app' }), messages: [`invalid value: https://registry.example.com/app: spec.tag\n${SCHEME_HINT}`] },
  { rule: 'image-additional-tags', object: broken(IMAGE, { additionalTags: ['gcr.io/example/app'] }), messages: ['all additionalTags must have the same registry as tag: spec.additionalTags\nexpected registry: registry.example.com, got: gcr.io'] },
  { rule: 'image-builder', object: broken(IMAGE, { builder: { name: 'default', kind: 'CustomBuilder' } }), messages: ['invalid value: CustomBuilder: spec.builder.kind'] },
  { rule: 'image-source', object: broken(IMAGE, { source: {} }), messages: ['expected exactly one, got neither: spec.source.blob, spec.source.git, spec.source.registry'] },
  {
    rule: 'image-source-url',
    object: broken(IMAGE, { source: { git: { url: 'github.com/example/app', revision: 'main' } } }),
    messages: ['invalid value: github.com/example/app: spec.source.git.url\nhint: git reads a URL without a scheme as a local path, and the build cannot clone it: write https://github.com/example/app (or git@host:org/repo.git over ssh)'],
  },
  { rule: 'image-source-url', object: broken(IMAGE, { source: { git: { url: 'git@github.com:example/app.git', revision: 'main' } } }), messages: [] },
  { rule: 'image-source-url', object: broken(IMAGE, { source: { git: { url: 'github.com:example/app.git', revision: 'main' } } }), messages: [] },
  { rule: 'image-source-url', object: broken(IMAGE, { source: { blob: { url: 'app.zip' } } }), messages: ['invalid value: app.zip: spec.source.blob.url\nhint: kpack downloads the blob with an HTTP client, which needs an absolute URL: write https://host/path'] },
  { rule: 'image-build', object: broken(IMAGE, { build: { nodeSelector: { 'kubernetes.io/os': 'linux' } } }), messages: ['invalid key name "kubernetes.io/os": spec.build.nodeSelector\nos is determined automatically'] },
  { rule: 'image-cache', object: broken(IMAGE, { cache: { volume: { size: '2G' }, registry: { tag: 'registry.example.com/cache' } } }), messages: ['only one type of cache can be specified: spec.cache.registry, spec.cache.volume'] },
  { rule: 'image-cache-size', object: broken(IMAGE, { cache: { volume: { size: '0' } } }), messages: [`cache size must be greater than 0: spec.cache.volume.size\n${CACHE_HINT}`] },
  { rule: 'image-notary', object: broken(IMAGE, { notary: { v1: { url: 'https://notary.example.com' } } }), messages: ['use of this field has been deprecated in v1alpha2, please use v1alpha1 for notary image signing: spec.notary'] },
  { rule: 'image-cosign', object: broken(IMAGE, { cosign: { annotations: [{ name: 'team' }] } }), messages: ['missing field(s): spec.cosign.annotations[0].value'] },
  { rule: 'image-build-history-limit', object: broken(IMAGE, { successBuildHistoryLimit: 0 }), messages: ['build history limit must be greater than 0: spec.successBuildHistoryLimit'] },
  {
    rule: 'image-name',
    object: broken(IMAGE, {}, { name: 'app_' }),
    messages: [`invalid image name: app_, name must be a valid label: metadata.name\n${LABEL_DETAILS}\nhint: kpack uses the Image name as a label value; set metadata.name explicitly to a shorter name`],
  },
  { rule: 'image-env-names', object: broken(IMAGE, { build: { env: [{ name: 'BP GO', value: 'a' }] } }), messages: [`invalid value: BP GO: spec.build.env[0].name\n${ENV_HINT}`] },
  { rule: 'image-resources', object: broken(IMAGE, { build: { resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } } }), messages: [`limit 1Gi is below request 2Gi: spec.build.resources.limits.memory\n${LIMIT_HINT}`] },
  { rule: 'image-integers', object: broken(IMAGE, { failedBuildHistoryLimit: 2 ** 60 }), messages: ['expected an integer, got 1152921504606847000: spec.failedBuildHistoryLimit'] },
  { rule: 'image-build-timeout', object: broken(IMAGE, { build: { buildTimeout: 0 } }), messages: [`expected 1 <= 0 <= 2147483647: spec.build.buildTimeout\n${TIMEOUT_HINT}`] },

  // kpack v0.17 Builder and ClusterBuilder
  { rule: 'builder-tag', object: broken(BUILDER, { tag: '' }), messages: ['missing field(s): spec.tag'] },
  { rule: 'builder-tag-scheme', object: broken(BUILDER, { tag: 'https://registry.example.com/builder' }), messages: [`invalid value: https://registry.example.com/builder: spec.tag\n${SCHEME_HINT}`] },
  { rule: 'builder-stack', object: broken(BUILDER, { stack: { name: 'base', kind: 'Stack' } }), messages: ['invalid value: Stack: spec.stack.kind'] },
  { rule: 'builder-store', object: broken(BUILDER, { store: { kind: 'Store' } }), messages: ['invalid value: Store: spec.store.kind\nmust be one of ClusterStore', 'missing field(s): spec.store.name'] },
  { rule: 'builder-order', object: broken(BUILDER, { order: [{ group: [{ image: 'gcr.io/paketo-buildpacks/go' }] }] }), messages: ['must not set the field(s): spec.order[0].group[0].image reference currently not supported'] },
  { rule: 'builder-order-empty', object: broken(BUILDER, { order: [] }), messages: [`the order is empty: spec.order\n${EMPTY_ORDER_HINT}`] },
  { rule: 'cluster-builder-service-account-ref', object: broken(CLUSTER_BUILDER, { serviceAccountRef: { name: 'builder' }, tag: '' }), messages: [`missing field(s): spec.serviceAccountRef.namespace\n${NAMESPACE_HINT}`] },
  { rule: 'cluster-builder-tag', object: broken(CLUSTER_BUILDER, { tag: 'b' }), messages: ['invalid value: b: tag'] },
  { rule: 'cluster-builder-tag-scheme', object: broken(CLUSTER_BUILDER, { tag: 'https://registry.example.com/builder' }), messages: [`invalid value: https://registry.example.com/builder: tag\n${SCHEME_HINT}`] },
  { rule: 'cluster-builder-stack', object: broken(CLUSTER_BUILDER, { stack: {} }), messages: ['missing field(s): stack.name'] },
  { rule: 'cluster-builder-store', object: broken(CLUSTER_BUILDER, { store: { name: 'default', kind: 'ClusterStack' } }), messages: ['invalid value: ClusterStack: store.kind\nmust be one of ClusterStore'] },
  { rule: 'cluster-builder-order', object: broken(CLUSTER_BUILDER, { order: [{ group: [{}] }] }), messages: ['expected exactly one, got neither: order[0].group[0].id, order[0].group[0].image, order[0].group[0].name + kind'] },

  {
    rule: 'cluster-builder-order-empty',
    object: broken(CLUSTER_BUILDER, { order: [{ group: [{ id: 'paketo-buildpacks/go' }] }, { group: [] }] }),
    messages: ['the group has no buildpacks: order[1].group\nhint: a group with no buildpacks detects nothing: list its buildpacks, or leave the group out'],
  },
  {
    rule: 'cluster-builder-namespaced-buildpack',
    object: broken(CLUSTER_BUILDER, { order: [{ group: [{ name: 'go', kind: 'Buildpack' }] }] }),
    messages: ['invalid value: Buildpack: order[0].group[0].kind\nmust be one of ClusterBuildpack\nhint: a ClusterBuilder serves every namespace: use a ClusterBuildpack'],
  },

  // kpack v0.17 ClusterStack and ClusterStore
  { rule: 'cluster-stack-service-account-ref', object: broken(STACK, { serviceAccountRef: { namespace: 'kpack' }, id: '' }), messages: ['missing field(s): spec.serviceAccountRef.name\nhint: reference the ServiceAccount whose secrets kpack should use'] },
  { rule: 'cluster-stack-id', object: broken(STACK, { id: '' }), messages: ['missing field(s): spec.id'] },
  { rule: 'cluster-stack-build-image', object: broken(STACK, { buildImage: { image: '@INAVALID!' } }), messages: ['invalid value: @INAVALID!: spec.buildImage.image'] },
  { rule: 'cluster-stack-run-image', object: broken(STACK, { runImage: {} }), messages: ['missing field(s): spec.runImage.image'] },
  { rule: 'cluster-store-service-account-ref', object: broken(STORE, { serviceAccountRef: { name: 'reader' }, sources: [] }), messages: [`missing field(s): spec.serviceAccountRef.namespace\n${NAMESPACE_HINT}`] },
  { rule: 'cluster-store-sources', object: broken(STORE, { sources: [{ image: 'paketobuildpacks/go' }, { image: 'invalid image' }] }), messages: ['invalid value: {invalid image}: spec.sources[1]\nhint: an image reference must not contain whitespace'] },

  // kpack v0.17 Build
  { rule: 'build-tags', object: broken(BUILD, { tags: [] }), messages: ['missing field(s): spec.tags'] },
  { rule: 'build-builder', object: broken(BUILD, { builder: {} }), messages: ['missing field(s): spec.builder.image, spec.builder.ref'] },
  { rule: 'build-source', object: broken(BUILD, { source: { ...GIT, blob: { url: 'https://example.com/app.zip' } } }), messages: ['expected exactly one, got both: spec.source.blob, spec.source.git'] },
  {
    rule: 'build-source-url',
    object: broken(BUILD, { source: { blob: { url: 'example.com/app.zip' } } }),
    messages: ['invalid value: example.com/app.zip: spec.source.blob.url\nhint: kpack downloads the blob with an HTTP client, which needs an absolute URL: write https://host/path'],
  },
  { rule: 'build-services', object: broken(BUILD, { services: [{ name: 'db' }] }), messages: ['missing field(s): spec.services[0].kind'] },
  { rule: 'build-cnb-bindings', object: broken(BUILD, { cnbBindings: [{ name: 'settings' }] }), messages: ['use of this field has been deprecated in v1alpha2, please use v1alpha1 for CNB bindings: spec.cnbBindings'] },
  { rule: 'build-notary', object: broken(BUILD, { notary: { v1: { url: 'https://notary.example.com' } } }), messages: ['use of this field has been deprecated in v1alpha2, please use v1alpha1 for notary image signing: spec.notary'] },
  { rule: 'build-last-build', object: broken(BUILD, { lastBuild: { image: 'NotValid@@!' } }), messages: ['invalid value: NotValid@@!: spec.lastBuild.image'] },
  { rule: 'build-cache', object: broken(BUILD, { cache: { volume: { persistentVolumeClaimName: 'c' }, registry: { tag: 'registry.example.com/cache' } } }), messages: ['only one type of cache can be specified: spec.cache.registry, spec.cache.volume'] },
  { rule: 'build-node-selector', object: broken(BUILD, { nodeSelector: { 'kubernetes.io/os': 'windows' } }), messages: ['invalid key name "kubernetes.io/os": spec.nodeSelector\nos is determined automatically'] },
  {
    rule: 'build-env',
    object: broken(BUILD, { env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'token', key: 'token' } } }] }),
    messages: ['secretKeyRef is not supported for build environment variables: spec.env[0].valueFrom.secretKeyRef\nhint: give the value directly, or bind the secret as a service binding'],
  },
  { rule: 'build-env-names', object: broken(BUILD, { env: [{ name: 'CNB_PLATFORM_API', value: '0.12' }] }), messages: ['invalid value: CNB_PLATFORM_API: spec.env[0].name\nhint: CNB_* variables belong to the buildpacks lifecycle; kpack sets them for each build'] },
  { rule: 'build-resources', object: broken(BUILD, { resources: { requests: { cpu: '1' }, limits: { cpu: '100m' } } }), messages: [`limit 100m is below request 1: spec.resources.limits.cpu\n${LIMIT_HINT}`] },
  { rule: 'build-integers', object: broken(BUILD, { activeDeadlineSeconds: Infinity }), messages: ['expected an integer, got Infinity: spec.activeDeadlineSeconds'] },
  { rule: 'build-active-deadline', object: broken(BUILD, { activeDeadlineSeconds: -1 }), messages: [`expected 1 <= -1 <= 2147483647: spec.activeDeadlineSeconds\n${TIMEOUT_HINT}`] },

  // kpack v0.17 Buildpack, ClusterBuildpack, ClusterLifecycle
  { rule: 'buildpack-image', object: broken('kpack.io/v1alpha2/Buildpack', { image: '' }), messages: ['missing field(s): spec.image'] },
  { rule: 'cluster-buildpack-service-account-ref', object: broken('kpack.io/v1alpha2/ClusterBuildpack', { serviceAccountRef: {} }), messages: ['missing field(s): spec.serviceAccountRef.name\nhint: reference the ServiceAccount whose secrets kpack should use'] },
  { rule: 'cluster-buildpack-image', object: broken('kpack.io/v1alpha2/ClusterBuildpack', { image: 'Paketo/Go' }), messages: ['invalid value: Paketo/Go: spec.image\nhint: repository names must be lowercase'] },
  { rule: 'cluster-lifecycle-service-account-ref', object: broken('kpack.io/v1alpha2/ClusterLifecycle', { serviceAccountRef: { name: 'reader' } }), messages: [`missing field(s): spec.serviceAccountRef.namespace\n${NAMESPACE_HINT}`] },
  { rule: 'cluster-lifecycle-image', object: broken('kpack.io/v1alpha2/ClusterLifecycle', { image: '' }), messages: ['missing field(s): spec.image'] },

  // kpack v0.0.8
  { rule: 'legacy-image-tag', object: broken(LEGACY_IMAGE, { tag: 'ftp//invalid/tag@@' }), messages: ['invalid value: ftp//invalid/tag@@: spec.tag'] },
  { rule: 'legacy-image-tag-scheme', object: broken(LEGACY_IMAGE, { tag: 'https://index.docker.io/making/hello-golang' }), messages: [`invalid value: https://index.docker.io/making/hello-golang: spec.tag\n${SCHEME_HINT}`] },
  { rule: 'legacy-image-builder', object: broken(LEGACY_IMAGE, { builder: { name: 'default', kind: '' } }), messages: ['invalid value: : spec.builder.kind'] },
  { rule: 'legacy-image-source', object: broken(LEGACY_IMAGE, { source: { git: { url: 'https://github.com/making/hello-golang' } } }), messages: ['missing field(s): spec.source.git.revision'] },
  { rule: 'legacy-image-source-url', object: broken(LEGACY_IMAGE, { source: { git: { url: 'github.com/example/app', revision: 'main' } } }), messages: ['invalid value: github.com/example/app: spec.source.git.url\nhint: git reads a URL without a scheme as a local path, and the build cannot clone it: write https://github.com/example/app (or git@host:org/repo.git over ssh)'] },
  { rule: 'legacy-image-env-names', object: broken(LEGACY_IMAGE, { build: { env: [{ name: 'BP GO', value: '1' }] } }), messages: [`invalid value: BP GO: spec.build.env[0].name\n${ENV_HINT}`] },
  { rule: 'legacy-image-resources', object: broken(LEGACY_IMAGE, { build: { resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } } }), messages: [`limit 1Gi is below request 2Gi: spec.build.resources.limits.memory\n${LIMIT_HINT}`] },
  { rule: 'legacy-image-integers', object: broken(LEGACY_IMAGE, { successBuildHistoryLimit: NaN }), messages: ['expected an integer, got NaN: spec.successBuildHistoryLimit'] },
  { rule: 'legacy-image-cache-size', object: broken(LEGACY_IMAGE, { cacheSize: '0' }), messages: [`cache size must be greater than 0: spec.cacheSize\n${CACHE_HINT}`] },
  { rule: 'legacy-builder-image', object: broken('build.pivotal.io/v1alpha1/Builder', { image: '' }), messages: ['missing field(s): spec.image'] },
  { rule: 'legacy-cluster-builder-image', object: broken('build.pivotal.io/v1alpha1/ClusterBuilder', { image: 'builderbuilderbuilder@foo' }), messages: ['invalid value: builderbuilderbuilder@foo: spec.image'] },
  { rule: 'legacy-build-tags', object: broken(LEGACY_BUILD, { tags: ['invalid/tag@sha256:thisisatag', 'also/invalid@@'] }), messages: ['invalid value: also/invalid@@: spec.tags[1]', 'invalid value: invalid/tag@sha256:thisisatag: spec.tags[0]'] },
  { rule: 'legacy-build-builder-image', object: broken(LEGACY_BUILD, { builder: {} }), messages: ['missing field(s): spec.builder.image'] },
  { rule: 'legacy-build-source', object: broken(LEGACY_BUILD, { source: { registry: { image: 'NotValid@@!' } } }), messages: ['invalid value: NotValid@@!: spec.source.registry.image'] },
  { rule: 'legacy-build-source-url', object: broken(LEGACY_BUILD, { source: { blob: { url: '/downloads/app.zip' } } }), messages: ['invalid value: /downloads/app.zip: spec.source.blob.url\nhint: kpack downloads the blob with an HTTP client, which needs an absolute URL: write https://host/path'] },
  { rule: 'legacy-build-last-build', object: broken(LEGACY_BUILD, { lastBuild: { image: 'NotValid@@!' } }), messages: ['invalid value: NotValid@@!: spec.lastBuild.image'] },
];

const DIGEST_A = 'a'.repeat(64);
const DECODE = 'cannot decode incoming new object: ';

/**
 * Cases where the rules once disagreed with kpack: each object's messages were checked against kpack's
 * own code (kpack v0.17.2's `SetDefaults` and `Validate`, go-containerregistry v0.20.6, apimachinery
 * v0.34.3), hint lines aside; v0.18.0's arch rule against kpack v0.18.0's; the build.pivotal.io ones
 * against kpack v0.0.8's go-containerregistry and apimachinery (v0.17.4, which parses quantities alike).
 */
export const KPACK_CASES: RuleCase[] = [
  { rule: 'image-tag', object: broken(IMAGE, { tag: 'registry.example.com/apps/hello-world:' }), messages: ['invalid value: registry.example.com/apps/hello-world:: spec.tag'] },
  { rule: 'image-tag', object: broken(IMAGE, { tag: `registry.example.com/app:${'t'.repeat(128)}` }), messages: [] },
  { rule: 'image-tag', object: broken(IMAGE, { tag: `registry.example.com/app:${'t'.repeat(129)}` }), messages: [`invalid value: registry.example.com/app:${'t'.repeat(129)}: spec.tag`] },
  { rule: 'image-source', object: broken(IMAGE, { source: { registry: { image: `registry.example.com/app@sha256:${'A'.repeat(64)}` } } }), messages: [`invalid value: registry.example.com/app@sha256:${'A'.repeat(64)}: spec.source.registry.image`] },
  { rule: 'image-source', object: broken(IMAGE, { source: { registry: { image: `registry.example.com/app@shh:${'a'.repeat(67)}` } } }), messages: [`invalid value: registry.example.com/app@shh:${'a'.repeat(67)}: spec.source.registry.image`] },
  { rule: 'image-source', object: broken(IMAGE, { source: { registry: { image: `registry.example.com/app:1@sha256:${DIGEST_A}` } } }), messages: [] },
  { rule: 'image-source', object: broken(IMAGE, { source: { blob: { auth: 'token', stripComponents: -1 } } }), messages: ["invalid value: token: spec.source.blob.auth\nmust be one of '', 'helper', or 'secret'"] },
  { rule: 'image-build', object: broken(IMAGE, { build: { creationTime: 'abc', services: [{ name: '' }] } }), messages: ['invalid value: abc: spec.build.creationTime'] },
  { rule: 'image-build', object: broken(IMAGE, { build: { creationTime: '9223372036854775808' } }), messages: ['invalid value: 9223372036854775808: spec.build.creationTime'] },
  { rule: 'image-build', object: broken(IMAGE, { build: { creationTime: '9223372036854775807' } }), messages: [] },
  { rule: 'image-build', object: broken(IMAGE, { build: { creationTime: '+5' } }), messages: [] },
  { rule: 'image-build', object: broken(IMAGE, { build: { services: [{ name: 'db', kind: 'Secret' }, { name: 'db', kind: 'Secret' }, { name: 'db', kind: 'Secret' }] } }), messages: ['duplicate service name "db": spec.build.services[0].name, spec.build.services[1].name, spec.build.services[2].name'] },
  { rule: 'image-build', object: broken(IMAGE, { build: { services: [{ kind: 'Secret' }, { kind: 'Secret' }] } }), messages: ['duplicate service name "": spec.build.services[0].name, spec.build.services[1].name', 'missing field(s): spec.build.services[0].name, spec.build.services[1].name'] },
  { rule: 'image-build', kpackVersion: '0.17.2', object: broken(IMAGE, { build: { nodeSelector: { 'kubernetes.io/arch': 'arm64' } } }), messages: [] },
  {
    rule: 'image-build',
    kpackVersion: '0.18.0',
    object: broken(IMAGE, { build: { nodeSelector: { 'kubernetes.io/arch': 'arm64' } } }),
    messages: ['invalid key name "kubernetes.io/arch": spec.build.nodeSelector\narch is determined automatically\nhint: kpack v0.18 pins the build pod to the architecture of the builder image'],
  },
  { rule: 'image-defaults', object: broken(IMAGE, { imageTaggingStrategy: '' }), messages: [] },
  { rule: 'image-decode', object: broken(IMAGE, { build: { resources: { limits: { memory: ' 1Gi ' } } } }), messages: [] },
  {
    rule: 'image-decode',
    object: broken(IMAGE, { tag: '', build: { resources: { limits: { memory: '1K', cpu: '1mi' } } } }),
    messages: [`${DECODE}unable to parse quantity's suffix\nhint: the value of spec.build.resources.limits.cpu does not decode`],
  },
  { rule: 'image-decode', object: broken(IMAGE, { cache: { volume: { size: '1.5 GB' } } }), messages: [`${DECODE}${QUANTITY}\nhint: the value of spec.cache.volume.size does not decode`] },
  {
    rule: 'image-decode',
    object: broken(IMAGE, { failedBuildHistoryLimit: 1.5, successBuildHistoryLimit: 'ten' }),
    messages: [`${DECODE}json: cannot unmarshal number 1.5 into Go struct field ImageSpec.spec.failedBuildHistoryLimit of type int64\nhint: the value of spec.failedBuildHistoryLimit does not decode`],
  },
  {
    rule: 'image-decode',
    object: broken(IMAGE, { build: { buildTimeout: 1e30, resources: { limits: { cpu: '1K' } } } }),
    messages: [`${DECODE}unable to parse quantity's suffix\nhint: the value of spec.build.resources.limits.cpu does not decode`],
  },
  {
    rule: 'image-decode',
    object: broken(IMAGE, { source: { blob: { url: 'https://example.com/app.tgz', stripComponents: -0.5 } } }),
    messages: [`${DECODE}json: cannot unmarshal number -0.5 into Go struct field Blob.spec.source.blob.stripComponents of type int64\nhint: the value of spec.source.blob.stripComponents does not decode`],
  },
  // A key in another case: Go matches it to its field, and kpack's rules read that field.
  {
    rule: 'image-tag',
    object: { apiVersion: 'kpack.io/v1alpha2', kind: 'Image', metadata: { name: 'app' }, spec: { TAG: 'making/Hello', Builder: { kind: 'ClusterBuilder', name: 'default' }, \u017fource: GIT } },
    messages: ['invalid value: making/Hello: spec.tag\nhint: repository names must be lowercase'],
  },
  // A value of the wrong JSON type: Go's type error, the first in the order of sorted keys.
  {
    rule: 'image-decode',
    object: broken(IMAGE, { tag: 42, source: { git: { url: 'https://git.example.com/app', revision: 1234567 } } }),
    messages: [`${DECODE}json: cannot unmarshal number into Go struct field Git.spec.source.git.revision of type string\nhint: the value of spec.source.git.revision does not decode`],
  },
  {
    rule: 'image-decode',
    object: broken(IMAGE, { tag: 42 }, { name: 'app', labels: { team: true } }),
    messages: [`${DECODE}json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string\nhint: the value of metadata.labels.team does not decode`],
  },
  {
    rule: 'image-decode',
    object: broken(IMAGE, { build: { env: [{ name: 'BP_GO_TARGETS', value: ['./cmd/server'] }], resources: { limits: { memory: '2 Gi' } } } }),
    messages: [`${DECODE}${QUANTITY}\nhint: the value of spec.build.resources.limits.memory does not decode`],
  },
  {
    rule: 'builder-decode',
    object: broken(BUILDER, { stack: { name: 1, kind: 'ClusterStack' } }),
    messages: [`${DECODE}json: cannot unmarshal number into Go struct field ObjectReference.spec.BuilderSpec.stack.name of type string\nhint: the value of spec.stack.name does not decode`],
  },
  {
    rule: 'legacy-image-decode',
    object: broken(LEGACY_IMAGE, { serviceAccount: 7 }),
    messages: [`${DECODE}json: cannot unmarshal number into Go struct field ImageSpec.spec.serviceAccount of type string\nhint: the value of spec.serviceAccount does not decode`],
  },
  { rule: 'build-resources', object: broken(BUILD, { cache: { volume: { persistentVolumeClaimName: 'cache', size: ' ' } } }), messages: [] },
  // kpack v0.0.8 pins go-containerregistry of March 2020: tags of 127 runes at most, `repo:` is `repo`.
  { rule: 'legacy-cluster-builder-image', object: { ...VALID[LEGACY_CLUSTER_BUILDER], spec: { image: 'library/ubuntu:' } }, messages: [] },
  {
    rule: 'legacy-cluster-builder-image',
    object: { ...VALID[LEGACY_CLUSTER_BUILDER], spec: { image: `gcr.io/a__b:${'t'.repeat(128)}` } },
    messages: [`invalid value: gcr.io/a__b:${'t'.repeat(128)}: spec.image`],
  },
  { rule: 'legacy-build-builder-image', object: broken(LEGACY_BUILD, { builder: { image: `gcr.io/app@sha256:${'s'.repeat(64)}` } }), messages: [] },
  {
    rule: 'legacy-build-tags',
    object: broken(LEGACY_BUILD, { resources: { limits: { memory: '1gi' } } }),
    messages: [`${DECODE}${QUANTITY}\nhint: the value of spec.resources.limits.memory does not decode`],
  },
  {
    rule: 'build-builder',
    object: broken(BUILD, { builder: { image: 'Bad Image', ref: {} } }),
    messages: ['expected exactly one, got both: spec.builder.image, spec.builder.ref', 'invalid value: Bad Image: spec.builder.image\nhint: an image reference must not contain whitespace', 'missing field(s): spec.builder.ref.kind, spec.builder.ref.name'],
  },
  { rule: 'build-node-selector', kpackVersion: '0.17.2', object: broken(BUILD, { nodeSelector: { 'kubernetes.io/arch': 'arm64' } }), messages: [] },
  {
    rule: 'build-node-selector',
    kpackVersion: '0.18.0',
    object: broken(BUILD, { nodeSelector: { 'kubernetes.io/arch': 'arm64' } }),
    messages: ['invalid key name "kubernetes.io/arch": spec.nodeSelector\narch is determined automatically\nhint: kpack v0.18 pins the build pod to the architecture of the builder image'],
  },
];
