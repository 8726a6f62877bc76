import * as fs from 'fs';
import { migrate, MigrateError, MigrateOptions, MigrationTarget } from './migrate';
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
  migrate [OPTIONS] FILE...
                     print a cdk8s chart, written with cdk8s-kpack, that synthesizes the objects of kpack
                     YAML files (kpack v0.17, kpack.io/v1alpha1, or v0.0.8, with the Secrets and
                     ServiceAccounts they use), one chart for all the files. What it changes (stale fields,
                     server-written fields) and what it keeps untyped (JSON patches) is listed on stderr.
                     e.g. npx cdk8s-kpack migrate kpack/*.yaml > main.ts
                     --to v1alpha2   write kpack v0.0.8 objects for kpack v0.17: builder images become a
                                     ClusterStore, a ClusterStack and a builder (needs the two options below)
                     --builder-repository REPO        where kpack v0.17 pushes converted builders
                     --builder-service-account NS/SA  the service account that can push there
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
      const parsed = migrateArguments(rest);
      if (typeof parsed === 'string') {
        output.err(`migrate: ${parsed}\n\n` + USAGE);
        return 2;
      }
      const texts: string[] = [];
      for (const file of parsed.files) {
        try {
          texts.push(fs.readFileSync(file, 'utf8'));
        } catch (e) {
          output.err(`${file}: cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
          return 1;
        }
      }
      const where = parsed.files.join(', ');
      try {
        // Documents of several files join as one stream; an empty last document separates them.
        const result = migrate(texts.map(t => (t.endsWith('\n') ? t : `${t}\n`)).join('---\n'), parsed.options);
        output.out(result.code);
        for (const note of result.notes) {
          output.err(`${where}: note: ${printable(note)}\n`);
        }
        return 0;
      } catch (e) {
        const problems = e instanceof MigrateError ? e.problems : [(e as Error).message];
        output.err(problems.map(p => `${where}: error: ${printable(p)}\n`).join(''));
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

/** `migrate`'s files and options, or what is wrong with the arguments. */
function migrateArguments(args: string[]): { files: string[]; options: MigrateOptions } | string {
  const files: string[] = [];
  let to: MigrationTarget | undefined;
  let builderRepository: string | undefined;
  let builderServiceAccount: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined) {
        throw new Error(`${arg} needs a value`);
      }
      return next;
    };
    try {
      if (arg === '--to') {
        const target = value();
        if (target !== 'v1alpha2') {
          return `--to: unknown target "${target}" (v1alpha2 is the only one; without --to, each object keeps its kpack version)`;
        }
        to = MigrationTarget.V1ALPHA2;
      } else if (arg === '--builder-repository') {
        builderRepository = value();
      } else if (arg === '--builder-service-account') {
        builderServiceAccount = value();
      } else if (arg.startsWith('--')) {
        return `unknown option "${arg}"`;
      } else {
        files.push(arg);
      }
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (files.length === 0) {
    return 'no file given';
  }
  return { files, options: { to, builderRepository, builderServiceAccount } };
}

/** Text from a YAML file for a terminal: every character outside printable ASCII (and line breaks) escaped. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e\n]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
