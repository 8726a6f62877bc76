import { FieldError, generic, invalidValue, withHint } from './field-error';
import { QUANTITY_FORMAT_MESSAGE } from './quantities';
import { list, record, text } from './rule';
import { compareQuantities, parseQuantity } from '../quantity';

/**
 * Rules of this library's own, for what kpack accepts and only discovers when a build pod fails (or
 * never): they use kpack's message shape, `<message>: <path>`.
 */

// Kubernetes' rule for environment variable names (a C identifier, also allowing `-` and `.`).
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Environment variables the Cloud Native Buildpacks lifecycle and kpack set for themselves. */
const RESERVED_ENV_PREFIX = 'CNB_';

/** Build env: valid, unique names, not the lifecycle's own `CNB_*`. */
export function validateEnvNames(env: unknown, base: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  list(env).forEach((variable, i) => {
    const name = text(variable?.name);
    const path = `${base}[${i}].name`;
    if (name.includes('=')) {
      errors.push(withHint(invalidValue(name, path), 'give the name and the value separately (kp takes them as KEY=value)'));
    } else if (!ENV_NAME.test(name)) {
      errors.push(withHint(invalidValue(name, path), 'an environment variable name is letters, digits, `_`, `-` and `.`, and does not start with a digit'));
    } else if (name.startsWith(RESERVED_ENV_PREFIX)) {
      errors.push(withHint(invalidValue(name, path), 'CNB_* variables belong to the buildpacks lifecycle; kpack sets them for each build'));
    }
    if (seen.has(name)) {
      errors.push(generic(`duplicate environment variable "${name}"`, `${base}[${seen.get(name)}].name`, path));
    } else {
      seen.set(name, i);
    }
  });
  return errors;
}

/** Resource quantities parse, and no limit is below its request. */
export function validateResources(resources: unknown, base: string): FieldError[] {
  const config = record(resources);
  if (!config) {
    return [];
  }
  const errors: FieldError[] = [];
  const parsed: Record<'requests' | 'limits', Record<string, ReturnType<typeof parseQuantity>>> = { requests: {}, limits: {} };
  for (const kind of ['requests', 'limits'] as const) {
    for (const [name, value] of Object.entries(record(config[kind]) ?? {})) {
      const quantity = parseQuantity(String(value));
      if (quantity === undefined) {
        errors.push(generic(QUANTITY_FORMAT_MESSAGE, `${base}.${kind}.${name}`));
      }
      parsed[kind][name] = quantity;
    }
  }
  for (const [name, limit] of Object.entries(parsed.limits)) {
    const request = parsed.requests[name];
    if (limit && request && compareQuantities(limit, request) < 0) {
      errors.push(withHint(
        generic(`limit ${record(config.limits)![name]} is below request ${record(config.requests)![name]}`, `${base}.limits.${name}`),
        'Kubernetes rejects a build pod whose limit is below its request: kpack would create the Build and it would never start',
      ));
    }
  }
  return errors;
}

/** A timeout in seconds must be positive. */
export function validatePositiveSeconds(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value <= 0 ? [generic(`expected a positive number of seconds, got ${value}`, path)] : [];
}

/**
 * Integer fields (int64 in kpack's types): a fraction, NaN or an infinity cannot be decoded by kpack at
 * all, and JavaScript numbers are exact only up to 2^53.
 */
export function validateIntegers(object: unknown, fieldPaths: string[]): FieldError[] {
  return fieldPaths.flatMap(fieldPath => {
    const value = fieldPath.split('.').reduce<any>((o, key) => (o === null || o === undefined ? undefined : o[key]), object);
    return value === undefined || (typeof value === 'number' && Number.isSafeInteger(value))
      ? []
      : [generic(`expected an integer, got ${typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value)}`, fieldPath)];
  });
}
