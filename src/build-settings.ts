import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';

/** When kpack stamps the images it builds as created. */
export class CreationTime {
  /** The time of the build (`now`). By default images get a fixed 1980 date, for reproducible builds. */
  public static readonly NOW = new CreationTime('now');

  /** A fixed time, in seconds since the Unix epoch. */
  public static fromEpochSeconds(seconds: number): CreationTime {
    return new CreationTime(String(seconds));
  }

  private constructor(
    /** The value kpack reads: `now` or a number of seconds. */
    public readonly value: string) {}
}

/**
 * How kpack runs the builds of an image (the Image's `spec.build`) or a standalone Build: environment,
 * resources, scheduling and the output image's settings.
 */
export interface BuildOptions {
  /**
   * Environment variables for the buildpacks (e.g. `BP_GO_TARGETS`). kpack v0.17 rejects values taken from
   * a Secret (`valueFrom.secretKeyRef`): use a service binding for secrets.
   *
   * @default - none
   */
  readonly env?: { [name: string]: kplus.EnvValue };

  /**
   * CPU, memory and ephemeral storage of the build pod's containers.
   *
   * @default - no requests or limits
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Service bindings for the build (servicebinding.io): Secrets (or other objects) that buildpacks read
   * under `$SERVICE_BINDING_ROOT/<name>`, e.g. a Maven `settings.xml`.
   *
   * @default - none
   */
  readonly services?: kplus.IResource[];

  /**
   * Node labels the build pod must run on. `kubernetes.io/os` is set by kpack and cannot be given.
   *
   * @default - any node
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Taints the build pod tolerates, e.g. `kplus.NodeTaintQuery.is('dedicated', 'builds')`.
   *
   * @default - none
   */
  readonly tolerations?: kplus.NodeTaintQuery[];

  /**
   * Node and pod affinity of the build pod.
   *
   * @default - none
   */
  readonly affinity?: k8s.Affinity;

  /**
   * The RuntimeClass of the build pod (e.g. a sandboxed runtime).
   *
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;

  /**
   * The scheduler that places the build pod.
   *
   * @default - the default scheduler
   */
  readonly schedulerName?: string;

  /**
   * How long a build may run before kpack stops it. Must be a whole number of seconds.
   *
   * @default - no limit
   */
  readonly buildTimeout?: Duration;

  /**
   * The creation time stamped on built images.
   *
   * @default - kpack's default: a fixed date (1980), so that builds are reproducible
   */
  readonly creationTime?: CreationTime;

  /**
   * The process type the image runs by default (e.g. `web`, `worker`).
   *
   * @default - the buildpacks' default
   */
  readonly defaultProcess?: string;

  /**
   * The path of the `project.toml` project descriptor, relative to the source root (or sub path).
   *
   * @default - `project.toml`
   */
  readonly projectDescriptorPath?: string;

  /**
   * Annotations kpack adds to the cosign signatures of built images. Signing itself needs a cosign key
   * in the service account's secrets (`RegistryCredentials.cosignKey()`).
   *
   * @default - none
   */
  readonly cosignAnnotations?: { [name: string]: string };
}
