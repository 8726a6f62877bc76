import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** Synthesizes every example in a process of its own and returns each file's content. */
function synthInNewProcess(outdir: string): Map<string, string> {
  const listing = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/synth-examples.ts', outdir], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const files = listing.trim().split('\n');
  return new Map(files.map(file => [path.relative(outdir, file), fs.readFileSync(file, 'utf8')]));
}

describe('determinism', () => {
  test('every example synthesizes to byte-identical YAML in two separate processes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'determinism-'));
    try {
      const first = synthInNewProcess(path.join(dir, 'a'));
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
