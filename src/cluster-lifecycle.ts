import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import * as crds from './imports/kpack.io';
import { KPACK_API_VERSION } from './private/api-versions';
import { checkKind, serviceAccountRef } from './private/k8s';
import { KpackKind, KpackObject } from './private/kpack-object';
import { checkProps } from './private/props-check';
import { ImportedResource, referenceTo } from './private/resources';
import { KpackObjectReference } from './reference';

/** A kpack ClusterLifecycle: the Cloud Native Buildpacks lifecycle builders are made with. */
export interface IClusterLifecycle extends kplus.IResource {
  /** How builders refer to the lifecycle (`spec.lifecycle`). */
  readonly lifecycleRef: KpackObjectReference;
}

class ImportedClusterLifecycle extends ImportedResource implements IClusterLifecycle {
  public get lifecycleRef(): KpackObjectReference {
    return this.reference;
  }
}

/** Properties for `ClusterLifecycle`. */
export interface ClusterLifecycleProps extends kplus.ResourceProps {
  /** The lifecycle image, e.g. `buildpacksio/lifecycle:0.20.5`. */
  readonly image: string;

  /**
   * The service account whose secrets kpack's controller uses to read the image from a private registry.
   *
   * A ServiceAccount of any cdk8s-plus line (or from `fromServiceAccountName()`), or an ApiObject of kind
   * ServiceAccount; anything else is an error at synth.
   *
   * @default - anonymous access
   */
  readonly serviceAccount?: IConstruct;
}

const CLUSTER_LIFECYCLE: KpackKind<crds.ClusterLifecycleSpec> = {
  apiVersion: KPACK_API_VERSION, kind: 'ClusterLifecycle', clusterScoped: true, specToJson: crds.toJson_ClusterLifecycleSpec,
};

/**
 * A kpack ClusterLifecycle (`kpack.io/v1alpha2`, cluster-scoped, kpack v0.17 and later): a version of the
 * Cloud Native Buildpacks lifecycle that builders use. kpack's install defines `default-lifecycle`, which
 * builders use unless they name another.
 *
 * @example
 * const lifecycle = new ClusterLifecycle(chart, 'lifecycle', { image: 'buildpacksio/lifecycle:0.20.5' });
 */
export class ClusterLifecycle extends kplus.Resource implements IClusterLifecycle {
  /** A ClusterLifecycle that exists already, by name (kpack's own is `default-lifecycle`). */
  public static fromClusterLifecycleName(scope: Construct, id: string, name: string): IClusterLifecycle {
    return new ImportedClusterLifecycle(scope, id, { name, apiVersion: KPACK_API_VERSION, kind: 'ClusterLifecycle', resourceType: 'clusterlifecycles' });
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'clusterlifecycles';

  public get lifecycleRef(): KpackObjectReference {
    return referenceTo(this, false);
  }

  constructor(scope: Construct, id: string, props: ClusterLifecycleProps) {
    super(scope, id);
    checkProps(this, 'ClusterLifecycleProps', props);
    this.apiObject = new KpackObject(this, CLUSTER_LIFECYCLE, {
      metadata: props.metadata,
      renderSpec: () => ({
        image: props.image,
        serviceAccountRef: props.serviceAccount && serviceAccountRef(props.serviceAccount),
      }),
      crossChecks: () => checkKind(props.serviceAccount, 'ServiceAccount', 'spec.serviceAccountRef'),
    });
  }
}
