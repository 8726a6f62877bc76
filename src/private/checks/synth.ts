import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { IConstruct, IValidation } from 'constructs';
import { sameJson } from '../json';
import { ServiceAccountSecrets } from '../k8s';
import { reportWarning } from '../warnings';
import { crossCheck, formatFindings } from './index';
import { AppObject, Finding, identityOfManifest, Manifest, ObjectFacts } from './objects';

/**
 * The cross-object checks at synth: one validation on the app's root runs the table over every object
 * of the app, and each finding is returned by a validation of the construct it is about (so that cdk8s
 * prefixes it with that construct's path). cdk8s validates constructs in pre-order, the root first, so
 * the root's validation runs before those of the constructs it reports on, in every validation pass.
 */

/** Construct metadata that marks a `Kpack` install: its objects are reported as one install. */
const INSTALL_MARK = 'cdk8s-kpack:install';

/** The cross-object checks of each app, by its root. */
const APP_CHECKS = new WeakMap<IConstruct, AppChecks>();

/** Makes sure the app of `scope` runs the cross-object checks at synth. */
export function registerAppChecks(scope: IConstruct): void {
  const root = scope.node.root;
  if (!APP_CHECKS.has(root)) {
    const checks = new AppChecks(root);
    APP_CHECKS.set(root, checks);
    root.node.addValidation(checks);
  }
}

/** Says that facts the checks read outside the tree and the manifests changed (a secret added to a ServiceAccount): the next validation runs them. */
export function factsChanged(scope: IConstruct): void {
  APP_CHECKS.get(scope.node.root)?.changed();
}

/** Marks `install` as a `Kpack` install, whose objects the duplicate checks report as one. */
export function markInstall(install: IConstruct): void {
  install.node.addMetadata(INSTALL_MARK, true);
  registerAppChecks(install);
}

/** The construct an object's messages name: its public construct when the object is its `Resource` (or its `Resource`'s). */
function ownerOf(apiObject: ApiObject): IConstruct {
  let owner: IConstruct = apiObject;
  while (owner.node.id === 'Resource' && owner.node.scope !== undefined) {
    owner = owner.node.scope;
  }
  return owner;
}

/** The output file cdk8s writes an object to (objects in one file are applied together). */
function outputFile(root: IConstruct, chart: Chart, apiObject: ApiObject): string {
  const app = root instanceof App ? root : undefined;
  const extension = app?.outputFileExtension ?? '.k8s.yaml';
  switch (app?.yamlOutputType ?? YamlOutputType.FILE_PER_CHART) {
    case YamlOutputType.FILE_PER_APP: return `app${extension}`;
    case YamlOutputType.FILE_PER_RESOURCE: return `${apiObject.kind}.${apiObject.name}${extension}`;
    case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: return `${chart.node.path}/${apiObject.kind}.${apiObject.name}${extension}`;
    default: return `${chart.node.path}${extension}`;
  }
}

function installOf(apiObject: ApiObject): IConstruct | undefined {
  for (let scope: IConstruct | undefined = apiObject.node.scope; scope !== undefined; scope = scope.node.scope) {
    if (scope.node.metadata.some(entry => entry.type === INSTALL_MARK)) {
      return scope;
    }
  }
  return undefined;
}

/** A kpack object: it keeps its last checked rendering while it is unchanged. */
interface CachedRendering {
  _rendered(): Manifest;
}

function hasCachedRendering(apiObject: ApiObject): apiObject is ApiObject & CachedRendering {
  return typeof (apiObject as Partial<CachedRendering>)._rendered === 'function';
}

/** What an object's findings depend on besides its manifest, fixed once the object exists (its place in the tree). */
interface Placement {
  readonly owner: IConstruct;
  /** `owner.node.path`, computed once (cdk8s builds a path from its scopes at every read). */
  readonly ownerPath: string;
  /** The `Kpack` install the object belongs to, with its path. */
  readonly install: { readonly construct: IConstruct; readonly path: string } | undefined;
  readonly unit: string;
  readonly file: string;
}

/** The app as one run of the checks saw it: what decides whether the next validation pass may reuse its findings. */
interface Seen {
  /** Every construct of the app, in pre-order. */
  readonly constructs: readonly IConstruct[];
  /** The kpack objects among them, each with the rendering the checks read (kept by the object while it is unchanged). */
  readonly renderings: ReadonlyArray<readonly [ApiObject & CachedRendering, Manifest]>;
  /** The manifests of other objects a check read, rendered again and compared at the next pass. */
  readonly read: ReadonlyMap<ApiObject, Manifest>;
}

/**
 * The cross-object checks of one app, run by a validation on the app's root. cdk8s validates the whole
 * app once per chart it writes, so a synthesis of C charts runs this C + 1 times. A pass that finds the
 * same constructs as the last run, the kpack objects unchanged (each keeps its last rendering while
 * nothing changed it), every other manifest a check read equal to what it read and no secret added to a
 * ServiceAccount since, keeps the last findings. The comparison walks the tree as cdk8s's own pass does;
 * the checks run once per synthesis, and again after any change.
 */
class AppChecks implements IValidation {
  private seen: Seen | undefined;
  private readonly placements = new Map<ApiObject, Placement>();
  /** The current findings of each construct with a hook. */
  private readonly findings = new Map<IConstruct, Finding[]>();

  constructor(private readonly root: IConstruct) {}

  /** Forgets the last run: the next validation runs the checks. */
  public changed(): void {
    this.seen = undefined;
  }

  public validate(): string[] {
    if (this.seen === undefined || !this.unchanged(this.seen)) {
      this.run(this.root.node.findAll());
    }
    return [];
  }

  private unchanged(seen: Seen): boolean {
    const { constructs, renderings } = seen;
    let i = 1;
    // Pre-order, as findAll() lists them; stops at the first difference.
    const same = (scope: IConstruct): boolean => {
      for (const child of scope.node.children) {
        if (constructs[i] !== child) {
          return false;
        }
        i++;
        if (!same(child)) {
          return false;
        }
      }
      return true;
    };
    if (constructs[0] !== this.root || !same(this.root) || i !== constructs.length) {
      return false;
    }
    if (renderings.some(([apiObject, manifest]) => apiObject._rendered() !== manifest)) {
      return false;
    }
    for (const [apiObject, manifest] of seen.read) {
      if (!sameJson(apiObject.toJson(), manifest)) {
        return false;
      }
    }
    return true;
  }

  private placementOf(apiObject: ApiObject): Placement {
    let placement = this.placements.get(apiObject);
    if (placement === undefined) {
      const chart = Chart.of(apiObject);
      const owner = ownerOf(apiObject);
      const install = installOf(apiObject);
      placement = {
        owner,
        ownerPath: owner.node.path,
        install: install && { construct: install, path: install.node.path },
        unit: chart.node.path,
        file: outputFile(this.root, chart, apiObject),
      };
      this.placements.set(apiObject, placement);
    }
    return placement;
  }

  private run(constructs: readonly IConstruct[]): void {
    const owners = new Map<string, IConstruct>();
    const read = new Map<ApiObject, Manifest>();
    const renderings: Array<readonly [ApiObject & CachedRendering, Manifest]> = [];
    const objects: AppObject[] = [];
    for (const construct of constructs) {
      if (!ApiObject.isApiObject(construct)) {
        continue;
      }
      const placement = this.placementOf(construct);
      owners.set(placement.ownerPath, placement.owner);
      if (placement.install !== undefined) {
        owners.set(placement.install.path, placement.install.construct);
      }
      let rendering: Manifest | undefined;
      if (hasCachedRendering(construct)) {
        rendering = construct._rendered();
        renderings.push([construct, rendering]);
      }
      objects.push(this.appObject(construct, placement, rendering, read));
    }
    const byOwner = new Map<IConstruct, Finding[]>();
    for (const finding of crossCheck(objects)) {
      const owner = owners.get(finding.path)!;
      byOwner.set(owner, [...byOwner.get(owner) ?? [], finding]);
    }
    // Constructs reported on before keep their hook: the findings of this run replace the last ones.
    for (const owner of this.findings.keys()) {
      this.findings.set(owner, []);
    }
    for (const [owner, findings] of byOwner) {
      if (!this.findings.has(owner)) {
        this.hook(owner);
      }
      this.findings.set(owner, findings);
    }
    this.seen = { constructs, renderings, read };
  }

  private appObject(apiObject: ApiObject, placement: Placement, rendering: Manifest | undefined, read: Map<ApiObject, Manifest>): AppObject {
    const { owner, ownerPath, install, unit, file } = placement;
    const secrets = apiObject.kind === 'ServiceAccount'
      ? (ServiceAccountSecrets.of(apiObject) ?? (owner !== apiObject ? ServiceAccountSecrets.of(owner) : undefined))?.secrets
      : undefined;
    const facts: ObjectFacts = {
      ...secrets && secrets.length > 0 ? { secretKinds: new Map(secrets.map(s => [s.name, s.kind])) } : {},
      ...install !== undefined ? { install: install.path } : {},
    };
    let manifest = rendering;
    return {
      path: ownerPath,
      unit,
      file,
      // A kpack object's identity is read from its rendering, which has its JSON patches applied.
      identity: rendering
        ? identityOfManifest(rendering)
        : { apiVersion: apiObject.apiVersion, kind: apiObject.kind, name: apiObject.name, namespace: apiObject.metadata.namespace },
      // Rendered only when a check reads more than the identity.
      get manifest(): Manifest {
        if (manifest === undefined) {
          const rendered: Manifest = apiObject.toJson();
          read.set(apiObject, rendered);
          manifest = rendered;
          return rendered;
        }
        return manifest;
      },
      ...Object.keys(facts).length > 0 ? { facts } : {},
    };
  }

  private hook(owner: IConstruct): void {
    owner.node.addValidation({
      validate: () => {
        const { errors, warnings } = formatFindings(this.findings.get(owner) ?? []);
        warnings.forEach(warning => reportWarning(owner, warning));
        return errors;
      },
    });
  }
}
