import { ApiObject, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Build, BuildBuilder, BuildCache, BuildProps, ClusterBuilder, ClusterStack, CreationTime, IBuilder, legacy, NamespacedBuilder, Source } from '../src';
import { schemaErrors, validationErrors } from './util';

function buildProps(props: Partial<BuildProps> = {}): BuildProps {
  return {
    tags: ['registry.example.com/apps/app:1'],
    builder: BuildBuilder.fromImage('paketobuildpacks/builder-jammy-base'),
    source: Source.git('https://github.com/example/app', { revision: '4bae4fb358ba5235ec8c8d9c001821a2017c70cb' }),
    ...props,
  };
}

describe('Build', () => {
  test('renders every field of a standalone build', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'ci', { namespace: 'ci' });
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
    const bindings = kplus.Secret.fromSecretName(chart, 'settings', 'maven-settings');

    // WHEN
    const build = new Build(chart, 'build', {
      metadata: { name: 'app-4bae4fb' },
      tags: ['registry.example.com/apps/app:4bae4fb', 'registry.example.com/apps/app:latest'],
      builder: BuildBuilder.fromImage('paketobuildpacks/builder-jammy-base', {
        pullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'builder-pull')],
      }),
      serviceAccount,
      source: Source.git('https://github.com/example/app', { revision: '4bae4fb' }),
      cache: BuildCache.persistentVolumeClaim(kplus.PersistentVolumeClaim.fromClaimName(chart, 'claim', 'app-cache')),
      runImage: 'paketobuildpacks/run-jammy-base',
      priorityClassName: 'kpack-build-low-priority',
      lastBuild: { image: 'registry.example.com/apps/app@sha256:' + 'b'.repeat(64), stackId: 'io.buildpacks.stacks.jammy' },
      env: { BP_JVM_VERSION: kplus.EnvValue.fromValue('21') },
      resources: { cpu: { request: kplus.Cpu.millis(500) }, memory: { limit: Size.gibibytes(4) } },
      services: [bindings],
      nodeSelector: { pool: 'builds' },
      tolerations: [kplus.NodeTaintQuery.exists('dedicated', { effect: kplus.TaintEffect.NO_SCHEDULE })],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'arch', operator: 'In', values: ['amd64'] }] }] } } },
      runtimeClassName: 'gvisor',
      schedulerName: 'batch',
      buildTimeout: Duration.minutes(30),
      creationTime: CreationTime.NOW,
      defaultProcess: 'web',
      projectDescriptorPath: 'build/project.toml',
      cosignAnnotations: { team: 'payments' },
    });
    build.addEnv('BP_MAVEN_BUILD_ARGUMENTS', kplus.EnvValue.fromValue('-DskipTests package'));

    // THEN
    const manifest = Testing.synth(chart).find(o => o.kind === 'Build')!;
    expect(manifest.metadata).toEqual({ name: 'app-4bae4fb', namespace: 'ci' });
    expect(manifest.spec).toEqual({
      tags: ['registry.example.com/apps/app:4bae4fb', 'registry.example.com/apps/app:latest'],
      builder: { image: 'paketobuildpacks/builder-jammy-base', imagePullSecrets: [{ name: 'builder-pull' }] },
      serviceAccountName: 'builds',
      source: { git: { url: 'https://github.com/example/app', revision: '4bae4fb' } },
      cache: { volume: { persistentVolumeClaimName: 'app-cache' } },
      runImage: { image: 'paketobuildpacks/run-jammy-base' },
      activeDeadlineSeconds: 1800,
      env: [{ name: 'BP_JVM_VERSION', value: '21' }, { name: 'BP_MAVEN_BUILD_ARGUMENTS', value: '-DskipTests package' }],
      resources: { requests: { cpu: '500m' }, limits: { memory: '4Gi' } },
      services: [{ apiVersion: 'v1', kind: 'Secret', name: 'maven-settings' }],
      nodeSelector: { pool: 'builds' },
      tolerations: [kplus.NodeTaintQuery.exists('dedicated', { effect: kplus.TaintEffect.NO_SCHEDULE })],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'arch', operator: 'In', values: ['amd64'] }] }] } } },
      runtimeClassName: 'gvisor',
      schedulerName: 'batch',
      priorityClassName: 'kpack-build-low-priority',
      creationTime: 'now',
      defaultProcess: 'web',
      projectDescriptorPath: 'build/project.toml',
      cosign: { annotations: [{ name: 'team', value: 'payments' }] },
      lastBuild: { image: 'registry.example.com/apps/app@sha256:' + 'b'.repeat(64), stackId: 'io.buildpacks.stacks.jammy' },
    });
    expect(schemaErrors(manifest)).toEqual([]);
    expect(validationErrors(chart)).toEqual([]);
    expect(manifest).toMatchSnapshot();
  });

  test('references a builder resource', () => {
    const chart = Testing.chart();
    new Build(chart, 'build', buildProps({ builder: BuildBuilder.fromBuilder(ClusterBuilder.fromClusterBuilderName(chart, 'b', 'default')) }));
    expect(Testing.synth(chart)[0].spec.builder).toEqual({ ref: { kind: 'ClusterBuilder', name: 'default' } });
  });

  test('a cache claim of any kind of construct that is a PersistentVolumeClaim; anything else fails the synth', () => {
    // GIVEN
    const chart = Testing.chart();
    const claim = new ApiObject(chart, 'claim', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'app-cache' } });

    // WHEN
    new Build(chart, 'build', buildProps({ cache: BuildCache.persistentVolumeClaim(claim) }));
    const other = Testing.chart();
    new Build(other, 'build', buildProps({ cache: BuildCache.persistentVolumeClaim(kplus.Secret.fromSecretName(other, 'secret', 'app-cache')) }));

    // THEN
    expect(Testing.synth(chart).find(o => o.kind === 'Build')!.spec.cache).toEqual({ volume: { persistentVolumeClaimName: 'app-cache' } });
    expect(validationErrors(other)).toEqual([
      '[test/build] test/secret is a Secret ("app-cache"), not a PersistentVolumeClaim: spec.cache.volume.persistentVolumeClaimName\n' +
      'hint: pass a PersistentVolumeClaim: a cdk8s-plus PersistentVolumeClaim (any cdk8s-plus line, or PersistentVolumeClaim.fromClaimName()), ' +
      'or an ApiObject of kind PersistentVolumeClaim',
    ]);
  });

  test('the builder is one value: a builder resource or a builder image, never both (type errors)', () => {
    const chart = Testing.chart();
    const builder = ClusterBuilder.fromClusterBuilderName(chart, 'b', 'default');
    // @ts-expect-error a builder resource goes in through BuildBuilder.fromBuilder()
    const direct: Pick<BuildProps, 'builder'> = { builder };
    // @ts-expect-error the builder image's pull secrets belong to BuildBuilder.fromImage()
    const both: Pick<BuildProps, 'builder'> = { builder: BuildBuilder.fromBuilder(builder), builderPullSecrets: [] };
    // @ts-expect-error a ClusterStack is not a builder
    BuildBuilder.fromBuilder(ClusterStack.fromClusterStackName(chart, 'stack', 'base'));
    expect([direct, both].length).toBe(2);
  });

  test.each<[string, (chart: Chart) => Partial<BuildProps>, string[]]>([
    // a JavaScript caller can leave the builder out: the rules report it
    ['no builder', () => ({ builder: undefined }), ['[test/build] missing field(s): spec.builder.image, spec.builder.ref']],
    ['no tags', () => ({ tags: [] }), ['[test/build] missing field(s): spec.tags']],
    ['a digest tag', () => ({ tags: ['a/b@sha256:' + 'c'.repeat(64)] }), ['[test/build] invalid value: a/b@sha256:' + 'c'.repeat(64) + ': spec.tags[0]']],
    ['tags in two registries', () => ({ tags: ['registry.example.com/app:1', 'gcr.io/example/app:1'] }), [
      '[test/build] tags span several registries (gcr.io, registry.example.com): spec.tags\nhint: one build exports to one registry: split the build, or push the extra tags with a copy tool',
    ]],
    ['a v0.0.8 builder', chart => ({ builder: BuildBuilder.fromBuilder(legacy.ClusterBuilder.fromClusterBuilderName(chart, 'b', 'default') as unknown as IBuilder) }), [
      '[test/build] builder ClusterBuilder "default" is a build.pivotal.io/v1alpha1 resource, but this Build is kpack.io/v1alpha2: spec.builder.ref\nhint: use ClusterBuilder or NamespacedBuilder from the package root',
    ]],
    ['the OS node label', () => ({ nodeSelector: { 'kubernetes.io/os': 'linux' } }), [
      '[test/build] invalid key name "kubernetes.io/os": spec.nodeSelector\nos is determined automatically',
    ]],
    ['an env var from a secret', chart => ({ env: { TOKEN: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(chart, 's', 'token'), key: 'token' }) } }), [
      '[test/build] secretKeyRef is not supported for build environment variables: spec.env[0].valueFrom.secretKeyRef\nhint: give the value directly, or bind the secret as a service binding',
    ]],
  ])('synth fails for %s', (_case, props, expected) => {
    const chart = Testing.chart();
    new Build(chart, 'build', buildProps(props(chart)));
    expect(validationErrors(chart)).toEqual(expected);
  });

  test('a namespaced Builder from another namespace', () => {
    const app = Testing.app();
    const builder = new NamespacedBuilder(new Chart(app, 'team-b', { namespace: 'team-b' }), 'builder', {
      tag: 'registry.example.com/builder',
      stack: ClusterStack.fromClusterStackName(app, 'stack', 'base'),
    });
    const chart = new Chart(app, 'team-a', { namespace: 'team-a' });
    new Build(chart, 'build', buildProps({ builder: BuildBuilder.fromBuilder(builder) }));
    expect(validationErrors(chart)).toContain(
      `[team-a/build] Builder "${builder.name}" is in namespace team-b, the Build in team-a: spec.builder.ref\nhint: a Builder serves only its own namespace: use a ClusterBuilder, or define the Builder in the same namespace`);
  });

  test('a timeout must be whole seconds: reported at synth, with the path of the field', () => {
    const chart = Testing.chart();
    new Build(chart, 'b', buildProps({ buildTimeout: Duration.millis(1500) }));
    expect(validationErrors(chart)).toEqual([
      "[test/b] build timeout must be a whole number of seconds: spec.activeDeadlineSeconds\n'1500 millis' cannot be converted into a whole number of seconds.\n" +
      'hint: kpack takes the timeout in whole seconds: use Duration.seconds() or Duration.minutes()',
    ]);
  });

  test('its ApiObject is the default child', () => {
    const chart = Testing.chart();
    expect(ApiObject.of(new Build(chart, 'build', buildProps())).kind).toBe('Build');
  });
});
