import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterStore } from '../src';
import { validationErrors } from './util';

describe('ClusterStore', () => {
  test('renders its sources and service account reference', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'store', { namespace: 'builds' });
    const account = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'registry-reader' } });

    // WHEN
    const store = new ClusterStore(chart, 'store', {
      metadata: { name: 'default' },
      sources: ['paketobuildpacks/go'],
      serviceAccount: account,
    });
    store.addSource('paketobuildpacks/java@sha256:' + 'a'.repeat(64));

    // THEN
    const manifest = Testing.synth(chart).find(o => o.kind === 'ClusterStore');
    expect(manifest).toEqual({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'ClusterStore',
      metadata: { name: 'default' },
      spec: {
        sources: [{ image: 'paketobuildpacks/go' }, { image: 'paketobuildpacks/java@sha256:' + 'a'.repeat(64) }],
        serviceAccountRef: { name: 'registry-reader', namespace: 'builds' },
      },
    });
    expect(store.sources).toHaveLength(2);
    expect(manifest).toMatchSnapshot();
  });

  test('is cluster-scoped: the chart namespace is left out', () => {
    const chart = new Chart(Testing.app(), 'store', { namespace: 'builds' });
    new ClusterStore(chart, 'store', { sources: ['paketobuildpacks/go'] });
    expect(Testing.synth(chart)[0].metadata.namespace).toBeUndefined();
  });

  test('an explicit namespace is an error', () => {
    const chart = Testing.chart();
    new ClusterStore(chart, 'store', { metadata: { namespace: 'builds' }, sources: ['paketobuildpacks/go'] });
    expect(validationErrors(chart)).toEqual([
      '[test/store] invalid value: builds: metadata.namespace\nhint: ClusterStore is cluster-scoped: remove metadata.namespace',
    ]);
  });

  test('kpack rejects a store without sources', () => {
    const chart = Testing.chart();
    new ClusterStore(chart, 'store');
    expect(validationErrors(chart)).toEqual(['[test/store] missing field(s): spec.sources']);
  });

  test('kpack rejects a source that is not an image reference, printing it as a Go struct', () => {
    const chart = Testing.chart();
    new ClusterStore(chart, 'store', { sources: ['paketobuildpacks/go', 'invalid image'] });
    expect(validationErrors(chart)).toEqual([
      '[test/store] invalid value: {invalid image}: spec.sources[1]\nhint: an image reference must not contain whitespace',
    ]);
  });

  test('kpack rejects a service account reference without a namespace, and reports it alone', () => {
    const chart = Testing.chart();
    new ClusterStore(chart, 'store', { serviceAccount: new kplus.ServiceAccount(chart, 'sa') });
    expect(validationErrors(chart)).toEqual(['[test/store] missing field(s): spec.serviceAccountRef.namespace\nhint: give the ServiceAccount a namespace (in its metadata, or in its chart)']);
  });

  test('fromClusterStoreName references a store by name', () => {
    const store = ClusterStore.fromClusterStoreName(Testing.chart(), 'store', 'default');
    expect([store.name, store.kind, store.apiVersion]).toEqual(['default', 'ClusterStore', 'kpack.io/v1alpha2']);
  });

  test('its ApiObject is the default child', () => {
    const store = new ClusterStore(Testing.chart(), 'store', { sources: ['paketobuildpacks/go'] });
    expect(ApiObject.of(store).kind).toBe('ClusterStore');
  });
});
