import { validateServiceAccountRef } from './builder';
import { FieldError, invalidValue, missingField } from './field-error';
import { referenceHint } from './references';
import { KindRules, list, text } from './rule';
import { isValidReference } from '../image-reference';

const ORIGIN = 'kpack pkg/apis/build/v1alpha2/cluster_store_validation.go';

/** kpack v0.17 `ClusterStore`: at least one source, each a parseable reference (a digest is not required). */
export const CLUSTER_STORE_V1ALPHA2: KindRules = {
  apiVersion: 'kpack.io/v1alpha2',
  kind: 'ClusterStore',
  rules: [
    { id: 'cluster-store-service-account-ref', condition: 'a serviceAccountRef without name, then without namespace (reported alone)', origin: ORIGIN, exclusive: true, validate: o => validateServiceAccountRef(o.spec?.serviceAccountRef, false) },
    { id: 'cluster-store-sources', condition: 'no sources, or a source image that does not parse (printed as a Go struct)', origin: ORIGIN, validate: o => validateSources(o.spec?.sources) },
  ],
};

function validateSources(sources: unknown): FieldError[] {
  const entries = list(sources);
  if (entries.length === 0) {
    return [missingField('spec.sources')];
  }
  const errors: FieldError[] = [];
  entries.forEach((source, i) => {
    const image = text(source?.image);
    if (!isValidReference(image)) {
      // kpack prints the whole source struct, Go style: `{image}`.
      const hint = referenceHint(image, false);
      errors.push({ ...invalidValue(`{${image}}`, `spec.sources[${i}]`), ...(hint ? { hint } : {}) });
    }
  });
  return errors;
}
