import { v1alpha2Schemas } from './schemas';
import { defaultKpackObject } from './validation';
import { FieldError, generic, withHint } from './validation/field-error';
import { foldName } from './validation/go-decode';

/**
 * Checks an object against the structural schemas of kpack.io/v1alpha2 (`assets/kpack/schemas-v1alpha2.json`)
 * the way the API server does with strict field validation: unknown fields, types and enums (on
 * the object after kpack's defaults, as the API server checks it after the defaulting webhook).
 * Upstream kpack installs its CRDs without schemas and its defaulting webhook silently drops unknown
 * fields, so a misspelt field is otherwise lost without a word.
 */
type Schema = Record<string, any>;

function schemaOf(kind: string): Schema | undefined {
  return v1alpha2Schemas()[kind];
}

/** Fields of earlier kpack versions people still write, and what kpack v0.17 calls them. */
export const LEGACY_NAMES: Record<string, string> = {
  'spec.serviceAccount': 'kpack v0.17 calls it spec.serviceAccountName; kpack drops spec.serviceAccount and builds with the "default" service account',
  'spec.cacheSize': 'kpack v0.17 calls it spec.cache.volume.size; kpack drops spec.cacheSize',
  'spec.cache.volume.request': 'kpack v0.17 calls it spec.cache.volume.size; kpack drops spec.cache.volume.request and gives the Image its default cache',
  // Only unknown on Buildpack and ClusterBuildpack, whose image kpack's documentation writes under source.
  'spec.source': 'kpack v0.17 calls the buildpack image spec.image; kpack drops spec.source',
};

export function checkSchema(object: Record<string, any>): FieldError[] {
  const schema = object.apiVersion === 'kpack.io/v1alpha2' ? schemaOf(String(object.kind)) : undefined;
  if (!schema) {
    return [];
  }
  const errors: FieldError[] = [];
  // metadata is Kubernetes' own, and status kpack's.
  walk({ ...object, metadata: undefined, status: undefined }, schema, '', errors);
  return errors;
}

/**
 * The schema check `validate` runs, for an object whose rule problems (`ruleErrors`) are known: nothing
 * when kpack could not decode it (kpack then reports only that), else the schema problems of the object
 * after kpack's defaults. At synth it runs on objects changed with JSON patches, the one way a construct
 * writes a field the library does not know.
 */
export function checkSchemaAfterRules(object: Record<string, any>, version: string, ruleErrors: readonly FieldError[]): FieldError[] {
  return ruleErrors.some(e => e.decode) ? [] : checkSchema(defaultKpackObject(object, version));
}

function walk(value: unknown, schema: Schema, at: string, errors: FieldError[]): void {
  if (value === undefined || value === null) {
    return;
  }
  if (schema['x-kubernetes-int-or-string']) {
    // A quantity that does not parse is kpack's decoding error, which the rules report in its words.
    if (typeof value !== 'number' && typeof value !== 'string') {
      errors.push(generic('must be an integer or a string', at));
    }
    return;
  }
  const type = schema.type as string | undefined;
  // A number in an integer field is left to the rules, which say what is wrong with it.
  if (type && !hasType(value, type) && !(type === 'integer' && typeof value === 'number')) {
    errors.push(generic(`must be of type ${type}, got ${Array.isArray(value) ? 'array' : typeof value}`, at));
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    errors.push(generic(`unsupported value ${JSON.stringify(value)}, must be one of ${schema.enum.map((v: unknown) => JSON.stringify(v)).join(', ')}`, at));
  }
  if (type === 'array') {
    (value as unknown[]).forEach((item, i) => walk(item, schema.items ?? {}, `${at}[${i}]`, errors));
    return;
  }
  if (type !== 'object' || schema['x-kubernetes-preserve-unknown-fields']) {
    return;
  }
  // Required fields are left to kpack's own rules, which say it in kpack's words.
  const object = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(object)) {
    const childAt = join(at, key);
    // Own properties only: a key named `constructor` or `__proto__` is an unknown field, not a prototype member.
    const own = schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, key) ? schema.properties[key] : undefined;
    const childSchema = own ?? schema.additionalProperties;
    // Go matches a JSON key to a field without regard to case: kpack reads `Tag` as `tag`.
    const sameButCase = childSchema === undefined && schema.properties
      ? Object.keys(schema.properties).find(name => foldName(name) === foldName(key)) : undefined;
    if (childSchema) {
      walk(child, childSchema, childAt, errors);
    } else if (sameButCase !== undefined) {
      errors.push(withHint(generic('field name not in kpack\'s case', childAt), `kpack reads ${childAt} as ${join(at, sameButCase)} (Go matches names without regard to case) and writes ` +
        `it back so: write ${sameButCase}, or the object in Git never matches the cluster's (Argo CD and Flux see a difference)`));
      walk(child, schema.properties[sameButCase], childAt, errors);
    } else if (schema.properties && child !== undefined) {
      const error = generic('unknown field', childAt);
      const legacyName = Object.prototype.hasOwnProperty.call(LEGACY_NAMES, childAt) ? LEGACY_NAMES[childAt] : undefined;
      errors.push(withHint(error, legacyName ?? 'kpack drops fields it does not know, without an error'));
    }
  }
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return typeof value === 'object' && !Array.isArray(value);
    case 'array': return Array.isArray(value);
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'string': return typeof value === 'string';
    default: return true;
  }
}

function join(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}
