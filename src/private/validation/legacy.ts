import { validateBuilderReference } from './image';
import { validateCacheSize } from './quantities';
import { validateImage, validateNoScheme, validateTag } from './references';
import { KindRules, text } from './rule';
import { SourceRules, validateSource } from './source';

/**
 * kpack v0.0.8 (`build.pivotal.io/v1alpha1`). Its webhook validates Image, Builder, ClusterBuilder and
 * Build; the experimental kinds (Store, Stack, CustomBuilder, CustomClusterBuilder) were registered under
 * the wrong group and are never validated by the shipped webhook.
 */
const IMAGE_ORIGIN = 'kpack v0.0.8 pkg/apis/build/v1alpha1/image_validation.go';
const BUILDER_ORIGIN = 'kpack v0.0.8 pkg/apis/build/v1alpha1/builder_validation.go';

export const IMAGE_V1ALPHA1_0_0_8: KindRules = {
  apiVersion: 'build.pivotal.io/v1alpha1',
  kind: 'Image',
  rules: [
    { id: 'legacy-image-tag', origin: IMAGE_ORIGIN, validate: o => validateTag(text(o.spec?.tag), 'spec.tag') },
    { id: 'legacy-image-tag-scheme', origin: 'cdk8s-kpack', validate: o => validateNoScheme(text(o.spec?.tag), 'spec.tag') },
    {
      id: 'legacy-image-builder',
      origin: IMAGE_ORIGIN,
      validate: o => validateBuilderReference(o.spec?.builder, 'spec.builder', ['Builder', 'ClusterBuilder', 'CustomBuilder', 'CustomClusterBuilder']),
    },
    { id: 'legacy-image-source', origin: IMAGE_ORIGIN, validate: o => validateSource(o.spec?.source, 'spec.source', SourceRules.V1ALPHA1_0_0_8) },
    { id: 'legacy-image-cache-size', origin: 'kp (kpack-cli), and Kubernetes quantity parsing', validate: o => validateCacheSize(o.spec?.cacheSize, 'spec.cacheSize') },
  ],
};

function builderImageRules(kind: string, id: string): KindRules {
  return {
    apiVersion: 'build.pivotal.io/v1alpha1',
    kind,
    rules: [
      { id, origin: BUILDER_ORIGIN, validate: o => validateImage(text(o.spec?.image), 'spec.image') },
    ],
  };
}

export const BUILDER_V1ALPHA1_0_0_8 = builderImageRules('Builder', 'legacy-builder-image');
export const CLUSTER_BUILDER_V1ALPHA1_0_0_8 = builderImageRules('ClusterBuilder', 'legacy-cluster-builder-image');
