/**
 * The library's verdict on a kpack object, split into kpack's rules and the library's own, and its
 * comparison with kpack's (the conformance oracles). A disagreement is: kpack rejects and the library
 * accepts; kpack accepts and the library rejects through one of kpack's rules; or both reject and the
 * library's text for kpack's rules is not kpack's (hint lines and construct paths removed).
 */
import { AdmitVerdict } from './kpack-oracle';
import { redactSecrets } from '../../src/private/redact';
import { checkSchema } from '../../src/private/schema-check';
import { defaultKpackObject, formatFieldErrors, validateKpackObject } from '../../src/private/validation';
import { FieldError } from '../../src/private/validation/field-error';
import { KpackObject } from '../../src/private/validation/rule';

export interface LibraryVerdict {
  /** Problems found by kpack's rules, as kpack's FieldError.Error() prints them (no hint lines). */
  readonly kpack: string;
  /** Problems found by rules of the library's own (schemas, unknown fields, env names, limits...). */
  readonly ours: string[];
  /** The webhook could not decode the object (the library's statement of kpack's decoding). */
  readonly decode: boolean;
}

/**
 * What `cdk8s-kpack validate --kpack-version <version>` finds in an object (src/cli/validate.ts): the rules
 * of that kpack version, and the structural schemas of the defaulted object unless it does not decode;
 * split into kpack's rules and the library's own (`FieldError.ours`).
 */
export function libraryVerdict(object: KpackObject, kpackVersion: string): LibraryVerdict | undefined {
  const errors = validateKpackObject(object, kpackVersion);
  if (errors === undefined) {
    return undefined;
  }
  const decode = errors.some(e => e.decode);
  const schema = decode ? [] : checkSchema(defaultKpackObject(object, kpackVersion) as Record<string, any>);
  const ours: FieldError[] = [...schema, ...errors.filter(e => e.ours)];
  return { kpack: render(errors.filter(e => !e.ours)), ours: formatFieldErrors(ours), decode };
}

/** kpack's text: merged errors joined by newlines, without the library's hint lines. */
export function render(errors: readonly FieldError[]): string {
  return formatFieldErrors(errors).map(stripHints).join('\n');
}

export function stripHints(message: string): string {
  return message.split('\n').filter(line => !line.startsWith('hint: ')).join('\n');
}

/** Removes `[construct/path] ` prefixes and hint lines from a synth error. */
export function stripSynthMessage(message: string): string {
  return message.split('\n')
    .map(line => line.replace(/^\s*\[[^\]]*\]\s*/, ''))
    .filter(line => !line.trim().startsWith('hint: '))
    .join('\n');
}

/** Why the two verdicts disagree, or undefined when they agree. */
export function disagreement(kpack: AdmitVerdict, library: LibraryVerdict): string | undefined {
  const libraryRejects = library.kpack !== '' || library.ours.length > 0;
  if (!kpack.allowed && !libraryRejects) {
    return 'kpack rejects, the library accepts';
  }
  if (kpack.allowed && library.kpack !== '') {
    return 'kpack accepts, the library rejects through a rule of kpack\'s';
  }
  if (!kpack.allowed) {
    // The library redacts what looks like a credential in every message: kpack's text is compared redacted too.
    const kpackText = redactSecrets(kpack.error ?? '');
    if (kpack.stage === 'decode') {
      // kpack's Go types refuse the JSON before any rule runs: the library states that decoding (a wrong JSON
      // type, a quantity, a number beyond int64), in kpack's text.
      if (!library.decode) {
        return 'kpack cannot decode the object, the library decodes it';
      }
      if (library.kpack !== kpackText) {
        return 'both reject at decoding, with different texts';
      }
      return undefined;
    }
    if (library.kpack !== kpackText) {
      return 'both reject, with different texts for kpack\'s rules';
    }
  }
  return undefined;
}
