/**
 * Client of the conformance oracles (conformance/<version>/, one Go program per kpack version): one process
 * per version, requests pipelined as JSON lines, answers read back in order.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';

export const ORACLE_VERSIONS = ['v0.17.2', 'v0.18.0', 'v0.0.8'] as const;
export type OracleVersion = typeof ORACLE_VERSIONS[number];

export const ORACLE_BIN = path.join(__dirname, '..', '..', 'conformance', 'bin');

/** kpack's answer for one object, as its webhooks give it on create. */
export interface AdmitVerdict {
  readonly allowed: boolean;
  /** `decode`: the webhook could not decode the object; `validate`: Validate rejected it. */
  readonly stage?: 'decode' | 'validate';
  /** FieldError.Error() (or the decoding error). */
  readonly error?: string;
  readonly warnings?: string[];
  /** The object after kpack's SetDefaults. */
  readonly object?: any;
}

/** go-containerregistry's answer for one reference. */
export interface NameVerdict {
  readonly ok: boolean;
  readonly error?: string;
  readonly name?: string;
  readonly context?: string;
  readonly registry?: string;
  readonly repository?: string;
  readonly identifier?: string;
}

export interface AdmitOptions {
  /** The cluster has a default StorageClass. @default false */
  readonly defaultStorageClass?: boolean;
}

export class KpackOracle {
  /** Starts the oracle of one kpack version; conformance/build.sh must have built it. */
  public static start(version: OracleVersion): KpackOracle {
    const bin = path.join(ORACLE_BIN, `kpack-oracle-${version}`);
    if (!fs.existsSync(bin)) {
      throw new Error(`${bin} is missing: run \`npm run conformance:build\``);
    }
    return new KpackOracle(version, spawn(bin, [], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  private readonly pending: Array<{ resolve: (v: any) => void; reject: (e: Error) => void }> = [];
  private stderr = '';
  private exited = false;

  private constructor(public readonly version: OracleVersion, private readonly child: ChildProcessWithoutNullStreams) {
    readline.createInterface({ input: child.stdout }).on('line', line => {
      const next = this.pending.shift();
      if (!next) {
        return;
      }
      const answer = JSON.parse(line);
      if (answer.fault) {
        next.reject(new Error(`kpack ${version} oracle: ${answer.fault}`));
      } else {
        next.resolve(answer);
      }
    });
    child.stderr.on('data', chunk => { this.stderr += String(chunk); });
    child.on('exit', code => {
      this.exited = true;
      for (const p of this.pending.splice(0)) {
        p.reject(new Error(`kpack ${version} oracle exited (${code}): ${this.stderr}`));
      }
    });
  }

  public admit(object: unknown, options: AdmitOptions = {}): Promise<AdmitVerdict> {
    return this.request({ op: 'admit', object, defaultStorageClass: options.defaultStorageClass ?? false });
  }

  /** `name.NewTag(input, name.WeakValidation)`, as kpack checks tags. */
  public newTag(input: string): Promise<NameVerdict> {
    return this.request({ op: 'newTag', input });
  }

  /** `name.ParseReference(input, name.WeakValidation)`, as kpack checks images. */
  public parseReference(input: string): Promise<NameVerdict> {
    return this.request({ op: 'parseReference', input });
  }

  public info(): Promise<{ kpack: string; goContainerregistry: string; kinds: string[]; go: string }> {
    return this.request({ op: 'version' });
  }

  public close(): Promise<void> {
    if (this.exited) {
      return Promise.resolve();
    }
    return new Promise(resolve => {
      this.child.on('exit', () => resolve());
      this.child.stdin.end();
    });
  }

  private request(body: object): Promise<any> {
    if (this.exited) {
      return Promise.reject(new Error(`kpack ${this.version} oracle has exited: ${this.stderr}`));
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(JSON.stringify(body) + '\n');
    });
  }
}
