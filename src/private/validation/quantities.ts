import { FieldError, generic, withHint } from './field-error';
import { compareQuantities, parseQuantity } from '../quantity';

/** The message Kubernetes gives when a quantity does not parse (at decode time, before any webhook). */
export const QUANTITY_FORMAT_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** A cache size: a quantity (Kubernetes), greater than 0 (kp's rule, which kpack's webhook lacks). */
export function validateCacheSize(size: unknown, fieldPath: string): FieldError[] {
  if (size === undefined || size === null) {
    return [];
  }
  const value = parseQuantity(String(size));
  if (value === undefined) {
    return [generic(QUANTITY_FORMAT_MESSAGE, fieldPath)];
  }
  if (compareQuantities(value, { numerator: 0n, denominator: 1n }) <= 0) {
    return [withHint(generic('cache size must be greater than 0', fieldPath), 'leave the cache out to use kpack\'s default (2G when the cluster has a default StorageClass)')];
  }
  return [];
}
