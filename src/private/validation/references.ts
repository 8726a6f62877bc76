import { FieldError, invalidValue, missingField, withHint } from './field-error';
import { GRAMMAR_V0_20_6, isValidReference, isValidTag, ReferenceGrammar } from '../image-reference';

/** kpack's `validate.Tag`: required, and a tag reference (never a digest). */
export function validateTag(value: string, fieldPath: string, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): FieldError[] {
  if (value === '') {
    return [missingField(fieldPath)];
  }
  if (!isValidTag(value, grammar)) {
    return [hinted(invalidValue(value, fieldPath), value, true, grammar)];
  }
  return [];
}

/** kpack's `validate.Image`: required, and a tag or digest reference. */
export function validateImage(value: string, fieldPath: string, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): FieldError[] {
  if (value === '') {
    return [missingField(fieldPath)];
  }
  if (!isValidReference(value, grammar)) {
    return [hinted(invalidValue(value, fieldPath), value, false, grammar)];
  }
  return [];
}

/**
 * Explains why a reference does not parse, when one change would fix it: no scheme, no digest where a
 * tag is needed, a lowercase repository. Whitespace is always worth saying.
 */
export function referenceHint(value: string, tagOnly: boolean, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): string | undefined {
  const valid = (ref: string) => (tagOnly ? isValidTag(ref, grammar) : isValidReference(ref, grammar));
  if (/\s/.test(value)) {
    return 'an image reference must not contain whitespace';
  }
  const withoutScheme = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  if (withoutScheme !== value && valid(withoutScheme)) {
    return 'an image reference has no scheme: write registry/repository[:tag], not a URL';
  }
  if (tagOnly && isValidReference(value, grammar) && value.includes('@')) {
    return 'this field needs a tag reference; kpack rejects digests (@sha256:…) here';
  }
  const slash = value.indexOf('/');
  const registry = slash > 0 && /[.:]/.test(value.slice(0, slash)) ? value.slice(0, slash + 1) : '';
  // Only the repository is lowercased: a digest must stay as written.
  const at = value.includes('@') ? value.indexOf('@') : value.length;
  if (valid(registry + value.slice(registry.length, at).toLowerCase() + value.slice(at))) {
    return 'repository names must be lowercase';
  }
  return undefined;
}

function hinted(error: FieldError, value: string, tagOnly: boolean, grammar: ReferenceGrammar): FieldError {
  const hint = referenceHint(value, tagOnly, grammar);
  return hint ? withHint(error, hint) : error;
}

/**
 * The library's own rule: go-containerregistry's weak validation reads `https://host/repo` as the
 * registry `https:` and the repository `/host/repo`, which kpack accepts and then fails to push to.
 */
export function validateNoScheme(value: string, fieldPath: string, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): FieldError[] {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || !isValidReference(value, grammar)) {
    return [];
  }
  return [withHint(invalidValue(value, fieldPath), 'an image reference has no scheme: write registry/repository[:tag], not a URL')];
}
