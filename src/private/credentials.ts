import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { factsChanged, registerAppChecks } from './checks/synth';
import { checkKind, resolveObject, ServiceAccountSecrets } from './k8s';
import { checkProps, typeName } from './props-check';
import { FieldError, formatFieldErrors, generic, invalidValue, missingField, withHint } from './validation/field-error';
import { addWarning } from './warnings';
import { CredentialKind } from '../credential-kind';

/**
 * The one implementation of credentials for both kpack generations. The public `RegistryCredentials`
 * classes (kpack.io and legacy) only pick a kind and pass their props here with their generation.
 */

/** What differs between kpack generations' credentials. */
export interface CredentialsGeneration {
  /** The annotation prefix: `kpack.io` or `build.pivotal.io`. */
  readonly annotationPrefix: string;
  /** The public class, as hints name it. */
  readonly className: string;
  /** The kpack release, as errors name it. */
  readonly release: string;
  /** The kinds this generation's kpack reads. */
  readonly kinds: readonly CredentialKind[];
  /** The props struct of each kind's factory, as the runtime type check knows it. */
  readonly structs: Partial<Record<CredentialKind, string>>;
}

const STRUCTS: Record<CredentialKind, string> = {
  [CredentialKind.DOCKER_BASIC_AUTH]: 'DockerBasicAuthProps',
  [CredentialKind.DOCKER_CONFIG_JSON]: 'DockerConfigJsonProps',
  [CredentialKind.GIT_BASIC_AUTH]: 'GitBasicAuthProps',
  [CredentialKind.GIT_SSH]: 'GitSshProps',
  [CredentialKind.BLOB_BASIC_AUTH]: 'BlobBasicAuthProps',
  [CredentialKind.COSIGN]: 'CosignKeyProps',
};

export const CURRENT_CREDENTIALS: CredentialsGeneration = {
  annotationPrefix: 'kpack.io',
  className: 'RegistryCredentials',
  release: 'kpack v0.17',
  kinds: Object.values(CredentialKind),
  structs: STRUCTS,
};

export const LEGACY_CREDENTIALS: CredentialsGeneration = {
  annotationPrefix: 'build.pivotal.io',
  className: 'legacy.RegistryCredentials',
  release: 'kpack v0.0.8',
  kinds: [CredentialKind.DOCKER_BASIC_AUTH, CredentialKind.DOCKER_CONFIG_JSON, CredentialKind.GIT_BASIC_AUTH, CredentialKind.GIT_SSH],
  structs: { ...STRUCTS, [CredentialKind.GIT_SSH]: 'legacy.GitSshProps' },
};

/** Every prop a credentials factory takes (each factory's props are a subset). */
export interface CredentialProps extends kplus.CommonSecretProps {
  readonly registry?: string;
  readonly username?: string;
  readonly password?: string;
  readonly email?: string;
  readonly gitServer?: string;
  readonly sshPrivateKey?: string;
  readonly knownHosts?: string;
  readonly host?: string;
  readonly privateKey?: string;
  readonly repository?: string;
  readonly dockerMediaTypes?: boolean;
}

type StringProp = Exclude<keyof CredentialProps, 'metadata' | 'immutable' | 'dockerMediaTypes'>;

/**
 * Per kind: the props that must hold a value, those that may be left out but not given empty, and the
 * prop whose value kpack's annotation carries (`<prefix>/<annotation>`).
 */
const SHAPES: Record<CredentialKind, { required: StringProp[]; optional: StringProp[]; annotation?: [string, StringProp] }> = {
  [CredentialKind.DOCKER_BASIC_AUTH]: { required: ['username', 'password'], optional: ['registry'], annotation: ['docker', 'registry'] },
  [CredentialKind.DOCKER_CONFIG_JSON]: { required: ['username', 'password'], optional: ['registry', 'email'] },
  [CredentialKind.GIT_BASIC_AUTH]: { required: ['gitServer', 'username', 'password'], optional: [], annotation: ['git', 'gitServer'] },
  [CredentialKind.GIT_SSH]: { required: ['gitServer', 'sshPrivateKey'], optional: ['knownHosts'], annotation: ['git', 'gitServer'] },
  [CredentialKind.BLOB_BASIC_AUTH]: { required: ['host', 'username', 'password'], optional: [], annotation: ['blob', 'host'] },
  [CredentialKind.COSIGN]: { required: ['privateKey'], optional: ['password', 'repository'] },
};

/** Props whose values are secret: errors name them, never show them. */
const SECRET_PROPS: ReadonlySet<StringProp> = new Set<StringProp>(['username', 'password', 'sshPrivateKey', 'knownHosts', 'privateKey']);

/** The Secret behind a set of credentials, and whether the app defines it (and so writes its contents). */
export interface CredentialSecret {
  readonly secret: kplus.ISecret;
  /** The Secret is written by this app (literal credentials), not referenced by name. */
  readonly defined: boolean;
}

/**
 * Creates the Secret of literal credentials of a kind. Props that are missing, empty, whitespace only
 * or not strings fail the synth (construct path, prop, hint) and the Secret is then written without
 * contents, so that no `undefined` or empty credential is ever synthesized.
 */
export function createCredentialSecret(
  self: Construct, generation: CredentialsGeneration, kind: CredentialKind, given: CredentialProps): CredentialSecret {
  checkProps(self, generation.structs[kind]!, given);
  const shape = SHAPES[kind];
  // From JavaScript, the props may be missing or not an object: every required prop is then missing.
  const props: CredentialProps = typeof given === 'object' && given !== null ? given : {};
  const problems = [
    ...shape.required.flatMap(prop => checkValue(props, prop, true, generation)),
    ...shape.optional.flatMap(prop => checkValue(props, prop, false, generation)),
  ];
  if (problems.length > 0) {
    self.node.addValidation({ validate: () => formatFieldErrors(problems) });
  }
  const valid = problems.length === 0;
  const common = { metadata: props.metadata, immutable: props.immutable };
  const secret = valid ? writeSecret(self, kind, props, common) : emptySecret(self, kind, common);
  // The Secret's name is checked with the app's other objects (object-name).
  registerAppChecks(self);
  if (shape.annotation !== undefined) {
    const [suffix, prop] = shape.annotation;
    const value = prop === 'registry' ? normalizeRegistry(props.registry) : String(props[prop] ?? '');
    secret.metadata.addAnnotation(`${generation.annotationPrefix}/${suffix}`, value);
    warnIfUserinfo(self, prop, value, 'annotation');
  }
  if (kind === CredentialKind.COSIGN) {
    if (props.repository !== undefined) {
      secret.metadata.addAnnotation(`${generation.annotationPrefix}/cosign.repository`, props.repository);
      warnIfUserinfo(self, 'repository', props.repository, 'annotation');
    }
    if (props.dockerMediaTypes) {
      secret.metadata.addAnnotation(`${generation.annotationPrefix}/cosign.docker-media-types`, '1');
    }
  }
  // Invalid credentials fail the synth, and then nothing is written: no warning to add to the errors.
  if (valid) {
    addWarning(self, `the credentials of secret "${secret.name}" are written into the synthesized YAML: ` +
      `to keep them out of Git, create the Secret outside the app and use ${generation.className}.fromSecretName(scope, id, '${secret.name}', CredentialKind.${kind})`);
  }
  return { secret, defined: true };
}

/**
 * A Secret that exists already, by name. A missing or empty name, or a kind this generation's kpack
 * does not read, fails the synth.
 */
export function referenceCredentialSecret(
  self: Construct, generation: CredentialsGeneration, kind: CredentialKind, secretName: string): CredentialSecret {
  const problems: FieldError[] = [];
  if (typeof secretName !== 'string' || secretName.trim() === '') {
    problems.push(withHint(missingField('secretName'),
      `${describeMissing(secretName)}: give the name of an existing Secret`));
  }
  if (!generation.kinds.includes(kind)) {
    problems.push(withHint(invalidValue(String(kind), 'kind'),
      `${generation.release} reads only ${generation.kinds.map(k => `CredentialKind.${k}`).join(', ')} credentials`));
  }
  if (problems.length > 0) {
    self.node.addValidation({ validate: () => formatFieldErrors(problems) });
  }
  return { secret: kplus.Secret.fromSecretName(self, 'Resource', typeof secretName === 'string' ? secretName : ''), defined: false };
}

function checkValue(props: CredentialProps, prop: StringProp, required: boolean, generation: CredentialsGeneration): FieldError[] {
  const value: unknown = props[prop];
  if (value === undefined && !required) {
    return [];
  }
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    const fix = required
      ? (SECRET_PROPS.has(prop) ? `give the value, or reference a Secret made outside the app with ${generation.className}.fromSecretName()` : 'give the value')
      : `leave ${prop} out, or give a value`;
    return [withHint(missingField(prop), `${describeMissing(value)}: ${fix}`)];
  }
  if (typeof value !== 'string') {
    // The value itself may be a credential: only its type is named.
    return [withHint(generic(`expected a string, got ${typeName(value)}`, prop), `give ${prop} as a string`)];
  }
  return [];
}

/** Says what a missing value is, without showing it; an unset environment variable is the usual cause. */
function describeMissing(value: unknown): string {
  if (value === undefined || value === null) {
    return `the value is ${value} (an unset environment variable?)`;
  }
  return typeof value === 'string' && value !== '' ? 'the value is only whitespace' : 'the value is empty';
}

function writeSecret(self: Construct, kind: CredentialKind, props: CredentialProps, common: kplus.CommonSecretProps): kplus.Secret {
  switch (kind) {
    case CredentialKind.DOCKER_BASIC_AUTH:
    case CredentialKind.GIT_BASIC_AUTH:
    case CredentialKind.BLOB_BASIC_AUTH:
      return new kplus.BasicAuthSecret(self, 'Resource', { ...common, username: props.username!, password: props.password! });
    case CredentialKind.DOCKER_CONFIG_JSON:
      return new kplus.DockerConfigSecret(self, 'Resource', {
        ...common,
        data: dockerConfigJson(normalizeRegistry(props.registry), props.username!, props.password!, props.email),
      });
    case CredentialKind.GIT_SSH: {
      const secret = new kplus.SshAuthSecret(self, 'Resource', { ...common, sshPrivateKey: props.sshPrivateKey! });
      if (props.knownHosts !== undefined) {
        secret.addStringData('known_hosts', props.knownHosts);
      }
      return secret;
    }
    case CredentialKind.COSIGN: {
      const secret = new kplus.Secret(self, 'Resource', common);
      secret.addStringData('cosign.key', props.privateKey!);
      if (props.password !== undefined) {
        secret.addStringData('cosign.password', props.password);
      }
      return secret;
    }
  }
}

/** The Secret of invalid credentials: of the same type, with nothing in it (the synth fails anyway). */
function emptySecret(self: Construct, kind: CredentialKind, common: kplus.CommonSecretProps): kplus.Secret {
  const type = {
    [CredentialKind.DOCKER_BASIC_AUTH]: 'kubernetes.io/basic-auth',
    [CredentialKind.GIT_BASIC_AUTH]: 'kubernetes.io/basic-auth',
    [CredentialKind.BLOB_BASIC_AUTH]: 'kubernetes.io/basic-auth',
    [CredentialKind.DOCKER_CONFIG_JSON]: 'kubernetes.io/dockerconfigjson',
    [CredentialKind.GIT_SSH]: 'kubernetes.io/ssh-auth',
    [CredentialKind.COSIGN]: undefined,
  }[kind];
  return new kplus.Secret(self, 'Resource', { ...common, type });
}

/** The `auths` key Docker clients, and so kpack's build pods, look up for Docker Hub. */
export const DOCKER_HUB = 'https://index.docker.io/v1/';

const DOCKER_HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];

/**
 * The registry key kpack needs for a registry: Docker Hub under any of its names becomes
 * `https://index.docker.io/v1/` (a bare `index.docker.io` gives a secret kpack's build cannot use);
 * other registries are kept as written.
 */
export function normalizeRegistry(registry: string | undefined): string {
  const value = (typeof registry === 'string' ? registry : '').trim();
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
 * Adds a secret to a service account: always to `secrets` (where kpack's build pods read registry and
 * git credentials), and also to `imagePullSecrets` for `DOCKER_CONFIG_JSON` (the list kpack's controller
 * and build pods use for `dockerconfigjson` secrets; Kubernetes ignores other types there). A service
 * account referenced by name cannot be changed: the mutation is dropped, with a warning. Anything but a
 * ServiceAccount is a synth error.
 */
export function addCredentialsTo(credentials: IConstruct, secret: kplus.ISecret, kind: CredentialKind, serviceAccount: IConstruct): void {
  const ref = resolveObject(serviceAccount);
  if (ref?.kind !== 'ServiceAccount') {
    credentials.node.addValidation({ validate: () => formatFieldErrors(checkKind(serviceAccount, 'ServiceAccount', 'serviceAccount')) });
    return;
  }
  const added = ServiceAccountSecrets.add(serviceAccount, { name: secret.name, kind }, kind === CredentialKind.DOCKER_CONFIG_JSON);
  factsChanged(serviceAccount);
  if (!added) {
    addWarning(credentials, `ServiceAccount "${ref.name}" is referenced by name, so secret "${secret.name}" cannot be added to it: add the secret where that ServiceAccount is defined`);
  }
}

/**
 * Whether a value holds credentials in a URL's userinfo: `https://user:password@host`, a bare token
 * `https://token@host`, or `user:password@host` without a scheme. A login name alone in an ssh URL
 * (`ssh://git@host`, `git@host:org/repo`) is no credential, nor is an image digest (`app:1@sha256:…`).
 */
export function hasUserinfoCredentials(value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const withScheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\s]*)@/.exec(value);
  if (withScheme) {
    const [, scheme, userinfo] = withScheme;
    return userinfo.includes(':') || !/^(ssh|git\+ssh|ssh\+git)$/i.test(scheme);
  }
  return /^[^\s/@:]+:[^\s/@]+@(?![A-Za-z0-9]+:[0-9a-f]{32,})[^\s/@]+/.test(value);
}

/**
 * Warns when a credential-looking value (URL userinfo) is written where anyone who reads the YAML sees
 * it: an annotation, an object's spec, a Deployment's env. The warning shows the value redacted.
 */
export function warnIfUserinfo(scope: IConstruct, field: string, value: unknown, where: string): void {
  if (hasUserinfoCredentials(value)) {
    addWarning(scope, `${field} (${String(value)}) holds credentials in its URL, written in plain text into the ${where}: ` +
      'put them in a Secret (RegistryCredentials) and give the URL without them');
  }
}

// Env var names that say their value is secret.
const SECRET_NAME = /(passw(or)?d|passphrase|token|secret|api[-_]?key|private[-_]?key|(^|[-_])key($|[-_])|credential)/i;

/** Whether an env var name says its value is secret (`DB_PASSWORD`, `GITHUB_TOKEN`, `API_KEY`, …). */
export function isSecretEnvName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Warns for env vars whose literal `value` is a credential in plain text: a secret-looking name, or a
 * URL with userinfo. A `valueFrom` never warns.
 */
export function warnIfSecretEnv(scope: IConstruct, field: string, env: ReadonlyArray<{ name: string; value?: string }> | undefined): void {
  for (const variable of env ?? []) {
    if (typeof variable.value !== 'string' || variable.value === '') {
      continue;
    }
    if (isSecretEnvName(variable.name)) {
      // kpack takes no secretKeyRef in a build's env: a secret reaches the build as a service binding.
      addWarning(scope, `${field} ${variable.name} looks like a secret, and its value is written in plain text into the YAML: ` +
        'give the build the secret as a service binding instead (the `services` prop: a Secret, which the build reads as a file)');
    } else {
      warnIfUserinfo(scope, `${field} ${variable.name}`, variable.value, 'YAML');
    }
  }
}

/**
 * Warns for every credential-looking value in a rendered object that is not a Secret (a kpack object):
 * URL userinfo in any string (a git or blob URL, an annotation) and env vars as `warnIfSecretEnv` sees
 * them. Fields are named by their path in the object (`spec.source.git.url`).
 */
export function warnCredentialsInObject(scope: IConstruct, object: unknown): void {
  const kind = typeof object === 'object' && object !== null && typeof (object as any).kind === 'string' ? (object as any).kind : 'object';
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      warnIfUserinfo(scope, path, value, kind);
    } else if (Array.isArray(value)) {
      if (/(^|\.)env$/.test(path)) {
        warnIfSecretEnv(scope, path, value.filter(v => typeof v === 'object' && v !== null && typeof v.name === 'string'));
      } else {
        value.forEach((item, i) => visit(item, `${path}[${i}]`));
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        visit((value as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`);
      }
    }
  };
  visit(object, '');
}
