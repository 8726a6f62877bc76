import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { formatFieldErrors, invalidValue, withHint } from './validation/field-error';
import { addWarning } from './warnings';

/** The `auths` key Docker clients, and so kpack's build pods, look up for Docker Hub. */
export const DOCKER_HUB = 'https://index.docker.io/v1/';

const DOCKER_HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];

/**
 * The registry key kpack needs for a registry: Docker Hub under any of its names becomes
 * `https://index.docker.io/v1/` (a bare `index.docker.io` gives a secret kpack's build cannot use);
 * other registries are kept as written.
 */
export function normalizeRegistry(registry: string | undefined): string {
  const value = (registry ?? '').trim();
  if (value === '') {
    return DOCKER_HUB;
  }
  const host = value.replace(/^[a-z]+:\/\//i, '').split('/')[0].toLowerCase();
  return DOCKER_HUB_HOSTS.includes(host) ? DOCKER_HUB : value;
}

/** A `.dockerconfigjson` document for one registry, with keys in a fixed order. */
export function dockerConfigJson(registry: string, username: string, password: string, email?: string): Record<string, any> {
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  return { auths: { [registry]: { username, password, ...(email ? { email } : {}), auth } } };
}

const IMAGE_PULL_SECRETS = new WeakMap<ApiObject, Array<{ name: string }>>();
const CREDENTIAL_KINDS = new WeakMap<kplus.ISecret, string>();

/** Remembers what a secret made (or referenced) by `RegistryCredentials` is for. */
export function registerCredentialKind(secret: kplus.ISecret, kind: string): void {
  CREDENTIAL_KINDS.set(secret, kind);
}

/**
 * Credentials given as literals end up in the synthesized YAML, which teams commit: say so, once per
 * secret, and point to the reference form. The message never holds the value.
 */
export function warnIfLiteral(credentials: IConstruct, secret: kplus.ISecret, kind: string): void {
  if (secret instanceof kplus.Secret) {
    addWarning(credentials, `the credentials of secret "${secret.name}" are written into the synthesized YAML: ` +
      `to keep them out of Git, create the Secret outside the app and use RegistryCredentials.fromSecretName(scope, id, '${secret.name}', CredentialKind.${kind})`);
  }
}

// Kubernetes' DNS-1123 subdomain, the form of a Secret's name.
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A Secret the credentials create must have a name Kubernetes accepts (checked at synth). */
export function validateSecretName(credentials: IConstruct, secret: kplus.ISecret): void {
  if (!(secret instanceof kplus.Secret)) {
    return;
  }
  credentials.node.addValidation({
    validate: () => secret.name.length <= 253 && SUBDOMAIN.test(secret.name)
      ? []
      : formatFieldErrors([withHint(invalidValue(secret.name, 'metadata.name'),
        'a Secret name is lowercase letters, digits, \'-\' and \'.\' (a DNS subdomain), at most 253 characters')]),
  });
}

/** What a secret is for, when it was made or referenced by `RegistryCredentials`. */
export function credentialKindOf(secret: kplus.ISecret): string | undefined {
  return CREDENTIAL_KINDS.get(secret);
}

/**
 * Adds a secret to a service account: always to `secrets` (where kpack's build pods read registry and
 * git credentials), and also to `imagePullSecrets` when `imagePull` is set (the list kpack's controller
 * and build pods use for `dockerconfigjson` secrets). A service account referenced by name cannot be
 * changed: the mutation is dropped, with a warning.
 */
export function addSecretToServiceAccount(
  credentials: IConstruct,
  secret: kplus.ISecret,
  serviceAccount: kplus.IServiceAccount,
  imagePull: boolean,
): void {
  if (!(serviceAccount instanceof kplus.ServiceAccount)) {
    // A ServiceAccount of another cdk8s-plus line is defined here, not referenced by name: say what happened.
    addWarning(credentials, definesApiObject(serviceAccount)
      ? `ServiceAccount "${serviceAccount.name}" (${serviceAccount.node.path}) is not a cdk8s-plus-27 ServiceAccount, so secret "${secret.name}" was not added to it: add the secret with that ServiceAccount's own addSecret()`
      : `ServiceAccount "${serviceAccount.name}" is referenced by name, so secret "${secret.name}" cannot be added to it: add the secret where that ServiceAccount is defined`);
    return;
  }
  if (!serviceAccount.secrets.some(s => s.name === secret.name)) {
    serviceAccount.addSecret(secret);
  }
  if (imagePull) {
    const pullSecrets = imagePullSecretsOf(ApiObject.of(serviceAccount));
    if (!pullSecrets.some(s => s.name === secret.name)) {
      pullSecrets.push({ name: secret.name });
    }
  }
}

/**
 * The `imagePullSecrets` list of a service account's manifest. cdk8s-plus-27 has no such field, so
 * the list goes in through one JSON patch whose value is read when the manifest is rendered.
 */
function imagePullSecretsOf(apiObject: ApiObject): Array<{ name: string }> {
  let list = IMAGE_PULL_SECRETS.get(apiObject);
  if (!list) {
    list = [];
    IMAGE_PULL_SECRETS.set(apiObject, list);
    apiObject.addJsonPatch(JsonPatch.add('/imagePullSecrets', list));
  }
  return list;
}

/** Whether a construct synthesizes a manifest of its own (it is, or has as default child, an ApiObject). */
function definesApiObject(construct: IConstruct): boolean {
  return ApiObject.isApiObject(construct) || (construct.node.defaultChild !== undefined && ApiObject.isApiObject(construct.node.defaultChild));
}
