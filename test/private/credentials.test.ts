import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Build, BuildBuilder, BuildImage, ClusterBuilder, legacy, RegistryCredentials, Source } from '../../src';
import { hasUserinfoCredentials, isSecretEnvName } from '../../src/private/credentials';
import { warningsUnder } from '../util';
import { takeWarnings } from '../warnings';

const MARKER = 'MARKER-0u751de';

/** Synthesizes, and returns the warnings recorded on the constructs and the warning lines printed. */
function synthWarnings(chart: ReturnType<typeof Testing.chart>): { warnings: string[]; printed: string; yaml: string } {
  const yaml = JSON.stringify(Testing.synth(chart));
  return { warnings: warningsUnder(chart), printed: takeWarnings().join('\n'), yaml };
}

describe('hasUserinfoCredentials', () => {
  test.each([
    `https://user:${MARKER}@github.com/org/app`,
    `https://${MARKER}@github.com/org/app`,
    `http://user:p@ss/${MARKER}@proxy.example.com:3128`,
    `ssh://git:${MARKER}@github.com/org/app`,
    `user:${MARKER}@registry.example.com/kpack`,
  ])('%s holds credentials', value => {
    expect(hasUserinfoCredentials(value)).toBe(true);
  });

  test.each([
    'https://github.com/org/app',
    'ssh://git@github.com/org/app.git',
    'git@github.com:org/app.git',
    'registry.example.com:5000/app@sha256:' + 'a'.repeat(64),
    'app:1.0@sha256:' + 'b'.repeat(64),
    'https://storage.example.com/app.tgz?X-Amz-Signature=abc',
  ])('%s holds none', value => {
    expect(hasUserinfoCredentials(value)).toBe(false);
  });
});

describe('isSecretEnvName', () => {
  test.each(['DB_PASSWORD', 'GITHUB_TOKEN', 'api_key', 'AWS_SECRET_ACCESS_KEY', 'KEY', 'SSH_PRIVATE_KEY', 'NPM_AUTH_TOKEN', 'passwd', 'REGISTRY_CREDENTIALS'])('%s looks secret', name => {
    expect(isSecretEnvName(name)).toBe(true);
  });
  test.each(['BP_JVM_VERSION', 'BP_KEYBOARD_LAYOUT', 'MONKEY', 'BP_GO_TARGETS', 'HTTP_PROXY'])('%s does not', name => {
    expect(isSecretEnvName(name)).toBe(false);
  });
});

describe('a credential outside a Secret warns, redacted', () => {
  test('userinfo in a git URL of an Image', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new BuildImage(chart, 'image', {
      tag: 'registry.example.com/apps/app',
      builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      source: Source.git(`https://ci:${MARKER}@github.com/org/app`, { revision: 'main' }),
    });
    const { warnings, printed } = synthWarnings(chart);

    // THEN
    expect(warnings).toContain('spec.source.git.url (https://***@github.com/org/app) holds credentials in its URL, written in plain text into the Image: '
      + 'put them in a Secret (RegistryCredentials) and give the URL without them');
    expect(printed).toContain('[test/image] warning: spec.source.git.url (https://***@github.com/org/app) holds credentials');
    expect(JSON.stringify(warnings) + printed).not.toContain(MARKER);
  });

  test('userinfo in a blob URL of a Build, and a token in its env; valueFrom never warns', () => {

    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new Build(chart, 'build', {
      tags: ['registry.example.com/apps/app:1'],
      builder: BuildBuilder.fromImage('paketobuildpacks/builder-jammy-base'),
      source: Source.blob(`https://${MARKER}@storage.example.com/app.tgz`),
      env: {
        GITHUB_TOKEN: kplus.EnvValue.fromValue(MARKER),
        NPM_TOKEN: kplus.EnvValue.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'npm', 'npm'), 'token'),
        BP_NODE_VERSION: kplus.EnvValue.fromValue('20'),
      },
    });
    const { warnings } = synthWarnings(chart);

    // THEN
    expect(warnings).toEqual([
      'spec.env GITHUB_TOKEN looks like a secret, and its value is written in plain text into the YAML: '
      + 'give the build the secret as a service binding instead (the `services` prop: a Secret, which the build reads as a file)',
      'spec.source.blob.url (https://***@storage.example.com/app.tgz) holds credentials in its URL, written in plain text into the Build: '
      + 'put them in a Secret (RegistryCredentials) and give the URL without them',
    ]);
    expect(JSON.stringify(warnings)).not.toContain(MARKER);
  });

  test('an env var of a legacy Image, added later, whose value is a URL with userinfo', () => {
    const chart = Testing.chart();
    const image = new legacy.BuildImage(chart, 'image', {
      tag: 'registry.example.com/apps/app',
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds'),
      builder: legacy.ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      source: legacy.Source.git('https://github.com/org/app', { revision: 'main' }),
    });
    image.addEnv('GOPROXY', kplus.EnvValue.fromValue(`https://user:${MARKER}@goproxy.example.com`));
    const { warnings } = synthWarnings(chart);
    expect(warnings).toEqual(['spec.build.env GOPROXY (https://***@goproxy.example.com) holds credentials in its URL, written in plain text into the YAML: '
      + 'put them in a Secret (RegistryCredentials) and give the URL without them']);
  });

  test.each([
    ['gitServer', (chart: any) => RegistryCredentials.gitBasicAuth(chart, 'creds', { gitServer: `https://ci:${MARKER}@github.com`, username: 'u', password: 'p' })],
    ['registry', (chart: any) => RegistryCredentials.dockerBasicAuth(chart, 'creds', { registry: `https://u:${MARKER}@registry.example.com`, username: 'u', password: 'p' })],
    ['host', (chart: any) => RegistryCredentials.blobBasicAuth(chart, 'creds', { host: `u:${MARKER}@storage.example.com`, username: 'u', password: 'p' })],
    ['repository', (chart: any) => RegistryCredentials.cosignKey(chart, 'creds', { privateKey: 'k', repository: `https://u:${MARKER}@registry.example.com/signatures` })],
  ])('userinfo in a Secret\'s annotation (%s)', (prop, create) => {
    const chart = Testing.chart();
    create(chart);
    const { warnings } = synthWarnings(chart);
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^${prop} \\(\\S*\\*\\*\\*@\\S+\\) holds credentials in its URL, written in plain text into the annotation`)));
    expect(JSON.stringify(warnings)).not.toContain(MARKER);
  });

  test('no warning for URLs without credentials, ssh login names, or env vars of other names', () => {
    const chart = Testing.chart();
    new BuildImage(chart, 'image', {
      tag: 'registry.example.com/apps/app',
      builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      source: Source.git('ssh://git@github.com/org/app.git', { revision: 'main' }),
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builds'),
      env: { BP_GO_TARGETS: kplus.EnvValue.fromValue('./cmd/app') },
    });
    const { warnings } = synthWarnings(chart);
    // only the existing warning about an ssh source whose service account cannot be checked
    expect(warnings).toEqual([expect.stringMatching(/^the source ssh:\/\/git@github.com\/org\/app.git is cloned over ssh/)]);
  });
});
