import { ApiObject, Chart, IResolver, Lazy, ResolutionContext, Testing } from 'cdk8s';
import { renderInputs, sameRenderInputs } from '../../src/private/render-inputs';

class Quantity {
  public static fromString(value: string) {
    return new Quantity(value);
  }
  private constructor(public readonly value: string) {}
}

class WithGetter {
  public get value(): string {
    return 'computed';
  }
}

function apiObject(chart: Chart = Testing.chart()): ApiObject {
  return new ApiObject(chart, 'object', { apiVersion: 'kpack.io/v1alpha2', kind: 'Image', metadata: { name: 'hello' } });
}

/** The inputs of a rendering of `object` from `spec` now, with its metadata as it is now. */
function inputsOf(object: ApiObject, spec: unknown) {
  return renderInputs(object, spec, object.metadata.toJson());
}

describe('renderInputs', () => {
  test('GIVEN the same plain values again WHEN compared THEN they are the same inputs', () => {
    // GIVEN
    const object = apiObject();
    const spec = () => ({ tag: 'registry.example.com/hello', build: { resources: { requests: { memory: Quantity.fromString('1Gi') } } }, tags: ['a', 1, true, null, undefined] });

    // WHEN
    const inputs = inputsOf(object, spec());

    // THEN
    expect(inputs).toBeDefined();
    expect(sameRenderInputs(inputs!, object, spec())).toBe(true);
  });

  test.each([
    ['another string', { tag: 'b', env: [{ name: 'X', value: '1' }] }],
    ['a number for a string', { tag: 'a', env: [{ name: 'X', value: 1 }] }],
    ['one more item', { tag: 'a', env: [{ name: 'X', value: '1' }, undefined] }],
    ['the keys in another order', { env: [{ name: 'X', value: '1' }], tag: 'a' }],
    ['one more key, undefined', { tag: 'a', env: [{ name: 'X', value: '1', valueFrom: undefined }] }],
    ['an array for an object', { tag: 'a', env: { name: 'X', value: '1' } }],
  ])('GIVEN %s WHEN compared THEN they are other inputs', (_, spec) => {
    // GIVEN
    const object = apiObject();
    const inputs = inputsOf(object, { tag: 'a', env: [{ name: 'X', value: '1' }] })!;

    // THEN
    expect(sameRenderInputs(inputs, object, spec)).toBe(false);
  });

  test('GIVEN an object passed by reference WHEN it is changed THEN they are other inputs', () => {
    // GIVEN
    const object = apiObject();
    const nodeSelector: Record<string, string> = { pool: 'builds' };
    const inputs = inputsOf(object, { nodeSelector })!;

    // WHEN
    nodeSelector.pool = 'other';

    // THEN
    expect(sameRenderInputs(inputs, object, { nodeSelector })).toBe(false);
  });

  test('GIVEN a metadata change behind the construct WHEN compared THEN they are other inputs', () => {
    // GIVEN
    const object = apiObject();
    const inputs = inputsOf(object, { tag: 'a' })!;

    // WHEN
    object.metadata.addAnnotation('note', 'x');

    // THEN
    expect(sameRenderInputs(inputs, object, { tag: 'a' })).toBe(false);
  });

  test('GIVEN the rendered metadata (keys sorted by cdk8s) WHEN compared with the metadata THEN they are the same inputs', () => {
    // GIVEN
    const object = apiObject();
    object.metadata.addLabel('b', '1');
    object.metadata.addAnnotation('a', '2');

    // WHEN
    const inputs = renderInputs(object, { tag: 'a' }, object.toJson().metadata)!;

    // THEN
    expect(sameRenderInputs(inputs, object, { tag: 'a' })).toBe(true);
  });

  test.each([
    ['a Lazy', { tag: Lazy.any({ produce: () => 'a' }) }],
    ['an implicit token', { tag: { resolve: () => 'a' } }],
    ['a function', { tag: () => 'a' }],
    ['a Map', { labels: new Map([['a', 'b']]) }],
    ['a getter', { tag: new WithGetter() }],
    ['an object with toJSON', { created: new Date(0) }],
  ])('GIVEN %s in the spec WHEN compared THEN the inputs are not provable', (_, spec) => {
    // GIVEN
    const object = apiObject();

    // THEN: neither at the rendering, nor later in place of plain data
    expect(inputsOf(object, spec)).toBeUndefined();
    expect(sameRenderInputs(inputsOf(object, { tag: 'a', labels: {}, created: 0 })!, object, spec)).toBe(false);
  });

  test('GIVEN a spec deeper than the comparison goes WHEN compared THEN the inputs are not provable', () => {
    // GIVEN
    let spec: any = 'leaf';
    for (let i = 0; i < 100; i++) {
      spec = { child: spec };
    }

    // THEN
    expect(inputsOf(apiObject(), spec)).toBeUndefined();
  });

  test('GIVEN an app with a resolver of its own WHEN compared THEN the inputs are not provable', () => {
    // GIVEN
    const resolver: IResolver = { resolve: (_: ResolutionContext) => undefined };
    const app = Testing.app({ resolvers: [resolver] });

    // THEN
    expect(inputsOf(apiObject(new Chart(app, 'chart')), { tag: 'a' })).toBeUndefined();
  });

  test('GIVEN CDK8S_DISABLE_SORT set after a rendering WHEN compared THEN they are other inputs', () => {
    // GIVEN
    const object = apiObject();
    const inputs = inputsOf(object, { tag: 'a' })!;

    // WHEN
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      // THEN
      expect(sameRenderInputs(inputs, object, { tag: 'a' })).toBe(false);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });
});
