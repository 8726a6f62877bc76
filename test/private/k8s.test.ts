import { ApiObject, Chart, Lazy, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BuildImage, ClusterBuilder, CredentialKind, RegistryCredentials, Source } from '../../src';
import { resolveObject } from '../../src/private/k8s';
import { findObject, validationErrors } from '../util';
import { literalCredentialsWarning, takeWarnings } from '../warnings';

/**
 * A ServiceAccount as another cdk8s-plus line writes one: its own classes (not cdk8s-plus-27's), a default
 * child `Resource`, `addSecret()` and `secrets`, `toSubjectConfiguration()`.
 */
class OtherLineServiceAccount extends Construct {
  private readonly _secrets: Array<{ name: string }> = [];
  private readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      secrets: Lazy.any({ produce: () => this._secrets.length > 0 ? this._secrets.map(s => ({ name: s.name })) : undefined }),
    });
  }

  public get name(): string {
    return this.apiObject.name;
  }

  public get secrets(): Array<{ name: string }> {
    return [...this._secrets];
  }

  public addSecret(secret: { name: string }): void {
    this._secrets.push(secret);
  }

  public toSubjectConfiguration() {
    return { kind: 'ServiceAccount', name: this.name, namespace: this.apiObject.metadata.namespace };
  }
}

function image(chart: Chart, serviceAccount: Construct) {
  return new BuildImage(chart, 'hello', {
    tag: 'registry.example.com/apps/hello',
    builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
    source: Source.git('https://github.com/making/hello-golang', { revision: 'main' }),
    serviceAccount,
  });
}

const DOCKER_HUB_WARNING = literalCredentialsWarning('test/docker-hub', 'docker-hub', 'DOCKER_CONFIG_JSON');

function dockerHub(chart: Chart) {
  return RegistryCredentials.dockerConfigJson(chart, 'docker-hub', { username: 'u', password: 'p', metadata: { name: 'docker-hub' } });
}

describe('service account and secret parameters', () => {
  test('GIVEN a plain ApiObject of kind ServiceAccount WHEN used and given credentials THEN it is named and gets the secrets', () => {
    // GIVEN
    const chart = Testing.chart();
    const account = new ApiObject(chart, 'builds', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builds' } });

    // WHEN
    image(chart, account);
    dockerHub(chart).addTo(account);
    const objects = Testing.synth(chart);

    // THEN
    expect(findObject(objects, 'Image').spec.serviceAccountName).toBe('builds');
    expect(findObject(objects, 'ServiceAccount')).toMatchObject({
      secrets: [{ name: 'docker-hub' }],
      imagePullSecrets: [{ name: 'docker-hub' }],
    });
    expect(takeWarnings()).toEqual([DOCKER_HUB_WARNING]);
  });

  test('GIVEN the generated L1 KubeServiceAccount WHEN used THEN its name is written', () => {
    // GIVEN
    const chart = Testing.chart();
    const account = new kplus.k8s.KubeServiceAccount(chart, 'builds', { metadata: { name: 'builds' } });

    // WHEN
    image(chart, account);

    // THEN
    expect(findObject(Testing.synth(chart), 'Image').spec.serviceAccountName).toBe('builds');
  });

  test('GIVEN a ServiceAccount of another cdk8s-plus line WHEN given credentials THEN they go through its own addSecret', () => {
    // GIVEN
    const chart = Testing.chart();
    const account = new OtherLineServiceAccount(chart, 'builds');

    // WHEN
    image(chart, account);
    dockerHub(chart).addTo(account);
    const objects = Testing.synth(chart);

    // THEN
    expect(account.secrets).toEqual([{ name: 'docker-hub' }]);
    expect(findObject(objects, 'ServiceAccount')).toMatchObject({
      secrets: [{ name: 'docker-hub' }],
      imagePullSecrets: [{ name: 'docker-hub' }],
    });
    expect(findObject(objects, 'Image').spec.serviceAccountName).toBe(account.name);
    expect(takeWarnings()).toEqual([DOCKER_HUB_WARNING]);
  });

  test('GIVEN a reference by name with a namespace WHEN resolved THEN cdk8s-plus subject says name and namespace', () => {
    const chart = Testing.chart();
    const account = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builds', { namespaceName: 'ci' });

    expect(resolveObject(account)).toEqual({ kind: 'ServiceAccount', name: 'builds', namespace: 'ci' });
  });

  test('GIVEN a Deployment as the service account WHEN synthesized THEN a synth error names it and its kind', () => {
    // GIVEN
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'web', {
      metadata: { name: 'web' },
      containers: [{ image: 'nginx', securityContext: { ensureNonRoot: false } }],
    });

    // WHEN
    image(chart, deployment);

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[test/hello] test/web is a Deployment ("web"), not a ServiceAccount: spec.serviceAccountName\n'
      + 'hint: pass a ServiceAccount: a cdk8s-plus ServiceAccount (any cdk8s-plus line, or ServiceAccount.fromServiceAccountName()), or an ApiObject of kind ServiceAccount',
    ]);
  });

  test('GIVEN a ConfigMap given credentials WHEN synthesized THEN the credentials report the wrong kind', () => {
    // GIVEN
    const chart = Testing.chart();
    const config = new kplus.ConfigMap(chart, 'config', { metadata: { name: 'config' } });

    // WHEN
    dockerHub(chart).addTo(config);

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[test/docker-hub] test/config is a ConfigMap ("config"), not a ServiceAccount: serviceAccount\n'
      + 'hint: pass a ServiceAccount: a cdk8s-plus ServiceAccount (any cdk8s-plus line, or ServiceAccount.fromServiceAccountName()), or an ApiObject of kind ServiceAccount',
    ]);
    expect(takeWarnings()).toEqual([DOCKER_HUB_WARNING]);
  });

  test('GIVEN a ServiceAccount as a source pull secret WHEN synthesized THEN a synth error says it is not a Secret', () => {
    // GIVEN
    const chart = Testing.chart();
    const account = new kplus.ServiceAccount(chart, 'builds', { metadata: { name: 'builds' } });

    // WHEN
    new BuildImage(chart, 'hello', {
      tag: 'registry.example.com/apps/hello',
      serviceAccount: account,
      builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      source: Source.registry('registry.example.com/src/hello', { pullSecrets: [account] }),
    });

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[test/hello] test/builds is a ServiceAccount ("builds"), not a Secret: spec.source.registry.imagePullSecrets\n'
      + 'hint: pass a Secret: a cdk8s-plus Secret (any cdk8s-plus line, or Secret.fromSecretName()), or an ApiObject of kind Secret',
    ]);
  });
});

describe('what the library adds to a service account', () => {
  test('GIVEN a cdk8s-plus ServiceAccount WHEN two credentials are added THEN it gets the secrets and no construct of its own', () => {
    // GIVEN
    const chart = Testing.chart();
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
    const children = serviceAccount.node.children.map(c => c.node.id);

    // WHEN
    RegistryCredentials.fromSecretName(chart, 'hub', 'hub', CredentialKind.DOCKER_CONFIG_JSON).addTo(serviceAccount);
    RegistryCredentials.fromSecretName(chart, 'git', 'git', CredentialKind.GIT_BASIC_AUTH).addTo(serviceAccount);

    // THEN: every construct is walked by each of cdk8s's validation passes; the record is metadata
    expect(serviceAccount.node.children.map(c => c.node.id)).toEqual(children);
    expect(findObject(Testing.synth(chart), 'ServiceAccount', 'builds')).toMatchObject({
      secrets: [{ name: 'hub' }, { name: 'git' }],
      imagePullSecrets: [{ name: 'hub' }],
    });
    expect(JSON.stringify(serviceAccount.node.metadata.map(entry => entry.data))).toEqual(
      '[{"secrets":[{"name":"hub","kind":"DOCKER_CONFIG_JSON"},{"name":"git","kind":"GIT_BASIC_AUTH"}]}]');
  });
});
