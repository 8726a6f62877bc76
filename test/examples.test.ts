import { App, Chart, Testing } from 'cdk8s';
import { coreErrors, findObject, Manifest, schemaErrors, validationErrors } from './util';
import { caCertificatesWarning, takeWarnings } from './warnings';
import { EXAMPLE_CHARTS as EXAMPLES } from '../scripts/synth-examples';

/** What each example warns at synth (none unless listed). */
const WARNINGS: Record<string, string[]> = {
  'authenticated-mirror': [caCertificatesWarning('authenticated-mirror/kpack')],
};


function synth(create: (app: App) => Chart): Manifest[] {
  return Testing.synth(create(Testing.app()));
}

describe.each(EXAMPLES)('example %s', (name, create) => {
  test('synthesizes without a validation error, and matches its snapshot', () => {
    const chart = create(Testing.app());
    expect(validationErrors(chart)).toEqual([]);
    expect(Testing.synth(chart)).toMatchSnapshot();
    expect(takeWarnings()).toEqual(WARNINGS[name] ?? []);
  });

  test('writes kpack objects the structural schemas accept, and valid core objects', () => {
    for (const object of synth(create)) {
      expect({ object: `${object.kind}/${object.metadata.name}`, errors: schemaErrors(object) ?? coreErrors(object) ?? [] })
        .toEqual({ object: `${object.kind}/${object.metadata.name}`, errors: [] });
    }
    expect(takeWarnings()).toEqual(WARNINGS[name] ?? []);
  });
});

describe('what each example shows', () => {
  test('git-ssh: an ssh source, with the deploy key on the service account', () => {
    const objects = synth(EXAMPLES[0][1]);
    expect(findObject(objects, 'Image').spec.source).toEqual({ git: { url: 'git@github.com:example/private-api.git', revision: 'main' }, subPath: 'services/api' });
    expect(findObject(objects, 'ServiceAccount').secrets).toEqual([{ name: 'github-deploy-key' }, { name: 'registry-credentials' }]);
  });

  test('blob-source: a blob with strip components and secret auth', () => {
    expect(findObject(synth(EXAMPLES[1][1]), 'Image').spec.source.blob)
      .toEqual({ url: 'https://storage.example.com/releases/report-1.4.2.tar.gz', stripComponents: 1, auth: 'secret' });
  });

  test('registry-source: an image source with its pull secret', () => {
    expect(findObject(synth(EXAMPLES[2][1]), 'Image').spec.source.registry)
      .toEqual({ image: 'registry.example.com/sources/worker:1.0.3', imagePullSecrets: [{ name: 'source-pull-secret' }] });
  });

  test('custom-builder: two groups, one from a ClusterBuildpack', () => {
    const builder = findObject(synth(EXAMPLES[3][1]), 'ClusterBuilder');
    expect(builder.spec.order).toEqual([
      { group: [{ id: 'paketo-buildpacks/java' }] },
      { group: [{ name: 'nodejs', kind: 'ClusterBuildpack' }, { id: 'paketo-buildpacks/procfile', version: '5.10.0', optional: true }] },
    ]);
    expect(builder.spec.lifecycle).toEqual({ name: 'lifecycle-0-20', kind: 'ClusterLifecycle' });
  });

  test('signed-image: cosign annotations, and the key on the service account', () => {
    const objects = synth(EXAMPLES[4][1]);
    expect(findObject(objects, 'Image').spec.cosign.annotations).toHaveLength(2);
    expect(findObject(objects, 'ServiceAccount').secrets).toContainEqual({ name: 'cosign-key' });
  });

  test('standalone-build: resources, node placement and a timeout', () => {
    const { spec } = findObject(synth(EXAMPLES[5][1]), 'Build');
    expect(spec.resources).toEqual({ requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    expect(spec.nodeSelector).toEqual({ 'node.example.com/pool': 'builds' });
    expect(spec.activeDeadlineSeconds).toBe(1800);
  });

  test('authenticated-mirror: the install pulls from the mirror with its login, and the builds use the same login', () => {
    const install = synth(EXAMPLES[6][1]);
    expect(takeWarnings()).toEqual([caCertificatesWarning('authenticated-mirror/kpack')]);
    expect(install.some(o => o.kind === 'CustomResourceDefinition')).toBe(false);
    expect(findObject(install, 'ServiceAccount', 'controller').imagePullSecrets).toEqual([{ name: 'harbor-login' }]);
    expect(findObject(install, 'ServiceAccount', 'webhook').imagePullSecrets).toEqual([{ name: 'harbor-login' }]);
    expect(findObject(install, 'ClusterLifecycle').spec.serviceAccountRef).toEqual({ name: 'controller', namespace: 'kpack' });
    expect(findObject(install, 'ClusterLifecycle').spec.image).toMatch(/^harbor\.example\.com\/kpack\/lifecycle@sha256:[0-9a-f]{64}$/);
    expect(findObject(install, 'Deployment', 'kpack-webhook').spec.template.spec.containers[0].image).toMatch(/^harbor\.example\.com\/kpack\/webhook@sha256:/);
    expect(findObject(install, 'Secret', 'ca-certificates').type).toBe('servicebinding.io/ca-certificates');
    const builds = synth(EXAMPLES[7][1]);
    expect(findObject(builds, 'ServiceAccount', 'builds')).toEqual(expect.objectContaining({
      secrets: [{ name: 'harbor-login' }], imagePullSecrets: [{ name: 'harbor-login' }],
    }));
    expect(findObject(builds, 'ClusterStack').spec.serviceAccountRef).toEqual({ name: 'builds', namespace: 'apps' });
  });
});
