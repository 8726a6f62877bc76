/**
 * `npm run gotypes:generate`: writes `assets/kpack/go-types-<version>.json`, the Go types each kind of a
 * kpack version decodes into, from that version's oracle (`conformance/`, the `goTypes` op, which reads
 * them from kpack's own code by reflection). The conformance tests compare the files with the oracles.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { kpackVersions } from '../src/private/validation';

const ROOT = path.join(__dirname, '..');

/** The Go types of a kpack version as its oracle reports them, as the file holds them. */
export function goTypesFromOracle(version: string): string {
  const oracle = path.join(ROOT, 'conformance', 'bin', `kpack-oracle-v${version}`);
  const answer = JSON.parse(execFileSync(oracle, { input: '{"op":"goTypes"}\n', encoding: 'utf8' }));
  if (answer.goTypes === undefined) {
    throw new Error(`kpack-oracle-v${version}: ${answer.fault ?? 'no goTypes in the answer'}`);
  }
  return `${JSON.stringify(answer.goTypes, null, 1)}\n`;
}

export function goTypesFile(version: string): string {
  return path.join(ROOT, 'assets', 'kpack', `go-types-${version}.json`);
}

if (require.main === module) {
  // Every kpack version with rules decodes with its Go types.
  for (const version of kpackVersions()) {
    fs.writeFileSync(goTypesFile(version), goTypesFromOracle(version));
    process.stdout.write(`wrote ${path.relative(ROOT, goTypesFile(version))}\n`);
  }
}
