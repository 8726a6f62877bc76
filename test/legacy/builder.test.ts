import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { legacy } from '../../src';
import { validationErrors } from '../util';

describe('legacy.ClusterBuilder', () => {
  test('renders a build.pivotal.io/v1alpha1 builder image', () => {
    const chart = new Chart(Testing.app(), 'tutorial', { namespace: 'ignored' });
    const builder = new legacy.ClusterBuilder(chart, 'builder', {
      metadata: { name: 'default' },
      image: 'gcr.io/paketo-buildpacks/builder:base',
      updatePolicy: legacy.UpdatePolicy.EXTERNAL,
    });
    expect(builder.image).toBe('gcr.io/paketo-buildpacks/builder:base');
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'build.pivotal.io/v1alpha1',
      kind: 'ClusterBuilder',
      metadata: { name: 'default' },
      spec: { image: 'gcr.io/paketo-buildpacks/builder:base', updatePolicy: 'external' },
    }]);
  });

  test('kpack v0.0.8 rejects an empty or unparsable image', () => {
    const chart = Testing.chart();
    new legacy.ClusterBuilder(chart, 'empty', { image: '' });
    new legacy.ClusterBuilder(chart, 'bad', { image: 'builderbuilderbuilder@foo' });
    expect(validationErrors(chart)).toEqual([
      '[test/empty] missing field(s): spec.image',
      '[test/bad] invalid value: builderbuilderbuilder@foo: spec.image',
    ]);
  });

  test('fromClusterBuilderName references a v0.0.8 builder', () => {
    const builder = legacy.ClusterBuilder.fromClusterBuilderName(Testing.chart(), 'b', 'default');
    expect([builder.kind, builder.apiVersion]).toEqual(['ClusterBuilder', 'build.pivotal.io/v1alpha1']);
    expect(ApiObject.of(new legacy.ClusterBuilder(Testing.chart(), 'c', { image: 'x/y' })).kind).toBe('ClusterBuilder');
  });
});

describe('legacy.Builder', () => {
  test('renders a namespaced builder image with pull secrets', () => {
    const chart = new Chart(Testing.app(), 'team', { namespace: 'team-a' });
    new legacy.NamespacedBuilder(chart, 'builder', {
      metadata: { name: 'private' },
      image: 'registry.example.com/builders/base',
      imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'registry-pull')],
    });
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'build.pivotal.io/v1alpha1',
      kind: 'Builder',
      metadata: { name: 'private', namespace: 'team-a' },
      spec: { image: 'registry.example.com/builders/base', imagePullSecrets: [{ name: 'registry-pull' }] },
    }]);
    expect(legacy.NamespacedBuilder.fromBuilderName(chart, 'other', 'x').kind).toBe('Builder');
  });
});
