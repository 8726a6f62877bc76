import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import * as crds from './imports/kpack.io';
import { KPACK_API_VERSION } from './private/api-versions';
import { checkKind, serviceAccountRef } from './private/k8s';
import { KpackKind, KpackObject } from './private/kpack-object';
import { checkProps } from './private/props-check';
import { ImportedResource, referenceTo, undefinedIfEmpty } from './private/resources';
import { KpackObjectReference } from './reference';

/** A kpack ClusterStore: the buildpacks that builders can use. */
export interface IClusterStore extends kplus.IResource {
  /** How builders refer to the store (`spec.store`). */
  readonly storeRef: KpackObjectReference;

  /**
   * The ids of the buildpacks the store provides, when every source declares them (`addSource()`), so
   * that builders' orders can be checked against them.
   *
   * @default - not known
   */
  readonly providedBuildpackIds?: string[];
}

class ImportedClusterStore extends ImportedResource implements IClusterStore {
  public get storeRef(): KpackObjectReference {
    return this.reference;
  }
}

/** Options for `ClusterStore.addSource()`. */
export interface StoreSourceOptions {
  /**
   * The ids of the buildpacks the image holds (its top-level and nested buildpacks), when known. When
   * every source of a store says what it holds, builders using the store are checked at synth: each
   * buildpack id in their order must be provided.
   *
   * @default - unknown: orders using this store are not checked
   */
  readonly buildpackIds?: string[];
}

/** Properties for `ClusterStore`. */
export interface ClusterStoreProps extends kplus.ResourceProps {
  /**
   * Buildpackage (or builder) images whose buildpacks the store offers, e.g. `paketobuildpacks/go`.
   * kpack needs at least one; add more with `addSource()`.
   *
   * @default - none
   */
  readonly sources?: string[];

  /**
   * The service account whose secrets kpack's controller uses to read the source images from a
   * private registry.
   *
   * A ServiceAccount of any cdk8s-plus line (or from `fromServiceAccountName()`), or an ApiObject of kind
   * ServiceAccount; anything else is an error at synth.
   *
   * @default - anonymous access
   */
  readonly serviceAccount?: IConstruct;
}

const CLUSTER_STORE: KpackKind<crds.ClusterStoreSpec> = {
  apiVersion: KPACK_API_VERSION, kind: 'ClusterStore', clusterScoped: true, specToJson: crds.toJson_ClusterStoreSpec,
};

/**
 * A kpack ClusterStore (`kpack.io/v1alpha2`, cluster-scoped): a collection of buildpacks, taken from
 * buildpackage images, that builders pick their order from.
 *
 * @example
 * const store = new ClusterStore(chart, 'store', { sources: ['paketobuildpacks/go'] });
 * store.addSource('paketobuildpacks/java');
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/store.md
 */
export class ClusterStore extends kplus.Resource implements IClusterStore {
  /** A ClusterStore that exists already, by name. */
  public static fromClusterStoreName(scope: Construct, id: string, name: string): IClusterStore {
    return new ImportedClusterStore(scope, id, { name, apiVersion: KPACK_API_VERSION, kind: 'ClusterStore', resourceType: 'clusterstores' });
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'clusterstores';

  public get storeRef(): KpackObjectReference {
    return referenceTo(this, false);
  }

  private readonly resource: KpackObject<crds.ClusterStoreSpec>;

  private readonly _sources: string[];
  private readonly _buildpackIds: Array<string[] | undefined>;

  constructor(scope: Construct, id: string, props: ClusterStoreProps = {}) {
    super(scope, id);
    checkProps(this, 'ClusterStoreProps', props);
    this._sources = [...props.sources ?? []];
    this._buildpackIds = this._sources.map(() => undefined);
    this.resource = new KpackObject(this, CLUSTER_STORE, {
      metadata: props.metadata,
      renderSpec: () => ({
        sources: undefinedIfEmpty(this._sources.map(image => ({ image }))),
        serviceAccountRef: props.serviceAccount ? serviceAccountRef(props.serviceAccount) : undefined,
      }),
      crossChecks: () => checkKind(props.serviceAccount, 'ServiceAccount', 'spec.serviceAccountRef'),
    });
    this.apiObject = this.resource;
  }

  /** The source images of the store. Returns a copy; use `addSource()` to add one. */
  public get sources(): string[] {
    return [...this._sources];
  }

  /** Adds a buildpackage (or builder) image to the store, and optionally the buildpacks it holds. */
  public addSource(image: string, options: StoreSourceOptions = {}): void {
    checkProps(this, 'StoreSourceOptions', options, 'options');
    this._sources.push(image);
    this._buildpackIds.push(options.buildpackIds && [...options.buildpackIds]);
    this.resource.changed();
  }

  /** The ids of the buildpacks the store provides, when every source declares them (`addSource()`). */
  public get providedBuildpackIds(): string[] | undefined {
    if (this._buildpackIds.length === 0 || this._buildpackIds.some(ids => ids === undefined)) {
      return undefined;
    }
    return this._buildpackIds.flatMap(ids => ids!);
  }
}
