import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { clusterScoped } from './private/resources';
import { addWarning } from './private/warnings';

/** The API groups of each kpack generation: a chart must not mix them. */
const KPACK_API_GROUPS = ['kpack.io', 'build.pivotal.io', 'experimental.kpack.pivotal.io'];

/**
 * A kpack release that `Kpack` can install.
 *
 * Each version is a vendored upstream release manifest (see `assets/kpack/README.md`); adding one is a
 * new file plus one constant here.
 */
export class KpackVersion {
  /**
   * kpack v0.0.8 (April 2020), the version of the original kpack tutorial: API group
   * `build.pivotal.io/v1alpha1`, images from `gcr.io/cf-build-service-public`.
   *
   * Its manifests use `apiextensions.k8s.io/v1beta1` and `admissionregistration.k8s.io/v1beta1`, which
   * Kubernetes removed in 1.22: it only installs on Kubernetes 1.21 or older.
   */
  public static readonly V0_0_8 = new KpackVersion('0.0.8', 'build.pivotal.io/v1alpha1', ['build.pivotal.io', 'experimental.kpack.pivotal.io'], 'release-0.0.8.yaml');

  /**
   * kpack v0.17.2 (June 2026), API group `kpack.io/v1alpha2`, images from
   * `ghcr.io/buildpacks-community/kpack`. Its controller refuses to start below Kubernetes 1.32.
   */
  public static readonly V0_17_2 = new KpackVersion('0.17.2', 'kpack.io/v1alpha2', ['kpack.io'], 'release-0.17.2.yaml');

  /** The kpack version, without a leading `v` (`0.17.2`). */
  public readonly version: string;

  /** The API version of the kpack resources this release serves (`kpack.io/v1alpha2`, `build.pivotal.io/v1alpha1`). */
  public readonly apiVersion: string;

  private readonly apiGroups: string[];
  private readonly manifestFile: string;

  private constructor(version: string, apiVersion: string, apiGroups: string[], manifestFile: string) {
    this.version = version;
    this.apiVersion = apiVersion;
    this.apiGroups = apiGroups;
    this.manifestFile = manifestFile;
  }

  /**
   * Whether resources of the given API group belong to this kpack generation.
   * @internal
   */
  public _servesGroup(apiGroup: string): boolean {
    return this.apiGroups.includes(apiGroup);
  }

  /**
   * The objects of the upstream release, parsed once per process and frozen.
   * @internal
   */
  public _objects(): readonly ManifestObject[] {
    let objects = PARSED_RELEASES.get(this.manifestFile);
    if (!objects) {
      objects = parseRelease(path.join(__dirname, '..', 'assets', 'kpack', this.manifestFile));
      PARSED_RELEASES.set(this.manifestFile, objects);
    }
    return objects;
  }
}

/** Options for `Kpack`. */
export interface KpackProps {
  /**
   * The kpack release to install.
   * @default KpackVersion.V0_17_2
   */
  readonly version?: KpackVersion;
}

/**
 * The kpack install: namespace, CRDs, RBAC, controller, webhook, webhook configurations and ConfigMaps
 * (and, from v0.17, the `default-lifecycle` ClusterLifecycle), object for object as the upstream
 * release manifest has them.
 *
 * A chart that holds a `Kpack` install must not also hold kpack resources of the other API generation
 * (`build.pivotal.io` for v0.0.8, `kpack.io` for v0.17): synth fails if it does.
 *
 * @example
 * const app = new App();
 * const chart = new Chart(app, 'kpack');
 * new Kpack(chart, 'kpack'); // kpack v0.17.2
 * app.synth();
 */
export class Kpack extends Construct {
  /** The installed release. */
  public readonly version: KpackVersion;

  private readonly _apiObjects: ApiObject[];

  constructor(scope: Construct, id: string, props: KpackProps = {}) {
    super(scope, id);
    this.version = props.version ?? KpackVersion.V0_17_2;
    this._apiObjects = this.version._objects().map(object => {
      const apiObject = new ApiObject(this, objectId(object), object);
      if (object.metadata.namespace === undefined) {
        clusterScoped(this, apiObject);
      }
      return apiObject;
    });

    if (this.version === KpackVersion.V0_0_8) {
      addWarning(this, 'kpack v0.0.8 uses apiextensions.k8s.io/v1beta1 and admissionregistration.k8s.io/v1beta1, which Kubernetes removed in 1.22: it only installs on Kubernetes 1.21 or older, and its gcr.io images may no longer be pullable');
    }
    this.node.addValidation({ validate: () => this.checkGenerations() });
  }

  /** The objects of the install, in the order of the upstream manifest. */
  public get apiObjects(): ApiObject[] {
    return [...this._apiObjects];
  }

  private checkGenerations(): string[] {
    const foreign = Chart.of(this).node.findAll()
      .filter((c): c is ApiObject => c instanceof ApiObject)
      .filter(o => KPACK_API_GROUPS.includes(o.apiGroup) && !this.version._servesGroup(o.apiGroup));
    if (foreign.length === 0) {
      return [];
    }
    const listed = foreign.map(o => `${ownerPath(o)} (${o.apiVersion} ${o.kind})`).join(', ');
    return [
      `this chart installs kpack ${this.version.version}, which serves ${this.version.apiVersion}, but also defines ${listed}\n` +
      'hint: kpack v0.0.8 serves only build.pivotal.io (use the legacy.* constructs); kpack v0.17 serves kpack.io (use the constructs at the package root)',
    ];
  }
}

/** An object of a release manifest: plain JSON. */
interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly [key: string]: any;
}

const PARSED_RELEASES = new Map<string, readonly ManifestObject[]>();

function parseRelease(file: string): readonly ManifestObject[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(document => document.toJS())
    .filter(object => object !== null && object !== undefined)
    .map(object => deepFreeze(object) as ManifestObject);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}

function objectId(object: ManifestObject): string {
  return [object.kind, object.metadata.namespace, object.metadata.name].filter(part => part !== undefined).join('-');
}

/** The path of the construct that owns an ApiObject (its L2 when the ApiObject is its `Resource`). */
function ownerPath(apiObject: ApiObject): string {
  return apiObject.node.id === 'Resource' && apiObject.node.scope ? apiObject.node.scope.node.path : apiObject.node.path;
}
