import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { caCertificatesWarning, legacyInstallWarning, literalCredentialsWarning, takeWarnings } from './warnings';
import { synthExamples } from '../scripts/synth-examples';

const ROOT = path.join(__dirname, '..');

/** Each file's content, by its path relative to `outdir`. */
function read(outdir: string, files: string[]): Map<string, string> {
  return new Map(files.map(file => [path.relative(outdir, file), fs.readFileSync(file, 'utf8')]));
}

/** Synthesizes every example in a process of its own (ts-node, no jest) and returns each file's content. */
function synthInNewProcess(outdir: string): Map<string, string> {
  const listing = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/synth-examples.ts', outdir], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return read(outdir, listing.trim().split('\n'));
}

describe('determinism', () => {
  test('every example synthesizes to byte-identical YAML in two separate processes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'determinism-'));
    try {
      // This jest worker is one process, with a module registry of its own; a plain node process is the other.
      const first = read(path.join(dir, 'a'), synthExamples(path.join(dir, 'a')));
      expect(takeWarnings()).toEqual([
        legacyInstallWarning('kpack-crds/kpack'),
        legacyInstallWarning('kpack/kpack'),
        ...['DOCKER_BASIC_AUTH', 'DOCKER_CONFIG_JSON'].flatMap(kind => [1, 2, 3].map(step =>
          literalCredentialsWarning(`step-${step}/registry-credentials`, 'tutorial-registry-credentials', kind,
            kind === 'DOCKER_BASIC_AUTH' ? 'legacy.RegistryCredentials' : 'RegistryCredentials'))),
        caCertificatesWarning('authenticated-mirror/kpack'),
      ]);
      const second = synthInNewProcess(path.join(dir, 'b'));
      expect(first.size).toBe(18); // 8 example charts, and the tutorial: 2 generations × (2 install files + 3 steps)
      expect([...second.keys()]).toEqual([...first.keys()]);
      for (const [file, content] of first) {
        expect({ file, same: second.get(file) === content }).toEqual({ file, same: true });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
