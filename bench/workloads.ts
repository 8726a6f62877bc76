/**
 * What `npm run bench` synthesizes: each workload once with the library and once as raw cdk8s
 * `ApiObject`s (the floor), built so that both give the same YAML, byte for byte.
 *
 * Only the package's public API (`../src`, i.e. `src/index.ts`) and the tutorial example are used.
 */
import { ApiObject, App, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import { LegacyTutorialChart, STEPS, TutorialChart } from '../examples/tutorial/tutorial';
import { BuildImage, ClusterBuilder, IBuilder, ImageCache, Kpack, KpackVersion, RegistryCredentials, Source } from '../src';

/** Builds the constructs of one workload in `app` and returns the synthesis to time. */
export type Build = (app: App) => () => string;

/** One workload, as the library writes it and as raw `ApiObject`s. */
export interface Workload {
  /** Row label. */
  readonly name: string;
  /** What the rows of this kind of workload are, without their N or version. */
  readonly kind: string;
  /** The `N` of the row, when it is one of the judged image counts (all in one chart). */
  readonly n?: number;
  /** Which synthesis is timed: `app.synthYaml()` or `Testing.synth(chart)`. */
  readonly synthPath: string;
  readonly library: Build;
  /** The raw floor; may need the library's output first (see `prepareRaw`). */
  readonly raw: Build;
  /**
   * The same objects from cdk8s-plus-27's ServiceAccount and Secret (which the library's API takes and
   * makes), the kpack objects as raw ApiObjects: what the library's own code adds, apart from cdk8s-plus.
   */
  readonly plus?: Build;
  /** Called once with the library's output before the raw floor runs. */
  readonly prepareRaw?: (libraryOutput: string) => void;
}

const NAMESPACE = 'builds';
const REGISTRY = 'registry.example.com';
const KPACK_API_VERSION = 'kpack.io/v1alpha2';

/** The `i`-th service of a platform team: `svc-00042`. */
export function serviceName(i: number): string {
  return `svc-${String(i).padStart(5, '0')}`;
}

/** The dockerconfigjson of one service's push credentials, as `kubectl create secret docker-registry` writes it. */
export function dockerConfig(i: number) {
  const username = `${serviceName(i)}-push`;
  const password = `token-${i}`;
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  return { auths: { [REGISTRY]: { username, password, auth } } };
}

/** The kpack Image of one service, as plain JSON. */
function imageObject(i: number) {
  const name = serviceName(i);
  return {
    apiVersion: KPACK_API_VERSION,
    kind: 'Image',
    metadata: { name },
    spec: {
      tag: `${REGISTRY}/apps/${name}`,
      builder: { kind: 'ClusterBuilder', name: 'default' },
      serviceAccountName: name,
      source: { git: { url: `https://git.example.com/apps/${name}.git`, revision: 'main' } },
      cache: { volume: { size: '2Gi' } },
    },
  };
}

/** Where the services' objects go: all in one chart, or each service in a chart of its own. */
export type Layout = 'one chart' | 'a chart each';

/** The chart of service `i` in `app`, created on first use. */
function chartOf(app: App, layout: Layout, i: number): Chart {
  const id = layout === 'one chart' ? 'builds' : serviceName(i);
  return app.node.tryFindChild(id) as Chart | undefined ?? new Chart(app, id, { namespace: NAMESPACE });
}

/** What every service of both workloads has: the chart's ClusterBuilder reference, and a ServiceAccount with push credentials. */
function serviceBase(app: App, layout: Layout, i: number) {
  const chart = chartOf(app, layout, i);
  const builder = chart.node.tryFindChild('builder') as IBuilder | undefined
    ?? ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default');
  const name = serviceName(i);
  const serviceAccount = new kplus.ServiceAccount(chart, `${name}-sa`, { metadata: { name } });
  RegistryCredentials.dockerConfigJson(chart, `${name}-registry`, {
    metadata: { name: `${name}-registry` }, registry: REGISTRY, username: `${name}-push`, password: `token-${i}`,
  }).addTo(serviceAccount);
  return { chart, builder, name, serviceAccount };
}

/**
 * N services, each with a BuildImage that references the team's ClusterBuilder, its own ServiceAccount
 * and dockerconfigjson registry credentials, a git source and a volume cache.
 */
export function images(n: number, layout: Layout = 'one chart'): Workload {
  return {
    name: `${n.toLocaleString('en-US')} BuildImages${layout === 'one chart' ? '' : `, ${layout}`}`,
    kind: 'BuildImages',
    n: layout === 'one chart' ? n : undefined,
    synthPath: 'app.synthYaml()',
    library: app => {
      for (let i = 0; i < n; i++) {
        const { chart, builder, name, serviceAccount } = serviceBase(app, layout, i);
        new BuildImage(chart, name, {
          metadata: { name },
          tag: `${REGISTRY}/apps/${name}`,
          builder,
          serviceAccount,
          source: Source.git(`https://git.example.com/apps/${name}.git`, { revision: 'main' }),
          cache: ImageCache.volume(Size.gibibytes(2)),
        });
      }
      return () => app.synthYaml();
    },
    raw: app => {
      for (let i = 0; i < n; i++) {
        const chart = chartOf(app, layout, i);
        const name = serviceName(i);
        const secretName = `${name}-registry`;
        new ApiObject(chart, `${name}-sa`, {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name },
          automountServiceAccountToken: false,
          imagePullSecrets: [{ name: secretName }],
          secrets: [{ name: secretName }],
        });
        new ApiObject(chart, secretName, {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: secretName },
          immutable: false,
          stringData: { '.dockerconfigjson': JSON.stringify(dockerConfig(i)) },
          type: 'kubernetes.io/dockerconfigjson',
        });
        new ApiObject(chart, name, imageObject(i));
      }
      return () => app.synthYaml();
    },
    plus: app => {
      for (let i = 0; i < n; i++) {
        const chart = chartOf(app, layout, i);
        const name = serviceName(i);
        const serviceAccount = new kplus.ServiceAccount(chart, `${name}-sa`, { metadata: { name } });
        const secret = new kplus.DockerConfigSecret(chart, `${name}-registry`, { metadata: { name: `${name}-registry` }, data: dockerConfig(i) });
        serviceAccount.addSecret(secret);
        ApiObject.of(serviceAccount).addJsonPatch(JsonPatch.add('/imagePullSecrets', [{ name: secret.name }]));
        new ApiObject(chart, name, imageObject(i));
      }
      return () => app.synthYaml();
    },
  };
}

/**
 * The service of a platform team (the workload of the design review): a cdk8s-plus ServiceAccount with two
 * credentials added (registry and git), and a BuildImage with an additional tag, an env var, resources and a
 * node selector. The floors: `raw` replays the library's own output as ApiObjects in the same charts;
 * `plus` keeps the user's cdk8s-plus ServiceAccount and Secrets and writes only the kpack Image as a raw
 * ApiObject (the Image replayed from the library's output).
 */
export function services(n: number, layout: Layout = 'one chart'): Workload {
  let byService: any[][] = [];
  const index = (object: any) => Number(/^svc-(\d+)/.exec(object.metadata.name)![1]);
  return {
    name: `${n.toLocaleString('en-US')} services${layout === 'one chart' ? '' : `, ${layout}`}`,
    kind: 'services',
    synthPath: 'app.synthYaml()',
    library: app => {
      for (let i = 0; i < n; i++) {
        const { chart, builder, name, serviceAccount } = serviceBase(app, layout, i);
        RegistryCredentials.gitBasicAuth(chart, `${name}-git`, {
          metadata: { name: `${name}-git` }, gitServer: 'https://git.example.com', username: `${name}-read`, password: `git-${i}`,
        }).addTo(serviceAccount);
        new BuildImage(chart, name, {
          metadata: { name },
          tag: `${REGISTRY}/apps/${name}`,
          additionalTags: [`${REGISTRY}/mirror/${name}`],
          builder,
          serviceAccount,
          source: Source.git(`https://git.example.com/apps/${name}.git`, { revision: 'main' }),
          cache: ImageCache.volume(Size.gibibytes(2)),
          env: { BP_GO_TARGETS: kplus.EnvValue.fromValue('./cmd/server') },
          resources: { cpu: { request: kplus.Cpu.millis(500) }, memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) } },
          nodeSelector: { 'node.example.com/pool': 'builds' },
        });
      }
      return () => app.synthYaml();
    },
    raw: app => {
      for (let i = 0; i < n; i++) {
        const chart = chartOf(app, layout, i);
        byService[i].forEach((object, j) => new ApiObject(chart, `${serviceName(i)}-${j}`, object));
      }
      return () => app.synthYaml();
    },
    plus: app => {
      for (let i = 0; i < n; i++) {
        const chart = chartOf(app, layout, i);
        const name = serviceName(i);
        const serviceAccount = new kplus.ServiceAccount(chart, `${name}-sa`, { metadata: { name } });
        const registry = new kplus.DockerConfigSecret(chart, `${name}-registry`, { metadata: { name: `${name}-registry` }, data: dockerConfig(i) });
        const git = new kplus.BasicAuthSecret(chart, `${name}-git`, { metadata: { name: `${name}-git` }, username: `${name}-read`, password: `git-${i}` });
        git.metadata.addAnnotation('kpack.io/git', 'https://git.example.com');
        serviceAccount.addSecret(registry);
        serviceAccount.addSecret(git);
        ApiObject.of(serviceAccount).addJsonPatch(JsonPatch.add('/imagePullSecrets', [{ name: registry.name }]));
        new ApiObject(chart, name, byService[i].find(object => object.kind === 'Image'));
      }
      return () => app.synthYaml();
    },
    prepareRaw: output => {
      byService = Array.from({ length: n }, () => []);
      // Plain objects, as a user's literals are.
      for (const object of parseAllDocuments(output).map(document => document.toJS())) {
        byService[index(object)].push(object);
      }
    },
  };
}

/**
 * A chart with only the kpack install of one version. The floor replays the library's own output as
 * plain `ApiObject`s (the same objects, without the library's construct tree, patches and checks).
 */
export function install(version: KpackVersion): Workload {
  let objects: any[] = [];
  return {
    name: `Kpack install v${version.version}`,
    kind: 'Kpack install',
    synthPath: 'app.synthYaml()',
    library: app => {
      new Kpack(new Chart(app, 'kpack'), 'kpack', { version });
      return () => app.synthYaml();
    },
    raw: app => replay(new Chart(app, 'kpack'), objects, () => app.synthYaml()),
    prepareRaw: output => {
      objects = parseAllDocuments(output).map(document => deepFreeze(document.toJS()));
    },
  };
}

/** The tutorial's first step as one chart, synthesized with `Testing.synth`; the floor replays its output. */
export function tutorial(generation: 'v0.17' | 'v0.0.8'): Workload {
  const chartClass = generation === 'v0.17' ? TutorialChart : LegacyTutorialChart;
  let objects: any[] = [];
  return {
    name: `tutorial chart (${generation})`,
    kind: 'tutorial chart',
    synthPath: 'Testing.synth(chart)',
    library: app => {
      const chart = new chartClass(app, 'tutorial', { step: STEPS[0], dockerHub: { username: 'making', password: 'changeme' } });
      return () => JSON.stringify(Testing.synth(chart));
    },
    raw: app => {
      const chart = new Chart(app, 'tutorial');
      return replay(chart, objects, () => JSON.stringify(Testing.synth(chart)));
    },
    prepareRaw: output => {
      objects = JSON.parse(output);
    },
  };
}

/**
 * Adds `objects` to `chart` (a chart without a namespace: each object keeps its own) as raw ApiObjects.
 * The objects are shared between repetitions (a change to them would show in the output, which every sample
 * is compared with); the install's are frozen, as the library's parsed release manifests are.
 */
function replay(chart: Chart, objects: any[], synth: () => string): () => string {
  objects.forEach((object, i) => new ApiObject(chart, `o${i}`, object));
  return synth;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
