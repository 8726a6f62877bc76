import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  Build, BuildImage, BuildpackRef, ClusterBuilder, ClusterBuildpack, ClusterLifecycle, ClusterStack, ClusterStore, NamespacedBuilder,
  IBuilder, IClusterStack, IClusterStore, legacy, Source,
} from '../src';

/**
 * References between kpack objects are typed: each interface has a member only its kinds have, so a wrong
 * kind does not compile (checked by the test suite's type-check: an unused `@ts-expect-error` fails it).
 */
function kinds(chart: Chart) {
  return {
    stack: ClusterStack.fromClusterStackName(chart, 'stack', 'base'),
    store: ClusterStore.fromClusterStoreName(chart, 'store', 'default'),
    builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
    legacyBuilder: legacy.ClusterBuilder.fromClusterBuilderName(chart, 'old', 'default'),
    lifecycle: ClusterLifecycle.fromClusterLifecycleName(chart, 'lifecycle', 'default-lifecycle'),
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builder', { namespaceName: 'kpack' }),
    deployment: new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx', securityContext: { ensureNonRoot: false } }] }),
  };
}

const source = Source.git('https://github.com/making/hello-golang', { revision: 'main' });

describe('typed references', () => {
  test('GIVEN wrong kinds WHEN passed THEN they do not compile', () => {
    const chart = Testing.chart();
    const { stack, store, builder, legacyBuilder, lifecycle, serviceAccount, deployment } = kinds(chart);
    const tag = 'registry.example.com/builder';

    const wrongKinds = [
      // @ts-expect-error a store is not a stack
      (): IClusterStack => store,
      // @ts-expect-error a stack is not a store
      (): IClusterStore => stack,
      // @ts-expect-error a store is not a builder
      (): IBuilder => store,
      // @ts-expect-error a Deployment is not a builder
      (): IBuilder => deployment,
      // @ts-expect-error a builder of kpack v0.0.8 is not one of kpack v0.17
      (): IBuilder => legacyBuilder,
      // @ts-expect-error a builder of kpack v0.17 is not one of kpack v0.0.8
      (): legacy.IBuilder => builder,
      // @ts-expect-error a stack is not a lifecycle
      () => new ClusterBuilder(chart, 'b1', { tag, stack, serviceAccount, lifecycle: stack }),
      // @ts-expect-error a lifecycle is not a buildpack
      () => BuildpackRef.fromBuildpack(lifecycle),
      // @ts-expect-error a store is not a builder of an image
      () => new BuildImage(chart, 'i1', { tag, source, builder: store }),
      // @ts-expect-error a stack is not a builder of a build
      () => new Build(chart, 'b2', { tags: [tag], source, builder: stack }),
    ];

    expect(wrongKinds).toHaveLength(10);
  });

  test('GIVEN objects the app defines WHEN referenced THEN namespaced kinds carry their namespace', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'team', { namespace: 'team-a' });
    const { stack, serviceAccount } = kinds(chart);

    // WHEN
    const builder = new NamespacedBuilder(chart, 'team-builder', { tag: 'registry.example.com/builder', stack, serviceAccount, metadata: { name: 'team' } });
    const clusterBuildpack = new ClusterBuildpack(chart, 'java', { image: 'paketobuildpacks/java:15.3.0', metadata: { name: 'java' } });

    // THEN
    expect(builder.builderRef).toEqual({ apiVersion: 'kpack.io/v1alpha2', kind: 'Builder', name: 'team', namespace: 'team-a' });
    expect(clusterBuildpack.buildpackRef).toEqual({ apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterBuildpack', name: 'java' });
    expect(stack.stackRef).toEqual({ apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStack', name: 'base' });
  });

  test('GIVEN a store whose sources declare their buildpacks WHEN read THEN it provides their ids', () => {
    const store = new ClusterStore(Testing.chart(), 'store');
    store.addSource('paketobuildpacks/go', { buildpackIds: ['paketo-buildpacks/go'] });

    expect(store.providedBuildpackIds).toEqual(['paketo-buildpacks/go']);
    expect(ClusterStore.fromClusterStoreName(Testing.chart(), 'other', 'default').providedBuildpackIds).toBeUndefined();
  });
});
