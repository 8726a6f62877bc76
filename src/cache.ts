import { Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as crds from './imports/kpack.io';
import { checkKind, nameOf } from './private/k8s';
import { checkProps } from './private/props-check';
import { sizeToQuantityOrProblem } from './private/quantity';
import { FieldError } from './private/validation/field-error';

/** Options for `ImageCache.volume()`. */
export interface VolumeCacheOptions {
  /**
   * The StorageClass of the cache volume. kpack cannot change it once the image exists.
   *
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/**
 * Where the builds of an Image keep their cache between builds: a volume kpack creates, or an image in a
 * registry. (A standalone Build takes a `BuildCache`.)
 */
export class ImageCache {
  /**
   * A PersistentVolumeClaim (`<image>-cache`) of the given size, which kpack creates. kpack can grow it
   * later, never shrink it. The size must be a whole number of bytes.
   */
  public static volume(size: Size, options: VolumeCacheOptions = {}): ImageCache {
    checkProps('ImageCache.volume', 'VolumeCacheOptions', options, 'options');
    // A size no quantity can hold is not thrown here, outside any construct: the Image that uses the
    // cache reports it at synth, with its path and the app's other problems.
    const problems: FieldError[] = [];
    const quantity = sizeToQuantityOrProblem(size, 'cache size', 'spec.cache.volume.size', problems);
    return new ImageCache(quantity === undefined ? undefined : {
      volume: {
        size: crds.ImageSpecCacheVolumeSize.fromString(quantity),
        storageClassName: options.storageClassName,
      },
    }, problems);
  }

  /** An image in a registry, e.g. `registry.example.com/app-cache`; the image's credentials must be able to push it. */
  public static registry(tag: string): ImageCache {
    return new ImageCache({ registry: { tag } }, []);
  }

  private constructor(private readonly spec: crds.ImageSpecCache | undefined, private readonly problems: FieldError[]) {}

  /**
   * The Image's `spec.cache`; undefined (left out) when the cache has a problem.
   * @internal
   */
  public _toKpack(): crds.ImageSpecCache | undefined {
    return this.spec;
  }

  /**
   * What is wrong with the value given to the factory, for the Image that uses the cache to report.
   * @internal
   */
  public _problems(): FieldError[] {
    return [...this.problems];
  }
}

/**
 * Where a standalone Build keeps its cache: an existing PersistentVolumeClaim, or an image in a registry.
 * (An Image takes an `ImageCache`, whose volume kpack creates.)
 */
export class BuildCache {
  /**
   * An existing PersistentVolumeClaim in the build's namespace.
   *
   * @param claim the claim: of any cdk8s-plus line (`kplus.PersistentVolumeClaim.fromClaimName(chart, 'cache', 'app-cache')`
   * for one made elsewhere), or an ApiObject of kind PersistentVolumeClaim; anything else fails the synth
   */
  public static persistentVolumeClaim(claim: IConstruct): BuildCache {
    return new BuildCache(() => ({ volume: { persistentVolumeClaimName: nameOf(claim) ?? '' } }), claim);
  }

  /** An image in a registry, e.g. `registry.example.com/app-cache`; the build's credentials must be able to push it. */
  public static registry(tag: string): BuildCache {
    return new BuildCache(() => ({ registry: { tag } }), undefined);
  }

  private constructor(private readonly spec: () => crds.BuildSpecCache, private readonly claim: IConstruct | undefined) {}

  /**
   * What is wrong with the cache, for the Build that uses it to report at synth: a claim that is not a PersistentVolumeClaim.
   * @internal
   */
  public _checks(): FieldError[] {
    return checkKind(this.claim, 'PersistentVolumeClaim', 'spec.cache.volume.persistentVolumeClaimName');
  }

  /**
   * The Build's `spec.cache`.
   * @internal
   */
  public _toKpack(): crds.BuildSpecCache {
    return this.spec();
  }
}
