import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { ApplyCommand, shellLines } from '../examples/tutorial/apply';
import { dockerHubFromEnvironment, PLACEHOLDERS } from '../examples/tutorial/main';
import { GENERATIONS, LegacyTutorialChart, STEPS, synthTutorial, TutorialChart, tutorialApplyCommands, TutorialStep } from '../examples/tutorial/tutorial';
import { Kpack, KpackVersion } from '../src';
import { FIXTURES, findObject, Manifest, objectKey, readManifests } from './util';
import { legacyInstallWarning, literalCredentialsWarning, takeWarnings } from './warnings';
import { sameQuantity } from '../src/private/quantity';

// The comparison with the tutorial's manifests always uses the tutorial's placeholder account.
const DOCKER_HUB = PLACEHOLDERS;

/** The warning of the tutorial's Docker Hub secret, written into the YAML: basic auth on v0.0.8, dockerconfigjson on v0.18. */
function credentialsWarning(chartId: string, kind: 'DOCKER_BASIC_AUTH' | 'DOCKER_CONFIG_JSON'): string {
  // kpack v0.0.8's (basic-auth) credentials are legacy.RegistryCredentials, whose hint names that class.
  return literalCredentialsWarning(`${chartId}/registry-credentials`, 'tutorial-registry-credentials', kind,
    kind === 'DOCKER_BASIC_AUTH' ? 'legacy.RegistryCredentials' : 'RegistryCredentials');
}
const LEGACY_STEP_WARNING = credentialsWarning('tutorial', 'DOCKER_BASIC_AUTH');
const STEP_WARNING = credentialsWarning('tutorial', 'DOCKER_CONFIG_JSON');

/** What synthTutorial warns: the v0.0.8 install in its two charts, then each step's secret, v0.0.8 first. */
const SYNTH_TUTORIAL_WARNINGS = [
  legacyInstallWarning('kpack-crds/kpack'),
  legacyInstallWarning('kpack/kpack'),
  ...STEPS.map((_, i) => credentialsWarning(`step-${i + 1}`, 'DOCKER_BASIC_AUTH')),
  ...STEPS.map((_, i) => credentialsWarning(`step-${i + 1}`, 'DOCKER_CONFIG_JSON')),
];

function synthStep(chartClass: typeof TutorialChart | typeof LegacyTutorialChart, step: TutorialStep): Manifest[] {
  return Testing.synth(new chartClass(Testing.app(), 'tutorial', { step, dockerHub: DOCKER_HUB }));
}

/** The tutorial's manifests as they stand after each step (each `kubectl apply` replaces an object). */
function seedAfterStep(step: number): Manifest[] {
  const files = fs.readdirSync(path.join(FIXTURES, 'tutorial')).filter(f => f.endsWith('.yml')).sort();
  const state = new Map<string, Manifest>();
  const applied = { 1: files.slice(0, 4), 2: files.slice(0, 5), 3: files.slice(0, 6) }[step]!;
  for (const file of applied) {
    for (const object of readManifests(path.join(FIXTURES, 'tutorial', file))) {
      state.set(objectKey(object), object);
    }
  }
  return [...state.values()];
}

const QUANTITY_PATHS = [['spec', 'cacheSize'], ['spec', 'cache', 'volume', 'size']];

/**
 * Makes two manifests comparable the way the tutorial's comparison allows: fields written at their
 * Kubernetes API default count as absent, and quantities compare by value.
 */
function normalize(object: Manifest): Manifest {
  const copy = JSON.parse(JSON.stringify(object));
  if (copy.kind === 'Secret' && copy.immutable === false) {
    delete copy.immutable;
  }
  if (copy.kind === 'ServiceAccount' && copy.automountServiceAccountToken === true) {
    delete copy.automountServiceAccountToken;
  }
  for (const fieldPath of QUANTITY_PATHS) {
    const parent = fieldPath.slice(0, -1).reduce((o, key) => o?.[key], copy);
    const key = fieldPath[fieldPath.length - 1];
    if (parent && typeof parent[key] === 'string') {
      parent[key] = { quantity: parent[key] };
    }
  }
  return copy;
}

function expectSameObjects(actual: Manifest[], expected: Manifest[]) {
  const byKey = (objects: Manifest[]) => new Map(objects.map(o => [objectKey(o), normalize(o)]));
  const actualByKey = byKey(actual);
  const expectedByKey = byKey(expected);
  expect([...actualByKey.keys()].sort()).toEqual([...expectedByKey.keys()].sort());
  for (const [key, object] of expectedByKey) {
    expect(actualByKey.get(key)).toEqual(withEqualQuantities(object, actualByKey.get(key)!));
  }
}

/** Replaces `{quantity}` markers of `expected` by the actual ones when their values are equal. */
function withEqualQuantities(expected: Manifest, actual: Manifest): Manifest {
  const result = JSON.parse(JSON.stringify(expected));
  for (const fieldPath of QUANTITY_PATHS) {
    const key = fieldPath[fieldPath.length - 1];
    const want = fieldPath.slice(0, -1).reduce((o, k) => o?.[k], result);
    const got = fieldPath.slice(0, -1).reduce((o, k) => o?.[k], actual);
    if (want?.[key]?.quantity && got?.[key]?.quantity && sameQuantity(want[key].quantity, got[key].quantity)) {
      want[key] = got[key];
    }
  }
  return result;
}

/** The objects that differ between two lists of manifests (added, removed or changed). */
function changedObjects(before: Manifest[], after: Manifest[]): string[] {
  const a = new Map(before.map(o => [objectKey(o), JSON.stringify(o)]));
  const b = new Map(after.map(o => [objectKey(o), JSON.stringify(o)]));
  return [...new Set([...a.keys(), ...b.keys()])].filter(k => a.get(k) !== b.get(k));
}

describe('the tutorial on kpack v0.0.8', () => {
  test.each([1, 2, 3])('step %i synthesizes exactly the tutorial\'s manifests', step => {
    // WHEN
    const objects = synthStep(LegacyTutorialChart, STEPS[step - 1]);

    // THEN
    expect(objects).toHaveLength(4);
    expectSameObjects(objects, seedAfterStep(step));
    expect(takeWarnings()).toEqual([LEGACY_STEP_WARNING]);
  });

  test('keeps the ServiceAccount\'s token automounting at the Kubernetes default, as the tutorial does', () => {
    const account = findObject(synthStep(LegacyTutorialChart, STEPS[0]), 'ServiceAccount');
    expect(account.automountServiceAccountToken).not.toBe(false);
    expect(takeWarnings()).toEqual([LEGACY_STEP_WARNING]);
  });

  test('renders the cache size of Size.gibibytes(1.5) as 1.5Gi', () => {
    expect(findObject(synthStep(LegacyTutorialChart, STEPS[0]), 'Image').spec.cacheSize).toBe('1.5Gi');
    expect(takeWarnings()).toEqual([LEGACY_STEP_WARNING]);
  });
});

describe('the tutorial on kpack v0.18', () => {
  const objects = synthStep(TutorialChart, STEPS[0]);
  // Printed while jest collects the tests: taken now, asserted by the first test.
  const warnings = takeWarnings();

  test('builds the same app with a kpack-made builder, in namespace default', () => {
    expect(warnings).toEqual([STEP_WARNING]);
    expect(objects.map(o => `${o.kind}/${o.metadata.namespace ?? '-'}/${o.metadata.name}`)).toEqual([
      'Secret/default/tutorial-registry-credentials',
      'ServiceAccount/default/tutorial-service-account',
      'ClusterStore/-/default',
      'ClusterStack/-/default',
      'ClusterBuilder/-/default',
      'Image/default/hello-golang',
    ]);
    expect(findObject(objects, 'ClusterStore').spec).toEqual({ sources: [{ image: 'paketobuildpacks/go' }] });
    expect(findObject(objects, 'ClusterStack').spec).toEqual({
      id: 'io.buildpacks.stacks.jammy',
      buildImage: { image: 'paketobuildpacks/build-jammy-base' },
      runImage: { image: 'paketobuildpacks/run-jammy-base' },
    });
    expect(findObject(objects, 'ClusterBuilder').spec).toEqual({
      tag: 'making/builder',
      stack: { name: 'default', kind: 'ClusterStack' },
      store: { name: 'default', kind: 'ClusterStore' },
      order: [{ group: [{ id: 'paketo-buildpacks/go' }] }],
      serviceAccountRef: { name: 'tutorial-service-account', namespace: 'default' },
    });
  });

  test('puts the Docker Hub dockerconfigjson secret in the service account\'s secrets and imagePullSecrets', () => {
    const secret = findObject(objects, 'Secret');
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(JSON.parse(secret.stringData['.dockerconfigjson'])).toEqual({
      auths: {
        'https://index.docker.io/v1/': {
          username: 'making',
          password: 'changeme',
          auth: Buffer.from('making:changeme').toString('base64'),
        },
      },
    });
    const account = findObject(objects, 'ServiceAccount');
    expect(account.secrets).toEqual([{ name: 'tutorial-registry-credentials' }]);
    expect(account.imagePullSecrets).toEqual([{ name: 'tutorial-registry-credentials' }]);
  });

  test('writes the Image with v1alpha2 fields', () => {
    expect(findObject(objects, 'Image')).toEqual({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Image',
      metadata: { name: 'hello-golang', namespace: 'default' },
      spec: {
        tag: 'making/hello-golang',
        serviceAccountName: 'tutorial-service-account',
        builder: { kind: 'ClusterBuilder', name: 'default' },
        source: { git: { url: 'https://github.com/making/hello-golang', revision: '85071eb4aa95f20cc18555aca5e31e2aad874e46' } },
        cache: { volume: { size: '1.5Gi' } },
      },
    });
  });

  test('step 3 switches the stack to Jammy tiny', () => {
    expect(findObject(synthStep(TutorialChart, STEPS[2]), 'ClusterStack').spec).toEqual({
      id: 'io.buildpacks.stacks.jammy.tiny',
      buildImage: { image: 'paketobuildpacks/build-jammy-tiny' },
      runImage: { image: 'paketobuildpacks/run-jammy-tiny' },
    });
    expect(takeWarnings()).toEqual([STEP_WARNING]);
  });

  test.each([1, 2, 3])('step %i matches its snapshot', step => {
    expect(synthStep(TutorialChart, STEPS[step - 1])).toMatchSnapshot();
    expect(takeWarnings()).toEqual([STEP_WARNING]);
  });
});

describe('the tutorial steps', () => {
  test('each step changes one value of the previous one', () => {
    for (let i = 1; i < STEPS.length; i++) {
      const changed = (Object.keys(STEPS[i]) as Array<keyof TutorialStep>).filter(k => STEPS[i][k] !== STEPS[i - 1][k]);
      expect(changed).toHaveLength(1);
    }
  });

  test.each([
    ['v0.0.8', LegacyTutorialChart, ['Image//hello-golang', 'ClusterBuilder//default']],
    ['v0.18', TutorialChart, ['Image/default/hello-golang', 'ClusterStack//default']],
  ])('on %s, consecutive steps differ in exactly one object', (_generation, chartClass, expected) => {
    const steps = STEPS.map(step => synthStep(chartClass, step));
    expect(changedObjects(steps[0], steps[1])).toEqual([expected[0]]);
    expect(changedObjects(steps[1], steps[2])).toEqual([expected[1]]);
    expect(takeWarnings()).toEqual(STEPS.map(() => chartClass === LegacyTutorialChart ? LEGACY_STEP_WARNING : STEP_WARNING));
  });
});

describe('synthTutorial', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tutorial-'));
  });
  afterEach(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('writes the install and the three steps of each generation', () => {
    // WHEN
    const files = synthTutorial(outdir, DOCKER_HUB);

    // THEN
    const expected = ['v0.0.8', 'v0.18'].flatMap(generation =>
      ['kpack-crds', 'kpack', 'step-1', 'step-2', 'step-3'].map(name => path.join(outdir, generation, `${name}.k8s.yaml`)));
    expect(files).toEqual(expected);
    for (const file of expected) {
      expect(fs.existsSync(file)).toBe(true);
    }
    for (const generation of GENERATIONS) {
      // The two install files together are the release, in its order once the CRDs are moved first.
      const install = new Chart(new App(), 'kpack');
      new Kpack(install, 'kpack', { version: generation.version });
      const release = Testing.synth(install);
      const crds = readManifests(path.join(outdir, generation.directory, 'kpack-crds.k8s.yaml'));
      const rest = readManifests(path.join(outdir, generation.directory, 'kpack.k8s.yaml'));
      expect(crds).toEqual(release.filter(o => o.kind === 'CustomResourceDefinition'));
      expect(rest).toEqual(release.filter(o => o.kind !== 'CustomResourceDefinition'));
    }
    expectSameObjects(readManifests(path.join(outdir, 'v0.0.8', 'step-3.k8s.yaml')), seedAfterStep(3));
    expect(GENERATIONS.map(g => g.version)).toEqual([KpackVersion.V0_0_8, KpackVersion.V0_18_0]);
    expect(takeWarnings()).toEqual([...SYNTH_TUTORIAL_WARNINGS, legacyInstallWarning('kpack/kpack')]);
  });

  test('is deterministic: two runs write byte-identical files', () => {
    const first = synthTutorial(path.join(outdir, 'a'), DOCKER_HUB).map(f => fs.readFileSync(f, 'utf8'));
    const second = synthTutorial(path.join(outdir, 'b'), DOCKER_HUB).map(f => fs.readFileSync(f, 'utf8'));
    expect(second).toEqual(first);
    expect(takeWarnings()).toEqual([...SYNTH_TUTORIAL_WARNINGS, ...SYNTH_TUTORIAL_WARNINGS]);
  });
});

describe('dockerHubFromEnvironment', () => {
  test('uses DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD when both are set', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(dockerHubFromEnvironment({ DOCKERHUB_USERNAME: 'alice', DOCKERHUB_PASSWORD: 's3cret' })).toEqual({ username: 'alice', password: 's3cret' });
    expect(warn).not.toHaveBeenCalled();
  });

  test.each([
    [{}],
    [{ DOCKERHUB_USERNAME: 'alice' }],
    [{ DOCKERHUB_PASSWORD: 's3cret' }],
  ])('falls back to the placeholders, with a warning, when given %j', env => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(dockerHubFromEnvironment(env)).toEqual({ username: 'making', password: 'changeme' });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/not both set: using the placeholders "making" \/ "changeme"/));
    expect(warn.mock.calls[0][0]).not.toContain('s3cret');
  });
});

/**
 * A fresh cluster, as far as the order of objects matters: a custom resource needs its CRD established
 * (`kubectl apply` fails with "no matches for kind" otherwise), and a kpack object applied before kpack's
 * webhook runs is stored unvalidated and undefaulted (the webhook configurations have no rules until then).
 */
function applyToFreshCluster(commands: readonly ApplyCommand[]): { errors: string[]; unvalidated: string[] } {
  const errors: string[] = [];
  const unvalidated: string[] = [];
  const read = (file: string) => readManifests(file);
  const crdOf = (o: Manifest) => `${o.apiVersion.split('/')[0]}/${o.kind}`;
  const created = new Set<string>();
  const established = new Set<string>();
  const deployments = new Set<string>();
  let webhookRuns = false;
  for (const command of commands) {
    const name = command.file ? path.basename(command.file) : '';
    if (command.action === 'apply') {
      const objects = read(command.file!);
      // kubectl sends the objects of one file in order; a kind unknown to the API server fails that object.
      for (const object of objects) {
        if (object.kind === 'CustomResourceDefinition') {
          created.add(`${object.spec.group}/${object.spec.names.kind}`);
        } else if (object.apiVersion.includes('kpack')) {
          if (!established.has(crdOf(object))) {
            errors.push(`${name}: no matches for kind "${object.kind}" in version "${object.apiVersion}"`);
          } else if (!webhookRuns) {
            unvalidated.push(`${name}: ${object.kind}/${object.metadata.name}`);
          }
        } else if (object.kind === 'Deployment') {
          deployments.add(`${object.metadata.namespace}/${object.metadata.name}`);
        }
      }
    } else if (command.action === 'wait-crds') {
      for (const crd of read(command.file!)) {
        const key = `${crd.spec.group}/${crd.spec.names.kind}`;
        if (created.has(key)) {
          established.add(key);
        } else {
          errors.push(`${name}: kubectl wait: ${crd.metadata.name} not found`);
        }
      }
    } else {
      const namespace = command.argv[command.argv.indexOf('--namespace') + 1];
      const deployment = command.argv.find(arg => arg.startsWith('deployment/'))!.slice('deployment/'.length);
      if (deployments.has(`${namespace}/${deployment}`)) {
        webhookRuns = true;
      } else {
        errors.push(`kubectl rollout status: deployment ${namespace}/${deployment} not found`);
      }
    }
  }
  return { errors, unvalidated };
}

describe('the printed apply order, against the object order of a fresh cluster', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tutorial-apply-'));
    synthTutorial(outdir, DOCKER_HUB);
    expect(takeWarnings()).toEqual(SYNTH_TUTORIAL_WARNINGS);
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test.each(GENERATIONS.map(g => [g.directory, g]))('%s: every object finds its CRD, and the steps come after the webhook', (_directory, generation) => {
    // WHEN
    const commands = tutorialApplyCommands(outdir, generation);
    const { errors, unvalidated } = applyToFreshCluster(commands);

    // THEN
    expect(errors).toEqual([]);
    // Only the release's own default-lifecycle goes in with the install, as kpack ships it (v0.17 and later).
    expect(unvalidated).toEqual(generation.version === KpackVersion.V0_0_8 ? [] : ['kpack.k8s.yaml: ClusterLifecycle/default-lifecycle']);
    expect(commands.map(c => c.action)).toEqual(['apply', 'wait-crds', 'apply', 'wait-webhook', 'apply', 'apply', 'apply']);
  });

  test('the install in one file, as kpack publishes it, fails on a fresh cluster: the model is not lenient', () => {
    // GIVEN
    const whole = path.join(outdir, 'whole.k8s.yaml');
    fs.writeFileSync(whole, fs.readFileSync(path.join(__dirname, '..', 'assets', 'kpack', 'release-0.18.0.yaml')));

    // WHEN
    const { errors } = applyToFreshCluster([{ action: 'apply', file: whole, argv: ['kubectl', 'apply', '-f', whole], why: '' }]);

    // THEN: as kpack#1855 reports
    expect(errors).toEqual(['whole.k8s.yaml: no matches for kind "ClusterLifecycle" in version "kpack.io/v1alpha2"']);
  });

  test('steps applied before the webhook wait are reported as unvalidated', () => {
    const commands = tutorialApplyCommands(outdir, GENERATIONS[1]);
    const early = [...commands.slice(0, 3), commands[4], commands[3]];
    expect(applyToFreshCluster(early).unvalidated).toContain('step-1.k8s.yaml: Image/hello-golang');
  });

  test('prints each command once, with its reason above it', () => {
    const lines = shellLines(tutorialApplyCommands('dist/tutorial', GENERATIONS[1]));
    expect(lines).toEqual([
      '# the CRDs first',
      'kubectl apply -f dist/tutorial/v0.18/kpack-crds.k8s.yaml',
      '# until the API server serves their kinds',
      'kubectl wait --for condition=established --timeout=60s -f dist/tutorial/v0.18/kpack-crds.k8s.yaml',
      '# the rest of the install',
      'kubectl apply -f dist/tutorial/v0.18/kpack.k8s.yaml',
      '# kpack\'s webhook configurations have no rules until the webhook runs: objects applied before are neither validated nor defaulted',
      'kubectl rollout status deployment/kpack-webhook --namespace kpack --timeout=300s',
      '# then what uses kpack, in order',
      'kubectl apply -f dist/tutorial/v0.18/step-1.k8s.yaml',
      'kubectl apply -f dist/tutorial/v0.18/step-2.k8s.yaml',
      'kubectl apply -f dist/tutorial/v0.18/step-3.k8s.yaml',
    ]);
  });
});
