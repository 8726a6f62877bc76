import * as fs from 'fs';
import { migrateYaml } from './migrate';
import { formatReport, validateFiles } from './validate';
import { DEFAULT_KPACK_VERSION, kpackVersions, ruleSetFor } from '../private/validation';

/** Where the command writes. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const USAGE = `Usage: cdk8s-kpack <command> [arguments]

Commands:
  validate [--kpack-version X] FILE...
                     check the kpack objects of YAML files (kpack.io/v1alpha2 and kpack v0.0.8
                     build.pivotal.io/v1alpha1) with the rules of kpack's admission webhook, and the kpack.io
                     objects with their structural schemas. Exit code 1 on any error.
                     --kpack-version: the kpack release whose rules apply (${kpackVersions().join(', ')};
                     default ${DEFAULT_KPACK_VERSION})
                     e.g. cdk8s synth && npx cdk8s-kpack validate dist/*.yaml
  migrate FILE       print a cdk8s chart, written with cdk8s-kpack, that synthesizes the objects of a kpack
                     YAML file (kpack v0.17 or v0.0.8, with the Secrets and ServiceAccounts they use).
                     e.g. npx cdk8s-kpack migrate kpack/image.yaml > main.ts
`;

/** Runs the command line; returns the exit code. */
export function run(args: string[], output: Output): number {
  const [command, ...rest] = args;
  switch (command) {
    case 'validate': {
      const files: string[] = [];
      let version = DEFAULT_KPACK_VERSION;
      for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (arg === '--kpack-version' || arg.startsWith('--kpack-version=')) {
          const value = arg === '--kpack-version' ? rest[++i] : arg.slice('--kpack-version='.length);
          if (value === undefined || !ruleSetFor(value)) {
            output.err(`validate: unknown kpack version ${JSON.stringify(value ?? '')}: the rules are known for ${kpackVersions().join(', ')}\n`);
            return 2;
          }
          version = ruleSetFor(value)!.version;
        } else {
          files.push(arg);
        }
      }
      if (files.length === 0) {
        output.err('validate: no file given\n\n' + USAGE);
        return 2;
      }
      const report = validateFiles(files, version);
      output.out(formatReport(report, files.length));
      return report.findings.some(f => f.severity === 'error') ? 1 : 0;
    }
    case 'migrate': {
      if (rest.length !== 1) {
        output.err('migrate: give one file\n\n' + USAGE);
        return 2;
      }
      try {
        output.out(migrateYaml(fs.readFileSync(rest[0], 'utf8')));
        return 0;
      } catch (e) {
        const error = e as NodeJS.ErrnoException;
        output.err(`${rest[0]}: ${error.code ? `cannot read the file: ${error.code}` : error.message}\n`);
        return 1;
      }
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      output.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      output.err(`unknown command "${command}"\n\n` + USAGE);
      return 2;
  }
}
