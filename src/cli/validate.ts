import { DEFAULT_INPUT_LIMITS, Input, InputLimits, printable, readInputs } from './input';
import { DEFAULT_PARSE_LIMITS, ParseLimits, parseDocuments } from './parse';
import { redactSecrets } from '../private/redact';
import { checkSchema } from '../private/schema-check';
import { DEFAULT_KPACK_VERSION, defaultKpackObject, formatFieldErrors, validateKpackObject } from '../private/validation';

/** One problem found in a file. */
export interface Finding {
  readonly file: string;
  /** `Kind namespace/name (document n)`, when the problem is in an object. */
  readonly object?: string;
  readonly severity: 'error' | 'warning';
  /** kpack's message (and a hint line), or the reason the file could not be read. */
  readonly message: string;
  /** The file was refused or could not be read (exit code 2), rather than read and found wrong. */
  readonly unreadable?: boolean;
}

export interface ValidationReport {
  readonly findings: Finding[];
  /** How many kpack objects were checked. */
  readonly checked: number;
}

const UNVALIDATED_GROUPS: Record<string, string> = {
  'kpack.io/v1alpha1': 'kpack v0.17 still serves kpack.io/v1alpha1, but its webhook validates only kpack.io/v1alpha2: write this object as kpack.io/v1alpha2',
  'experimental.kpack.pivotal.io/v1alpha1': 'kpack v0.0.8 never validated its experimental kinds (their webhook registration names the wrong group): nothing checks this object before kpack uses it',
};

/**
 * Checks every kpack object of the given YAML files (`-` is stdin, directories are walked) with the webhook
 * rules of kpack `version` (by default the library's default) and the structural schemas.
 */
export function validateFiles(
  files: string[],
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
  version: string = DEFAULT_KPACK_VERSION,
): ValidationReport {
  return validateInputs(readInputs(files, limits), DEFAULT_PARSE_LIMITS, version);
}

/** Checks inputs one at a time: only one file's text, and one document's tree, is held at once. */
export function validateInputs(
  inputs: Iterable<Input>,
  parseLimits: ParseLimits = DEFAULT_PARSE_LIMITS,
  version: string = DEFAULT_KPACK_VERSION,
): ValidationReport {
  const findings: Finding[] = [];
  let checked = 0;
  for (const input of inputs) {
    if (input.refused !== undefined) {
      findings.push({ file: input.file, severity: 'error', message: input.refused, unreadable: true });
      continue;
    }
    const report = validateYaml(input.text, input.file, parseLimits, version);
    // A loop, not push(...spread): a file may have more findings than a call has room for arguments.
    for (const finding of report.findings) findings.push(finding);
    checked += report.checked;
  }
  return { findings, checked };
}

/** Checks the kpack objects of one YAML stream. */
export function validateYaml(
  text: string,
  file: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
  version: string = DEFAULT_KPACK_VERSION,
): ValidationReport {
  const findings: Finding[] = [];
  let checked = 0;
  for (const document of parseDocuments(text, limits)) {
    const where = `document ${document.index}`;
    if (document.error !== undefined) {
      findings.push({ file, object: where, severity: 'error', message: document.error });
      continue;
    }
    const content = document.value;
    const items = own(content, 'kind') === 'List' && Array.isArray(own(content, 'items')) ? own(content, 'items') as unknown[] : [content];
    for (const object of items) {
      if (object === null || typeof object !== 'object' || Array.isArray(object)) {
        continue;
      }
      const result = validateObject(object as Record<string, unknown>, file, where, version);
      for (const finding of result.findings) findings.push(finding);
      checked += result.checked;
    }
  }
  return { findings, checked };
}

/** A property of untrusted data: own properties only (`constructor`, `__proto__` are never looked up). */
function own(object: unknown, key: string): unknown {
  return object !== null && typeof object === 'object' && Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/** A value from the file as text for a message: strings as they are, anything else as JSON. */
function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '(a value that cannot be shown)';
  }
}

function validateObject(object: Record<string, unknown>, file: string, where: string, version: string): ValidationReport {
  const apiVersion = own(object, 'apiVersion');
  const metadata = own(object, 'metadata');
  const name = [own(metadata, 'namespace'), own(metadata, 'name')].filter(x => typeof x === 'string').join('/') || '(no name)';
  const label = `${describe(own(object, 'kind'))} ${name} (${where})`;
  const unvalidated = typeof apiVersion === 'string' && Object.prototype.hasOwnProperty.call(UNVALIDATED_GROUPS, apiVersion) ? UNVALIDATED_GROUPS[apiVersion] : undefined;
  if (unvalidated) {
    return { findings: [{ file, object: label, severity: 'warning', message: unvalidated }], checked: 1 };
  }
  if (typeof apiVersion !== 'string' || typeof own(object, 'kind') !== 'string') {
    return { findings: [], checked: 0 };
  }
  let messages: string[];
  try {
    const errors = validateKpackObject(object as any, version);
    if (errors === undefined) {
      return { findings: [], checked: 0 };
    }
    // An object kpack cannot decode is refused before anything else looks at it.
    const undecodable = errors.some(e => e.decode);
    messages = formatFieldErrors(undecodable ? errors : [...checkSchema(defaultKpackObject(object as any, version)), ...errors]);
  } catch (e) {
    // A rule that fails on data it did not expect is a bug of ours; the file's other objects are still checked.
    messages = [`internal error while checking this object (please report it): ${(e as Error).name}: ${(e as Error).message}`];
  }
  return { findings: messages.map(message => ({ file, object: label, severity: 'error' as const, message })), checked: 1 };
}

/** The report as text: one finding per line (hints indented below), then a summary. */
export function formatReport(report: ValidationReport, files: number): string {
  const lines = report.findings.map(f => {
    const [first, ...rest] = redactSecrets(f.message).split('\n');
    // Names and messages come from the file: control characters never reach the terminal.
    const prefix = `${printable(f.file)}: ${f.object ? `${printable(redactSecrets(f.object))}: ` : ''}${f.severity === 'warning' ? 'warning: ' : ''}`;
    return [prefix + printable(first), ...rest.map(line => `    ${printable(line)}`)].join('\n');
  });
  const errors = report.findings.filter(f => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  lines.push(`${report.checked} kpack object(s) in ${files} file(s): ${errors} error(s), ${warnings} warning(s)`);
  return lines.join('\n') + '\n';
}
