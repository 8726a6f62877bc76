import { DEFAULT_INPUT_LIMITS, Input, InputLimits, printable, readInputs } from './input';
import { DEFAULT_PARSE_LIMITS, ParseLimits, parseDocuments } from './parse';
import { crossCheckManifests } from '../private/checks';
import { redactSecrets } from '../private/redact';
import { checkSchema } from '../private/schema-check';
import { DEFAULT_KPACK_VERSION, defaultKpackObject, KpackObject, validateKpackObject } from '../private/validation';
import { FieldError, mergeFieldErrors, MergedFieldError } from '../private/validation/field-error';

/** Where an object is: its file, its document (from 1) and, in a `List`, its index in `items` (from 0). */
export interface Location {
  readonly file: string;
  readonly document: number;
  readonly item?: number;
}

/** An object of the inputs, as read, with where it was read: what checks across objects work on. */
export interface InputObject extends Location {
  readonly object: Record<string, unknown>;
}

/** A kpack object that was checked. */
export interface CheckedObject extends Location {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** A file given to validate (or found in a directory), and why it was refused if it was. */
export interface InputFile {
  readonly file: string;
  readonly refused?: string;
}

/** One problem found in a file. */
export interface Finding {
  readonly file: string;
  /** The document (from 1), when the problem is in a document. */
  readonly document?: number;
  /** The index in a `List`'s items (from 0), when the object is one. */
  readonly item?: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** `Kind namespace/name (document n)`, or `document n`, when the problem is in a document. */
  readonly object?: string;
  readonly severity: 'error' | 'warning';
  /** kpack's message (and details, on the next lines), or the reason the file or document could not be read. */
  readonly message: string;
  /** The library's advice, printed after the message as `hint: …` lines. */
  readonly hints: string[];
  /** The fields the message names (sorted; may be empty). */
  readonly fields: string[];
  /** The ids of the rules that found it (docs/validation.md, and docs/cli.md for the ids of validate's own). */
  readonly rules: string[];
  /** The file was refused or could not be read (exit code 2), rather than read and found wrong. */
  readonly unreadable?: boolean;
}

export interface ValidationReport {
  /** Every file read or refused, in the order they were given (directories walked in name order). */
  readonly files: InputFile[];
  /** The kpack objects checked, in the order they were read. */
  readonly objects: CheckedObject[];
  readonly findings: Finding[];
  /** How many kpack objects were checked. */
  readonly checked: number;
}

/** The rule ids of validate's own findings, which are not rules of a kind's table. */
export const VALIDATE_RULES = {
  /** The file was refused or could not be read. */
  INPUT: 'input',
  /** A document is not valid YAML, or breaks a parse limit. */
  YAML: 'yaml',
  /** An API version kpack serves but does not validate. */
  UNVALIDATED: 'unvalidated-api-version',
  /** The structural schema of the kind (unknown fields, types, enums). */
  SCHEMA: 'schema',
  /** A rule failed on data it did not expect: a bug of the library. */
  INTERNAL: 'internal',
} as const;

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
  const validation = new Validation(parseLimits, version);
  for (const input of inputs) {
    if (input.refused !== undefined) {
      validation.refuse(input.file, input.refused);
    } else {
      validation.read(input.text, input.file);
    }
  }
  return validation.report();
}

/** Checks the kpack objects of one YAML stream. */
export function validateYaml(
  text: string,
  file: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
  version: string = DEFAULT_KPACK_VERSION,
): ValidationReport {
  const validation = new Validation(limits, version);
  validation.read(text, file);
  return validation.report();
}

/** An object kept for the checks across objects, with what its findings need. */
interface Kept {
  /** How the checks' messages name the object: `file#n` for document n, `file#n.items[i]` in a List. */
  readonly path: string;
  /** The position of its file among the inputs (a file may be given twice). */
  readonly input: number;
  readonly file: string;
  readonly manifest: Record<string, unknown>;
  readonly identity: Identity;
  readonly label: string;
}

type Identity = Location & Pick<Finding, 'apiVersion' | 'kind' | 'namespace' | 'name'>;

/** A finding, and where it goes in the report: its input, document and item. */
interface Placed {
  readonly at: readonly [number, number, number];
  readonly finding: Finding;
}

/** The findings of the inputs read so far, in the order of files, documents and items. */
class Validation {
  private readonly files: InputFile[] = [];
  private readonly objects: CheckedObject[] = [];
  private readonly findings: Placed[] = [];
  /** Every object with a kind, for the checks across objects (Secrets without their data). */
  private readonly kept: Kept[] = [];
  private readonly paths = new Set<string>();

  constructor(private readonly limits: ParseLimits, private readonly version: string) {}

  public refuse(file: string, reason: string): void {
    this.files.push({ file, refused: reason });
    this.add({ file, severity: 'error', message: reason, hints: [], fields: [], rules: [VALIDATE_RULES.INPUT], unreadable: true });
  }

  public read(text: string, file: string): void {
    this.files.push({ file });
    for (const document of parseDocuments(text, this.limits)) {
      if (document.error !== undefined) {
        this.add({ file, document: document.index, object: `document ${document.index}`, severity: 'error', message: document.error, hints: [], fields: [], rules: [VALIDATE_RULES.YAML] });
        continue;
      }
      const content = document.value;
      const list = own(content, 'kind') === 'List' && Array.isArray(own(content, 'items'));
      const items = list ? own(content, 'items') as unknown[] : [content];
      items.forEach((object, i) => {
        if (object !== null && typeof object === 'object' && !Array.isArray(object)) {
          this.check({ file, document: document.index, ...(list ? { item: i } : {}), object: object as Record<string, unknown> });
        }
      });
    }
  }

  public report(): ValidationReport {
    const findings = [...this.findings, ...this.crossChecks()]
      .map((placed, i) => ({ placed, i }))
      // Stable: an object's own findings first, then those across objects.
      .sort((a, b) => a.placed.at[0] - b.placed.at[0] || a.placed.at[1] - b.placed.at[1] || a.placed.at[2] - b.placed.at[2] || a.i - b.i)
      .map(({ placed }) => placed.finding);
    return { files: [...this.files], objects: [...this.objects], findings, checked: this.objects.length };
  }

  /** Adds a finding of the input read last. */
  private add(finding: Finding): void {
    this.findings.push({ at: [this.files.length - 1, finding.document ?? 0, finding.item ?? -1], finding });
  }

  /**
   * The checks across objects that synth runs, over every object of every input, each file one unit (its
   * objects are applied together); each object's findings of one severity merged as kpack's are.
   */
  private crossChecks(): Placed[] {
    let found: ReturnType<typeof crossCheckManifests>;
    try {
      found = crossCheckManifests(this.kept.map(k => ({ path: k.path, file: k.file, manifest: k.manifest })));
    } catch (e) {
      // As for a rule: a bug of ours, reported, and every object's own findings are kept.
      const first = this.kept[0];
      return first ? [this.placed(first, 'error', {
        message: `internal error while checking objects across files (please report it): ${(e as Error).name}: ${(e as Error).message}`,
        hints: [],
        paths: [],
        rules: [VALIDATE_RULES.INTERNAL],
      })] : [];
    }
    const byPath = new Map(this.kept.map(k => [k.path, k]));
    const groups = new Map<string, { kept: Kept; warning: boolean; errors: FieldError[] }>();
    for (const f of found) {
      const kept = byPath.get(f.path);
      if (kept === undefined) continue;
      const key = `${f.path}\u0000${f.warning ? 'w' : 'e'}`;
      const group = groups.get(key) ?? { kept, warning: !!f.warning, errors: [] };
      group.errors.push({ ...f.error, rule: f.check });
      groups.set(key, group);
    }
    return [...groups.values()].flatMap(({ kept, warning, errors }) => [
      ...mergeFieldErrors(errors.filter(e => e.paths.length > 0)),
      // A problem about no field reads as a sentence, without the webhook's `: <path>` (as at synth).
      ...errors.filter(e => e.paths.length === 0).map(e => ({
        message: redactSecrets([e.message, e.details].filter(line => line).join('\n')),
        hints: e.hint ? [redactSecrets(e.hint)] : [],
        paths: [],
        rules: e.rule ? [e.rule] : [],
      })),
    ].map(e => this.placed(kept, warning ? 'warning' : 'error', e)));
  }

  private placed(kept: Kept, severity: 'error' | 'warning', e: Pick<MergedFieldError, 'message' | 'hints' | 'paths' | 'rules'>): Placed {
    return {
      at: [kept.input, kept.identity.document, kept.identity.item ?? -1],
      finding: { ...kept.identity, object: kept.label, severity, message: e.message, hints: e.hints, fields: e.paths, rules: e.rules },
    };
  }

  /** Keeps an object for the checks across objects, under a path no other object has. */
  private keep(input: InputObject, identity: Identity, label: string): void {
    let path = `${input.file}#${input.document}${input.item !== undefined ? `.items[${input.item}]` : ''}`;
    if (this.paths.has(path)) {
      // The same file given twice: its objects are there twice, as they would be applied twice.
      path = `${path} (input ${this.files.length})`;
    }
    this.paths.add(path);
    this.kept.push({ path, input: this.files.length - 1, file: input.file, manifest: manifestForChecks(input.object), identity, label });
  }

  /** The checks of one object on its own: kpack's decoding and rules, and the structural schema. */
  private check(input: InputObject): void {
    const { object } = input;
    const apiVersion = own(object, 'apiVersion');
    const kind = own(object, 'kind');
    const metadata = own(object, 'metadata');
    const namespace = own(metadata, 'namespace');
    const name = own(metadata, 'name');
    const identity: Identity = {
      file: input.file,
      document: input.document,
      ...(input.item !== undefined ? { item: input.item } : {}),
      ...(typeof apiVersion === 'string' ? { apiVersion } : {}),
      ...(kind !== undefined ? { kind: describe(kind) } : {}),
      ...(typeof namespace === 'string' ? { namespace } : {}),
      ...(typeof name === 'string' ? { name } : {}),
    };
    const label = `${describe(kind)} ${[namespace, name].filter(x => typeof x === 'string').join('/') || '(no name)'} (document ${input.document})`;
    if (typeof apiVersion === 'string' && typeof kind === 'string') {
      this.keep(input, identity, label);
    }
    const unvalidated = typeof apiVersion === 'string' && Object.prototype.hasOwnProperty.call(UNVALIDATED_GROUPS, apiVersion) ? UNVALIDATED_GROUPS[apiVersion] : undefined;
    if (unvalidated) {
      this.objects.push({ ...identity, apiVersion: apiVersion as string, kind: describe(kind) });
      this.add({ ...identity, object: label, severity: 'warning', message: unvalidated, hints: [], fields: [], rules: [VALIDATE_RULES.UNVALIDATED] });
      return;
    }
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      return;
    }
    let problems: Array<{ message: string; hints: string[]; fields: string[]; rules: string[] }>;
    try {
      const errors = validateKpackObject(object as KpackObject, this.version);
      if (errors === undefined) {
        return;
      }
      // An object kpack cannot decode is refused before anything else looks at it.
      const undecodable = errors.some(e => e.decode);
      const schema = undecodable ? [] : checkSchema(defaultKpackObject(object as KpackObject, this.version))
        .map(e => ({ ...e, rule: VALIDATE_RULES.SCHEMA }));
      problems = mergeFieldErrors([...schema, ...errors]).map(e => ({ message: e.message, hints: e.hints, fields: e.paths, rules: e.rules }));
    } catch (e) {
      // A rule that fails on data it did not expect is a bug of ours; the file's other objects are still checked.
      problems = [{ message: `internal error while checking this object (please report it): ${(e as Error).name}: ${(e as Error).message}`, hints: [], fields: [], rules: [VALIDATE_RULES.INTERNAL] }];
    }
    this.objects.push({ ...identity, apiVersion, kind });
    for (const problem of problems) {
      this.add({ ...identity, object: label, severity: 'error', ...problem });
    }
  }
}

/**
 * What the checks across objects read of an object. A Secret keeps its type and metadata, never its data:
 * no input's Secret values are held until the end of the run.
 */
function manifestForChecks(object: Record<string, unknown>): Record<string, unknown> {
  if (own(object, 'kind') !== 'Secret' || own(object, 'apiVersion') !== 'v1') {
    return object;
  }
  const kept: Record<string, unknown> = {};
  for (const key of ['apiVersion', 'kind', 'metadata', 'type']) {
    if (Object.prototype.hasOwnProperty.call(object, key)) kept[key] = object[key];
  }
  return kept;
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

/** Text from a file or a message, as both outputs show it: redacted, control characters escaped. */
function shown(text: string): string {
  return printable(redactSecrets(text));
}

/** The report as text: one finding per line (hints indented below), then a summary. */
export function formatReport(report: ValidationReport): string {
  const lines = report.findings.map(f => {
    const [first, ...rest] = [...redactSecrets(f.message).split('\n'), ...f.hints.map(hint => `hint: ${redactSecrets(hint)}`)];
    // Names and messages come from the file: control characters never reach the terminal.
    const prefix = `${printable(f.file)}: ${f.object ? `${shown(f.object)}: ` : ''}${f.severity === 'warning' ? 'warning: ' : ''}`;
    return [prefix + printable(first), ...rest.map(line => `    ${printable(line)}`)].join('\n');
  });
  const { errors, warnings } = totals(report);
  lines.push(`${report.checked} kpack object(s) in ${report.files.length} file(s): ${errors} error(s), ${warnings} warning(s)`);
  return lines.join('\n') + '\n';
}

function totals(report: ValidationReport): { errors: number; warnings: number } {
  const errors = report.findings.filter(f => f.severity === 'error').length;
  return { errors, warnings: report.findings.length - errors };
}

/** The version of the JSON report's schema (docs/cli.md): raised only when a field changes meaning or goes. */
export const JSON_REPORT_VERSION = 1;

/**
 * The report as one JSON object (docs/cli.md): every string redacted and with control characters escaped
 * as in the text output, keys in a fixed order, findings in the order of files, documents and items.
 */
export function formatJsonReport(report: ValidationReport, kpackVersion: string): string {
  const location = (l: Location & Partial<CheckedObject>) => ({
    file: printable(l.file),
    ...(l.document !== undefined ? { document: l.document } : {}),
    ...(l.item !== undefined ? { item: l.item } : {}),
    ...(l.apiVersion !== undefined ? { apiVersion: shown(l.apiVersion) } : {}),
    ...(l.kind !== undefined ? { kind: shown(l.kind) } : {}),
    ...(l.namespace !== undefined ? { namespace: shown(l.namespace) } : {}),
    ...(l.name !== undefined ? { name: shown(l.name) } : {}),
  });
  const json = {
    version: JSON_REPORT_VERSION,
    kpackVersion,
    files: report.files.map(f => ({ file: printable(f.file), ...(f.refused !== undefined ? { refused: shown(f.refused) } : {}) })),
    objects: report.objects.map(o => location(o)),
    findings: report.findings.map(f => ({
      severity: f.severity,
      ...location({ ...f, document: f.document as number }),
      message: shown(f.message),
      hints: f.hints.map(shown),
      fields: f.fields.map(shown),
      rules: f.rules.map(shown),
    })),
    totals: { files: report.files.length, objects: report.checked, ...totals(report) },
  };
  return JSON.stringify(json, undefined, 2) + '\n';
}
