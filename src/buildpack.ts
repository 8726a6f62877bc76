import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import * as crds from './imports/kpack.io';
import { KPACK_API_VERSION } from './private/api-versions';
import { checkKind, nameOf, serviceAccountRef } from './private/k8s';
import { KpackKind, KpackObject } from './private/kpack-object';
import { checkProps } from './private/props-check';
import { ImportedResource, referenceTo } from './private/resources';
import { KpackObjectReference } from './reference';

/** A kpack Buildpack or ClusterBuildpack: buildpacks from one image, for builders' orders. */
export interface IBuildpack extends kplus.IResource {
  /** How builders refer to the buildpack resource (`spec.order[].group[]`). */
  readonly buildpackRef: KpackObjectReference;
}

class ImportedBuildpack extends ImportedResource implements IBuildpack {
  public get buildpackRef(): KpackObjectReference {
    return this.reference;
  }
}

/** Properties shared by `Buildpack` and `ClusterBuildpack`. */
export interface BuildpackOptions extends kplus.ResourceProps {
  /** A buildpackage (or builder) image, e.g. `paketobuildpacks/go:4.13.1`. */
  readonly image: string;
}

/** Properties for `Buildpack`. */
export interface BuildpackProps extends BuildpackOptions {
  /**
   * The service account, in the buildpack's namespace, whose secrets kpack uses to read the image.
   *
   * A ServiceAccount of any cdk8s-plus line (or from `fromServiceAccountName()`), or an ApiObject of kind
   * ServiceAccount; anything else is an error at synth.
   *
   * @default - the `default` ServiceAccount of the buildpack's namespace
   */
  readonly serviceAccount?: IConstruct;
}

/** Properties for `ClusterBuildpack`. */
export interface ClusterBuildpackProps extends BuildpackOptions {
  /**
   * The service account (name and namespace) whose secrets kpack uses to read the image.
   *
   * A ServiceAccount of any cdk8s-plus line (or from `fromServiceAccountName()`), or an ApiObject of kind
   * ServiceAccount; anything else is an error at synth.
   *
   * @default - anonymous access
   */
  readonly serviceAccount?: IConstruct;
}

const BUILDPACK: KpackKind<crds.BuildpackSpec> = {
  apiVersion: KPACK_API_VERSION, kind: 'Buildpack', clusterScoped: false, specToJson: crds.toJson_BuildpackSpec,
};
const CLUSTER_BUILDPACK: KpackKind<crds.ClusterBuildpackSpec> = {
  apiVersion: KPACK_API_VERSION, kind: 'ClusterBuildpack', clusterScoped: true, specToJson: crds.toJson_ClusterBuildpackSpec,
};

/**
 * A kpack Buildpack (`kpack.io/v1alpha2`, namespaced): the buildpacks of an image, for the Builders of its
 * namespace. Reference it in an order with `BuildpackRef.fromBuildpack()`.
 *
 * @example
 * const go = new Buildpack(chart, 'go', { image: 'paketobuildpacks/go:4.13.1' });
 * builder.addGroup(BuildpackRef.fromBuildpack(go));
 */
export class Buildpack extends kplus.Resource implements IBuildpack {
  /** A Buildpack that exists already, by name. */
  public static fromBuildpackName(scope: Construct, id: string, name: string): IBuildpack {
    return new ImportedBuildpack(scope, id, { name, apiVersion: KPACK_API_VERSION, kind: 'Buildpack', resourceType: 'buildpacks' });
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'buildpacks';

  public get buildpackRef(): KpackObjectReference {
    return referenceTo(this, true);
  }

  constructor(scope: Construct, id: string, props: BuildpackProps) {
    super(scope, id);
    checkProps(this, 'BuildpackProps', props);
    this.apiObject = new KpackObject(this, BUILDPACK, {
      metadata: props.metadata,
      renderSpec: () => ({ image: props.image, serviceAccountName: props.serviceAccount && nameOf(props.serviceAccount) }),
      crossChecks: () => [
        ...checkKind(props.serviceAccount, 'ServiceAccount', 'spec.serviceAccountName'),
      ],
    });
  }
}

/**
 * A kpack ClusterBuildpack (`kpack.io/v1alpha2`, cluster-scoped): the buildpacks of an image, for every
 * builder. Reference it in an order with `BuildpackRef.fromBuildpack()`.
 *
 * @example
 * const java = new ClusterBuildpack(chart, 'java', { image: 'paketobuildpacks/java:15.3.0' });
 * builder.addGroup(BuildpackRef.fromBuildpack(java));
 */
export class ClusterBuildpack extends kplus.Resource implements IBuildpack {
  /** A ClusterBuildpack that exists already, by name. */
  public static fromClusterBuildpackName(scope: Construct, id: string, name: string): IBuildpack {
    return new ImportedBuildpack(scope, id, { name, apiVersion: KPACK_API_VERSION, kind: 'ClusterBuildpack', resourceType: 'clusterbuildpacks' });
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'clusterbuildpacks';

  public get buildpackRef(): KpackObjectReference {
    return referenceTo(this, false);
  }

  constructor(scope: Construct, id: string, props: ClusterBuildpackProps) {
    super(scope, id);
    checkProps(this, 'ClusterBuildpackProps', props);
    this.apiObject = new KpackObject(this, CLUSTER_BUILDPACK, {
      metadata: props.metadata,
      renderSpec: () => ({
        image: props.image,
        serviceAccountRef: props.serviceAccount && serviceAccountRef(props.serviceAccount),
      }),
      crossChecks: () => checkKind(props.serviceAccount, 'ServiceAccount', 'spec.serviceAccountRef'),
    });
  }
}
