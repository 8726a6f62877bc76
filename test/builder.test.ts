import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Buildpack, BuildpackRef, ClusterBuilder, ClusterBuildpack, ClusterLifecycle, ClusterStack, ClusterStore, NamespacedBuilder } from '../src';
import { validationErrors } from './util';

/** An order with one group: a builder with none can never build. */
const GO = [{ buildpacks: [BuildpackRef.id('paketo-buildpacks/go')] }];

function fixtures(chart: Chart) {
  return {
    stack: ClusterStack.fromClusterStackName(chart, 'stack', 'base'),
    store: ClusterStore.fromClusterStoreName(chart, 'store', 'default'),
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builder', { namespaceName: 'kpack' }),
  };
}

describe('BuildpackRef', () => {
  test.each([
    [BuildpackRef.id('paketo-buildpacks/go'), { id: 'paketo-buildpacks/go' }],
    [BuildpackRef.id('paketo-buildpacks/go@4.13.1'), { id: 'paketo-buildpacks/go', version: '4.13.1' }],
    [BuildpackRef.id('paketo-buildpacks/go', { version: '4.13.1', optional: true }), { id: 'paketo-buildpacks/go', version: '4.13.1', optional: true }],
  ])('renders %#', (ref, expected) => {
    expect(JSON.parse(JSON.stringify(ref._toKpack()))).toEqual(expected);
  });

  test('two different versions are reported at synth by the builder whose order holds the reference', () => {
    // GIVEN a reference made outside any construct
    const chart = Testing.chart();
    const go = BuildpackRef.id('paketo-buildpacks/go@1.0.0', { version: '2.0.0' });

    // WHEN
    const builder = new NamespacedBuilder(chart, 'builder', {
      tag: 'registry.example.com/builder',
      stack: ClusterStack.fromClusterStackName(chart, 'stack', 'base'),
      order: [{ buildpacks: [BuildpackRef.id('paketo-buildpacks/java')] }],
    });
    builder.addGroup(BuildpackRef.id('paketo-buildpacks/nodejs'), go);

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[test/builder] buildpack "paketo-buildpacks/go@1.0.0" names version 1.0.0 but options.version is 2.0.0: spec.order[1].group[1].version\n' +
      'hint: give the version once: in the id (id@version) or in options.version',
    ]);
  });
});

describe('ClusterBuilder', () => {
  test('renders tag, stack, store, order and service account reference', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const builder = new ClusterBuilder(chart, 'builder', {
      metadata: { name: 'default' },
      tag: 'registry.example.com/builders/default',
      ...fixtures(chart),
      order: [{ buildpacks: [BuildpackRef.id('paketo-buildpacks/java')] }],
    });
    builder.addGroup(BuildpackRef.id('paketo-buildpacks/go'), BuildpackRef.id('paketo-buildpacks/procfile', { optional: true }));

    // THEN
    const [manifest] = Testing.synth(chart);
    expect(manifest).toEqual({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'ClusterBuilder',
      metadata: { name: 'default' },
      spec: {
        tag: 'registry.example.com/builders/default',
        stack: { name: 'base', kind: 'ClusterStack' },
        store: { name: 'default', kind: 'ClusterStore' },
        order: [
          { group: [{ id: 'paketo-buildpacks/java' }] },
          { group: [{ id: 'paketo-buildpacks/go' }, { id: 'paketo-buildpacks/procfile', optional: true }] },
        ],
        serviceAccountRef: { name: 'builder', namespace: 'kpack' },
      },
    });
    expect(manifest).toMatchSnapshot();
  });

  test('with no group, or an empty group from addGroup(), can never build: the synth fails', () => {
    // GIVEN
    const chart = Testing.chart();
    const refs = fixtures(chart);
    const none = new ClusterBuilder(chart, 'none', { tag: 'registry.example.com/none', ...refs });
    const empty = new ClusterBuilder(chart, 'empty', { tag: 'registry.example.com/empty', ...refs, order: GO });

    // WHEN
    empty.addGroup();

    // THEN
    expect(none.node.path).toBe('test/none');
    expect(validationErrors(chart)).toEqual([
      '[test/none] the order is empty: order\nhint: every build with this builder would fail detection: add a group of buildpacks (addGroup())',
      '[test/empty] the group has no buildpacks: order[1].group\nhint: a group with no buildpacks detects nothing: list its buildpacks, or leave the group out',
    ]);
  });

  test('is cluster-scoped: the chart namespace is left out', () => {
    const chart = new Chart(Testing.app(), 'builders', { namespace: 'kpack' });
    new ClusterBuilder(chart, 'builder', { tag: 'registry.example.com/builder', ...fixtures(chart), order: GO });
    expect(Testing.synth(chart)[0].metadata.namespace).toBeUndefined();
  });

  test('kpack rejects a service account without a namespace, alone, before any other problem', () => {
    // GIVEN a service account in a chart without namespace
    const chart = Testing.chart();
    const serviceAccount = new kplus.ServiceAccount(chart, 'builder-sa', { metadata: { name: 'builder' } });

    // WHEN
    new ClusterBuilder(chart, 'builder', { ...fixtures(chart), serviceAccount, tag: '' });

    // THEN
    expect(validationErrors(chart)).toEqual(['[test/builder] missing field(s): spec.serviceAccountRef.namespace\nhint: give the ServiceAccount a namespace (in its metadata, or in its chart)']);
  });

  test('kpack rejects a malformed tag, with ClusterBuilder paths printed without spec.', () => {
    const chart = Testing.chart();
    new ClusterBuilder(chart, 'builder', { ...fixtures(chart), tag: 'Registry.example.com/Builder', order: GO });
    expect(validationErrors(chart)).toEqual([
      '[test/builder] invalid value: Registry.example.com/Builder: tag\nhint: repository names must be lowercase',
    ]);
  });

  test('kpack rejects a stack or store of the wrong kind', () => {
    const chart = Testing.chart();
    const { stack, store, serviceAccount } = fixtures(chart);
    // @ts-expect-error a store is not a stack, nor a stack a store (checked at synth for JavaScript callers)
    new ClusterBuilder(chart, 'builder', { tag: 'registry.example.com/builder', stack: store, store: stack, serviceAccount, order: GO });
    expect(validationErrors(chart)).toEqual([
      '[test/builder] invalid value: ClusterStack: store.kind\nmust be one of ClusterStore',
      '[test/builder] invalid value: ClusterStore: stack.kind',
    ]);
  });

  test('fromClusterBuilderName references a builder by name', () => {
    const builder = ClusterBuilder.fromClusterBuilderName(Testing.chart(), 'builder', 'default');
    expect([builder.name, builder.kind, builder.apiVersion]).toEqual(['default', 'ClusterBuilder', 'kpack.io/v1alpha2']);
  });

  test('its ApiObject is the default child', () => {
    const chart = Testing.chart();
    expect(ApiObject.of(new ClusterBuilder(chart, 'builder', { tag: 'r.example.com/b', ...fixtures(chart) })).kind).toBe('ClusterBuilder');
  });
});

describe('ClusterBuilder lifecycle, labels and buildpack resources', () => {
  test('renders the lifecycle, additional labels, and order entries by name and kind', () => {
    // GIVEN
    const chart = Testing.chart();
    const java = new ClusterBuildpack(chart, 'java', { metadata: { name: 'java' }, image: 'paketobuildpacks/java:15.3.0' });

    // WHEN
    const builder = new ClusterBuilder(chart, 'builder', {
      tag: 'registry.example.com/builders/java',
      ...fixtures(chart),
      lifecycle: ClusterLifecycle.fromClusterLifecycleName(chart, 'lifecycle', 'lifecycle-0-20'),
      additionalLabels: { 'org.opencontainers.image.vendor': 'Example' },
    });
    builder.addGroup(BuildpackRef.fromBuildpack(java, { id: 'paketo-buildpacks/bellsoft-liberica', version: '10.2.0', optional: true }));
    builder.addGroup(BuildpackRef.fromBuildpack(ClusterBuildpack.fromClusterBuildpackName(chart, 'node', 'nodejs')));

    // THEN
    const { spec } = Testing.synth(chart).find(o => o.kind === 'ClusterBuilder')!;
    expect(spec.lifecycle).toEqual({ name: 'lifecycle-0-20', kind: 'ClusterLifecycle' });
    expect(spec.additionalLabels).toEqual({ 'org.opencontainers.image.vendor': 'Example' });
    expect(spec.order).toEqual([
      { group: [{ name: 'java', kind: 'ClusterBuildpack', id: 'paketo-buildpacks/bellsoft-liberica', version: '10.2.0', optional: true }] },
      { group: [{ name: 'nodejs', kind: 'ClusterBuildpack' }] },
    ]);
    expect(validationErrors(chart)).toEqual([]);
  });
});

describe('a namespaced Buildpack', () => {
  test('serves a namespaced Builder, not a ClusterBuilder', () => {
    const chart = Testing.chart();
    const go = Buildpack.fromBuildpackName(chart, 'go', 'go');
    new NamespacedBuilder(chart, 'builder', { tag: 'r.example.com/builder', stack: ClusterStack.fromClusterStackName(chart, 'base-stack', 'base') })
      .addGroup(BuildpackRef.fromBuildpack(go));
    const cluster = new ClusterBuilder(chart, 'cluster', { tag: 'r.example.com/builder', ...fixtures(chart) });
    cluster.addGroup(BuildpackRef.fromBuildpack(go));
    expect(validationErrors(chart)).toEqual([
      '[test/cluster] invalid value: Buildpack: order[0].group[0].kind\nmust be one of ClusterBuildpack\nhint: a ClusterBuilder serves every namespace: use a ClusterBuildpack',
    ]);
  });
});

describe('the order against the store', () => {
  function storeWith(chart: Chart) {
    const store = new ClusterStore(chart, 'known-store', { metadata: { name: 'default' } });
    store.addSource('paketobuildpacks/go', { buildpackIds: ['paketo-buildpacks/go', 'paketo-buildpacks/go-build'] });
    return store;
  }

  test('a buildpack id the store does not provide fails, naming what it provides', () => {
    const chart = Testing.chart();
    const builder = new ClusterBuilder(chart, 'builder', { tag: 'r.example.com/builder', ...fixtures(chart), store: storeWith(chart) });
    builder.addGroup(BuildpackRef.id('paketo-buildpacks/go'), BuildpackRef.id('paketo-buildpacks/python'));
    expect(validationErrors(chart)).toEqual([
      '[test/builder] buildpack paketo-buildpacks/python is not in store "default", which provides paketo-buildpacks/go, paketo-buildpacks/go-build: order[0].group[1].id\n' +
      'hint: add the buildpackage that holds it to the store (addSource), or reference a ClusterBuildpack',
    ]);
  });

  test('is not checked when a source does not say what it holds', () => {
    const chart = Testing.chart();
    const store = storeWith(chart);
    store.addSource('paketobuildpacks/python');
    const builder = new ClusterBuilder(chart, 'builder', { tag: 'r.example.com/builder', ...fixtures(chart), store });
    builder.addGroup(BuildpackRef.id('paketo-buildpacks/python'));
    expect(validationErrors(chart)).toEqual([]);
  });
});

describe('Builder', () => {
  test('renders a namespaced builder with a service account name', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'team', { namespace: 'team-a' });
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builder' } });

    // WHEN
    const builder = new NamespacedBuilder(chart, 'builder', {
      metadata: { name: 'team-builder' },
      tag: 'registry.example.com/team-a/builder',
      stack: ClusterStack.fromClusterStackName(chart, 'stack', 'base'),
      serviceAccount,
    });
    builder.addGroup(BuildpackRef.id('paketo-buildpacks/nodejs'));

    // THEN
    const manifest = Testing.synth(chart).find(o => o.kind === 'Builder');
    expect(manifest).toEqual({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Builder',
      metadata: { name: 'team-builder', namespace: 'team-a' },
      spec: {
        tag: 'registry.example.com/team-a/builder',
        stack: { name: 'base', kind: 'ClusterStack' },
        order: [{ group: [{ id: 'paketo-buildpacks/nodejs' }] }],
        serviceAccountName: 'builder',
      },
    });
  });

  test('kpack rejects a missing tag, with the spec. prefix a namespaced Builder prints', () => {
    const chart = Testing.chart();
    new NamespacedBuilder(chart, 'builder', { tag: '', stack: ClusterStack.fromClusterStackName(chart, 'stack', 'base'), order: GO });
    expect(validationErrors(chart)).toEqual(['[test/builder] missing field(s): spec.tag']);
  });

  test('a service account in another namespace fails: kpack looks it up in the Builder\'s', () => {
    // GIVEN
    const app = Testing.app();
    const serviceAccount = new kplus.ServiceAccount(new Chart(app, 'accounts', { namespace: 'ci' }), 'sa', { metadata: { name: 'builder' } });
    const chart = new Chart(app, 'team', { namespace: 'team-a' });

    // WHEN
    new NamespacedBuilder(chart, 'builder', { tag: 'registry.example.com/team-a/builder', stack: ClusterStack.fromClusterStackName(chart, 'stack', 'base'), serviceAccount, order: GO });

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[team/builder] service account "builder" is in namespace ci, the Builder in team-a: spec.serviceAccountName\n' +
      'hint: kpack looks the service account up in the Builder\'s namespace: define both in the same namespace',
    ]);
  });

  test('fromBuilderName references a builder by name', () => {
    expect(NamespacedBuilder.fromBuilderName(Testing.chart(), 'builder', 'team').kind).toBe('Builder');
  });
});
