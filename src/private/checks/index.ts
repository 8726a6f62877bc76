import { AppIndex, AppObject, Finding, Manifest } from './objects';
import { CROSS_CHECKS } from './table';
import { FieldError, formatFieldErrors } from '../validation/field-error';

export type { AppObject, Finding, Manifest, ObjectFacts } from './objects';
export { CROSS_CHECKS } from './table';
export type { CrossCheck } from './table';

/** Runs every cross-object check over the objects of an app; findings in the order of the objects, then of the checks. */
export function crossCheck(objects: readonly AppObject[]): Finding[] {
  const app = new AppIndex(objects);
  const findings = CROSS_CHECKS.flatMap(check => check.check(app));
  const order = new Map(objects.map((o, i) => [o.path, i]));
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (order.get(a.f.path) ?? -1) - (order.get(b.f.path) ?? -1) || a.i - b.i)
    .map(({ f }) => f);
}

/** One object read from a file, for `validate`. */
export interface InputObject {
  /** Where the object is, printed before each message (`file#index`, or as the caller names it). */
  readonly path: string;
  /** The file it was read from: objects of one file are applied together. */
  readonly file: string;
  readonly manifest: Manifest;
}

/**
 * The cross-object checks over plain manifests (the objects of every file `validate` is given): the same
 * table synth runs, with objects of one file treated as one chart written to one file.
 */
export function crossCheckManifests(objects: readonly InputObject[]): Finding[] {
  return crossCheck(objects.map(o => ({ path: o.path, unit: o.file, file: o.file, manifest: o.manifest })));
}

/**
 * The findings of one path as messages (`<message>: <path>`, hints on the next line, merged and sorted as
 * the rule tables' are); errors and warnings apart.
 */
export function formatFindings(findings: readonly Finding[]): { errors: string[]; warnings: string[] } {
  const errors = findings.filter(f => !f.warning).map(f => f.error);
  return {
    errors: [...formatFieldErrors(errors.filter(e => e.paths.length > 0)), ...errors.filter(e => e.paths.length === 0).map(sentence)],
    warnings: findings.filter(f => f.warning).map(({ error }) => error.paths.length > 0 ? formatFieldErrors([error])[0] : sentence(error)),
  };
}

/** A problem about no field reads as a sentence, without the webhook's `: <path>`. */
function sentence(error: FieldError): string {
  return [error.message, error.details, error.hint && `hint: ${error.hint}`].filter(line => line).join('\n');
}
