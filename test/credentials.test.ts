import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { CredentialKind, legacy, RegistryCredentials } from '../src';
import { findObject, warningsUnder } from './util';
import { literalCredentialsWarning, takeWarnings } from './warnings';

const SECRET = 'p4ssw0rd-never-printed';

describe('RegistryCredentials', () => {
  test('dockerBasicAuth: a basic-auth Secret annotated kpack.io/docker with the registry', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const credentials = RegistryCredentials.dockerBasicAuth(chart, 'gcr', {
      metadata: { name: 'gcr-credentials' },
      registry: 'gcr.io',
      username: '_json_key',
      password: SECRET,
    });

    // THEN
    expect(credentials.kind).toBe(CredentialKind.DOCKER_BASIC_AUTH);
    expect(credentials.secret.name).toBe('gcr-credentials');
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'gcr-credentials', annotations: { 'kpack.io/docker': 'gcr.io' } },
      type: 'kubernetes.io/basic-auth',
      immutable: false,
      stringData: { username: '_json_key', password: SECRET },
    }]);
    expect(takeWarnings()).toEqual([literalCredentialsWarning('test/gcr', 'gcr-credentials', 'DOCKER_BASIC_AUTH')]);
  });

  test.each([
    [undefined],
    ['docker.io'],
    ['index.docker.io'],
    ['https://index.docker.io/v1/'],
    ['https://index.docker.io'],
    ['registry-1.docker.io'],
    ['DOCKER.IO'],
  ])('Docker Hub given as %p is written https://index.docker.io/v1/', registry => {
    const chart = Testing.chart();
    RegistryCredentials.dockerBasicAuth(chart, 'hub', { registry, username: 'u', password: SECRET });
    expect(findObject(Testing.synth(chart), 'Secret').metadata.annotations).toEqual({ 'kpack.io/docker': 'https://index.docker.io/v1/' });
    expect(takeWarnings()).toEqual([literalCredentialsWarning('test/hub', 'test-hub-c8cd8f3a', 'DOCKER_BASIC_AUTH')]);
  });

  test('other registries are kept as written', () => {
    const chart = Testing.chart();
    RegistryCredentials.dockerBasicAuth(chart, 'harbor', { registry: 'https://harbor.example.com:8443', username: 'u', password: SECRET });
    expect(findObject(Testing.synth(chart), 'Secret').metadata.annotations).toEqual({ 'kpack.io/docker': 'https://harbor.example.com:8443' });
    expect(takeWarnings()).toEqual([literalCredentialsWarning('test/harbor', 'test-harbor-c882c75a', 'DOCKER_BASIC_AUTH')]);
  });

  test('dockerConfigJson: a dockerconfigjson Secret with no annotation', () => {
    // WHEN
    const chart = Testing.chart();
    const credentials = RegistryCredentials.dockerConfigJson(chart, 'hub', {
      registry: 'docker.io',
      username: 'making',
      password: SECRET,
      email: 'making@example.com',
    });

    // THEN
    const secret = findObject(Testing.synth(chart), 'Secret');
    expect(credentials.kind).toBe(CredentialKind.DOCKER_CONFIG_JSON);
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(secret.metadata.annotations).toBeUndefined();
    expect(JSON.parse(secret.stringData['.dockerconfigjson'])).toEqual({
      auths: {
        'https://index.docker.io/v1/': {
          username: 'making',
          password: SECRET,
          email: 'making@example.com',
          auth: Buffer.from(`making:${SECRET}`).toString('base64'),
        },
      },
    });
    expect(takeWarnings()).toEqual([literalCredentialsWarning('test/hub', 'test-hub-c8cd8f3a', 'DOCKER_CONFIG_JSON')]);
  });

  test('gitBasicAuth and gitSsh: annotated kpack.io/git with the server', () => {
    // WHEN
    const chart = Testing.chart();
    RegistryCredentials.gitBasicAuth(chart, 'https', { gitServer: 'https://github.com', username: 'bot', password: SECRET });
    RegistryCredentials.gitSsh(chart, 'ssh', { gitServer: 'git@github.com', sshPrivateKey: SECRET, knownHosts: 'github.com ssh-ed25519 AAAA' });

    // THEN
    const [https, ssh] = Testing.synth(chart);
    expect(https.type).toBe('kubernetes.io/basic-auth');
    expect(https.metadata.annotations).toEqual({ 'kpack.io/git': 'https://github.com' });
    expect(ssh.type).toBe('kubernetes.io/ssh-auth');
    expect(ssh.metadata.annotations).toEqual({ 'kpack.io/git': 'git@github.com' });
    expect(ssh.stringData).toEqual({ 'ssh-privatekey': SECRET, 'known_hosts': 'github.com ssh-ed25519 AAAA' });
    expect(takeWarnings()).toEqual([
      literalCredentialsWarning('test/https', 'test-https-c8ddb3da', 'GIT_BASIC_AUTH'),
      literalCredentialsWarning('test/ssh', 'test-ssh-c8da4d5e', 'GIT_SSH'),
    ]);
  });

  test('blobBasicAuth: a basic-auth Secret annotated kpack.io/blob', () => {
    const chart = Testing.chart();
    const credentials = RegistryCredentials.blobBasicAuth(chart, 'storage', { host: 'storage.example.com', username: 'u', password: SECRET });
    const secret = findObject(Testing.synth(chart), 'Secret');
    expect(credentials.kind).toBe(CredentialKind.BLOB_BASIC_AUTH);
    expect(secret.type).toBe('kubernetes.io/basic-auth');
    expect(secret.metadata.annotations).toEqual({ 'kpack.io/blob': 'storage.example.com' });
    expect(takeWarnings()).toEqual([literalCredentialsWarning('test/storage', 'test-storage-c867735b', 'BLOB_BASIC_AUTH')]);
  });

  test('cosignKey: an Opaque Secret with cosign.key and cosign.password, annotated when asked', () => {
    const chart = Testing.chart();
    const credentials = RegistryCredentials.cosignKey(chart, 'cosign', {
      privateKey: '-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----',
      password: SECRET,
      repository: 'registry.example.com/signatures',
      dockerMediaTypes: true,
    });
    const secret = findObject(Testing.synth(chart), 'Secret');
    expect(credentials.kind).toBe(CredentialKind.COSIGN);
    expect(secret.type).toBeUndefined();
    expect(secret.stringData).toEqual({ 'cosign.key': '-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----', 'cosign.password': SECRET });
    expect(secret.metadata.annotations).toEqual({
      'kpack.io/cosign.repository': 'registry.example.com/signatures',
      'kpack.io/cosign.docker-media-types': '1',
    });
    expect(takeWarnings()).toEqual([literalCredentialsWarning('test/cosign', 'test-cosign-c8949f7d', 'COSIGN')]);
  });

  test('fromSecretName references an existing Secret and synthesizes nothing', () => {
    const chart = Testing.chart();
    const credentials = RegistryCredentials.fromSecretName(chart, 'existing', 'registry-credentials', CredentialKind.DOCKER_CONFIG_JSON);
    expect(credentials.secret.name).toBe('registry-credentials');
    expect(credentials.kind).toBe(CredentialKind.DOCKER_CONFIG_JSON);
    expect(Testing.synth(chart)).toEqual([]);
  });

  test('the Secret is the construct\'s default child, so ApiObject.of() works', () => {
    const chart = Testing.chart();
    const credentials = RegistryCredentials.dockerBasicAuth(chart, 'hub', { username: 'u', password: SECRET });
    expect(ApiObject.of(credentials).kind).toBe('Secret');
  });

  describe('addTo', () => {
    test('adds basic-auth credentials to secrets only; Kubernetes ignores them as pull secrets', () => {
      // GIVEN
      const chart = Testing.chart();
      const account = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
      const credentials = RegistryCredentials.dockerBasicAuth(chart, 'hub', { metadata: { name: 'hub' }, username: 'u', password: SECRET });

      // WHEN
      credentials.addTo(account);

      // THEN
      const manifest = findObject(Testing.synth(chart), 'ServiceAccount');
      expect(manifest.secrets).toEqual([{ name: 'hub' }]);
      expect(manifest.imagePullSecrets).toBeUndefined();
      expect(takeWarnings()).toEqual([literalCredentialsWarning('test/hub', 'hub', 'DOCKER_BASIC_AUTH')]);
    });

    test('adds dockerconfigjson credentials to secrets and imagePullSecrets, each once, after construction too', () => {
      // GIVEN
      const chart = Testing.chart();
      const account = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
      const hub = RegistryCredentials.dockerConfigJson(chart, 'hub', { metadata: { name: 'hub' }, username: 'u', password: SECRET });
      const gcr = RegistryCredentials.dockerConfigJson(chart, 'gcr', { metadata: { name: 'gcr' }, registry: 'gcr.io', username: 'u', password: SECRET });
      const git = RegistryCredentials.gitSsh(chart, 'git', { metadata: { name: 'git' }, gitServer: 'git@github.com', sshPrivateKey: SECRET });

      // WHEN
      hub.addTo(account);
      hub.addTo(account);
      git.addTo(account);
      gcr.addTo(account);

      // THEN
      const manifest = findObject(Testing.synth(chart), 'ServiceAccount');
      expect(manifest.secrets).toEqual([{ name: 'hub' }, { name: 'git' }, { name: 'gcr' }]);
      expect(manifest.imagePullSecrets).toEqual([{ name: 'hub' }, { name: 'gcr' }]);
      expect(takeWarnings()).toEqual([
        literalCredentialsWarning('test/hub', 'hub', 'DOCKER_CONFIG_JSON'),
        literalCredentialsWarning('test/gcr', 'gcr', 'DOCKER_CONFIG_JSON'),
        literalCredentialsWarning('test/git', 'git', 'GIT_SSH'),
      ]);
    });

    test('a service account referenced by name cannot be changed: nothing is added, with a warning', () => {
      // GIVEN
      const chart = Testing.chart();
      const account = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builds');
      const credentials = RegistryCredentials.dockerBasicAuth(chart, 'hub', { metadata: { name: 'hub' }, username: 'u', password: SECRET });

      // WHEN
      credentials.addTo(account);

      // THEN
      expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Secret']);
      expect(warningsUnder(chart)).toContain(
        'ServiceAccount "builds" is referenced by name, so secret "hub" cannot be added to it: add the secret where that ServiceAccount is defined',
      );
      expect(takeWarnings()).toEqual([
        literalCredentialsWarning('test/hub', 'hub', 'DOCKER_BASIC_AUTH'),
        '[test/hub] warning: ServiceAccount "builds" is referenced by name, so secret "hub" cannot be added to it: add the secret where that ServiceAccount is defined',
      ]);
    });
  });

  test('a ServiceAccount defined by another cdk8s-plus line gets the secret', () => {
    // GIVEN: what a cdk8s-plus-33 ServiceAccount is at run time: a construct whose default child is its ApiObject
    const chart = Testing.chart();
    const other = new Construct(chart, 'other-line');
    new ApiObject(other, 'Resource', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builds' } });
    const credentials = RegistryCredentials.dockerConfigJson(chart, 'hub', { metadata: { name: 'hub' }, username: 'u', password: SECRET });

    // WHEN
    credentials.addTo(other);

    // THEN
    expect(warningsUnder(chart)).not.toContainEqual(expect.stringMatching(/referenced by name/));
    const account = Testing.synth(chart).find(o => o.kind === 'ServiceAccount');
    expect(account.secrets).toEqual([{ name: 'hub' }]);
    expect(account.imagePullSecrets).toEqual([{ name: 'hub' }]);
    expect(takeWarnings()).toEqual([literalCredentialsWarning('test/hub', 'hub', 'DOCKER_CONFIG_JSON')]);
  });

  test('a secret\'s value appears in no warning or metadata', () => {
    const chart = Testing.chart();
    const account = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builds');
    for (const credentials of [
      RegistryCredentials.dockerBasicAuth(chart, 'a', { username: 'u', password: SECRET }),
      RegistryCredentials.dockerConfigJson(chart, 'b', { username: 'u', password: SECRET }),
      RegistryCredentials.gitBasicAuth(chart, 'c', { gitServer: 'https://github.com', username: 'u', password: SECRET }),
      RegistryCredentials.gitSsh(chart, 'd', { gitServer: 'git@github.com', sshPrivateKey: SECRET }),
    ]) {
      credentials.addTo(account);
    }
    const metadata = JSON.stringify(chart.node.findAll().flatMap(c => c.node.metadata.map(m => m.data)));
    expect(metadata).not.toContain(SECRET);
    expect(warningsUnder(chart)).toHaveLength(8);
  });

  test('literal credentials warn, once per secret, pointing to fromSecretName; references do not', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    RegistryCredentials.gitSsh(chart, 'ssh', { metadata: { name: 'deploy-key' }, gitServer: 'git@github.com', sshPrivateKey: SECRET });
    RegistryCredentials.fromSecretName(chart, 'existing', 'registry', CredentialKind.DOCKER_CONFIG_JSON);

    // THEN
    expect(warningsUnder(chart)).toEqual([
      'the credentials of secret "deploy-key" are written into the synthesized YAML: to keep them out of Git, create the Secret ' +
      'outside the app and use RegistryCredentials.fromSecretName(scope, id, \'deploy-key\', CredentialKind.GIT_SSH)',
    ]);
  });

  test('the warning is printed once per synth run, with the construct path, never the value', () => {
    const chart = Testing.chart();
    RegistryCredentials.dockerBasicAuth(chart, 'hub', { metadata: { name: 'hub' }, username: 'u', password: SECRET });
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      Testing.synth(chart);
      Testing.synth(chart);
      const printed = write.mock.calls.map(call => String(call[0]));
      expect(printed).toEqual([expect.stringMatching(/^\[test\/hub\] warning: the credentials of secret "hub" are written into the synthesized YAML/)]);
      expect(printed.join('')).not.toContain(SECRET);
    } finally {
      write.mockRestore();
    }
  });
});

describe('a secret\'s value never leaves the Secret', () => {
  const MARKER = 'MARKER-5ecr3t-value';
  const all: Array<[string, (chart: Chart, name: string) => { addTo(sa: kplus.IServiceAccount): void }]> = [
    ['dockerBasicAuth', (c, name) => RegistryCredentials.dockerBasicAuth(c, 'creds', { metadata: { name }, username: MARKER, password: MARKER })],
    ['dockerConfigJson', (c, name) => RegistryCredentials.dockerConfigJson(c, 'creds', { metadata: { name }, username: MARKER, password: MARKER })],
    ['gitBasicAuth', (c, name) => RegistryCredentials.gitBasicAuth(c, 'creds', { metadata: { name }, gitServer: 'https://github.com', username: MARKER, password: MARKER })],
    ['gitSsh', (c, name) => RegistryCredentials.gitSsh(c, 'creds', { metadata: { name }, gitServer: 'git@github.com', sshPrivateKey: MARKER, knownHosts: MARKER })],
    ['blobBasicAuth', (c, name) => RegistryCredentials.blobBasicAuth(c, 'creds', { metadata: { name }, host: 'storage.example.com', username: MARKER, password: MARKER })],
    ['cosignKey', (c, name) => RegistryCredentials.cosignKey(c, 'creds', { metadata: { name }, privateKey: MARKER, password: MARKER })],
    ['legacy.dockerBasicAuth', (c, name) => legacy.RegistryCredentials.dockerBasicAuth(c, 'creds', { metadata: { name }, username: MARKER, password: MARKER })],
    ['legacy.dockerConfigJson', (c, name) => legacy.RegistryCredentials.dockerConfigJson(c, 'creds', { metadata: { name }, username: MARKER, password: MARKER })],
    ['legacy.gitBasicAuth', (c, name) => legacy.RegistryCredentials.gitBasicAuth(c, 'creds', { metadata: { name }, gitServer: 'https://github.com', username: MARKER, password: MARKER })],
    ['legacy.gitSsh', (c, name) => legacy.RegistryCredentials.gitSsh(c, 'creds', { metadata: { name }, gitServer: 'git@github.com', sshPrivateKey: MARKER })],
  ];

  test.each(all)('%s: not in warnings, errors, stderr, metadata, annotations or labels', (_kind, create) => {
    // GIVEN a valid chart and an invalid one (a bad Secret name, an imported service account)
    const valid = Testing.chart();
    create(valid, 'registry').addTo(new kplus.ServiceAccount(valid, 'sa'));
    const invalid = Testing.chart();
    create(invalid, 'Not A Name').addTo(kplus.ServiceAccount.fromServiceAccountName(invalid, 'sa', 'builds'));
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

    // WHEN
    let objects: any[] = [];
    let error = '';
    let printed = '';
    try {
      objects = Testing.synth(valid);
      Testing.synth(invalid);
    } catch (e) {
      error = (e as Error).message;
    } finally {
      printed = write.mock.calls.map(call => String(call[0])).join('');
      write.mockRestore();
    }

    // THEN
    expect(error).toMatch(/invalid value: Not A Name: metadata.name/);
    expect(printed).toMatch(/warning: the credentials of secret/);
    const metadata = JSON.stringify([valid, invalid].flatMap(chart => chart.node.findAll().flatMap(c => c.node.metadata.map(m => m.data))));
    const objectMetadata = JSON.stringify(objects.map(o => o.metadata));
    for (const text of [error, printed, metadata, objectMetadata]) {
      expect(text).not.toContain(MARKER);
      expect(text).not.toContain(Buffer.from(`${MARKER}:${MARKER}`).toString('base64'));
    }
    // the value is in the Secret's data, and only there
    expect(JSON.stringify(objects.find(o => o.kind === 'Secret').stringData)).toContain(MARKER);
  });
});

describe('missing or empty credentials fail the synth', () => {
  type Factory = (chart: Chart, value: any) => unknown;
  // Every credential prop, each factory's others valid.
  const cases: Array<[string, string, Factory]> = [
    ['dockerBasicAuth', 'username', (c, v) => RegistryCredentials.dockerBasicAuth(c, 'creds', { username: v, password: SECRET })],
    ['dockerBasicAuth', 'password', (c, v) => RegistryCredentials.dockerBasicAuth(c, 'creds', { username: 'u', password: v })],
    ['dockerConfigJson', 'username', (c, v) => RegistryCredentials.dockerConfigJson(c, 'creds', { username: v, password: SECRET })],
    ['dockerConfigJson', 'password', (c, v) => RegistryCredentials.dockerConfigJson(c, 'creds', { username: 'u', password: v })],
    ['gitBasicAuth', 'gitServer', (c, v) => RegistryCredentials.gitBasicAuth(c, 'creds', { gitServer: v, username: 'u', password: SECRET })],
    ['gitBasicAuth', 'username', (c, v) => RegistryCredentials.gitBasicAuth(c, 'creds', { gitServer: 'https://github.com', username: v, password: SECRET })],
    ['gitBasicAuth', 'password', (c, v) => RegistryCredentials.gitBasicAuth(c, 'creds', { gitServer: 'https://github.com', username: 'u', password: v })],
    ['gitSsh', 'gitServer', (c, v) => RegistryCredentials.gitSsh(c, 'creds', { gitServer: v, sshPrivateKey: SECRET })],
    ['gitSsh', 'sshPrivateKey', (c, v) => RegistryCredentials.gitSsh(c, 'creds', { gitServer: 'git@github.com', sshPrivateKey: v })],
    ['blobBasicAuth', 'host', (c, v) => RegistryCredentials.blobBasicAuth(c, 'creds', { host: v, username: 'u', password: SECRET })],
    ['blobBasicAuth', 'username', (c, v) => RegistryCredentials.blobBasicAuth(c, 'creds', { host: 'storage.example.com', username: v, password: SECRET })],
    ['blobBasicAuth', 'password', (c, v) => RegistryCredentials.blobBasicAuth(c, 'creds', { host: 'storage.example.com', username: 'u', password: v })],
    ['cosignKey', 'privateKey', (c, v) => RegistryCredentials.cosignKey(c, 'creds', { privateKey: v })],
    ['legacy.dockerBasicAuth', 'password', (c, v) => legacy.RegistryCredentials.dockerBasicAuth(c, 'creds', { username: 'u', password: v })],
    ['legacy.dockerConfigJson', 'username', (c, v) => legacy.RegistryCredentials.dockerConfigJson(c, 'creds', { username: v, password: SECRET })],
    ['legacy.gitBasicAuth', 'password', (c, v) => legacy.RegistryCredentials.gitBasicAuth(c, 'creds', { gitServer: 'https://github.com', username: 'u', password: v })],
    ['legacy.gitSsh', 'sshPrivateKey', (c, v) => legacy.RegistryCredentials.gitSsh(c, 'creds', { gitServer: 'git@github.com', sshPrivateKey: v })],
    ['fromSecretName', 'secretName', (c, v) => RegistryCredentials.fromSecretName(c, 'creds', v, CredentialKind.DOCKER_CONFIG_JSON)],
    ['legacy.fromSecretName', 'secretName', (c, v) => legacy.RegistryCredentials.fromSecretName(c, 'creds', v, CredentialKind.GIT_SSH)],
  ];
  const missing: Array<[string, unknown, RegExp]> = [
    ['undefined', undefined, /the value is undefined \(an unset environment variable\?\)/],
    ['empty', '', /the value is empty/],
    ['whitespace only', ' \t\n', /the value is only whitespace/],
  ];

  describe.each(cases)('%s %s', (_factory, prop, create) => {
    test.each(missing)('%s: an error with the construct path, the prop and a hint; nothing synthesized', (_what, value, why) => {
      // GIVEN
      const chart = Testing.chart();
      const serviceAccount = new kplus.ServiceAccount(chart, 'sa');

      // WHEN
      const credentials = create(chart, value) as RegistryCredentials;
      credentials.addTo(serviceAccount);

      // THEN
      expect(() => Testing.synth(chart)).toThrow(new RegExp(`\\[test/creds\\] missing field\\(s\\): ${prop}\\nhint: ${why.source}: `));
      // and the Secret as built holds no `undefined` text (it is written with no contents)
      const secret = chart.node.findAll().find(c => c instanceof ApiObject && c.kind === 'Secret') as ApiObject | undefined;
      expect(JSON.stringify(secret?.toJson() ?? {})).not.toMatch(/undefined/);
    });
  });

  test('the hint of a secret value points to fromSecretName()', () => {
    const chart = Testing.chart();
    RegistryCredentials.dockerConfigJson(chart, 'creds', { username: 'making', password: undefined as any });
    expect(() => Testing.synth(chart)).toThrow(
      'hint: the value is undefined (an unset environment variable?): give the value, or reference a Secret made outside the app with RegistryCredentials.fromSecretName()');
  });

  test.each<[string, Factory]>([
    ['registry', (c, v) => RegistryCredentials.dockerBasicAuth(c, 'creds', { registry: v, username: 'u', password: SECRET })],
    ['knownHosts', (c, v) => RegistryCredentials.gitSsh(c, 'creds', { gitServer: 'git@github.com', sshPrivateKey: SECRET, knownHosts: v })],
    ['password', (c, v) => RegistryCredentials.cosignKey(c, 'creds', { privateKey: SECRET, password: v })],
  ])('an optional %s given empty is an error too (leave it out instead)', (prop, create) => {
    const chart = Testing.chart();
    create(chart, '  ');
    expect(() => Testing.synth(chart)).toThrow(`[test/creds] missing field(s): ${prop}\nhint: the value is only whitespace: leave ${prop} out, or give a value`);
  });

  test('left out, optional props are fine', () => {
    const chart = Testing.chart();
    RegistryCredentials.cosignKey(chart, 'creds', { privateKey: SECRET });
    RegistryCredentials.gitSsh(chart, 'ssh', { gitServer: 'git@github.com', sshPrivateKey: SECRET });
    expect(Testing.synth(chart).map(o => Object.keys(o.stringData))).toEqual([['cosign.key'], ['ssh-privatekey']]);
    expect(takeWarnings()).toEqual([
      literalCredentialsWarning('test/creds', 'test-creds-c849c607', 'COSIGN'),
      literalCredentialsWarning('test/ssh', 'test-ssh-c8da4d5e', 'GIT_SSH'),
    ]);
  });

  test('fromSecretName(undefined) adds no nameless secret: the synth fails', () => {
    const chart = Testing.chart();
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa');
    RegistryCredentials.fromSecretName(chart, 'creds', undefined as any, CredentialKind.GIT_SSH).addTo(serviceAccount);
    expect(() => Testing.synth(chart)).toThrow(/\[test\/creds\] missing field\(s\): secretName\nhint: the value is undefined \(an unset environment variable\?\): give the name of an existing Secret/);
  });

  test('legacy: a kind kpack v0.0.8 does not read fails the synth', () => {
    const chart = Testing.chart();
    legacy.RegistryCredentials.fromSecretName(chart, 'creds', 'cosign', CredentialKind.COSIGN);
    expect(() => Testing.synth(chart)).toThrow('[test/creds] invalid value: COSIGN: kind\nhint: kpack v0.0.8 reads only CredentialKind.DOCKER_BASIC_AUTH, CredentialKind.DOCKER_CONFIG_JSON, CredentialKind.GIT_BASIC_AUTH, CredentialKind.GIT_SSH credentials');
  });

  test('a value of the wrong type names its type, not the value, at once', () => {
    const chart = Testing.chart();
    let message = '';
    try {
      RegistryCredentials.gitBasicAuth(chart, 'creds', { gitServer: 'https://github.com', username: 'u', password: { value: SECRET } as any });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('[test/creds] expected a string, got an object: password');
  });
});
