import { redactSecrets } from '../redact';
/**
 * Validation problems in the shape of knative's `apis.FieldError`, which kpack's webhook returns:
 * `<message>: <path>[, <path>…]`, then `\n<details>` when there are details. Errors with the same
 * message and details merge (their paths sorted), and the merged errors are sorted by message, so the
 * text matches what `kubectl apply` would print after `admission webhook "…" denied the request:`.
 */
export interface FieldError {
  readonly message: string;
  /** Full field paths (`spec.source.git.revision`); may be empty. */
  readonly paths: string[];
  readonly details?: string;
  /** A line of advice of this library's own, printed after kpack's text; never merged. */
  readonly hint?: string;
  /**
   * Not a FieldError but the error of kpack's webhook when it cannot decode the object at all (a quantity
   * that does not parse): printed as the message alone, with no paths.
   */
  readonly decode?: boolean;
  /** From a rule of this library's own (or kp's), not kpack's webhook: set by the rule tables. */
  readonly ours?: boolean;
  /** The id of the rule that found it (docs/validation.md): set by the rule tables. */
  readonly rule?: string;
}

/** Errors merged as kpack prints them, with what a program reading a report needs apart. */
export interface MergedFieldError {
  /** kpack's text: `<message>: <paths>` (the message alone for a decode error), then the details. */
  readonly message: string;
  /** The field paths, sorted. */
  readonly paths: string[];
  /** The library's hints, in the order of their paths. */
  readonly hints: string[];
  /** The ids of the rules that found it, sorted (empty when no rule table set one). */
  readonly rules: string[];
  /** The message, then a `hint: ` line per hint, redacted: what synth and `validate` print. */
  readonly text: string;
}

/**
 * The webhook's answer when the object does not decode (knative's defaulting webhook, which runs first):
 * kpack then validates nothing. The field is named in a hint, since kpack's text does not name it.
 */
export function decodeError(error: string, fieldPath: string): FieldError {
  return { message: `cannot decode incoming new object: ${error}`, paths: [], decode: true, hint: `the value of ${fieldPath} does not decode` };
}

export function missingField(...paths: string[]): FieldError {
  return { message: 'missing field(s)', paths };
}

/** `apis.ErrInvalidValue`: the value is printed as Go's `%v` would print it. */
export function invalidValue(value: unknown, path: string, details?: string): FieldError {
  return { message: `invalid value: ${goValue(value)}`, paths: [path], details };
}

export function missingOneOf(...paths: string[]): FieldError {
  return { message: 'expected exactly one, got neither', paths };
}

export function multipleOneOf(...paths: string[]): FieldError {
  return { message: 'expected exactly one, got both', paths };
}

export function disallowedFields(...paths: string[]): FieldError {
  return { message: 'must not set the field(s)', paths };
}

export function generic(message: string, ...paths: string[]): FieldError {
  return { message, paths };
}

/** Adds a hint of this library's own to an error. */
export function withHint(error: FieldError, hint: string): FieldError {
  return { ...error, hint };
}

/** Go's `%v` for the values kpack prints: strings as they are, absent values as empty strings. */
export function goValue(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * Merges and sorts errors as knative's `FieldError.Error()` does: errors with the same message and details
 * become one, whose paths are the first error's followed by the other errors' paths it does not hold yet
 * (knative's `mergePaths`), sorted; the merged errors are sorted by message, then details.
 */
export function formatFieldErrors(errors: readonly FieldError[]): string[] {
  return mergeFieldErrors(errors).map(e => e.text);
}

/** The errors merged and sorted as `formatFieldErrors` does, each with its parts apart, redacted. */
export function mergeFieldErrors(errors: readonly FieldError[]): MergedFieldError[] {
  type Merged = {
    message: string; details?: string; decode?: boolean; paths: string[]; hints: Array<{ path: string; hint: string }>; rules: Set<string>;
  };
  const merged = new Map<string, Merged>();
  for (const error of errors) {
    // An error of the library's own never merges into one of kpack's, which keeps kpack's text as kpack prints it.
    const key = `${error.ours ? 'ours' : 'kpack'}\u0000${error.message}\u0000${error.details ?? ''}`;
    const paths = error.paths.filter(p => p !== '');
    let entry = merged.get(key);
    if (entry === undefined) {
      entry = { message: error.message, details: error.details, decode: error.decode, paths: [...paths], hints: [], rules: new Set() };
      merged.set(key, entry);
    } else {
      const known = new Set(entry.paths);
      for (const p of paths) {
        if (!known.has(p)) {
          known.add(p);
          entry.paths.push(p);
        }
      }
    }
    if (error.rule !== undefined) {
      entry.rules.add(error.rule);
    }
    if (error.hint && !entry.hints.some(h => h.hint === error.hint)) {
      entry.hints.push({ path: error.paths[0] ?? '', hint: error.hint });
    }
  }
  return [...merged.values()]
    .sort((a, b) => compareStrings(a.message, b.message) || compareStrings(a.details ?? '', b.details ?? ''))
    .map(entry => {
      const paths = [...entry.paths].sort(compareStrings);
      const lines = [entry.decode ? entry.message : `${entry.message}: ${paths.join(', ')}`];
      if (entry.details) {
        lines.push(entry.details);
      }
      // Hints follow the order of the paths they belong to.
      const hints = [...entry.hints].sort((a, b) => compareStrings(a.path, b.path)).map(h => h.hint);
      // Values from props and files may hold credentials: every message goes through the one redaction.
      return {
        message: redactSecrets(lines.join('\n')),
        paths: paths.map(redactSecrets),
        hints: hints.map(redactSecrets),
        rules: [...entry.rules].sort(compareStrings),
        text: redactSecrets([...lines, ...hints.map(hint => `hint: ${hint}`)].join('\n')),
      };
    });
}

/**
 * Go's `<` on strings: byte-wise on UTF-8, that is by code point (unlike JavaScript's `<`, which
 * compares UTF-16 code units and puts U+E000..U+FFFF after astral characters), and unlike `localeCompare`.
 */
export function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return codePointRank(x) - codePointRank(y);
    }
  }
  return a.length - b.length;
}

/** Orders UTF-16 code units as the code points they start: surrogates (astral) above U+E000..U+FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) {
    return unit + 0x2000;
  }
  return unit >= 0xe000 ? unit - 0x800 : unit;
}
