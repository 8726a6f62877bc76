import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { BuildImage, ClusterBuilder, Kpack, KpackVersion, Source } from '../../src';
import { validationErrors } from '../util';

/**
 * A chart with one BuildImage whose tag is read from `state` at every rendering, which it counts. A `Lazy` in
 * the spec makes every rendering afresh (its value is only known by producing it).
 */
function imageChart(app: App, state: { tag: string; renders: number }, id = 'apps', chart?: Chart) {
  const scope = chart ?? new Chart(app, id, { namespace: 'apps' });
  const image = new BuildImage(scope, 'hello', {
    metadata: { name: `hello-${id}` },
    tag: Lazy.any({
      produce: () => {
        state.renders++;
        return state.tag;
      },
    }),
    // An account of its own: the namespace's "default" one holds no credentials for the registry.
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(scope, 'builds', 'builds'),
    builder: ClusterBuilder.fromClusterBuilderName(scope, 'builder', 'default'),
    source: Source.git('https://github.com/making/hello-golang', { revision: 'main' }),
  });
  return { chart: scope, image };
}

/** A chart subclass overriding the documented hook, as a user in any jsii language may. */
class LabelledChart extends Chart {
  public toJson(): any[] {
    return super.toJson().map(object => ({ ...object, metadata: { ...object.metadata, labels: { team: 'a' } } }));
  }
}

const GOOD = 'registry.example.com/apps/hello';
const BAD = 'registry.example.com/apps/Hello';
const BAD_TAG = 'invalid value: registry.example.com/apps/Hello: spec.tag\nhint: repository names must be lowercase';

describe('checking once per rendering', () => {
  test('GIVEN 20 charts WHEN the app is synthesized THEN each kpack object renders twice (check + write), not once per chart', () => {
    // GIVEN
    const app = Testing.app();
    const states = Array.from({ length: 20 }, (_, i) => {
      // A tag of its own: Images pushing to one tag overwrite each other's images.
      const state = { tag: `${GOOD}-${i}`, renders: 0 };
      imageChart(app, state, `c${i}`);
      return state;
    });

    // WHEN
    app.synthYaml();

    // THEN
    expect(states.map(s => s.renders)).toEqual(states.map(() => 2));
  });

  test('GIVEN a synthesized app WHEN it is synthesized again THEN each object renders once (the write)', () => {
    // GIVEN
    const state = { tag: GOOD, renders: 0 };
    const app = Testing.app();
    const { chart } = imageChart(app, state);
    app.synth();
    expect(state.renders).toBe(2);

    // WHEN
    app.synth();
    Testing.synth(chart);

    // THEN
    expect(state.renders).toBe(4);
  });

  test('GIVEN a chart subclass overriding toJson WHEN synthesized, also through prototype calls THEN it works and renders once per synthesis', () => {
    // GIVEN
    const state = { tag: GOOD, renders: 0 };
    const app = Testing.app();
    const chart = new LabelledChart(app, 'labelled', { namespace: 'apps' });
    imageChart(app, state, 'labelled', chart);

    // WHEN: the way the jsii kernel calls methods, on the prototype
    const first = Chart.prototype.toJson.call(chart);
    const yaml = App.prototype.synthYaml.call(app);

    // THEN
    expect(first[0].spec.tag).toBe(GOOD);
    expect(yaml).toContain('team: a');
    expect(state.renders).toBe(3);
  });

  test('GIVEN a change through the library WHEN validated again THEN it is checked afresh', () => {
    // GIVEN
    const state = { tag: GOOD, renders: 0 };
    const { chart, image } = imageChart(Testing.app(), state);
    expect(validationErrors(chart)).toEqual([]);

    // WHEN
    image.addAdditionalTag('other.example.com/apps/hello');

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[apps/hello] all additionalTags must have the same registry as tag: spec.additionalTags\nexpected registry: registry.example.com, got: other.example.com',
    ]);
    state.tag = 'other.example.com/apps/hello';
    expect(Testing.synth(chart)[0].spec).toEqual({
      tag: 'other.example.com/apps/hello',
      additionalTags: ['other.example.com/apps/hello'],
      builder: { kind: 'ClusterBuilder', name: 'default' },
      serviceAccountName: 'builds',
      source: { git: { url: 'https://github.com/making/hello-golang', revision: 'main' } },
    });
  });

  test('GIVEN a change the library cannot see (a Lazy over app state) WHEN synthesized THEN what is written is checked', () => {
    // GIVEN
    const state = { tag: GOOD, renders: 0 };
    const { chart } = imageChart(Testing.app(), state);
    expect(validationErrors(chart)).toEqual([]);

    // WHEN
    state.tag = BAD;

    // THEN
    expect(validationErrors(chart)).toEqual([`[apps/hello] ${BAD_TAG}`]);
    state.tag = GOOD;
    expect(Testing.synth(chart)[0].spec.tag).toBe(GOOD);
  });

  test('GIVEN a failed synthesis WHEN the problem is fixed THEN nothing of the failure is kept', () => {
    // GIVEN
    const state = { tag: BAD, renders: 0 };
    const { chart } = imageChart(Testing.app(), state);
    expect(validationErrors(chart)).toEqual([`[apps/hello] ${BAD_TAG}`]);

    // WHEN
    state.tag = GOOD;

    // THEN
    expect(validationErrors(chart)).toEqual([]);
    expect(Testing.synth(chart)[0].spec.tag).toBe(GOOD);
  });

  test('GIVEN an object with a problem WHEN validated directly THEN every validation checks afresh', () => {
    // GIVEN
    const state = { tag: BAD, renders: 0 };
    const { image } = imageChart(Testing.app(), state);

    // WHEN
    image.node.validate();
    image.node.validate();

    // THEN
    expect(state.renders).toBe(2);
    state.tag = GOOD;
    expect(image.node.validate()).toEqual([]);
  });

  test('GIVEN another chart of the app WHEN it is synthesized THEN the kpack object is checked', () => {
    // GIVEN
    const app = Testing.app();
    const state = { tag: BAD, renders: 0 };
    imageChart(app, state);
    const other = new Chart(app, 'other');

    // THEN
    expect(validationErrors(other)).toEqual([`[apps/hello] ${BAD_TAG}`]);
    state.tag = GOOD;
    expect(validationErrors(other)).toEqual([]);
  });

  test('GIVEN a synthesis with the default kpack version WHEN a Kpack install of another version is added THEN its rules apply', () => {
    // GIVEN: an architecture node selector, which kpack v0.18 rejects and v0.17 takes
    const app = Testing.app();
    const chart = new Chart(app, 'apps', { namespace: 'apps' });
    new BuildImage(chart, 'hello', {
      tag: GOOD,
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds'),
      builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      source: Source.git('https://github.com/making/hello-golang', { revision: 'main' }),
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
    });
    expect(() => app.synthYaml()).toThrow(/arch is determined automatically/);

    // WHEN
    new Kpack(new Chart(app, 'kpack'), 'kpack', { version: KpackVersion.V0_17_2 });

    // THEN
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('GIVEN a clean synthesis WHEN an object a cross-object check reads changes behind the library THEN the next synthesis fails', () => {
    // GIVEN: the service account is a construct whose default child is a ServiceAccount
    const app = Testing.app();
    const chart = new Chart(app, 'apps', { namespace: 'apps' });
    const serviceAccount = new Construct(chart, 'sa');
    new ApiObject(serviceAccount, 'Resource', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builds' } });
    new BuildImage(chart, 'hello', {
      tag: GOOD,
      builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      serviceAccount,
      source: Source.git('https://github.com/making/hello-golang', { revision: 'main' }),
    });
    expect(validationErrors(chart)).toEqual([]);

    // WHEN: its default child is replaced by a ConfigMap (nothing the library's methods see)
    serviceAccount.node.tryRemoveChild('Resource');
    new ApiObject(serviceAccount, 'Resource', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'builds' } });

    // THEN: validation passes reuse the clean result, writing runs the cross-object checks again
    expect(validationErrors(chart)).toEqual([
      '[apps/hello] apps/sa is a ConfigMap ("builds"), not a ServiceAccount: spec.serviceAccountName\n' +
      'hint: pass a ServiceAccount: a cdk8s-plus ServiceAccount (any cdk8s-plus line, or ServiceAccount.fromServiceAccountName()), or an ApiObject of kind ServiceAccount',
    ]);
  });
});

/** A chart with one BuildImage of plain values (no token): its rendering can be compared by its values. */
function plainImageChart(app: App, id = 'apps') {
  const chart = new Chart(app, id, { namespace: 'apps' });
  const image = new BuildImage(chart, 'hello', {
    metadata: { name: `hello-${id}` },
    tag: `${GOOD}-${id}`,
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds'),
    builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
    source: Source.git('https://github.com/making/hello-golang', { revision: 'main' }),
  });
  return { chart, image, apiObject: ApiObject.of(image) };
}

/**
 * Counts cdk8s's renderings (`ApiObject.prototype.toJson`, which a kpack object calls to render) of `objects`
 * until `stop()`, which returns them.
 */
function countRenders(objects: ApiObject[]): { stop: () => number[] } {
  const spy = jest.spyOn(ApiObject.prototype, 'toJson');
  return {
    stop: () => {
      const counts = objects.map(object => spy.mock.contexts.filter(context => context === object).length);
      spy.mockRestore();
      return counts;
    },
  };
}

describe('writing the checked rendering', () => {
  test('GIVEN 20 charts of plain values WHEN the app is synthesized THEN each kpack object renders once: checked, then written as checked', () => {
    // GIVEN
    const app = Testing.app();
    const objects = Array.from({ length: 20 }, (_, i) => plainImageChart(app, `c${i}`).apiObject);
    const renders = countRenders(objects);

    // WHEN
    const yaml = app.synthYaml();

    // THEN
    expect(renders.stop()).toEqual(objects.map(() => 1));
    expect(yaml).toContain('tag: registry.example.com/apps/hello-c19');
  });

  test('GIVEN a synthesized app WHEN nothing changed THEN the next synthesis writes the same YAML without rendering', () => {
    // GIVEN
    const app = Testing.app();
    const { apiObject } = plainImageChart(app);
    const first = app.synthYaml();
    const renders = countRenders([apiObject]);

    // WHEN
    const second = app.synthYaml();

    // THEN
    expect(renders.stop()).toEqual([0]);
    expect(second).toEqual(first);
  });

  test('GIVEN a synthesized app WHEN a label is added to the ApiObject behind the library THEN the next synthesis renders and writes it', () => {
    // GIVEN
    const app = Testing.app();
    const { chart, apiObject } = plainImageChart(app);
    app.synthYaml();

    // WHEN
    apiObject.metadata.addLabel('team', 'a');

    // THEN
    expect(Testing.synth(chart)[0].metadata.labels).toEqual({ team: 'a' });
  });

  test('GIVEN a written manifest WHEN the caller changes it THEN the next synthesis is not affected', () => {
    // GIVEN
    const app = Testing.app();
    const { chart } = plainImageChart(app);
    const written = Testing.synth(chart);

    // WHEN
    written[0].spec.tag = 'changed';
    delete written[0].metadata.name;

    // THEN
    expect(Testing.synth(chart)[0]).toMatchObject({ metadata: { name: 'hello-apps' }, spec: { tag: `${GOOD}-apps` } });
  });

  test('GIVEN a change through the library after a synthesis WHEN synthesized again THEN it is rendered, checked and written', () => {
    // GIVEN
    const app = Testing.app();
    const { chart, image } = plainImageChart(app);
    Testing.synth(chart);

    // WHEN
    image.addEnv('BP_GO_TARGETS', kplus.EnvValue.fromValue('./cmd/server'));

    // THEN
    expect(Testing.synth(chart)[0].spec.build).toEqual({ env: [{ name: 'BP_GO_TARGETS', value: './cmd/server' }] });
  });

  test('GIVEN an app with a resolver of the user\'s WHEN synthesized THEN each rendering is made afresh, so the resolver sees the write', () => {
    // GIVEN: resolvers may keep state, so a rendering under one cannot be compared by its values
    class Counting implements IResolver {
      public tags = 0;
      public resolve(context: ResolutionContext): void {
        if (context.key.join('.') === 'spec.tag') {
          this.tags++;
        }
      }
    }
    const resolver = new Counting();
    const app = Testing.app({ resolvers: [resolver] });
    const { apiObject } = plainImageChart(app);
    const renders = countRenders([apiObject]);

    // WHEN
    app.synthYaml();

    // THEN
    expect(renders.stop()).toEqual([2]);
    expect(resolver.tags).toBe(2);
  });
});

describe('writing the checked rendering, against cdk8s\'s own', () => {
  /** A change between two syntheses, through the library or behind it. */
  type Change = (image: BuildImage, apiObject: ApiObject) => void;
  const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
  const change: fc.Arbitrary<Change> = fc.oneof(
    fc.constant<Change>(() => undefined),
    fc.tuple(name, name).map(([key, value]): Change => image => image.addEnv(key.toUpperCase(), kplus.EnvValue.fromValue(value))),
    name.map((repository): Change => image => image.addAdditionalTag(`registry.example.com/apps/${repository}`)),
    fc.tuple(name, name).map(([key, value]): Change => (_, apiObject) => apiObject.metadata.addLabel(key, value)),
    fc.tuple(name, name).map(([key, value]): Change => (_, apiObject) => apiObject.metadata.addAnnotation(key, value)),
    name.map((process): Change => (_, apiObject) => apiObject.addJsonPatch(JsonPatch.add('/spec/defaultProcess', process))),
  );

  test('GIVEN any sequence of changes between syntheses WHEN each synthesis writes THEN it writes what cdk8s renders at that moment', () => {
    fc.assert(fc.property(fc.array(change, { maxLength: 6 }), fc.boolean(), (changes, throughApp) => {
      // GIVEN
      const app = Testing.app();
      const { chart, image, apiObject } = plainImageChart(app);
      const written = () => throughApp ? app.synthYaml() && Testing.synth(chart)[0] : Testing.synth(chart)[0];
      written();

      for (const apply of changes) {
        // WHEN
        apply(image, apiObject);
        const manifest = written();

        // THEN: cdk8s's own rendering (ApiObject.prototype.toJson), made now
        expect(manifest).toEqual(ApiObject.prototype.toJson.call(apiObject));
      }
    }), { numRuns: 60 });
  });
});
