import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { IBuildpack } from './buildpack';
import { IClusterLifecycle } from './cluster-lifecycle';
import { IClusterStack } from './cluster-stack';
import { IClusterStore } from './cluster-store';
import * as crds from './imports/kpack.io';
import { KPACK_API_VERSION } from './private/api-versions';
import { checkKind, nameOf, serviceAccountRef } from './private/k8s';
import { KpackKind, KpackObject } from './private/kpack-object';
import { checkProps } from './private/props-check';
import { ImportedResource, kindAndName, referenceTo } from './private/resources';
import { FieldError, generic, withHint } from './private/validation/field-error';
import { KpackObjectReference } from './reference';

/** A kpack builder that images can be built with: a `Builder` or a `ClusterBuilder`. */
export interface IBuilder extends kplus.IResource {
  /** How images and builds refer to the builder (`spec.builder`). */
  readonly builderRef: KpackObjectReference;
}

class ImportedBuilder extends ImportedResource implements IBuilder {
  public get builderRef(): KpackObjectReference {
    return this.reference;
  }
}

/** Options for `BuildpackRef.id()`. */
export interface BuildpackRefOptions {
  /**
   * The buildpack version. May also be given in the id as `id@version`.
   *
   * @default - the version the store offers (the highest, when it offers several)
   */
  readonly version?: string;

  /**
   * Whether the group may pass detection without this buildpack.
   *
   * @default false
   */
  readonly optional?: boolean;
}

/** Options for `BuildpackRef.fromBuildpack()`. */
export interface BuildpackResourceRefOptions {
  /**
   * The id of the buildpack to use, when the resource's image holds several (a composite buildpack).
   *
   * @default - the image's top-level buildpack
   */
  readonly id?: string;

  /**
   * The buildpack version.
   *
   * @default - the version the resource offers
   */
  readonly version?: string;

  /**
   * Whether the group may pass detection without this buildpack.
   *
   * @default false
   */
  readonly optional?: boolean;
}

/** A buildpack in a builder's order. */
export class BuildpackRef {
  /**
   * A buildpack by its id, e.g. `paketo-buildpacks/go` or `paketo-buildpacks/go@4.13.1`.
   */
  public static id(id: string, options: BuildpackRefOptions = {}): BuildpackRef {
    checkProps('BuildpackRef.id', 'BuildpackRefOptions', options, 'options');
    const at = id.lastIndexOf('@');
    const bareId = at > 0 ? id.slice(0, at) : id;
    const inlineVersion = at > 0 ? id.slice(at + 1) : undefined;
    // Not thrown here, outside any construct: the builder whose order holds the reference reports it at
    // synth, with its path and the app's other problems.
    const problem = inlineVersion !== undefined && options.version !== undefined && options.version !== inlineVersion
      ? `buildpack "${id}" names version ${inlineVersion} but options.version is ${options.version}`
      : undefined;
    return new BuildpackRef({
      id: bareId,
      version: inlineVersion ?? options.version,
      optional: options.optional ? true : undefined,
    }, problem);
  }

  /** The buildpacks of a `Buildpack` or `ClusterBuildpack` resource, referenced by name and kind. */
  public static fromBuildpack(buildpack: IBuildpack, options: BuildpackResourceRefOptions = {}): BuildpackRef {
    checkProps('BuildpackRef.fromBuildpack', 'BuildpackResourceRefOptions', options, 'options');
    return new BuildpackRef({
      ...kindAndName(buildpack.buildpackRef, buildpack),
      id: options.id,
      version: options.version,
      optional: options.optional ? true : undefined,
    });
  }

  private constructor(private readonly entry: crds.ClusterBuilderSpecOrderGroup, private readonly problem?: string) {}

  /**
   * What is wrong with the values given to the factory, at `path` (the entry in the builder's order).
   * @internal
   */
  public _problems(path: string): FieldError[] {
    return this.problem === undefined ? [] : [withHint(generic(this.problem, `${path}.version`),
      'give the version once: in the id (id@version) or in options.version')];
  }

  /**
   * The entry of a group in the builder's `spec.order` (a Builder's `BuilderSpecOrderGroup` has the same
   * shape).
   * @internal
   */
  public _toKpack(): crds.ClusterBuilderSpecOrderGroup {
    return { ...this.entry };
  }
}

/** A group of buildpacks that detect together. */
export interface BuildpackGroup {
  /** The buildpacks of the group, in order. */
  readonly buildpacks: BuildpackRef[];
}

/** Properties shared by `Builder` and `ClusterBuilder`. */
export interface BuilderOptions extends kplus.ResourceProps {
  /** Where kpack pushes the builder image it creates, e.g. `registry.example.com/builders/default`. */
  readonly tag: string;

  /** The stack the builder is made from. */
  readonly stack: IClusterStack;

  /**
   * The store the order's buildpacks come from.
   *
   * @default - no store: buildpacks come from ClusterBuildpack and Buildpack resources
   */
  readonly store?: IClusterStore;

  /**
   * The buildpack groups, tried in order; add more with `addGroup()`.
   *
   * @default - none
   */
  readonly order?: BuildpackGroup[];

  /**
   * The lifecycle the builder is made with.
   *
   * @default - kpack's `default-lifecycle` ClusterLifecycle
   */
  readonly lifecycle?: IClusterLifecycle;

  /**
   * Labels kpack adds to the builder image.
   *
   * @default - none
   */
  readonly additionalLabels?: { [key: string]: string };
}

/** Properties for `ClusterBuilder`. */
export interface ClusterBuilderProps extends BuilderOptions {
  /**
   * The service account (name and namespace) whose secrets kpack uses to push the builder image and to
   * read the stack and store images. kpack requires it for a ClusterBuilder.
   *
   * A ServiceAccount of any cdk8s-plus line (or from `fromServiceAccountName()`), or an ApiObject of kind
   * ServiceAccount; anything else is an error at synth.
   */
  readonly serviceAccount: IConstruct;
}

/** Properties for `Builder`. */
export interface BuilderProps extends BuilderOptions {
  /**
   * The service account, in the builder's namespace, whose secrets kpack uses to push the builder image.
   *
   * A ServiceAccount of any cdk8s-plus line (or from `fromServiceAccountName()`), or an ApiObject of kind
   * ServiceAccount; anything else is an error at synth.
   *
   * @default - the `default` ServiceAccount of the builder's namespace
   */
  readonly serviceAccount?: IConstruct;
}

const CLUSTER_BUILDER: KpackKind<crds.ClusterBuilderSpec> = {
  apiVersion: KPACK_API_VERSION, kind: 'ClusterBuilder', clusterScoped: true, specToJson: crds.toJson_ClusterBuilderSpec,
};
const BUILDER: KpackKind<crds.BuilderSpec> = {
  apiVersion: KPACK_API_VERSION, kind: 'Builder', clusterScoped: false, specToJson: crds.toJson_BuilderSpec,
};

/**
 * A kpack ClusterBuilder (`kpack.io/v1alpha2`, cluster-scoped): a builder image that kpack creates from
 * a stack and an order of buildpacks, usable by images in every namespace.
 *
 * For kpack v0.0.8, whose ClusterBuilder is an existing builder image, use `legacy.ClusterBuilder`.
 *
 * @example
 * const builder = new ClusterBuilder(chart, 'builder', {
 *   tag: 'registry.example.com/builders/default',
 *   stack, store, serviceAccount,
 * });
 * builder.addGroup(BuildpackRef.id('paketo-buildpacks/go'));
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/builders.md
 */
export class ClusterBuilder extends kplus.Resource implements IBuilder {
  /** A ClusterBuilder that exists already, by name. */
  public static fromClusterBuilderName(scope: Construct, id: string, name: string): IBuilder {
    return new ImportedBuilder(scope, id, { name, apiVersion: KPACK_API_VERSION, kind: 'ClusterBuilder', resourceType: 'clusterbuilders' });
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'clusterbuilders';

  public get builderRef(): KpackObjectReference {
    return referenceTo(this, false);
  }

  private readonly order: BuilderOrder;
  private readonly resource: KpackObject<crds.ClusterBuilderSpec>;

  constructor(scope: Construct, id: string, props: ClusterBuilderProps) {
    super(scope, id);
    checkProps(this, 'ClusterBuilderProps', props);
    this.order = new BuilderOrder(props.order);
    this.resource = new KpackObject(this, CLUSTER_BUILDER, {
      metadata: props.metadata,
      renderSpec: () => ({
        ...renderBuilderSpec(props, this.order),
        serviceAccountRef: props.serviceAccount ? serviceAccountRef(props.serviceAccount) : undefined,
      }),
      crossChecks: () => [
        ...checkKind(props.serviceAccount, 'ServiceAccount', 'spec.serviceAccountRef'),
        ...checkOrderAgainstStore(props.store, this.order, 'order'),
        ...this.order.problems('spec.order'),
      ],
    });
    this.apiObject = this.resource;
  }

  /** Adds a group of buildpacks to the end of the order. */
  public addGroup(...buildpacks: BuildpackRef[]): void {
    this.order.addGroup(buildpacks);
    this.resource.changed();
  }
}

/**
 * A kpack Builder (`kpack.io/v1alpha2`, namespaced): like `ClusterBuilder`, but usable only by images in
 * its own namespace, and using a service account of that namespace.
 *
 * Named `NamespacedBuilder`, not `Builder`: in Java, jsii gives every construct a nested `Builder` class.
 *
 * @example
 * const builder = new NamespacedBuilder(chart, 'builder', {
 *   tag: 'registry.example.com/team-a/builder',
 *   stack: ClusterStack.fromClusterStackName(chart, 'stack', 'base'),
 *   store: ClusterStore.fromClusterStoreName(chart, 'store', 'default'),
 *   serviceAccount,
 * });
 * builder.addGroup(BuildpackRef.id('paketo-buildpacks/nodejs'));
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/builders.md
 */
export class NamespacedBuilder extends kplus.Resource implements IBuilder {
  /** A Builder that exists already, by name. */
  public static fromBuilderName(scope: Construct, id: string, name: string): IBuilder {
    return new ImportedBuilder(scope, id, { name, apiVersion: KPACK_API_VERSION, kind: 'Builder', resourceType: 'builders' });
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'builders';

  public get builderRef(): KpackObjectReference {
    return referenceTo(this, true);
  }

  private readonly order: BuilderOrder;
  private readonly resource: KpackObject<crds.BuilderSpec>;

  constructor(scope: Construct, id: string, props: BuilderProps) {
    super(scope, id);
    checkProps(this, 'BuilderProps', props);
    this.order = new BuilderOrder(props.order);
    this.resource = new KpackObject(this, BUILDER, {
      metadata: props.metadata,
      renderSpec: () => ({
        ...renderBuilderSpec(props, this.order),
        serviceAccountName: props.serviceAccount && nameOf(props.serviceAccount),
      }),
      crossChecks: () => [
        ...this.order.problems('spec.order'),
        ...checkOrderAgainstStore(props.store, this.order, 'spec.order'),
        ...checkKind(props.serviceAccount, 'ServiceAccount', 'spec.serviceAccountName'),
      ],
    });
    this.apiObject = this.resource;
  }

  /** Adds a group of buildpacks to the end of the order. */
  public addGroup(...buildpacks: BuildpackRef[]): void {
    this.order.addGroup(buildpacks);
    this.resource.changed();
  }
}

/** A builder's order, rendered late so that groups added after construction are included. */
class BuilderOrder {
  private readonly groups: BuildpackRef[][];

  constructor(groups: BuildpackGroup[] = []) {
    this.groups = groups.map(group => [...group.buildpacks]);
  }

  public addGroup(buildpacks: BuildpackRef[]): void {
    this.groups.push([...buildpacks]);
  }

  /** The problems of the values its buildpack references were made from. */
  public problems(base: string): FieldError[] {
    return this.groups.flatMap((group, i) => group.flatMap((buildpack, j) => buildpack._problems(`${base}[${i}].group[${j}]`)));
  }

  /** Entries that name a buildpack by id, with their paths. */
  public idEntries(base: string): Array<{ id: string; path: string }> {
    return this.groups.flatMap((group, i) => group
      .map((buildpack, j) => ({ entry: buildpack._toKpack(), path: `${base}[${i}].group[${j}].id` }))
      .flatMap(({ entry, path }) => entry.id !== undefined && entry.name === undefined ? [{ id: entry.id, path }] : []));
  }

  public render(): crds.ClusterBuilderSpecOrder[] | undefined {
    return this.groups.length > 0
      ? this.groups.map(group => ({ group: group.map(buildpack => buildpack._toKpack()) }))
      : undefined;
  }
}

/**
 * When the store says which buildpacks its sources hold, every buildpack the order names by id must be
 * among them: kpack would otherwise fail to create the builder.
 */
function checkOrderAgainstStore(store: IClusterStore | undefined, order: BuilderOrder, base: string): FieldError[] {
  const provided = store?.providedBuildpackIds;
  if (!provided) {
    return [];
  }
  return order.idEntries(base)
    .filter(({ id }) => !provided.includes(id))
    .map(({ id, path }) => withHint(
      generic(`buildpack ${id} is not in store "${store!.name}", which provides ${provided.join(', ')}`, path),
      'add the buildpackage that holds it to the store (addSource), or reference a ClusterBuildpack',
    ));
}

function renderBuilderSpec(props: BuilderOptions, order: BuilderOrder) {
  return {
    tag: props.tag,
    stack: props.stack && kindAndName(props.stack.stackRef, props.stack),
    store: props.store && kindAndName(props.store.storeRef, props.store),
    lifecycle: props.lifecycle && kindAndName(props.lifecycle.lifecycleRef, props.lifecycle),
    order: order.render(),
    additionalLabels: props.additionalLabels && { ...props.additionalLabels },
  };
}
