/**
 * Arbitrary props for every construct, shared by the property tests (test/property.test.ts: synth gives YAML
 * that parses, passes the schemas and kpack's rules, or a clear error) and the differential tests
 * (test/conformance/: the objects the constructs render go to kpack's own webhook code).
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import {
  BlobAuth, Build, BuildBuilder, BuildImage, NamespacedBuilder, BuildpackRef, ClusterBuilder, ClusterBuildpack, ClusterLifecycle, ClusterStack,
  ClusterStore, CreationTime, ImageCache, CredentialKind, ImageTaggingStrategy, legacy, RegistryCredentials, Source, Buildpack,
} from '../src';

// Strings that are valid for a field, near-valid, or junk: empty, unicode, huge.
export const junk = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(' ', 'a b', 'ÄÖÜ', '🚀', 'x'.repeat(300), '@@', 'https://', 'a:b:c', '-', '.'),
);
export const reference = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('paketobuildpacks/go', 'registry.example.com/team/app:1.0', 'gcr.io/app@sha256:' + 'a'.repeat(64), 'localhost:5000/app', 'making/hello-golang') },
  { weight: 1, arbitrary: fc.constantFrom('making/Hello', 'https://registry.example.com/app', 'app@sha256:abc', 'a', 'reg istry/app', 'app:tag:tag', 'REGISTRY.example.com/app') },
  { weight: 1, arbitrary: junk },
);
const name = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/) },
  { weight: 1, arbitrary: junk },
);
const count = fc.oneof(fc.integer({ min: -3, max: 20 }), fc.constantFrom(NaN, Infinity, 1.5, 1e300, -0));
const anySize = fc.oneof(
  fc.double({ min: 0, max: 1e6, noNaN: true }).map(n => Size.mebibytes(n)),
  fc.constantFrom(Size.gibibytes(0), Size.gibibytes(1.5), Size.gibibytes(NaN), Size.kibibytes(0.3), Size.tebibytes(Infinity)),
);
const sizes = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 100000 }).map(n => Size.mebibytes(n)) },
  { weight: 1, arbitrary: anySize },
);
const durations = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 100000 }).map(n => Duration.seconds(n)) },
  { weight: 1, arbitrary: fc.constantFrom(Duration.seconds(0), Duration.millis(1500), Duration.seconds(NaN)) },
);
/** A value that is mostly valid, sometimes anything. */
function mostly<T>(valid: fc.Arbitrary<T>, any: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: any });
}
/** An optional prop: absent half of the time. */
function optional<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arbitrary, { nil: undefined, freq: 2 });
}
const validReference = fc.constantFrom('paketobuildpacks/go', 'registry.example.com/team/app:1.0', 'registry.example.com/team/other', 'making/hello-golang');
const labels = fc.dictionary(fc.oneof(name, fc.constant('kubernetes.io/os')), junk, { maxKeys: 3 });

export const source = fc.oneof(
  fc.record({ url: fc.oneof(fc.constant('https://github.com/example/app'), fc.constant('git@github.com:example/app.git'), junk), revision: fc.oneof(fc.constant('main'), junk), subPath: fc.option(junk, { nil: undefined }), initializeSubmodules: fc.option(fc.boolean(), { nil: undefined }) })
    .map(p => Source.git(p.url, p)),
  fc.record({ url: fc.oneof(fc.constant('https://example.com/app.zip'), junk), stripComponents: fc.option(count, { nil: undefined }), auth: fc.option(fc.constantFrom(BlobAuth.HELPER, BlobAuth.SECRET), { nil: undefined }) })
    .map(p => Source.blob(p.url, p)),
  reference.map(image => Source.registry(image)),
);

export interface Subject {
  /** Construct path prefix errors must name. */
  readonly path: string;
  readonly build: (chart: Chart) => void;
}

export function subject(path: string, build: (chart: Chart) => void): Subject {
  return { path, build };
}

/** A named arbitrary of props, and how to build constructs from one value. */
export interface ConstructProperty {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<unknown>;
  readonly subject: (value: any) => Subject;
}

function property<T>(title: string, arbitrary: fc.Arbitrary<T>, toSubject: (value: T) => Subject): ConstructProperty {
  return { name: title, arbitrary, subject: toSubject as (value: any) => Subject };
}

const serviceAccount = (chart: Chart, which: number) => [
  undefined,
  new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } }),
  kplus.ServiceAccount.fromServiceAccountName(chart, 'imported', 'builds', { namespaceName: 'apps' }),
][which % 3];

export const CONSTRUCT_PROPERTIES: ConstructProperty[] = [
  property('BuildImage',
    fc.record({
      tag: mostly(validReference, reference),
      additionalTags: optional(fc.array(mostly(validReference, reference), { maxLength: 2 })),
      source: mostly(fc.constant(Source.git('https://github.com/example/app', { revision: 'main' })), source),
      sa: fc.nat(),
      metadataName: optional(mostly(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/), fc.oneof(name, fc.constant('x'.repeat(64))))),
      cache: optional(fc.oneof(sizes.map(size => ImageCache.volume(size)), reference.map(tag => ImageCache.registry(tag)))),
      success: optional(mostly(fc.integer({ min: 1, max: 50 }), count)),
      failed: optional(mostly(fc.integer({ min: 1, max: 50 }), count)),
      strategy: optional(fc.constantFrom(ImageTaggingStrategy.NONE, ImageTaggingStrategy.BUILD_NUMBER)),
      env: optional(fc.dictionary(mostly(fc.stringMatching(/^BP_[A-Z_]{1,10}$/), fc.oneof(name, junk, fc.constant('CNB_X'))), junk, { maxKeys: 3 })),
      nodeSelector: optional(labels),
      timeout: optional(durations),
      memory: optional(sizes),
      limit: optional(sizes),
      creation: optional(fc.oneof(
        fc.constant(CreationTime.NOW),
        fc.integer().map(n => CreationTime.fromEpochSeconds(n)),
        fc.double().map(n => CreationTime.fromEpochSeconds(n)),
      )),
      annotations: optional(fc.dictionary(mostly(name, junk), mostly(name, junk), { maxKeys: 2 })),
      defaultProcess: optional(junk),
    }),
    p => subject('fuzz/image', chart => new BuildImage(chart, 'image', {
      metadata: p.metadataName === undefined ? undefined : { name: p.metadataName },
      tag: p.tag,
      additionalTags: p.additionalTags,
      source: p.source,
      serviceAccount: serviceAccount(chart, p.sa),
      builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      cache: p.cache,
      successBuildHistoryLimit: p.success,
      failedBuildHistoryLimit: p.failed,
      imageTaggingStrategy: p.strategy,
      env: p.env && Object.fromEntries(Object.entries(p.env).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)])),
      nodeSelector: p.nodeSelector,
      buildTimeout: p.timeout,
      creationTime: p.creation,
      resources: p.memory || p.limit ? { memory: { request: p.memory, limit: p.limit } } : undefined,
      cosignAnnotations: p.annotations,
      defaultProcess: p.defaultProcess,
    })),
  ),

  property('Build',
    fc.record({
      tags: mostly(fc.array(validReference, { minLength: 1, maxLength: 1 }), fc.array(reference, { maxLength: 3 })),
      image: mostly(fc.constant('paketobuildpacks/builder-jammy-base'), optional(reference)),
      byRef: fc.boolean(),
      source: mostly(fc.constant(Source.git('https://github.com/example/app', { revision: 'main' })), source),
      runImage: optional(reference),
      timeout: optional(durations),
      lastBuild: optional(reference),
      cpu: optional(fc.integer({ min: 0, max: 4000 })),
      cpuLimit: optional(fc.integer({ min: 0, max: 4000 })),
    }),
    p => subject('fuzz/build', chart => new Build(chart, 'build', {
      metadata: { name: 'build' },
      tags: p.tags,
      builder: p.byRef || p.image === undefined
        ? BuildBuilder.fromBuilder(ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'))
        : BuildBuilder.fromImage(p.image),
      source: p.source,
      runImage: p.runImage,
      buildTimeout: p.timeout,
      lastBuild: p.lastBuild === undefined ? undefined : { image: p.lastBuild },
      resources: {
        cpu: {
          request: p.cpu === undefined ? undefined : kplus.Cpu.millis(p.cpu),
          limit: p.cpuLimit === undefined ? undefined : kplus.Cpu.millis(p.cpuLimit),
        },
      },
    })),
  ),

  property('ClusterBuilder and Builder',
    fc.record({
      tag: reference,
      namespaced: fc.boolean(),
      sa: fc.nat(),
      stackName: name,
      storeName: fc.option(name, { nil: undefined }),
      ids: fc.array(fc.array(fc.tuple(fc.oneof(fc.constantFrom('paketo-buildpacks/go', 'paketo-buildpacks/go@1.2.3'), junk), fc.boolean()), { maxLength: 3 }), { maxLength: 3 }),
      labels: fc.option(fc.dictionary(junk, junk, { maxKeys: 2 }), { nil: undefined }),
    }),
    p => subject('fuzz/builder', chart => {
      const options = {
        tag: p.tag,
        stack: ClusterStack.fromClusterStackName(chart, 'stack', p.stackName),
        store: p.storeName === undefined ? undefined : ClusterStore.fromClusterStoreName(chart, 'store', p.storeName),
        additionalLabels: p.labels,
      };
      const builder = p.namespaced
        ? new NamespacedBuilder(chart, 'builder', { ...options, serviceAccount: serviceAccount(chart, p.sa) })
        : new ClusterBuilder(chart, 'builder', { ...options, serviceAccount: serviceAccount(chart, p.sa)! });
      p.ids.forEach(group => builder.addGroup(...group.map(([id, isOptional]) => BuildpackRef.id(id, { optional: isOptional }))));
    }),
  ),

  property('ClusterStack',
    fc.record({ id: fc.oneof(fc.constant('io.buildpacks.stacks.jammy'), junk), build: reference, run: reference, sa: fc.nat() }),
    p => subject('fuzz/stack', chart => new ClusterStack(chart, 'stack', { stackId: p.id, buildImage: p.build, runImage: p.run, serviceAccount: serviceAccount(chart, p.sa) })),
  ),

  property('ClusterStore',
    fc.record({ sources: fc.array(reference, { maxLength: 3 }), sa: fc.nat() }),
    p => subject('fuzz/store', chart => new ClusterStore(chart, 'store', { sources: p.sources, serviceAccount: serviceAccount(chart, p.sa) })),
  ),

  property('ClusterLifecycle, Buildpack and ClusterBuildpack',
    fc.record({ image: reference, which: fc.nat({ max: 2 }), sa: fc.nat() }),
    p => subject('fuzz/resource', chart => [
      () => new ClusterLifecycle(chart, 'resource', { image: p.image, serviceAccount: serviceAccount(chart, p.sa) }),
      () => new Buildpack(chart, 'resource', { image: p.image, serviceAccount: serviceAccount(chart, p.sa) }),
      () => new ClusterBuildpack(chart, 'resource', { image: p.image, serviceAccount: serviceAccount(chart, p.sa) }),
    ][p.which]()),
  ),

  property('RegistryCredentials',
    fc.record({ which: fc.nat({ max: 5 }), registry: optional(junk), user: junk, secret: junk, name: optional(name) }),
    p => subject('fuzz/credentials', chart => {
      const metadata = p.name === undefined ? undefined : { name: p.name };
      const credentials = [
        () => RegistryCredentials.dockerBasicAuth(chart, 'credentials', { metadata, registry: p.registry, username: p.user, password: p.secret }),
        () => RegistryCredentials.dockerConfigJson(chart, 'credentials', { metadata, registry: p.registry, username: p.user, password: p.secret }),
        () => RegistryCredentials.gitBasicAuth(chart, 'credentials', { metadata, gitServer: p.registry ?? 'https://github.com', username: p.user, password: p.secret }),
        () => RegistryCredentials.gitSsh(chart, 'credentials', { metadata, gitServer: p.registry ?? 'git@github.com', sshPrivateKey: p.secret }),
        () => RegistryCredentials.blobBasicAuth(chart, 'credentials', { metadata, host: p.registry ?? 'storage.example.com', username: p.user, password: p.secret }),
        () => RegistryCredentials.cosignKey(chart, 'credentials', { metadata, privateKey: p.secret, password: p.user }),
      ][p.which]();
      credentials.addTo(new kplus.ServiceAccount(chart, 'sa'));
    }),
  ),

  property('legacy.BuildImage',
    fc.record({
      tag: mostly(validReference, reference),
      source: mostly(fc.constant(legacy.Source.git('https://github.com/making/hello-golang', { revision: 'master' })),
        fc.oneof(fc.record({ url: junk, revision: junk }).map(p => legacy.Source.git(p.url, p)), reference.map(i => legacy.Source.registry(i)))),
      cacheSize: optional(sizes),
      limit: optional(mostly(fc.integer({ min: 1, max: 50 }), count)),
      sa: fc.nat(),
    }),
    p => subject('fuzz/image', chart => new legacy.BuildImage(chart, 'image', {
      tag: p.tag,
      source: p.source,
      cacheSize: p.cacheSize,
      successBuildHistoryLimit: p.limit,
      serviceAccount: serviceAccount(chart, p.sa),
      builder: legacy.ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
    })),
  ),

  property('legacy.ClusterBuilder and legacy.Builder',
    fc.record({ image: reference, namespaced: fc.boolean() }),
    p => subject('fuzz/builder', chart => p.namespaced
      ? new legacy.NamespacedBuilder(chart, 'builder', { image: p.image })
      : new legacy.ClusterBuilder(chart, 'builder', { image: p.image })),
  ),

  property('legacy.RegistryCredentials',
    fc.record({ which: fc.nat({ max: 3 }), server: junk, user: junk, secret: junk }),
    p => subject('fuzz/credentials', chart => [
      () => legacy.RegistryCredentials.dockerBasicAuth(chart, 'credentials', { registry: p.server, username: p.user, password: p.secret }),
      () => legacy.RegistryCredentials.dockerConfigJson(chart, 'credentials', { registry: p.server, username: p.user, password: p.secret }),
      () => legacy.RegistryCredentials.gitBasicAuth(chart, 'credentials', { gitServer: p.server, username: p.user, password: p.secret }),
      () => legacy.RegistryCredentials.gitSsh(chart, 'credentials', { gitServer: p.server, sshPrivateKey: p.secret }),
    ][p.which]().addTo(new kplus.ServiceAccount(chart, 'sa'))),
  ),

  property('an Image built by a namespaced Builder, with ssh sources and credentials',
    fc.record({ sameNamespace: fc.boolean(), ssh: fc.boolean(), key: fc.boolean() }),
    p => subject('fuzz/image', chart => {
      const other = p.sameNamespace ? chart : new Chart(App.of(chart) as App, 'other', { namespace: 'other' });
      const builder = new NamespacedBuilder(other, 'builder', { tag: 'registry.example.com/builder', stack: ClusterStack.fromClusterStackName(other, 'stack', 'base') });
      builder.addGroup(BuildpackRef.id('paketo-buildpacks/go'));
      const account = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
      if (p.key) {
        RegistryCredentials.fromSecretName(chart, 'key', 'deploy-key', CredentialKind.GIT_SSH).addTo(account);
      }
      new BuildImage(chart, 'image', {
        tag: 'registry.example.com/app',
        builder,
        serviceAccount: account,
        source: Source.git(p.ssh ? 'git@github.com:example/app.git' : 'https://github.com/example/app', { revision: 'main' }),
      });
    }),
  ),
];
