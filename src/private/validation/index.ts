import { BUILD_V1ALPHA2 } from './build';
import { BUILDER_V1ALPHA2, CLUSTER_BUILDER_V1ALPHA2 } from './builder';
import { BUILDPACK_V1ALPHA2, CLUSTER_BUILDPACK_V1ALPHA2, CLUSTER_LIFECYCLE_V1ALPHA2 } from './buildpack';
import { CLUSTER_STACK_V1ALPHA2 } from './cluster-stack';
import { CLUSTER_STORE_V1ALPHA2 } from './cluster-store';
import { FieldError } from './field-error';
import { IMAGE_V1ALPHA2 } from './image';
import { BUILD_V1ALPHA1_0_0_8, BUILDER_V1ALPHA1_0_0_8, CLUSTER_BUILDER_V1ALPHA1_0_0_8, IMAGE_V1ALPHA1_0_0_8 } from './legacy';
import { KindRules, KpackObject, runRules } from './rule';

export { formatFieldErrors } from './field-error';
export type { FieldError } from './field-error';
export type { KpackObject } from './rule';

/** Every rule table, by `apiVersion` and `kind`. */
export const RULE_TABLES: readonly KindRules[] = [
  IMAGE_V1ALPHA2,
  BUILDER_V1ALPHA2,
  CLUSTER_BUILDER_V1ALPHA2,
  CLUSTER_STACK_V1ALPHA2,
  CLUSTER_STORE_V1ALPHA2,
  BUILD_V1ALPHA2,
  BUILDPACK_V1ALPHA2,
  CLUSTER_BUILDPACK_V1ALPHA2,
  CLUSTER_LIFECYCLE_V1ALPHA2,
  IMAGE_V1ALPHA1_0_0_8,
  BUILDER_V1ALPHA1_0_0_8,
  CLUSTER_BUILDER_V1ALPHA1_0_0_8,
  BUILD_V1ALPHA1_0_0_8,
];

const BY_TYPE = new Map(RULE_TABLES.map(table => [`${table.apiVersion}/${table.kind}`, table]));

/**
 * The problems kpack's admission webhook would report for `object`, or undefined when kpack does not
 * validate its kind.
 */
export function validateKpackObject(object: KpackObject): FieldError[] | undefined {
  const table = BY_TYPE.get(`${String(object.apiVersion)}/${String(object.kind)}`);
  return table ? runRules(table, object) : undefined;
}
