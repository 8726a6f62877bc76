import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Secret, ServiceAccount } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as plain JSON. */
export type Manifest = Record<string, any>;

/** Parses every non-empty document of a YAML file. */
export function readManifests(file: string): Manifest[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(document => document.toJS())
    .filter(object => object !== null && object !== undefined);
}

export const FIXTURES = path.join(__dirname, 'fixtures');

/** `kind/namespace/name`, the identity of an object in a cluster. */
export function objectKey(object: Manifest): string {
  return `${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
}

/** The one object of the given kind (and name) in a list; fails the test when there is not exactly one. */
export function findObject(objects: Manifest[], kind: string, name?: string): Manifest {
  const found = objects.filter(o => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` "${name}"` : ''}, found ${found.length}`);
  }
  return found[0];
}

/** Runs a chart's synth-time validation and returns the error lines cdk8s reports (empty when valid). */
export function validationErrors(chart: Chart): string[] {
  return errorsOf(() => chart.toJson());
}

/** Synthesizes the whole app and returns the error lines cdk8s reports (empty when valid). */
export function appValidationErrors(app: App): string[] {
  return errorsOf(() => app.synthYaml());
}

function errorsOf(synth: () => unknown): string[] {
  try {
    synth();
    return [];
  } catch (e) {
    const message = (e as Error).message;
    const prefix = 'Validation failed with the following errors:\n  ';
    if (!message.startsWith(prefix)) {
      throw e;
    }
    return message.slice(prefix.length).split('\n  ');
  }
}

/** The warnings recorded on a construct and its children. */
export function warningsUnder(scope: IConstruct): string[] {
  return scope.node.findAll()
    .flatMap(c => c.node.metadata)
    .filter(entry => entry.type === 'cdk8s-kpack:warning')
    .map(entry => String(entry.data));
}

const SCHEMAS: Record<string, any> = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'assets', 'kpack', 'schemas-v1alpha2.json'), 'utf8'));

/**
 * The schema as the API server applies it with strict field validation: an object with `properties`
 * (and no `x-kubernetes-preserve-unknown-fields`) accepts no other field.
 */
function strict(schema: any): any {
  if (Array.isArray(schema)) {
    return schema.map(strict);
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }
  const copy: any = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, strict(v)]));
  if (copy.properties && copy.additionalProperties === undefined && !copy['x-kubernetes-preserve-unknown-fields']) {
    copy.additionalProperties = false;
  }
  return copy;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
// Compiled on first use, per kind and mode: most test files never validate against a schema, and compiling
// all twenty would cost each of them about a second.
const validators = new Map<string, ValidateFunction>();

function validator(kind: string, strictFields: boolean): ValidateFunction | undefined {
  const key = `${kind}:${strictFields}`;
  if (!validators.has(key) && Object.hasOwn(SCHEMAS, kind)) {
    validators.set(key, ajv.compile(strictFields ? strict(SCHEMAS[kind]) : SCHEMAS[kind]));
  }
  return validators.get(key);
}

/**
 * What the structural schema of a kpack.io/v1alpha2 kind finds wrong with an object; undefined for other
 * API versions. `strict` (the default) also reports unknown fields, as `kubectl apply` (strict field
 * validation) does; without it, unknown fields pass, as the API server prunes them by default.
 */
export function schemaErrors(object: Manifest, options: { strict?: boolean } = {}): string[] | undefined {
  if (object.apiVersion !== 'kpack.io/v1alpha2') {
    return undefined;
  }
  const validate = validator(object.kind, options.strict ?? true);
  if (!validate) {
    return [`no schema for kind ${object.kind}`];
  }
  return validate(object) ? [] : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

const CORE_MODELS: Record<string, new (data: any) => { validate(): void }> = {
  Secret: Secret,
  ServiceAccount: ServiceAccount,
};

/** What kubernetes-models finds wrong with a core Secret or ServiceAccount; undefined for other kinds. */
export function coreErrors(object: Manifest): string[] | undefined {
  const model = object.apiVersion === 'v1' ? CORE_MODELS[object.kind] : undefined;
  if (!model) {
    return undefined;
  }
  try {
    new model(object).validate();
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}
