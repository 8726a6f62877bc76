/**
 * The kpack tutorial ("Cloud Native Buildpacks Tutorial - 9. kpack"): build github.com/making/hello-golang
 * with kpack, rebuild it at a new revision, then on a smaller builder.
 *
 * Each step is data; one chart class per kpack generation turns a step into manifests:
 * - `LegacyTutorialChart`: kpack v0.0.8 (`build.pivotal.io/v1alpha1`), exactly the tutorial's YAML;
 * - `TutorialChart`: the same application on current kpack (v0.18, `kpack.io/v1alpha2`), in namespace `default`.
 *
 * Each generation's install is two files, its CRDs and the rest, applied in the order `applyCommands`
 * gives (`tutorialApplyCommands` lists them for the files written here).
 */
import * as path from 'path';
import { App, Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ApplyCommand, applyCommands } from './apply';
import {
  BuildImage, BuildpackRef, ClusterBuilder, ClusterStack, ClusterStore, ImageCache, Kpack, KpackCrds, KpackVersion,
  legacy, RegistryCredentials, Source,
} from '../../src';

/** What differs from one tutorial step to the next. */
export interface TutorialStep {
  /** The commit of github.com/making/hello-golang that the Image builds. */
  readonly revision: string;
  /** The Paketo flavour: the builder image on kpack v0.0.8, the stack on current kpack. */
  readonly flavor: 'base' | 'tiny';
}

const STEP_1: TutorialStep = { revision: '85071eb4aa95f20cc18555aca5e31e2aad874e46', flavor: 'base' };
const STEP_2: TutorialStep = { ...STEP_1, revision: '4bae4fb358ba5235ec8c8d9c001821a2017c70cb' };
const STEP_3: TutorialStep = { ...STEP_2, flavor: 'tiny' };

/** Step 1 builds the app; step 2 moves the source to a new commit; step 3 moves to the tiny flavour. */
export const STEPS: readonly TutorialStep[] = [STEP_1, STEP_2, STEP_3];

/** The Docker Hub account the tutorial pushes to. */
export interface DockerHubLogin {
  readonly username: string;
  readonly password: string;
}

export interface TutorialChartProps extends ChartProps {
  readonly step: TutorialStep;
  readonly dockerHub: DockerHubLogin;
}

const APP_REPOSITORY = 'https://github.com/making/hello-golang';

/** The tutorial on kpack v0.0.8: a prebuilt builder image, basic-auth registry credentials, a v1alpha1 Image. */
export class LegacyTutorialChart extends Chart {
  constructor(scope: Construct, id: string, props: TutorialChartProps) {
    super(scope, id, props);

    const builder = new legacy.ClusterBuilder(this, 'cluster-builder', {
      metadata: { name: 'default' },
      image: `gcr.io/paketo-buildpacks/builder:${props.step.flavor}`,
    });

    const credentials = legacy.RegistryCredentials.dockerBasicAuth(this, 'registry-credentials', {
      metadata: { name: 'tutorial-registry-credentials' },
      username: props.dockerHub.username,
      password: props.dockerHub.password,
    });
    // The tutorial's ServiceAccount leaves token automounting at the Kubernetes default.
    const serviceAccount = new kplus.ServiceAccount(this, 'service-account', {
      metadata: { name: 'tutorial-service-account' },
      automountToken: true,
    });
    credentials.addTo(serviceAccount);

    new legacy.BuildImage(this, 'hello-golang', {
      metadata: { name: 'hello-golang' },
      tag: `${props.dockerHub.username}/hello-golang`,
      serviceAccount,
      cacheSize: Size.gibibytes(1.5),
      builder,
      source: legacy.Source.git(APP_REPOSITORY, { revision: props.step.revision }),
    });
  }
}

/** The Paketo Jammy stacks current kpack builds on. */
const STACKS = {
  base: { stackId: 'io.buildpacks.stacks.jammy', buildImage: 'paketobuildpacks/build-jammy-base', runImage: 'paketobuildpacks/run-jammy-base' },
  tiny: { stackId: 'io.buildpacks.stacks.jammy.tiny', buildImage: 'paketobuildpacks/build-jammy-tiny', runImage: 'paketobuildpacks/run-jammy-tiny' },
};

/**
 * The tutorial on current kpack (v0.18): kpack builds the builder itself from a store, a stack and an order, and
 * the Docker Hub credentials are a dockerconfigjson secret.
 */
export class TutorialChart extends Chart {
  constructor(scope: Construct, id: string, props: TutorialChartProps) {
    super(scope, id, { namespace: 'default', ...props });

    const credentials = RegistryCredentials.dockerConfigJson(this, 'registry-credentials', {
      metadata: { name: 'tutorial-registry-credentials' },
      username: props.dockerHub.username,
      password: props.dockerHub.password,
    });
    const serviceAccount = new kplus.ServiceAccount(this, 'service-account', {
      metadata: { name: 'tutorial-service-account' },
      automountToken: true,
    });
    credentials.addTo(serviceAccount);

    const store = new ClusterStore(this, 'cluster-store', {
      metadata: { name: 'default' },
      sources: ['paketobuildpacks/go'],
    });
    const stack = new ClusterStack(this, 'cluster-stack', {
      metadata: { name: 'default' },
      ...STACKS[props.step.flavor],
    });
    const builder = new ClusterBuilder(this, 'cluster-builder', {
      metadata: { name: 'default' },
      tag: `${props.dockerHub.username}/builder`,
      stack,
      store,
      serviceAccount,
    });
    builder.addGroup(BuildpackRef.id('paketo-buildpacks/go'));

    new BuildImage(this, 'hello-golang', {
      metadata: { name: 'hello-golang' },
      tag: `${props.dockerHub.username}/hello-golang`,
      serviceAccount,
      cache: ImageCache.volume(Size.gibibytes(1.5)),
      builder,
      source: Source.git(APP_REPOSITORY, { revision: props.step.revision }),
    });
  }
}

/** One kpack generation of the tutorial: its install, its chart class, its output directory. */
interface Generation {
  readonly directory: string;
  readonly version: KpackVersion;
  readonly chart: new (scope: Construct, id: string, props: TutorialChartProps) => Chart;
}

export const GENERATIONS: readonly Generation[] = [
  { directory: 'v0.0.8', version: KpackVersion.V0_0_8, chart: LegacyTutorialChart },
  { directory: 'v0.18', version: KpackVersion.V0_18_0, chart: TutorialChart },
];

/** The chart names of one generation's output, in the order they are applied. */
const INSTALL_CRDS = 'kpack-crds';
const INSTALL = 'kpack';
const STEP_CHARTS = STEPS.map((_step, i) => `step-${i + 1}`);

/**
 * Synthesizes the install (its CRDs and the rest) and every step of both generations under `outdir`
 * (`<outdir>/v0.18/kpack-crds.k8s.yaml`, `kpack.k8s.yaml`, `step-1.k8s.yaml`, …) and returns the files written.
 */
export function synthTutorial(outdir: string, dockerHub: DockerHubLogin): string[] {
  const written: string[] = [];
  const synth = (app: App) => {
    app.synth();
    written.push(...app.charts.map(chart => path.join(app.outdir, `${chart.node.id}${app.outputFileExtension}`)));
  };
  for (const generation of GENERATIONS) {
    const directory = path.join(outdir, generation.directory);
    const install = new App({ outdir: directory });
    new Kpack(new Chart(install, INSTALL_CRDS), 'kpack', { version: generation.version, crds: KpackCrds.ONLY });
    new Kpack(new Chart(install, INSTALL), 'kpack', { version: generation.version, crds: KpackCrds.EXCLUDE });
    synth(install);
    // Each step is the next state of the same objects on one cluster (applied over the previous step), not
    // another part of one deployment: an App of its own, so its objects are not duplicates of the others'.
    STEPS.forEach((step, i) => {
      const app = new App({ outdir: directory });
      new generation.chart(app, STEP_CHARTS[i], { step, dockerHub });
      synth(app);
    });
  }
  return written;
}

/**
 * The commands that apply one generation's files, written by `synthTutorial(outdir, …)`, to a fresh
 * cluster: CRDs, wait, the install, wait for the webhook, then the steps (one at a time in the tutorial).
 */
export function tutorialApplyCommands(outdir: string, generation: Generation): ApplyCommand[] {
  const file = (chart: string) => path.join(outdir, generation.directory, `${chart}.k8s.yaml`);
  return applyCommands({
    crds: file(INSTALL_CRDS),
    install: file(INSTALL),
    namespace: 'kpack',
    charts: STEP_CHARTS.map(file),
  });
}
