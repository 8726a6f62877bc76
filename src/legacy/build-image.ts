import { ApiObject, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { IBuilder } from './builder';
import { Source } from './source';
import { ImageTaggingStrategy } from '../build-image';
import { LEGACY_API_VERSION } from '../private/api-versions';
import { renderBuildSettings, renderEnv } from '../private/build-settings';
import { checkBuilderGeneration } from '../private/cross-checks';
import { checkKind, nameOf } from '../private/k8s';
import { KpackKind, KpackObject, plainSpec } from '../private/kpack-object';
import { checkProps } from '../private/props-check';
import { sizeToQuantityOrProblem } from '../private/quantity';
import { emptyToUndefined, kindAndName } from '../private/resources';
import { LegacySourceSpec } from '../private/source';
import { FieldError } from '../private/validation/field-error';

/** Properties for kpack v0.0.8's `BuildImage`. */
export interface BuildImageProps extends kplus.ResourceProps {
  /** Where kpack pushes the built image, e.g. `making/hello-golang`. A tag, not a digest. */
  readonly tag: string;

  /** The builder that builds the image. */
  readonly builder: IBuilder;

  /** The source code to build. */
  readonly source: Source;

  /**
   * The service account, in the image's namespace, whose secrets the builds use.
   *
   * A ServiceAccount of any cdk8s-plus line (or from `fromServiceAccountName()`), or an ApiObject of kind
   * ServiceAccount; anything else is an error at synth.
   *
   * @default - the `default` ServiceAccount of the image's namespace
   */
  readonly serviceAccount?: IConstruct;

  /**
   * The size of the build cache volume (`<image>-cache`, default StorageClass).
   *
   * @default - no cache
   */
  readonly cacheSize?: Size;

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

  /**
   * Environment variables for the buildpacks (`spec.build.env`).
   *
   * @default - none
   */
  readonly env?: { [name: string]: kplus.EnvValue };

  /**
   * CPU and memory of the build pod (`spec.build.resources`).
   *
   * @default - no requests or limits
   */
  readonly resources?: kplus.ContainerResources;
}

/** The spec of kpack v0.0.8's Image (no generated types: v0.0.8 has no schemas). */
interface LegacyImageSpec {
  readonly tag: string;
  readonly serviceAccount?: string;
  readonly cacheSize?: string;
  readonly builder?: { readonly name: string; readonly kind: string };
  readonly source?: LegacySourceSpec;
  readonly successBuildHistoryLimit?: number;
  readonly failedBuildHistoryLimit?: number;
  readonly imageTaggingStrategy?: ImageTaggingStrategy;
  readonly build?: { readonly env?: unknown; readonly resources?: unknown };
}

const IMAGE: KpackKind<LegacyImageSpec> = {
  apiVersion: LEGACY_API_VERSION, kind: 'Image', clusterScoped: false, specToJson: plainSpec,
};

/**
 * A kpack v0.0.8 Image (`build.pivotal.io/v1alpha1`): an image kpack keeps built from source. Its
 * fields are v0.0.8's: `serviceAccount` and `cacheSize`.
 *
 * @example
 * new legacy.BuildImage(chart, 'hello-golang', {
 *   metadata: { name: 'hello-golang' },
 *   tag: 'making/hello-golang',
 *   builder: legacy.ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
 *   serviceAccount,
 *   cacheSize: Size.gibibytes(1.5),
 *   source: legacy.Source.git('https://github.com/making/hello-golang', { revision: 'master' }),
 * });
 */
export class BuildImage extends kplus.Resource {
  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'images';

  /** The builder that builds the image. */
  public readonly builder: IBuilder;

  private readonly env: Map<string, kplus.EnvValue>;
  private readonly resource: KpackObject<LegacyImageSpec>;

  constructor(scope: Construct, id: string, props: BuildImageProps) {
    super(scope, id);
    checkProps(this, 'legacy.BuildImageProps', props);
    this.builder = props.builder;
    // Values no manifest can hold, reported at synth (with the app's other problems) rather than thrown.
    const valueProblems: FieldError[] = [];
    const cacheSize = props.cacheSize && sizeToQuantityOrProblem(props.cacheSize, 'cache size', 'spec.cacheSize', valueProblems);
    const settings = renderBuildSettings({ resources: props.resources }, { resources: 'spec.build.resources', timeout: 'spec.build.buildTimeout' }, valueProblems);
    this.env = new Map(Object.entries(props.env ?? {}));
    this.resource = new KpackObject(this, IMAGE, {
      metadata: props.metadata,
      renderSpec: () => ({
        tag: props.tag,
        serviceAccount: props.serviceAccount && nameOf(props.serviceAccount),
        cacheSize,
        builder: props.builder && kindAndName(props.builder.legacyBuilderRef, props.builder),
        source: props.source?._toKpack(),
        successBuildHistoryLimit: props.successBuildHistoryLimit,
        failedBuildHistoryLimit: props.failedBuildHistoryLimit,
        imageTaggingStrategy: props.imageTaggingStrategy,
        build: emptyToUndefined({ env: renderEnv(this.env), resources: settings.resources }),
      }),
      crossChecks: () => [
        ...valueProblems,
        ...checkBuilderGeneration(props.builder, LEGACY_API_VERSION, 'use legacy.ClusterBuilder or legacy.NamespacedBuilder (the builders at the package root are for kpack v0.17)'),
        ...checkKind(props.serviceAccount, 'ServiceAccount', 'spec.serviceAccountName'),
        ...props.source?._checks() ?? [],
      ],
    });
    this.apiObject = this.resource;
  }

  /** Sets an environment variable of the builds (replacing one of the same name). */
  public addEnv(name: string, value: kplus.EnvValue): void {
    this.env.set(name, value);
    this.resource.changed();
  }
}
