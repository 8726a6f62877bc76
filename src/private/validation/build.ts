import { FieldError, invalidValue, missingField, multipleOneOf } from './field-error';
import { deprecatedForUsers, validateCache, validateEnv, validateServices } from './image';
import { validateEnvNames, validatePositiveSeconds, validateResources } from './library';
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
    { id: 'build-tags', origin: ORIGIN, validate: o => validateTags(o) },
    { id: 'build-builder', origin: ORIGIN, validate: o => validateBuildBuilder(o.spec?.builder) },
    { id: 'build-source', origin: 'kpack pkg/apis/core/v1alpha1/source_validation.go', validate: o => validateSource(o.spec?.source, 'spec.source', SourceRules.V1ALPHA2) },
    { id: 'build-services', origin: ORIGIN, validate: o => validateServices(o.spec?.services, 'spec.services') },
    { id: 'build-cnb-bindings', origin: ORIGIN, validate: o => deprecatedForUsers(o.spec?.cnbBindings, 'spec.cnbBindings', 'CNB bindings') },
    { id: 'build-notary', origin: ORIGIN, validate: o => deprecatedForUsers(o.spec?.notary, 'spec.notary', 'notary image signing') },
    { id: 'build-last-build', origin: ORIGIN, validate: o => validateLastBuild(o.spec?.lastBuild) },
    { id: 'build-cache', origin: ORIGIN, validate: o => validateCache(o.spec?.cache, 'spec.cache') },
    { id: 'build-node-selector', origin: ORIGIN, validate: o => validateNodeSelector(o.spec?.nodeSelector) },
    { id: 'build-env', origin: ORIGIN, validate: o => validateEnv(o.spec?.env, 'spec.env') },
    { id: 'build-env-names', origin: 'cdk8s-kpack', validate: o => validateEnvNames(o.spec?.env, 'spec.env') },
    { id: 'build-resources', origin: 'cdk8s-kpack', validate: o => validateResources(o.spec?.resources, 'spec.resources') },
    { id: 'build-active-deadline', origin: 'cdk8s-kpack', validate: o => validatePositiveSeconds(o.spec?.activeDeadlineSeconds, 'spec.activeDeadlineSeconds') },
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
