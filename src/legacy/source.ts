import * as kplus from 'cdk8s-plus-27';

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
   * @default - none
   */
  readonly pullSecrets?: kplus.ISecret[];
}

/** Where kpack v0.0.8 gets the source code to build. */
export class Source {
  /** Source code in a git repository. */
  public static git(url: string, options: GitSourceOptions): Source {
    return new Source({ git: { url, revision: options?.revision }, subPath: options?.subPath });
  }

  /** Source code in an archive at a URL (public, or with a token in the URL). */
  public static blob(url: string, options: BlobSourceOptions = {}): Source {
    return new Source({ blob: { url }, subPath: options.subPath });
  }

  /** Source code in the layers of an image. */
  public static registry(image: string, options: RegistrySourceOptions = {}): Source {
    const pullSecrets = (options.pullSecrets ?? []).map(secret => ({ name: secret.name }));
    return new Source({
      registry: { image, imagePullSecrets: pullSecrets.length > 0 ? pullSecrets : undefined },
      subPath: options.subPath,
    });
  }

  private constructor(private readonly config: Record<string, unknown>) {}

  /**
   * The `spec.source` of a build.pivotal.io/v1alpha1 Image.
   * @internal
   */
  public _toKpack(): Record<string, unknown> {
    return this.config;
  }
}
