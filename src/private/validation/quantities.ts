import { compareStrings, decodeError, FieldError, generic, withHint } from './field-error';
import { record } from './rule';
import { compareQuantities, parseQuantity, QUANTITY_FORMAT_ERROR, quantityError } from '../quantity';

// What the API server's JSON encoder escapes in a string (Go's encoding/json: `"`, `\`, control
// characters, U+2028, U+2029 and, escaping HTML, `<`, `>`, `&`). A quantity holding one reaches
// apimachinery as an escape sequence, which no quantity matches.
const ESCAPED = /["\\\u0000-\u001f\u2028\u2029<>&]/;
// Go's unicode.IsSpace, what `strings.TrimSpace` removes (U+FEFF is not space to Go).
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

/**
 * `Quantity.UnmarshalJSON`: the error apimachinery gives when a field's JSON value does not decode as a
 * quantity, or undefined. It strips the quotes of a string without unescaping it, trims space
 * (`" 1Gi "` decodes), and parses the rest; `null` is the zero quantity; a number is parsed as written.
 */
export function quantityDecodeError(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? quantityError(JSON.stringify(value)) : undefined;
  }
  if (typeof value !== 'string') {
    // true, false, an object or a list: their JSON text is no quantity.
    return QUANTITY_FORMAT_ERROR;
  }
  if (ESCAPED.test(value)) {
    return QUANTITY_FORMAT_ERROR;
  }
  return quantityError(value.replace(TRIM, ''));
}

/** A quantity as kpack reads it after decoding (trimmed), for comparisons. */
export function decodedQuantity(value: unknown) {
  if (typeof value === 'number') {
    return parseQuantity(JSON.stringify(value));
  }
  return typeof value === 'string' && quantityDecodeError(value) === undefined ? parseQuantity(value.replace(TRIM, '')) : undefined;
}

/**
 * The quantity fields of an object in the order the webhook decodes them: the API server sends kpack
 * the object with its keys sorted, and decoding stops at the first bad value. `resources` is the path
 * of a `ResourceRequirements` (limits before requests, names sorted).
 */
export function quantityFields(object: any, paths: { resources?: string[]; quantities?: string[] }): Array<[string, unknown]> {
  const at = (segments: string[]) => segments.reduce<any>((o, key) => record(o)?.[key], object);
  const fields: Array<[string[], unknown]> = [];
  for (const base of paths.resources ?? []) {
    for (const kind of ['limits', 'requests']) {
      const segments = [...base.split('.'), kind];
      const values = record(at(segments)) ?? {};
      for (const name of Object.keys(values)) {
        fields.push([[...segments, name], values[name]]);
      }
    }
  }
  for (const p of paths.quantities ?? []) {
    fields.push([p.split('.'), at(p.split('.'))]);
  }
  // Key by key, as a depth-first walk of sorted keys meets them (a resource name may hold a `.`).
  const compare = (a: string[], b: string[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] !== b[i]) {
        return compareStrings(a[i], b[i]);
      }
    }
    return a.length - b.length;
  };
  return fields.sort((a, b) => compare(a[0], b[0])).map(([segments, value]) => [segments.join('.'), value]);
}

/** The first quantity of `fields` that does not decode, as kpack's webhook reports it (alone). */
export function decodeQuantities(fields: Array<[string, unknown]>): FieldError[] {
  for (const [fieldPath, value] of fields) {
    const error = quantityDecodeError(value);
    if (error !== undefined) {
      return [decodeError(error, fieldPath)];
    }
  }
  return [];
}

const INT64_MAX = 2n ** 63n - 1n;

/**
 * What Go's encoding/json says when an int64 field's JSON value does not fit, or undefined: a fraction,
 * an exponent or a value beyond int64 (`number 1.5`), or another JSON type (`string`, `bool`, …).
 */
function int64DecodeError(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'number') {
    const literal = JSON.stringify(value);
    if (!Number.isFinite(value)) {
      return undefined; // JSON has no such number: it is written as null
    }
    const fits = /^-?[0-9]+$/.test(literal) && BigInt(literal) <= INT64_MAX && BigInt(literal) >= -INT64_MAX - 1n;
    return fits ? undefined : `number ${literal}`;
  }
  return typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : Array.isArray(value) ? 'array' : 'object';
}

/** An int64 field of kpack's types: its path and the Go struct that holds it (named in Go's error). */
export interface Int64Field {
  readonly path: string;
  readonly struct: string;
}

/**
 * Decoding as kpack's defaulting webhook does (`json.Unmarshal` on the object, keys sorted): a bad
 * quantity stops the decoding at once and is the error; otherwise the first int64 field that does not
 * fit is (Go keeps decoding after a type error and returns the first one).
 */
export function decodeObject(object: any, quantities: { resources?: string[]; quantities?: string[] }, int64s: Int64Field[]): FieldError[] {
  const quantity = decodeQuantities(quantityFields(object, quantities));
  if (quantity.length > 0) {
    return quantity;
  }
  const at = (p: string) => p.split('.').reduce<any>((o, key) => record(o)?.[key], object);
  // Sorted paths meet these fields in the order a walk of sorted keys does: their keys hold no `.`.
  for (const field of [...int64s].sort((a, b) => compareStrings(a.path, b.path))) {
    const error = int64DecodeError(at(field.path));
    if (error !== undefined) {
      return [decodeError(`json: cannot unmarshal ${error} into Go struct field ${field.struct}.${field.path} of type int64`, field.path)];
    }
  }
  return [];
}

/** A cache size greater than 0 (kp's rule, which kpack's webhook lacks). */
export function validateCacheSize(size: unknown, fieldPath: string): FieldError[] {
  const value = decodedQuantity(size);
  if (value === undefined) {
    return [];
  }
  if (compareQuantities(value, { numerator: 0n, denominator: 1n }) <= 0) {
    return [withHint(generic('cache size must be greater than 0', fieldPath), 'leave the cache out to use kpack\'s default (2G when the cluster has a default StorageClass)')];
  }
  return [];
}
