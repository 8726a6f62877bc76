import {
  applyKubernetesMinVersion, applyProxy, applySwitches, bindCaCertificates, CA_BINDING, caSecret, isKubernetesVersion, ProxyOptions,
  splitPem,
} from './controller';
import { applyDeploymentOptions, checkDeploymentOptions, CONTROLLER, DeploymentOptions, WEBHOOK, Workload } from './deployments';
import { ImageLockEntries } from './image-lock';
import { applyImages, imageSlots, ResolvedImage } from './images';
import { Drafts, ManifestObject } from './manifest';
import { isNamespaceName, moveNamespace, UPSTREAM_NAMESPACE } from './namespace';
import { FieldError, generic, invalidValue, withHint } from '../validation/field-error';

/** Which objects of the release an install keeps. */
export type CrdSelection = 'include' | 'only' | 'exclude';

/** Everything the props of `Kpack` say, read into plain data. */
export interface InstallInput {
  readonly release: readonly ManifestObject[];
  /** `0.17.2`, for messages. */
  readonly versionName: string;
  /** Whether the release's controller image trusts a `ca-certificates` service binding. */
  readonly caBinding: boolean;
  /** The minimum Kubernetes version the release checks at startup, when it checks one. */
  readonly minKubernetesVersion?: string;
  readonly namespace: string;
  readonly crds: CrdSelection;
  readonly imageRegistry?: string;
  readonly imageOverrides: ReadonlyArray<{ readonly component: string; readonly prop: string; readonly image: string }>;
  readonly imageLock?: ImageLockEntries;
  /** A PEM bundle, or the name of a binding Secret managed elsewhere. */
  readonly caCertificates?: { readonly pem?: string; readonly secretName?: string };
  readonly proxy?: ProxyOptions;
  readonly controller?: DeploymentOptions & { readonly switches: { readonly [prop: string]: boolean | undefined } };
  readonly webhook?: DeploymentOptions;
  readonly kubernetesMinVersion?: string;
  readonly argoCd?: { readonly firstWave: number };
  /** Names of dockerconfigjson Secrets in the install's namespace. */
  readonly imagePullSecrets?: readonly string[];
}

/** The objects of an install, with the construct id of each, the images it runs, and what is wrong. */
export interface InstallPlan {
  readonly objects: ReadonlyArray<{ readonly id: string; readonly object: ManifestObject }>;
  readonly images: ResolvedImage[];
  readonly errors: FieldError[];
  readonly warnings: string[];
}

/**
 * Builds the objects of an install from the (frozen, shared) release objects: options are applied to
 * copies of the objects they change, so that the default install is the release, object for object.
 */
export function planInstall(input: InstallInput): InstallPlan {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const isCrd = (o: ManifestObject) => o.kind === 'CustomResourceDefinition';
  const selected = input.release.filter(o => (input.crds === 'only' ? isCrd(o) : input.crds === 'exclude' ? !isCrd(o) : true));
  const drafts = new Drafts(selected);

  if (input.crds === 'only') {
    errors.push(...unusedWithCrdsOnly(input));
  }

  if (!isNamespaceName(input.namespace)) {
    errors.push(withHint(invalidValue(input.namespace, 'namespace'), 'a namespace name is at most 63 lowercase letters, digits and -, starting and ending with a letter or digit'));
  } else if (input.namespace !== UPSTREAM_NAMESPACE) {
    moveNamespace(drafts, input.namespace);
  }

  const resolved = applyImages(drafts, imageSlots(input.release), {
    registry: input.imageRegistry,
    overrides: input.imageOverrides,
    lock: input.imageLock,
  }, input.versionName);
  errors.push(...resolved.errors);
  warnings.push(...resolved.warnings);

  // Looked up when needed: an option may insert objects before them.
  const at = (workload: Workload) => drafts.find('Deployment', workload.deployment);

  for (const [options, workload, prop] of [
    [input.controller, CONTROLLER, 'controller'],
    [input.webhook, WEBHOOK, 'webhook'],
  ] as Array<[DeploymentOptions | undefined, Workload, string]>) {
    if (!options) {
      continue;
    }
    errors.push(...checkDeploymentOptions(options, prop));
    if (at(workload) >= 0) {
      errors.push(...applyDeploymentOptions(drafts, at(workload), workload, options, prop));
    }
  }
  if ((input.controller?.replicas ?? 1) > 1) {
    warnings.push(`controller.replicas is ${input.controller!.replicas}, but kpack's controller has no leader election: ` +
      'every replica reconciles every resource (conflicting updates, repeated registry calls). Run 1');
  }

  if (at(CONTROLLER) >= 0) {
    if (input.controller) {
      errors.push(...applySwitches(drafts, at(CONTROLLER), input.controller.switches, input.versionName));
    }
    if (input.proxy) {
      const proxy = applyProxy(drafts, at(CONTROLLER), input.proxy);
      errors.push(...proxy.errors);
      warnings.push(...proxy.warnings);
    }
    if (input.caCertificates) {
      errors.push(...applyCa(drafts, at(CONTROLLER), input));
    }
  }

  if (input.kubernetesMinVersion !== undefined) {
    if (input.minKubernetesVersion === undefined) {
      errors.push(withHint(generic(`kpack ${input.versionName} has no minimum Kubernetes version check to override`, 'kubernetesMinVersion'),
        `kpack ${input.versionName} runs only on Kubernetes 1.21 or older; remove kubernetesMinVersion`));
    } else if (!isKubernetesVersion(input.kubernetesMinVersion)) {
      errors.push(withHint(invalidValue(input.kubernetesMinVersion, 'kubernetesMinVersion'), 'a version with major, minor and patch, e.g. 1.31.0 (kpack refuses to start on anything else)'));
    } else {
      const targets = [CONTROLLER, WEBHOOK].map(workload => ({ index: at(workload), workload })).filter(t => t.index >= 0);
      applyKubernetesMinVersion(drafts, targets, input.kubernetesMinVersion);
    }
  }

  if (input.imagePullSecrets && input.imagePullSecrets.length > 0) {
    applyPullSecrets(drafts, input.imagePullSecrets, input.namespace);
  }
  if (input.caCertificates) {
    warnings.push('caCertificates reach kpack\'s controller only: build pods (build-init, the lifecycle, completion) talk to the same ' +
      'registries and git servers without them. Give build pods the CA too, with the cert-injection-webhook on the label ' +
      'kpack.io/build (see docs/install.md, "Private registry with a self-signed CA")');
  }
  if (input.argoCd) {
    errors.push(...applyArgoCd(drafts, input.argoCd.firstWave));
  }

  const objects = drafts.all().map(({ origin, object }) => ({ id: origin ? objectId(origin) : objectId(object, UPSTREAM_NAMESPACE), object }));
  return { objects, images: resolved.images, errors, warnings };
}

function applyCa(drafts: Drafts, controller: number, input: InstallInput): FieldError[] {
  const ca = input.caCertificates!;
  if (!input.caBinding) {
    return [withHint(generic(`kpack ${input.versionName}'s controller image does not read a ca-certificates service binding`, 'caCertificates'),
      'only kpack v0.17 images are known to; for older ones, mount the bundle and set SSL_CERT_DIR through the apiObjects escape hatch')];
  }
  if (ca.secretName !== undefined) {
    bindCaCertificates(drafts, controller, ca.secretName, undefined);
    return [];
  }
  const { certificates, errors } = splitPem(ca.pem ?? '');
  if (errors.length > 0) {
    return errors;
  }
  drafts.insert(controller, caSecret(certificates, input.namespace));
  bindCaCertificates(drafts, controller + 1, CA_BINDING, certificates);
  return [];
}

/**
 * The controller's and the webhook's ServiceAccounts pull with the secrets; the `default-lifecycle`
 * ClusterLifecycle resolves its image with the controller's ServiceAccount (and so its pull secrets).
 */
function applyPullSecrets(drafts: Drafts, names: readonly string[], namespace: string): void {
  for (const account of [CONTROLLER.serviceAccount, WEBHOOK.serviceAccount]) {
    const index = drafts.find('ServiceAccount', account);
    if (index >= 0) {
      const draft = drafts.edit(index);
      draft.imagePullSecrets = [...(draft.imagePullSecrets ?? []), ...names.map(name => ({ name }))];
    }
  }
  const lifecycle = drafts.find('ClusterLifecycle', 'default-lifecycle');
  if (lifecycle >= 0) {
    drafts.edit(lifecycle).spec.serviceAccountRef = { name: CONTROLLER.serviceAccount, namespace };
  }
}

/** The API groups of kpack's own kinds (both generations). */
const KPACK_GROUPS = ['kpack.io', 'build.pivotal.io', 'experimental.kpack.pivotal.io'];

/** Argo CD sync waves: CRDs, then the rest, then the install's own kpack objects, which also skip the dry run. */
function applyArgoCd(drafts: Drafts, firstWave: number): FieldError[] {
  if (!Number.isInteger(firstWave)) {
    return [withHint(invalidValue(firstWave, 'argoCd.firstWave'), 'Argo CD sync waves are integers')];
  }
  for (let index = 0; index < drafts.length; index++) {
    const object = drafts.read(index);
    const kpackObject = KPACK_GROUPS.includes(object.apiVersion.split('/')[0]);
    const wave = object.kind === 'CustomResourceDefinition' ? firstWave : kpackObject ? firstWave + 2 : firstWave + 1;
    const metadata = drafts.edit(index).metadata;
    metadata.annotations = {
      ...metadata.annotations,
      'argocd.argoproj.io/sync-wave': String(wave),
      ...(kpackObject ? { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' } : {}),
    };
  }
  return [];
}

function unusedWithCrdsOnly(input: InstallInput): FieldError[] {
  const set: Array<[unknown, string]> = [
    [input.imageRegistry, 'imageRegistry'],
    [input.imageOverrides.length > 0 ? true : undefined, 'imageOverrides'],
    [input.imageLock, 'imageLock'],
    [input.caCertificates, 'caCertificates'],
    [input.proxy, 'proxy'],
    [input.controller, 'controller'],
    [input.webhook, 'webhook'],
    [input.kubernetesMinVersion, 'kubernetesMinVersion'],
    [input.imagePullSecrets && input.imagePullSecrets.length > 0 ? true : undefined, 'imagePullSecrets'],
  ];
  return set.filter(([value]) => value !== undefined).map(([, prop]) =>
    withHint(generic('has no effect on an install of only the CRDs', prop), 'set it on the install that has crds: KpackCrds.EXCLUDE'));
}

/** The construct id of an object: `kind-namespace-name` as the release has it, so ids do not move with options. */
function objectId(object: ManifestObject, namespace?: string): string {
  return [object.kind, namespace ?? object.metadata.namespace, object.metadata.name].filter(part => part !== undefined).join('-');
}
