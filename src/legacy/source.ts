import { IConstruct } from 'constructs';
import { secretNames } from '../private/k8s';
import { checkProps } from '../private/props-check';

/** Options for kpack v0.0.8's `Source.git()`. */
export interface GitSourceOptions {
  /** The branch, tag or commit to build. */
  readonly revision: string;

  /**
   * The directory inside the repository to build.
   *
   * @default - the repository root
   */
  readonly subPath?: string;
}

/** Options for kpack v0.0.8's `Source.blob()`. */
export interface BlobSourceOptions {
  /**
   * The directory inside the archive to build.
   *
   * @default - the archive root
   */
  readonly subPath?: string;
}

/** Options for kpack v0.0.8's `Source.registry()`. */
export interface RegistrySourceOptions {
  /**
   * The directory inside the image to build.
   *
   * @default - the image root
   */
  readonly subPath?: string;

  /**
   * Secrets to pull the source image with.
   *
   * Secrets of any cdk8s-plus line (or from `fromSecretName()`), or ApiObjects of kind Secret.
   *
   * @default - none
   */
  readonly pullSecrets?: IConstruct[];
}

/** Where kpack v0.0.8 gets the source code to build. */
export class Source {
  /** Source code in a git repository. */
  public static git(url: string, options: GitSourceOptions): Source {
    checkProps('legacy.Source.git', 'legacy.GitSourceOptions', options, 'options');
    return new Source({ git: { url, revision: options?.revision }, subPath: options?.subPath });
  }

  /** Source code in an archive at a URL (public, or with a token in the URL). */
  public static blob(url: string, options: BlobSourceOptions = {}): Source {
    checkProps('legacy.Source.blob', 'legacy.BlobSourceOptions', options, 'options');
    return new Source({ blob: { url }, subPath: options.subPath });
  }

  /** Source code in the layers of an image. */
  public static registry(image: string, options: RegistrySourceOptions = {}): Source {
    checkProps('legacy.Source.registry', 'legacy.RegistrySourceOptions', options, 'options');
    return new Source({
      registry: { image, imagePullSecrets: secretNames(options.pullSecrets) },
      subPath: options.subPath,
    }, [...options.pullSecrets ?? []]);
  }

  /**
   * The secrets the source is pulled with, whose kind the consuming object checks.
   * @internal
   */
  public readonly _pullSecrets: IConstruct[];

  private constructor(private readonly config: Record<string, unknown>, pullSecrets: IConstruct[] = []) {
    this._pullSecrets = pullSecrets;
  }

  /**
   * The `spec.source` of a build.pivotal.io/v1alpha1 Image.
   * @internal
   */
  public _toKpack(): Record<string, unknown> {
    return this.config;
  }
}
