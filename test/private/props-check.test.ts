/**
 * Wrong types from JavaScript, for every struct prop of every method and initializer of the API that takes
 * a struct (the list and the shapes are generated from the jsii assembly into src/private/prop-shapes.ts):
 * each gives a library error naming the construct path (or the method) and the prop, never a TypeError.
 */
import { Chart, Duration, Lazy, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kpack from '../../src';
import { ENTRY_POINTS, STRUCTS, TypeShape } from '../../src/private/prop-shapes';
import { checkProps } from '../../src/private/props-check';

/** A value of another type than the shape's, or undefined when any value fits. */
function wrongValue(shape: TypeShape): unknown {
  if (shape.primitive === 'string') return 42;
  if (shape.primitive !== undefined) return 'not a ' + shape.primitive;
  if (shape.enum !== undefined) return { member: 'none' };
  if (shape.array !== undefined) return 'not an array';
  if (shape.struct !== undefined || shape.map !== undefined || shape.instance !== undefined) return 7;
  return undefined;
}

/** Valid values for the positional parameters before the struct. */
function positional(chart: Chart, name: string, shape: TypeShape): unknown {
  if (shape.instance === 'constructs.Construct') return chart;
  if (name === 'id') return 'subject';
  if (shape.instance === 'cdk8s.Size') return Size.gibibytes(1);
  if (shape.instance === 'IBuildpack') return kpack.ClusterBuildpack.fromClusterBuildpackName(chart, 'bp', 'go');
  if (shape.primitive === 'string') return name === 'url' ? 'https://github.com/org/app' : 'registry.example.com/app';
  throw new Error(`no valid value for a parameter ${name} (${JSON.stringify(shape)}): add one here`);
}

/** The receiver of an instance method. */
const RECEIVERS: Record<string, (chart: Chart) => any> = {
  ClusterStore: chart => new kpack.ClusterStore(chart, 'subject'),
};

function resolve(type: string): any {
  return type.split('.').reduce((scope: any, name) => scope[name], kpack);
}

const CASES = ENTRY_POINTS.flatMap(entry => entry.params.flatMap((param, index) => param.shape.struct === undefined ? [] : [
  ...Object.entries(STRUCTS[param.shape.struct]).filter(([, [shape]]) => wrongValue(shape) !== undefined).map(([prop, [shape]]) =>
    ({ entry, index, struct: param.shape.struct!, prop, field: param.name === 'props' ? prop : `${param.name}.${prop}`, value: wrongValue(shape) })),
]));

describe('wrong types from JavaScript', () => {
  test('every entry point taking a struct is covered', () => {
    expect(ENTRY_POINTS.length).toBeGreaterThan(30);
    expect(CASES.length).toBeGreaterThan(150);
  });

  test.each(CASES.map(c => [`${c.entry.type}.${c.entry.method} ${c.field}`, c] as const))('%s', (_name, c) => {
    // GIVEN
    const chart = Testing.chart();
    const type = resolve(c.entry.type);
    const args = c.entry.params.map((param, i) => i === c.index ? { [c.prop]: c.value } : positional(chart, param.name, param.shape));

    // WHEN
    let error: unknown;
    try {
      if (c.entry.method === '<init>') {
        new type(...args);
      } else if (c.entry.static) {
        type[c.entry.method](...args);
      } else {
        RECEIVERS[c.entry.type](chart)[c.entry.method](...args);
      }
      Testing.synth(chart);
    } catch (e) {
      error = e;
    }

    // THEN a library error: the construct path (or the method), the field, the type expected
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    const where = c.entry.method === '<init>' || !c.entry.static || c.entry.type.endsWith('RegistryCredentials')
      ? 'test/subject' : `${c.entry.type}.${c.entry.method}`;
    expect((error as Error).message).toMatch(new RegExp(`^\\[${where.replace(/\./g, '\\.')}\\] expected .*, got .*: ${c.field.replace(/\./g, '\\.')}$`, 'm'));
  });
});

describe('checkProps', () => {
  test('nested structs, arrays and maps name the path of the value', () => {
    expect(() => checkProps('here', 'ClusterBuilderProps', {
      order: [{ buildpacks: 'go' }],
      metadata: { labels: { team: 7 } },
    })).toThrow('[here] expected a string, got a number: metadata.labels.team\nexpected an array, got a string: order[0].buildpacks');
  });

  test('required props left out altogether, and null where a value is required', () => {
    expect(() => checkProps('here', 'BuildImageProps', undefined)).toThrow('[here] expected a BuildImageProps (an object), got undefined: props');
    expect(() => checkProps('here', 'BuildImageProps', { tag: null })).toThrow('[here] expected a string, got null: tag');
    expect(() => checkProps('here', 'ClusterStoreProps', undefined)).not.toThrow();
    expect(() => checkProps('here', 'BuildImageProps', { tag: 'x', cache: undefined, buildTimeout: null })).not.toThrow();
  });

  test('a cdk8s Lazy stands for any value', () => {
    expect(() => checkProps('here', 'BuildImageProps', { tag: Lazy.any({ produce: () => 'registry.example.com/app' }), env: Lazy.any({ produce: () => ({}) }) })).not.toThrow();
  });

  test('values of the right type pass, whatever their class', () => {
    expect(() => checkProps('here', 'BuildImageProps', {
      tag: 'registry.example.com/app',
      buildTimeout: Duration.minutes(5),
      env: { A: kplus.EnvValue.fromValue('1') },
      imageTaggingStrategy: kpack.ImageTaggingStrategy.NONE,
    })).not.toThrow();
  });
});
