import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseObjects, PUBLISHED_RELEASES, renderRelease } from '../scripts/render-kpack-release';
import { BuildImage, ClusterBuilder, Kpack, KpackCrds, KpackVersion, legacy, Source } from '../src';
import { findObject, FIXTURES, Manifest, objectKey, readManifests, validationErrors, warningsUnder } from './util';
import { legacyInstallWarning, takeWarnings } from './warnings';

const ASSETS = path.join(__dirname, '..', 'assets', 'kpack');

function synthInstall(version?: KpackVersion): Manifest[] {
  const chart = Testing.chart();
  new Kpack(chart, 'kpack', { version });
  return Testing.synth(chart);
}

describe('Kpack', () => {
  test.each([
    ['V0_0_8', KpackVersion.V0_0_8, 'release-0.0.8.yaml', 22],
    ['V0_17_2', KpackVersion.V0_17_2, 'release-0.17.2.yaml', 38],
    ['V0_18_0', KpackVersion.V0_18_0, 'release-0.18.0.yaml', 38],
  ])('%s emits the published release object for object, in order', (_name, version, file, count) => {
    // GIVEN
    const upstream = readManifests(path.join(ASSETS, file));

    // WHEN
    const synthesized = synthInstall(version);

    // THEN
    expect(upstream).toHaveLength(count);
    expect(synthesized.map(objectKey)).toEqual(upstream.map(objectKey));
    expect(synthesized).toEqual(upstream);
    expect(takeWarnings()).toEqual(version === KpackVersion.V0_0_8 ? [legacyInstallWarning('test/kpack')] : []);
  });

  test('the vendored v0.0.8 release is the upstream asset, byte for byte', () => {
    // md5 recorded in assets/kpack/README.md from two independent vendorings of the GitHub asset.
    const md5 = createHash('md5').update(fs.readFileSync(path.join(ASSETS, 'release-0.0.8.yaml'))).digest('hex');
    expect(md5).toBe('2644ec1be5ce894b43c1a442819b5dae');
  });

  test.each([
    ['release-0.17.2.yaml', '6e3ed15d7a4fa4dec8fc95c7ece023c9951724b840a9c5cb536cf662c0bbdf8d'],
    ['release-0.18.0.yaml', 'cde8b7df8d31d6a5758ec4880eec45009f17811baf3df5a29b76a144fe200e69'],
  ])('the vendored %s is the published asset, byte for byte', (file, sha256) => {
    // sha256 recorded in assets/kpack/README.md.
    expect(createHash('sha256').update(fs.readFileSync(path.join(ASSETS, file))).digest('hex')).toBe(sha256);
  });

  test('installs kpack v0.18.0 by default', () => {
    const chart = Testing.chart();
    const kpack = new Kpack(chart, 'kpack');
    expect(kpack.version).toBe(KpackVersion.V0_18_0);
    expect(kpack.version.version).toBe('0.18.0');
    expect(kpack.version.apiVersion).toBe('kpack.io/v1alpha2');
    expect(kpack.version.minKubernetesVersion).toBe('1.32.0');
    expect(Testing.synth(chart)).toEqual(synthInstall(KpackVersion.V0_18_0));
  });

  test.each([
    ['V0_17_2', KpackVersion.V0_17_2, '0.17.2', '9e79a75cdd70419b9ccdce1a4fe09cae7e580d8ab7ca08c094bae4c6f19cf648', '7a5947a67ab3c01814fe146297cb8aae98c282449202cbf3db19be21fd568284'],
    ['V0_18_0', KpackVersion.V0_18_0, '0.18.0', 'e569159f863d563449fe6456f35f27677776d6bba5674eaa62ce39e2bfec70bb', 'cbb03f9ef71e9b80416445cfee8b6869805e98924090c49ee03404daa73bab3a'],
  ])('%s runs the GHCR images pinned by the published digests, and labels its pods with the version', (_name, version, label, controllerDigest, lifecycleDigest) => {
    const objects = synthInstall(version);
    const controller = objects.find(o => o.kind === 'Deployment' && o.metadata.name === 'kpack-controller')!;
    expect(controller.spec.template.spec.containers[0].image).toBe(`ghcr.io/buildpacks-community/kpack/controller@sha256:${controllerDigest}`);
    expect(controller.spec.template.metadata.labels.version).toBe(label);
    const lifecycle = objects.find(o => o.kind === 'ClusterLifecycle')!;
    expect(lifecycle).toEqual({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'ClusterLifecycle',
      metadata: { name: 'default-lifecycle' },
      spec: { image: `ghcr.io/buildpacks-community/kpack/lifecycle@sha256:${lifecycleDigest}` },
    });
    const images = objects.filter(o => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-image')).map(o => o.data.image);
    expect(images.map((image: string) => image.replace(/@sha256:[0-9a-f]{64}$/, '@…'))).toEqual([
      'ghcr.io/buildpacks-community/kpack/build-init@…',
      'ghcr.io/buildpacks-community/kpack/build-waiter@…',
      'ghcr.io/buildpacks-community/kpack/rebase@…',
      'ghcr.io/buildpacks-community/kpack/completion@…',
    ]);
  });

  test('a namespaced chart moves the install into its namespace, as the namespace prop does', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'install', { namespace: 'build-system' });

    // WHEN
    const kpack = new Kpack(chart, 'kpack');

    // THEN
    expect(kpack.namespace).toBe('build-system');
    const objects = Testing.synth(chart);
    const withProp = Testing.chart();
    new Kpack(withProp, 'kpack', { namespace: 'build-system' });
    expect(objects).toEqual(Testing.synth(withProp));
    // every reference moved: service accounts, RBAC subjects, the webhook Service of the webhook configurations and the CRD conversion
    expect(findObject(objects, 'Namespace').metadata.name).toBe('build-system');
    expect(findObject(objects, 'ServiceAccount', 'controller').metadata.namespace).toBe('build-system');
    expect(JSON.stringify(objects)).not.toMatch(/"namespace":"kpack"/);
    expect(findObject(objects, 'MutatingWebhookConfiguration').webhooks[0].clientConfig.service.namespace).toBe('build-system');
    expect(findObject(objects, 'CustomResourceDefinition', 'images.kpack.io').spec.conversion.webhook.clientConfig.service.namespace).toBe('build-system');
    expect(objects.filter(o => o.kind.endsWith('RoleBinding')).flatMap(o => o.subjects.map((s: Manifest) => s.namespace))).toEqual(
      expect.arrayContaining(['build-system']));
    expect(objects.find(o => o.kind === 'CustomResourceDefinition')!.metadata.namespace).toBeUndefined();
  });

  test('the namespace prop wins over the chart\'s', () => {
    const chart = new Chart(Testing.app(), 'install', { namespace: 'apps' });
    const kpack = new Kpack(chart, 'kpack', { namespace: 'kpack' });
    expect(kpack.namespace).toBe('kpack');
    expect(Testing.synth(chart)).toEqual(synthInstall());
  });

  test('apiObjects lists the install in manifest order, and is a copy', () => {
    const chart = Testing.chart();
    const kpack = new Kpack(chart, 'kpack', { version: KpackVersion.V0_0_8 });
    expect(kpack.apiObjects.map(o => `${o.kind}/${o.name}`)).toEqual(
      readManifests(path.join(ASSETS, 'release-0.0.8.yaml')).map(o => `${o.kind}/${o.metadata.name}`));
    kpack.apiObjects.pop();
    expect(kpack.apiObjects).toHaveLength(22);
    expect(kpack.apiObjects[0]).toBeInstanceOf(ApiObject);
  });

  test('parses each release once per process, however many installs', () => {
    // GIVEN
    const first = KpackVersion.V0_17_2._objects();

    // WHEN
    new Kpack(Testing.chart(), 'one');
    new Kpack(Testing.chart(), 'two');

    // THEN
    expect(KpackVersion.V0_17_2._objects()).toBe(first);
    expect(Object.isFrozen(first[0])).toBe(true);
  });

  test('warns that kpack v0.0.8 needs Kubernetes 1.21 or older', () => {
    const chart = Testing.chart();
    new Kpack(chart, 'kpack', { version: KpackVersion.V0_0_8 });
    expect(warningsUnder(chart)).toEqual([expect.stringMatching(/removed in 1\.22: it only installs on Kubernetes 1\.21 or older/)]);
    // The published releases pin every image: nothing to warn about.
    expect(warningsUnder(synthChartWith(KpackVersion.V0_17_2))).toEqual([]);
    expect(warningsUnder(synthChartWith(KpackVersion.V0_18_0))).toEqual([]);
  });

  describe('one API generation per chart', () => {
    test('a v0.0.8 install with kpack.io resources fails, naming them', () => {
      // GIVEN
      const chart = Testing.chart();
      new Kpack(chart, 'kpack', { version: KpackVersion.V0_0_8 });

      // WHEN
      new BuildImage(chart, 'app', {
        tag: 'registry.example.com/app',
        serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds'),
        builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
        source: Source.git('https://github.com/example/app', { revision: 'main' }),
      });

      // THEN
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] this chart installs kpack 0.0.8, which serves build.pivotal.io/v1alpha1, but also defines test/app (kpack.io/v1alpha2 Image)\n' +
        'hint: kpack v0.0.8 serves only build.pivotal.io (use the legacy.* constructs); kpack v0.17 and later serve kpack.io (use the constructs at the package root)',
      ]);
      expect(takeWarnings()).toEqual([legacyInstallWarning('test/kpack')]);
    });

    test('a v0.17 install with build.pivotal.io resources fails', () => {
      const chart = Testing.chart();
      new Kpack(chart, 'kpack');
      new legacy.ClusterBuilder(chart, 'builder', { image: 'gcr.io/paketo-buildpacks/builder:base' });
      expect(validationErrors(chart)).toEqual([
        expect.stringMatching(/^\[test\/kpack\] this chart installs kpack 0\.18\.0, which serves kpack\.io\/v1alpha2, but also defines test\/builder \(build\.pivotal\.io\/v1alpha1 ClusterBuilder\)/),
      ]);
    });

    test('an install and resources of the same generation are fine, in one chart or in two', () => {
      const chart = Testing.chart();
      new Kpack(chart, 'kpack', { version: KpackVersion.V0_0_8 });
      new legacy.ClusterBuilder(chart, 'builder', { image: 'gcr.io/paketo-buildpacks/builder:base' });
      const other = new Chart(Testing.app(), 'other');
      new Kpack(other, 'kpack');
      expect(validationErrors(chart)).toEqual([]);
      expect(validationErrors(other)).toEqual([]);
      expect(takeWarnings()).toEqual([legacyInstallWarning('test/kpack')]);
    });
  });
});

describe('Kpack structuralSchemas', () => {
  const kinds = ['Build', 'Builder', 'Buildpack', 'ClusterBuilder', 'ClusterBuildpack', 'ClusterLifecycle', 'ClusterStack', 'ClusterStore', 'Image', 'SourceResolver'];

  test('gives every kpack.io CRD the structural schema of its v1alpha2 version, and changes nothing else', () => {
    // GIVEN
    const chart = Testing.chart();
    const schemas = JSON.parse(fs.readFileSync(path.join(ASSETS, 'schemas-v1alpha2.json'), 'utf8'));

    // WHEN
    new Kpack(chart, 'kpack', { structuralSchemas: true });

    // THEN
    const objects = Testing.synth(chart);
    const upstream = synthInstall(KpackVersion.V0_18_0);
    const crds = objects.filter(o => o.kind === 'CustomResourceDefinition');
    expect(crds.map(crd => crd.spec.names.kind).sort()).toEqual(kinds);
    for (const crd of crds) {
      const v1alpha2 = crd.spec.versions.find((v: Manifest) => v.name === 'v1alpha2');
      expect(v1alpha2.schema.openAPIV3Schema).toEqual(schemas[crd.spec.names.kind]);
      const before = upstream.find(o => o.metadata.name === crd.metadata.name)!;
      const withoutSchema = (o: Manifest) => ({ ...o, spec: { ...o.spec, versions: o.spec.versions.map((v: Manifest) => v.name === 'v1alpha2' ? { ...v, schema: undefined } : v) } });
      expect(withoutSchema(crd)).toEqual(withoutSchema(before));
      // v1alpha1 (still served, converted by kpack's webhook) keeps upstream's open schema
      expect(crd.spec.versions.filter((v: Manifest) => v.name === 'v1alpha1').map((v: Manifest) => v.schema.openAPIV3Schema))
        .toEqual(before.spec.versions.filter((v: Manifest) => v.name === 'v1alpha1').map((v: Manifest) => v.schema.openAPIV3Schema));
    }
    expect(objects.filter(o => o.kind !== 'CustomResourceDefinition')).toEqual(upstream.filter(o => o.kind !== 'CustomResourceDefinition'));
  });

  test('is kpack v0.17 only', () => {
    const chart = Testing.chart();
    new Kpack(chart, 'kpack', { version: KpackVersion.V0_0_8, structuralSchemas: true });
    expect(validationErrors(chart)).toEqual(['[test/kpack] invalid value: true: structuralSchemas\nhint: kpack 0.0.8 has no kpack.io/v1alpha2 CRDs to carry the schemas']);
    expect(takeWarnings()).toEqual([legacyInstallWarning('test/kpack')]);
  });

  test('on an install without the CRDs does nothing, and fails', () => {
    const chart = Testing.chart();
    new Kpack(chart, 'kpack', { crds: KpackCrds.EXCLUDE, structuralSchemas: true });
    expect(validationErrors(chart)).toEqual([
      '[test/kpack] has no effect on an install without the CRDs: structuralSchemas\nhint: set it on the install that writes the CRDs (crds: KpackCrds.ONLY or INCLUDE)',
    ]);
  });
});

describe('the published release assets', () => {
  test.each(PUBLISHED_RELEASES.map(release => [path.basename(release.file), release]))(
    '%s is what scripts/render-kpack-release.ts renders from kpack\'s templates with its digests, in order', (_file, release) => {
      const rendered = parseObjects(renderRelease(release.render));
      const vendored = parseObjects(fs.readFileSync(release.file, 'utf8'));
      // Key order too: the published file is ytt's output of the same templates.
      expect(JSON.stringify(rendered)).toBe(JSON.stringify(vendored));
    });

  test('v0.18.0 differs from v0.17.2 only in its seven image digests and the pods\' version label', () => {
    const [v17, v18] = ['release-0.17.2.yaml', 'release-0.18.0.yaml'].map(file => readManifests(path.join(ASSETS, file)));
    const strip = (objects: Manifest[]) => JSON.parse(JSON.stringify(objects)
      .replace(/@sha256:[0-9a-f]{64}/g, '@-').replace(/"version":"0\.1[78]\.[02]"/g, '"version":"-"'));
    expect(strip(v18)).toEqual(strip(v17));
    const digests = (objects: Manifest[]) => new Set(JSON.stringify(objects).match(/@sha256:[0-9a-f]{64}/g));
    expect(digests(v17).size).toBe(7);
    expect([...digests(v18)].filter(d => digests(v17).has(d))).toEqual([]);
  });

  test('differs from the published v0.15.0 release only where kpack\'s history says it does', () => {
    // GIVEN
    const before = new Map(readManifests(path.join(FIXTURES, 'kpack', 'release-0.15.0.yaml')).map(o => [objectKey(o), o]));
    const after = new Map(readManifests(path.join(ASSETS, 'release-0.17.2.yaml')).map(o => [objectKey(o), o]));

    // WHEN
    const removed = [...before.keys()].filter(k => !after.has(k));
    const added = [...after.keys()].filter(k => !before.has(k));
    const changed = [...before.keys()].filter(k => after.has(k) && JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)));

    // THEN: Windows images and the lifecycle-image ConfigMap dropped, ClusterLifecycle added (kpack #1834, #1849)
    expect(removed.sort()).toEqual([
      'ConfigMap/kpack/build-init-windows-image',
      'ConfigMap/kpack/completion-windows-image',
      'ConfigMap/kpack/lifecycle-image',
    ]);
    expect(added.sort()).toEqual(['ClusterLifecycle//default-lifecycle', 'CustomResourceDefinition//clusterlifecycles.kpack.io']);
    // images moved to GHCR (kpack #1853), the role learnt clusterlifecycles
    expect(changed.sort()).toEqual([
      'ClusterRole//kpack-controller-admin',
      'ConfigMap/kpack/build-init-image',
      'ConfigMap/kpack/build-waiter-image',
      'ConfigMap/kpack/completion-image',
      'ConfigMap/kpack/rebase-image',
      'Deployment/kpack/kpack-controller',
      'Deployment/kpack/kpack-webhook',
    ]);
    const role = (key: Map<string, Manifest>) => key.get('ClusterRole//kpack-controller-admin')!.rules[0].resources;
    expect(role(after).filter((r: string) => !role(before).includes(r))).toEqual(['clusterlifecycles', 'clusterlifecycles/status']);
    const controller = (objects: Map<string, Manifest>) => objects.get('Deployment/kpack/kpack-controller')!;
    const stripImages = (d: Manifest) => JSON.parse(JSON.stringify(d)
      .replace(/"image":"[^"]*"/g, '"image":"-"').replace(/"version":"[^"]*"/g, '"version":"-"'));
    const envBefore = controller(before).spec.template.spec.containers[0].env.map((e: Manifest) => e.name);
    expect(envBefore.filter((n: string) => n.includes('WINDOWS'))).toEqual(['BUILD_INIT_WINDOWS_IMAGE', 'COMPLETION_WINDOWS_IMAGE']);
    const withoutWindows = stripImages(controller(before));
    withoutWindows.spec.template.spec.containers[0].env = withoutWindows.spec.template.spec.containers[0].env
      .filter((e: Manifest) => !e.name.includes('WINDOWS'));
    expect(stripImages(controller(after))).toEqual(withoutWindows);
    expect(stripImages(after.get('Deployment/kpack/kpack-webhook')!)).toEqual(stripImages(before.get('Deployment/kpack/kpack-webhook')!));
  });
});

function synthChartWith(version: KpackVersion): Chart {
  const chart = Testing.chart();
  new Kpack(chart, 'kpack', { version });
  Testing.synth(chart);
  return chart;
}
