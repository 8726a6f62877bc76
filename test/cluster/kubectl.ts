/**
 * Running kubectl (built from the same Kubernetes release as the server) against a test cluster: documented
 * command lines through bash, exactly as written, and the suite's own checks as argument lists.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { BIN_DIR, TestCluster } from './server';

export interface Result {
  readonly command: string;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Lines the server sent as warnings (kubectl prints them as `Warning: …` on stderr). */
export function serverWarnings(result: Result): string[] {
  return result.stderr.split('\n').filter(line => line.startsWith('Warning:'));
}

export class Kubectl {
  private readonly env: NodeJS.ProcessEnv;

  constructor(cluster: TestCluster) {
    // Our kubectl first on PATH, so a documented `kubectl …` line runs the one built with the server. Its
    // discovery cache lives with the server: kubectl keys ~/.kube/cache by host and port and trusts it for six
    // hours, so an earlier server on the same loopback port would map kinds this fresh server does not serve.
    this.env = {
      ...process.env,
      PATH: `${BIN_DIR}${path.delimiter}${process.env.PATH}`,
      KUBECONFIG: cluster.kubeconfig,
      KUBECACHEDIR: path.join(cluster.dir, 'kube-cache'),
    };
  }

  /** Runs a documented command line literally (bash -c), in `cwd`, and echoes it with its outcome. */
  shell(line: string, cwd: string): Result {
    const outcome = spawnSync('bash', ['-c', line], { cwd, env: this.env, encoding: 'utf8', timeout: 120_000 });
    if (outcome.error) {
      throw outcome.error;
    }
    const result = { command: line, status: outcome.status ?? 1, stdout: outcome.stdout ?? '', stderr: outcome.stderr ?? '' };
    console.log(`  $ ${line}   → exit ${result.status}`);
    return result;
  }

  /** Runs kubectl with `args` (and `input` on stdin). */
  run(args: string[], input?: string): Result {
    const outcome = spawnSync(path.join(BIN_DIR, 'kubectl'), args, { env: this.env, input, encoding: 'utf8', timeout: 120_000 });
    return { command: `kubectl ${args.join(' ')}`, status: outcome.status ?? 1, stdout: outcome.stdout ?? '', stderr: outcome.stderr ?? '' };
  }

  /** Like `run`, but fails with kubectl's output unless it exits 0. */
  ok(args: string[], input?: string): Result {
    const result = this.run(args, input);
    if (result.status !== 0) {
      throw new Error(`\`${result.command}\` failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
    }
    return result;
  }
}
