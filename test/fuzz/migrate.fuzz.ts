/**
 * Property: for hostile YAML (test/fuzz/hostile-yaml.ts), the chart `cdk8s-kpack migrate` writes
 * - imports only cdk8s, cdk8s-plus-27, constructs and the library, with fixed comments only;
 * - compiles with `tsc --strict` (all charts of a run as one program);
 * - run under Node's permission model (reads in the project only, no writes, no child processes), requires
 *   nothing but those modules, and either synthesizes exactly the objects of the file (compared after YAML
 *   parsing, numbers by Object.is) or fails with the library's validation error naming the construct.
 *
 * FUZZ_MIGRATE_RUNS inputs (default 300) from FUZZ_SEED (default 13); `npm run fuzz` runs it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import * as ts from 'typescript';
import { hostileYaml } from './hostile-yaml';
import { migrateYaml } from '../../src/cli/migrate';
import { ALLOWED_IMPORTS, sameObjects, staticProblems, typeCheck, yamlObjects } from '../cli/migrated-program';

const ROOT = path.join(__dirname, '..', '..');
const RUNS = Number(process.env.FUZZ_MIGRATE_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 13);
const LIBRARY = path.join(ROOT, 'src', 'index.ts');

jest.setTimeout(Math.max(120_000, RUNS * 2_000));

test(`migrate: ${RUNS} hostile YAML streams give charts that compile, run nothing, and synthesize the same objects`, () => {
  const inputs = fc.sample(hostileYaml, { seed: SEED, numRuns: RUNS });
  const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.migrated-fuzz-'));
  try {
    // WHEN
    const charts = inputs.map((input, i) => {
      const code = migrateYaml(input.text, { importFrom: LIBRARY.replace(/\.ts$/, '') });
      const file = path.join(dir, `chart${i}.ts`);
      fs.writeFileSync(file, code);
      return { ...input, code, file, js: file.replace(/\.ts$/, '.js') };
    });

    // THEN: nothing from the YAML reaches code, and every chart compiles strictly.
    const staticFailures = charts.flatMap(c => staticProblems(c.code, LIBRARY.replace(/\.ts$/, '')).map(p => `${path.basename(c.file)}: ${p}`));
    expect(staticFailures).toEqual([]);
    const diagnostics = typeCheck(charts.map(c => c.file));
    expect(diagnostics.slice(0, 10)).toEqual([]);

    // THEN: run under the permission model, they require only the imports and write back the objects.
    for (const c of charts) {
      const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };
      fs.writeFileSync(c.js, ts.transpileModule(c.code, { compilerOptions: options }).outputText);
    }
    const run = spawnSync(process.execPath, [
      '--experimental-permission', `--allow-fs-read=${ROOT}/*`, '--no-warnings',
      path.join(__dirname, 'run-migrated.js'), LIBRARY, ...charts.map(c => c.js),
    ], { encoding: 'utf8', maxBuffer: 2 ** 30, timeout: RUNS * 2_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const results = run.stdout.trim().split('\n').map(line => JSON.parse(line));
    expect(results).toHaveLength(charts.length);

    const typed = charts.filter(c => /new (?:legacy\.)?(?:ClusterStore|ClusterStack|ClusterLifecycle|ClusterBuildpack|Buildpack|ClusterBuilder|Builder|BuildImage|Build|kplus\.ServiceAccount)\(|RegistryCredentials\.\w+\(/.test(c.code)).length;
    let synthesized = 0;
    let rejected = 0;
    const failures: string[] = [];
    results.forEach((result, i) => {
      const { text, file } = charts[i];
      const name = path.basename(file);
      const unexpected = result.requires.filter((id: string) => !ALLOWED_IMPORTS.includes(id) && id !== LIBRARY.replace(/\.ts$/, ''));
      if (unexpected.length > 0) failures.push(`${name} required ${unexpected.join(', ')}`);
      if (result.error) {
        // The library's own validation (cdk8s "Validation failed", or a construct's Error naming its path).
        const libraryError = result.error.name === 'Error' && !result.error.code && /Validation failed|\[migrated\/|migrated\//.test(result.error.message);
        if (!libraryError) failures.push(`${name}: ${result.error.name} ${result.error.code ?? ''}: ${result.error.message.slice(0, 300)}\n${text}`);
        rejected++;
        return;
      }
      const expected = yamlObjects(text);
      if (!sameObjects(yamlObjects(result.exact), expected)) failures.push(`${name}: the chart's objects differ from the file's\n${text}\n${result.exact}`);
      else if (!sameObjects(yamlObjects(result.yaml), expected, false)) failures.push(`${name}: the synthesized YAML differs from the file's\n${text}\n${result.yaml}`);
      synthesized++;
    });
    process.stdout.write(`migrate fuzz (seed ${SEED}): ${charts.length} charts (${typed} with typed constructs), ${synthesized} synthesized the file's objects, ${rejected} rejected by the library's validation, ${failures.length} failures\n`);
    expect(failures.slice(0, 5)).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
