import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { BuildBuilder } from './build-builder';
import { BuildOptions } from './build-settings';
import { BuildCache } from './cache';
import * as crds from './imports/kpack.io';
import { KPACK_API_VERSION } from './private/api-versions';
import { quantities, renderBuildSettings, renderEnv, renderServices } from './private/build-settings';
import { parseTag } from './private/image-reference';
import { checkKind, nameOf } from './private/k8s';
import { KpackKind, KpackObject } from './private/kpack-object';
import { checkProps } from './private/props-check';
import { FieldError, generic, withHint } from './private/validation/field-error';
import { Source } from './source';

/** What a rebuild can reuse from an earlier build (kpack's `lastBuild`). */
export interface LastBuild {
  /**
   * The image the earlier build produced; the new build reuses its layers.
   *
   * @default - none
   */
  readonly image?: string;

  /**
   * The cache image the earlier build wrote (with a registry cache).
   *
   * @default - none
   */
  readonly cacheImage?: string;

  /**
   * The stack id the earlier build ran on.
   *
   * @default - none
   */
  readonly stackId?: string;
}

/** Properties for `Build`. */
export interface BuildProps extends kplus.ResourceProps, BuildOptions {
  /** The tags to push the built image to (at least one; all in the same registry). */
  readonly tags: string[];

  /**
   * What the build builds with: `BuildBuilder.fromBuilder()` (a `ClusterBuilder`, or a `Builder` in the
   * build's namespace) or `BuildBuilder.fromImage()` (a builder image).
   */
  readonly builder: BuildBuilder;

  /** The source code to build. */
  readonly source: Source;

  /**
   * The service account, in the build's namespace, whose secrets the build uses.
   *
   * A ServiceAccount of any cdk8s-plus line (or from `fromServiceAccountName()`), or an ApiObject of kind
   * ServiceAccount; anything else is an error at synth.
   *
   * @default - the `default` ServiceAccount of the build's namespace
   */
  readonly serviceAccount?: IConstruct;

  /**
   * Where the build keeps its cache: `BuildCache.persistentVolumeClaim()` or `BuildCache.registry()`.
   *
   * @default - no cache
   */
  readonly cache?: BuildCache;

  /**
   * The run image to export the app onto.
   *
   * @default - the builder's run image
   */
  readonly runImage?: string;

  /**
   * The PriorityClass of the build pod.
   *
   * @default - none (kpack sets one only for builds it creates, when its priority classes are enabled)
   */
  readonly priorityClassName?: string;

  /**
   * What the build can reuse from an earlier one.
   *
   * @default - nothing: a clean build
   */
  readonly lastBuild?: LastBuild;
}

const BUILD: KpackKind<crds.BuildSpec> = {
  apiVersion: KPACK_API_VERSION, kind: 'Build', clusterScoped: false, specToJson: crds.toJson_BuildSpec,
};

/**
 * A standalone kpack Build (`kpack.io/v1alpha2`): builds a source once, e.g. at a commit from a CI
 * pipeline, without an Image.
 *
 * kpack's controller creates Builds for Images (and `kp image trigger` only annotates an Image's latest
 * Build to request another); a standalone Build is built once and never rebuilt. kpack rejects any change
 * to a Build's spec: to build again, give the new Build another name (e.g. with the commit in it).
 *
 * @example
 * new Build(chart, 'release', {
 *   metadata: { name: 'app-build-4bae4fb' },
 *   tags: ['registry.example.com/apps/app:4bae4fb'],
 *   builder: BuildBuilder.fromBuilder(ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default')),
 *   source: Source.git('https://github.com/example/app', { revision: '4bae4fb358ba5235ec8c8d9c001821a2017c70cb' }),
 *   resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(4) } },
 * });
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/build.md
 */
export class Build extends kplus.Resource {
  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;

  public readonly resourceType = 'builds';

  private readonly _env: Map<string, kplus.EnvValue>;
  private readonly _services: kplus.IResource[];
  private readonly resource: KpackObject<crds.BuildSpec>;

  constructor(scope: Construct, id: string, props: BuildProps) {
    super(scope, id);
    checkProps(this, 'BuildProps', props);
    this._env = new Map(Object.entries(props.env ?? {}));
    this._services = [...props.services ?? []];

    // Values no manifest can hold, reported at synth (with the app's other problems) rather than thrown.
    const valueProblems: FieldError[] = [];
    const settings = renderBuildSettings(props, { resources: 'spec.resources', timeout: 'spec.activeDeadlineSeconds' }, valueProblems);

    const renderSpec = (): crds.BuildSpec => ({
      tags: props.tags && [...props.tags],
      // {} for a JavaScript caller that gives no builder: the rules then report both missing fields.
      builder: props.builder?._toKpack() ?? {},
      serviceAccountName: props.serviceAccount && nameOf(props.serviceAccount),
      source: props.source?._toKpack(),
      cache: props.cache?._toKpack(),
      runImage: props.runImage !== undefined ? { image: props.runImage } : undefined,
      activeDeadlineSeconds: settings.timeoutSeconds,
      env: renderEnv(this._env),
      services: renderServices(this._services),
      resources: settings.resources && {
        requests: quantities(settings.resources.requests, crds.BuildSpecResourcesRequests.fromString),
        limits: quantities(settings.resources.limits, crds.BuildSpecResourcesLimits.fromString),
      },
      projectDescriptorPath: settings.projectDescriptorPath,
      defaultProcess: settings.defaultProcess,
      cosign: settings.cosign,
      lastBuild: props.lastBuild && {
        image: props.lastBuild.image,
        cache: props.lastBuild.cacheImage !== undefined ? { image: props.lastBuild.cacheImage } : undefined,
        stackId: props.lastBuild.stackId,
      },
      nodeSelector: settings.nodeSelector,
      tolerations: settings.tolerations,
      affinity: settings.affinity,
      runtimeClassName: settings.runtimeClassName,
      schedulerName: settings.schedulerName,
      priorityClassName: props.priorityClassName,
      creationTime: settings.creationTime,
    });

    this.resource = new KpackObject(this, BUILD, {
      metadata: props.metadata,
      renderSpec,
      crossChecks: () => [
        ...valueProblems,
        ...props.builder?._checks(this.resource) ?? [],
        ...checkKind(props.serviceAccount, 'ServiceAccount', 'spec.serviceAccountName'),
        ...props.source?._checks() ?? [],
        ...props.cache?._checks() ?? [],
        ...checkPushableTags(props.tags),
      ],
    });
    this.apiObject = this.resource;
  }

  /** Sets an environment variable of the build (replacing one of the same name). */
  public addEnv(name: string, value: kplus.EnvValue): void {
    this._env.set(name, value);
    this.resource.changed();
  }

  /** Adds a service binding to the build. */
  public addService(service: kplus.IResource): void {
    this._services.push(service);
    this.resource.changed();
  }
}

/** kpack pushes every tag of a Build in one export: they must share a registry (as an Image's tags must). */
function checkPushableTags(tags: string[] | undefined): FieldError[] {
  const registries = new Set((tags ?? []).map(tag => parseTag(tag)?.registry).filter(registry => registry !== undefined));
  if (registries.size <= 1) {
    return [];
  }
  return [withHint(
    generic(`tags span several registries (${[...registries].sort().join(', ')})`, 'spec.tags'),
    'one build exports to one registry: split the build, or push the extra tags with a copy tool',
  )];
}
