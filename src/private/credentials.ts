import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { checkKind, isDnsSubdomain, resolveObject, ServiceAccountSecrets } from './k8s';
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

/** A Secret the credentials create must have a name Kubernetes accepts (checked at synth). */
export function validateSecretName(credentials: IConstruct, secret: kplus.ISecret): void {
  if (!(secret instanceof kplus.Secret)) {
    return;
  }
  credentials.node.addValidation({
    validate: () => isDnsSubdomain(secret.name)
      ? []
      : formatFieldErrors([withHint(invalidValue(secret.name, 'metadata.name'),
        'a Secret name is lowercase letters, digits, \'-\' and \'.\' (a DNS subdomain), at most 253 characters')]),
  });
}

/**
 * Adds a secret to a service account: always to `secrets` (where kpack's build pods read registry and
 * git credentials), and also to `imagePullSecrets` when `imagePull` is set (the list kpack's controller
 * and build pods use for `dockerconfigjson` secrets). A service account referenced by name cannot be
 * changed: the mutation is dropped, with a warning. Anything but a ServiceAccount is a synth error.
 */
export function addSecretToServiceAccount(
  credentials: IConstruct,
  secret: kplus.ISecret,
  kind: string,
  serviceAccount: IConstruct,
  imagePull: boolean,
): void {
  const ref = resolveObject(serviceAccount);
  if (ref?.kind !== 'ServiceAccount') {
    credentials.node.addValidation({ validate: () => formatFieldErrors(checkKind(serviceAccount, 'ServiceAccount', 'serviceAccount')) });
    return;
  }
  if (!ServiceAccountSecrets.add(serviceAccount, { name: secret.name, kind }, imagePull)) {
    addWarning(credentials, `ServiceAccount "${ref.name}" is referenced by name, so secret "${secret.name}" cannot be added to it: add the secret where that ServiceAccount is defined`);
  }
}
