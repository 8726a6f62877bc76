import { ApiObject, App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

/**
 * What a kpack object's rendering is made of, as one string, when that is provable: its metadata (as cdk8s
 * writes it, before JSON patches) and the typed spec its construct produces, under cdk8s's own resolvers.
 * Two equal strings mean `ApiObject.toJson()` would return equal manifests (with the same patches), so a
 * checked rendering can be written without rendering again.
 *
 * Undefined when the rendering may depend on more than these values: an app resolver of the user's (cdk8s
 * calls resolvers for every value, and they may keep state), a `Lazy` or another token in the spec (it
 * produces its value at rendering), a function, or an object whose fields are not all its own data (a
 * getter, a `Map`).
 */
export function renderInputs(apiObject: ApiObject, spec: unknown): string | undefined {
  if (!hasOnlyDefaultResolvers(apiObject)) {
    return undefined;
  }
  const parts: string[] = [process.env.CDK8S_DISABLE_SORT ? 'unsorted' : 'sorted', JSON.stringify(apiObject.metadata.toJson())];
  return writeValue(spec, parts, { values: MAX_VALUES }, 0) ? parts.join('\n') : undefined;
}

/** A spec larger or deeper than this is rendered again rather than compared. */
const MAX_VALUES = 100_000;
const MAX_DEPTH = 64;

function hasOnlyDefaultResolvers(apiObject: ApiObject): boolean {
  const resolvers: readonly unknown[] | undefined = App.of(apiObject).resolvers;
  if (resolvers === undefined) {
    return true;
  }
  return resolvers.length === 3
    && resolvers[0] instanceof LazyResolver
    && resolvers[1] instanceof ImplicitTokenResolver
    && resolvers[2] instanceof NumberStringUnionResolver;
}

/** Appends `value` to `parts`; false when the value is not plain data. */
function writeValue(value: unknown, parts: string[], budget: { values: number }, depth: number): boolean {
  if (--budget.values < 0 || depth > MAX_DEPTH) {
    return false;
  }
  switch (typeof value) {
    case 'string':
      parts.push(JSON.stringify(value));
      return true;
    case 'number':
    case 'boolean':
      parts.push(`${(typeof value)[0]}${String(value)}`);
      return true;
    case 'undefined':
      parts.push('u');
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) {
    parts.push('n');
    return true;
  }
  if (Array.isArray(value)) {
    parts.push(`[${value.length}`);
    return value.every(item => writeValue(item, parts, budget, depth + 1));
  }
  if (!isDataObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  parts.push(`{${keys.length}`);
  return keys.every(key => {
    parts.push(JSON.stringify(key));
    return writeValue((value as any)[key], parts, budget, depth + 1);
  });
}

/**
 * A plain object, or an instance of a class that holds only its own fields (the generated union types such
 * as `ImageSpecBuildResourcesRequests`): no token, no built-in container, no getter on its prototype.
 */
function isDataObject(value: object): boolean {
  if (value instanceof Lazy || typeof (value as any).resolve === 'function' || typeof (value as any).toJSON === 'function') {
    return false;
  }
  if (Object.prototype.toString.call(value) !== '[object Object]') {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    return true;
  }
  return Object.getPrototypeOf(prototype) === Object.prototype
    && Object.values(Object.getOwnPropertyDescriptors(prototype)).every(descriptor => descriptor.get === undefined && descriptor.set === undefined);
}
