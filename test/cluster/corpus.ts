/**
 * The migrate corpus's output (`npm run test:migrate-corpus` writes dist/migrate-corpus/<unit>/) as the cluster
 * suite applies it: which units go to which server, and which are not applied, and why.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { Kpack, KpackCrds, KpackVersion } from '../../src';
import { migrate, MigrateError } from '../../src/cli/migrate';
import { migrateUnits, TO_V1ALPHA2, unitYaml } from '../migrate-corpus';
import { Manifest, readManifests } from '../util';

const ROOT = path.join(__dirname, '..', '..');
export const CORPUS_OUT = path.join(ROOT, 'dist', 'migrate-corpus');

/** The API groups of kpack v0.0.8, which Kubernetes 1.34 serves only from CRDs converted to apiextensions.k8s.io/v1. */
const LEGACY_GROUPS = ['build.pivotal.io', 'experimental.kpack.pivotal.io'];

export interface CorpusUnit {
  readonly name: string;
  /** migrated.k8s.yaml, when the unit has one. */
  readonly file?: string;
  /**
   * `current`: kpack.io/v1alpha2 and built-in kinds, applied on the current install's CRDs; `legacy`: kpack
   * v0.0.8's groups, applied on its CRDs converted to apiextensions.k8s.io/v1; `refused-by-kpack`: kept as
   * written although kpack's webhook refuses it (shown refused, not applied); `none`: no output, `reason` says why.
   */
  readonly target: 'current' | 'legacy' | 'refused-by-kpack' | 'none';
  readonly reason?: string;
}

class StaleCorpus extends Error {}

/**
 * Every unit of the corpus with its output. Fails, naming the command, when dist/migrate-corpus is missing or
 * was written from other inputs than the corpus has now.
 */
export function corpusUnits(): CorpusUnit[] {
  const rerun = 'run `npm run test:migrate-corpus` first (CI runs it right before this suite)';
  if (!fs.existsSync(CORPUS_OUT)) {
    throw new StaleCorpus(`${path.relative(ROOT, CORPUS_OUT)}/ is missing: ${rerun}`);
  }
  return migrateUnits().map(unit => {
    const dir = path.join(CORPUS_OUT, unit.name);
    const input = path.join(dir, 'input.yaml');
    if (!fs.existsSync(input) || fs.readFileSync(input, 'utf8') !== unitYaml(unit)) {
      throw new StaleCorpus(`${path.relative(ROOT, dir)}/ is missing or was written from another input: ${rerun}`);
    }
    const file = path.join(dir, 'migrated.k8s.yaml');
    const error = path.join(dir, 'error.txt');
    if (fs.existsSync(error)) {
      return { name: unit.name, target: 'none', reason: `migrate refuses it: ${fs.readFileSync(error, 'utf8').trim().split('\n')[0]}` };
    }
    if (!fs.existsSync(file)) {
      if (!unit.rejectedByKpack) {
        throw new StaleCorpus(`${path.relative(ROOT, dir)}/ has no migrated.k8s.yaml: ${rerun}`);
      }
      return { name: unit.name, target: 'none', reason: 'a documentation template kpack\'s webhook refuses (placeholders): its chart fails at synth as kpack would' };
    }
    if (unit.rejectedByKpack) {
      return { name: unit.name, file, target: 'refused-by-kpack' };
    }
    const legacy = readManifests(file).some(object => LEGACY_GROUPS.includes(String(object.apiVersion).split('/')[0]));
    return { name: unit.name, file, target: legacy ? 'legacy' : 'current' };
  });
}

export function isStaleCorpus(e: unknown): e is Error {
  return e instanceof StaleCorpus;
}

/**
 * kpack v0.0.8's CRDs (the library's install of it, `crds: KpackCrds.ONLY`) in the form Kubernetes ≥ 1.22 takes:
 * apiextensions.k8s.io/v1beta1 converted to v1 field by field as the API server converted stored v1beta1 CRDs
 * (`version` to `versions[]`, `JSONPath` to `jsonPath`, subresources and columns per version). v0.0.8's CRDs have
 * no schema and preserve unknown fields; v1 requires a structural schema, so each version gets the one that says
 * exactly that: an object whose fields are all kept. The server then checks no field of these kinds.
 */
export function legacyCrds(): Manifest[] {
  const app = new App();
  const chart = new Chart(app, 'kpack-0.0.8-crds');
  new Kpack(chart, 'kpack', { version: KpackVersion.V0_0_8, crds: KpackCrds.ONLY });
  return chart.toJson().filter(object => object.kind === 'CustomResourceDefinition').map(v1beta1ToV1);
}

function v1beta1ToV1(crd: Manifest): Manifest {
  if (crd.apiVersion !== 'apiextensions.k8s.io/v1beta1') {
    throw new Error(`${crd.metadata.name}: expected an apiextensions.k8s.io/v1beta1 CRD, got ${crd.apiVersion}`);
  }
  const { version, versions, validation, subresources, additionalPrinterColumns, preserveUnknownFields, ...spec } = crd.spec;
  if (validation !== undefined || preserveUnknownFields === false) {
    throw new Error(`${crd.metadata.name}: has a schema or prunes: the conversion here only knows schema-less CRDs`);
  }
  const names: Array<{ name: string; served: boolean; storage: boolean }> = versions ?? [{ name: version, served: true, storage: true }];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: crd.metadata,
    spec: {
      ...spec,
      versions: names.map(v => ({
        name: v.name,
        served: v.served,
        storage: v.storage,
        schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        ...(subresources ? { subresources } : {}),
        ...(additionalPrinterColumns ? {
          additionalPrinterColumns: additionalPrinterColumns.map(({ JSONPath, ...column }: Manifest) => ({ ...column, jsonPath: JSONPath })),
        } : {}),
      })),
    },
  };
}

/**
 * A legacy unit as `migrate --to v1alpha2` writes it (kpack v0.0.8 objects as kpack v0.17 ones), synthesized to
 * `<dir>/<unit>.k8s.yaml`; or the reason migrate refuses it. `dir` is inside the repository, where the chart's
 * imports (cdk8s, cdk8s-plus) resolve.
 */
export function toV1alpha2(unit: string, dir: string): { file?: string; reason?: string } {
  const input = fs.readFileSync(path.join(CORPUS_OUT, unit, 'input.yaml'), 'utf8');
  let code: string;
  try {
    code = migrate(input, { ...TO_V1ALPHA2, importFrom: path.join(ROOT, 'src') }).code;
  } catch (e) {
    if (e instanceof MigrateError) {
      return { reason: e.problems.join('; ') };
    }
    throw e;
  }
  fs.mkdirSync(dir, { recursive: true });
  const chartFile = path.join(dir, `${unit}.chart.ts`);
  fs.writeFileSync(chartFile, code);
  // The suite runs under ts-node: the generated chart is required as it is.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MigratedChart } = require(chartFile);
  const chart: Chart = new MigratedChart(new App(), 'migrated');
  const file = path.join(dir, `${unit}.k8s.yaml`);
  fs.writeFileSync(file, chart.toJson().map(object => stringify(object)).join('---\n'));
  return { file };
}
