import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ServiceAccountSecrets } from '../k8s';
import { reportWarning } from '../warnings';
import { crossCheck, formatFindings } from './index';
import { AppObject, Finding, Manifest, ObjectFacts } from './objects';

/**
 * The cross-object checks at synth: one validation on the app's root runs the table over every object
 * of the app, and each finding is returned by a validation of the construct it is about (so that cdk8s
 * prefixes it with that construct's path). cdk8s validates constructs in pre-order, the root first, so
 * the root's validation runs before those of the constructs it reports on, in every validation pass.
 */

/** Construct metadata that marks a `Kpack` install: its objects are reported as one install. */
const INSTALL_MARK = 'cdk8s-kpack:install';

const HOOKED = new WeakSet<IConstruct>();
/** The current findings of each construct with a hook, by construct. */
const FINDINGS = new WeakMap<IConstruct, Finding[]>();
/** The constructs of an app (by root) that have a hook. */
const REPORTED = new WeakMap<IConstruct, Set<IConstruct>>();

/** Makes sure the app of `scope` runs the cross-object checks at synth. */
export function registerAppChecks(scope: IConstruct): void {
  const root = scope.node.root;
  if (HOOKED.has(root)) {
    return;
  }
  HOOKED.add(root);
  root.node.addValidation({ validate: () => runAppChecks(root) });
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

function hasCachedRendering(apiObject: ApiObject): apiObject is ApiObject & { _rendered(): Manifest } {
  return typeof (apiObject as Partial<{ _rendered(): Manifest }>)._rendered === 'function';
}

/** The rendered object; kpack objects keep their last checked rendering while they are unchanged. */
function render(apiObject: ApiObject): Manifest {
  return hasCachedRendering(apiObject) ? apiObject._rendered() : apiObject.toJson();
}

function appObject(root: IConstruct, apiObject: ApiObject, owner: IConstruct, install: IConstruct | undefined): AppObject {
  const chart = Chart.of(apiObject);
  const secrets = apiObject.kind === 'ServiceAccount'
    ? (ServiceAccountSecrets.of(apiObject) ?? (owner !== apiObject ? ServiceAccountSecrets.of(owner) : undefined))?.secrets
    : undefined;
  const facts: ObjectFacts = {
    ...secrets && secrets.length > 0 ? { secretKinds: new Map(secrets.map(s => [s.name, s.kind])) } : {},
    ...install !== undefined ? { install: install.node.path } : {},
  };
  let manifest: Manifest | undefined;
  return {
    path: owner.node.path,
    unit: chart.node.path,
    file: outputFile(root, chart, apiObject),
    // A kpack object's identity is read from its (cached) rendering, which has its JSON patches applied.
    ...hasCachedRendering(apiObject) ? {} : {
      identity: { apiVersion: apiObject.apiVersion, kind: apiObject.kind, name: apiObject.name, namespace: apiObject.metadata.namespace },
    },
    // Rendered only when a check reads more than the identity.
    get manifest() {
      manifest ??= render(apiObject);
      return manifest;
    },
    ...Object.keys(facts).length > 0 ? { facts } : {},
  };
}

function runAppChecks(root: IConstruct): string[] {
  const owners = new Map<string, IConstruct>();
  const objects: AppObject[] = [];
  for (const construct of root.node.findAll()) {
    if (ApiObject.isApiObject(construct)) {
      const owner = ownerOf(construct);
      const install = installOf(construct);
      owners.set(owner.node.path, owner);
      if (install !== undefined) {
        owners.set(install.node.path, install);
      }
      objects.push(appObject(root, construct, owner, install));
    }
  }
  const byOwner = new Map<IConstruct, Finding[]>();
  for (const finding of crossCheck(objects)) {
    const owner = owners.get(finding.path)!;
    byOwner.set(owner, [...byOwner.get(owner) ?? [], finding]);
  }
  // Constructs reported on before keep their hook: the findings of this pass replace the last ones.
  const reported = REPORTED.get(root) ?? new Set<IConstruct>();
  REPORTED.set(root, reported);
  for (const owner of reported) {
    FINDINGS.set(owner, []);
  }
  for (const [owner, findings] of byOwner) {
    FINDINGS.set(owner, findings);
    if (!reported.has(owner)) {
      reported.add(owner);
      hook(owner);
    }
  }
  return [];
}

function hook(owner: IConstruct): void {
  owner.node.addValidation({
    validate: () => {
      const { errors, warnings } = formatFindings(FINDINGS.get(owner) ?? []);
      warnings.forEach(warning => reportWarning(owner, warning));
      return errors;
    },
  });
}
