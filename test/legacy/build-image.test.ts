import { ApiObject, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterBuilder, ImageTaggingStrategy, legacy } from '../../src';
import { validationErrors } from '../util';

describe('legacy.BuildImage', () => {
  test('renders a build.pivotal.io/v1alpha1 Image with v0.0.8 field names', () => {
    // GIVEN
    const chart = Testing.chart();
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'tutorial-service-account' } });
    const builder = new legacy.ClusterBuilder(chart, 'builder', { metadata: { name: 'default' }, image: 'gcr.io/paketo-buildpacks/builder:base' });

    // WHEN
    const image = new legacy.BuildImage(chart, 'image', {
      metadata: { name: 'hello-golang' },
      tag: 'making/hello-golang',
      serviceAccount,
      cacheSize: Size.gibibytes(1.5),
      builder,
      source: legacy.Source.git('https://github.com/making/hello-golang', { revision: '85071eb4aa95f20cc18555aca5e31e2aad874e46' }),
      successBuildHistoryLimit: 3,
      failedBuildHistoryLimit: 2,
      imageTaggingStrategy: ImageTaggingStrategy.BUILD_NUMBER,
    });

    // THEN
    expect(image.builder).toBe(builder);
    const manifest = Testing.synth(chart).find(o => o.kind === 'Image');
    expect(manifest).toEqual({
      apiVersion: 'build.pivotal.io/v1alpha1',
      kind: 'Image',
      metadata: { name: 'hello-golang' },
      spec: {
        tag: 'making/hello-golang',
        serviceAccount: 'tutorial-service-account',
        cacheSize: '1.5Gi',
        builder: { name: 'default', kind: 'ClusterBuilder' },
        source: { git: { url: 'https://github.com/making/hello-golang', revision: '85071eb4aa95f20cc18555aca5e31e2aad874e46' } },
        successBuildHistoryLimit: 3,
        failedBuildHistoryLimit: 2,
        imageTaggingStrategy: 'BuildNumber',
      },
    });
    expect(manifest).toMatchSnapshot();
    expect(ApiObject.of(image).kind).toBe('Image');
  });

  test('renders v0.0.8\'s build section: env and resources', () => {
    const chart = Testing.chart();
    const image = new legacy.BuildImage(chart, 'image', {
      tag: 'making/hello-golang',
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds'),
      builder: legacy.ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      source: legacy.Source.git('https://github.com/making/hello-golang', { revision: 'master' }),
      env: { BP_GO_VERSION: kplus.EnvValue.fromValue('1.13') },
      resources: { memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) } },
    });
    image.addEnv('BP_LOG_LEVEL', kplus.EnvValue.fromValue('DEBUG'));
    expect(Testing.synth(chart)[0].spec.build).toEqual({
      env: [{ name: 'BP_GO_VERSION', value: '1.13' }, { name: 'BP_LOG_LEVEL', value: 'DEBUG' }],
      resources: { requests: { memory: '1Gi' }, limits: { memory: '2Gi' } },
    });
  });

  test('synth-time validation: kpack v0.0.8\'s rules, the cache size, the builder generation', () => {
    // GIVEN
    const chart = Testing.chart();
    const builder = legacy.ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default');
    const serviceAccount = kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds');

    // WHEN
    new legacy.BuildImage(chart, 'no-revision', {
      tag: 'making/hello-golang', builder, serviceAccount, source: legacy.Source.git('https://github.com/making/hello-golang', { revision: '' }),
    });
    new legacy.BuildImage(chart, 'bad-tag', {
      tag: 'making/Hello', builder, serviceAccount, source: legacy.Source.blob('https://example.com/app.zip'),
    });
    new legacy.BuildImage(chart, 'no-cache', {
      tag: 'making/hello', builder, serviceAccount, cacheSize: Size.gibibytes(0), source: legacy.Source.blob('https://example.com/app.zip'),
    });
    new legacy.BuildImage(chart, 'new-builder', {
      // @ts-expect-error a kpack v0.17 builder is not a builder of kpack v0.0.8 (checked at synth for JavaScript callers)
      tag: 'making/hello-new', serviceAccount, builder: ClusterBuilder.fromClusterBuilderName(chart, 'new', 'default'), source: legacy.Source.blob('https://example.com/app.zip'),
    });

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[test/no-revision] missing field(s): spec.source.git.revision',
      '[test/bad-tag] invalid value: making/Hello: spec.tag\nhint: repository names must be lowercase',
      '[test/no-cache] cache size must be greater than 0: spec.cacheSize\nhint: leave the cache out to use kpack\'s default (2G when the cluster has a default StorageClass)',
      '[test/new-builder] builder ClusterBuilder "default" is a kpack.io/v1alpha2 resource, but this Image is build.pivotal.io/v1alpha1: spec.builder\n' +
      'hint: use legacy.ClusterBuilder or legacy.NamespacedBuilder (the builders at the package root are for kpack v0.17)',
    ]);
  });

  test('a cache size or memory that is not whole bytes is reported at synth, with the path of its field', () => {
    const chart = Testing.chart();
    new legacy.BuildImage(chart, 'hello', {
      tag: 'making/hello',
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds'),
      builder: legacy.ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      source: legacy.Source.blob('https://example.com/app.zip'),
      cacheSize: Size.kibibytes(0.3),
      resources: { memory: { limit: Size.kibibytes(1.1) } },
    });
    const hint = 'hint: give the size in whole bytes (Size.mebibytes(300), not Size.kibibytes(0.3))';
    expect(validationErrors(chart)).toEqual([
      `[test/hello] cache size must be a whole number of bytes, got 307.2 bytes: spec.cacheSize\n${hint}`,
      `[test/hello] memory must be a whole number of bytes, got 1126.4 bytes: spec.build.resources.limits.memory\n${hint}`,
    ]);
  });
});
