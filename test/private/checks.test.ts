import { App, Chart, Testing, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BuildImage, ClusterBuilder, Kpack, KpackCrds, Source } from '../../src';
import { CROSS_CHECKS, crossCheck, crossCheckManifests, formatFindings } from '../../src/private/checks';
import { validationErrors, warningsUnder } from '../util';

/** Every error line of a synthesis of the whole app, as cdk8s reports it. */
function appErrors(app: App): string[] {
  try {
    app.synthYaml();
    return [];
  } catch (e) {
    const message = (e as Error).message;
    const prefix = 'Validation failed with the following errors:\n  ';
    if (!message.startsWith(prefix)) {
      throw e;
    }
    return message.slice(prefix.length).split('\n  ');
  }
}

function image(chart: Chart, id: string, tag = `registry.example.com/apps/${id}`, name?: string): BuildImage {
  return new BuildImage(chart, id, {
    metadata: name === undefined ? undefined : { name },
    tag,
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
    // GIVEN two files, each with the same ServiceAccount, and an Image in another namespace than its account
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
      { path: 'b.yaml#0', file: 'b.yaml', manifest: account },
    ]);

    // THEN
    expect(findings.map(f => [f.path, f.check, !!f.warning])).toEqual([
      ['a.yaml#1', 'service-account-namespace', false],
      ['b.yaml#0', 'duplicate-object', true],
    ]);
    expect(formatFindings(findings.filter(f => f.path === 'b.yaml#0')).warnings).toEqual([
      'ServiceAccount "builds" in namespace ci (v1) is also defined by a.yaml#0 (written to another file): metadata.name\n' +
      'hint: applied to one cluster, one replaces the other: rename one, unless the files go to different clusters',
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
    expect(appErrors(app)).toEqual([
      '[two/hello] Image "hello" in namespace apps (kpack.io/v1alpha2) is also defined by one/hello (written to the same file): metadata.name\n' +
      'hint: the API server keeps one object per name: on apply the later one silently replaces the earlier; rename one, or define it once',
    ]);
  });

  test('in charts written to different files are a warning', () => {
    const app = Testing.app();
    image(new Chart(app, 'one', { namespace: 'apps' }), 'hello', undefined, 'hello');
    const two = new Chart(app, 'two', { namespace: 'apps' });
    image(two, 'hello', 'registry.example.com/apps/other', 'hello');
    expect(appErrors(app)).toEqual([]);
    expect(warningsUnder(two)).toEqual([
      'Image "hello" in namespace apps (kpack.io/v1alpha2) is also defined by one/hello (written to another file): metadata.name\n' +
      'hint: applied to one cluster, one replaces the other: rename one, unless the files go to different clusters',
    ]);
  });

  test('of the same object in different namespaces are fine', () => {
    const app = Testing.app({ yamlOutputType: YamlOutputType.FILE_PER_APP });
    image(new Chart(app, 'one', { namespace: 'a' }), 'hello', 'registry.example.com/a/hello', 'hello');
    image(new Chart(app, 'two', { namespace: 'b' }), 'hello', 'registry.example.com/b/hello', 'hello');
    expect(appErrors(app)).toEqual([]);
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

describe('two Images pushing to one tag', () => {
  test('warn on the later Image', () => {
    const chart = Testing.chart();
    image(chart, 'hello', 'registry.example.com/apps/hello');
    image(chart, 'other', 'registry.example.com/apps/hello:latest');
    expect(validationErrors(chart)).toEqual([]);
    expect(warningsUnder(chart.node.findChild('other'))).toEqual([
      expect.stringMatching(/^Image "test-hello-[0-9a-f]{8}" \(test\/hello\) pushes to the same tag registry.example.com\/apps\/hello:latest: spec.tag\nhint: each build overwrites/),
    ]);
  });
});
