import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Cpu } from 'cdk8s-plus-27';
import {
  CaCertificates, CredentialKind, ImageLock, Kpack, KpackCrds, KpackProps, KpackPullSecret, KpackVersion, RegistryCredentials,
} from '../src';
import { FIXTURES, findObject, Manifest, objectKey, readManifests, validationErrors, warningsUnder } from './util';
import { caCertificatesWarning, legacyInstallWarning, literalCredentialsWarning, takeWarnings } from './warnings';

// Two self-signed CA certificates (their keys were thrown away), as a PEM bundle.
const BUNDLE = fs.readFileSync(path.join(FIXTURES, 'ca', 'bundle.pem'), 'utf8');
const [CERT_ONE, CERT_TWO] = BUNDLE.split(/(?<=-----END CERTIFICATE-----\n)/);
const ASSETS = path.join(__dirname, '..', 'assets', 'kpack');
const RELEASE = {
  V0_0_8: readManifests(path.join(ASSETS, 'release-0.0.8.yaml')),
  V0_17_2: readManifests(path.join(ASSETS, 'release-0.17.2.yaml')),
  V0_18_0: readManifests(path.join(ASSETS, 'release-0.18.0.yaml')),
};
const CONTROLLER = 'Deployment/kpack/kpack-controller';
const WEBHOOK = 'Deployment/kpack/kpack-webhook';
const GHCR = 'ghcr.io/buildpacks-community/kpack';
const DIGEST = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
/** The digests kpack v0.18.0's release file pins, by component. */
const PUBLISHED: { [component: string]: string } = {
  'controller': 'sha256:e569159f863d563449fe6456f35f27677776d6bba5674eaa62ce39e2bfec70bb',
  'webhook': 'sha256:ff74b79509481474fbc90bb13eeba0163e042038df154eb1c439ef2194f4a029',
  'build-init': 'sha256:759d5a326c77a83066ca718826f102449c6dac7b7a8ec19a8ae116058a111cab',
  'build-waiter': 'sha256:a3220465f0a7b523073e9d96738fc9b1114d842d1846b5a38e1f1a245cb8bc85',
  'rebase': 'sha256:3b455a140c8e4698470517af16f5740e5975c419fd162910bad129b5474181b1',
  'completion': 'sha256:544722e901cc6fb81b3293909d4ac058f48bcc90314bf2bebd1d24d426519fd6',
  'lifecycle': 'sha256:cbb03f9ef71e9b80416445cfee8b6869805e98924090c49ee03404daa73bab3a',
};

/** Synthesizes an install with the given props, in a chart of its own. */
function render(props: KpackProps = {}): Manifest[] {
  const chart = Testing.chart();
  new Kpack(chart, 'kpack', props);
  return Testing.synth(chart);
}

/** An install's chart and construct, not yet synthesized. */
function install(props: KpackProps = {}): { chart: Chart; kpack: Kpack } {
  const chart = Testing.chart();
  return { chart, kpack: new Kpack(chart, 'kpack', props) };
}

/**
 * Every leaf that differs between two renders, as `kind/namespace/name path`: an object only in
 * `after` is `+key`, only in `before` `-key`.
 */
function changedPaths(before: Manifest[], after: Manifest[]): string[] {
  const left = new Map(before.map(o => [objectKey(o), o]));
  const right = new Map(after.map(o => [objectKey(o), o]));
  const paths: string[] = [];
  for (const [key, object] of right) {
    if (!left.has(key)) {
      paths.push(`+${key}`);
    } else {
      diff(left.get(key), object, '', p => paths.push(`${key} ${p}`));
    }
  }
  for (const key of left.keys()) {
    if (!right.has(key)) {
      paths.push(`-${key}`);
    }
  }
  return paths.sort();
}

function diff(a: any, b: any, at: string, report: (path: string) => void): void {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      diff(a[key], b[key], Array.isArray(a) ? `${at}[${key}]` : at === '' ? key : `${at}.${key}`, report);
    }
  } else if (a !== b) {
    report(at);
  }
}

/** What an option changes, compared with the default render of the same version. */
function changes(props: KpackProps): string[] {
  return changedPaths(render({ version: props.version }), render(props));
}

const LEGACY = legacyInstallWarning('test/kpack');
const CA = caCertificatesWarning('test/kpack');
/** The warning of an install with one image left a tag reference. */
const tagWarning = (image: string) => '[test/kpack] warning: 1 kpack image is a tag reference without a digest, so what runs can change '
  + `under the same tag: ${image}. Pin them with imageLock (see docs/install.md)`;

const controller = (objects: Manifest[]) => findObject(objects, 'Deployment', 'kpack-controller');
const webhook = (objects: Manifest[]) => findObject(objects, 'Deployment', 'kpack-webhook');
const env = (deployment: Manifest) => deployment.spec.template.spec.containers[0].env as Manifest[];


describe('Kpack options', () => {
  test.each([['V0_0_8', KpackVersion.V0_0_8], ['V0_17_2', KpackVersion.V0_17_2], ['V0_18_0', KpackVersion.V0_18_0]])(
    '%s: props that restate the defaults change nothing', (name, version) => {
      // WHEN
      const objects = render({
        version,
        namespace: 'kpack',
        crds: KpackCrds.INCLUDE,
        imageLock: ImageLock.fromDigests({}),
        controller: {},
        webhook: {},
        imageOverrides: {},
      });

      // THEN
      expect(objects).toEqual(RELEASE[name as keyof typeof RELEASE]);
      expect(takeWarnings()).toEqual(version === KpackVersion.V0_0_8 ? [LEGACY] : []);
    });

  test('options never change the release objects cached for the process', () => {
    // GIVEN
    const cached = JSON.stringify(KpackVersion.V0_18_0._objects());

    // WHEN
    render({
      namespace: 'builds',
      imageRegistry: 'registry.example.com/kpack',
      caCertificates: CaCertificates.fromPem(BUNDLE),
      proxy: { httpsProxy: 'http://proxy:3128', noProxy: ['.svc'] },
      controller: { replicas: 0, resources: { cpu: { request: Cpu.millis(100) } }, enablePriorityClasses: true },
      webhook: { replicas: 2, tolerations: [kplus.NodeTaintQuery.exists('dedicated')] },
      kubernetesMinVersion: '1.31.0',
    });

    // THEN
    expect(JSON.stringify(KpackVersion.V0_18_0._objects())).toBe(cached);
    expect(render()).toEqual(RELEASE.V0_18_0);
    expect(takeWarnings()).toEqual([CA]);
  });

  describe('namespace', () => {
    test.each([['V0_0_8', KpackVersion.V0_0_8], ['V0_17_2', KpackVersion.V0_17_2]])(
      '%s: moves every reference to the namespace, and nothing else', (name, version) => {
        // WHEN
        const objects = render({ version, namespace: 'build-system' });

        // THEN: no reference to kpack's namespace is left
        const text = JSON.stringify(objects);
        expect(text).not.toMatch(/"namespace":"kpack"/);
        expect(findObject(objects, 'Namespace').metadata.name).toBe('build-system');
        // and renaming it back gives the release
        expect(JSON.parse(text.replace(/build-system/g, 'kpack'))).toEqual(RELEASE[name as keyof typeof RELEASE]);
        expect(takeWarnings()).toEqual(version === KpackVersion.V0_0_8 ? [LEGACY] : []);
      });

    test('v0.17.2: the webhook configurations, CRD conversion, RBAC subjects and the webhook\'s namespace rules follow', () => {
      const objects = render({ namespace: 'build-system' });
      expect(findObject(objects, 'Namespace').metadata.labels).toEqual({
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.25',
      });
      expect(findObject(objects, 'MutatingWebhookConfiguration').webhooks[0].clientConfig.service).toEqual({ name: 'kpack-webhook', namespace: 'build-system' });
      expect(findObject(objects, 'ValidatingWebhookConfiguration').webhooks[0].clientConfig.service).toEqual({ name: 'kpack-webhook', namespace: 'build-system' });
      expect(findObject(objects, 'CustomResourceDefinition', 'images.kpack.io').spec.conversion.webhook.clientConfig.service.namespace).toBe('build-system');
      expect(findObject(objects, 'ClusterRoleBinding', 'kpack-controller-admin-binding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'controller', namespace: 'build-system' }]);
      const rules = findObject(objects, 'ClusterRole', 'kpack-webhook-mutatingwebhookconfiguration-admin').rules;
      expect(rules.filter((r: Manifest) => r.resources.some((x: string) => x.startsWith('namespaces'))).map((r: Manifest) => r.resourceNames))
        .toEqual([['build-system'], ['build-system']]);
      expect(objects.filter(o => o.metadata.namespace !== undefined).every(o => o.metadata.namespace === 'build-system')).toBe(true);
    });

    test('is exposed, and defaults to kpack', () => {
      expect(install().kpack.namespace).toBe('kpack');
      expect(install({ namespace: 'builds' }).kpack.namespace).toBe('builds');
    });

    test('an invalid name fails the synth, naming the prop and the value', () => {
      const { chart } = install({ namespace: 'Build_System' });
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] invalid value: Build_System: namespace\n' +
        'hint: a namespace name is at most 63 lowercase letters, digits and -, starting and ending with a letter or digit',
      ]);
    });
  });

  describe('crds', () => {
    test.each([['V0_0_8', KpackVersion.V0_0_8, 9], ['V0_17_2', KpackVersion.V0_17_2, 10]])(
      '%s: ONLY emits the CRDs of the release, and EXCLUDE everything else', (name, version, count) => {
        // WHEN
        const crds = render({ version, crds: KpackCrds.ONLY });
        const rest = render({ version, crds: KpackCrds.EXCLUDE });

        // THEN
        const release = RELEASE[name as keyof typeof RELEASE];
        expect(crds).toHaveLength(count);
        expect(crds).toEqual(release.filter(o => o.kind === 'CustomResourceDefinition'));
        expect(rest).toEqual(release.filter(o => o.kind !== 'CustomResourceDefinition'));
        expect(takeWarnings()).toEqual(version === KpackVersion.V0_0_8 ? [LEGACY, LEGACY] : []);
      });

    test('an install of only the CRDs runs no image and warns about none', () => {
      const { chart, kpack } = install({ crds: KpackCrds.ONLY });
      expect(kpack.images).toEqual([]);
      Testing.synth(chart);
      expect(warningsUnder(chart)).toEqual([]);
    });

    test('ONLY moves the CRDs\' conversion webhook to the namespace as well', () => {
      const crds = render({ crds: KpackCrds.ONLY, namespace: 'builds' });
      expect(crds.filter(o => o.spec.conversion).map(o => o.spec.conversion.webhook.clientConfig.service.namespace))
        .toEqual(['builds', 'builds', 'builds', 'builds']);
    });

    test('options that only concern the controller fail an install of only the CRDs', () => {
      const { chart } = install({ crds: KpackCrds.ONLY, imageRegistry: 'registry.example.com/kpack', controller: { replicas: 1 } });
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] has no effect on an install of only the CRDs: controller, imageRegistry\n' +
        'hint: set it on the install that has crds: KpackCrds.EXCLUDE',
      ]);
    });
  });

  describe('images', () => {
    test('v0.18.0: imageRegistry moves all seven images, keeping their digests, and changes nothing else', () => {
      // WHEN
      const props = { imageRegistry: 'registry.example.com/mirror/kpack/' };
      const objects = render(props);

      // THEN
      expect(changes(props)).toEqual([
        'ClusterLifecycle//default-lifecycle spec.image',
        'ConfigMap/kpack/build-init-image data.image',
        'ConfigMap/kpack/build-waiter-image data.image',
        'ConfigMap/kpack/completion-image data.image',
        'ConfigMap/kpack/rebase-image data.image',
        `${CONTROLLER} spec.template.spec.containers[0].image`,
        `${WEBHOOK} spec.template.spec.containers[0].image`,
      ]);
      expect(controller(objects).spec.template.spec.containers[0].image).toBe(`registry.example.com/mirror/kpack/controller@${PUBLISHED.controller}`);
      expect(findObject(objects, 'ClusterLifecycle').spec.image).toBe(`registry.example.com/mirror/kpack/lifecycle@${PUBLISHED.lifecycle}`);
      expect(findObject(objects, 'ConfigMap', 'build-waiter-image').data.image).toBe(`registry.example.com/mirror/kpack/build-waiter@${PUBLISHED['build-waiter']}`);
    });

    test('v0.0.8: imageRegistry moves the controller\'s image env values too, keeping their digests', () => {
      // WHEN
      const props = { version: KpackVersion.V0_0_8, imageRegistry: 'registry.example.com:5000/kpack' };
      const objects = render(props);

      // THEN
      expect(changes(props)).toEqual([
        `${CONTROLLER} spec.template.spec.containers[0].env[0].value`,
        `${CONTROLLER} spec.template.spec.containers[0].env[1].value`,
        `${CONTROLLER} spec.template.spec.containers[0].env[2].value`,
        `${CONTROLLER} spec.template.spec.containers[0].env[3].value`,
        `${CONTROLLER} spec.template.spec.containers[0].image`,
        `${WEBHOOK} spec.template.spec.containers[0].image`,
      ]);
      expect(env(controller(objects))[0]).toEqual({
        name: 'BUILD_INIT_IMAGE',
        value: 'registry.example.com:5000/kpack/build-init@sha256:b90a4d2c027ac6cf6b2904383211084d33d6faf9fed38a3d55a09b54e6f671bf',
      });
      expect(takeWarnings()).toEqual([LEGACY, LEGACY, LEGACY]);
    });

    test('images lists every image once, with where it comes from, in a copy', () => {
      // WHEN
      const { kpack } = install({ imageRegistry: 'registry.example.com/kpack' });

      // THEN
      const images = kpack.images;
      expect(images.map(i => i.component).sort()).toEqual(['build-init', 'build-waiter', 'completion', 'controller', 'lifecycle', 'rebase', 'webhook']);
      expect(images.find(i => i.component === 'controller')).toEqual({
        component: 'controller',
        upstream: `${GHCR}/controller@${PUBLISHED.controller}`,
        image: `registry.example.com/kpack/controller@${PUBLISHED.controller}`,
      });
      images.pop();
      expect(kpack.images).toHaveLength(7);
      expect(install({ version: KpackVersion.V0_0_8 }).kpack.images.map(i => i.component))
        .toEqual(['controller', 'build-init', 'rebase', 'completion', 'lifecycle', 'webhook']);
    });

    test('an override replaces one image, winning over imageRegistry', () => {
      // WHEN
      const props = { imageRegistry: 'registry.example.com/kpack', imageOverrides: { lifecycle: 'registry.example.com/buildpacks/lifecycle:0.20.5' } };

      // THEN
      expect(changes(props)).toContain('ClusterLifecycle//default-lifecycle spec.image');
      expect(findObject(render(props), 'ClusterLifecycle').spec.image).toBe('registry.example.com/buildpacks/lifecycle:0.20.5');
      expect(changes({ imageOverrides: { completion: 'registry.example.com/completion:1' } })).toEqual(['ConfigMap/kpack/completion-image data.image']);
      expect(takeWarnings()).toEqual([tagWarning('registry.example.com/buildpacks/lifecycle:0.20.5'), tagWarning('registry.example.com/buildpacks/lifecycle:0.20.5'), tagWarning('registry.example.com/completion:1')]);
    });

    test('an override of an image the release does not have, or that does not parse, fails the synth', () => {
      const { chart } = install({ version: KpackVersion.V0_0_8, imageOverrides: { buildWaiter: 'registry.example.com/build-waiter:1', rebase: 'registry.example.com/Rebase:1' } });
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] invalid value: registry.example.com/Rebase:1: imageOverrides.rebase\n' +
        'hint: an image reference: registry/repository:tag or registry/repository@sha256:…',
        '[test/kpack] kpack 0.0.8 has no build-waiter image: imageOverrides.buildWaiter',
      ]);
      expect(takeWarnings()).toEqual([LEGACY]);
    });

    test('an imageRegistry that is not a registry fails the synth', () => {
      const { chart } = install({ imageRegistry: 'https://registry.example.com' });
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] invalid value: https://registry.example.com: imageRegistry\n' +
        'hint: a registry host with an optional path, without scheme or tag, e.g. registry.example.com/kpack',
      ]);
    });
  });

  describe('imageLock', () => {
    const allPinned = Object.fromEntries(['controller', 'webhook', 'build-init', 'build-waiter', 'rebase', 'completion', 'lifecycle']
      .map((component, i) => [`${GHCR}/${component}:0.18.0`, DIGEST(i + 1)]));

    test('replaces the published digest of every image it has a digest for, keyed by the version tag, and only those fields change', () => {
      // WHEN
      const props = { imageLock: ImageLock.fromDigests(allPinned) };
      const objects = render(props);

      // THEN
      expect(changes(props)).toEqual(changes({ imageRegistry: 'registry.example.com/kpack' }));
      expect(controller(objects).spec.template.spec.containers[0].image).toBe(`${GHCR}/controller@${DIGEST(1)}`);
      expect(findObject(objects, 'ClusterLifecycle').spec.image).toBe(`${GHCR}/lifecycle@${DIGEST(7)}`);
    });

    test('the upstream tag pins a relocated image; so does the relocated one; the others keep the published digest', () => {
      const { chart, kpack } = install({
        imageRegistry: 'registry.example.com/kpack',
        imageLock: ImageLock.fromDigests({
          [`${GHCR}/controller:0.18.0`]: DIGEST(1),
          'registry.example.com/kpack/webhook:0.18.0': DIGEST(2),
        }),
      });
      const image = (component: string) => kpack.images.find(i => i.component === component)!.image;
      expect(image('controller')).toBe(`registry.example.com/kpack/controller@${DIGEST(1)}`);
      expect(image('webhook')).toBe(`registry.example.com/kpack/webhook@${DIGEST(2)}`);
      expect(image('rebase')).toBe(`registry.example.com/kpack/rebase@${PUBLISHED.rebase}`);
      Testing.synth(chart);
      expect(warningsUnder(chart)).toEqual([]);
    });

    test('a key with another version\'s tag pins nothing, and says so', () => {
      const { chart, kpack } = install({ imageLock: ImageLock.fromDigests({ [`${GHCR}/controller:0.17.2`]: DIGEST(1) }) });
      expect(kpack.images.find(i => i.component === 'controller')!.image).toBe(`${GHCR}/controller@${PUBLISHED.controller}`);
      Testing.synth(chart);
      expect(warningsUnder(chart)).toEqual([`imageLock pins images this install does not use: ${GHCR}/controller:0.17.2`]);
      expect(takeWarnings()).toEqual([`[test/kpack] warning: imageLock pins images this install does not use: ${GHCR}/controller:0.17.2`]);
    });

    test('an overridden image is pinned only by its own reference', () => {
      const { kpack } = install({
        imageOverrides: { controller: 'registry.example.com/patched/controller:0.17.2-1', webhook: 'docker.io/example/webhook:2' },
        imageLock: ImageLock.fromDigests({ [`${GHCR}/controller:0.18.0`]: DIGEST(1), 'index.docker.io/example/webhook:2': DIGEST(2) }),
      });
      const image = (component: string) => kpack.images.find(i => i.component === component)!.image;
      expect(image('controller')).toBe('registry.example.com/patched/controller:0.17.2-1');
      expect(image('webhook')).toBe(`docker.io/example/webhook@${DIGEST(2)}`);
    });

    test('warns once about overrides left tag references, and not at all when they are pinned', () => {
      // WHEN
      const overrides = { imageOverrides: { controller: 'registry.example.com/patched/controller:1', rebase: 'registry.example.com/patched/rebase:1' } };
      const partly = install({ ...overrides, imageLock: ImageLock.fromDigests({ 'registry.example.com/patched/controller:1': DIGEST(1) }) });
      const fully = install({ ...overrides, imageLock: ImageLock.fromDigests({ 'registry.example.com/patched/controller:1': DIGEST(1), 'registry.example.com/patched/rebase:1': DIGEST(2) }) });
      Testing.synth(partly.chart);
      Testing.synth(fully.chart);

      // THEN
      expect(warningsUnder(partly.chart)).toEqual([
        '1 kpack image is a tag reference without a digest, so what runs can change under the same tag: ' +
        'registry.example.com/patched/rebase:1. Pin them with imageLock (see docs/install.md)',
      ]);
      expect(warningsUnder(fully.chart)).toEqual([]);
      expect(takeWarnings()).toEqual([tagWarning('registry.example.com/patched/rebase:1')]);
    });

    test('warns about digests for images the install does not use', () => {
      const { chart } = install({ imageLock: ImageLock.fromDigests({ ...allPinned, 'registry.example.com/app:1': DIGEST(9) }) });
      expect(warningsUnder(chart)).toEqual(['imageLock pins images this install does not use: registry.example.com/app:1']);
    });

    test('bad keys and digests fail the synth, naming each', () => {
      const { chart } = install({ imageLock: ImageLock.fromDigests({ [`${GHCR}/controller:0.17.2`]: 'abc123', 'Registry/Controller': DIGEST(1) }) });
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] invalid value: Registry/Controller: imageLock\n' +
        'hint: lock keys are image references with a tag, e.g. ghcr.io/buildpacks-community/kpack/controller:0.18.0',
        '[test/kpack] invalid value: abc123: imageLock[ghcr.io/buildpacks-community/kpack/controller:0.17.2]\n' +
        'hint: a digest is sha256: followed by 64 lowercase hex digits, as `crane digest` prints it',
      ]);
    });

    test('fromImagesLock reads an imgpkg ImagesLock: digest from the image, key from the kbld id', () => {
      // GIVEN
      const lock = ImageLock.fromImagesLock([
        'apiVersion: imgpkg.carvel.dev/v1alpha1',
        'kind: ImagesLock',
        'images:',
        `- image: registry.example.com/kpack@${DIGEST(1)}`,
        '  annotations:',
        `    kbld.carvel.dev/id: ${GHCR}/controller:0.18.0`,
        `- image: registry.example.com/kpack@${DIGEST(2)}`,
      ].join('\n'));

      // THEN
      expect(lock.digests).toEqual({ [`${GHCR}/controller:0.18.0`]: DIGEST(1) });
      expect(install({ imageLock: lock }).kpack.images.find(i => i.component === 'controller')!.image).toBe(`${GHCR}/controller@${DIGEST(1)}`);
    });

    test('fromImagesLock with something else than an ImagesLock fails the synth', () => {
      expect(validationErrors(install({ imageLock: ImageLock.fromImagesLock('kind: Config\n') }).chart)).toEqual([
        '[test/kpack] expected an imgpkg ImagesLock (kind: ImagesLock, images: [...]), got kind Config: imageLock',
      ]);
      expect(validationErrors(install({ imageLock: ImageLock.fromImagesLock('images: [') }).chart)).toEqual([
        expect.stringMatching(/^\[test\/kpack\] the ImagesLock is not YAML: .*: imageLock$/),
      ]);
    });
  });

  describe('caCertificates', () => {
    test('says at synth that build pods do not get the CA, and how to give it to them', () => {
      const { chart } = install({ caCertificates: CaCertificates.fromPem(BUNDLE) });
      Testing.synth(chart);
      expect(warningsUnder(chart)).toEqual([expect.stringMatching(
        /^caCertificates reach kpack's controller only: build pods \(build-init, the lifecycle, completion\) .* cert-injection-webhook on the label kpack\.io\/build/)]);
      expect(warningsUnder(install().chart)).toEqual([]);
      expect(takeWarnings()).toEqual([CA]);
    });

    test('fromPem: a binding Secret with one key per certificate, mounted into the controller, and nothing else', () => {
      // WHEN
      const props = { caCertificates: CaCertificates.fromPem(BUNDLE) };
      const objects = render(props);

      // THEN
      expect(changes(props)).toEqual([
        '+Secret/kpack/ca-certificates',
        `${CONTROLLER} spec.template.metadata.annotations`,
        `${CONTROLLER} spec.template.spec.containers[0].env[14]`,
        `${CONTROLLER} spec.template.spec.containers[0].volumeMounts`,
        `${CONTROLLER} spec.template.spec.volumes`,
      ]);
      expect(findObject(objects, 'Secret', 'ca-certificates')).toEqual({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'ca-certificates', namespace: 'kpack' },
        type: 'servicebinding.io/ca-certificates',
        stringData: { 'type': 'ca-certificates', 'certificate-0.pem': CERT_ONE, 'certificate-1.pem': CERT_TWO },
      });
      const pod = controller(objects).spec.template;
      expect(pod.spec.containers[0].env[14]).toEqual({ name: 'SERVICE_BINDING_ROOT', value: '/bindings' });
      expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'ca-certificates', mountPath: '/bindings/ca-certificates', readOnly: true }]);
      expect(pod.spec.volumes).toEqual([{ name: 'ca-certificates', secret: { secretName: 'ca-certificates' } }]);
      expect(pod.metadata.annotations['cdk8s-kpack/ca-certificates-sha256']).toMatch(/^[0-9a-f]{64}$/);
      // the Secret comes right before the controller, so that it exists when the pod starts
      expect(objects.findIndex(o => o.kind === 'Secret' && o.metadata.name === 'ca-certificates') + 1)
        .toBe(objects.findIndex(o => o.kind === 'Deployment' && o.metadata.name === 'kpack-controller'));
      expect(takeWarnings()).toEqual([CA, CA]);
    });

    test('fromPem: a new bundle changes the pod template, so the controller restarts and reads it', () => {
      const hash = (pem: string) => controller(render({ caCertificates: CaCertificates.fromPem(pem) })).spec.template.metadata.annotations;
      expect(hash(CERT_ONE)).not.toEqual(hash(BUNDLE));
      expect(hash(BUNDLE.replace(/\n/g, '\r\n'))).toEqual(hash(BUNDLE));
      expect(takeWarnings()).toEqual([CA, CA, CA, CA]);
    });

    test('fromPem follows the namespace', () => {
      const objects = render({ namespace: 'builds', caCertificates: CaCertificates.fromPem(BUNDLE) });
      expect(findObject(objects, 'Secret', 'ca-certificates').metadata.namespace).toBe('builds');
      expect(takeWarnings()).toEqual([CA]);
    });

    test('fromSecret mounts a Secret managed elsewhere, emitting none', () => {
      // GIVEN
      const chart = Testing.chart();
      const secret = kplus.Secret.fromSecretName(chart, 'ca', 'registry-ca');

      // WHEN
      new Kpack(chart, 'kpack', { caCertificates: CaCertificates.fromSecret(secret) });
      const objects = Testing.synth(chart);

      // THEN
      expect(changedPaths(RELEASE.V0_18_0, objects)).toEqual([
        `${CONTROLLER} spec.template.spec.containers[0].env[14]`,
        `${CONTROLLER} spec.template.spec.containers[0].volumeMounts`,
        `${CONTROLLER} spec.template.spec.volumes`,
      ]);
      expect(controller(objects).spec.template.spec.volumes).toEqual([{ name: 'ca-certificates', secret: { secretName: 'registry-ca' } }]);
      expect(takeWarnings()).toEqual([CA]);
    });

    test('fromSecret: a Secret of this app must be a binding in the install\'s namespace', () => {
      // GIVEN
      const app = Testing.app();
      const chart = new Chart(app, 'install', { namespace: 'default' });
      const secret = new kplus.Secret(chart, 'ca', { metadata: { name: 'registry-ca' }, stringData: { 'ca.crt': CERT_ONE } });

      // WHEN
      new Kpack(chart, 'kpack', { namespace: 'kpack', caCertificates: CaCertificates.fromSecret(secret) });

      // THEN
      expect(validationErrors(chart)).toEqual([
        '[install/kpack] Secret "registry-ca" is in namespace default, the install in kpack: caCertificates\n' +
        'hint: a pod can only mount a Secret of its own namespace: define the Secret in the install\'s namespace',
        '[install/kpack] Secret "registry-ca" is not a ca-certificates binding (its key "type" is missing): caCertificates\n' +
        'hint: the Secret needs the key type: ca-certificates and one PEM certificate in each other key; or use CaCertificates.fromPem()',
      ]);
      expect(takeWarnings()).toEqual([caCertificatesWarning('install/kpack')]);
    });

    test('fromSecret: a binding Secret in the install\'s namespace is fine', () => {
      const chart = Testing.chart();
      const secret = new kplus.Secret(chart, 'ca', {
        metadata: { name: 'registry-ca', namespace: 'kpack' },
        stringData: { 'type': 'ca-certificates', 'ca.crt': CERT_ONE },
      });
      new Kpack(chart, 'kpack', { caCertificates: CaCertificates.fromSecret(secret) });
      expect(validationErrors(chart)).toEqual([]);
      expect(takeWarnings()).toEqual([CA]);
    });

    test('fromSecret takes a plain ApiObject of kind Secret (any cdk8s-plus line renders one), checked the same way', () => {
      // GIVEN
      const chart = Testing.chart();
      const data = { 'type': Buffer.from('ca-certificates').toString('base64'), 'ca.crt': Buffer.from(CERT_ONE).toString('base64') };
      const secret = new ApiObject(chart, 'ca', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry-ca', namespace: 'kpack' }, data });
      const wrongType = new ApiObject(chart, 'other', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'other-ca', namespace: 'kpack' }, data: {} });

      // WHEN
      new Kpack(chart, 'kpack', { caCertificates: CaCertificates.fromSecret(secret) });
      const other = Testing.chart();
      new Kpack(other, 'kpack', { caCertificates: CaCertificates.fromSecret(wrongType) });

      // THEN
      expect(validationErrors(chart)).toEqual([]);
      expect(controller(Testing.synth(chart)).spec.template.spec.volumes).toEqual([{ name: 'ca-certificates', secret: { secretName: 'registry-ca' } }]);
      expect(validationErrors(other)).toEqual([
        '[test/kpack] Secret "other-ca" is not a ca-certificates binding (its key "type" is missing): caCertificates\n' +
        'hint: the Secret needs the key type: ca-certificates and one PEM certificate in each other key; or use CaCertificates.fromPem()',
      ]);
      expect(takeWarnings()).toEqual([CA, CA]);
    });

    test('fromSecret with anything but a Secret fails the synth with the construct and its kind', () => {
      const chart = Testing.chart();
      const account = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'ca' } });
      new Kpack(chart, 'kpack', { caCertificates: CaCertificates.fromSecret(account) });
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] test/sa is a ServiceAccount ("ca"), not a Secret: caCertificates\n' +
        'hint: pass a Secret: a cdk8s-plus Secret (any cdk8s-plus line, or Secret.fromSecretName()), or an ApiObject of kind Secret',
      ]);
      expect(takeWarnings()).toEqual([CA]);
    });

    test('text that is not a PEM bundle fails the synth, without showing it (it may be a key without its header)', () => {
      const { chart } = install({ caCertificates: CaCertificates.fromPem('MIIBoTCCAUegAwIBAgIUfRNgII6RNo8PftZjc+lzqcLN2HEwCgYIKoZIzj0EAwIw') });
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] invalid value: "[redacted base64]": caCertificates\n' +
        'hint: a PEM bundle: one or more -----BEGIN CERTIFICATE----- … -----END CERTIFICATE----- blocks',
      ]);
      const broken = BUNDLE.replace('-----END CERTIFICATE-----\n-----BEGIN', '-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nnot base64!\n-----BEGIN');
      expect(validationErrors(install({ caCertificates: CaCertificates.fromPem(broken) }).chart)).toHaveLength(1);
      expect(takeWarnings()).toEqual([CA, CA]);
    });

    test('a private key fails the synth without being printed', () => {
      const key = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';
      const errors = validationErrors(install({ caCertificates: CaCertificates.fromPem(BUNDLE + key) }).chart);
      expect(errors).toEqual(['[test/kpack] holds a private key: caCertificates\nhint: give only the CA certificates, never a key']);
      expect(errors.join()).not.toContain('MIGHAgEA');
      expect(takeWarnings()).toEqual([CA]);
    });

    test('kpack v0.0.8\'s controller does not read the binding: fail rather than pretend', () => {
      const { chart } = install({ version: KpackVersion.V0_0_8, caCertificates: CaCertificates.fromPem(BUNDLE) });
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] kpack 0.0.8\'s controller image does not read a ca-certificates service binding: caCertificates\n' +
        'hint: only kpack v0.17 images are known to; for older ones, mount the bundle and set SSL_CERT_DIR through the apiObjects escape hatch',
      ]);
      expect(takeWarnings()).toEqual([LEGACY, CA]);
    });
  });

  describe('proxy', () => {
    test('sets HTTP_PROXY, HTTPS_PROXY and NO_PROXY on the controller only', () => {
      // WHEN
      const props = { proxy: { httpProxy: 'http://proxy.example.com:3128', httpsProxy: 'proxy.example.com:3128', noProxy: ['10.96.0.0/12', '.svc', '.cluster.local'] } };

      // THEN
      expect(changes(props)).toEqual([14, 15, 16].map(i => `${CONTROLLER} spec.template.spec.containers[0].env[${i}]`));
      expect(env(controller(render(props))).slice(14)).toEqual([
        { name: 'HTTP_PROXY', value: 'http://proxy.example.com:3128' },
        { name: 'HTTPS_PROXY', value: 'proxy.example.com:3128' },
        { name: 'NO_PROXY', value: '10.96.0.0/12,.svc,.cluster.local' },
      ]);
    });

    test('works for kpack v0.0.8 too', () => {
      expect(changes({ version: KpackVersion.V0_0_8, proxy: { httpsProxy: 'http://proxy:3128', noProxy: ['.svc'] } }))
        .toEqual([`${CONTROLLER} spec.template.spec.containers[0].env[4]`, `${CONTROLLER} spec.template.spec.containers[0].env[5]`]);
      expect(takeWarnings()).toEqual([LEGACY, LEGACY]);
    });

    test('warns about credentials in the URL without showing them, and about a missing noProxy', () => {
      const { chart } = install({ proxy: { httpsProxy: 'http://builder:s3cr3t@proxy.example.com:3128' } });
      const warnings = warningsUnder(chart).filter(w => w.startsWith('proxy'));
      expect(warnings).toEqual([
        'proxy.httpsProxy (http://***@proxy.example.com:3128) holds credentials: they are written in plain text into the kpack-controller Deployment',
        'proxy has no noProxy: the controller also reaches the Kubernetes API through the proxy. ' +
        'List the API server\'s address or the cluster\'s service CIDR, and .svc and .cluster.local, in proxy.noProxy',
      ]);
      expect(warnings.join()).not.toContain('s3cr3t');
    });

    test('a URL that is not a proxy URL fails the synth, with its credentials redacted', () => {
      const { chart } = install({ proxy: { httpProxy: 'ftp://builder:s3cr3t@proxy.example.com', noProxy: ['.svc', 'a b'] } });
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] invalid value: a b: proxy.noProxy\nhint: one host, .domain, IP or CIDR per entry, without spaces or commas',
        '[test/kpack] invalid value: ftp://***@proxy.example.com: proxy.httpProxy\nhint: a proxy URL: http://host:port, https://host:port or socks5://host:port',
      ]);
    });
  });

  describe('controller and webhook', () => {
    test('replicas, node selector, tolerations and priority class change exactly those fields', () => {
      // WHEN
      const props = {
        controller: {
          replicas: 0,
          nodeSelector: { 'node-role.example.com/platform': 'true' },
          tolerations: [kplus.NodeTaintQuery.is('dedicated', 'platform', { effect: kplus.TaintEffect.NO_SCHEDULE })],
          priorityClassName: 'platform-critical',
        },
        webhook: { replicas: 3, tolerations: [kplus.NodeTaintQuery.exists('dedicated')] },
      };
      const objects = render(props);

      // THEN
      expect(changes(props)).toEqual([
        `${CONTROLLER} spec.replicas`,
        `${CONTROLLER} spec.template.spec.nodeSelector.node-role.example.com/platform`,
        `${CONTROLLER} spec.template.spec.priorityClassName`,
        `${CONTROLLER} spec.template.spec.tolerations`,
        `${WEBHOOK} spec.replicas`,
        `${WEBHOOK} spec.template.spec.tolerations`,
      ]);
      const pod = controller(objects).spec.template.spec;
      expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'node-role.example.com/platform': 'true' });
      expect(pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'platform', effect: 'NoSchedule' }]);
      expect(pod.priorityClassName).toBe('platform-critical');
      expect(webhook(objects).spec.template.spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Exists' }]);
      expect(webhook(objects).spec.replicas).toBe(3);
    });

    test('resources: each request or limit given replaces the release\'s, the rest stay', () => {
      // WHEN
      const props = {
        controller: { resources: { cpu: { limit: Cpu.units(2) }, memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) } } },
        webhook: { resources: { ephemeralStorage: { request: Size.mebibytes(100) } } },
      };
      const objects = render(props);

      // THEN
      expect(changes(props)).toEqual([
        `${CONTROLLER} spec.template.spec.containers[0].resources.limits.cpu`,
        `${CONTROLLER} spec.template.spec.containers[0].resources.limits.memory`,
        `${CONTROLLER} spec.template.spec.containers[0].resources.requests.memory`,
        `${WEBHOOK} spec.template.spec.containers[0].resources.requests.ephemeral-storage`,
      ]);
      expect(controller(objects).spec.template.spec.containers[0].resources).toEqual({
        requests: { cpu: '20m', memory: '2Gi' },
        limits: { cpu: '2', memory: '2Gi' },
      });
      expect(webhook(objects).spec.template.spec.containers[0].resources.requests).toEqual({ 'cpu': '10m', 'memory': '50Mi', 'ephemeral-storage': '100Mi' });
    });

    test('empty resources, node selectors and tolerations change nothing, on either version', () => {
      const empty = { controller: { resources: {}, nodeSelector: {}, tolerations: [] }, proxy: { noProxy: [] } };
      expect(changes({ version: KpackVersion.V0_0_8, ...empty })).toEqual([]);
      expect(changes({ controller: { resources: { cpu: {} } }, webhook: { resources: {} } })).toEqual([]);
      expect(takeWarnings()).toEqual([LEGACY, LEGACY]);
    });

    test('resources on kpack v0.0.8, which sets none', () => {
      const props = { version: KpackVersion.V0_0_8, controller: { resources: { memory: { limit: Size.gibibytes(1) } } } };
      expect(changes(props)).toEqual([`${CONTROLLER} spec.template.spec.containers[0].resources`]);
      expect(controller(render(props)).spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '1Gi' } });
      expect(takeWarnings()).toEqual([LEGACY, LEGACY, LEGACY]);
    });

    test('the feature switches set the controller\'s env, as strings', () => {
      // WHEN
      const props = {
        controller: { enablePriorityClasses: true, injectedSidecarSupport: true, generateSlsaAttestation: true, insecureSshTrustUnknownHosts: false },
      };

      // THEN
      expect(changes(props)).toEqual([0, 1, 2, 3].map(i => `${CONTROLLER} spec.template.spec.containers[0].env[${i}].value`));
      expect(env(controller(render(props))).slice(0, 4)).toEqual([
        { name: 'ENABLE_PRIORITY_CLASSES', value: 'true' },
        { name: 'INJECTED_SIDECAR_SUPPORT', value: 'true' },
        { name: 'EXPERIMENTAL_GENERATE_SLSA_ATTESTATION', value: 'true' },
        { name: 'INSECURE_SSH_TRUST_UNKNOWN_HOSTS', value: 'false' },
      ]);
      expect(changes({ controller: { enablePriorityClasses: false, insecureSshTrustUnknownHosts: true } })).toEqual([]);
    });

    test('kpack v0.0.8 has no feature switches: setting one fails the synth', () => {
      const { chart } = install({ version: KpackVersion.V0_0_8, controller: { injectedSidecarSupport: true } });
      expect(validationErrors(chart)).toEqual(['[test/kpack] kpack 0.0.8\'s controller has no INJECTED_SIDECAR_SUPPORT switch: controller.injectedSidecarSupport']);
      expect(takeWarnings()).toEqual([LEGACY]);
    });

    test('bad values fail the synth together, each naming its prop and value', () => {
      // GIVEN
      const { chart } = install({
        controller: { replicas: -1, resources: { memory: { limit: Size.mebibytes(512) } }, nodeSelector: { 'bad key!': 'x' } },
        webhook: { replicas: 1.5, priorityClassName: 'Critical', resources: { cpu: { request: Cpu.millis(-5) } } },
      });

      // THEN
      expect(validationErrors(chart)).toEqual([
        '[test/kpack] invalid value: -1: controller.replicas\nhint: a replica count is a whole number, 0 or more',
        '[test/kpack] invalid value: -5m: webhook.resources.cpu.request\nhint: a CPU amount is a quantity, 0 or more, e.g. Cpu.millis(250)',
        '[test/kpack] invalid value: 1.5: webhook.replicas\nhint: a replica count is a whole number, 0 or more',
        '[test/kpack] invalid value: Critical: webhook.priorityClassName\nhint: a PriorityClass name is a lowercase DNS subdomain',
        '[test/kpack] invalid value: bad key!: controller.nodeSelector\n' +
        'hint: a label key is an optional DNS prefix and a name of at most 63 characters: letters, digits, -, _ and .',
        '[test/kpack] memory request 1Gi is above its limit 512Mi: controller.resources.memory\n' +
        'hint: Kubernetes refuses a request above its limit: raise the limit or lower the request',
      ]);
    });

    test('more than one controller replica warns: kpack\'s controller has no leader election', () => {
      const { chart } = install({ controller: { replicas: 2 } });
      expect(warningsUnder(chart)).toContain('controller.replicas is 2, but kpack\'s controller has no leader election: ' +
        'every replica reconciles every resource (conflicting updates, repeated registry calls). Run 1');
      expect(validationErrors(chart)).toEqual([]);
      expect(takeWarnings()).toEqual(['[test/kpack] warning: controller.replicas is 2, but kpack\'s controller has no leader election: ' +
        'every replica reconciles every resource (conflicting updates, repeated registry calls). Run 1']);
    });
  });

  describe('imagePullSecrets', () => {
    test('the controller\'s and webhook\'s ServiceAccounts pull with them, default-lifecycle resolves with the controller\'s, and nothing else changes', () => {
      // WHEN
      const props = { imagePullSecrets: [KpackPullSecret.fromSecretName('mirror-login'), KpackPullSecret.fromSecretName('mirror-login-2')] };
      const objects = render(props);

      // THEN
      expect(changes(props)).toEqual([
        'ClusterLifecycle//default-lifecycle spec.serviceAccountRef',
        'ServiceAccount/kpack/controller imagePullSecrets',
        'ServiceAccount/kpack/webhook imagePullSecrets',
      ]);
      expect(findObject(objects, 'ServiceAccount', 'controller').imagePullSecrets).toEqual([{ name: 'mirror-login' }, { name: 'mirror-login-2' }]);
      expect(findObject(objects, 'ServiceAccount', 'webhook').imagePullSecrets).toEqual([{ name: 'mirror-login' }, { name: 'mirror-login-2' }]);
      expect(findObject(objects, 'ClusterLifecycle').spec).toEqual({
        image: `${GHCR}/lifecycle@${PUBLISHED.lifecycle}`,
        serviceAccountRef: { name: 'controller', namespace: 'kpack' },
      });
    });

    test('follow the install\'s namespace', () => {
      const objects = render({ namespace: 'build-system', imagePullSecrets: [KpackPullSecret.fromSecretName('mirror-login')] });
      expect(findObject(objects, 'ServiceAccount', 'controller').metadata.namespace).toBe('build-system');
      expect(findObject(objects, 'ClusterLifecycle').spec.serviceAccountRef).toEqual({ name: 'controller', namespace: 'build-system' });
    });

    test('from RegistryCredentials: a dockerconfigjson Secret of the install\'s namespace', () => {
      // GIVEN
      const chart = Testing.chart();
      const login = RegistryCredentials.dockerConfigJson(chart, 'mirror', {
        metadata: { name: 'mirror-login', namespace: 'kpack' }, registry: 'harbor.example.com', username: 'robot$kpack', password: 'not-printed',
      });

      // WHEN
      new Kpack(chart, 'kpack', { imagePullSecrets: [KpackPullSecret.fromRegistryCredentials(login)] });

      // THEN
      const objects = Testing.synth(chart);
      expect(findObject(objects, 'ServiceAccount', 'controller').imagePullSecrets).toEqual([{ name: 'mirror-login' }]);
      expect(findObject(objects, 'Secret', 'mirror-login').type).toBe('kubernetes.io/dockerconfigjson');
      expect(takeWarnings()).toEqual([literalCredentialsWarning('test/mirror', 'mirror-login', 'DOCKER_CONFIG_JSON')]);
    });

    test('credentials of another kind, or of another namespace, fail the synth without their values', () => {
      // GIVEN
      const chart = Testing.chart();
      const basic = RegistryCredentials.dockerBasicAuth(chart, 'basic', { metadata: { namespace: 'kpack' }, registry: 'harbor.example.com', username: 'u', password: 'not-printed' });
      const elsewhere = RegistryCredentials.dockerConfigJson(chart, 'elsewhere', { metadata: { name: 'login', namespace: 'apps' }, registry: 'harbor.example.com', username: 'u', password: 'not-printed' });
      const named = RegistryCredentials.fromSecretName(chart, 'named', 'ssh', CredentialKind.GIT_SSH);

      // WHEN
      new Kpack(chart, 'kpack', { imagePullSecrets: [basic, elsewhere, named].map(c => KpackPullSecret.fromRegistryCredentials(c)) });

      // THEN
      const errors = validationErrors(chart);
      expect(errors).toEqual([
        '[test/kpack] Secret "login" is in namespace apps, the install in kpack: imagePullSecrets[1]\n' +
        'hint: a ServiceAccount can only use pull secrets of its own namespace: define the credentials in the install\'s namespace',
        '[test/kpack] test/basic holds DOCKER_BASIC_AUTH credentials, not a kubernetes.io/dockerconfigjson Secret: imagePullSecrets[0]\n' +
        'hint: Kubernetes pulls images only with dockerconfigjson Secrets: use RegistryCredentials.dockerConfigJson()',
        '[test/kpack] test/named holds GIT_SSH credentials, not a kubernetes.io/dockerconfigjson Secret: imagePullSecrets[2]\n' +
        'hint: Kubernetes pulls images only with dockerconfigjson Secrets: use RegistryCredentials.dockerConfigJson()',
      ]);
      expect(errors.join('\n')).not.toContain('not-printed');
      expect(takeWarnings()).toEqual([
        literalCredentialsWarning('test/basic', 'test-basic-c89a8432', 'DOCKER_BASIC_AUTH'),
        literalCredentialsWarning('test/elsewhere', 'login', 'DOCKER_CONFIG_JSON'),
      ]);
    });

    test('have no effect on an install of only the CRDs', () => {
      expect(validationErrors(install({ crds: KpackCrds.ONLY, imagePullSecrets: [KpackPullSecret.fromSecretName('login')] }).chart)).toEqual([
        '[test/kpack] has no effect on an install of only the CRDs: imagePullSecrets\nhint: set it on the install that has crds: KpackCrds.EXCLUDE',
      ]);
    });
  });

  describe('argoCd', () => {
    const WAVE = 'argocd.argoproj.io/sync-wave';
    const OPTIONS = 'argocd.argoproj.io/sync-options';

    test('CRDs, then the install, then its kpack objects, which skip the dry run; nothing else changes', () => {
      // WHEN
      const objects = render({ argoCd: {} });

      // THEN
      const waves = new Map<string, string[]>();
      for (const object of objects) {
        const wave = object.metadata.annotations[WAVE];
        waves.set(wave, [...(waves.get(wave) ?? []), object.kind]);
      }
      expect([...waves.keys()].sort()).toEqual(['-1', '-2', '0']);
      expect(new Set(waves.get('-2'))).toEqual(new Set(['CustomResourceDefinition']));
      expect(waves.get('0')).toEqual(['ClusterLifecycle']);
      expect(waves.get('-1')).toEqual(expect.arrayContaining(['Namespace', 'Deployment', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'Service']));
      expect(findObject(objects, 'ClusterLifecycle').metadata.annotations).toEqual({ [WAVE]: '0', [OPTIONS]: 'SkipDryRunOnMissingResource=true' });
      expect(objects.filter(o => o.metadata.annotations[OPTIONS] !== undefined).map(o => o.kind)).toEqual(['ClusterLifecycle']);
      const strip = (list: Manifest[]) => list.map(o => {
        const { [WAVE]: _w, [OPTIONS]: _o, ...annotations } = o.metadata.annotations ?? {};
        const metadata = { ...o.metadata, annotations };
        if (Object.keys(annotations).length === 0) {
          delete metadata.annotations;
        }
        return { ...o, metadata };
      });
      expect(strip(objects)).toEqual(RELEASE.V0_18_0);
    });

    test('firstWave moves all three waves, objects an option adds included', () => {
      const objects = render({ argoCd: { firstWave: 5 }, caCertificates: CaCertificates.fromPem(BUNDLE) });
      expect(findObject(objects, 'CustomResourceDefinition', 'images.kpack.io').metadata.annotations[WAVE]).toBe('5');
      expect(findObject(objects, 'Deployment', 'kpack-webhook').metadata.annotations[WAVE]).toBe('6');
      expect(findObject(objects, 'Secret', 'ca-certificates').metadata.annotations[WAVE]).toBe('6');
      expect(findObject(objects, 'ClusterLifecycle').metadata.annotations[WAVE]).toBe('7');
      expect(takeWarnings()).toEqual([CA]);
    });

    test('a wave that is not an integer fails the synth', () => {
      expect(validationErrors(install({ argoCd: { firstWave: 1.5 } }).chart)).toEqual([
        '[test/kpack] invalid value: 1.5: argoCd.firstWave\nhint: Argo CD sync waves are integers',
      ]);
    });
  });

  describe('kubernetesMinVersion', () => {
    test('each version documents the minimum it enforces', () => {
      expect(KpackVersion.V0_17_2.minKubernetesVersion).toBe('1.32.0');
      expect(KpackVersion.V0_0_8.minKubernetesVersion).toBeUndefined();
    });

    test('sets KUBERNETES_MIN_VERSION on the controller and the webhook, which both check it', () => {
      // WHEN
      const props = { kubernetesMinVersion: '1.31.0' };
      const objects = render(props);

      // THEN
      expect(changes(props)).toEqual([
        `${CONTROLLER} spec.template.spec.containers[0].env[14]`,
        `${WEBHOOK} spec.template.spec.containers[0].env[4]`,
      ]);
      expect(env(controller(objects))[14]).toEqual({ name: 'KUBERNETES_MIN_VERSION', value: '1.31.0' });
      expect(env(webhook(objects))[4]).toEqual({ name: 'KUBERNETES_MIN_VERSION', value: '1.31.0' });
    });

    test('a version without patch, or on kpack v0.0.8, fails the synth', () => {
      expect(validationErrors(install({ kubernetesMinVersion: '1.31' }).chart)).toEqual([
        '[test/kpack] invalid value: 1.31: kubernetesMinVersion\nhint: a version with major, minor and patch, e.g. 1.31.0 (kpack refuses to start on anything else)',
      ]);
      expect(validationErrors(install({ version: KpackVersion.V0_0_8, kubernetesMinVersion: '1.20.0' }).chart)).toEqual([
        '[test/kpack] kpack 0.0.8 has no minimum Kubernetes version check to override: kubernetesMinVersion\n' +
        'hint: kpack 0.0.8 runs only on Kubernetes 1.21 or older; remove kubernetesMinVersion',
      ]);
      expect(takeWarnings()).toEqual([LEGACY]);
    });
  });

  describe('warnings', () => {
    test('are printed to stderr once per synth of the app, however many charts', () => {
      // GIVEN
      const app = Testing.app();
      new Kpack(new Chart(app, 'one'), 'kpack', { version: KpackVersion.V0_0_8 });
      new Chart(app, 'two');

      // WHEN
      app.synth();

      // THEN
      expect(takeWarnings()).toEqual([legacyInstallWarning('one/kpack')]);
    });
  });
});

describe('the install in a chart', () => {
  test('objects keep the construct ids of the release whatever the namespace, so escape hatches keep working', () => {
    const { kpack } = install({ namespace: 'builds', caCertificates: CaCertificates.fromPem(BUNDLE) });
    const ids = kpack.apiObjects.map(o => o.node.id);
    expect(ids).toContain('Deployment-kpack-kpack-controller');
    expect(ids).toContain('Secret-kpack-ca-certificates');
    expect(kpack.node.findChild('Deployment-kpack-kpack-controller').node.id).toBe('Deployment-kpack-kpack-controller');
  });

  test('CRDs and the rest in two charts make the whole release', () => {
    const app = Testing.app();
    new Kpack(new Chart(app, 'crds'), 'kpack', { crds: KpackCrds.ONLY });
    new Kpack(new Chart(app, 'kpack'), 'kpack', { crds: KpackCrds.EXCLUDE });
    const [crds, rest] = app.charts.map(chart => chart.toJson());
    expect([...crds, ...rest].map(objectKey).sort()).toEqual(RELEASE.V0_17_2.map(objectKey).sort());
  });
});
