import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { CredentialKind } from './credentials';
import {
  CaCertificates, ImageLock, KpackArgoCdOptions, KpackControllerOptions, KpackCrds, KpackDeploymentOptions, KpackImage,
  KpackImageOverrides, KpackProxy, KpackPullSecret,
} from './install-options';
import { KPACK_API_VERSION } from './private/api-versions';
import { secretValue } from './private/checks/objects';
import { SWITCHES } from './private/install/controller';
import { ManifestObject } from './private/install/manifest';
import { UPSTREAM_NAMESPACE } from './private/install/namespace';
import { CrdSelection, planInstall } from './private/install/plan';
import { checkKind, nameOf, resolveObject } from './private/k8s';
import { checkProps } from './private/props-check';
import { clusterScoped } from './private/resources';
import { v1alpha2Schemas } from './private/schemas';
import { registerKpackInstall } from './private/validation';
import { FieldError, formatFieldErrors, generic, invalidValue, withHint } from './private/validation/field-error';
import { addWarning } from './private/warnings';

/** The API groups of each kpack generation: a chart must not mix them. */
const KPACK_API_GROUPS = ['kpack.io', 'build.pivotal.io', 'experimental.kpack.pivotal.io'];

/**
 * A kpack release that `Kpack` can install.
 *
 * Each version is a vendored upstream release manifest (see `assets/kpack/README.md`); adding one is a
 * new file plus one constant here.
 */
export class KpackVersion {
  /**
   * kpack v0.0.8 (April 2020), the version of the original kpack tutorial: API group
   * `build.pivotal.io/v1alpha1`, images from `gcr.io/cf-build-service-public`, pinned by digest.
   *
   * Its manifests use `apiextensions.k8s.io/v1beta1` and `admissionregistration.k8s.io/v1beta1`, which
   * Kubernetes removed in 1.22: it only installs on Kubernetes 1.21 or older, and synth warns about it.
   * It has no feature switches, no build-waiter image and no minimum-version check, and its controller
   * image is not known to read a CA-certificates binding: those props fail the synth.
   */
  public static readonly V0_0_8 = new KpackVersion('0.0.8', 'build.pivotal.io/v1alpha1', ['build.pivotal.io', 'experimental.kpack.pivotal.io'], 'release-0.0.8.yaml', {});

  /**
   * kpack v0.17.2 (June 2026), API group `kpack.io/v1alpha2`: the published release file, images from
   * `ghcr.io/buildpacks-community/kpack` pinned by digest (single-architecture, amd64). Its controller and
   * webhook refuse to start below Kubernetes 1.32 (see `kubernetesMinVersion`).
   */
  public static readonly V0_17_2 = new KpackVersion('0.17.2', 'kpack.io/v1alpha2', ['kpack.io'], 'release-0.17.2.yaml', { minKubernetesVersion: '1.32.0', caBinding: true });

  /**
   * kpack v0.18.0 (July 2026), API group `kpack.io/v1alpha2`: the published release file, images from
   * `ghcr.io/buildpacks-community/kpack` pinned by digest, multi-architecture (amd64 and arm64). The
   * controller pins build pods to the architecture of their builder, and the webhook rejects
   * `kubernetes.io/arch` in build node selectors. The same CRDs as v0.17.2; Kubernetes 1.32 or later.
   */
  public static readonly V0_18_0 = new KpackVersion('0.18.0', 'kpack.io/v1alpha2', ['kpack.io'], 'release-0.18.0.yaml', { minKubernetesVersion: '1.32.0', caBinding: true });

  /** The kpack version, without a leading `v` (`0.17.2`). */
  public readonly version: string;

  /** The API version of the kpack resources this release serves (`kpack.io/v1alpha2`, `build.pivotal.io/v1alpha1`). */
  public readonly apiVersion: string;

  /**
   * The lowest Kubernetes version the controller and webhook of this release start on (they check it
   * at startup; `KUBERNETES_MIN_VERSION` overrides it), or undefined when the release checks none
   * (v0.0.8, which needs Kubernetes 1.21 or older instead).
   */
  public readonly minKubernetesVersion?: string;

  private readonly apiGroups: string[];
  private readonly manifestFile: string;
  private readonly caBinding: boolean;

  private constructor(version: string, apiVersion: string, apiGroups: string[], manifestFile: string, facts: ReleaseFacts) {
    this.version = version;
    this.apiVersion = apiVersion;
    this.apiGroups = apiGroups;
    this.manifestFile = manifestFile;
    this.minKubernetesVersion = facts.minKubernetesVersion;
    this.caBinding = facts.caBinding ?? false;
  }

  /**
   * Whether the release's controller image adds the certificates of a `ca-certificates` service
   * binding to its trust store.
   * @internal
   */
  public get _caBinding(): boolean {
    return this.caBinding;
  }

  /**
   * Whether resources of the given API group belong to this kpack generation.
   * @internal
   */
  public _servesGroup(apiGroup: string): boolean {
    return this.apiGroups.includes(apiGroup);
  }

  /**
   * The objects of the upstream release, parsed once per process and frozen.
   * @internal
   */
  public _objects(): readonly ManifestObject[] {
    let objects = PARSED_RELEASES.get(this.manifestFile);
    if (!objects) {
      objects = parseRelease(path.join(__dirname, '..', 'assets', 'kpack', this.manifestFile));
      PARSED_RELEASES.set(this.manifestFile, objects);
    }
    return objects;
  }
}

/** What a release is known to do beyond its manifest. */
interface ReleaseFacts {
  readonly minKubernetesVersion?: string;
  readonly caBinding?: boolean;
}

/** Options for `Kpack`. Every option left out keeps the upstream release as it is. */
export interface KpackProps {
  /**
   * The kpack release to install.
   * @default KpackVersion.V0_18_0
   */
  readonly version?: KpackVersion;

  /**
   * The namespace of the install. Every reference to it moves along: the objects' namespace, RBAC
   * subjects and rules, and the webhook Service references of the webhook configurations and CRDs.
   * @default - the chart's namespace, when the chart has one; otherwise `kpack`, as the release has it
   */
  readonly namespace?: string;

  /**
   * Whether the install holds the CustomResourceDefinitions, only them, or everything else.
   * @default KpackCrds.INCLUDE
   */
  readonly crds?: KpackCrds;

  /**
   * Install the kpack.io CRDs with structural schemas for their v1alpha2 version (from kpack's Go types),
   * so that the API server itself rejects malformed kpack objects (with `kubectl apply`'s strict field
   * validation: unknown fields too). Upstream's CRDs accept anything, and kpack's defaulting webhook
   * silently drops fields it does not know — a misspelt field is lost without an error. kpack v0.17 and later.
   *
   * @default false - upstream's schema-less CRDs
   */
  readonly structuralSchemas?: boolean;

  /**
   * A registry (and path) that holds a copy of every kpack image, for air-gapped clusters and mirrors:
   * each image becomes `<imageRegistry>/<component>` with its tag or digest, e.g.
   * `registry.example.com/kpack/controller@sha256:…`. `Kpack.images` lists what to copy.
   * @default - the images of the release: `ghcr.io/buildpacks-community/kpack/<component>` (v0.17.2, v0.18.0),
   * `gcr.io/cf-build-service-public/kpack/<component>` (v0.0.8)
   */
  readonly imageRegistry?: string;

  /**
   * References that replace single images; they win over `imageRegistry`.
   * @default - no image replaced
   */
  readonly imageOverrides?: KpackImageOverrides;

  /**
   * Digests that replace the release's (a mirror that re-pushed the images), or pin the tag references of
   * `imageOverrides`. Synth warns about every image left a tag reference.
   * @default - images as the release pins them, by digest
   */
  readonly imageLock?: ImageLock;

  /**
   * Certificate authorities the controller trusts when it talks to registries and git servers, such as
   * a private registry's self-signed CA. Build pods do not get them (see `CaCertificates`).
   * @default - the controller trusts the CA bundle of its image only
   */
  readonly caCertificates?: CaCertificates;

  /**
   * An HTTP(S) proxy for the controller.
   * @default - no proxy
   */
  readonly proxy?: KpackProxy;

  /**
   * Sizing, scheduling and feature switches of the controller.
   * @default - as the release has them
   */
  readonly controller?: KpackControllerOptions;

  /**
   * Sizing and scheduling of the webhook.
   * @default - as the release has them
   */
  readonly webhook?: KpackDeploymentOptions;

  /**
   * The lowest Kubernetes version the controller and webhook accept at startup (`KUBERNETES_MIN_VERSION`),
   * with major, minor and patch (`1.31.0`). Lowering it runs kpack on a version it was not released for.
   * @default - the release's own check: `KpackVersion.minKubernetesVersion` (1.32.0 for v0.17.2 and v0.18.0)
   */
  readonly kubernetesMinVersion?: string;

  /**
   * Logins for the registry kpack's images come from (an authenticated mirror): added to the
   * `imagePullSecrets` of the controller's and the webhook's ServiceAccounts, and used for the lifecycle
   * image (`default-lifecycle` gets `serviceAccountRef` to the controller's ServiceAccount). Each is a
   * `kubernetes.io/dockerconfigjson` Secret in the install's namespace (see `KpackPullSecret`).
   * @default - none: the images are pulled anonymously, or with the nodes' own credentials
   */
  readonly imagePullSecrets?: KpackPullSecret[];

  /**
   * Sync waves (CRDs, then the install, then its kpack objects) and `SkipDryRunOnMissingResource` for
   * Argo CD, which otherwise applies the release in one go (see `KpackArgoCdOptions` and docs/install.md).
   * @default - no Argo CD annotations
   */
  readonly argoCd?: KpackArgoCdOptions;
}

/**
 * The kpack install: namespace, CRDs, RBAC, controller, webhook, webhook configurations and ConfigMaps
 * (and, from v0.17, the `default-lifecycle` ClusterLifecycle), object for object as the published
 * release file has them, changed only where the props say.
 *
 * Options: image relocation to a mirror (`imageRegistry`, `imageOverrides`), digest pinning (`imageLock`), a
 * registry CA for the controller (`caCertificates`), a proxy, sizing and scheduling of the controller
 * and webhook, the controller's feature switches, the minimum Kubernetes version, the namespace, and
 * CRDs apart from the rest (`crds`). Invalid values fail the synth, all of them together; warnings
 * (unpinned images, kpack v0.0.8) are recorded as construct metadata and printed once.
 *
 * A chart that holds a `Kpack` install must not also hold kpack resources of the other API generation
 * (`build.pivotal.io` for v0.0.8, `kpack.io` for v0.17 and later): synth fails if it does.
 *
 * @example
 * const app = new App();
 * const chart = new Chart(app, 'kpack');
 * new Kpack(chart, 'kpack', {
 *   imageRegistry: 'registry.example.com/kpack',
 *   caCertificates: CaCertificates.fromPem(registryCaPem), // the PEM text of the registry's CA
 * });
 * app.synth();
 */
export class Kpack extends Construct {
  /** The installed release. */
  public readonly version: KpackVersion;

  /** The namespace of the install. */
  public readonly namespace: string;

  private readonly _apiObjects: ApiObject[];
  private readonly _images: KpackImage[];

  constructor(scope: Construct, id: string, props: KpackProps = {}) {
    super(scope, id);
    checkProps(this, 'KpackProps', props);
    this.version = props.version ?? KpackVersion.V0_18_0;
    // The app's kpack objects are checked with this release's webhook rules.
    registerKpackInstall(this, this.version.version);
    // Like every cdk8s construct, the install honours its chart's namespace; the prop wins over it.
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? UPSTREAM_NAMESPACE;

    const pullSecrets = (props.imagePullSecrets ?? []).map(secret => secret._resolve());
    const plan = planInstall({
      release: this.version._objects(),
      versionName: this.version.version,
      caBinding: this.version._caBinding,
      minKubernetesVersion: this.version.minKubernetesVersion,
      namespace: this.namespace,
      crds: crdSelection(props.crds),
      imageRegistry: props.imageRegistry,
      imageOverrides: imageOverrides(props.imageOverrides),
      imageLock: props.imageLock?._lock,
      caCertificates: props.caCertificates && { pem: props.caCertificates._pem, secretName: props.caCertificates._secret && (nameOf(props.caCertificates._secret) ?? '') },
      proxy: props.proxy,
      controller: props.controller && {
        ...props.controller,
        switches: Object.fromEntries(SWITCHES.map(({ prop }) => [prop, (props.controller as any)[prop]])),
      },
      webhook: props.webhook,
      kubernetesMinVersion: props.kubernetesMinVersion,
      argoCd: props.argoCd && { firstWave: props.argoCd.firstWave ?? -2 },
      imagePullSecrets: pullSecrets.map(secret => secret.name),
    });

    this._images = plan.images.map(image => ({ ...image }));
    const schemaErrors = !props.structuralSchemas ? []
      : this.version.apiVersion !== KPACK_API_VERSION
        ? [withHint(invalidValue(true, 'structuralSchemas'), `kpack ${this.version.version} has no kpack.io/v1alpha2 CRDs to carry the schemas`)]
        : props.crds === KpackCrds.EXCLUDE
          ? [withHint(generic('has no effect on an install without the CRDs', 'structuralSchemas'), 'set it on the install that writes the CRDs (crds: KpackCrds.ONLY or INCLUDE)')]
          : [];
    this._apiObjects = plan.objects.map(({ id: objectId, object: upstream }) => {
      const object = props.structuralSchemas && schemaErrors.length === 0 ? withStructuralSchema(upstream) : upstream;
      const apiObject = new ApiObject(this, objectId, object);
      if (object.metadata.namespace === undefined) {
        clusterScoped(this, apiObject);
      }
      return apiObject;
    });

    if (this.version === KpackVersion.V0_0_8) {
      addWarning(this, 'kpack v0.0.8 uses apiextensions.k8s.io/v1beta1 and admissionregistration.k8s.io/v1beta1, which Kubernetes removed in 1.22: it only installs on Kubernetes 1.21 or older, and its gcr.io images may no longer be pullable');
    }
    plan.warnings.forEach(warning => addWarning(this, warning));
    const caSecret = props.caCertificates?._secret;
    this.node.addValidation({
      validate: () => formatFieldErrors([...plan.errors, ...schemaErrors, ...this.checkCaSecret(caSecret), ...this.checkPullSecrets(pullSecrets)]),
    });
    this.node.addValidation({ validate: () => this.checkGenerations() });
  }

  /** The objects of the install, in the order of the upstream manifest. */
  public get apiObjects(): ApiObject[] {
    return [...this._apiObjects];
  }

  /**
   * Every image the install runs, once each, with the upstream reference it comes from: the list to
   * give a copy tool (`crane copy <upstream> <image>`) before applying an air-gapped install.
   * Empty for an install of only the CRDs.
   */
  public get images(): KpackImage[] {
    return this._images.map(image => ({ ...image }));
  }

  /**
   * The binding Secret must be a Secret; one defined in this app must sit in the install's namespace and say
   * `type: ca-certificates`.
   */
  private checkCaSecret(secret: IConstruct | undefined): FieldError[] {
    const kindErrors = checkKind(secret, 'Secret', 'caCertificates');
    const ref = secret && resolveObject(secret);
    if (kindErrors.length > 0 || ref?.apiObject === undefined) {
      return kindErrors;
    }
    const errors: FieldError[] = [];
    if (ref.namespace !== this.namespace) {
      errors.push(withHint(
        generic(`Secret "${ref.name}" is in namespace ${ref.namespace ?? '(none)'}, the install in ${this.namespace}`, 'caCertificates'),
        'a pod can only mount a Secret of its own namespace: define the Secret in the install\'s namespace'));
    }
    const type = secretValue(ref.apiObject.toJson(), 'type');
    if (type !== 'ca-certificates') {
      errors.push(withHint(
        generic(`Secret "${ref.name}" is not a ca-certificates binding (its key "type" is ${type === undefined ? 'missing' : `"${type}"`})`, 'caCertificates'),
        'the Secret needs the key type: ca-certificates and one PEM certificate in each other key; or use CaCertificates.fromPem()'));
    }
    return errors;
  }

  /** Pull secrets defined in this app must be dockerconfigjson Secrets of the install's namespace. */
  private checkPullSecrets(secrets: ReadonlyArray<ReturnType<KpackPullSecret['_resolve']>>): FieldError[] {
    return secrets.flatMap((secret, index) => {
      const field = `imagePullSecrets[${index}]`;
      const errors: FieldError[] = [];
      if (secret.kind !== undefined && secret.kind !== CredentialKind.DOCKER_CONFIG_JSON) {
        errors.push(withHint(generic(`${secret.source} holds ${secret.kind} credentials, not a kubernetes.io/dockerconfigjson Secret`, field),
          'Kubernetes pulls images only with dockerconfigjson Secrets: use RegistryCredentials.dockerConfigJson()'));
      }
      if (secret.defined && secret.namespace !== undefined && secret.namespace !== this.namespace) {
        errors.push(withHint(generic(`Secret "${secret.name}" is in namespace ${secret.namespace}, the install in ${this.namespace}`, field),
          'a ServiceAccount can only use pull secrets of its own namespace: define the credentials in the install\'s namespace'));
      } else if (secret.defined && secret.namespace === undefined) {
        errors.push(withHint(generic(`Secret "${secret.name}" has no namespace, the install is in ${this.namespace}`, field),
          'give the credentials metadata.namespace (or put them in a chart of that namespace)'));
      }
      return errors;
    });
  }

  private checkGenerations(): string[] {
    const foreign = Chart.of(this).node.findAll()
      .filter((c): c is ApiObject => c instanceof ApiObject)
      .filter(o => KPACK_API_GROUPS.includes(o.apiGroup) && !this.version._servesGroup(o.apiGroup));
    if (foreign.length === 0) {
      return [];
    }
    const listed = foreign.map(o => `${ownerPath(o)} (${o.apiVersion} ${o.kind})`).join(', ');
    return [
      `this chart installs kpack ${this.version.version}, which serves ${this.version.apiVersion}, but also defines ${listed}\n` +
      'hint: kpack v0.0.8 serves only build.pivotal.io (use the legacy.* constructs); kpack v0.17 and later serve kpack.io (use the constructs at the package root)',
    ];
  }
}

const PARSED_RELEASES = new Map<string, readonly ManifestObject[]>();

function parseRelease(file: string): readonly ManifestObject[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(document => document.toJS())
    .filter(object => object !== null && object !== undefined)
    .map(object => deepFreeze(object) as ManifestObject);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}

/** The path of the construct that owns an ApiObject (its L2 when the ApiObject is its `Resource`). */
function ownerPath(apiObject: ApiObject): string {
  return apiObject.node.id === 'Resource' && apiObject.node.scope ? apiObject.node.scope.node.path : apiObject.node.path;
}

/** A kpack.io CRD whose v1alpha2 version carries the library's structural schema. */
function withStructuralSchema(object: ManifestObject): ManifestObject {
  const schema = object.kind === 'CustomResourceDefinition' && object.spec?.group === 'kpack.io'
    ? v1alpha2Schemas()[object.spec.names.kind]
    : undefined;
  if (!schema) {
    return object;
  }
  return {
    ...object,
    spec: {
      ...object.spec,
      versions: object.spec.versions.map((version: any) =>
        version.name === 'v1alpha2' ? { ...version, schema: { openAPIV3Schema: schema } } : version),
    },
  };
}

function crdSelection(crds: KpackCrds | undefined): CrdSelection {
  switch (crds ?? KpackCrds.INCLUDE) {
    case KpackCrds.ONLY: return 'only';
    case KpackCrds.EXCLUDE: return 'exclude';
    default: return 'include';
  }
}

/** `KpackImageOverrides` fields and the component (last repository segment) each replaces. */
const IMAGE_PROPS: ReadonlyArray<[keyof KpackImageOverrides, string]> = [
  ['controller', 'controller'],
  ['webhook', 'webhook'],
  ['buildInit', 'build-init'],
  ['buildWaiter', 'build-waiter'],
  ['rebase', 'rebase'],
  ['completion', 'completion'],
  ['lifecycle', 'lifecycle'],
];

function imageOverrides(images: KpackImageOverrides | undefined): Array<{ component: string; prop: string; image: string }> {
  return IMAGE_PROPS
    .filter(([prop]) => images?.[prop] !== undefined)
    .map(([prop, component]) => ({ component, prop: `imageOverrides.${prop}`, image: images![prop]! }));
}
