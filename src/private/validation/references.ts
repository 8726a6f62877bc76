import { FieldError, invalidValue, missingField, withHint } from './field-error';
import { isValidReference, isValidTag } from '../image-reference';

/** kpack's `validate.Tag`: required, and a tag reference (never a digest). */
export function validateTag(value: string, fieldPath: string): FieldError[] {
  if (value === '') {
    return [missingField(fieldPath)];
  }
  if (!isValidTag(value)) {
    return [hinted(invalidValue(value, fieldPath), value, true)];
  }
  return [];
}

/** kpack's `validate.Image`: required, and a tag or digest reference. */
export function validateImage(value: string, fieldPath: string): FieldError[] {
  if (value === '') {
    return [missingField(fieldPath)];
  }
  if (!isValidReference(value)) {
    return [hinted(invalidValue(value, fieldPath), value, false)];
  }
  return [];
}

/** Explains the usual reasons a reference does not parse. */
export function referenceHint(value: string, tagOnly: boolean): string | undefined {
  if (/^[a-z]+:\/\//i.test(value)) {
    return 'an image reference has no scheme: write registry/repository[:tag], not a URL';
  }
  if (/\s/.test(value)) {
    return 'an image reference must not contain whitespace';
  }
  if (tagOnly && value.includes('@')) {
    return 'this field needs a tag reference; kpack rejects digests (@sha256:…) here';
  }
  const repository = value.split('@')[0].replace(/:[^/]*$/, '');
  const path = repository.includes('/') && /[.:]/.test(repository.split('/')[0])
    ? repository.slice(repository.indexOf('/') + 1)
    : repository;
  if (/[A-Z]/.test(path)) {
    return 'repository names must be lowercase';
  }
  return undefined;
}

function hinted(error: FieldError, value: string, tagOnly: boolean): FieldError {
  const hint = referenceHint(value, tagOnly);
  return hint ? withHint(error, hint) : error;
}

/**
 * The library's own rule: go-containerregistry's weak validation reads `https://host/repo` as the
 * registry `https:` and the repository `/host/repo`, which kpack accepts and then fails to push to.
 */
export function validateNoScheme(value: string, fieldPath: string): FieldError[] {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || !isValidReference(value)) {
    return [];
  }
  return [withHint(invalidValue(value, fieldPath), 'an image reference has no scheme: write registry/repository[:tag], not a URL')];
}
