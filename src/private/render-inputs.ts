import { isDeepStrictEqual } from 'util';
import { ApiObject, App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

/**
 * What a kpack object's rendering was made of, when that is provable: its metadata (as cdk8s writes it,
 * before JSON patches) and a copy of the typed spec its construct produced, under cdk8s's own resolvers.
 * The same inputs later mean `ApiObject.toJson()` would return an equal manifest (with the same patches),
 * so a checked rendering can be written without rendering again.
 *
 * Not provable (undefined) when the rendering may depend on more than these values: an app resolver of the
 * user's (cdk8s calls resolvers for every value, and they may keep state), a `Lazy` or another token in
 * the spec (it produces its value at rendering), a function, or an object whose fields are not all its own
 * data (a getter, a `Map`).
 */
export interface RenderInputs {
  readonly sortKeys: boolean;
  /** `ApiObject.metadata.toJson()`, keys in any order. */
  readonly metadata: unknown;
  /** The typed spec as plain data, in a flat form (a copy, so that later changes to objects it held are seen). */
  readonly spec: readonly unknown[];
}

/** The inputs of a rendering just made from `spec` with `metadata` (`apiObject.metadata.toJson()`). */
export function renderInputs(apiObject: ApiObject, spec: unknown, metadata: unknown): RenderInputs | undefined {
  if (!hasOnlyDefaultResolvers(apiObject)) {
    return undefined;
  }
  const flat: unknown[] = [];
  return flatten(spec, flat, 0) ? { sortKeys: sortsKeys(), metadata, spec: flat } : undefined;
}

/** Whether a rendering of `apiObject` from `spec` now would be made of `inputs`. Cheapest comparison first. */
export function sameRenderInputs(inputs: RenderInputs, apiObject: ApiObject, spec: unknown): boolean {
  return inputs.sortKeys === sortsKeys()
    && hasOnlyDefaultResolvers(apiObject)
    && sameFlat(inputs.spec, spec)
    // Keys in any order: cdk8s sorts those of the manifest, not those of `metadata.toJson()`.
    && isDeepStrictEqual(inputs.metadata, apiObject.metadata.toJson());
}

function sameFlat(flat: readonly unknown[], spec: unknown): boolean {
  const at = { index: 0 };
  return matches(spec, flat, at, 0) && at.index === flat.length;
}

/** A spec larger or deeper than this is rendered again rather than compared. */
const MAX_VALUES = 100_000;
const MAX_DEPTH = 64;
/** Markers of the flat form of a spec (never equal to a value of plain data). */
const OBJECT = Symbol('object');
const ARRAY = Symbol('array');

/** cdk8s sorts a manifest's keys unless `CDK8S_DISABLE_SORT` is set (read at every rendering). */
function sortsKeys(): boolean {
  return !process.env.CDK8S_DISABLE_SORT;
}

function hasOnlyDefaultResolvers(apiObject: ApiObject): boolean {
  const resolvers: readonly unknown[] = App.of(apiObject).resolvers;
  return resolvers.length === 3
    && resolvers[0] instanceof LazyResolver
    && resolvers[1] instanceof ImplicitTokenResolver
    && resolvers[2] instanceof NumberStringUnionResolver;
}

function isScalar(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined';
}

/**
 * Appends `value` to `flat` in a flat form (scalars as they are; an array as ARRAY, its length, its items;
 * an object as OBJECT, its key count, then each key and its value): a copy that is compared without
 * allocating. False when the value is not plain data, or too large.
 */
function flatten(value: unknown, flat: unknown[], depth: number): boolean {
  if (flat.length > MAX_VALUES || depth > MAX_DEPTH) {
    return false;
  }
  if (isScalar(value)) {
    flat.push(value);
    return true;
  }
  if (Array.isArray(value)) {
    flat.push(ARRAY, value.length);
    return value.every(item => flatten(item, flat, depth + 1));
  }
  if (typeof value !== 'object' || !isDataObject(value as object)) {
    return false;
  }
  const keys = Object.keys(value as object);
  flat.push(OBJECT, keys.length);
  return keys.every(key => {
    flat.push(key);
    return flatten((value as any)[key], flat, depth + 1);
  });
}

/** Whether `value` is plain data whose flat form is `flat` from `at.index` on (which it advances). */
function matches(value: unknown, flat: readonly unknown[], at: { index: number }, depth: number): boolean {
  if (depth > MAX_DEPTH) {
    return false;
  }
  if (isScalar(value)) {
    return Object.is(flat[at.index++], value);
  }
  if (Array.isArray(value)) {
    if (flat[at.index++] !== ARRAY || flat[at.index++] !== value.length) {
      return false;
    }
    for (const item of value) {
      if (!matches(item, flat, at, depth + 1)) {
        return false;
      }
    }
    return true;
  }
  if (typeof value !== 'object' || !isDataObject(value as object)) {
    return false;
  }
  const keys = Object.keys(value as object);
  if (flat[at.index++] !== OBJECT || flat[at.index++] !== keys.length) {
    return false;
  }
  for (const key of keys) {
    if (flat[at.index++] !== key || !matches((value as any)[key], flat, at, depth + 1)) {
      return false;
    }
  }
  return true;
}

/** Per prototype: whether its instances hold only their own fields. */
const DATA_PROTOTYPES = new WeakMap<object, boolean>();

/**
 * A plain object, or an instance of a class that holds only its own fields (the generated union types such
 * as `ImageSpecBuildResourcesRequests`): not a token, not a built-in container, no getter, setter, `resolve`
 * or `toJSON` on its prototype. (A function among an object's own fields is not plain data either: the
 * walk rejects it as a value.)
 */
function isDataObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    return true;
  }
  let known = DATA_PROTOTYPES.get(prototype);
  if (known === undefined) {
    known = !(value instanceof Lazy)
      && Object.prototype.toString.call(value) === '[object Object]'
      && Object.getPrototypeOf(prototype) === Object.prototype
      && typeof prototype.resolve !== 'function'
      && typeof prototype.toJSON !== 'function'
      && Object.values(Object.getOwnPropertyDescriptors(prototype)).every(descriptor => descriptor.get === undefined && descriptor.set === undefined);
    DATA_PROTOTYPES.set(prototype, known);
  }
  return known;
}
