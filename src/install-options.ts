import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { CredentialKind, RegistryCredentials } from './credentials';
import { parseImageLock, ImageLockEntries } from './private/install/image-lock';

/** Which part of the kpack release `Kpack` emits, for clusters where CRDs are managed apart from the controller. */
export enum KpackCrds {
  /** The whole release: CRDs, controller, webhook and the rest (what the upstream release holds). */
  INCLUDE = 'include',
  /** Only the CustomResourceDefinitions. */
  ONLY = 'only',
  /** Everything but the CustomResourceDefinitions, which must be installed before (for example by a `KpackCrds.ONLY` install). */
  EXCLUDE = 'exclude',
}

/**
 * Image references that replace single kpack images. Each is a full reference (`registry/repository:tag`
 * or `registry/repository@sha256:…`) and wins over `imageRegistry`.
 */
export interface KpackImageOverrides {
  /**
   * The controller image (Deployment `kpack-controller`).
   * @default - the release's controller image, moved to `imageRegistry` when one is given
   */
  readonly controller?: string;

  /**
   * The webhook image (Deployment `kpack-webhook`).
   * @default - the release's webhook image, moved to `imageRegistry` when one is given
   */
  readonly webhook?: string;

  /**
   * The build-init image, the first container of every build pod.
   * @default - the release's build-init image, moved to `imageRegistry` when one is given
   */
  readonly buildInit?: string;

  /**
   * The build-waiter image (kpack v0.17 and later; kpack v0.0.8 has none).
   * @default - the release's build-waiter image, moved to `imageRegistry` when one is given
   */
  readonly buildWaiter?: string;

  /**
   * The rebase image.
   * @default - the release's rebase image, moved to `imageRegistry` when one is given
   */
  readonly rebase?: string;

  /**
   * The completion image, the last container of every build pod.
   * @default - the release's completion image, moved to `imageRegistry` when one is given
   */
  readonly completion?: string;

  /**
   * The buildpacks lifecycle image: the `default-lifecycle` ClusterLifecycle (kpack v0.17 and later) or the
   * controller's `LIFECYCLE_IMAGE` (kpack v0.0.8).
   * @default - the release's lifecycle image, moved to `imageRegistry` when one is given
   */
  readonly lifecycle?: string;
}

/** One image a kpack install runs, as listed by `Kpack.images`. */
export interface KpackImage {
  /** The kpack component: `controller`, `webhook`, `build-init`, `build-waiter`, `rebase`, `completion` or `lifecycle`. */
  readonly component: string;

  /** The reference in the upstream release: where a copy tool copies the image from. */
  readonly upstream: string;

  /** The reference the install uses: relocated, overridden and pinned as the props say. */
  readonly image: string;
}

/**
 * Digests for kpack's images, on top of the digests the release pins: for images re-pushed to a mirror
 * under new digests, and to pin the tag references of `imageOverrides`. An image with a digest here is
 * written `repository@sha256:…`, so that what runs cannot change under the same tag.
 *
 * Problems in the lock (a reference that does not parse, a digest that is not `sha256:` and 64 hex
 * digits, YAML that does not parse) are reported when the chart is synthesized.
 */
export class ImageLock {
  /**
   * Digests by image reference, e.g. from `crane digest registry.example.com/kpack/controller:0.18.0`.
   *
   * A key names an image by its tag, the kpack version, which the release also pushes every image under:
   * the upstream repository (`ghcr.io/buildpacks-community/kpack/controller:0.18.0`) or the one the
   * install uses after relocation (`registry.example.com/kpack/controller:0.18.0`). Its digest replaces
   * the release's. An image replaced through `imageOverrides` only matches its own reference.
   *
   * @param digests image reference (with a tag) → digest (`sha256:…`)
   */
  public static fromDigests(digests: { [image: string]: string }): ImageLock {
    return new ImageLock({ entries: Object.entries(digests).map(([image, digest]) => ({ image, digest })), problems: [] });
  }

  /**
   * The digests of an imgpkg `ImagesLock` file (`apiVersion: imgpkg.carvel.dev/v1alpha1`), as written by
   * `imgpkg copy --lock-output` or `kbld --imgpkg-lock-output`: each entry's `image` is a digest
   * reference, and its `kbld.carvel.dev/id` annotation the reference it was resolved from. Entries
   * without that annotation are ignored.
   *
   * @param yaml the text of the lock file
   */
  public static fromImagesLock(yaml: string): ImageLock {
    return new ImageLock(parseImageLock(yaml));
  }

  private constructor(private readonly lock: ImageLockEntries) {}

  /** The digests, by image reference (a copy). */
  public get digests(): { [image: string]: string } {
    return Object.fromEntries(this.lock.entries.map(entry => [entry.image, entry.digest]));
  }

  /** @internal */
  public get _lock(): ImageLockEntries {
    return this.lock;
  }
}

/**
 * Certificate authorities the kpack controller trusts, on top of its image's own bundle, when it talks
 * to registries (to resolve builders, stores, stacks and lifecycles) and to git servers.
 *
 * They reach the controller the way kpack's Carvel package does it: a Secret in the install's namespace
 * in the shape of a `ca-certificates` service binding, mounted under `SERVICE_BINDING_ROOT`
 * (`/bindings/ca-certificates`), where the CA-certificates helper of the controller image adds them to
 * the trust store when the controller starts.
 *
 * Build pods do not get them: kpack has no setting for that (its issues #207 and #402 are open). The
 * cert-injection-webhook project (`vmware-tanzu/cert-injection-webhook`) injects a CA into the pods
 * that carry a given label; kpack labels every build pod `kpack.io/build`. See `docs/install.md`.
 *
 * Only kpack v0.17 and later images are known to read the binding: with `KpackVersion.V0_0_8`, synth fails.
 */
export class CaCertificates {
  /**
   * A PEM bundle of one or more `-----BEGIN CERTIFICATE-----` blocks. `Kpack` writes it to a Secret
   * `ca-certificates` (one key per certificate, as the binding wants) and restarts the controller when
   * it changes.
   *
   * @param pem the PEM text
   */
  public static fromPem(pem: string): CaCertificates {
    return new CaCertificates(pem, undefined);
  }

  /**
   * A Secret managed elsewhere, in the install's namespace, already in the shape of a binding: key
   * `type` = `ca-certificates`, and every other key one PEM certificate.
   *
   * @param secret the Secret: of any cdk8s-plus line (`kplus.Secret.fromSecretName(chart, 'ca', 'registry-ca')` for
   * one managed elsewhere), or an ApiObject of kind Secret; anything else fails the synth
   */
  public static fromSecret(secret: IConstruct): CaCertificates {
    return new CaCertificates(undefined, secret);
  }

  private constructor(
    /** @internal */ public readonly _pem: string | undefined,
    /** @internal */ public readonly _secret: IConstruct | undefined) {}
}

/** Proxy settings for the kpack controller, which talks to registries and git servers. */
export interface KpackProxy {
  /**
   * The proxy for `http://` URLs (`HTTP_PROXY`), e.g. `http://proxy.example.com:3128`.
   * @default - none
   */
  readonly httpProxy?: string;

  /**
   * The proxy for `https://` URLs (`HTTPS_PROXY`), e.g. `http://proxy.example.com:3128`.
   * @default - none
   */
  readonly httpsProxy?: string;

  /**
   * Hosts, domains (`.example.com`) and CIDRs reached without the proxy (`NO_PROXY`). The controller's
   * Kubernetes client honours the proxy too: list the API server's address or the cluster's service
   * CIDR, and `.svc` / `.cluster.local`.
   * @default - none
   */
  readonly noProxy?: string[];
}

/** Scheduling and sizing of a kpack control-plane Deployment (controller or webhook). */
export interface KpackDeploymentOptions {
  /**
   * The number of pods.
   * @default 1
   */
  readonly replicas?: number;

  /**
   * Requests and limits of the container. Each request or limit given replaces the release's; the
   * others stay as the release has them.
   * @default - the release's: controller cpu 20m / memory 1Gi (limit 1Gi); webhook cpu 10m (limit 100m) /
   * memory 50Mi (limit 200Mi); none for kpack v0.0.8
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Node labels the pods must run on, added to the release's (`kubernetes.io/os: linux` for kpack v0.17 and later).
   * @default - the release's node selector
   */
  readonly nodeSelector?: { [label: string]: string };

  /**
   * Taints the pods tolerate, e.g. `kplus.NodeTaintQuery.is('dedicated', 'platform')`.
   * @default - none
   */
  readonly tolerations?: kplus.NodeTaintQuery[];

  /**
   * The PriorityClass of the pods.
   * @default - `kpack-control-plane` (kpack v0.17 and later), none (kpack v0.0.8)
   */
  readonly priorityClassName?: string;
}

/** Options for the kpack controller: its Deployment and its feature switches (kpack v0.17 and later). */
export interface KpackControllerOptions extends KpackDeploymentOptions {
  /**
   * Give build pods the release's `kpack-build-high-priority` / `kpack-build-low-priority` PriorityClasses
   * (`ENABLE_PRIORITY_CLASSES`).
   * @default false
   */
  readonly enablePriorityClasses?: boolean;

  /**
   * Run builds in regular containers instead of init containers, so that injected sidecars (service
   * meshes) work (`INJECTED_SIDECAR_SUPPORT`).
   * @default false
   */
  readonly injectedSidecarSupport?: boolean;

  /**
   * Generate an SLSA provenance attestation for every build (`EXPERIMENTAL_GENERATE_SLSA_ATTESTATION`, experimental).
   * @default false
   */
  readonly generateSlsaAttestation?: boolean;

  /**
   * Trust the host key of any git server reached over ssh (`INSECURE_SSH_TRUST_UNKNOWN_HOSTS`). Set it
   * to `false` to require known hosts.
   * @default true
   */
  readonly insecureSshTrustUnknownHosts?: boolean;
}

/**
 * Sync waves and sync options for an install that Argo CD applies.
 *
 * Argo CD applies a wave only once every resource of the wave before is healthy (a Deployment when it has
 * rolled out). The install goes in three waves: the CRDs; then the namespace, RBAC, controller, webhook and
 * webhook configurations; then the install's own kpack objects (the `default-lifecycle` ClusterLifecycle),
 * which thus reach the API server only once kpack's webhook runs. kpack's webhook configurations ship
 * without rules, which the webhook fills in when it starts: an object applied before that is admitted
 * without kpack's validation and defaults.
 *
 * kpack objects also get `argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true`: on the
 * first sync their CRDs do not exist yet, and Argo CD's dry run would fail on them.
 */
export interface KpackArgoCdOptions {
  /**
   * The wave of the CRDs. The rest of the install follows in the next wave, the install's kpack objects
   * in the one after: with the default, -2, -1 and 0. Your own kpack objects (builders, images) in the
   * same Application belong in that last wave or later, with `SkipDryRunOnMissingResource=true` too.
   * @default -2
   */
  readonly firstWave?: number;
}

/**
 * A login for the registry kpack's own images come from (an authenticated mirror: Harbor, Artifactory,
 * …): a `kubernetes.io/dockerconfigjson` Secret in the install's namespace. `Kpack` adds it to the
 * `imagePullSecrets` of the controller's and the webhook's ServiceAccounts, so that their pods can be
 * pulled, and points the `default-lifecycle` ClusterLifecycle's `serviceAccountRef` at the controller's
 * ServiceAccount, whose pull secrets kpack then uses to read the lifecycle image.
 *
 * Build pods are not covered: they pull build-init, completion and the lifecycle with the service
 * account of each Image or Build, in its own namespace (add the same login there with
 * `RegistryCredentials.addTo()`).
 */
export class KpackPullSecret {
  /**
   * A `kubernetes.io/dockerconfigjson` Secret of this name in the install's namespace, made outside the app
   * (sealed, synced from a vault, created by hand).
   */
  public static fromSecretName(secretName: string): KpackPullSecret {
    return new KpackPullSecret(() => ({ name: secretName, defined: false }));
  }

  /**
   * Credentials made with `RegistryCredentials.dockerConfigJson()` (or `fromSecretName(…, CredentialKind.DOCKER_CONFIG_JSON)`),
   * in the install's namespace. Other kinds fail the synth: Kubernetes pulls images only with
   * dockerconfigjson Secrets.
   */
  public static fromRegistryCredentials(credentials: RegistryCredentials): KpackPullSecret {
    const defined = credentials._defined;
    return new KpackPullSecret(() => ({
      name: credentials.secret.name,
      defined,
      namespace: defined ? (credentials.secret as kplus.Secret).metadata.namespace ?? namespaceOfChart(credentials) : undefined,
      kind: credentials.kind,
      source: credentials.node.path,
    }));
  }

  private constructor(private readonly resolve: () => PullSecretRef) {}

  /** @internal */
  public _resolve(): PullSecretRef {
    return this.resolve();
  }
}

/** What the install needs to know of a pull secret. */
interface PullSecretRef {
  readonly name: string;
  /** Whether the Secret is defined in this app (its namespace is then known). */
  readonly defined: boolean;
  /** The namespace of a Secret defined in this app. */
  readonly namespace?: string;
  readonly kind?: CredentialKind;
  /** The construct path of the credentials it comes from. */
  readonly source?: string;
}

function namespaceOfChart(scope: Construct): string | undefined {
  return Chart.of(scope).namespace;
}
