import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { sameObjects, staticProblems, yamlObjects } from './migrated-program';
import { STEPS, TutorialChart } from '../../examples/tutorial/tutorial';
import { EXAMPLE_CHARTS } from '../../scripts/synth-examples';
import { migrate, migrateYaml } from '../../src/cli/migrate';
import { convertObjects } from '../../src/cli/migrate-convert';
import { run } from '../../src/cli/run';
import { sameQuantity } from '../../src/private/quantity';
import { validateKpackObject } from '../../src/private/validation';
import { asStored, seedStep, TO_V1ALPHA2 } from '../migrate-corpus';
import { FIXTURES, Manifest, objectKey } from '../util';
import { caCertificatesWarning, literalCredentialsWarning, takeWarnings } from '../warnings';

const ROOT = path.join(__dirname, '..', '..');

/** Writes the generated chart next to the tests, loads it, and synthesizes it. */
function synthMigrated(code: string, name: string): Manifest[] {
  const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.migrated-'));
  try {
    const file = path.join(dir, `${name}.ts`);
    fs.writeFileSync(file, code);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MigratedChart } = require(file);
    return Testing.synth(new MigratedChart(Testing.app(), 'migrated'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Objects compare as the API server would store them: API defaults absent, quantities by value. */
function normalized(objects: Manifest[]): Manifest[] {
  return objects.map(o => {
    const copy = JSON.parse(JSON.stringify(o));
    if (copy.kind === 'Secret' && copy.immutable === false) delete copy.immutable;
    if (copy.kind === 'ServiceAccount' && copy.automountServiceAccountToken === true) delete copy.automountServiceAccountToken;
    for (const holder of [copy.spec, copy.spec?.cache?.volume]) {
      for (const key of ['cacheSize', 'size']) {
        if (typeof holder?.[key] === 'string' && sameQuantity(holder[key], '1536Mi')) holder[key] = '1536Mi';
      }
    }
    return copy;
  }).sort((a, b) => (objectKey(a) < objectKey(b) ? -1 : 1));
}

function roundTrip(objects: Manifest[], name: string) {
  const code = migrateYaml(objects.map(o => stringify(o)).join('---\n'), { importFrom: path.join(ROOT, 'src') });
  expect(asStored(synthMigrated(code, name))).toEqual(asStored(objects));
  return code;
}


describe('cdk8s-kpack migrate', () => {
  test.each([1, 2, 3])('the v0.0.8 tutorial at step %i round-trips: YAML → code → the same YAML', step => {
    const code = roundTrip(seedStep(step), `seed${step}`);
    expect(code).toContain('new legacy.BuildImage(');
    expect(code).toContain('legacy.RegistryCredentials.dockerBasicAuth(');
    expect(takeWarnings()).toEqual([literalCredentialsWarning('migrated/secret-tutorial-registry-credentials', 'tutorial-registry-credentials', 'DOCKER_BASIC_AUTH',
      'legacy.RegistryCredentials')]);
  });

  test.each([1, 2, 3])('the v0.17 tutorial at step %i round-trips', step => {
    const objects = Testing.synth(new TutorialChart(Testing.app(), 'tutorial', { step: STEPS[step - 1], dockerHub: { username: 'making', password: 'changeme' } }));
    const code = roundTrip(objects, `tutorial${step}`);
    expect(code).toContain('RegistryCredentials.dockerConfigJson(');
    expect(code).toContain(".addGroup(BuildpackRef.id('paketo-buildpacks/go'))");
    expect(takeWarnings()).toEqual([
      literalCredentialsWarning('tutorial/registry-credentials', 'tutorial-registry-credentials', 'DOCKER_CONFIG_JSON'),
      literalCredentialsWarning('migrated/secret-default-tutorial-registry-credentials', 'tutorial-registry-credentials', 'DOCKER_CONFIG_JSON'),
    ]);
  });

  test.each(EXAMPLE_CHARTS.map(([name, create]) => [name, create] as const))('the %s example round-trips', (name, create) => {
    roundTrip(Testing.synth(create(new App()) as Chart), name.replace(/-/g, ''));
    // Only the example's own install warns (caCertificates); its migrated chart prints no warning.
    expect(takeWarnings()).toEqual(name === 'authenticated-mirror' ? [caCertificatesWarning('authenticated-mirror/kpack')] : []);
  });

  test('keeps fields it has no prop for, and objects that are not kpack\'s', () => {
    const objects: Manifest[] = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps' }, data: { a: 'b' } },
      {
        apiVersion: 'kpack.io/v1alpha2',
        kind: 'Image',
        metadata: { name: 'app', namespace: 'apps' },
        spec: { tag: 'registry.example.com/app', serviceAccountName: 'builds', builder: { kind: 'ClusterBuilder', name: 'default' }, source: { git: { url: 'https://github.com/example/app', revision: 'main' } }, build: { env: [{ name: 'A', value: 'b' }], services: [{ apiVersion: 'example.com/v1', kind: 'Binding', name: 'db' }] } },
      },
    ];
    const code = roundTrip(objects, 'leftovers');
    expect(code).toContain("env: { A: kplus.EnvValue.fromValue('b') }");
    expect(code).toContain("JsonPatch.add('/spec/build/services', [{ apiVersion: 'example.com/v1', kind: 'Binding', name: 'db' }])");
    expect(code).toContain("// Not an object cdk8s-kpack writes with a typed construct: kept as it is.\n    new ApiObject(this, 'config-map-apps-settings', ");
  });

  test('build settings are typed props, not JSON patches: env, resources, node selector, tolerations, timeout, creation time, services', () => {
    // GIVEN an Image and a Build with every build setting that has a typed prop
    const settings = {
      nodeSelector: { disktype: 'ssd' },
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'builds', effect: 'NoSchedule' },
        { key: 'spot', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
        { operator: 'Exists' },
      ],
      runtimeClassName: 'gvisor',
      schedulerName: 'batch',
      env: [{ name: 'BP_JVM_VERSION', value: '21' }, { name: 'weird-name', value: '' }],
      resources: { requests: { 'cpu': '500m', 'memory': '1Gi', 'ephemeral-storage': '2Gi' }, limits: { cpu: '2', memory: '1536Mi' } },
      creationTime: '1700000000',
      services: [{ apiVersion: 'v1', kind: 'Secret', name: 'settings-xml' }],
    };
    const objects: Manifest[] = [
      {
        apiVersion: 'kpack.io/v1alpha2',
        kind: 'Image',
        metadata: { name: 'app', namespace: 'apps' },
        spec: { tag: 'registry.example.com/app', serviceAccountName: 'builds', builder: { kind: 'ClusterBuilder', name: 'default' }, source: { git: { url: 'https://github.com/example/app', revision: 'main' } }, build: { ...settings, buildTimeout: 1800 } },
      },
      {
        apiVersion: 'kpack.io/v1alpha2',
        kind: 'Build',
        metadata: { name: 'once', namespace: 'apps' },
        spec: {
          tags: ['registry.example.com/app:once'],
          builder: { image: 'paketobuildpacks/builder-jammy-base', imagePullSecrets: [{ name: 'pull' }] },
          source: { git: { url: 'https://github.com/example/app', revision: '4bae4fb358ba5235ec8c8d9c001821a2017c70cb' } },
          cache: { volume: { persistentVolumeClaimName: 'build-cache' } },
          runImage: { image: 'paketobuildpacks/run-jammy-base' },
          lastBuild: { image: 'registry.example.com/app@sha256:' + 'a'.repeat(64), stackId: 'io.buildpacks.stacks.jammy' },
          defaultProcess: 'web',
          ...settings,
          creationTime: 'now',
          activeDeadlineSeconds: 600,
        },
      },
    ];
    // WHEN
    const code = roundTrip(objects, 'buildsettings');
    // THEN
    expect(code).not.toContain('JsonPatch');
    expect(code).toContain("tolerations: [kplus.NodeTaintQuery.is('dedicated', 'builds', { effect: kplus.TaintEffect.NO_SCHEDULE }), kplus.NodeTaintQuery.exists('spot', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(60) }), kplus.NodeTaintQuery.any()]");
    expect(code).toContain("env: { BP_JVM_VERSION: kplus.EnvValue.fromValue('21'), 'weird-name': kplus.EnvValue.fromValue('') }");
    expect(code).toContain('resources: { cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.units(2) }, memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1.5) }, ephemeralStorage: { request: Size.gibibytes(2) } }');
    expect(code).toContain('buildTimeout: Duration.seconds(1800), creationTime: CreationTime.fromEpochSeconds(1700000000)');
    expect(code).toContain('buildTimeout: Duration.seconds(600), creationTime: CreationTime.NOW');
    expect(code).toContain('services: [settingsXmlSecret]');
    expect(code).toContain('cache: BuildCache.persistentVolumeClaim(buildCachePersistentVolumeClaim)');
  });

  test('an object kpack cannot decode is kept as it is, and the note says kpack\'s error', () => {
    // GIVEN an Image whose revision YAML reads as a number
    const input = stringify({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Image',
      metadata: { name: 'app' },
      spec: { tag: 'registry.example.com/app', builder: { kind: 'ClusterBuilder', name: 'default' }, source: { git: { url: 'https://github.com/example/app', revision: 1234567 } } },
    });
    // WHEN
    const { code, notes } = migrate(input, { importFrom: path.join(ROOT, 'src') });
    // THEN
    expect(code).toContain("// Not an object cdk8s-kpack writes with a typed construct: kept as it is.\n    new ApiObject(this, 'image-app', ");
    expect(notes).toEqual(['Image app (kpack.io/v1alpha2): kpack cannot decode it (cannot decode incoming new object: json: cannot unmarshal number into Go struct field Git.spec.source.git.revision of type string; ' +
      'the value of spec.source.git.revision does not decode): kept as an ApiObject, as it is; fix the value and migrate it again for a typed construct']);
  });

  test('the command prints the chart, and reports a file it cannot read', () => {
    let out = '';
    let err = '';
    const output = { out: (t: string) => { out += t; }, err: (t: string) => { err += t; } };
    expect(run(['migrate', path.join(FIXTURES, 'tutorial', '01-cluster-builder.yml')], output)).toBe(0);
    expect(out).toContain("new legacy.ClusterBuilder(this, 'cluster-builder-default', { metadata: { name: 'default' }, image: 'gcr.io/paketo-buildpacks/builder:base' });");
    expect(run(['migrate', path.join(FIXTURES, 'missing.yml')], output)).toBe(2);
    expect(err).toContain('missing.yml: cannot read the file: ENOENT');
    expect(run(['migrate'], output)).toBe(2);
  });

  test('--to v1alpha2 writes the v0.0.8 tutorial as kpack v0.17 objects that kpack accepts', () => {
    // GIVEN the kpack v0.0.8 tutorial
    const input = seedStep(1).map(o => stringify(o)).join('---\n');
    // WHEN
    const { code, notes } = migrate(input, { ...TO_V1ALPHA2, importFrom: path.join(ROOT, 'src') });
    const synthesized = synthMigrated(code, 'tov1alpha2');
    // THEN the chart writes the converted objects, with the constructs of kpack v0.17
    expect(normalized(synthesized)).toEqual(normalized(convertObjects(seedStep(1), TO_V1ALPHA2).objects.map(o => o.object)));
    expect(code).not.toContain('legacy');
    expect(code).toContain('RegistryCredentials.dockerBasicAuth(');
    expect(code).toMatch(/new ClusterBuilder\(this, 'cluster-builder-default', \{ metadata: \{ name: 'default' \}, tag: 'registry.example.com\/builders\/default', stack: defaultClusterStack, store: defaultClusterStore, serviceAccount: builderPusherServiceAccount \}\);/);
    expect(code).toContain('// Converted from a kpack v0.0.8 builder image: a store with the buildpacks of the image.');
    expect(notes).toContain('Image hello-golang (kpack.io/v1alpha2): spec.serviceAccount written as spec.serviceAccountName');
    expect(notes).toContain('ClusterStore default (kpack.io/v1alpha2): converted from the kpack v0.0.8 ClusterBuilder default (build.pivotal.io/v1alpha1): the buildpacks of gcr.io/paketo-buildpacks/builder:base');
    // and kpack v0.17's webhook accepts every kpack object
    expect(synthesized.filter(o => o.apiVersion === 'kpack.io/v1alpha2').map(o => [o.kind, validateKpackObject(o)])).toEqual(
      synthesized.filter(o => o.apiVersion === 'kpack.io/v1alpha2').map(o => [o.kind, []]));
    expect(takeWarnings()).toEqual([literalCredentialsWarning('migrated/secret-tutorial-registry-credentials', 'tutorial-registry-credentials', 'DOCKER_BASIC_AUTH')]);
  });

  test('the command reads several files as one chart, lists its notes on stderr, and refuses what it cannot map', () => {
    let out = '';
    let err = '';
    const output = { out: (t: string) => { out += t; }, err: (t: string) => { err += t; } };
    const dir = path.join(FIXTURES, 'migrate-corpus', 'spring-petclinic-microservices', 'kpack');
    const files = fs.readdirSync(dir).sort().map(f => path.join(dir, f));
    expect(run(['migrate', ...files], output)).toBe(0);
    // one ClusterBuilder and one reference to the service account for the five Images
    expect(out.match(/new ClusterBuilder\(/g)).toHaveLength(1);
    expect(out.match(/fromServiceAccountName\(this, 'ref-service-account-petclinic-gcr-registry-service-account'/g)).toHaveLength(1);
    expect(out.match(/builder: defaultBuilderClusterBuilder, serviceAccount: gcrRegistryServiceAccountServiceAccount3/g)).toHaveLength(5);
    expect(err).toContain('note: ClusterBuilder default-builder (kpack.io/v1alpha2): metadata.namespace "kpack" dropped: ClusterBuilder is cluster-scoped');

    err = '';
    expect(run(['migrate', path.join(FIXTURES, 'migrate-corpus', 'kpack', 'samples', 'builder.yaml')], output)).toBe(1);
    expect(err).toMatch(/builder.yaml: error: Builder sample-builder \(kpack.io\/v1alpha1\): spec.image: .*migrate with --to v1alpha2 to convert it\n$/);
    // text of the file reaches the terminal escaped (no control sequences)
    err = '';
    const hostile = path.join(ROOT, 'test', `.migrated-notes-${process.pid}.yaml`);
    fs.writeFileSync(hostile, 'apiVersion: kpack.io/v1alpha2\nkind: ClusterStore\nmetadata: { name: "s\\u001b[2J", namespace: x }\nspec: { sources: [{ image: a/b }] }\n');
    try {
      expect(run(['migrate', hostile], output)).toBe(0);
    } finally {
      fs.rmSync(hostile);
    }
    expect(err).toContain('note: ClusterStore s\\u001b[2J (kpack.io/v1alpha2): metadata.namespace "x" dropped');
    expect(err).not.toContain('\u001b');

    err = '';
    expect(run(['migrate', '--to', 'v1alpha3', files[0]], output)).toBe(2);
    expect(err).toContain('migrate: --to: unknown target "v1alpha3"');
  });

  test('malformed YAML is an error, not a stack trace', () => {
    expect(() => migrateYaml('a: [')).toThrow(/^document 1: not valid YAML \(line 1, column 5\): /);
  });
});

describe('cdk8s-kpack migrate with hostile YAML', () => {
  // Each fixture's generated chart is committed next to it (`<name>.chart.ts`), so the project's own
  // `tsc --strict` type-check compiles all of them as one program; the test checks they are still what
  // migrate writes. To regenerate them deliberately: MIGRATE_CHARTS_UPDATE=1 npx jest test/cli/migrate.test.ts
  const HOSTILE = path.join(FIXTURES, 'hostile', 'migrate');
  const LIBRARY = '../../../../src';
  const fixtures = fs.readdirSync(HOSTILE).filter(f => f.endsWith('.yaml')).sort();
  const chartFile = (fixture: string) => path.join(HOSTILE, fixture.replace(/\.yaml$/, '.chart.ts'));
  const input = (fixture: string) => fs.readFileSync(path.join(HOSTILE, fixture), 'utf8');

  afterAll(() => {
    delete (globalThis as any).pwned;
  });

  test.each(fixtures)('%s: the committed chart (type-checked with the project) is what migrate writes', fixture => {
    const code = migrateYaml(input(fixture), { importFrom: LIBRARY });
    if (process.env.MIGRATE_CHARTS_UPDATE) fs.writeFileSync(chartFile(fixture), code);
    expect(fs.readFileSync(chartFile(fixture), 'utf8')).toEqual(code);
  });

  test.each(fixtures)('%s: no text from the YAML reaches code, comments or imports', fixture => {
    expect(staticProblems(fs.readFileSync(chartFile(fixture), 'utf8'), LIBRARY)).toEqual([]);
  });

  test.each(fixtures)('%s: the chart synthesizes exactly the objects of the file and runs nothing else', fixture => {
    // GIVEN
    const pwned = '/tmp/cdk8s-kpack-pwned';
    fs.rmSync(pwned, { force: true });

    // WHEN
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MigratedChart } = require(chartFile(fixture));
    const app = new App();
    const chart: Chart = new MigratedChart(app, 'migrated');
    let output: string | undefined;
    try {
      output = app.synthYaml();
    } catch (e) {
      // Fields kpack does not know, carried over as JSON patches, fail the synth by name (the schema check),
      // and so do names the API server refuses (`hasOwnProperty`).
      expect((e as Error).message).toMatch(/^Validation failed with the following errors:\n {2}\[migrated\/[^\]]+\] (unknown field: |invalid value: \S+: metadata\.name\n)/);
    }

    // THEN
    expect((globalThis as any).pwned).toBeUndefined();
    expect(fs.existsSync(pwned)).toBe(false);
    expect(({} as any).polluted).toBeUndefined();
    const expected = yamlObjects(input(fixture));
    const written = output === undefined ? chart.node.findAll().filter(ApiObject.isApiObject).map(o => o.toJson()) : chart.toJson();
    expect(sameObjects(written, expected)).toBe(true);
    if (output !== undefined) {
      // cdk8s's YAML writer writes -0 as 0; everything else comes back exactly.
      expect(sameObjects(yamlObjects(output), expected, false)).toBe(true);
    }
    // Of the fixtures, only the one with a Secret of credentials warns.
    expect(takeWarnings()).toEqual(fixture === 'prototype-names.yaml' ? [
      '[migrated/secret-s] warning: gitServer (https://***@git.example.com) holds credentials in its URL, written in plain text into the annotation: '
      + 'put them in a Secret (RegistryCredentials) and give the URL without them',
      literalCredentialsWarning('migrated/secret-s', 's', 'GIT_BASIC_AUTH'),
    ] : []);
  });

  test('values keep their exact value: -0, null, empty values, CR, U+2028, lone surrogates, __proto__ keys', () => {
    const values = fs.readFileSync(chartFile('values.yaml'), 'utf8');
    expect(values).toContain('zero: -0');
    expect(values).toContain("['__proto__']: { polluted: true }");
    expect(values).toContain("a: '\\u000d'");
    expect(fs.readFileSync(chartFile('lone-surrogate.yaml'), 'utf8')).toContain("high: '\\ud800'");
    expect(fs.readFileSync(chartFile('unknown-kind-line-separator.yaml'), 'utf8')).toContain("kind: 'Gadget\\u2028(globalThis as any).pwned = 1;\\u2029//'");
  });

  test('reference kinds, blob auth and tagging strategies outside the known set keep the object as it is', () => {
    const code = fs.readFileSync(chartFile('reference-kinds.yaml'), 'utf8');
    expect(code).not.toContain('new ClusterBuilder(');
    expect(code).not.toContain('new BuildImage(');
    expect(code.match(/new ApiObject\(/g)).toHaveLength(2);
  });

  test('YAML over the limits is an error naming the document', () => {
    expect(() => migrateYaml('a: 1\n---\n' + '['.repeat(1000))).toThrow(/^document 2: nested deeper than 100 levels/);
    expect(() => migrateYaml('a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n', { limits: { maxDocuments: 10, maxDepth: 10, maxAliasCount: 10 } }))
      .toThrow(/^document 1: not valid YAML: Excessive alias count/);
    expect(() => migrateYaml('a: 1\nb: 2\na: 3\n')).toThrow('document 1: not valid YAML (line 3, column 1): map keys must be unique; "a" is repeated');
  });
});
