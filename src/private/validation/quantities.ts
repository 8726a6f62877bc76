import { FieldError, generic, withHint } from './field-error';
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
