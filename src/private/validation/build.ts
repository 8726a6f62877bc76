import { FieldError, invalidValue, missingField, multipleOneOf } from './field-error';
import { deprecatedForUsers, validateCache, validateEnv, validateNodeSelector, validateServices } from './image';
import { validateEnvNames, validateIntegers, validateResources, validateTimeoutSeconds } from './library';
import { validateImage } from './references';
import { KindRules, KpackObject, KpackRelease, list, record, text } from './rule';
import { SourceRules, validateSource, validateSourceUrls } from './source';
import { parseTag } from '../image-reference';

const ORIGIN = 'kpack pkg/apis/build/v1alpha2/build_validation.go';

/** kpack v0.17+ `Build` (`kpack.io/v1alpha2`) of one release. kpack also rejects every change to a Build's spec. */
export const buildV1alpha2 = (release: KpackRelease): KindRules => ({
  apiVersion: 'kpack.io/v1alpha2',
  kind: 'Build',
  // A Build's cache volume is a claim name: kpack has no size there, and drops one.
  defaults: object => ({ ...object, spec: { ...object.spec, serviceAccountName: text(object.spec?.serviceAccountName) || 'default' } }),
  rules: [
    { id: 'build-tags', condition: 'no tags, or a tag that is not a tag reference', origin: ORIGIN, validate: o => validateTags(o) },
    { id: 'build-builder', condition: 'neither or both of builder.image and builder.ref (then also:) ref without name or kind; image unparsable', origin: ORIGIN, validate: o => validateBuildBuilder(o.spec?.builder) },
    { id: 'build-source', condition: 'as for Image, under spec.source', origin: 'kpack pkg/apis/core/v1alpha1/source_validation.go', validate: o => validateSource(o.spec?.source, 'spec.source', SourceRules.V1ALPHA2) },
    { id: 'build-source-url', condition: 'a git or blob URL written as a host and path without a scheme (`github.com/x/y`): git reads it as a local path, the blob download needs an absolute URL, and the build fails fetching the source', origin: 'cdk8s-kpack', validate: o => validateSourceUrls(o.spec?.source, 'spec.source') },
    { id: 'build-services', condition: 'as for Image, under spec.services', origin: ORIGIN, validate: o => validateServices(o.spec?.services, 'spec.services') },
    { id: 'build-cnb-bindings', condition: 'cnbBindings set', origin: ORIGIN, validate: o => deprecatedForUsers(o.spec?.cnbBindings, 'spec.cnbBindings', 'CNB bindings') },
    { id: 'build-notary', condition: 'notary set', origin: ORIGIN, validate: o => deprecatedForUsers(o.spec?.notary, 'spec.notary', 'notary image signing') },
    { id: 'build-last-build', condition: 'lastBuild.image unparsable', origin: ORIGIN, validate: o => validateLastBuild(o.spec?.lastBuild) },
    { id: 'build-cache', condition: 'both cache.volume and cache.registry', origin: ORIGIN, validate: o => validateCache(o.spec?.cache, 'spec.cache') },
    {
      id: 'build-node-selector',
      condition: release.archNodeSelector ? 'nodeSelector sets kubernetes.io/os, else kubernetes.io/arch' : 'nodeSelector sets kubernetes.io/os',
      origin: ORIGIN,
      validate: o => validateNodeSelector(o.spec?.nodeSelector, 'spec.nodeSelector', release),
    },
    { id: 'build-env', condition: 'an env var from a secretKeyRef', origin: ORIGIN, validate: o => validateEnv(o.spec?.env, 'spec.env') },
    { id: 'build-env-names', condition: 'as for the Image, under spec.env', origin: 'cdk8s-kpack', validate: o => validateEnvNames(o.spec?.env, 'spec.env') },
    { id: 'build-resources', condition: 'a resource limit below its request, under spec.resources', origin: 'cdk8s-kpack', validate: o => validateResources(o.spec?.resources, 'spec.resources') },
    {
      id: 'build-integers',
      condition: 'an integer field (activeDeadlineSeconds, stripComponents) beyond 2^53: JavaScript cannot hold it exactly (fractions and values beyond int64 are kpack\'s decoding errors)',
      origin: 'cdk8s-kpack',
      validate: o => validateIntegers({ spec: o.spec }, ['spec.activeDeadlineSeconds', 'spec.source.blob.stripComponents']),
    },
    { id: 'build-active-deadline', condition: 'activeDeadlineSeconds is outside 1..2147483647: Kubernetes refuses the build pod', origin: 'cdk8s-kpack', validate: o => validateTimeoutSeconds(o.spec?.activeDeadlineSeconds, 'spec.activeDeadlineSeconds') },
  ],
});

function validateTags(object: KpackObject): FieldError[] {
  const tags = list(object.spec?.tags);
  if (tags.length === 0) {
    return [missingField('spec.tags')];
  }
  return tags.flatMap((tag, i) => parseTag(text(tag)) === undefined ? [invalidValue(tag, `spec.tags[${i}]`)] : []);
}

/** kpack's BuildBuilderSpec rules, all of them reported together: present, not both, the ref, the image. */
function validateBuildBuilder(builder: unknown): FieldError[] {
  const config = record(builder) ?? {};
  const image = text(config.image);
  const ref = record(config.ref);
  const errors: FieldError[] = [];
  if (image === '' && !ref) {
    errors.push(missingField('spec.builder.image', 'spec.builder.ref'));
  }
  if (image !== '' && ref) {
    errors.push(multipleOneOf('spec.builder.image', 'spec.builder.ref'));
  }
  if (ref) {
    if (text(ref.name) === '') {
      errors.push(missingField('spec.builder.ref.name'));
    }
    if (text(ref.kind) === '') {
      errors.push(missingField('spec.builder.ref.kind'));
    }
  }
  if (image !== '') {
    errors.push(...validateImage(image, 'spec.builder.image'));
  }
  return errors;
}

function validateLastBuild(lastBuild: unknown): FieldError[] {
  const image = text(record(lastBuild)?.image);
  return image === '' ? [] : validateImage(image, 'spec.lastBuild.image').filter(e => e.message !== 'missing field(s)');
}
