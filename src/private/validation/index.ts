import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { buildV1alpha2 } from './build';
import { BUILDER_V1ALPHA2, CLUSTER_BUILDER_V1ALPHA2 } from './builder';
import { BUILDPACK_V1ALPHA2, CLUSTER_BUILDPACK_V1ALPHA2, CLUSTER_LIFECYCLE_V1ALPHA2 } from './buildpack';
import { CLUSTER_STACK_V1ALPHA2 } from './cluster-stack';
import { CLUSTER_STORE_V1ALPHA2 } from './cluster-store';
import { FieldError } from './field-error';
import { decodeAsKpack } from './go-decode';
import { imageV1alpha2 } from './image';
import { BUILD_V1ALPHA1_0_0_8, BUILDER_V1ALPHA1_0_0_8, CLUSTER_BUILDER_V1ALPHA1_0_0_8, IMAGE_V1ALPHA1_0_0_8 } from './legacy';
import { KindRules, KpackObject, KpackRelease, runRules } from './rule';
import { markInstall } from '../checks/synth';

export { formatFieldErrors } from './field-error';
export type { FieldError } from './field-error';
export type { KpackObject } from './rule';

/** The rules of one kpack release's webhook, for the API version it serves. */
export interface RuleSet {
  /** The kpack version, without a leading `v` (`0.17.2`). */
  readonly version: string;
  /** The API version whose objects this release validates. */
  readonly apiVersion: string;
  readonly tables: readonly KindRules[];
}

/** A kind's rules with the decoding of that kpack version's webhook before them (its Go types). */
function decodedBy(version: string) {
  return (table: KindRules): KindRules => ({ ...table, decode: object => decodeAsKpack(object, version, `${table.apiVersion}/${table.kind}`) });
}

function v1alpha2RuleSet(version: string, release: KpackRelease): RuleSet {
  return {
    version,
    apiVersion: 'kpack.io/v1alpha2',
    tables: [
      imageV1alpha2(release),
      BUILDER_V1ALPHA2,
      CLUSTER_BUILDER_V1ALPHA2,
      CLUSTER_STACK_V1ALPHA2,
      CLUSTER_STORE_V1ALPHA2,
      buildV1alpha2(release),
      BUILDPACK_V1ALPHA2,
      CLUSTER_BUILDPACK_V1ALPHA2,
      CLUSTER_LIFECYCLE_V1ALPHA2,
    ].map(decodedBy(version)),
  };
}

/** The kpack version whose rules apply when none is named: the library's default install. */
export const DEFAULT_KPACK_VERSION = '0.18.0';

/** Every rule set, by kpack version (oldest first). */
export const RULE_SETS: readonly RuleSet[] = [
  { version: '0.0.8', apiVersion: 'build.pivotal.io/v1alpha1', tables: [IMAGE_V1ALPHA1_0_0_8, BUILDER_V1ALPHA1_0_0_8, CLUSTER_BUILDER_V1ALPHA1_0_0_8, BUILD_V1ALPHA1_0_0_8].map(decodedBy('0.0.8')) },
  v1alpha2RuleSet('0.17.2', { archNodeSelector: false }),
  v1alpha2RuleSet('0.18.0', { archNodeSelector: true }),
];

/** The rule set of a kpack version (`0.18.0`, a leading `v` allowed), or undefined when the library has none. */
export function ruleSetFor(version: string): RuleSet | undefined {
  const bare = version.replace(/^v/, '');
  return RULE_SETS.find(set => set.version === bare);
}

/** The kpack versions that have a rule set. */
export function kpackVersions(): string[] {
  return RULE_SETS.map(set => set.version);
}

/** Every rule table of the default rule sets: the default version's and the legacy generation's. */
export const RULE_TABLES: readonly KindRules[] = [...ruleSetFor(DEFAULT_KPACK_VERSION)!.tables, ...ruleSetFor('0.0.8')!.tables];

/**
 * The table for an object under the rules of kpack `version`: that release's, or, for an API version it
 * does not serve, the table of the release that does (v0.0.8 for build.pivotal.io/v1alpha1, the default
 * for kpack.io/v1alpha2), so that a chart that mixes generations is still checked throughout.
 */
function tableFor(object: KpackObject, version: string): KindRules | undefined {
  const requested = ruleSetFor(version) ?? ruleSetFor(DEFAULT_KPACK_VERSION)!;
  const apiVersion = String(object.apiVersion);
  const set = requested.apiVersion === apiVersion
    ? requested
    : RULE_SETS.find(s => s.apiVersion === apiVersion && s.version === DEFAULT_KPACK_VERSION) ?? RULE_SETS.find(s => s.apiVersion === apiVersion);
  return set?.tables.find(table => table.kind === String(object.kind));
}

/**
 * The problems kpack's admission webhook (of kpack `version`, by default the library's default) would
 * report for `object`, or undefined when kpack does not validate its kind.
 */
export function validateKpackObject(object: KpackObject, version: string = DEFAULT_KPACK_VERSION): FieldError[] | undefined {
  const table = tableFor(object, version);
  return table ? runRules(table, object) : undefined;
}

/** `object` after kpack's defaulting webhook (of kpack `version`), as the API server then checks it. */
export function defaultKpackObject(object: KpackObject, version: string = DEFAULT_KPACK_VERSION): KpackObject {
  const table = tableFor(object, version);
  return table?.defaults ? table.defaults(object) : object;
}

/** The metadata entry by which a `Kpack` install announces its version to the kpack objects of its app. */
const INSTALL_METADATA = 'cdk8s-kpack:kpack-version';

let installCount = 0;

/** How many installs were registered in this process: a kpack version found before the last one may be stale. */
export function installsRegistered(): number {
  return installCount;
}

/**
 * Records that `install` installs kpack `version`: the app's kpack objects are checked with its rules.
 * The fact is construct metadata on the install's chart and on the app, so that an object finds it by
 * reading two nodes rather than searching the tree.
 */
export function registerKpackInstall(install: IConstruct, version: string): void {
  const chart = Chart.of(install);
  markInstall(install);
  chart.node.addMetadata(INSTALL_METADATA, version);
  if (install.node.root !== chart) {
    install.node.root.node.addMetadata(INSTALL_METADATA, version);
  }
  installCount++;
}

function installedVersion(scope: IConstruct): string | undefined {
  return scope.node.metadata.find(entry => entry.type === INSTALL_METADATA)?.data;
}

/**
 * The kpack version whose rules apply to an object of `scope`: that of the app's `Kpack` install (the
 * one in the object's own chart first, then the first in the app), else the library's default.
 */
export function kpackVersionOf(scope: IConstruct): string {
  return installedVersion(Chart.of(scope)) ?? installedVersion(scope.node.root) ?? DEFAULT_KPACK_VERSION;
}
