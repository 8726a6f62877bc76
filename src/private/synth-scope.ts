import { ApiObject, App, Chart } from 'cdk8s';

/**
 * One synthesis call of cdk8s (`App.synth()`, `App.synthYaml()`, `Chart.toJson()` and so
 * `Testing.synth()`) validates the whole app, validates it again for every chart it renders, and then
 * renders each object of the chart for output. Since each check of a kpack object renders it, a kpack
 * object was rendered three times in a one-chart app (C + 2 times with C charts) and checked two
 * (C + 1) times. Within one call nothing runs but cdk8s itself, validations, `Lazy` producers and
 * resolvers, none of which may change constructs, so the object renders the same every time.
 *
 * The library therefore renders and checks each of its kpack objects once per synthesis call, and
 * cdk8s writes that same rendering. Outside a synthesis call (a direct `node.validate()` or
 * `apiObject.toJson()`), nothing is kept: every call renders afresh.
 */

/** How deep the current synthesis calls nest (`App.synth()` calls `Chart.toJson()`). */
let depth = 0;

/** The values kept during the outermost synthesis call in progress, by `PerSynth` instance. */
let memos: Map<PerSynth<any, any>, Map<object, unknown>> | undefined;

function withinSynth<T>(fn: () => T): T {
  if (depth++ === 0) {
    memos = new Map();
  }
  try {
    return fn();
  } finally {
    if (--depth === 0) {
      memos = undefined;
    }
  }
}

/** A value computed at most once per key during a synthesis call, and on every request outside one. */
export class PerSynth<K extends object, V> {
  public get(key: K, compute: () => V): V {
    if (memos === undefined) {
      return compute();
    }
    let memo = memos.get(this) as Map<K, V> | undefined;
    if (memo === undefined) {
      memo = new Map();
      memos.set(this, memo);
    }
    if (memo.has(key)) {
      return memo.get(key)!;
    }
    const value = compute();
    memo.set(key, value);
    return value;
  }
}

const RENDERINGS = new PerSynth<ApiObject, any>();

/**
 * Makes `apiObject` render once per synthesis call: wraps, on the instances, its `toJson()` and the
 * synthesis entry points of its chart (`toJson()`) and app (`synth()`, `synthYaml()`), so that a call
 * is recognized as one. A chart or app is wrapped once, however many kpack objects it holds.
 */
export function renderOncePerSynth(apiObject: ApiObject): void {
  wrap(apiObject, 'toJson', render => function (this: ApiObject) {
    return RENDERINGS.get(apiObject, () => render.call(this));
  });
  const synthesis = (synthesize: Method) => function (this: unknown, ...args: unknown[]) {
    return withinSynth(() => synthesize.apply(this, args));
  };
  wrap(Chart.of(apiObject), 'toJson', synthesis);
  const root = apiObject.node.root;
  if (root instanceof App) {
    wrap(root, 'synth', synthesis);
    wrap(root, 'synthYaml', synthesis);
  }
}

type Method = ((...args: unknown[]) => unknown) & { [WRAPPER]?: true };

/** Marks the functions this module puts in place, so that nothing is wrapped twice. */
const WRAPPER = Symbol('cdk8s-kpack.synth-scope');

function wrap<T extends object>(target: T, method: keyof T & string, around: (original: Method) => Method): void {
  const original = target[method] as unknown as Method;
  if (original[WRAPPER]) {
    return;
  }
  const wrapper = around(original);
  wrapper[WRAPPER] = true;
  Object.defineProperty(target, method, { value: wrapper, configurable: true, writable: true, enumerable: false });
}
