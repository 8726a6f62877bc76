import { ApiObject, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IBuilder } from './builder';
import { KPACK_API_VERSION } from './private/api-versions';
import { checkBuilderGeneration, checkServiceAccountNamespace } from './private/image-checks';
import { sizeToQuantity } from './private/quantity';
import { undefinedIfEmpty, validateRendered } from './private/resources';
import { Source } from './source';

/** Whether kpack tags each build's image with a build number as well. */
export enum ImageTaggingStrategy {
  /** Only the image's tag (and additional tags). */
  NONE = 'None',
  /** Also `<tag>:b<build number>.<yyyymmdd>.<hhmmss>` for every build. */
  BUILD_NUMBER = 'BuildNumber',
}

/** Options for `BuildCache.volume()`. */
export interface VolumeCacheOptions {
  /**
   * The StorageClass of the cache volume. kpack cannot change it once the image exists.
   *
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/** Where kpack keeps the build cache of an image between builds. */
export class BuildCache {
  /**
   * A PersistentVolumeClaim (`<image>-cache`) of the given size. kpack can grow it later, never shrink it.
   */
  public static volume(size: Size, options: VolumeCacheOptions = {}): BuildCache {
    return new BuildCache(size, undefined, options.storageClassName);
  }

  /** An image in a registry, e.g. `registry.example.com/app-cache`; the image's credentials must be able to push it. */
  public static registry(tag: string): BuildCache {
    return new BuildCache(undefined, tag, undefined);
  }

  private constructor(
    private readonly size: Size | undefined,
    private readonly registryTag: string | undefined,
    private readonly storageClassName: string | undefined) {}

  /**
   * The `spec.cache` of a kpack.io/v1alpha2 Image. Throws when the size cannot be rendered.
   * @internal
   */
  public _toKpack(): Record<string, unknown> {
    if (this.registryTag !== undefined) {
      return { registry: { tag: this.registryTag } };
    }
    return { volume: { size: this.size && sizeToQuantity(this.size, 'cache size'), storageClassName: this.storageClassName } };
  }
}

/** Properties for `BuildImage`. */
export interface BuildImageProps extends kplus.ResourceProps {
  /** Where kpack pushes the built image, e.g. `registry.example.com/apps/hello`. A tag, not a digest. */
  readonly tag: string;

  /**
   * More tags to push every build to. They must be in the same registry as `tag`.
   *
   * @default - none
   */
  readonly additionalTags?: string[];

  /** The builder that builds the image: a `ClusterBuilder` or a `Builder` in the image's namespace. */
  readonly builder: IBuilder;

  /** The source code to build. */
  readonly source: Source;

  /**
   * The service account, in the image's namespace, whose secrets the builds use to push the image and
   * to read the source.
   *
   * @default - the `default` ServiceAccount of the image's namespace
   */
  readonly serviceAccount?: kplus.IServiceAccount;

  /**
   * Where builds keep their cache.
   *
   * @default - kpack's default: a 2G volume when the cluster has a default StorageClass, no cache otherwise
   */
  readonly cache?: BuildCache;

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

/**
 * A kpack Image (`kpack.io/v1alpha2`): an OCI image that kpack keeps built from source, rebuilding when
 * the source, the builder's buildpacks or the stack change.
 *
 * Named `BuildImage` because `Image` names container images throughout cdk8s. For kpack v0.0.8, use
 * `legacy.BuildImage`.
 *
 * @example
 * new BuildImage(chart, 'hello', {
 *   tag: 'registry.example.com/apps/hello',
 *   builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
 *   source: Source.git('https://github.com/making/hello-golang', { revision: 'main' }),
 *   cache: BuildCache.volume(Size.gibibytes(2)),
 * });
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
  public readonly serviceAccount?: kplus.IServiceAccount;

  private readonly _additionalTags: string[];

  constructor(scope: Construct, id: string, props: BuildImageProps) {
    super(scope, id);
    this.builder = props.builder;
    this.serviceAccount = props.serviceAccount;
    this._additionalTags = [...props.additionalTags ?? []];

    let cache: Record<string, unknown> | undefined;
    try {
      cache = props.cache?._toKpack();
    } catch (e) {
      throw new Error(`[${this.node.path}] spec.cache.volume.size: ${(e as Error).message}`);
    }

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: KPACK_API_VERSION,
      kind: 'Image',
      metadata: props.metadata,
      spec: {
        tag: props.tag,
        additionalTags: Lazy.any({ produce: () => undefinedIfEmpty(this._additionalTags) }),
        builder: props.builder ? { kind: props.builder.kind, name: props.builder.name } : undefined,
        serviceAccountName: props.serviceAccount?.name,
        source: props.source?._toKpack(),
        cache,
        successBuildHistoryLimit: props.successBuildHistoryLimit,
        failedBuildHistoryLimit: props.failedBuildHistoryLimit,
        imageTaggingStrategy: props.imageTaggingStrategy,
      },
    });
    validateRendered(this, this.apiObject, () => [
      ...checkBuilderGeneration(props.builder, KPACK_API_VERSION, 'use ClusterBuilder or Builder from the package root (legacy.* builders are for kpack v0.0.8)'),
      ...checkServiceAccountNamespace(this.apiObject, props.serviceAccount),
    ]);
  }

  /** The additional tags. Returns a copy; use `addAdditionalTag()` to add one. */
  public get additionalTags(): string[] {
    return [...this._additionalTags];
  }

  /** Adds a tag that every build is also pushed to (in the same registry as `tag`). */
  public addAdditionalTag(tag: string): void {
    this._additionalTags.push(tag);
  }
}
