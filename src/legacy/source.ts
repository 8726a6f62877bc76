import { IConstruct } from 'constructs';
import { checkProps } from '../private/props-check';
import { LegacySourceSpec, SourceDefinition } from '../private/source';
import { FieldError } from '../private/validation/field-error';

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
    return new Source(SourceDefinition.git(url, options?.revision, options?.subPath));
  }

  /** Source code in an archive at a URL (public, or with a token in the URL). */
  public static blob(url: string, options: BlobSourceOptions = {}): Source {
    checkProps('legacy.Source.blob', 'legacy.BlobSourceOptions', options, 'options');
    return new Source(SourceDefinition.blob(url, options.subPath));
  }

  /** Source code in the layers of an image. */
  public static registry(image: string, options: RegistrySourceOptions = {}): Source {
    checkProps('legacy.Source.registry', 'legacy.RegistrySourceOptions', options, 'options');
    return new Source(SourceDefinition.registry(image, options.subPath, options.pullSecrets));
  }

  private constructor(private readonly definition: SourceDefinition) {}

  /**
   * The `spec.source` of a build.pivotal.io/v1alpha1 Image.
   * @internal
   */
  public _toKpack(): LegacySourceSpec {
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
