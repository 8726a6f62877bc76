import { App, Chart, Lazy, Testing } from 'cdk8s';
import { BuildImage, ClusterBuilder, Source } from '../../src';
import { validationErrors } from '../util';

/** A chart with one BuildImage whose tag is read from `state` at every rendering, which it counts. */
function imageChart(app: App, state: { tag: string; renders: number }) {
  const chart = new Chart(app, 'apps', { namespace: 'apps' });
  const image = new BuildImage(chart, 'hello', {
    metadata: { name: 'hello' },
    tag: Lazy.any({
      produce: () => {
        state.renders++;
        return state.tag;
      },
    }),
    builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
    source: Source.git('https://github.com/making/hello-golang', { revision: 'main' }),
  });
  return { chart, image };
}

describe('rendering once per synthesis', () => {
  test('App.synthYaml() renders a kpack object once, and writes the rendering it checked', () => {
    const app = new App();
    const state = { tag: 'registry.example.com/apps/hello', renders: 0 };
    imageChart(app, state);

    const yaml = app.synthYaml();

    expect(state.renders).toBe(1);
    expect(yaml).toContain('tag: registry.example.com/apps/hello');
  });

  test('App.synth() and Testing.synth() render it once', () => {
    const state = { tag: 'registry.example.com/apps/hello', renders: 0 };
    const app = Testing.app();
    const { chart } = imageChart(app, state);

    app.synth();
    expect(state.renders).toBe(1);

    Testing.synth(chart);
    expect(state.renders).toBe(2);
  });

  test('every synthesis renders afresh: a change between two is checked and written', () => {
    const state = { tag: 'registry.example.com/apps/hello', renders: 0 };
    const { chart, image } = imageChart(Testing.app(), state);
    expect(validationErrors(chart)).toEqual([]);

    image.addAdditionalTag('other.example.com/apps/hello');
    expect(validationErrors(chart)).toEqual([
      '[apps/hello] all additionalTags must have the same registry as tag: spec.additionalTags\nexpected registry: registry.example.com, got: other.example.com',
    ]);

    state.tag = 'other.example.com/apps/hello';
    expect(Testing.synth(chart)[0].spec).toEqual({
      tag: 'other.example.com/apps/hello',
      additionalTags: ['other.example.com/apps/hello'],
      builder: { kind: 'ClusterBuilder', name: 'default' },
      source: { git: { url: 'https://github.com/making/hello-golang', revision: 'main' } },
    });
  });

  test('a failed synthesis keeps nothing for the next one', () => {
    const state = { tag: 'registry.example.com/apps/Hello', renders: 0 };
    const { chart } = imageChart(Testing.app(), state);
    expect(validationErrors(chart)).toEqual([
      '[apps/hello] invalid value: registry.example.com/apps/Hello: spec.tag\nhint: repository names must be lowercase',
    ]);

    state.tag = 'registry.example.com/apps/hello';
    expect(validationErrors(chart)).toEqual([]);
    expect(Testing.synth(chart)[0].spec.tag).toBe('registry.example.com/apps/hello');
  });

  test('outside a synthesis, every validation and toJson() renders afresh', () => {
    const state = { tag: 'registry.example.com/apps/hello', renders: 0 };
    const { image } = imageChart(Testing.app(), state);

    image.node.validate();
    image.node.validate();
    expect(state.renders).toBe(2);

    state.tag = 'registry.example.com/apps/Hello';
    expect(image.node.validate()).toEqual([
      'invalid value: registry.example.com/apps/Hello: spec.tag\nhint: repository names must be lowercase',
    ]);
  });

  test('a synthesis of another chart of the app checks the kpack object afresh', () => {
    const app = Testing.app();
    const state = { tag: 'registry.example.com/apps/Hello', renders: 0 };
    imageChart(app, state);
    const other = new Chart(app, 'other');

    expect(validationErrors(other)).toEqual([
      '[apps/hello] invalid value: registry.example.com/apps/Hello: spec.tag\nhint: repository names must be lowercase',
    ]);
    state.tag = 'registry.example.com/apps/hello';
    expect(validationErrors(other)).toEqual([]);
  });
});
