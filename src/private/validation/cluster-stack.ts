import { validateServiceAccountRef } from './builder';
import { missingField } from './field-error';
import { validateImage } from './references';
import { KindRules, text } from './rule';

const ORIGIN = 'kpack pkg/apis/build/v1alpha2/cluster_stack_validation.go';

/** kpack v0.17 `ClusterStack`: an optional service account reference is checked first and alone. */
export const CLUSTER_STACK_V1ALPHA2: KindRules = {
  apiVersion: 'kpack.io/v1alpha2',
  kind: 'ClusterStack',
  rules: [
    { id: 'cluster-stack-service-account-ref', condition: 'a serviceAccountRef without name, then without namespace (reported alone)', origin: ORIGIN, exclusive: true, validate: o => validateServiceAccountRef(o.spec?.serviceAccountRef, false) },
    { id: 'cluster-stack-id', condition: 'id is empty', origin: ORIGIN, validate: o => text(o.spec?.id) === '' ? [missingField('spec.id')] : [] },
    { id: 'cluster-stack-build-image', condition: 'buildImage.image is empty or unparsable', origin: ORIGIN, validate: o => validateImage(text(o.spec?.buildImage?.image), 'spec.buildImage.image') },
    { id: 'cluster-stack-run-image', condition: 'runImage.image is empty or unparsable', origin: ORIGIN, validate: o => validateImage(text(o.spec?.runImage?.image), 'spec.runImage.image') },
  ],
};
