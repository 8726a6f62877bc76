import { invalidValue, missingField } from './field-error';
import { validateBuilderReference } from './image';
import { validateEnvNames, validateIntegers, validateResources } from './library';
import { validateCacheSize } from './quantities';
import { validateImage, validateNoScheme, validateTag } from './references';
import { KindRules, list, text } from './rule';
import { SourceRules, validateSource, validateSourceUrls } from './source';
import { GRAMMAR_2020_03 } from '../image-reference';

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
    { id: 'legacy-image-tag', condition: 'tag is empty, or not a tag reference', origin: IMAGE_ORIGIN, validate: o => validateTag(text(o.spec?.tag), 'spec.tag', GRAMMAR_2020_03) },
    { id: 'legacy-image-tag-scheme', condition: 'tag is written as a URL', origin: 'cdk8s-kpack', validate: o => validateNoScheme(text(o.spec?.tag), 'spec.tag', GRAMMAR_2020_03) },
    {
      id: 'legacy-image-builder',
      condition: 'builder.name is empty, or builder.kind is not Builder, ClusterBuilder, CustomBuilder or CustomClusterBuilder (empty included)',
      origin: IMAGE_ORIGIN,
      validate: o => validateBuilderReference(o.spec?.builder, 'spec.builder', ['Builder', 'ClusterBuilder', 'CustomBuilder', 'CustomClusterBuilder']),
    },
    { id: 'legacy-image-source', condition: 'not exactly one source; git without url or revision; blob without url; registry image empty or unparsable', origin: IMAGE_ORIGIN, validate: o => validateSource(o.spec?.source, 'spec.source', SourceRules.V1ALPHA1_0_0_8) },
    { id: 'legacy-image-source-url', condition: 'a git or blob URL written as a host and path without a scheme (`github.com/x/y`): git reads it as a local path, the blob download needs an absolute URL, and the build fails fetching the source', origin: 'cdk8s-kpack', validate: o => validateSourceUrls(o.spec?.source, 'spec.source') },
    { id: 'legacy-image-env-names', condition: 'as for v0.17, under spec.build.env', origin: 'cdk8s-kpack', validate: o => validateEnvNames(o.spec?.build?.env, 'spec.build.env') },
    { id: 'legacy-image-resources', condition: 'a build resource limit below its request, under spec.build.resources', origin: 'cdk8s-kpack', validate: o => validateResources(o.spec?.build?.resources, 'spec.build.resources') },
    {
      id: 'legacy-image-integers',
      condition: 'a history limit beyond 2^53: JavaScript cannot hold it exactly (fractions are kpack\'s decoding errors)',
      origin: 'cdk8s-kpack',
      validate: o => validateIntegers({ spec: o.spec }, ['spec.failedBuildHistoryLimit', 'spec.successBuildHistoryLimit']),
    },
    { id: 'legacy-image-cache-size', condition: 'cacheSize is not greater than 0', origin: 'kp (kpack-cli)', validate: o => validateCacheSize(o.spec?.cacheSize, 'spec.cacheSize') },
  ],
};

/** kpack v0.0.8 `Build`: tags, a builder image, a source; the whole spec is immutable. */
export const BUILD_V1ALPHA1_0_0_8: KindRules = {
  apiVersion: 'build.pivotal.io/v1alpha1',
  kind: 'Build',
  rules: [
    {
      id: 'legacy-build-tags',
      condition: 'no tags, or a tag that is not a tag reference (one line per value)',
      origin: 'kpack v0.0.8 pkg/apis/build/v1alpha1/build_validation.go',
      validate: o => {
        const tags = list(o.spec?.tags);
        return tags.length === 0
          ? [missingField('spec.tags')]
          // validate.Tags parses every tag, so an empty one is an invalid value (not a missing field).
          : tags.flatMap((tag, i) => (text(tag) === '' ? [invalidValue('', `spec.tags[${i}]`)] : validateTag(text(tag), `spec.tags[${i}]`, GRAMMAR_2020_03)));
      },
    },
    { id: 'legacy-build-builder-image', condition: 'builder.image is empty or unparsable', origin: 'kpack v0.0.8 pkg/apis/build/v1alpha1/build_validation.go', validate: o => validateImage(text(o.spec?.builder?.image), 'spec.builder.image', GRAMMAR_2020_03) },
    { id: 'legacy-build-source', condition: 'as for the v0.0.8 Image', origin: 'kpack v0.0.8 pkg/apis/build/v1alpha1/build_validation.go', validate: o => validateSource(o.spec?.source, 'spec.source', SourceRules.V1ALPHA1_0_0_8) },
    { id: 'legacy-build-source-url', condition: 'a git or blob URL written as a host and path without a scheme (`github.com/x/y`): git reads it as a local path, the blob download needs an absolute URL, and the build fails fetching the source', origin: 'cdk8s-kpack', validate: o => validateSourceUrls(o.spec?.source, 'spec.source') },
    {
      id: 'legacy-build-last-build',
      condition: 'lastBuild.image unparsable',
      origin: 'kpack v0.0.8 pkg/apis/build/v1alpha1/build_validation.go',
      validate: o => text(o.spec?.lastBuild?.image) === '' ? [] : validateImage(text(o.spec?.lastBuild?.image), 'spec.lastBuild.image', GRAMMAR_2020_03),
    },
  ],
};

function builderImageRules(kind: string, id: string): KindRules {
  return {
    apiVersion: 'build.pivotal.io/v1alpha1',
    kind,
    rules: [
      { id, condition: 'image is empty or unparsable', origin: BUILDER_ORIGIN, validate: o => validateImage(text(o.spec?.image), 'spec.image', GRAMMAR_2020_03) },
    ],
  };
}

export const BUILDER_V1ALPHA1_0_0_8 = builderImageRules('Builder', 'legacy-builder-image');
export const CLUSTER_BUILDER_V1ALPHA1_0_0_8 = builderImageRules('ClusterBuilder', 'legacy-cluster-builder-image');
