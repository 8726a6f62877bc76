import { convertObjects, MigrationTarget, Note, NOTE_COMMENTS } from '../../src/cli/migrate-convert';
import { INTENTIONAL, seedStep, TO_V1ALPHA2 } from '../migrate-corpus';
import { Manifest } from '../util';

const GIT = { git: { url: 'https://github.com/example/app', revision: 'main' } };
const BUILDER = { kind: 'ClusterBuilder', name: 'default' };

function image(spec: Manifest, apiVersion = 'kpack.io/v1alpha2'): Manifest {
  return { apiVersion, kind: 'Image', metadata: { name: 'app', namespace: 'apps' }, spec: { tag: 'registry.example.com/app', builder: BUILDER, source: GIT, ...spec } };
}

/** The one converted object, its notes, and no errors. */
function convertOne(object: Manifest) {
  const { objects, errors } = convertObjects([object]);
  expect(errors).toEqual([]);
  expect(objects).toHaveLength(1);
  return objects[0];
}

describe('stale fields in kpack.io/v1alpha2 objects (kpack v0.17 drops them without a word)', () => {
  test('spec.serviceAccount becomes spec.serviceAccountName, with a note', () => {
    // GIVEN
    const input = image({ serviceAccount: 'builds' });
    // WHEN
    const { object, notes } = convertOne(input);
    // THEN
    expect(object.spec.serviceAccountName).toBe('builds');
    expect(object.spec).not.toHaveProperty('serviceAccount');
    expect(notes.map(n => n.text)).toEqual(['spec.serviceAccount "builds" written as spec.serviceAccountName: kpack v0.17 drops spec.serviceAccount and would have built with the "default" service account']);
    expect(object).toEqual(INTENTIONAL['stale-service-account'](input));
  });

  test('spec.serviceAccount that contradicts spec.serviceAccountName is an error naming both fields', () => {
    const { errors } = convertObjects([image({ serviceAccount: 'builds', serviceAccountName: 'other' })]);
    expect(errors).toEqual([
      'Image apps/app (kpack.io/v1alpha2): spec.serviceAccount: not a kpack.io/v1alpha2 field (kpack v0.17 calls it spec.serviceAccountName; kpack drops spec.serviceAccount and builds with the "default" service account), and spec.serviceAccountName is "other": keep one spec.serviceAccountName',
    ]);
  });

  test('spec.cacheSize becomes spec.cache.volume.size, with a note; with spec.cache also set it is an error', () => {
    const { object, notes } = convertOne(image({ cacheSize: '2Gi' }));
    expect(object.spec.cache).toEqual({ volume: { size: '2Gi' } });
    expect(notes.map(n => n.text)).toEqual(['spec.cacheSize 2Gi written as spec.cache.volume.size: kpack v0.17 drops spec.cacheSize and would have built without a cache volume']);

    const { errors } = convertObjects([image({ cacheSize: '2Gi', cache: { registry: { tag: 'registry.example.com/cache' } } })]);
    expect(errors).toEqual([expect.stringMatching(/^Image apps\/app \(kpack.io\/v1alpha2\): spec.cacheSize: not a kpack.io\/v1alpha2 field \(kpack v0.17 calls it spec.cache.volume.size; .*\), and spec.cache is also set: write spec.cache.volume.size$/)]);
  });

  test('an Image cache volume.request (kpack\'s own sample) becomes volume.size', () => {
    const input = image({ cache: { volume: { request: '1G' } } });
    const { object, notes } = convertOne(input);
    expect(object.spec.cache).toEqual({ volume: { size: '1G' } });
    expect(notes[0].text).toMatch(/^spec.cache.volume.request 1G written as spec.cache.volume.size: /);
    expect(object).toEqual(INTENTIONAL['stale-cache-request'](input));
  });

  test('a Buildpack\'s spec.source.image (kpack\'s documentation) becomes spec.image', () => {
    const input = { apiVersion: 'kpack.io/v1alpha2', kind: 'Buildpack', metadata: { name: 'java' }, spec: { serviceAccountName: 'sa', source: { image: 'gcr.io/paketo-buildpacks/java' } } };
    const { object, notes } = convertOne(input);
    expect(object.spec).toEqual({ serviceAccountName: 'sa', image: 'gcr.io/paketo-buildpacks/java' });
    expect(notes.map(n => n.text)).toEqual(['spec.source.image written as spec.image: kpack v0.17 calls the buildpack image spec.image; kpack drops spec.source']);
    expect(object).toEqual(INTENTIONAL['stale-buildpack-source'](input));
  });

  test('a field kpack.io/v1alpha2 does not have is kept, with a note naming it (kpack drops it)', () => {
    const { object, notes } = convertOne(image({ sucessBuildHistoryLimit: 3 }));
    expect(object.spec.sucessBuildHistoryLimit).toBe(3);
    expect(notes).toEqual([{
      comment: '// A field kpack.io/v1alpha2 does not have (kpack drops it, without an error): kept with a JSON patch; see the notes.',
      text: 'spec.sucessBuildHistoryLimit: not a field of kpack.io/v1alpha2 Image (kpack drops it, without an error): kept with a JSON patch; check its spelling',
    }]);
  });

  test('every comment a note writes is fixed text', () => {
    const { objects } = convertObjects([image({ serviceAccount: 'x\n(globalThis as any).pwned = 1;' }, 'kpack.io/v1alpha2')]);
    expect(objects[0].notes.map(n => n.comment)).toEqual([expect.stringMatching(/^\/\/ [\x20-\x7e]+$/)]);
    expect(NOTE_COMMENTS).toContain(objects[0].notes[0].comment);
    expect(objects[0].notes[0].text).toContain('(globalThis as any).pwned');
  });
});

describe('earlier kpack generations', () => {
  test('kpack.io/v1alpha1 is written as kpack.io/v1alpha2, with kpack\'s own conversion of its fields', () => {
    const { object, notes } = convertOne(image({ serviceAccount: 'builds', cacheSize: '1.5Gi' }, 'kpack.io/v1alpha1'));
    expect(object.apiVersion).toBe('kpack.io/v1alpha2');
    expect(object.spec).toEqual({ tag: 'registry.example.com/app', builder: BUILDER, source: GIT, serviceAccountName: 'builds', cache: { volume: { size: '1.5Gi' } } });
    expect(notes.map(n => n.text)).toEqual([
      'kpack.io/v1alpha1 written as kpack.io/v1alpha2, the version kpack v0.17 converts it to and stores',
      'spec.serviceAccount written as spec.serviceAccountName',
      'spec.cacheSize written as spec.cache.volume.size',
    ]);
  });

  test('a kpack v0.1 Builder with a builder image is an error, unless --to v1alpha2 converts it', () => {
    const builder = { apiVersion: 'kpack.io/v1alpha1', kind: 'Builder', metadata: { name: 'sample-builder', namespace: 'apps' }, spec: { image: 'gcr.io/paketo-buildpacks/builder:base', updatePolicy: 'polling' } };
    expect(convertObjects([builder]).errors).toEqual([
      'Builder apps/sample-builder (kpack.io/v1alpha1): spec.image: kpack.io/v1alpha1 builders have had no builder image since kpack v0.2 (a Builder is spec.tag, spec.stack, spec.store and spec.order): migrate with --to v1alpha2 to convert it',
    ]);
    const { objects, errors } = convertObjects([builder], TO_V1ALPHA2);
    expect(errors).toEqual([]);
    expect(objects.map(o => `${o.object.kind}/${o.object.metadata.name}`)).toEqual(['ClusterStore/apps-sample-builder', 'ClusterStack/apps-sample-builder', 'Builder/sample-builder']);
    expect(objects[2].object.spec).toMatchObject({ tag: 'registry.example.com/builders/apps-sample-builder', serviceAccountName: 'builder-pusher' });
    expect(objects[2].notes.map(n => n.text)).toContain('spec.updatePolicy polling dropped: kpack v0.17 rebuilds a builder when its store, stack or order change');
    expect(objects[2].notes.map(n => n.text)).toContain('spec.serviceAccountName builder-pusher: a namespaced Builder uses an account of its own namespace (apps): it must exist there');
  });

  test('kpack v0.0.5\'s spec.builderRef becomes spec.builder { kind: Builder }, with a note', () => {
    const input = { apiVersion: 'build.pivotal.io/v1alpha1', kind: 'Image', metadata: { name: 'sample' }, spec: { builderRef: 'sample-builder', tag: 'registry.example.com/sample', source: GIT } };
    const { object, notes } = convertOne(input);
    expect(object.spec).toEqual({ builder: { kind: 'Builder', name: 'sample-builder' }, tag: 'registry.example.com/sample', source: GIT });
    expect(notes.map(n => n.text)).toEqual(['spec.builderRef (kpack v0.0.5) written as spec.builder { kind: Builder }, its name since kpack v0.0.6']);
    expect(object).toEqual(INTENTIONAL['builder-ref'](input));
  });
});

describe('fields nobody declares', () => {
  test('status, server-written metadata and the namespace of a cluster-scoped object are dropped, each with a note', () => {
    const { object, notes } = convertOne({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'ClusterStore',
      metadata: { name: 'default', namespace: 'kpack', creationTimestamp: null, resourceVersion: '42' },
      spec: { sources: [{ image: 'paketobuildpacks/go' }] },
      status: {},
    });
    expect(object).toEqual({ apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStore', metadata: { name: 'default' }, spec: { sources: [{ image: 'paketobuildpacks/go' }] } });
    expect(notes.map(n => n.text)).toEqual([
      'status dropped: kpack\'s controller writes it',
      'metadata.creationTimestamp dropped: the API server sets it',
      'metadata.resourceVersion dropped: the API server sets it',
      'metadata.namespace "kpack" dropped: ClusterStore is cluster-scoped, and the API server ignores the namespace of a cluster-scoped object',
    ]);
  });

  test('an object written twice is an error: kubectl apply keeps only the last', () => {
    const { errors } = convertObjects([image({}), image({ tag: 'registry.example.com/other' })]);
    expect(errors).toEqual(['Image apps/app (kpack.io/v1alpha2): written 2 times (objects 1, 2): kubectl apply would keep only the last: keep one']);
  });
});

describe('--to v1alpha2: kpack v0.0.8 objects for kpack v0.17', () => {
  test('the tutorial: the builder image becomes a store, a stack and a ClusterBuilder; Image and Secret get kpack v0.17\'s names', () => {
    // GIVEN the kpack v0.0.8 tutorial
    const input = seedStep(1);
    // WHEN
    const { objects, errors } = convertObjects(input, TO_V1ALPHA2);
    // THEN
    expect(errors).toEqual([]);
    const byKind = Object.fromEntries(objects.map(o => [o.object.kind, o]));
    expect(byKind.ClusterStore.object.spec).toEqual({ sources: [{ image: 'gcr.io/paketo-buildpacks/builder:base' }] });
    expect(byKind.ClusterStack.object.spec).toEqual({ id: 'io.buildpacks.stacks.bionic', buildImage: { image: 'paketobuildpacks/build:base-cnb' }, runImage: { image: 'paketobuildpacks/run:base-cnb' } });
    expect(byKind.ClusterBuilder.object).toEqual({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'ClusterBuilder',
      metadata: { name: 'default' },
      spec: {
        tag: 'registry.example.com/builders/default',
        stack: { kind: 'ClusterStack', name: 'default' },
        store: { kind: 'ClusterStore', name: 'default' },
        order: ['ruby', 'dotnet-core', 'nodejs', 'go', 'nginx', 'java-native-image', 'java', 'procfile'].map(id => ({ group: [{ id: `paketo-buildpacks/${id}` }] })),
        serviceAccountRef: { namespace: 'kpack', name: 'builder-pusher' },
      },
    });
    expect(byKind.ClusterBuilder.notes.map((n: Note) => n.text)).toEqual(['converted from the kpack v0.0.8 ClusterBuilder default (build.pivotal.io/v1alpha1): kpack v0.17 builds the builder from the store, the stack and the order of gcr.io/paketo-buildpacks/builder:base, and pushes it to registry.example.com/builders/default']);
    expect(byKind.Image.object.apiVersion).toBe('kpack.io/v1alpha2');
    expect(byKind.Image.object.spec).toMatchObject({ serviceAccountName: 'tutorial-service-account', builder: { kind: 'ClusterBuilder', name: 'default' } });
    expect(byKind.Image.object.spec).not.toHaveProperty('serviceAccount');
    expect(Object.keys(byKind.Secret.object.metadata.annotations)).toEqual(['kpack.io/docker']);
  });

  test('without a repository and a service account for the builders, or for an unknown builder image, it says what to supply', () => {
    const builder = { apiVersion: 'build.pivotal.io/v1alpha1', kind: 'ClusterBuilder', metadata: { name: 'cnb' }, spec: { image: 'cloudfoundry/cnb:bionic' } };
    const { objects, errors } = convertObjects([builder], { to: MigrationTarget.V1ALPHA2 });
    expect(objects).toEqual([]);
    expect(errors).toEqual([
      'ClusterBuilder cnb (build.pivotal.io/v1alpha1): --to v1alpha2 needs the stack and order of cloudfoundry/cnb:bionic, which cdk8s-kpack does not know (`pack builder inspect cloudfoundry/cnb:bionic` shows them): write a ClusterStack and the builder\'s order, or migrate without --to v1alpha2 to keep the kpack v0.0.8 builder',
      'ClusterBuilder cnb (build.pivotal.io/v1alpha1): --to v1alpha2 needs the repository kpack v0.17 pushes the builder to: --builder-repository <registry/repository> (the builder is pushed to <repository>/<name>)',
      'ClusterBuilder cnb (build.pivotal.io/v1alpha1): --to v1alpha2 needs the service account with push access to that repository: --builder-service-account <namespace>/<name>',
    ]);
  });
});
