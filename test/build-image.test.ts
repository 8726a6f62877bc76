import { ApiObject, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  BuildCache, BuildImage, BuildImageProps, BuildpackRef, BuildProps, ClusterBuilder, ClusterStack, CreationTime, CredentialKind, IBuilder, ImageCache,
  ImageTaggingStrategy, legacy, NamespacedBuilder, RegistryCredentials, Source,
} from '../src';
import { appValidationErrors, schemaErrors, validationErrors, warningsUnder } from './util';
import { literalCredentialsWarning, takeWarnings } from './warnings';

function imageProps(chart: Chart, props: Partial<BuildImageProps> = {}): BuildImageProps {
  return {
    tag: 'making/hello-golang',
    // An account of its own: the namespace's "default" one holds no credentials for the tag's registry.
    serviceAccount: chart.node.tryFindChild('builds') as kplus.IServiceAccount ?? kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds'),
    builder: chart.node.tryFindChild('builder') as IBuilder ?? ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
    source: Source.git('https://github.com/making/hello-golang', { revision: 'main' }),
    ...props,
  };
}

describe('BuildImage', () => {
  test('renders a kpack.io/v1alpha2 Image', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'apps' });
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });

    // WHEN
    const image = new BuildImage(chart, 'hello', {
      ...imageProps(chart),
      metadata: { name: 'hello-golang' },
      additionalTags: ['making/hello-golang:latest'],
      serviceAccount,
      cache: ImageCache.volume(Size.gibibytes(1.5), { storageClassName: 'fast' }),
      successBuildHistoryLimit: 5,
      failedBuildHistoryLimit: 3,
      imageTaggingStrategy: ImageTaggingStrategy.NONE,
    });
    image.addAdditionalTag('making/hello-golang:stable');

    // THEN
    const manifest = Testing.synth(chart).find(o => o.kind === 'Image');
    expect(manifest).toEqual({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Image',
      metadata: { name: 'hello-golang', namespace: 'apps' },
      spec: {
        tag: 'making/hello-golang',
        additionalTags: ['making/hello-golang:latest', 'making/hello-golang:stable'],
        builder: { kind: 'ClusterBuilder', name: 'default' },
        serviceAccountName: 'builds',
        source: { git: { url: 'https://github.com/making/hello-golang', revision: 'main' } },
        cache: { volume: { size: '1.5Gi', storageClassName: 'fast' } },
        successBuildHistoryLimit: 5,
        failedBuildHistoryLimit: 3,
        imageTaggingStrategy: 'None',
      },
    });
    expect(image.additionalTags).toHaveLength(2);
    expect(image.serviceAccount).toBe(serviceAccount);
    expect(manifest).toMatchSnapshot();
  });

  test('leaves out what kpack defaults; the default service account, without credentials in the app for the tag\'s registry, warns', () => {
    const chart = Testing.chart();
    new BuildImage(chart, 'hello', imageProps(chart, { serviceAccount: undefined }));
    expect(Object.keys(Testing.synth(chart)[0].spec).sort()).toEqual(['builder', 'source', 'tag']);
    // kpack's build pod pushes with the secrets of the Image's service account: nothing says "default" has any.
    expect(takeWarnings()).toEqual([
      '[test/hello] warning: the Image pushes to index.docker.io with the "default" service account, and no credentials in the app are for index.docker.io: spec.serviceAccountName',
      'hint: kpack pushes with the secrets of the Image\'s service account: give it a serviceAccount holding RegistryCredentials for the registry, or make sure the default one has them',
    ]);
  });

  test.each([
    ['Size.gibibytes(1.5)', Size.gibibytes(1.5), '1.5Gi'],
    ['Size.mebibytes(1536)', Size.mebibytes(1536), '1.5Gi'],
    ['Size.gibibytes(2)', Size.gibibytes(2), '2Gi'],
    ['Size.mebibytes(100)', Size.mebibytes(100), '100Mi'],
    ['Size.mebibytes(1100)', Size.mebibytes(1100), '1100Mi'],
    ['Size.kibibytes(0.5)', Size.kibibytes(0.5), '512'],
    ['Size.tebibytes(1)', Size.tebibytes(1), '1Ti'],
  ])('renders a cache of %s as %s', (_description, size, quantity) => {
    const chart = Testing.chart();
    new BuildImage(chart, 'hello', imageProps(chart, { cache: ImageCache.volume(size) }));
    expect(Testing.synth(chart)[0].spec.cache).toEqual({ volume: { size: quantity } });
  });

  test('renders a registry cache', () => {
    const chart = Testing.chart();
    new BuildImage(chart, 'hello', imageProps(chart, { cache: ImageCache.registry('making/hello-golang-cache') }));
    expect(Testing.synth(chart)[0].spec.cache).toEqual({ registry: { tag: 'making/hello-golang-cache' } });
  });

  test('a cache size that is not a whole number of bytes is reported at synth, with the Image that uses it', () => {
    // GIVEN the caches made outside any construct
    const chart = Testing.chart();
    const fraction = ImageCache.volume(Size.kibibytes(0.3));
    const nan = ImageCache.volume(Size.gibibytes(NaN));

    // WHEN
    new BuildImage(chart, 'hello', imageProps(chart, { cache: fraction }));
    new BuildImage(chart, 'nan', imageProps(chart, { cache: nan, tag: 'making/hello-nan' }));

    // THEN
    const hint = 'hint: give the size in whole bytes (Size.mebibytes(300), not Size.kibibytes(0.3))';
    expect(validationErrors(chart)).toEqual([
      `[test/hello] cache size must be a whole number of bytes, got 307.2 bytes: spec.cache.volume.size\n${hint}`,
      `[test/nan] cache size must be a whole number of bytes, got NaN bytes: spec.cache.volume.size\n${hint}`,
    ]);
  });

  test('a build timeout or a memory size that is not whole is reported at synth with the path of its field', () => {
    const chart = Testing.chart();
    new BuildImage(chart, 'hello', imageProps(chart, {
      buildTimeout: Duration.millis(90_500),
      resources: { memory: { request: Size.kibibytes(0.3), limit: Size.gibibytes(1) } },
    }));
    expect(validationErrors(chart)).toEqual([
      "[test/hello] build timeout must be a whole number of seconds: spec.build.buildTimeout\n'90500 millis' cannot be converted into a whole number of seconds.\n" +
      'hint: kpack takes the timeout in whole seconds: use Duration.seconds() or Duration.minutes()',
      '[test/hello] memory must be a whole number of bytes, got 307.2 bytes: spec.build.resources.requests.memory\n' +
      'hint: give the size in whole bytes (Size.mebibytes(300), not Size.kibibytes(0.3))',
    ]);
  });

  describe('synth-time validation', () => {
    test('values no manifest can hold, in two constructs of two charts: one report lists them all, each with its path', () => {
      // GIVEN one app
      const app = Testing.app();
      const builders = new Chart(app, 'builders', { namespace: 'builders' });
      const apps = new Chart(app, 'apps', { namespace: 'apps' });

      // WHEN a builder with a buildpack whose versions disagree, and an Image with three values that are not whole
      const builder = new NamespacedBuilder(builders, 'builder', {
        tag: 'registry.example.com/builder',
        stack: ClusterStack.fromClusterStackName(builders, 'stack', 'base'),
        order: [{ buildpacks: [BuildpackRef.id('paketo-buildpacks/go@1.0.0', { version: '2.0.0' })] }],
      });
      new BuildImage(apps, 'hello', imageProps(apps, {
        builder: ClusterBuilder.fromClusterBuilderName(apps, 'default', builder.name),
        buildTimeout: Duration.millis(1500),
        cache: ImageCache.volume(Size.kibibytes(0.3)),
        resources: { ephemeralStorage: { limit: Size.kibibytes(1.1) } },
      }));

      // THEN synthesis fails once, naming every problem
      expect(appValidationErrors(app).map(error => error.split('\n')[0])).toEqual([
        '[builders/builder] buildpack "paketo-buildpacks/go@1.0.0" names version 1.0.0 but options.version is 2.0.0: spec.order[0].group[0].version',
        // a construct's problems sorted by message, as kpack's webhook sorts them
        '[apps/hello] build timeout must be a whole number of seconds: spec.build.buildTimeout',
        '[apps/hello] cache size must be a whole number of bytes, got 307.2 bytes: spec.cache.volume.size',
        '[apps/hello] ephemeral storage must be a whole number of bytes, got 1126.4 bytes: spec.build.resources.limits.ephemeral-storage',
      ]);
    });

    test('a git source without revision', () => {
      const chart = Testing.chart();
      new BuildImage(chart, 'hello', imageProps(chart, { source: Source.git('https://github.com/making/hello-golang', { revision: '' }) }));
      expect(validationErrors(chart)).toEqual(['[test/hello] missing field(s): spec.source.git.revision']);
    });

    test('an empty tag', () => {
      const chart = Testing.chart();
      new BuildImage(chart, 'hello', imageProps(chart, { tag: '' }));
      expect(validationErrors(chart)).toEqual(['[test/hello] missing field(s): spec.tag']);
    });

    test.each([
      ['making/Hello', 'repository names must be lowercase'],
      ['making/hello@sha256:' + 'a'.repeat(64), 'this field needs a tag reference; kpack rejects digests (@sha256:…) here'],
      ['https://index.docker.io/making/hello', 'an image reference has no scheme: write registry/repository[:tag], not a URL'],
    ])('a malformed tag %s', (tag, hint) => {
      const chart = Testing.chart();
      new BuildImage(chart, 'hello', imageProps(chart, { tag }));
      expect(validationErrors(chart)).toEqual([`[test/hello] invalid value: ${tag}: spec.tag\nhint: ${hint}`]);
    });

    test('a cache of size 0', () => {
      const chart = Testing.chart();
      new BuildImage(chart, 'hello', imageProps(chart, { cache: ImageCache.volume(Size.gibibytes(0)) }));
      expect(validationErrors(chart)).toEqual([
        '[test/hello] cache size must be greater than 0: spec.cache.volume.size\n' +
        'hint: leave the cache out to use kpack\'s default (2G when the cluster has a default StorageClass)',
      ]);
    });

    test('a builder of kpack v0.0.8', () => {
      const chart = Testing.chart();
      const builder = legacy.ClusterBuilder.fromClusterBuilderName(chart, 'old', 'default');
      // @ts-expect-error a kpack v0.0.8 builder is not a builder of kpack v0.17 (checked at synth for JavaScript callers)
      new BuildImage(chart, 'hello', imageProps(chart, { builder }));
      expect(validationErrors(chart)).toEqual([
        '[test/hello] builder ClusterBuilder "default" is a build.pivotal.io/v1alpha1 resource, but this Image is kpack.io/v1alpha2: spec.builder\n' +
        'hint: use ClusterBuilder or NamespacedBuilder from the package root (legacy.* builders are for kpack v0.0.8)',
      ]);
    });

    test('a service account in another namespace', () => {
      const app = Testing.app();
      const serviceAccount = new kplus.ServiceAccount(new Chart(app, 'accounts', { namespace: 'ci' }), 'sa', { metadata: { name: 'builds' } });
      const chart = new Chart(app, 'apps', { namespace: 'apps' });
      new BuildImage(chart, 'hello', imageProps(chart, { serviceAccount }));
      expect(validationErrors(chart)).toEqual([
        '[apps/hello] service account "builds" is in namespace ci, the Image in apps: spec.serviceAccountName\n' +
        'hint: kpack looks the service account up in the Image\'s namespace: define both in the same namespace',
      ]);
    });

    test('every problem of a synth is reported at once', () => {
      const chart = Testing.chart();
      new BuildImage(chart, 'one', imageProps(chart, { tag: '' }));
      new BuildImage(chart, 'two', imageProps(chart, { failedBuildHistoryLimit: 0, additionalTags: ['gcr.io/making/hello'] }));
      expect(validationErrors(chart)).toEqual([
        '[test/one] missing field(s): spec.tag',
        '[test/two] all additionalTags must have the same registry as tag: spec.additionalTags\nexpected registry: index.docker.io, got: gcr.io',
        '[test/two] build history limit must be greater than 0: spec.failedBuildHistoryLimit',
      ]);
    });

    test('a name kpack cannot use as a label', () => {
      const chart = Testing.chart();
      new BuildImage(chart, 'hello', imageProps(chart, { metadata: { name: 'a'.repeat(64) } }));
      expect(validationErrors(chart)).toEqual([
        `[test/hello] invalid image name: ${'a'.repeat(64)}, name must be a valid label: metadata.name\n` +
        'must be no more than 63 characters\n' +
        'hint: kpack uses the Image name as a label value; set metadata.name explicitly to a shorter name',
      ]);
    });
  });

  test('renders each build setting at its path in spec.build (or spec)', () => {
    // GIVEN
    const chart = Testing.chart();
    const settings = kplus.Secret.fromSecretName(chart, 'settings', 'maven-settings');

    // WHEN
    const image = new BuildImage(chart, 'hello', imageProps(chart, {
      env: { BP_GO_TARGETS: kplus.EnvValue.fromValue('./cmd/server') },
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(2) },
        memory: { request: Size.mebibytes(512) },
        ephemeralStorage: { limit: Size.gibibytes(10) },
      },
      services: [settings],
      nodeSelector: { pool: 'builds' },
      tolerations: [kplus.NodeTaintQuery.is('dedicated', 'builds', { effect: kplus.TaintEffect.NO_SCHEDULE })],
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }] } },
      runtimeClassName: 'kata',
      schedulerName: 'batch',
      buildTimeout: Duration.hours(1),
      creationTime: CreationTime.fromEpochSeconds(1700000000),
      defaultProcess: 'worker',
      projectDescriptorPath: 'deploy/project.toml',
      cosignAnnotations: { team: 'payments' },
    }));
    image.addEnv('BP_LOG_LEVEL', kplus.EnvValue.fromValue('DEBUG'));
    image.addService(kplus.ConfigMap.fromConfigMapName(chart, 'ca', 'ca-bundle'));

    // THEN
    const { spec } = Testing.synth(chart)[0];
    expect(spec.build).toEqual({
      env: [{ name: 'BP_GO_TARGETS', value: './cmd/server' }, { name: 'BP_LOG_LEVEL', value: 'DEBUG' }],
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { 'cpu': '2', 'ephemeral-storage': '10Gi' } },
      services: [{ apiVersion: 'v1', kind: 'Secret', name: 'maven-settings' }, { apiVersion: 'v1', kind: 'ConfigMap', name: 'ca-bundle' }],
      nodeSelector: { pool: 'builds' },
      tolerations: [kplus.NodeTaintQuery.is('dedicated', 'builds', { effect: kplus.TaintEffect.NO_SCHEDULE })],
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }] } },
      runtimeClassName: 'kata',
      schedulerName: 'batch',
      buildTimeout: 3600,
      creationTime: '1700000000',
    });
    expect(spec.defaultProcess).toBe('worker');
    expect(spec.projectDescriptorPath).toBe('deploy/project.toml');
    expect(spec.cosign).toEqual({ annotations: [{ name: 'team', value: 'payments' }] });
    expect(schemaErrors(Testing.synth(chart)[0])).toEqual([]);
  });

  test('JSON patches use kpack\'s own paths; a field kpack does not know fails the synth', () => {
    const chart = Testing.chart();
    const image = new BuildImage(chart, 'hello', imageProps(chart, { env: { A: kplus.EnvValue.fromValue('1') } }));
    ApiObject.of(image).addJsonPatch(JsonPatch.add('/spec/build/env/-', { name: 'B', value: '2' }));
    const { spec } = Testing.synth(chart)[0];
    expect(spec.build.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);

    // kpack would drop the field without a word: the schema check of patched objects says so at synth.
    ApiObject.of(image).addJsonPatch(JsonPatch.add('/spec/futureField', true));
    expect(validationErrors(chart)).toEqual(['[test/hello] unknown field: spec.futureField\nhint: kpack drops fields it does not know, without an error']);
  });

  test('a namespaced Builder of another namespace', () => {
    const app = Testing.app();
    const builder = new NamespacedBuilder(new Chart(app, 'team-b', { namespace: 'team-b' }), 'builder', {
      metadata: { name: 'team-b-builder' },
      tag: 'registry.example.com/builder',
      stack: ClusterStack.fromClusterStackName(app, 'stack', 'base'),
      order: [{ buildpacks: [BuildpackRef.id('paketo-buildpacks/go')] }],
    });
    const chart = new Chart(app, 'team-a', { namespace: 'team-a' });
    new BuildImage(chart, 'hello', imageProps(chart, { builder }));
    expect(validationErrors(chart)).toEqual([
      '[team-a/hello] Builder "team-b-builder" is in namespace team-b, the Image in team-a: spec.builder\n' +
      'hint: a Builder serves only its own namespace: use a ClusterBuilder, or define the Builder in the same namespace',
    ]);
  });

  describe('an ssh git source', () => {
    const ssh = Source.git('git@github.com:example/private.git', { revision: 'main' });

    test('with no ssh credentials on the service account fails', () => {
      const chart = Testing.chart();
      const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
      RegistryCredentials.dockerConfigJson(chart, 'hub', { username: 'u', password: 'p' }).addTo(serviceAccount);
      new BuildImage(chart, 'hello', imageProps(chart, { source: ssh, serviceAccount }));
      expect(validationErrors(chart)).toEqual([
        '[test/hello] the source git@github.com:example/private.git is cloned over ssh, but service account "builds" holds no ssh git credentials: spec.serviceAccountName\n' +
        'hint: add RegistryCredentials.gitSsh(...) to the service account with addTo()',
      ]);
      expect(takeWarnings()).toEqual([literalCredentialsWarning('test/hub', 'test-hub-c8cd8f3a', 'DOCKER_CONFIG_JSON')]);
    });

    test('with ssh credentials added, even after the image, passes', () => {
      const chart = Testing.chart();
      const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
      new BuildImage(chart, 'hello', imageProps(chart, { source: ssh, serviceAccount }));
      RegistryCredentials.fromSecretName(chart, 'key', 'deploy-key', CredentialKind.GIT_SSH).addTo(serviceAccount);
      expect(validationErrors(chart)).toEqual([]);
    });

    test('with a service account defined elsewhere warns', () => {
      const chart = Testing.chart();
      new BuildImage(chart, 'hello', imageProps(chart, { source: ssh }));
      expect(validationErrors(chart)).toEqual([]);
      expect(warningsUnder(chart)).toEqual([
        'the source git@github.com:example/private.git is cloned over ssh: make sure the service account "builds" holds an ssh git secret (RegistryCredentials.gitSsh)',
      ]);
      expect(takeWarnings()).toEqual([
        '[test/hello] warning: the source git@github.com:example/private.git is cloned over ssh: make sure the service account "builds" holds an ssh git secret (RegistryCredentials.gitSsh)',
      ]);
    });
  });

  test('a claim cache is for standalone builds: an Image does not take one (a type error)', () => {
    const chart = Testing.chart();
    const claim = kplus.PersistentVolumeClaim.fromClaimName(chart, 'claim', 'cache');
    // @ts-expect-error a BuildCache (an existing claim) is not an ImageCache
    const props: BuildImageProps = imageProps(chart, { cache: BuildCache.persistentVolumeClaim(claim) });
    // @ts-expect-error the other way round: a volume kpack creates is not a Build's cache
    const buildProps: Pick<BuildProps, 'cache'> = { cache: ImageCache.volume(Size.gibibytes(1)) };
    expect([props.cache, buildProps.cache].every(cache => cache !== undefined)).toBe(true);
  });

  test('its ApiObject is the default child', () => {
    const chart = Testing.chart();
    expect(ApiObject.of(new BuildImage(chart, 'hello', imageProps(chart))).kind).toBe('Image');
  });
});
