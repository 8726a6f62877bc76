/**
 * kpack's own admission code in the loop: the conformance program (conformance/, kpack's webhook code for one
 * kpack release) admits every kpack object before the API server gets it, since kpack's webhook does not run
 * on a server without pods.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Manifest, objectKey } from '../util';

const BIN = path.join(__dirname, '..', '..', 'conformance', 'bin');

/** The conformance program for `kpackVersion` (e.g. 0.17.2). */
export function oracleFor(kpackVersion: string): string {
  const file = path.join(BIN, `kpack-oracle-v${kpackVersion}`);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run \`conformance/build.sh\` first`);
  }
  return file;
}

/**
 * An object a kpack webhook validates: kpack.io, or build.pivotal.io for kpack v0.0.8 (whose webhook registers
 * its experimental.kpack.pivotal.io kinds under build.pivotal.io, so that nothing validates those).
 */
export function isKpackObject(object: Manifest): boolean {
  return typeof object.apiVersion === 'string' && (object.apiVersion.startsWith('kpack.io/') || object.apiVersion.startsWith('build.pivotal.io/'));
}

export interface Admission {
  readonly key: string;
  readonly allowed: boolean;
  /** kpack's message when it refuses, or the program's own fault. */
  readonly error?: string;
  readonly warnings: string[];
  /** The object as kpack's defaulting webhook leaves it, when it was decoded. */
  readonly object?: Manifest;
}

/**
 * Asks kpack's webhook code about creating each kpack object of `objects`, on a cluster that has a default
 * StorageClass (that cannot expand volumes) or none: kpack's webhook looks it up for an Image's cache volume.
 */
export function admit(kpackVersion: string, objects: Manifest[], defaultStorageClass: boolean): Admission[] {
  const kpackObjects = objects.filter(isKpackObject);
  if (kpackObjects.length === 0) {
    return [];
  }
  const input = kpackObjects.map((object, id) => JSON.stringify({ id, op: 'admit', object, defaultStorageClass })).join('\n') + '\n';
  const result = spawnSync(oracleFor(kpackVersion), [], { input, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(`the conformance program for kpack ${kpackVersion} failed (${result.status ?? result.signal}):\n${result.stderr}`);
  }
  const answers = new Map<number, Manifest>();
  for (const line of result.stdout.split('\n').filter(text => text.trim() !== '')) {
    const answer = JSON.parse(line) as Manifest;
    answers.set(answer.id as number, answer);
  }
  return kpackObjects.map((object, id) => {
    const answer = answers.get(id);
    const key = objectKey(object);
    if (!answer) {
      return { key, allowed: false, error: 'no answer from the conformance program', warnings: [] };
    }
    return {
      key,
      allowed: answer.allowed === true,
      error: answer.fault ?? answer.error,
      warnings: answer.warnings ?? [],
      object: answer.object,
    };
  });
}
