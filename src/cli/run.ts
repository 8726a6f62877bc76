import { DEFAULT_INPUT_LIMITS, DEFAULT_MAX_BYTES, Input, printable, readInputs } from './input';
import { migrate, MigrateError, MigrateOptions, MigrationTarget } from './migrate';
import { DEFAULT_PARSE_LIMITS } from './parse';
import { formatJsonReport, formatReport, validateInputs } from './validate';
import { redactSecrets } from '../private/redact';
import { DEFAULT_KPACK_VERSION, kpackVersions, ruleSetFor } from '../private/validation';

/** Where the command writes. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The file descriptor `-` reads. @default 0 */
  readonly stdin?: number;
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
  validate [--kpack-version X] [--output text|json] FILE|DIR|-...
                     check the kpack objects of YAML files (kpack.io/v1alpha2 and kpack v0.0.8
                     build.pivotal.io/v1alpha1) with the rules of kpack's admission webhook, and the kpack.io
                     objects with their structural schemas. A directory is walked for *.yaml and *.yml files
                     (symlinks are not followed); - reads stdin.
                     --kpack-version: the kpack release whose rules apply (${kpackVersions().join(', ')};
                     default ${DEFAULT_KPACK_VERSION})
                     --output json: one JSON object on stdout for CI tools (schema in docs/cli.md)
                     e.g. cdk8s synth && npx cdk8s-kpack validate dist/
  migrate [OPTIONS] FILE|-...
                     print a cdk8s chart, written with cdk8s-kpack, that synthesizes the objects of kpack
                     YAML files (kpack v0.17+, kpack.io/v1alpha1, or v0.0.8, with the Secrets and
                     ServiceAccounts they use), one chart for all the files. What it changes (stale fields,
                     server-written fields) and what it keeps untyped (JSON patches) is listed on stderr.
                     e.g. npx cdk8s-kpack migrate kpack/*.yaml > main.ts
                     --to v1alpha2   write kpack v0.0.8 objects for current kpack: builder images become a
                                     ClusterStore, a ClusterStack and a builder (needs the two options below)
                     --builder-repository REPO        where kpack pushes converted builders
                     --builder-service-account NS/SA  the service account that can push there

Options:
  --max-bytes N      read at most N bytes of each file or of stdin; a larger one is refused
                     (default ${DEFAULT_MAX_BYTES}, 512 KiB)

Exit codes: 0 clean; 1 errors found, or YAML that cannot be parsed; 2 usage error, or a file that
cannot be read or is refused (not a regular file, over --max-bytes, not UTF-8 or UTF-16 text).
See docs/security.md for what both commands guarantee about untrusted files and the limits they apply.
`;

/** The arguments of a command, or the usage error in them. */
interface Parsed {
  readonly files: string[];
  readonly maxBytes: number;
  readonly kpackVersion: string;
  readonly output: 'text' | 'json';
  readonly migrate: MigrateOptions;
}

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
  const parsed = parseArguments(command, rest);
  if (typeof parsed === 'string') {
    output.err(`${command}: ${parsed}\n\n` + USAGE);
    return EXIT.USAGE_OR_INPUT;
  }
  const inputs = readInputs(parsed.files, { ...DEFAULT_INPUT_LIMITS, maxBytes: parsed.maxBytes }, output.stdin);
  return command === 'validate' ? runValidate(inputs, parsed, output) : runMigrate(inputs, parsed, output);
}

function runValidate(inputs: Iterable<Input>, parsed: Parsed, output: Output): number {
  const report = validateInputs(inputs, DEFAULT_PARSE_LIMITS, parsed.kpackVersion);
  output.out(parsed.output === 'json' ? formatJsonReport(report, parsed.kpackVersion) : formatReport(report));
  if (report.findings.some(f => f.unreadable)) {
    return EXIT.USAGE_OR_INPUT;
  }
  return report.findings.some(f => f.severity === 'error') ? EXIT.FINDINGS : EXIT.CLEAN;
}

function runMigrate(inputs: Iterable<Input>, parsed: Parsed, output: Output): number {
  const texts: string[] = [];
  const files: string[] = [];
  for (const input of inputs) {
    if (input.refused !== undefined) {
      output.err(`${printable(input.file)}: ${input.refused}\n`);
      return EXIT.USAGE_OR_INPUT;
    }
    texts.push(input.text);
    files.push(input.file);
  }
  if (texts.length === 0) {
    output.err(`${parsed.files.map(printable).join(', ')}: no YAML file found\n`);
    return EXIT.USAGE_OR_INPUT;
  }
  const where = files.map(printable).join(', ');
  try {
    // Documents of several files join as one stream; an empty last document separates them.
    const result = migrate(texts.map(t => (t.endsWith('\n') ? t : `${t}\n`)).join('---\n'), parsed.migrate);
    output.out(result.code);
    for (const note of result.notes) {
      output.err(`${where}: note: ${printable(redactSecrets(note))}\n`);
    }
    return EXIT.CLEAN;
  } catch (e) {
    if (!(e instanceof MigrateError)) {
      throw e;
    }
    output.err(e.problems.map(p => `${where}: error: ${printable(redactSecrets(p))}\n`).join(''));
    return EXIT.FINDINGS;
  }
}

/** The files and options of `command`, or what is wrong with the arguments. */
function parseArguments(command: 'validate' | 'migrate', args: string[]): Parsed | string {
  const files: string[] = [];
  let maxBytes = DEFAULT_MAX_BYTES;
  let kpackVersion = DEFAULT_KPACK_VERSION;
  let output: 'text' | 'json' = 'text';
  let to: MigrationTarget | undefined;
  let builderRepository: string | undefined;
  let builderServiceAccount: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const inline = /^(--[a-z-]+)=(.*)$/s.exec(arg);
    const option = inline ? inline[1] : arg;
    const value = (): string | undefined => (inline ? inline[2] : args[++i]);
    if (option === '--max-bytes') {
      const bytes = value();
      if (bytes === undefined || !/^[1-9][0-9]{0,15}$/.test(bytes) || !Number.isSafeInteger(Number(bytes))) {
        return `--max-bytes needs a whole number of bytes, got ${bytes === undefined ? 'nothing' : `"${printable(bytes)}"`}`;
      }
      maxBytes = Number(bytes);
    } else if (command === 'validate' && option === '--kpack-version') {
      const version = value();
      const ruleSet = version === undefined ? undefined : ruleSetFor(version);
      if (ruleSet === undefined) {
        return `unknown kpack version "${printable(version ?? '')}": the rules are known for ${kpackVersions().join(', ')}`;
      }
      kpackVersion = ruleSet.version;
    } else if (command === 'validate' && option === '--output') {
      const format = value();
      if (format !== 'text' && format !== 'json') {
        return `--output: unknown format "${printable(format ?? '')}" (text or json)`;
      }
      output = format;
    } else if (command === 'migrate' && option === '--to') {
      const target = value();
      if (target !== 'v1alpha2') {
        return `--to: unknown target "${printable(target ?? '')}" (v1alpha2 is the only one; without --to, each object keeps its kpack version)`;
      }
      to = MigrationTarget.V1ALPHA2;
    } else if (command === 'migrate' && (option === '--builder-repository' || option === '--builder-service-account')) {
      const given = value();
      if (given === undefined) {
        return `${option} needs a value`;
      }
      if (option === '--builder-repository') {
        builderRepository = given;
      } else {
        builderServiceAccount = given;
      }
    } else if (arg.startsWith('--') && arg !== '--') {
      return `unknown option "${printable(arg)}"`;
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) {
    return 'no file given';
  }
  return { files, maxBytes, kpackVersion, output, migrate: { to, builderRepository, builderServiceAccount } };
}
