import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Buildpack, ClusterBuildpack } from '../src';
import { schemaErrors, validationErrors } from './util';

describe('Buildpack', () => {
  test('renders a namespaced buildpack with its service account', () => {
    const chart = new Chart(Testing.app(), 'team', { namespace: 'team-a' });
    new Buildpack(chart, 'go', {
      metadata: { name: 'go' },
      image: 'paketobuildpacks/go:4.13.1',
      serviceAccount: new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'reader' } }),
    });
    const manifest = Testing.synth(chart).find(o => o.kind === 'Buildpack');
    expect(manifest).toEqual({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Buildpack',
      metadata: { name: 'go', namespace: 'team-a' },
      spec: { image: 'paketobuildpacks/go:4.13.1', serviceAccountName: 'reader' },
    });
    expect(schemaErrors(manifest!)).toEqual([]);
  });

  test('kpack rejects an unparsable image', () => {
    const chart = Testing.chart();
    new Buildpack(chart, 'bad', { image: 'Paketo Go' });
    expect(validationErrors(chart)).toEqual(['[test/bad] invalid value: Paketo Go: spec.image\nhint: an image reference must not contain whitespace']);
  });

  test('a service account in another namespace fails: kpack looks it up in the Buildpack\'s', () => {
    // GIVEN
    const app = Testing.app();
    const serviceAccount = new kplus.ServiceAccount(new Chart(app, 'accounts', { namespace: 'ci' }), 'sa', { metadata: { name: 'reader' } });
    const chart = new Chart(app, 'team', { namespace: 'team-a' });

    // WHEN
    new Buildpack(chart, 'go', { image: 'paketobuildpacks/go:4.13.1', serviceAccount });

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[team/go] service account "reader" is in namespace ci, the Buildpack in team-a: spec.serviceAccountName\n' +
      'hint: kpack looks the service account up in the Buildpack\'s namespace: define both in the same namespace',
    ]);
  });

  test('fromBuildpackName', () => {
    expect(Buildpack.fromBuildpackName(Testing.chart(), 'bp', 'go').kind).toBe('Buildpack');
    expect(ApiObject.of(new Buildpack(Testing.chart(), 'bp', { image: 'a/b' })).kind).toBe('Buildpack');
  });
});

describe('ClusterBuildpack', () => {
  test('renders a cluster-scoped buildpack with a service account reference', () => {
    const chart = new Chart(Testing.app(), 'buildpacks', { namespace: 'kpack' });
    new ClusterBuildpack(chart, 'java', {
      metadata: { name: 'java' },
      image: 'paketobuildpacks/java:15.3.0',
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'reader', { namespaceName: 'kpack' }),
    });
    const [manifest] = Testing.synth(chart);
    expect(manifest).toEqual({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'ClusterBuildpack',
      metadata: { name: 'java' },
      spec: { image: 'paketobuildpacks/java:15.3.0', serviceAccountRef: { name: 'reader', namespace: 'kpack' } },
    });
    expect(schemaErrors(manifest)).toEqual([]);
    expect(manifest).toMatchSnapshot();
  });

  test('kpack rejects a missing image', () => {
    const chart = Testing.chart();
    new ClusterBuildpack(chart, 'empty', { image: '' });
    expect(validationErrors(chart)).toEqual(['[test/empty] missing field(s): spec.image']);
  });

  test('fromClusterBuildpackName', () => {
    expect(ClusterBuildpack.fromClusterBuildpackName(Testing.chart(), 'bp', 'java').kind).toBe('ClusterBuildpack');
  });
});
