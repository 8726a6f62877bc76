import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { IBuilder } from './builder';
import * as crds from './imports/kpack.io';
import { KPACK_API_VERSION } from './private/api-versions';
import { checkBuilderGeneration } from './private/cross-checks';
import { checkKind, secretNames } from './private/k8s';
import { checkProps } from './private/props-check';
import { kindAndName } from './private/resources';
import { FieldError } from './private/validation/field-error';

/** Options for `BuildBuilder.fromImage()`. */
export interface BuilderImageOptions {
  /**
   * Secrets to pull the builder image with.
   *
   * Secrets of any cdk8s-plus line (or from `fromSecretName()`), or ApiObjects of kind Secret.
   *
   * @default - the service account's credentials
   */
  readonly pullSecrets?: IConstruct[];
}

/**
 * What a standalone Build builds with (its `spec.builder`): a builder resource, or a builder image.
 */
export class BuildBuilder {
  /** A `ClusterBuilder`, or a `Builder` in the build's namespace, by reference. */
  public static fromBuilder(builder: IBuilder): BuildBuilder {
    return new BuildBuilder(
      () => ({ ref: kindAndName(builder.builderRef, builder) }),
      () => checkBuilderGeneration(builder, KPACK_API_VERSION, 'use ClusterBuilder or NamespacedBuilder from the package root', 'Build', 'spec.builder.ref'),
    );
  }

  /** A builder image, e.g. `paketobuildpacks/builder-jammy-base`. */
  public static fromImage(image: string, options: BuilderImageOptions = {}): BuildBuilder {
    checkProps('BuildBuilder.fromImage', 'BuilderImageOptions', options, 'options');
    const pullSecrets = [...options.pullSecrets ?? []];
    return new BuildBuilder(
      () => ({ image, imagePullSecrets: secretNames(pullSecrets) }),
      () => pullSecrets.flatMap(secret => checkKind(secret, 'Secret', 'spec.builder.imagePullSecrets')),
    );
  }

  private constructor(
    private readonly spec: () => crds.BuildSpecBuilder,
    private readonly checks: (build: ApiObject) => FieldError[]) {}

  /**
   * The Build's `spec.builder`.
   * @internal
   */
  public _toKpack(): crds.BuildSpecBuilder {
    return this.spec();
  }

  /**
   * The cross-object checks of the builder for `build` (its generation, its namespace, its pull secrets).
   * @internal
   */
  public _checks(build: ApiObject): FieldError[] {
    return this.checks(build);
  }
}
