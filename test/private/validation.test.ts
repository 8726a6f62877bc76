import * as path from 'path';
import { formatFieldErrors, validateKpackObject } from '../../src/private/validation';
import { VALID } from '../rule-cases';
import { FIXTURES, Manifest, readManifests } from '../util';

const V1ALPHA2 = 'kpack.io/v1alpha2';
const LEGACY = 'build.pivotal.io/v1alpha1';

/** The messages kpack's webhook (and the library's own rules) give for an object. */
function problems(object: Manifest): string[] | undefined {
  const errors = validateKpackObject(object);
  // Hints are the library's; kpack's text is what these tests pin down.
  return errors && formatFieldErrors(errors).map(message => message.replace(/\nhint: .*$/s, ''));
}

// The smallest valid objects of the rule cases.
const IMAGE = VALID[`${V1ALPHA2}/Image`];

function image(spec: Record<string, unknown>, metadata: Record<string, unknown> = IMAGE.metadata): Manifest {
  return { ...IMAGE, metadata, spec: { ...IMAGE.spec, ...spec } };
}

const CLUSTER_BUILDER = VALID[`${V1ALPHA2}/ClusterBuilder`];

function clusterBuilder(spec: Record<string, unknown>): Manifest {
  return { ...CLUSTER_BUILDER, spec: { ...CLUSTER_BUILDER.spec, ...spec } };
}

describe('kpack v0.17 webhook rules', () => {
  test('the smallest valid objects pass', () => {
    expect(problems(IMAGE)).toEqual([]);
    expect(problems(CLUSTER_BUILDER)).toEqual([]);
  });

  test.each<[string, Manifest, string[]]>([
    ['no source', image({ source: {} }), ['expected exactly one, got neither: spec.source.blob, spec.source.git, spec.source.registry']],
    ['two sources', image({ source: { git: { url: 'u', revision: 'r' }, blob: { url: 'https://example.com/u' } } }), ['expected exactly one, got both: spec.source.blob, spec.source.git']],
    ['three sources', image({ source: { git: {}, blob: {}, registry: {} } }), ['expected exactly one, got both: spec.source.blob, spec.source.git, spec.source.registry']],
    ['git without url and revision', image({ source: { git: {} } }), ['missing field(s): spec.source.git.revision, spec.source.git.url']],
    ['blob without url', image({ source: { blob: {} } }), ['missing field(s): spec.source.blob.url']],
    ['blob auth', image({ source: { blob: { url: 'https://example.com/u', auth: 'token' } } }), ["invalid value: token: spec.source.blob.auth\nmust be one of '', 'helper', or 'secret'"]],
    ['blob stripComponents', image({ source: { blob: { url: 'https://example.com/u', stripComponents: -1 } } }), ['expected positive integer got -1: spec.source.blob.stripComponents']],
    ['registry image', image({ source: { registry: { image: 'NotValid@@!' } } }), ['invalid value: NotValid@@!: spec.source.registry.image']],
    ['registry without image', image({ source: { registry: {} } }), ['missing field(s): spec.source.registry.image']],
    ['builder name', image({ builder: { kind: 'Foo' } }), ['missing field(s): spec.builder.name']],
    ['builder kind', image({ builder: { name: 'b', kind: 'CustomBuilder' } }), ['invalid value: CustomBuilder: spec.builder.kind']],
    ['additional tag', image({ additionalTags: ['registry.example.com/ok', 'bad@@'] }), ['invalid value: bad@@: spec.additionalTags[1]']],
    ['additional tag registry', image({ tag: 'valid/tag', additionalTags: ['gcr.io/valid/tag'] }), ['all additionalTags must have the same registry as tag: spec.additionalTags\nexpected registry: index.docker.io, got: gcr.io']],
    ['service name', image({ build: { services: [{ kind: 'Secret' }, { name: '&', kind: 'Secret' }, { name: 'db' }] } }), [
      'invalid value: &: spec.build.services[1].name',
      'missing field(s): spec.build.services[0].name, spec.build.services[2].kind',
    ]],
    ['duplicate service', image({ build: { services: [{ name: 'db', kind: 'Secret' }, { name: 'db', kind: 'Secret' }] } }), [
      'duplicate service name "db": spec.build.services[0].name, spec.build.services[1].name',
    ]],
    ['creation time', image({ build: { creationTime: 'yesterday' } }), ['invalid value: yesterday: spec.build.creationTime']],
    ['node selector os', image({ build: { nodeSelector: { 'kubernetes.io/os': 'linux' }, creationTime: 'bad' } }), ['invalid key name "kubernetes.io/os": spec.build.nodeSelector\nos is determined automatically']],
    ['env from secret', image({ build: { env: [{ name: 'A', value: 'a' }, { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] } }), [
      'secretKeyRef is not supported for build environment variables: spec.build.env[1].valueFrom.secretKeyRef',
    ]],
    ['cnb bindings', image({ build: { cnbBindings: [{ name: 'b' }] } }), ['use of this field has been deprecated in v1alpha2, please use v1alpha1 for CNB bindings: spec.build.cnbBindings']],
    ['notary', image({ notary: { v1: { url: 'u' } } }), ['use of this field has been deprecated in v1alpha2, please use v1alpha1 for notary image signing: spec.notary']],
    ['cosign annotations', image({ cosign: { annotations: [{ value: 'v' }, { name: 'n' }] } }), ['missing field(s): spec.cosign.annotations[0].name, spec.cosign.annotations[1].value']],
    ['two caches', image({ cache: { volume: { size: '1G' }, registry: { tag: 'a/b' } } }), ['only one type of cache can be specified: spec.cache.registry, spec.cache.volume']],
    ['history limits, failed first', image({ failedBuildHistoryLimit: 0, successBuildHistoryLimit: 0 }), ['build history limit must be greater than 0: spec.failedBuildHistoryLimit']],
    ['history limits, success', image({ successBuildHistoryLimit: -2 }), ['build history limit must be greater than 0: spec.successBuildHistoryLimit']],
    ['tag and builder kind together', image({ tag: '', builder: { name: 'b', kind: '' } }), ['invalid value: : spec.builder.kind', 'missing field(s): spec.tag']],
    ['name characters', image({}, { name: '@NOT!!!VALID!!!' }), [
      "invalid image name: @NOT!!!VALID!!!, name must be a valid label: metadata.name\na valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]],
    ['cache size that does not parse: kpack cannot decode the object, and says only that', image({ tag: '', cache: { volume: { size: '1.5 GB' } } }), [
      "cannot decode incoming new object: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]],
  ])('Image: %s', (_case, object, expected) => {
    expect(problems(object)).toEqual(expected);
  });

  test.each<[string, Manifest, string[]]>([
    ['service account name first, alone', clusterBuilder({ serviceAccountRef: { namespace: 'kpack' }, tag: '' }), ['missing field(s): spec.serviceAccountRef.name']],
    ['no service account reference at all', clusterBuilder({ serviceAccountRef: undefined }), ['missing field(s): spec.serviceAccountRef.name']],
    ['paths without spec.', clusterBuilder({ tag: '', stack: { name: 'base' } }), ['invalid value: : stack.kind', 'missing field(s): tag']],
    ['store kind', clusterBuilder({ store: { kind: 'Store' } }), ['invalid value: Store: store.kind\nmust be one of ClusterStore', 'missing field(s): store.name']],
    ['store name alone is fine', clusterBuilder({ store: { kind: 'ClusterStore' } }), []],
    ['order entry kind', clusterBuilder({ order: [{ group: [{ name: 'go', kind: 'Extension' }] }] }), ['invalid value: Extension: order[0].group[0].kind\nmust be one of Buildpack, ClusterBuildpack']],
    ['order entry image', clusterBuilder({ order: [{ group: [{ image: 'gcr.io/go' }] }] }), ['must not set the field(s): order[0].group[0].image reference currently not supported']],
    ['order entry empty', clusterBuilder({ order: [{ group: [{ id: 'a' }] }, { group: [{}, { name: 'go', kind: 'ClusterBuildpack' }] }] }), [
      'expected exactly one, got neither: order[1].group[0].id, order[1].group[0].image, order[1].group[0].name + kind',
    ]],
  ])('ClusterBuilder: %s', (_case, object, expected) => {
    expect(problems(object)).toEqual(expected);
  });

  test('Builder: kpack defaults the stack and store kinds and the service account', () => {
    expect(problems({ apiVersion: V1ALPHA2, kind: 'Builder', metadata: { name: 'b' }, spec: { tag: 'r.io/builder', stack: { name: 'base' }, order: [{ group: [{ id: 'go' }] }] } })).toEqual([]);
    expect(problems({ apiVersion: V1ALPHA2, kind: 'Builder', metadata: { name: 'b' }, spec: { stack: { kind: 'ClusterStack' }, order: [{ group: [{ id: 'go' }] }] } }))
      .toEqual(['missing field(s): spec.stack.name, spec.tag']);
  });

  test('ClusterStack and ClusterStore', () => {
    expect(problems({ apiVersion: V1ALPHA2, kind: 'ClusterStack', spec: { serviceAccountRef: { name: 'a' } } }))
      .toEqual(['missing field(s): spec.serviceAccountRef.namespace']);
    expect(problems({ apiVersion: V1ALPHA2, kind: 'ClusterStack', spec: { buildImage: { image: '@INAVALID!' } } }))
      .toEqual(['invalid value: @INAVALID!: spec.buildImage.image', 'missing field(s): spec.id, spec.runImage.image']);
    expect(problems({ apiVersion: V1ALPHA2, kind: 'ClusterStore', spec: { sources: [] } })).toEqual(['missing field(s): spec.sources']);
    expect(problems({ apiVersion: V1ALPHA2, kind: 'ClusterStore', spec: { sources: [{ image: 'cloudfoundry/cnb:bionic' }, {}] } }))
      .toEqual(['invalid value: {}: spec.sources[1]']);
  });

  test('kinds kpack does not validate are not judged', () => {
    expect(problems({ apiVersion: V1ALPHA2, kind: 'SourceResolver', spec: {} })).toBeUndefined();
    expect(problems({ apiVersion: 'v1', kind: 'Secret' })).toBeUndefined();
  });
});

describe('kpack v0.0.8 webhook rules', () => {
  const legacyImage = (spec: Record<string, unknown>) => ({
    apiVersion: LEGACY,
    kind: 'Image',
    metadata: { name: 'app' },
    spec: { tag: 'app/tag', builder: { name: 'b', kind: 'CustomBuilder' }, source: { blob: { url: 'https://example.com/u' } }, ...spec },
  });

  test('the tutorial\'s manifests pass', () => {
    const objects = ['01-cluster-builder.yml', '04-hello-golang.yml', '05-hello-golang-revision-bump.yml', '06-cluster-builder-tiny.yml']
      .flatMap(file => readManifests(path.join(FIXTURES, 'tutorial', file)));
    expect(objects.map(problems)).toEqual([[], [], [], []]);
  });

  test.each<[string, Manifest, string[]]>([
    ['custom builder kinds are accepted', legacyImage({}), []],
    ['empty builder kind', legacyImage({ builder: { name: 'b', kind: '' } }), ['invalid value: : spec.builder.kind']],
    ['tag and kind together, sorted by message', legacyImage({ tag: '', builder: { name: 'b', kind: 'Foo' } }), ['invalid value: Foo: spec.builder.kind', 'missing field(s): spec.tag']],
    ['digest tag', legacyImage({ tag: 'some/app@sha256:' + 'a'.repeat(64) }), ['invalid value: some/app@sha256:' + 'a'.repeat(64) + ': spec.tag']],
    ['v0.17 blob fields are not v0.0.8 rules', legacyImage({ source: { blob: { url: 'https://example.com/u', auth: 'x' } } }), []],
  ])('Image: %s', (_case, object, expected) => {
    expect(problems(object)).toEqual(expected);
  });

  test('Build: an empty tag among the tags is an invalid value, as kpack v0.0.8 reports it (its webhook code, test/conformance/)', () => {
    // GIVEN
    const build = {
      apiVersion: LEGACY,
      kind: 'Build',
      metadata: { name: 'build' },
      spec: { tags: ['', 'app/tag'], builder: { image: 'gcr.io/paketo-buildpacks/builder:base' }, source: { git: { url: 'u', revision: 'r' } } },
    };
    // THEN
    expect(problems(build)).toEqual(['invalid value: : spec.tags[0]']);
  });
});
