/**
 * The objects the conformance suite sends to kpack: the rule cases, every kpack object of the fixtures and
 * examples, and generated ones.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { kpackObjects, V1ALPHA1_TYPES, V1ALPHA2_TYPES } from './generators';
import { OracleVersion } from './kpack-oracle';
import { EXAMPLE_CHARTS } from '../../scripts/synth-examples';
import { KPACK_CASES, RULE_CASES } from '../rule-cases';
import { FIXTURES, Manifest } from '../util';

export interface Case {
  /** Where the object comes from, to find it again. */
  readonly source: string;
  readonly object: Manifest;
  readonly defaultStorageClass: boolean;
}

/** The kpack versions whose webhook serves an object's apiVersion. */
export function versionsFor(object: Manifest): OracleVersion[] {
  if (object.apiVersion === 'kpack.io/v1alpha2') {
    return ['v0.17.2', 'v0.18.0'];
  }
  return object.apiVersion === 'build.pivotal.io/v1alpha1' ? ['v0.0.8'] : [];
}

function kpackKind(object: unknown): object is Manifest {
  return object !== null && typeof object === 'object' && versionsFor(object as Manifest).length > 0;
}

export function ruleCases(): Case[] {
  // The library's rules are those of a cluster with a default StorageClass (kpack's own rule for a cache
  // without one depends on the cluster, which a file or a chart does not say).
  return [...RULE_CASES, ...KPACK_CASES].map(c => ({ source: `rule case ${c.rule}`, object: c.object, defaultStorageClass: true }));
}

/** The hostile fixtures are for validate's and migrate's limits (alias bombs, broken YAML), not kpack objects. */
const NOT_KPACK_FIXTURES = new Set([path.join(FIXTURES, 'hostile')]);

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (NOT_KPACK_FIXTURES.has(full)) {
      return [];
    }
    return entry.isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(entry.name) ? [full] : [];
  }).sort();
}

export function fixtureCases(): Case[] {
  return yamlFiles(FIXTURES).flatMap(file => parseAllDocuments(fs.readFileSync(file, 'utf8')).flatMap((document, i) => {
    const content = document.toJS();
    const objects: unknown[] = content?.kind === 'List' && Array.isArray(content.items) ? content.items : [content];
    return objects.filter(kpackKind).map(object => ({
      source: `${path.relative(path.join(FIXTURES, '..', '..'), file)} document ${i + 1}`,
      object,
      defaultStorageClass: true,
    }));
  }));
}

/**
 * Every kpack object of a chart, rendered without any check (no `node.validate()`), so that kpack sees
 * what the construct would write even when synth refuses it.
 */
export function renderWithoutChecks(chart: Chart): Manifest[] {
  return chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map(o => o.toJson()).filter(kpackKind);
}

/** What synth says of a chart: undefined, or the error text. */
export function synthError(chart: Chart): string | undefined {
  try {
    Testing.synth(chart);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export interface ChartCase {
  readonly source: string;
  readonly chart: () => Chart;
}

export function exampleCharts(): ChartCase[] {
  return EXAMPLE_CHARTS.map(([name, create]) => ({ source: `example ${name}`, chart: () => create(Testing.app()) }));
}

export function exampleCases(): Case[] {
  return exampleCharts().flatMap(({ source, chart }) => renderWithoutChecks(chart()).map(object => ({ source, object, defaultStorageClass: true })));
}

/** `count` generated objects: nine in ten of kpack.io/v1alpha2, one in ten of build.pivotal.io/v1alpha1. */
export function generatedCases(mined: string[], seed: number, count: number, offset = 0): Case[] {
  const legacy = Math.floor(count / 10);
  const sample = (types: string[], n: number, s: number) => (n > 0 ? fc.sample(kpackObjects(mined, types), { numRuns: n, seed: s }) : []);
  return [...sample(V1ALPHA2_TYPES, count - legacy, seed), ...sample(V1ALPHA1_TYPES, legacy, seed + 1)]
    .map((g, i) => ({ source: `generated #${offset + i} (seed ${seed})`, object: g.object, defaultStorageClass: g.defaultStorageClass }));
}

/** The fixed case set whose kpack verdicts are committed for `npm test` (test/conformance/kpack-verdicts.json). */
export const FIXTURE_SEED = 20261201;
export const FIXTURE_SAMPLE = 800;

export function fixedCases(mined: string[]): Case[] {
  return [...ruleCases(), ...fixtureCases(), ...exampleCases(), ...generatedCases(mined, FIXTURE_SEED, FIXTURE_SAMPLE)];
}
