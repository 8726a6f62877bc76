import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { migrate } from '../../src/cli/migrate';
import { formatFieldErrors, validateKpackObject } from '../../src/private/validation';
import { asStored, expectedObjects, migrateUnits, unitYaml } from '../migrate-corpus';
import { Manifest } from '../util';
import { takeWarnings } from '../warnings';

const ROOT = path.join(__dirname, '..', '..');

function synthMigrated(code: string, name: string): Manifest[] {
  const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.migrated-'));
  try {
    const file = path.join(dir, `${name.replace(/[^A-Za-z0-9]/g, '')}.ts`);
    fs.writeFileSync(file, code);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MigratedChart } = require(file);
    return Testing.synth(new MigratedChart(Testing.app(), 'migrated'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A few units, one of each kind of input: `npm run test:migrate-corpus` migrates, compiles (strictly, in
 * one program) and round-trips all of them.
 */
const FEW = [
  'spring-petclinic-microservices', 'epinio', 'kpack-cli-test-image', 'kpack-samples-build', 'kpack-samples-image-from-git',
  'kpack-samples-image', 'kpack-docs-docs-buildpacks-1', 'kpack-docs-docs-tutorial-5', 'kpack-docs-samples-image_with_cache',
];
const UNITS = migrateUnits().filter(u => FEW.includes(u.name));

/** What synthesizing a unit's migrated chart warns (the YAML is kept as it is, so are its warnings). */
const WARNINGS: Record<string, string[]> = {
  'kpack-cli-test-image': [
    '[migrated/image-some-default-namespace-some-image] warning: spec.build.env some-key looks like a secret, and its value is written in plain text into the YAML: '
    + 'give the build the secret as a service binding instead (the `services` prop: a Secret, which the build reads as a file)',
    // The corpus' Images use the default service account, and no credential of theirs is for their registry.
    '[migrated/image-some-default-namespace-some-image] warning: the Image pushes to some-registry.io with the "default" service account, and no credentials in the app are for some-registry.io: spec.serviceAccountName',
    'hint: kpack pushes with the secrets of the Image\'s service account: give it a serviceAccount holding RegistryCredentials for the registry, or make sure the default one has them',
  ],
  'kpack-samples-image': [
    '[migrated/image-sample] warning: the Image pushes to registry.default.svc.cluster.local:5000 with the "default" service account, and no credentials in the app are for registry.default.svc.cluster.local:5000: spec.serviceAccount',
    'hint: kpack pushes with the secrets of the Image\'s service account: give it a serviceAccount holding RegistryCredentials for the registry, or make sure the default one has them',
  ],
  'kpack-samples-build': [
    '[migrated/build-sample] warning: revision main looks like a branch: a Build builds once, the commit the branch points to when its pod clones it: spec.source.git.revision',
    'hint: pin a commit sha for a build you can repeat, or use a BuildImage, which follows the branch and rebuilds on new commits',
  ],
};

describe('migrate: the corpus round-trips', () => {
  test.each(UNITS.filter(u => !u.rejectedByKpack && !u.failure).map(u => [u.name, u] as const))('%s', (_name, unit) => {
    const result = migrate(unitYaml(unit), { ...unit.options, importFrom: path.join(ROOT, 'src') });
    expect(asStored(synthMigrated(result.code, unit.name))).toEqual(asStored(expectedObjects(unit)));
    expect(takeWarnings()).toEqual(WARNINGS[unit.name] ?? []);
  });
});

describe('migrate: documentation templates kpack rejects', () => {
  test.each(UNITS.filter(u => u.rejectedByKpack && !u.failure).map(u => [u.name, u] as const))('%s fails at synth on the fields kpack rejects', (_name, unit) => {
    const result = migrate(unitYaml(unit), { ...unit.options, importFrom: path.join(ROOT, 'src') });
    const fields = unit.objects().flatMap(o => formatFieldErrors(validateKpackObject(o) ?? [])).map(m => m.split('\n')[0].replace(/^.*: /, ''));
    expect(fields.length).toBeGreaterThan(0);
    let message = '';
    try {
      synthMigrated(result.code, unit.name);
    } catch (e) {
      message = (e as Error).message;
    }
    for (const field of fields) {
      expect(message).toContain(field);
    }
  });
});

describe('migrate: units it refuses', () => {
  test.each(UNITS.filter(u => u.failure).map(u => [u.name, u] as const))('%s', (_name, unit) => {
    expect(() => migrate(unitYaml(unit), unit.options)).toThrow(unit.failure);
  });
});
