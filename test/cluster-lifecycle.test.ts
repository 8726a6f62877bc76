import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterLifecycle } from '../src';
import { schemaErrors, validationErrors } from './util';

describe('ClusterLifecycle', () => {
  test('renders the lifecycle image and service account reference, without namespace', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'lifecycles', { namespace: 'kpack' });

    // WHEN
    new ClusterLifecycle(chart, 'lifecycle', {
      metadata: { name: 'lifecycle-0-20' },
      image: 'buildpacksio/lifecycle:0.20.5',
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'reader', { namespaceName: 'kpack' }),
    });

    // THEN
    const [manifest] = Testing.synth(chart);
    expect(manifest).toEqual({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'ClusterLifecycle',
      metadata: { name: 'lifecycle-0-20' },
      spec: { image: 'buildpacksio/lifecycle:0.20.5', serviceAccountRef: { name: 'reader', namespace: 'kpack' } },
    });
    expect(schemaErrors(manifest)).toEqual([]);
    expect(manifest).toMatchSnapshot();
  });

  test('kpack rejects an empty image', () => {
    const chart = Testing.chart();
    new ClusterLifecycle(chart, 'lifecycle', { image: '' });
    expect(validationErrors(chart)).toEqual(['[test/lifecycle] missing field(s): spec.image']);
  });

  test('fromClusterLifecycleName references kpack\'s default lifecycle', () => {
    const lifecycle = ClusterLifecycle.fromClusterLifecycleName(Testing.chart(), 'lifecycle', 'default-lifecycle');
    expect([lifecycle.name, lifecycle.kind]).toEqual(['default-lifecycle', 'ClusterLifecycle']);
    expect(ApiObject.of(new ClusterLifecycle(Testing.chart(), 'l', { image: 'a/b' })).kind).toBe('ClusterLifecycle');
  });
});
