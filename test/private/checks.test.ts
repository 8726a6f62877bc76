import { ApiObject, App, Chart, JsonPatch, Testing, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BlobAuth, Build, BuildBuilder, BuildImage, ClusterBuilder, CredentialKind, Kpack, KpackCrds, legacy, RegistryCredentials, Source } from '../../src';
import * as checks from '../../src/private/checks';
import { CROSS_CHECKS, crossCheck, crossCheckManifests, formatFindings } from '../../src/private/checks';
import { appValidationErrors, validationErrors, warningsUnder } from '../util';
import { literalCredentialsWarning, takeWarnings } from '../warnings';

// The table's entry point, wrapped so that a test can count its runs (a module's exports cannot be spied on).
jest.mock('../../src/private/checks', () => {
  const actual = jest.requireActual('../../src/private/checks');
  return { ...actual, crossCheck: jest.fn(actual.crossCheck) };
});

/** An Image with a service account referenced by name (the `default` one is the subject of its own check). */
function image(chart: Chart, id: string, tag = `registry.example.com/apps/${id}`, name?: string): BuildImage {
  return new BuildImage(chart, id, {
    metadata: name === undefined ? undefined : { name },
    tag,
    serviceAccount: chart.node.tryFindChild('builds') ?? kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds'),
    builder: chart.node.tryFindChild('builder') as ClusterBuilder ?? ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
    source: Source.git('https://github.com/example/app', { revision: 'main' }),
  });
}

describe('the table of cross-object checks', () => {
  test('has unique ids, and each example shows its own check', () => {
    const ids = CROSS_CHECKS.map(check => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CROSS_CHECKS) {
      expect(crossCheck(check.example).filter(f => f.check === check.id)).not.toEqual([]);
    }
  });

  test('runs over plain manifests, the objects of one file as one chart', () => {
    // GIVEN a ServiceAccount written twice in one file and once in another, and an Image in another namespace than its account
    const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builds', namespace: 'ci' } };
    const imageManifest = {
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Image',
      metadata: { name: 'hello', namespace: 'apps' },
      spec: { tag: 'registry.example.com/apps/hello', serviceAccountName: 'builds' },
    };

    // WHEN
    const findings = crossCheckManifests([
      { path: 'a.yaml#0', file: 'a.yaml', manifest: account },
      { path: 'a.yaml#1', file: 'a.yaml', manifest: imageManifest },
      { path: 'a.yaml#2', file: 'a.yaml', manifest: account },
      { path: 'b.yaml#0', file: 'b.yaml', manifest: account },
    ]);

    // THEN the duplicate in one file is an error; in another file a warning (the files may go to different clusters)
    expect(findings.map(f => [f.path, f.check, !!f.warning])).toEqual([
      ['a.yaml#1', 'service-account-namespace', false],
      ['a.yaml#2', 'duplicate-object', false],
      ['b.yaml#0', 'duplicate-object', true],
    ]);
    expect(formatFindings(findings.filter(f => f.path === 'b.yaml#0')).warnings).toEqual([
      'ServiceAccount "builds" in namespace ci (v1) is also defined by a.yaml#0 (written to another file): metadata.name\n' +
      'hint: applied to one cluster, one replaces the other: rename one, unless the files go to different clusters',
    ]);
    expect(formatFindings(findings.filter(f => f.path === 'a.yaml#2')).errors).toEqual([
      'ServiceAccount "builds" in namespace ci (v1) is also defined by a.yaml#0 (in the same file): metadata.name\n' +
      'hint: the API server keeps one object per name: on apply the later one silently replaces the earlier; rename one, or define it once',
    ]);
  });

  test('knows ssh git credentials from the Secrets of the files', () => {
    const objects = (secretType: string) => [
      { apiVersion: 'v1', kind: 'Secret', type: secretType, metadata: { name: 'key', namespace: 'apps', annotations: { 'kpack.io/git': 'github.com' } } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builds', namespace: 'apps' }, secrets: [{ name: 'key' }] },
      {
        apiVersion: 'kpack.io/v1alpha2',
        kind: 'Image',
        metadata: { name: 'hello', namespace: 'apps' },
        spec: { serviceAccountName: 'builds', source: { git: { url: 'git@github.com:example/private.git', revision: 'main' } } },
      },
    ].map((manifest, i) => ({ path: `f#${i}`, file: 'f', manifest }));
    expect(crossCheckManifests(objects('kubernetes.io/ssh-auth'))).toEqual([]);
    expect(crossCheckManifests(objects('kubernetes.io/basic-auth')).map(f => f.check)).toEqual(['ssh-credentials']);
  });
});

describe('the cross-object checks at synth', () => {
  afterEach(() => jest.restoreAllMocks());

  test('GIVEN 20 charts WHEN the app is synthesized THEN the table runs once, not once per validation pass', () => {
    // GIVEN
    const app = Testing.app();
    for (let i = 0; i < 20; i++) {
      image(new Chart(app, `c${i}`, { namespace: 'apps' }), `hello-${i}`);
    }
    const runs = jest.mocked(checks.crossCheck);
    runs.mockClear();

    // WHEN
    app.synthYaml();
    app.synthYaml();

    // THEN: cdk8s validates the app 21 times per synthesis; nothing changed between the two synths
    expect(runs).toHaveBeenCalledTimes(1);
  });

  test('GIVEN a clean synthesis WHEN an object is added behind the library THEN the next synthesis sees it', () => {
    // GIVEN
    const app = new App();
    const chart = new Chart(app, 'apps', { namespace: 'apps' });
    image(chart, 'hello');
    app.synthYaml();

    // WHEN
    new ApiObject(new Chart(app, 'more', { namespace: 'apps' }), 'copy', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'Copy_Of_Hello' } });

    // THEN
    expect(appValidationErrors(app)).toEqual([expect.stringMatching(/^\[more\/copy\] invalid value: Copy_Of_Hello: metadata.name\n/)]);
  });

  test('GIVEN a check that read a ServiceAccount WHEN a secret is added to it behind the library THEN the next synthesis reads it again', () => {
    // GIVEN: an ssh source, and an account whose one secret (added by the library) is no ssh key
    const chart = Testing.chart();
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
    RegistryCredentials.fromSecretName(chart, 'hub', 'hub', CredentialKind.DOCKER_CONFIG_JSON).addTo(serviceAccount);
    new BuildImage(chart, 'hello', {
      tag: 'registry.example.com/apps/hello',
      builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      source: Source.git('git@github.com:example/private.git', { revision: 'main' }),
      serviceAccount,
    });
    expect(validationErrors(chart)).toEqual([expect.stringMatching(/holds no ssh git credentials/)]);

    // WHEN: a secret of a kind the library does not know is added with cdk8s-plus
    serviceAccount.addSecret(kplus.Secret.fromSecretName(chart, 'key', 'ssh-key'));

    // THEN: the account may hold an ssh key now
    expect(validationErrors(chart)).toEqual([]);
  });
});

describe('duplicate objects at synth', () => {
  test('in one chart are an error on the later one', () => {
    // GIVEN
    const chart = Testing.chart();
    image(chart, 'hello', undefined, 'hello');
    image(chart, 'copy', 'registry.example.com/apps/copy', 'hello');

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[test/copy] Image "hello" (kpack.io/v1alpha2) is also defined by test/hello (in the same chart): metadata.name\n' +
      'hint: the API server keeps one object per name: on apply the later one silently replaces the earlier; rename one, or define it once',
    ]);
  });

  test('of plain Kubernetes objects are reported on their construct', () => {
    const chart = Testing.chart();
    image(chart, 'hello');
    new kplus.ServiceAccount(chart, 'a', { metadata: { name: 'builds' } });
    new kplus.ServiceAccount(chart, 'b', { metadata: { name: 'builds' } });
    expect(validationErrors(chart)).toEqual([
      '[test/b] ServiceAccount "builds" (v1) is also defined by test/a (in the same chart): metadata.name\n' +
      'hint: the API server keeps one object per name: on apply the later one silently replaces the earlier; rename one, or define it once',
    ]);
  });

  test('in charts written to the same file are an error', () => {
    const app = Testing.app({ yamlOutputType: YamlOutputType.FILE_PER_APP });
    image(new Chart(app, 'one', { namespace: 'apps' }), 'hello', undefined, 'hello');
    image(new Chart(app, 'two', { namespace: 'apps' }), 'hello', 'registry.example.com/apps/other', 'hello');
    expect(appValidationErrors(app)).toEqual([
      '[two/hello] Image "hello" in namespace apps (kpack.io/v1alpha2) is also defined by one/hello (written to the same file): metadata.name\n' +
      'hint: the API server keeps one object per name: on apply the later one silently replaces the earlier; rename one, or define it once',
    ]);
  });

  test('in charts written to different files are a warning on the later one, with its construct path (a chart per cluster)', () => {
    // GIVEN one Image in two charts, each chart its own output file
    const app = Testing.app();
    image(new Chart(app, 'one', { namespace: 'apps' }), 'hello', undefined, 'hello');
    image(new Chart(app, 'two', { namespace: 'apps' }), 'hello', 'registry.example.com/apps/other', 'hello');

    // WHEN synthesized THEN no error: applied to different clusters the files are fine; applied to one, the later
    // file's Image replaces the earlier's
    expect(appValidationErrors(app)).toEqual([]);
    expect(takeWarnings()).toEqual([
      '[two/hello] warning: Image "hello" in namespace apps (kpack.io/v1alpha2) is also defined by one/hello (written to another file): metadata.name',
      'hint: applied to one cluster, one replaces the other: rename one, unless the files go to different clusters',
    ]);
  });

  test('of the same object in different namespaces are fine', () => {
    const app = Testing.app({ yamlOutputType: YamlOutputType.FILE_PER_APP });
    image(new Chart(app, 'one', { namespace: 'a' }), 'hello', 'registry.example.com/a/hello', 'hello');
    image(new Chart(app, 'two', { namespace: 'b' }), 'hello', 'registry.example.com/b/hello', 'hello');
    expect(appValidationErrors(app)).toEqual([]);
  });

  test('a second kpack install is one error, on the install', () => {
    const chart = Testing.chart();
    new Kpack(chart, 'kpack', { crds: KpackCrds.EXCLUDE });
    new Kpack(chart, 'again', { crds: KpackCrds.EXCLUDE });
    const errors = validationErrors(chart);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[test\/again\] kpack is also installed by test\/kpack \(in the same chart\): both write Namespace "kpack" and the rest of the install\nhint: one cluster runs one kpack/);
  });

  test('a fix is seen by the next synthesis', () => {
    const chart = Testing.chart();
    image(chart, 'hello', undefined, 'hello');
    const copy = image(chart, 'copy', 'registry.example.com/apps/copy', 'hello');
    expect(validationErrors(chart)).toHaveLength(1);
    copy.node.tryRemoveChild('Resource');
    expect(validationErrors(chart)).toEqual([]);
  });
});

describe('names the API server refuses', () => {
  test('a kpack object, a Secret and a ServiceAccount need a DNS subdomain; the path names the construct', () => {
    const chart = Testing.chart();
    image(chart, 'hello', undefined, 'Hello_App');
    new kplus.Secret(chart, 'secret', { metadata: { name: 'My_Secret' } });
    new kplus.ServiceAccount(chart, 'sa', { metadata: { name: `${'a'.repeat(250)}.bcd` } });
    expect(validationErrors(chart)).toEqual([
      `[test/hello] invalid value: Hello_App: metadata.name\n${SUBDOMAIN}\nhint: the API server refuses a Image whose name is not a DNS subdomain: use lowercase letters, digits and '-' (and '.')`,
      `[test/secret] invalid value: My_Secret: metadata.name\n${SUBDOMAIN}\nhint: the API server refuses a Secret whose name is not a DNS subdomain: use lowercase letters, digits and '-' (and '.')`,
      `[test/sa] invalid value: ${'a'.repeat(250)}.bcd: metadata.name\nmust be no more than 253 characters\nhint: the API server refuses a ServiceAccount whose name is not a DNS subdomain: use lowercase letters, digits and '-' (and '.')`,
    ]);
  });

  test('a Namespace needs a DNS label', () => {
    const chart = Testing.chart();
    image(chart, 'hello');
    new kplus.Namespace(chart, 'ns', { metadata: { name: 'team.a' } });
    expect(validationErrors(chart)).toEqual([
      `[test/ns] invalid value: team.a: metadata.name\n${LABEL}\nhint: the API server refuses a Namespace whose name is not a DNS label: use lowercase letters, digits and '-'`,
    ]);
  });

  test('generated names are checked too: cdk8s lowercases them, but keeps `_`', () => {
    const app = Testing.app();
    image(new Chart(app, 'TeamA'), 'Hello', 'registry.example.com/apps/a');
    const chart = new Chart(app, 'team_b');
    image(chart, 'hello', 'registry.example.com/apps/b');
    expect(validationErrors(chart)).toEqual([
      expect.stringMatching(/^\[team_b\/hello\] invalid value: team_b-hello-[0-9a-f]{8}: metadata.name\n/),
    ]);
  });
});

describe('blob sources authenticating with a secret', () => {
  test('fail when the service account holds no blob credentials', () => {
    // GIVEN
    const chart = Testing.chart();
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
    RegistryCredentials.fromSecretName(chart, 'hub', 'hub', CredentialKind.DOCKER_CONFIG_JSON).addTo(serviceAccount);

    // WHEN
    new BuildImage(chart, 'hello', {
      tag: 'registry.example.com/apps/hello',
      builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      source: Source.blob('https://storage.example.com/app.zip', { auth: BlobAuth.SECRET }),
      serviceAccount,
    });

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[test/hello] the blob https://storage.example.com/app.zip is downloaded with a secret, but service account "builds" holds no blob credentials: spec.serviceAccountName\n' +
      'hint: add RegistryCredentials.blobBasicAuth(...) to the service account with addTo(), or leave auth out for a public blob',
    ]);

    // WHEN the credentials are added
    RegistryCredentials.fromSecretName(chart, 'storage', 'storage', CredentialKind.BLOB_BASIC_AUTH).addTo(serviceAccount);
    expect(validationErrors(chart)).toEqual([]);
  });
});

describe('tags nobody can push to', () => {
  test('a single-component tag warns; user/app is fine', () => {
    const chart = Testing.chart();
    image(chart, 'hello', 'hello');
    image(chart, 'other', 'team/other');
    expect(validationErrors(chart)).toEqual([]);
    expect(warningsUnder(chart.node.findChild('hello'))).toEqual([
      'the tag hello is Docker Hub\'s library/hello, where only Docker publishes: spec.tag\n' +
      'hint: write the registry and repository: docker.io/<user>/hello, or registry.example.com/<team>/hello',
    ]);
    expect(warningsUnder(chart.node.findChild('other'))).toEqual([]);
    expect(takeWarnings()).toEqual([
      '[test/hello] warning: the tag hello is Docker Hub\'s library/hello, where only Docker publishes: spec.tag',
      'hint: write the registry and repository: docker.io/<user>/hello, or registry.example.com/<team>/hello',
    ]);
  });
});

describe('an Image on the default service account', () => {
  function defaultAccountImage(chart: Chart, id: string, tag: string): BuildImage {
    return new BuildImage(chart, id, {
      tag,
      builder: ClusterBuilder.fromClusterBuilderName(chart, `${id}-builder`, 'default'),
      source: Source.git('https://github.com/example/app', { revision: 'main' }),
    });
  }
  const hint = 'hint: kpack pushes with the secrets of the Image\'s service account: give it a serviceAccount holding RegistryCredentials for the registry, or make sure the default one has them';

  test('warns with its construct path when no credential of the app is for its tag\'s registry: the build pod cannot push', () => {
    // GIVEN
    const chart = Testing.chart();
    defaultAccountImage(chart, 'hello', 'registry.example.com/apps/hello');
    image(chart, 'named');

    // WHEN synthesized THEN no error; a warning on the Image without an account of its own
    expect(validationErrors(chart)).toEqual([]);
    expect(warningsUnder(chart.node.findChild('named'))).toEqual([]);
    expect(takeWarnings()).toEqual([
      '[test/hello] warning: the Image pushes to registry.example.com with the "default" service account, and no credentials in the app are for registry.example.com: spec.serviceAccountName',
      hint,
    ]);
  });

  test('a credential of the app for the registry (Docker Hub under any of its names) silences it; one for another registry does not', () => {
    // GIVEN credentials for Docker Hub (as https://index.docker.io/v1/) and for gcr.io, not on any account of the app
    const chart = Testing.chart();
    RegistryCredentials.dockerConfigJson(chart, 'hub', { metadata: { name: 'hub' }, registry: 'https://index.docker.io/v1/', username: 'u', password: 'p' });
    RegistryCredentials.dockerConfigJson(chart, 'gcr', { metadata: { name: 'gcr' }, registry: 'gcr.io', username: 'u', password: 'p' });
    defaultAccountImage(chart, 'hub-image', 'docker.io/team/app');
    defaultAccountImage(chart, 'ghcr-image', 'ghcr.io/team/app');

    // WHEN synthesized THEN the Image pushing to ghcr.io warns
    expect(validationErrors(chart)).toEqual([]);
    expect(takeWarnings()).toEqual([
      literalCredentialsWarning('test/hub', 'hub', 'DOCKER_CONFIG_JSON'),
      literalCredentialsWarning('test/gcr', 'gcr', 'DOCKER_CONFIG_JSON'),
      '[test/ghcr-image] warning: the Image pushes to ghcr.io with the "default" service account, and no credentials in the app are for ghcr.io: spec.serviceAccountName',
      hint,
    ]);
  });

  test('on kpack v0.0.8 too, where a basic-auth credential says its registry in build.pivotal.io/docker', () => {
    const chart = Testing.chart();
    legacy.RegistryCredentials.dockerBasicAuth(chart, 'hub', { metadata: { name: 'hub' }, registry: 'index.docker.io', username: 'u', password: 'p' });
    const legacyImage = (id: string, tag: string) => new legacy.BuildImage(chart, id, {
      tag,
      builder: legacy.ClusterBuilder.fromClusterBuilderName(chart, `${id}-builder`, 'default'),
      source: legacy.Source.git('https://github.com/example/app', { revision: 'main' }),
    });
    legacyImage('hub-image', 'team/app');
    legacyImage('private', 'registry.example.com/team/app');
    expect(validationErrors(chart)).toEqual([]);
    expect(takeWarnings()).toEqual([
      literalCredentialsWarning('test/hub', 'hub', 'DOCKER_BASIC_AUTH', 'legacy.RegistryCredentials'),
      '[test/private] warning: the Image pushes to registry.example.com with the "default" service account, and no credentials in the app are for registry.example.com: spec.serviceAccount',
      hint,
    ]);
  });
});

describe('two Images pushing to one tag', () => {
  test('warn on the later Image, naming the earlier one: each build overwrites the other\'s image', () => {
    // GIVEN two Images of one tag (the second with the registry's defaults written out), and one of its own
    const chart = Testing.chart();
    image(chart, 'hello', 'team/hello');
    image(chart, 'copy', 'index.docker.io/team/hello:latest');
    image(chart, 'other', 'team/other');

    // WHEN synthesized THEN no error, a warning on the second Image with its construct path
    expect(validationErrors(chart)).toEqual([]);
    expect(warningsUnder(chart.node.findChild('copy'))).toEqual([
      'Image "test-hello-c8e41d0c" (test/hello) pushes to the same tag index.docker.io/team/hello:latest: spec.tag\n' +
      'hint: each build overwrites the other Image\'s latest image: give each Image its own tag',
    ]);
    expect(warningsUnder(chart.node.findChild('hello'))).toEqual([]);
    expect(warningsUnder(chart.node.findChild('other'))).toEqual([]);
    expect(takeWarnings()).toEqual([
      '[test/copy] warning: Image "test-hello-c8e41d0c" (test/hello) pushes to the same tag index.docker.io/team/hello:latest: spec.tag',
      'hint: each build overwrites the other Image\'s latest image: give each Image its own tag',
    ]);
  });

  test('in different charts and output files too; different tags of one repository are fine', () => {
    const app = Testing.app();
    image(new Chart(app, 'one', { namespace: 'apps' }), 'hello', 'registry.example.com/apps/hello:1', 'hello');
    image(new Chart(app, 'two', { namespace: 'ci' }), 'hello', 'registry.example.com/apps/hello:1', 'hello');
    image(new Chart(app, 'three', { namespace: 'ci' }), 'next', 'registry.example.com/apps/hello:2', 'next');
    expect(appValidationErrors(app)).toEqual([]);
    expect(takeWarnings()).toEqual([
      '[two/hello] warning: Image "hello" in namespace apps (one/hello) pushes to the same tag registry.example.com/apps/hello:1: spec.tag',
      'hint: each build overwrites the other Image\'s latest image: give each Image its own tag',
    ]);
  });
});

describe('a one-off Build of a branch', () => {
  function build(chart: Chart, id: string, revision: string) {
    return new Build(chart, id, {
      tags: [`registry.example.com/apps/${id}`],
      builder: BuildBuilder.fromBuilder(ClusterBuilder.fromClusterBuilderName(chart, `${id}-builder`, 'default')),
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, `${id}-sa`, 'builds'),
      source: Source.git('https://github.com/example/app', { revision }),
    });
  }

  test('warns; a commit or a version tag does not', () => {
    const chart = Testing.chart();
    build(chart, 'branch', 'main');
    build(chart, 'commit', '0123abcd');
    build(chart, 'release', 'v1.2.0');
    expect(validationErrors(chart)).toEqual([]);
    expect(warningsUnder(chart.node.findChild('branch'))).toEqual([
      'revision main looks like a branch: a Build builds once, the commit the branch points to when its pod clones it: spec.source.git.revision\n' +
      'hint: pin a commit sha for a build you can repeat, or use a BuildImage, which follows the branch and rebuilds on new commits',
    ]);
    expect(warningsUnder(chart.node.findChild('commit'))).toEqual([]);
    expect(warningsUnder(chart.node.findChild('release'))).toEqual([]);
    expect(takeWarnings()).toEqual([
      '[test/branch] warning: revision main looks like a branch: a Build builds once, the commit the branch points to when its pod clones it: spec.source.git.revision',
      'hint: pin a commit sha for a build you can repeat, or use a BuildImage, which follows the branch and rebuilds on new commits',
    ]);
  });
});

describe('sources that cannot be fetched', () => {
  test('a git URL without a scheme fails at synth with the construct path', () => {
    const chart = Testing.chart();
    new BuildImage(chart, 'hello', {
      tag: 'registry.example.com/apps/hello',
      builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builds'),
      source: Source.git('github.com/example/app', { revision: 'main' }),
    });
    expect(validationErrors(chart)).toEqual([
      '[test/hello] invalid value: github.com/example/app: spec.source.git.url\n' +
      'hint: git reads a URL without a scheme as a local path, and the build cannot clone it: write https://github.com/example/app (or git@host:org/repo.git over ssh)',
    ]);
  });

  test('a relative blob URL fails at synth', () => {
    const chart = Testing.chart();
    new BuildImage(chart, 'hello', {
      tag: 'registry.example.com/apps/hello',
      builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builds'),
      source: Source.blob('storage.example.com/app.zip'),
    });
    expect(validationErrors(chart)).toEqual([
      '[test/hello] invalid value: storage.example.com/app.zip: spec.source.blob.url\n' +
      'hint: kpack downloads the blob with an HTTP client, which needs an absolute URL: write https://host/path',
    ]);
  });
});

describe('a patched object', () => {
  test('is checked by the cross-object checks as patched', () => {
    const chart = Testing.chart();
    const hello = image(chart, 'hello');
    ApiObject.of(hello).addJsonPatch(JsonPatch.replace('/metadata/name', 'Hello'));
    expect(validationErrors(chart)).toEqual([
      `[test/hello] invalid value: Hello: metadata.name\n${SUBDOMAIN}\nhint: the API server refuses a Image whose name is not a DNS subdomain: use lowercase letters, digits and '-' (and '.')`,
    ]);
  });
});

const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
