import { createHash } from 'crypto';
import { containerOf, CONTROLLER, setEnv, Workload } from './deployments';
import { Draft, Drafts } from './manifest';
import { redactSecrets } from '../redact';
import { FieldError, generic, invalidValue, withHint } from '../validation/field-error';

/** The controller's feature switches: prop name → env var, as kpack's `cmd/controller` reads them. */
export const SWITCHES: ReadonlyArray<{ readonly prop: string; readonly env: string }> = [
  { prop: 'enablePriorityClasses', env: 'ENABLE_PRIORITY_CLASSES' },
  { prop: 'injectedSidecarSupport', env: 'INJECTED_SIDECAR_SUPPORT' },
  { prop: 'generateSlsaAttestation', env: 'EXPERIMENTAL_GENERATE_SLSA_ATTESTATION' },
  { prop: 'insecureSshTrustUnknownHosts', env: 'INSECURE_SSH_TRUST_UNKNOWN_HOSTS' },
];

/**
 * Sets the controller's feature switches. A switch the release's controller does not have (kpack
 * v0.0.8 has none) is an error, not a silently ignored env var.
 */
export function applySwitches(
  drafts: Drafts, index: number, switches: { readonly [prop: string]: boolean | undefined }, versionName: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const { prop, env } of SWITCHES) {
    const value = switches[prop];
    if (value === undefined) {
      continue;
    }
    const upstream = (containerOf(drafts.read(index), CONTROLLER).env ?? []).find((e: any) => e.name === env);
    if (!upstream) {
      errors.push(generic(`kpack ${versionName}'s controller has no ${env} switch`, `controller.${prop}`));
    } else if (upstream.value !== String(value)) {
      setEnv(containerOf(drafts.edit(index), CONTROLLER), env, String(value));
    }
  }
  return errors;
}

/** What `KpackProxy` says. */
export interface ProxyOptions {
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  readonly noProxy?: readonly string[];
}

const PROXY_SCHEMES = ['http:', 'https:', 'socks5:', 'socks5h:'];

/**
 * Sets `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` on the controller, the way Go's `net/http` reads them.
 * Messages never show a proxy's `user:password@`.
 */
export function applyProxy(drafts: Drafts, index: number, proxy: ProxyOptions): { errors: FieldError[]; warnings: string[] } {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const env: Array<[string, string]> = [];
  for (const [prop, name] of [['httpProxy', 'HTTP_PROXY'], ['httpsProxy', 'HTTPS_PROXY']] as const) {
    const value = proxy[prop];
    if (value === undefined) {
      continue;
    }
    const url = parseProxyUrl(value);
    if (!url) {
      errors.push(withHint(invalidValue(redact(value), `proxy.${prop}`),
        'a proxy URL: http://host:port, https://host:port or socks5://host:port'));
      continue;
    }
    if (url.username !== '' || url.password !== '') {
      warnings.push(`proxy.${prop} (${redact(value)}) holds credentials: they are written in plain text into the kpack-controller Deployment`);
    }
    env.push([name, value]);
  }
  if (proxy.noProxy !== undefined) {
    const bad = proxy.noProxy.filter(entry => entry === '' || /[\s,]/.test(entry));
    bad.forEach(entry => errors.push(withHint(invalidValue(entry, 'proxy.noProxy'), 'one host, .domain, IP or CIDR per entry, without spaces or commas')));
    if (bad.length === 0 && proxy.noProxy.length > 0) {
      env.push(['NO_PROXY', proxy.noProxy.join(',')]);
    }
  }
  if (env.some(([name]) => name !== 'NO_PROXY') && (proxy.noProxy ?? []).length === 0) {
    warnings.push('proxy has no noProxy: the controller also reaches the Kubernetes API through the proxy. ' +
      'List the API server\'s address or the cluster\'s service CIDR, and .svc and .cluster.local, in proxy.noProxy');
  }
  if (env.length > 0) {
    const container = containerOf(drafts.edit(index), CONTROLLER);
    env.forEach(([name, value]) => setEnv(container, name, value));
  }
  return { errors, warnings };
}

/** A proxy URL as Go's `httpproxy` reads it (no scheme means `http://`), or undefined. */
function parseProxyUrl(value: string): URL | undefined {
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) ? value : `http://${value}`;
  try {
    const url = new URL(withScheme);
    return PROXY_SCHEMES.includes(url.protocol) && url.hostname !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A URL with its `user:password@` replaced by `***@`, for messages. */
export function redact(value: string): string {
  return redactSecrets(value);
}

/** Where the CA-certificates binding goes, as kpack's Carvel package mounts it. */
export const BINDING_ROOT = '/bindings';
export const CA_BINDING = 'ca-certificates';
/** Pod-template annotation holding the bundle's hash, so that a new bundle restarts the controller. */
export const CA_HASH_ANNOTATION = 'cdk8s-kpack/ca-certificates-sha256';

const CERTIFICATE = /-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;

/** The certificates of a PEM bundle, one block each, or the problems that make it not one. */
export function splitPem(pem: string): { certificates: string[]; errors: FieldError[] } {
  const hint = 'a PEM bundle: one or more -----BEGIN CERTIFICATE----- … -----END CERTIFICATE----- blocks';
  const other = /-----BEGIN ([A-Z0-9 ]+)-----/g;
  const kinds = [...pem.matchAll(other)].map(m => m[1]).filter(kind => kind !== 'CERTIFICATE');
  if (kinds.some(kind => kind.includes('PRIVATE KEY'))) {
    // Never print a private key, not even its start.
    return { certificates: [], errors: [withHint(generic('holds a private key', 'caCertificates'), 'give only the CA certificates, never a key')] };
  }
  const certificates = [...pem.matchAll(CERTIFICATE)].map(m => `${m[0].replace(/\r\n/g, '\n')}\n`);
  const begins = (pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
  if (certificates.length === 0 || certificates.length !== begins || kinds.length > 0) {
    return { certificates: [], errors: [withHint(invalidValue(preview(redactSecrets(pem)), 'caCertificates'), hint)] };
  }
  return { certificates, errors: [] };
}

function preview(text: string): string {
  const flat = JSON.stringify(text);
  return flat.length > 60 ? `${flat.slice(0, 57)}…"` : flat;
}

/**
 * The Secret `ca-certificates` holding a PEM bundle as a `ca-certificates` service binding: key `type`
 * and one key per certificate, as the Paketo CA-certificates helper wants them.
 */
export function caSecret(certificates: readonly string[], namespace: string): Draft {
  const stringData: Record<string, string> = { type: CA_BINDING };
  certificates.forEach((certificate, i) => { stringData[`certificate-${i}.pem`] = certificate; });
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: CA_BINDING, namespace },
    type: `servicebinding.io/${CA_BINDING}`,
    stringData,
  };
}

/**
 * Mounts the binding Secret into the controller under `SERVICE_BINDING_ROOT`, and, for a bundle given
 * as PEM, records its hash on the pod template.
 */
export function bindCaCertificates(drafts: Drafts, index: number, secretName: string, certificates: readonly string[] | undefined): void {
  const deployment = drafts.edit(index);
  const container = containerOf(deployment, CONTROLLER);
  const root = (container.env ?? []).find((e: any) => e.name === 'SERVICE_BINDING_ROOT')?.value ?? BINDING_ROOT;
  setEnv(container, 'SERVICE_BINDING_ROOT', root);
  container.volumeMounts = [...container.volumeMounts ?? [], { name: CA_BINDING, mountPath: `${root}/${CA_BINDING}`, readOnly: true }];
  const pod = deployment.spec.template;
  pod.spec.volumes = [...pod.spec.volumes ?? [], { name: CA_BINDING, secret: { secretName } }];
  if (certificates) {
    const hash = createHash('sha256').update(certificates.join('')).digest('hex');
    pod.metadata.annotations = { ...pod.metadata.annotations, [CA_HASH_ANNOTATION]: hash };
  }
}

const SEMVER = /^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** Whether knative's minimum-version check can parse `version` (it needs major.minor.patch). */
export function isKubernetesVersion(version: string): boolean {
  return SEMVER.test(version);
}

/** Sets `KUBERNETES_MIN_VERSION` on the containers that check it at startup. */
export function applyKubernetesMinVersion(drafts: Drafts, targets: ReadonlyArray<{ index: number; workload: Workload }>, version: string): void {
  for (const { index, workload } of targets) {
    setEnv(containerOf(drafts.edit(index), workload), 'KUBERNETES_MIN_VERSION', version);
  }
}
