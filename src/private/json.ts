/** Whether two rendered manifests (plain JSON values) are equal, keys in the same order (the order they are written in). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  return aKeys.length === bKeys.length
    && aKeys.every((key, i) => key === bKeys[i] && sameJson((a as any)[key], (b as any)[key]));
}

/**
 * A deep copy of a rendered manifest (plain JSON values; anything else is kept by reference): `structuredClone`
 * costs three to four times as much on a kpack Image, and a synthesis copies each one it writes unrendered.
 */
export function copyJson<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(copyJson) as unknown as T;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      copy[key] = copyJson((value as any)[key]);
    }
    return copy as T;
  }
  return value;
}
