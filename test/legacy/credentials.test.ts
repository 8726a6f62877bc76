import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CredentialKind, legacy } from '../../src';
import { findObject } from '../util';
import { literalCredentialsWarning, takeWarnings } from '../warnings';

describe('legacy.RegistryCredentials', () => {
  test('annotates registry and git secrets for kpack v0.0.8 (build.pivotal.io)', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    legacy.RegistryCredentials.dockerBasicAuth(chart, 'hub', { username: 'u', password: 'p', registry: 'index.docker.io' });
    legacy.RegistryCredentials.gitBasicAuth(chart, 'https', { gitServer: 'https://github.com', username: 'u', password: 'p' });
    legacy.RegistryCredentials.gitSsh(chart, 'ssh', { gitServer: 'git@github.com', sshPrivateKey: 'key' });
    legacy.RegistryCredentials.dockerConfigJson(chart, 'json', { username: 'u', password: 'p' });

    // THEN
    expect(Testing.synth(chart).map(o => [o.type, o.metadata.annotations])).toEqual([
      ['kubernetes.io/basic-auth', { 'build.pivotal.io/docker': 'https://index.docker.io/v1/' }],
      ['kubernetes.io/basic-auth', { 'build.pivotal.io/git': 'https://github.com' }],
      ['kubernetes.io/ssh-auth', { 'build.pivotal.io/git': 'git@github.com' }],
      ['kubernetes.io/dockerconfigjson', undefined],
    ]);
    expect(takeWarnings()).toEqual([
      literalCredentialsWarning('test/hub', 'test-hub-c8cd8f3a', 'DOCKER_BASIC_AUTH', 'legacy.RegistryCredentials'),
      literalCredentialsWarning('test/https', 'test-https-c8ddb3da', 'GIT_BASIC_AUTH', 'legacy.RegistryCredentials'),
      literalCredentialsWarning('test/ssh', 'test-ssh-c8da4d5e', 'GIT_SSH', 'legacy.RegistryCredentials'),
      literalCredentialsWarning('test/json', 'test-json-c8c242e7', 'DOCKER_CONFIG_JSON', 'legacy.RegistryCredentials'),
    ]);
  });

  test('adds itself to a service account\'s secrets', () => {
    const chart = Testing.chart();
    const account = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'tutorial-service-account' } });
    const credentials = legacy.RegistryCredentials.dockerBasicAuth(chart, 'hub', {
      metadata: { name: 'tutorial-registry-credentials' },
      username: 'making',
      password: 'changeme',
    });
    credentials.addTo(account);
    expect(credentials.kind).toBe(CredentialKind.DOCKER_BASIC_AUTH);
    expect(findObject(Testing.synth(chart), 'ServiceAccount').secrets).toEqual([{ name: 'tutorial-registry-credentials' }]);
    expect(takeWarnings()).toEqual([literalCredentialsWarning('test/hub', 'tutorial-registry-credentials', 'DOCKER_BASIC_AUTH', 'legacy.RegistryCredentials')]);
  });

  test('fromSecretName references an existing secret', () => {
    const chart = Testing.chart();
    const credentials = legacy.RegistryCredentials.fromSecretName(chart, 'hub', 'existing', CredentialKind.GIT_SSH);
    expect([credentials.secret.name, credentials.kind]).toEqual(['existing', CredentialKind.GIT_SSH]);
    expect(Testing.synth(chart)).toEqual([]);
  });
});
