import { FieldError, generic, invalidValue, withHint } from './field-error';
import { decodedQuantity } from './quantities';
import { list, record, text } from './rule';
import { compareQuantities, QuantityValue } from '../quantity';

/**
 * Rules of this library's own, for what kpack accepts and only discovers when a build pod fails (or
 * never): they use kpack's message shape, `<message>: <path>`.
 */

/**
 * Build env names. kpack passes each variable to its prepare step as the container variable
 * `PLATFORM_ENV_<name>` (pkg/apis/build/v1alpha2/build_pod.go), which writes it to the file
 * `/platform/env/<name>` (pkg/cnb/env_vars.go) for the lifecycle. So a leading digit is fine, but `.`,
 * `..` and an empty name name a directory and fail the build; characters outside Kubernetes' classic
 * env-name set (`-`, `.`, `_`, letters, digits) are refused in the build pod where Kubernetes checks
 * names strictly, and `/` is no file name; a repeated name silently loses its earlier value.
 */
const ENV_NAME = /^[-._a-zA-Z0-9]+$/;

/** Environment variables the Cloud Native Buildpacks lifecycle and kpack set for themselves. */
const RESERVED_ENV_PREFIX = 'CNB_';

/** Build env: names the build can write (see ENV_NAME), unique, not the lifecycle's own `CNB_*`. */
export function validateEnvNames(env: unknown, base: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  list(env).forEach((variable, i) => {
    const name = text(variable?.name);
    const path = `${base}[${i}].name`;
    if (name.includes('=')) {
      errors.push(withHint(invalidValue(name, path), 'give the name and the value separately (kp takes them as KEY=value)'));
    } else if (name === '.' || name === '..') {
      errors.push(withHint(invalidValue(name, path), 'kpack writes each variable to /platform/env/<name>: `.` and `..` are directories there, and the build fails'));
    } else if (!ENV_NAME.test(name)) {
      errors.push(withHint(invalidValue(name, path), 'an environment variable name is letters, digits, `_`, `-` and `.` (kpack writes it to /platform/env/<name>, and Kubernetes checks it in the build pod)'));
    } else if (name.startsWith(RESERVED_ENV_PREFIX)) {
      errors.push(withHint(invalidValue(name, path), 'CNB_* variables belong to the buildpacks lifecycle; kpack sets them for each build'));
    }
    if (seen.has(name)) {
      errors.push(withHint(generic(`duplicate environment variable "${name}"`, `${base}[${seen.get(name)}].name`, path), 'the build pod keeps the last value only'));
    }
    seen.set(name, i);
  });
  return errors;
}

/** No limit below its request (quantities that do not decode are kpack's decoding error, reported before). */
export function validateResources(resources: unknown, base: string): FieldError[] {
  const config = record(resources);
  if (!config) {
    return [];
  }
  const errors: FieldError[] = [];
  const requests = record(config.requests) ?? {};
  for (const [name, limitText] of Object.entries(record(config.limits) ?? {})) {
    const limit: QuantityValue | undefined = decodedQuantity(limitText);
    const request: QuantityValue | undefined = decodedQuantity(requests[name]);
    if (limit && request && compareQuantities(limit, request) < 0) {
      errors.push(withHint(
        generic(`limit ${limitText} is below request ${requests[name]}`, `${base}.limits.${name}`),
        'Kubernetes rejects a build pod whose limit is below its request: kpack would create the Build and it would never start',
      ));
    }
  }
  return errors;
}

/**
 * A timeout in seconds, bounded as Kubernetes bounds a pod's `activeDeadlineSeconds` (1 to 2147483647):
 * kpack accepts any number, and the build pod is then refused.
 */
export function validateTimeoutSeconds(value: unknown, path: string): FieldError[] {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return [];
  }
  return value < 1 || value > 2147483647
    ? [withHint(generic(`expected 1 <= ${value} <= 2147483647`, path), 'Kubernetes refuses a build pod whose activeDeadlineSeconds is outside 1..2147483647, so the build would never start')]
    : [];
}

/**
 * Integer fields (int64 in kpack's types) that kpack decodes but this library cannot hold: beyond 2^53,
 * a JavaScript number is not exact, and NaN or an infinity has no JSON form. (A fraction, a value beyond
 * int64 or another type is kpack's decoding error, reported before the rules run.)
 */
export function validateIntegers(object: unknown, fieldPaths: string[]): FieldError[] {
  return fieldPaths.flatMap(fieldPath => {
    const value = fieldPath.split('.').reduce<any>((o, key) => (o === null || o === undefined ? undefined : o[key]), object);
    const inexact = typeof value === 'number' && (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)));
    return inexact ? [generic(`expected an integer, got ${String(value)}`, fieldPath)] : [];
  });
}
