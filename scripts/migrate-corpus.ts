/**
 * `npm run test:migrate-corpus`: migrates every unit of `test/migrate-corpus.ts` (the vendored corpus of
 * hand-written kpack YAML, kpack's documentation, the kpack v0.0.8 tutorial, and this library's tutorial and
 * examples), type-checks all the generated charts in ONE TypeScript program with the compiler options of
 * `cdk8s init typescript-app` (strict, noUnusedLocals, noUnusedParameters, against the package's
 * declarations in lib/), then synthesizes each one and compares it with its input as the API server stores
 * it after kpack's defaulting.
 *
 * Writes dist/migrate-corpus/<unit>/{input.yaml, chart.ts, notes.txt, migrated.k8s.yaml}; exit code 1 when a
 * unit does not compile or does not round-trip. Needs lib/ (`npx projen compile`, which the build runs).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { CDK8S_INIT_TSCONFIG } from './cdk8s-init-tsconfig';
import { migrate, MigrateError } from '../src/cli/migrate';
import { formatFieldErrors, validateKpackObject } from '../src/private/validation';
import { asStored, expectedObjects, migrateUnits, quietly, unitYaml } from '../test/migrate-corpus';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'migrate-corpus');

/**
 * The compiler options of `cdk8s init typescript-app`; no declarations next to the charts, and only Node's
 * types (the charts sit under dist/, where the types of every devDependency would be found).
 */
const APP_COMPILER_OPTIONS = { ...CDK8S_INIT_TSCONFIG.compilerOptions, declaration: false, types: ['node'] };

function main(): number {
  const started = Date.now();
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.d.ts'))) {
    console.error('lib/index.d.ts is missing: run `npx projen compile` first (the charts compile against the package\'s declarations)');
    return 2;
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  const units = migrateUnits();
  const problems: string[] = [];
  const charts: Array<{ unit: (typeof units)[number]; dir: string }> = [];
  for (const unit of units) {
    const dir = path.join(OUT, unit.name);
    fs.mkdirSync(dir, { recursive: true });
    const yaml = unitYaml(unit);
    fs.writeFileSync(path.join(dir, 'input.yaml'), yaml);
    try {
      // The package's own module path, relative: the same declarations an app gets from `cdk8s-kpack`.
      const result = migrate(yaml, { ...unit.options, importFrom: path.relative(dir, path.join(ROOT, 'lib')) });
      if (unit.failure) {
        problems.push(`${unit.name}: migrated, but it should fail with ${unit.failure}`);
        continue;
      }
      fs.writeFileSync(path.join(dir, 'chart.ts'), result.code);
      fs.writeFileSync(path.join(dir, 'notes.txt'), result.notes.map(n => `${n}\n`).join(''));
      charts.push({ unit, dir });
    } catch (e) {
      const message = e instanceof MigrateError ? e.problems.join('\n') : (e as Error).message;
      fs.writeFileSync(path.join(dir, 'error.txt'), `${message}\n`);
      if (!unit.failure?.test(message)) {
        problems.push(`${unit.name}: migrate failed: ${message}`);
      }
    }
  }

  // One program for every chart: each file is a module of its own.
  const compileStarted = Date.now();
  fs.writeFileSync(path.join(OUT, 'tsconfig.json'), JSON.stringify({ compilerOptions: APP_COMPILER_OPTIONS, include: ['*/chart.ts'] }, undefined, 2));
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(OUT, 'tsconfig.json')], { stdio: 'pipe' });
  } catch (e) {
    const output = String((e as { stdout?: Buffer }).stdout ?? '') + String((e as { stderr?: Buffer }).stderr ?? '');
    console.error(output);
    console.error(`FAIL: the generated charts do not compile strictly (${charts.length} charts, ${seconds(compileStarted)})`);
    return 1;
  }
  console.log(`compiled ${charts.length} generated charts strictly in one program: ${seconds(compileStarted)}`);

  let roundTripped = 0;
  let rejected = 0;
  let keptUntyped = 0;
  for (const { unit, dir } of charts) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MigratedChart } = require(path.join(dir, 'chart.js'));
    const app = new App({ outdir: dir });
    const chart: Chart = new MigratedChart(app, 'migrated');
    let synthesized: Array<Record<string, any>>;
    try {
      synthesized = quietly(() => chart.toJson());
    } catch (e) {
      const message = (e as Error).message;
      if (unit.rejectedByKpack) {
        const fields = expectedObjects(unit).flatMap(o => formatFieldErrors(validateKpackObject(o) ?? [])).map(m => m.split('\n')[0].replace(/^.*: /, ''));
        const missing = fields.filter(f => !message.includes(f));
        if (missing.length === 0) {
          rejected++;
          continue;
        }
        problems.push(`${unit.name}: synth failed without naming ${missing.join(', ')}: ${message}`);
        continue;
      }
      problems.push(`${unit.name}: synth failed: ${message}`);
      continue;
    }
    fs.writeFileSync(path.join(dir, 'migrated.k8s.yaml'), synthesized.map(o => stringify(o)).join('---\n'));
    const same = isDeepStrictEqual(asStored(synthesized), asStored(expectedObjects(unit)));
    if (unit.rejectedByKpack) {
      // Kept as an untyped ApiObject (no construct checks it at synth): it must then be written as it is.
      if (same && !synthesized.some(o => ['kpack.io/v1alpha2', 'build.pivotal.io/v1alpha1'].includes(o.apiVersion) && typedKinds(dir).includes(o.kind))) {
        keptUntyped++;
      } else {
        problems.push(`${unit.name}: kpack rejects an object of it, but the migrated chart synthesized it${same ? '' : ' changed'}`);
      }
    } else if (!same) {
      fs.writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(asStored(expectedObjects(unit)), undefined, 2));
      fs.writeFileSync(path.join(dir, 'received.json'), JSON.stringify(asStored(synthesized), undefined, 2));
      problems.push(`${unit.name}: does not round-trip (see ${path.relative(ROOT, dir)}/expected.json and received.json)`);
    } else {
      roundTripped++;
    }
  }
  const refused = units.filter(u => u.failure).length;
  console.log(`${units.length} units: ${roundTripped} round-trip, ${rejected} documentation templates fail at synth as kpack would`
    + ` (${keptUntyped} more are kept as untyped ApiObjects, written as they are), ${refused} refused by migrate as expected`);
  for (const problem of problems) {
    console.error(`FAIL ${problem}`);
  }
  console.log(`migrate corpus: ${seconds(started)} in all; output in ${path.relative(ROOT, OUT)}/`);
  return problems.length > 0 ? 1 : 0;
}

/** The kpack kinds a generated chart writes with typed constructs (`new ClusterBuilder(`, ...). */
function typedKinds(dir: string): string[] {
  const code = fs.readFileSync(path.join(dir, 'chart.ts'), 'utf8');
  return ['Image', 'Build', 'Builder', 'ClusterBuilder', 'ClusterStack', 'ClusterStore', 'Buildpack', 'ClusterBuildpack', 'ClusterLifecycle']
    .filter(kind => code.includes(`new ${kind === 'Image' ? 'BuildImage' : kind}(`) || code.includes(`new legacy.${kind === 'Image' ? 'BuildImage' : kind}(`));
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

process.exitCode = main();
