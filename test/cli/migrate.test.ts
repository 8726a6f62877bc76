import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { STEPS, TutorialChart } from '../../examples/tutorial/tutorial';
import { EXAMPLE_CHARTS } from '../../scripts/synth-examples';
import { migrate, migrateYaml } from '../../src/cli/migrate';
import { convertObjects } from '../../src/cli/migrate-convert';
import { run } from '../../src/cli/run';
import { sameQuantity } from '../../src/private/quantity';
import { validateKpackObject } from '../../src/private/validation';
import { seedStep, TO_V1ALPHA2 } from '../migrate-corpus';
import { FIXTURES, Manifest, objectKey } from '../util';

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
  expect(normalized(synthMigrated(code, name))).toEqual(normalized(objects));
  return code;
}


describe('cdk8s-kpack migrate', () => {
  test.each([1, 2, 3])('the v0.0.8 tutorial at step %i round-trips: YAML → code → the same YAML', step => {
    const code = roundTrip(seedStep(step), `seed${step}`);
    expect(code).toContain('new legacy.BuildImage(');
    expect(code).toContain('legacy.RegistryCredentials.dockerBasicAuth(');
  });

  test.each([1, 2, 3])('the v0.17 tutorial at step %i round-trips', step => {
    const objects = Testing.synth(new TutorialChart(Testing.app(), 'tutorial', { step: STEPS[step - 1], dockerHub: { username: 'making', password: 'changeme' } }));
    const code = roundTrip(objects, `tutorial${step}`);
    expect(code).toContain('RegistryCredentials.dockerConfigJson(');
    expect(code).toContain(".addGroup(BuildpackRef.id('paketo-buildpacks/go'))");
  });

  test.each(EXAMPLE_CHARTS.map(([name, create]) => [name, create] as const))('the %s example round-trips', (name, create) => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      roundTrip(Testing.synth(create(new App()) as Chart), name.replace(/-/g, ''));
    } finally {
      write.mockRestore();
    }
  });

  test('keeps fields it has no prop for, and objects that are not kpack\'s', () => {
    const objects: Manifest[] = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps' }, data: { a: 'b' } },
      {
        apiVersion: 'kpack.io/v1alpha2',
        kind: 'Image',
        metadata: { name: 'app', namespace: 'apps' },
        spec: { tag: 'registry.example.com/app', builder: { kind: 'ClusterBuilder', name: 'default' }, source: { git: { url: 'https://github.com/example/app', revision: 'main' } }, build: { env: [{ name: 'A', value: 'b' }], services: [{ apiVersion: 'example.com/v1', kind: 'Binding', name: 'db' }] } },
      },
    ];
    const code = roundTrip(objects, 'leftovers');
    expect(code).toContain("env: { A: kplus.EnvValue.fromValue('b') }");
    expect(code).toContain("JsonPatch.add('/spec/build/services', [{ apiVersion: 'example.com/v1', kind: 'Binding', name: 'db' }])");
    expect(code).toContain('// ConfigMap (v1) is not a kind cdk8s-kpack writes: kept as an ApiObject, as it is');
  });

  test('the command prints the chart, and reports a file it cannot read', () => {
    let out = '';
    let err = '';
    const output = { out: (t: string) => { out += t; }, err: (t: string) => { err += t; } };
    expect(run(['migrate', path.join(FIXTURES, 'tutorial', '01-cluster-builder.yml')], output)).toBe(0);
    expect(out).toContain("new legacy.ClusterBuilder(this, 'cluster-builder-default', { metadata: { name: 'default' }, image: 'gcr.io/paketo-buildpacks/builder:base' });");
    expect(run(['migrate', path.join(FIXTURES, 'missing.yml')], output)).toBe(1);
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
    expect(code).toContain('// converted from the kpack v0.0.8 ClusterBuilder default (build.pivotal.io/v1alpha1): the buildpacks of gcr.io/paketo-buildpacks/builder:base');
    expect(notes).toContain('Image hello-golang (kpack.io/v1alpha2): spec.serviceAccount written as spec.serviceAccountName');
    // and kpack v0.17's webhook accepts every kpack object
    expect(synthesized.filter(o => o.apiVersion === 'kpack.io/v1alpha2').map(o => [o.kind, validateKpackObject(o)])).toEqual(
      synthesized.filter(o => o.apiVersion === 'kpack.io/v1alpha2').map(o => [o.kind, []]));
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
    err = '';
    expect(run(['migrate', '--to', 'v1alpha3', files[0]], output)).toBe(2);
    expect(err).toContain('migrate: --to: unknown target "v1alpha3"');
  });

  test('malformed YAML is an error, not a stack trace', () => {
    expect(() => migrateYaml('a: [')).toThrow(/^document 1 is not valid YAML: /);
  });
});
