import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { BuildOptions } from './build-settings';
import { IBuilder } from './builder';
import { ImageCache } from './cache';
import * as crds from './imports/kpack.io';
import { KPACK_API_VERSION } from './private/api-versions';
import { quantities, renderBuildSettings, renderEnv, renderServices } from './private/build-settings';
import { checkBuilderGeneration } from './private/cross-checks';
import { checkKind, nameOf } from './private/k8s';
import { KpackKind, KpackObject } from './private/kpack-object';
import { checkProps } from './private/props-check';
import { emptyToUndefined, kindAndName, undefinedIfEmpty } from './private/resources';
import { FieldError } from './private/validation/field-error';
import { Source } from './source';

/** Whether kpack tags each build's image with a build number as well. */
export enum ImageTaggingStrategy {
  /** Only the image's tag (and additional tags). */
  NONE = 'None',
  /** Also `<tag>:b<build number>.<yyyymmdd>.<hhmmss>` for every build. */
  BUILD_NUMBER = 'BuildNumber',
}

/** Properties for `BuildImage`. */
export interface BuildImageProps extends kplus.ResourceProps, BuildOptions {
  /** Where kpack pushes the built image, e.g. `registry.example.com/apps/hello`. A tag, not a digest. */
  readonly tag: string;

  /**
   * More tags to push every build to. They must be in the same registry as `tag`.
   *
   * @default - none
   */
  readonly additionalTags?: string[];

  /** The builder that builds the image: a `ClusterBuilder`, or a `Builder` in the image's namespace. */
  readonly builder: IBuilder;

  /** The source code to build. */
  readonly source: Source;

  /**
   * The service account, in the image's namespace, whose secrets the builds use to push the image and
   * to read the source.
   *
   * A ServiceAccount of any cdk8s-plus line (or from `fromServiceAccountName()`), or an ApiObject of kind
   * ServiceAccount; anything else is an error at synth.
   *
   * @default - the `default` ServiceAccount of the image's namespace
   */
  readonly serviceAccount?: IConstruct;

  /**
   * Where builds keep their cache: `ImageCache.volume()` or `ImageCache.registry()`.
   *
   * @default - kpack's default: a 2G volume when the cluster has a default StorageClass, no cache otherwise
   */
  readonly cache?: ImageCache;

  /**
   * How many successful builds kpack keeps.
   *
   * @default 10
   */
  readonly successBuildHistoryLimit?: number;

  /**
   * How many failed builds kpack keeps.
   *
   * @default 10
   */
  readonly failedBuildHistoryLimit?: number;

  /**
   * Whether builds are also tagged with their build number.
   *
   * @default ImageTaggingStrategy.BUILD_NUMBER
   */
  readonly imageTaggingStrategy?: ImageTaggingStrategy;
}

/** The generated enum of each strategy (the same strings). */
const TAGGING_STRATEGIES: Record<ImageTaggingStrategy, crds.ImageSpecImageTaggingStrategy> = {
  [ImageTaggingStrategy.NONE]: crds.ImageSpecImageTaggingStrategy.NONE,
  [ImageTaggingStrategy.BUILD_NUMBER]: crds.ImageSpecImageTaggingStrategy.BUILD_NUMBER,
};

const IMAGE: KpackKind<crds.ImageSpec> = {
  apiVersion: KPACK_API_VERSION, kind: 'Image', clusterScoped: false, specToJson: crds.toJson_ImageSpec,
};

/**
 * A kpack Image (`kpack.io/v1alpha2`): an OCI image that kpack keeps built from source, rebuilding when
 * the source, the builder's buildpacks or the stack change.
 *
 * Named `BuildImage` because `Image` names container images throughout cdk8s. For kpack v0.0.8, use
 * `legacy.BuildImage`.
 *
 * @example
 * const image = new BuildImage(chart, 'hello', {
 *   tag: 'registry.example.com/apps/hello',
 *   builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
 *   source: Source.git('https://github.com/making/hello-golang', { revision: 'main' }),
 *   cache: ImageCache.volume(Size.gibibytes(2)),
 * });
 * image.addEnv('BP_GO_TARGETS', kplus.EnvValue.fromValue('./cmd/server'));
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/image.md
 */
export class BuildImage extends kplus.Resource {
  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'images';

  /** The builder that builds the image. */
  public readonly builder: IBuilder;

  /** The service account the builds use, when one was given. */
  public readonly serviceAccount?: IConstruct;

  private readonly _additionalTags: string[];
  private readonly _env: Map<string, kplus.EnvValue>;
  private readonly _services: kplus.IResource[];
  private readonly resource: KpackObject<crds.ImageSpec>;

  constructor(scope: Construct, id: string, props: BuildImageProps) {
    super(scope, id);
    checkProps(this, 'BuildImageProps', props);
    this.builder = props.builder;
    this.serviceAccount = props.serviceAccount;
    this._additionalTags = [...props.additionalTags ?? []];
    this._env = new Map(Object.entries(props.env ?? {}));
    this._services = [...props.services ?? []];

    // Values no manifest can hold, reported at synth (with the app's other problems) rather than thrown.
    const valueProblems: FieldError[] = [...props.cache?._problems() ?? []];
    const settings = renderBuildSettings(props, { resources: 'spec.build.resources', timeout: 'spec.build.buildTimeout' }, valueProblems);
    const cache = props.cache?._toKpack();

    const renderSpec = (): crds.ImageSpec => ({
      tag: props.tag,
      additionalTags: undefinedIfEmpty([...this._additionalTags]),
      builder: props.builder && kindAndName(props.builder.builderRef, props.builder),
      serviceAccountName: props.serviceAccount && nameOf(props.serviceAccount),
      source: props.source?._toKpack(),
      cache,
      successBuildHistoryLimit: props.successBuildHistoryLimit,
      failedBuildHistoryLimit: props.failedBuildHistoryLimit,
      imageTaggingStrategy: props.imageTaggingStrategy && TAGGING_STRATEGIES[props.imageTaggingStrategy],
      projectDescriptorPath: settings.projectDescriptorPath,
      defaultProcess: settings.defaultProcess,
      cosign: settings.cosign,
      build_: emptyToUndefined({
        env: renderEnv(this._env),
        services: renderServices(this._services),
        resources: settings.resources && {
          requests: quantities(settings.resources.requests, crds.ImageSpecBuildResourcesRequests.fromString),
          limits: quantities(settings.resources.limits, crds.ImageSpecBuildResourcesLimits.fromString),
        },
        nodeSelector: settings.nodeSelector,
        tolerations: settings.tolerations,
        affinity: settings.affinity,
        runtimeClassName: settings.runtimeClassName,
        schedulerName: settings.schedulerName,
        buildTimeout: settings.timeoutSeconds,
        creationTime: settings.creationTime,
      }),
    });

    this.resource = new KpackObject(this, IMAGE, {
      metadata: props.metadata,
      renderSpec,
      crossChecks: () => [
        ...valueProblems,
        ...checkBuilderGeneration(props.builder, KPACK_API_VERSION, 'use ClusterBuilder or NamespacedBuilder from the package root (legacy.* builders are for kpack v0.0.8)'),
        ...checkKind(props.serviceAccount, 'ServiceAccount', 'spec.serviceAccountName'),
        ...props.source?._checks() ?? [],
      ],
    });
    this.apiObject = this.resource;
  }

  /** The additional tags. Returns a copy; use `addAdditionalTag()` to add one. */
  public get additionalTags(): string[] {
    return [...this._additionalTags];
  }

  /** Adds a tag that every build is also pushed to (in the same registry as `tag`). */
  public addAdditionalTag(tag: string): void {
    this._additionalTags.push(tag);
    this.resource.changed();
  }

  /** Sets an environment variable of the builds (replacing one of the same name). */
  public addEnv(name: string, value: kplus.EnvValue): void {
    this._env.set(name, value);
    this.resource.changed();
  }

  /** Adds a service binding to the builds. */
  public addService(service: kplus.IResource): void {
    this._services.push(service);
    this.resource.changed();
  }
}

