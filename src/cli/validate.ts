import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
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
 * Checks every kpack object of the given YAML files with the webhook rules of kpack `version` (by default
 * the library's default) and the structural schemas.
 */
export function validateFiles(files: string[], version: string = DEFAULT_KPACK_VERSION): ValidationReport {
  const findings: Finding[] = [];
  let checked = 0;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      findings.push({ file, severity: 'error', message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    const report = validateYaml(text, file, version);
    findings.push(...report.findings);
    checked += report.checked;
  }
  return { findings, checked };
}

/** Checks the kpack objects of one YAML stream. */
export function validateYaml(text: string, file: string, version: string = DEFAULT_KPACK_VERSION): ValidationReport {
  const findings: Finding[] = [];
  let checked = 0;
  parseAllDocuments(text).forEach((document, i) => {
    const where = `document ${i + 1}`;
    if (document.errors.length > 0) {
      const error = document.errors[0];
      const line = error.linePos?.[0] ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : '';
      findings.push({ file, object: where, severity: 'error', message: `not valid YAML${line}: ${error.message.split('\n')[0]}` });
      return;
    }
    const content = document.toJS();
    const objects: unknown[] = content?.kind === 'List' && Array.isArray(content.items) ? content.items : [content];
    for (const object of objects) {
      if (object === null || typeof object !== 'object' || Array.isArray(object)) {
        continue;
      }
      const result = validateObject(object as Record<string, any>, file, where, version);
      findings.push(...result.findings);
      checked += result.checked;
    }
  });
  return { findings, checked };
}

function validateObject(object: Record<string, any>, file: string, where: string, version: string): ValidationReport {
  const apiVersion = String(object.apiVersion);
  const name = [object.metadata?.namespace, object.metadata?.name].filter(x => typeof x === 'string').join('/') || '(no name)';
  const label = `${object.kind} ${name} (${where})`;
  const unvalidated = UNVALIDATED_GROUPS[apiVersion];
  if (unvalidated) {
    return { findings: [{ file, object: label, severity: 'warning', message: unvalidated }], checked: 1 };
  }
  const errors = validateKpackObject(object, version);
  if (errors === undefined) {
    return { findings: [], checked: 0 };
  }
  // An object kpack cannot decode is refused before anything else looks at it.
  const undecodable = errors.some(e => e.decode);
  const messages = formatFieldErrors(undecodable ? errors : [...checkSchema(defaultKpackObject(object, version)), ...errors]);
  return { findings: messages.map(message => ({ file, object: label, severity: 'error' as const, message })), checked: 1 };
}

/** The report as text: one finding per line (hints indented below), then a summary. */
export function formatReport(report: ValidationReport, files: number): string {
  const lines = report.findings.map(f => {
    const [first, ...rest] = f.message.split('\n');
    const prefix = `${f.file}: ${f.object ? `${f.object}: ` : ''}${f.severity === 'warning' ? 'warning: ' : ''}`;
    return [prefix + first, ...rest.map(line => `    ${line}`)].join('\n');
  });
  const errors = report.findings.filter(f => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  lines.push(`${report.checked} kpack object(s) in ${files} file(s): ${errors} error(s), ${warnings} warning(s)`);
  return lines.join('\n') + '\n';
}
