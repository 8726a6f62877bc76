import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { LEGACY_API_VERSION } from '../private/api-versions';
import { checkKind, secretNames } from '../private/k8s';
import { KpackKind, KpackObject, plainSpec } from '../private/kpack-object';
import { checkProps } from '../private/props-check';
import { ImportedResource, referenceTo } from '../private/resources';
import { KpackObjectReference } from '../reference';

/** A kpack v0.0.8 builder that images can be built with: a `Builder` or a `ClusterBuilder`. */
export interface IBuilder extends kplus.IResource {
  /** How kpack v0.0.8 images refer to the builder (`spec.builder`). */
  readonly legacyBuilderRef: KpackObjectReference;
}

class ImportedBuilder extends ImportedResource implements IBuilder {
  public get legacyBuilderRef(): KpackObjectReference {
    return this.reference;
  }
}

/** When kpack v0.0.8 looks for a new version of a builder image. */
export enum UpdatePolicy {
  /** kpack re-resolves the builder image's tag periodically and rebuilds images when it moves. */
  POLLING = 'polling',
  /** kpack resolves the builder image only when the builder resource changes. */
  EXTERNAL = 'external',
}

/** Properties shared by kpack v0.0.8's `Builder` and `ClusterBuilder`. */
export interface BuilderImageOptions extends kplus.ResourceProps {
  /** A prebuilt Cloud Native Buildpacks builder image, e.g. `gcr.io/paketo-buildpacks/builder:base`. */
  readonly image: string;

  /**
   * When kpack looks for a new version of the image.
   *
   * @default UpdatePolicy.POLLING
   */
  readonly updatePolicy?: UpdatePolicy;
}

/** Properties for kpack v0.0.8's `ClusterBuilder`. Its image must be public: it has no pull secrets. */
export interface ClusterBuilderProps extends BuilderImageOptions {}

/** Properties for kpack v0.0.8's `Builder`. */
export interface BuilderProps extends BuilderImageOptions {
  /**
   * Secrets to pull the builder image with.
   *
   * Secrets of any cdk8s-plus line (or from `fromSecretName()`), or ApiObjects of kind Secret.
   *
   * @default - none: the image must be public
   */
  readonly imagePullSecrets?: IConstruct[];
}

/** The spec of kpack v0.0.8's Builder and ClusterBuilder (no generated types: v0.0.8 has no schemas). */
interface LegacyBuilderSpec {
  readonly image: string;
  readonly updatePolicy?: UpdatePolicy;
  readonly imagePullSecrets?: Array<{ readonly name: string }>;
}

const CLUSTER_BUILDER: KpackKind<LegacyBuilderSpec> = {
  apiVersion: LEGACY_API_VERSION, kind: 'ClusterBuilder', clusterScoped: true, specToJson: plainSpec,
};
const BUILDER: KpackKind<LegacyBuilderSpec> = {
  apiVersion: LEGACY_API_VERSION, kind: 'Builder', clusterScoped: false, specToJson: plainSpec,
};

/**
 * A kpack v0.0.8 ClusterBuilder (`build.pivotal.io/v1alpha1`, cluster-scoped): a prebuilt builder image
 * that images in every namespace can use.
 *
 * @example
 * new legacy.ClusterBuilder(chart, 'builder', {
 *   metadata: { name: 'default' },
 *   image: 'gcr.io/paketo-buildpacks/builder:base',
 * });
 */
export class ClusterBuilder extends kplus.Resource implements IBuilder {
  /** A kpack v0.0.8 ClusterBuilder that exists already, by name. */
  public static fromClusterBuilderName(scope: Construct, id: string, name: string): IBuilder {
    return new ImportedBuilder(scope, id, { name, apiVersion: LEGACY_API_VERSION, kind: 'ClusterBuilder', resourceType: 'clusterbuilders' });
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'clusterbuilders';

  public get legacyBuilderRef(): KpackObjectReference {
    return referenceTo(this, false);
  }

  /** The builder image. */
  public readonly image: string;

  constructor(scope: Construct, id: string, props: ClusterBuilderProps) {
    super(scope, id);
    checkProps(this, 'legacy.ClusterBuilderProps', props);
    this.image = props.image;
    this.apiObject = new KpackObject(this, CLUSTER_BUILDER, {
      metadata: props.metadata,
      renderSpec: () => ({ image: props.image, updatePolicy: props.updatePolicy }),
    });
  }
}

/**
 * A kpack v0.0.8 Builder (`build.pivotal.io/v1alpha1`, namespaced): a prebuilt builder image for the
 * images of its namespace, pulled with its own pull secrets.
 *
 * Named `NamespacedBuilder`, not `Builder`: in Java, jsii gives every construct a nested `Builder` class.
 *
 * @example
 * new legacy.NamespacedBuilder(chart, 'builder', {
 *   image: 'registry.example.com/builders/base',
 *   imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'registry-pull')],
 * });
 */
export class NamespacedBuilder extends kplus.Resource implements IBuilder {
  /** A kpack v0.0.8 Builder that exists already, by name. */
  public static fromBuilderName(scope: Construct, id: string, name: string): IBuilder {
    return new ImportedBuilder(scope, id, { name, apiVersion: LEGACY_API_VERSION, kind: 'Builder', resourceType: 'builders' });
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'builders';

  public get legacyBuilderRef(): KpackObjectReference {
    return referenceTo(this, true);
  }

  /** The builder image. */
  public readonly image: string;

  constructor(scope: Construct, id: string, props: BuilderProps) {
    super(scope, id);
    checkProps(this, 'legacy.BuilderProps', props);
    this.image = props.image;
    this.apiObject = new KpackObject(this, BUILDER, {
      metadata: props.metadata,
      renderSpec: () => ({
        image: props.image,
        updatePolicy: props.updatePolicy,
        imagePullSecrets: secretNames(props.imagePullSecrets),
      }),
      crossChecks: () => (props.imagePullSecrets ?? []).flatMap(secret => checkKind(secret, 'Secret', 'spec.imagePullSecrets')),
    });
  }
}
