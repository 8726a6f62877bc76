import { ApiObject, Chart, IResolver, Lazy, ResolutionContext, Testing } from 'cdk8s';
import { renderInputs } from '../../src/private/render-inputs';

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

describe('renderInputs', () => {
  test('GIVEN the same plain values twice WHEN compared THEN the inputs are equal', () => {
    // GIVEN
    const object = apiObject();
    const spec = () => ({ tag: 'registry.example.com/hello', build: { resources: { requests: { memory: Quantity.fromString('1Gi') } } }, tags: ['a', 1, true, null, undefined] });

    // THEN
    expect(renderInputs(object, spec())).toBeDefined();
    expect(renderInputs(object, spec())).toEqual(renderInputs(object, spec()));
  });

  test('GIVEN values that differ anywhere WHEN compared THEN the inputs differ', () => {
    // GIVEN
    const object = apiObject();
    const base = renderInputs(object, { tag: 'a', env: [{ name: 'X', value: '1' }] });

    // THEN
    expect(renderInputs(object, { tag: 'b', env: [{ name: 'X', value: '1' }] })).not.toEqual(base);
    expect(renderInputs(object, { tag: 'a', env: [{ name: 'X', value: 1 }] })).not.toEqual(base);
    expect(renderInputs(object, { tag: 'a', env: [{ name: 'X', value: '1' }, undefined] })).not.toEqual(base);
    expect(renderInputs(object, { env: [{ name: 'X', value: '1' }], tag: 'a' })).not.toEqual(base);
    expect(renderInputs(object, { tag: 'a', env: [{ name: 'X', value: '1', valueFrom: undefined }] })).not.toEqual(base);
  });

  test('GIVEN an object passed by reference WHEN it is changed THEN the inputs differ', () => {
    // GIVEN
    const object = apiObject();
    const nodeSelector: Record<string, string> = { pool: 'builds' };
    const before = renderInputs(object, { nodeSelector });

    // WHEN
    nodeSelector.pool = 'other';

    // THEN
    expect(renderInputs(object, { nodeSelector })).not.toEqual(before);
  });

  test('GIVEN a metadata change behind the construct WHEN compared THEN the inputs differ', () => {
    // GIVEN
    const object = apiObject();
    const before = renderInputs(object, { tag: 'a' });

    // WHEN
    object.metadata.addAnnotation('note', 'x');

    // THEN
    expect(renderInputs(object, { tag: 'a' })).not.toEqual(before);
  });

  test.each([
    ['a Lazy', { tag: Lazy.any({ produce: () => 'a' }) }],
    ['an implicit token', { tag: { resolve: () => 'a' } }],
    ['a function', { tag: () => 'a' }],
    ['a Map', { labels: new Map([['a', 'b']]) }],
    ['a getter', { tag: new WithGetter() }],
    ['an object with toJSON', { created: new Date(0) }],
  ])('GIVEN %s in the spec WHEN compared THEN the inputs are not provable', (_, spec) => {
    expect(renderInputs(apiObject(), spec)).toBeUndefined();
  });

  test('GIVEN a spec deeper than the comparison goes WHEN compared THEN the inputs are not provable', () => {
    // GIVEN
    let spec: any = 'leaf';
    for (let i = 0; i < 100; i++) {
      spec = { child: spec };
    }

    // THEN
    expect(renderInputs(apiObject(), spec)).toBeUndefined();
  });

  test('GIVEN an app with a resolver of its own WHEN compared THEN the inputs are not provable', () => {
    // GIVEN
    const resolver: IResolver = { resolve: (_: ResolutionContext) => undefined };
    const app = Testing.app({ resolvers: [resolver] });

    // THEN
    expect(renderInputs(apiObject(new Chart(app, 'chart')), { tag: 'a' })).toBeUndefined();
  });
});
