import { validateServiceAccountRef } from './builder';
import { missingField } from './field-error';
import { validateImage } from './references';
import { KindRules, text } from './rule';

/** kpack v0.17 `Buildpack`: a parseable image; the service account defaults to `default`. */
export const BUILDPACK_V1ALPHA2: KindRules = {
  apiVersion: 'kpack.io/v1alpha2',
  kind: 'Buildpack',
  rules: [
    { id: 'buildpack-image', condition: 'image is empty or unparsable', origin: 'kpack pkg/apis/build/v1alpha2/buildpack_validation.go', validate: o => validateImage(text(o.spec?.image), 'spec.image') },
  ],
};

/** kpack v0.17 `ClusterBuildpack`: an optional service account reference (checked first, alone), a parseable image. */
export const CLUSTER_BUILDPACK_V1ALPHA2: KindRules = {
  apiVersion: 'kpack.io/v1alpha2',
  kind: 'ClusterBuildpack',
  rules: [
    { id: 'cluster-buildpack-service-account-ref', condition: 'a serviceAccountRef without name, then without namespace (reported alone)', origin: 'kpack pkg/apis/build/v1alpha2/cluster_buildpack_validation.go', exclusive: true, validate: o => validateServiceAccountRef(o.spec?.serviceAccountRef, false) },
    { id: 'cluster-buildpack-image', condition: 'image is empty or unparsable', origin: 'kpack pkg/apis/build/v1alpha2/cluster_buildpack_validation.go', validate: o => validateImage(text(o.spec?.image), 'spec.image') },
  ],
};

/** kpack v0.17 `ClusterLifecycle`: an optional service account reference (checked first, alone), an image (not parsed). */
export const CLUSTER_LIFECYCLE_V1ALPHA2: KindRules = {
  apiVersion: 'kpack.io/v1alpha2',
  kind: 'ClusterLifecycle',
  rules: [
    { id: 'cluster-lifecycle-service-account-ref', condition: 'a serviceAccountRef without name, then without namespace (reported alone)', origin: 'kpack pkg/apis/build/v1alpha2/cluster_lifecycle_validation.go', exclusive: true, validate: o => validateServiceAccountRef(o.spec?.serviceAccountRef, false) },
    { id: 'cluster-lifecycle-image', condition: 'image is empty (not parsed)', origin: 'kpack pkg/apis/build/v1alpha2/cluster_lifecycle_validation.go', validate: o => text(o.spec?.image) === '' ? [missingField('spec.image')] : [] },
  ],
};
