import { IConstruct } from 'constructs';
import * as crds from './imports/kpack.io';
import { checkProps } from './private/props-check';
import { SourceDefinition } from './private/source';
import { FieldError } from './private/validation/field-error';

/** How kpack authenticates when it downloads a blob source. */
export enum BlobAuth {
  /** Use the credentials of a `kpack.io/blob` annotated secret of the image's service account. */
  SECRET = 'secret',
  /** Use the cloud provider's credential helper of the build pod (e.g. workload identity). */
  HELPER = 'helper',
}

/** Options for `Source.git()`. */
export interface GitSourceOptions {
  /**
   * The branch, tag or commit to build. kpack rebuilds when a branch or tag moves; a commit is built
   * once.
   */
  readonly revision: string;

  /**
   * The directory inside the repository to build.
   *
   * @default - the repository root
   */
  readonly subPath?: string;

  /**
   * Whether to clone the repository's submodules too.
   *
   * @default false
   */
  readonly initializeSubmodules?: boolean;
}

/** Options for `Source.blob()`. */
export interface BlobSourceOptions {
  /**
   * The directory inside the archive to build.
   *
   * @default - the archive root
   */
  readonly subPath?: string;

  /**
   * How many leading path elements to strip from the archive's entries (like `tar --strip-components`).
   *
   * @default 0
   */
  readonly stripComponents?: number;

  /**
   * How kpack authenticates to download the blob.
   *
   * @default - no authentication (a public URL, or one with a token in it)
   */
  readonly auth?: BlobAuth;
}

/** Options for `Source.registry()`. */
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
   * @default - the image's service account credentials
   */
  readonly pullSecrets?: IConstruct[];
}

/**
 * Where kpack gets the source code to build: a git repository, a blob (archive) URL, or an image in a
 * registry.
 */
export class Source {
  /** Source code in a git repository, over https or ssh. */
  public static git(url: string, options: GitSourceOptions): Source {
    checkProps('Source.git', 'GitSourceOptions', options, 'options');
    return new Source(SourceDefinition.git(url, options?.revision, options?.subPath, options?.initializeSubmodules));
  }

  /** Source code in an archive (zip, tar, tar.gz, jar) at a URL. */
  public static blob(url: string, options: BlobSourceOptions = {}): Source {
    checkProps('Source.blob', 'BlobSourceOptions', options, 'options');
    return new Source(SourceDefinition.blob(url, options.subPath, { stripComponents: options.stripComponents, auth: options.auth }));
  }

  /** Source code in the layers of an image, e.g. pushed with `crane append` or `imgpkg push`. */
  public static registry(image: string, options: RegistrySourceOptions = {}): Source {
    checkProps('Source.registry', 'RegistrySourceOptions', options, 'options');
    return new Source(SourceDefinition.registry(image, options.subPath, options.pullSecrets));
  }

  private constructor(private readonly definition: SourceDefinition) {}

  /**
   * The `spec.source` of a kpack.io/v1alpha2 Image (a Build's has the same shape).
   * @internal
   */
  public _toKpack(): crds.ImageSpecSource {
    return this.definition.spec;
  }

  /**
   * The problems of the source's own references (a pull secret of the wrong kind).
   * @internal
   */
  public _checks(): FieldError[] {
    return this.definition.checks();
  }
}
