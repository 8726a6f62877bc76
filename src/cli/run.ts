import { DEFAULT_INPUT_LIMITS, DEFAULT_MAX_BYTES, printable, readInputs } from './input';
import { MigrateError, migrateYaml } from './migrate';
import { formatReport, validateInputs } from './validate';
import { redactSecrets } from '../private/redact';

/** Where the command writes. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The exit codes of both commands. */
export const EXIT = {
  /** Nothing wrong. */
  CLEAN: 0,
  /** Errors in the objects, or YAML that cannot be parsed (or breaks a parse limit). */
  FINDINGS: 1,
  /** A usage error, or input that cannot be read or is refused (not a regular file, too large, not text). */
  USAGE_OR_INPUT: 2,
} as const;

const USAGE = `Usage: cdk8s-kpack <command> [--max-bytes N] [arguments]

Commands:
  validate FILE|DIR|-...   check the kpack objects of YAML files (kpack v0.17 kpack.io/v1alpha2 and kpack
                     v0.0.8 build.pivotal.io/v1alpha1) with the rules of kpack's admission webhook, and the
                     kpack.io objects with their structural schemas. A directory is walked for *.yaml and
                     *.yml files (symlinks are not followed); - reads stdin.
                     e.g. cdk8s synth && npx cdk8s-kpack validate dist/
  migrate FILE|-     print a cdk8s chart, written with cdk8s-kpack, that synthesizes the objects of a kpack
                     YAML file (kpack v0.17 or v0.0.8, with the Secrets and ServiceAccounts they use).
                     e.g. npx cdk8s-kpack migrate kpack/image.yaml > main.ts

Options:
  --max-bytes N      read at most N bytes of each file or of stdin; a larger one is refused
                     (default ${DEFAULT_MAX_BYTES}, 512 KiB)

Exit codes: 0 clean; 1 errors found, or YAML that cannot be parsed; 2 usage error, or a file that
cannot be read or is refused (not a regular file, over --max-bytes, not UTF-8 or UTF-16 text).
See docs/security.md for what both commands guarantee about untrusted files and the limits they apply.
`;

/** Runs the command line; returns the exit code. */
export function run(args: string[], output: Output): number {
  const [command, ...rest] = args;
  if (command === undefined || ['-h', '--help', 'help'].includes(command)) {
    output.out(USAGE);
    return command === undefined ? EXIT.USAGE_OR_INPUT : EXIT.CLEAN;
  }
  if (command !== 'validate' && command !== 'migrate') {
    output.err(`unknown command "${printable(command)}"\n\n` + USAGE);
    return EXIT.USAGE_OR_INPUT;
  }
  const files: string[] = [];
  let maxBytes = DEFAULT_MAX_BYTES;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const inline = /^--max-bytes=(.*)$/.exec(arg);
    if (arg === '--max-bytes' || inline) {
      const value = inline ? inline[1] : rest[++i];
      if (value === undefined || !/^[1-9][0-9]{0,15}$/.test(value) || !Number.isSafeInteger(Number(value))) {
        output.err(`${command}: --max-bytes needs a whole number of bytes, got ${value === undefined ? 'nothing' : `"${printable(value)}"`}\n\n` + USAGE);
        return EXIT.USAGE_OR_INPUT;
      }
      maxBytes = Number(value);
    } else if (arg.startsWith('--') && arg !== '--') {
      output.err(`${command}: unknown option "${printable(arg)}"\n\n` + USAGE);
      return EXIT.USAGE_OR_INPUT;
    } else {
      files.push(arg);
    }
  }
  const limits = { ...DEFAULT_INPUT_LIMITS, maxBytes };
  if (command === 'validate') {
    if (files.length === 0) {
      output.err('validate: no file given\n\n' + USAGE);
      return EXIT.USAGE_OR_INPUT;
    }
    const report = validateInputs(readInputs(files, limits));
    output.out(formatReport(report, files.length));
    if (report.findings.some(f => f.unreadable)) return EXIT.USAGE_OR_INPUT;
    return report.findings.some(f => f.severity === 'error') ? EXIT.FINDINGS : EXIT.CLEAN;
  }
  if (files.length !== 1) {
    output.err('migrate: give one file\n\n' + USAGE);
    return EXIT.USAGE_OR_INPUT;
  }
  const [input] = readInputs(files, limits);
  if (input === undefined || input.refused !== undefined) {
    output.err(`${printable(files[0])}: ${input?.refused ?? 'is an empty directory'}\n`);
    return EXIT.USAGE_OR_INPUT;
  }
  try {
    output.out(migrateYaml(input.text));
    return EXIT.CLEAN;
  } catch (e) {
    if (!(e instanceof MigrateError)) throw e;
    output.err(`${printable(input.file)}: ${printable(redactSecrets(e.message))}\n`);
    return EXIT.FINDINGS;
  }
}
