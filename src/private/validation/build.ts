import { FieldError, invalidValue, missingField, multipleOneOf } from './field-error';
import { deprecatedForUsers, validateCache, validateEnv, validateServices } from './image';
import { validateEnvNames, validateIntegers, validatePositiveSeconds, validateResources } from './library';
import { validateImage } from './references';
import { KindRules, KpackObject, list, record, text } from './rule';
import { SourceRules, validateSource } from './source';
import { parseTag } from '../image-reference';

const ORIGIN = 'kpack pkg/apis/build/v1alpha2/build_validation.go';
const OS_LABEL = 'kubernetes.io/os';

/** kpack v0.17 `Build` (`kpack.io/v1alpha2`). kpack also rejects every change to a Build's spec. */
export const BUILD_V1ALPHA2: KindRules = {
  apiVersion: 'kpack.io/v1alpha2',
  kind: 'Build',
  defaults: object => ({ ...object, spec: { ...object.spec, serviceAccountName: text(object.spec?.serviceAccountName) || 'default' } }),
  rules: [
    { id: 'build-tags', condition: 'no tags, or a tag that is not a tag reference', origin: ORIGIN, validate: o => validateTags(o) },
    { id: 'build-builder', condition: 'neither or both of builder.image and builder.ref; ref without name or kind; image unparsable', origin: ORIGIN, validate: o => validateBuildBuilder(o.spec?.builder) },
    { id: 'build-source', condition: 'as for Image, under spec.source', origin: 'kpack pkg/apis/core/v1alpha1/source_validation.go', validate: o => validateSource(o.spec?.source, 'spec.source', SourceRules.V1ALPHA2) },
    { id: 'build-services', condition: 'as for Image, under spec.services', origin: ORIGIN, validate: o => validateServices(o.spec?.services, 'spec.services') },
    { id: 'build-cnb-bindings', condition: 'cnbBindings set', origin: ORIGIN, validate: o => deprecatedForUsers(o.spec?.cnbBindings, 'spec.cnbBindings', 'CNB bindings') },
    { id: 'build-notary', condition: 'notary set', origin: ORIGIN, validate: o => deprecatedForUsers(o.spec?.notary, 'spec.notary', 'notary image signing') },
    { id: 'build-last-build', condition: 'lastBuild.image unparsable', origin: ORIGIN, validate: o => validateLastBuild(o.spec?.lastBuild) },
    { id: 'build-cache', condition: 'both cache.volume and cache.registry', origin: ORIGIN, validate: o => validateCache(o.spec?.cache, 'spec.cache') },
    { id: 'build-node-selector', condition: 'nodeSelector sets kubernetes.io/os', origin: ORIGIN, validate: o => validateNodeSelector(o.spec?.nodeSelector) },
    { id: 'build-env', condition: 'an env var from a secretKeyRef', origin: ORIGIN, validate: o => validateEnv(o.spec?.env, 'spec.env') },
    { id: 'build-env-names', condition: 'as for Image, under spec.env', origin: 'cdk8s-kpack', validate: o => validateEnvNames(o.spec?.env, 'spec.env') },
    { id: 'build-resources', condition: 'as for Image, under spec.resources', origin: 'cdk8s-kpack', validate: o => validateResources(o.spec?.resources, 'spec.resources') },
    {
      id: 'build-integers',
      condition: 'an integer field (activeDeadlineSeconds, stripComponents) holds a fraction, NaN, an infinity or more than 2^53',
      origin: 'cdk8s-kpack',
      validate: o => validateIntegers({ spec: o.spec }, ['spec.activeDeadlineSeconds', 'spec.source.blob.stripComponents']),
    },
    { id: 'build-active-deadline', condition: 'activeDeadlineSeconds is not positive', origin: 'cdk8s-kpack', validate: o => validatePositiveSeconds(o.spec?.activeDeadlineSeconds, 'spec.activeDeadlineSeconds') },
  ],
};

function validateTags(object: KpackObject): FieldError[] {
  const tags = list(object.spec?.tags);
  if (tags.length === 0) {
    return [missingField('spec.tags')];
  }
  return tags.flatMap((tag, i) => parseTag(text(tag)) === undefined ? [invalidValue(tag, `spec.tags[${i}]`)] : []);
}

function validateBuildBuilder(builder: unknown): FieldError[] {
  const config = record(builder) ?? {};
  const image = text(config.image);
  const ref = record(config.ref);
  if (image === '' && !ref) {
    return [missingField('spec.builder.image', 'spec.builder.ref')];
  }
  if (image !== '' && ref) {
    return [multipleOneOf('spec.builder.image', 'spec.builder.ref')];
  }
  if (ref) {
    return [
      ...text(ref.name) === '' ? [missingField('spec.builder.ref.name')] : [],
      ...text(ref.kind) === '' ? [missingField('spec.builder.ref.kind')] : [],
    ];
  }
  return validateImage(image, 'spec.builder.image');
}

function validateLastBuild(lastBuild: unknown): FieldError[] {
  const image = text(record(lastBuild)?.image);
  return image === '' ? [] : validateImage(image, 'spec.lastBuild.image').filter(e => e.message !== 'missing field(s)');
}

function validateNodeSelector(nodeSelector: unknown): FieldError[] {
  const selector = record(nodeSelector);
  return selector && OS_LABEL in selector
    ? [{ message: `invalid key name "${OS_LABEL}"`, paths: ['spec.nodeSelector'], details: 'os is determined automatically' }]
    : [];
}
