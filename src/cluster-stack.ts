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

/** A kpack ClusterStack: the build and run images builders are made from. */
export interface IClusterStack extends kplus.IResource {
  /** How builders refer to the stack (`spec.stack`). */
  readonly stackRef: KpackObjectReference;
}

class ImportedClusterStack extends ImportedResource implements IClusterStack {
  public get stackRef(): KpackObjectReference {
    return this.reference;
  }
}

/** Properties for `ClusterStack`. */
export interface ClusterStackProps extends kplus.ResourceProps {
  /** The stack id both images declare, e.g. `io.buildpacks.stacks.jammy`. */
  readonly stackId: string;

  /** The build image, e.g. `paketobuildpacks/build-jammy-base`. */
  readonly buildImage: string;

  /** The run image, e.g. `paketobuildpacks/run-jammy-base`. */
  readonly runImage: string;

  /**
   * The service account whose secrets kpack's controller uses to read the images from a private
   * registry.
   *
   * A ServiceAccount of any cdk8s-plus line (or from `fromServiceAccountName()`), or an ApiObject of kind
   * ServiceAccount; anything else is an error at synth.
   *
   * @default - anonymous access
   */
  readonly serviceAccount?: IConstruct;
}

const CLUSTER_STACK: KpackKind<crds.ClusterStackSpec> = {
  apiVersion: KPACK_API_VERSION, kind: 'ClusterStack', clusterScoped: true, specToJson: crds.toJson_ClusterStackSpec,
};

/**
 * A kpack ClusterStack (`kpack.io/v1alpha2`, cluster-scoped): the build image builds run on and the run
 * image apps are exported onto. kpack rebases images when the run image changes.
 *
 * @example
 * new ClusterStack(chart, 'stack', {
 *   stackId: 'io.buildpacks.stacks.jammy',
 *   buildImage: 'paketobuildpacks/build-jammy-base',
 *   runImage: 'paketobuildpacks/run-jammy-base',
 * });
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/stack.md
 */
export class ClusterStack extends kplus.Resource implements IClusterStack {
  /** A ClusterStack that exists already, by name. */
  public static fromClusterStackName(scope: Construct, id: string, name: string): IClusterStack {
    return new ImportedClusterStack(scope, id, { name, apiVersion: KPACK_API_VERSION, kind: 'ClusterStack', resourceType: 'clusterstacks' });
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'clusterstacks';

  /** The stack id. */
  public readonly stackId: string;

  public get stackRef(): KpackObjectReference {
    return referenceTo(this, false);
  }

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id);
    checkProps(this, 'ClusterStackProps', props);
    this.stackId = props.stackId;
    this.apiObject = new KpackObject(this, CLUSTER_STACK, {
      metadata: props.metadata,
      renderSpec: () => ({
        id: props.stackId,
        buildImage: { image: props.buildImage },
        runImage: { image: props.runImage },
        serviceAccountRef: props.serviceAccount ? serviceAccountRef(props.serviceAccount) : undefined,
      }),
      crossChecks: () => checkKind(props.serviceAccount, 'ServiceAccount', 'spec.serviceAccountRef'),
    });
  }
}
