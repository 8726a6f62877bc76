import { FieldError, generic, invalidValue, missingField, withHint } from './field-error';
import { validateEnvNames, validateIntegers, validateResources, validateTimeoutSeconds } from './library';
import { validateCacheSize } from './quantities';
import { validateNoScheme, validateTag } from './references';
import { KindRules, KpackObject, KpackRelease, list, record, text } from './rule';
import { SourceRules, validateSource, validateSourceUrls } from './source';
import { parseTag } from '../image-reference';

const ORIGIN = 'kpack pkg/apis/build/v1alpha2/image_validation.go';
const LIBRARY_ORIGIN = 'cdk8s-kpack';
const KP_ORIGIN = 'kp (kpack-cli) image create/patch';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const SERVICE_NAME = /^[a-z0-9\-.]{1,253}$/;
const OS_LABEL = 'kubernetes.io/os';
const ARCH_LABEL = 'kubernetes.io/arch';

/** kpack v0.17+ `Image` (`kpack.io/v1alpha2`) of one kpack release, after kpack's defaults. */
export const imageV1alpha2 = (release: KpackRelease): KindRules => ({
  apiVersion: 'kpack.io/v1alpha2',
  kind: 'Image',
  defaults: object => ({
    ...object,
    spec: {
      ...object.spec,
      serviceAccountName: text(object.spec?.serviceAccountName) || 'default',
      // kpack's SetDefaults: an empty strategy is BuildNumber, like an absent one.
      imageTaggingStrategy: object.spec?.imageTaggingStrategy === undefined || object.spec?.imageTaggingStrategy === '' ? 'BuildNumber' : object.spec.imageTaggingStrategy,
      failedBuildHistoryLimit: object.spec?.failedBuildHistoryLimit ?? 10,
      successBuildHistoryLimit: object.spec?.successBuildHistoryLimit ?? 10,
    },
  }),
  rules: [
    { id: 'image-tag', condition: 'tag is empty, or not a tag reference (go-containerregistry weak validation; digests rejected)', origin: ORIGIN, validate: o => validateTag(text(o.spec?.tag), 'spec.tag') },
    {
      id: 'image-tag-scheme',
      condition: 'tag or an additional tag is written as a URL (kpack reads `https:` as the registry)',
      origin: LIBRARY_ORIGIN,
      validate: o => [
        ...validateNoScheme(text(o.spec?.tag), 'spec.tag'),
        ...list(o.spec?.additionalTags).flatMap((tag, i) => validateNoScheme(text(tag), `spec.additionalTags[${i}]`)),
      ],
    },
    { id: 'image-additional-tags', condition: 'an additional tag is not a tag reference, or names another registry than tag (the first such tag is reported)', origin: ORIGIN, validate: o => validateAdditionalTags(o) },
    { id: 'image-builder', condition: 'builder.name is empty, or builder.kind is not Builder or ClusterBuilder', origin: ORIGIN, validate: o => validateBuilderReference(o.spec?.builder, 'spec.builder', ['Builder', 'ClusterBuilder']) },
    { id: 'image-source', condition: 'not exactly one of git, blob and registry; git without url or revision; blob without url, auth not ""/helper/secret, stripComponents < 0; registry image empty or unparsable', origin: 'kpack pkg/apis/core/v1alpha1/source_validation.go', validate: o => validateSource(o.spec?.source, 'spec.source', SourceRules.V1ALPHA2) },
    { id: 'image-source-url', condition: 'a git or blob URL written as a host and path without a scheme (`github.com/x/y`): git reads it as a local path, the blob download needs an absolute URL, and the build fails fetching the source', origin: 'cdk8s-kpack', validate: o => validateSourceUrls(o.spec?.source, 'spec.source') },
    {
      id: 'image-build',
      condition: release.archNodeSelector
        ? 'build.nodeSelector sets kubernetes.io/os, then kubernetes.io/arch, or creationTime is not `now` or an int64 (each reported alone for the build); services without or with a bad or duplicate name, or without kind; cnbBindings set; env from a secretKeyRef'
        : 'build.nodeSelector sets kubernetes.io/os, or creationTime is not `now` or an int64 (each reported alone for the build); services without or with a bad or duplicate name, or without kind; cnbBindings set; env from a secretKeyRef',
      origin: ORIGIN,
      validate: o => validateImageBuild(o.spec?.build, 'spec.build', release),
    },
    { id: 'image-cache', condition: 'both cache.volume and cache.registry', origin: ORIGIN, validate: o => validateCache(o.spec?.cache, 'spec.cache') },
    { id: 'image-cache-size', condition: 'cache.volume.size is not greater than 0', origin: KP_ORIGIN, validate: o => validateCacheSize(o.spec?.cache?.volume?.size, 'spec.cache.volume.size') },
    { id: 'image-notary', condition: 'notary set (kpack only lets its controller set it)', origin: ORIGIN, validate: o => deprecatedForUsers(o.spec?.notary, 'spec.notary', 'notary image signing') },
    { id: 'image-cosign', condition: 'a cosign annotation without name or value', origin: 'kpack pkg/apis/build/v1alpha2/cosign_validation.go', validate: o => validateCosign(o.spec?.cosign, 'spec.cosign') },
    { id: 'image-build-history-limit', condition: 'failedBuildHistoryLimit < 1 (checked first), else successBuildHistoryLimit < 1', origin: ORIGIN, validate: o => validateBuildHistoryLimits(o) },
    { id: 'image-name', condition: 'metadata.name is not a valid label value (over 63 characters, or other characters)', origin: ORIGIN, validate: o => validateImageName(text(o.metadata?.name)) },
    { id: 'image-env-names', condition: 'a build env name that is empty, `.` or `..`, holds a character outside `-._a-zA-Z0-9` (or `=`), starts with CNB_, or repeats: kpack writes each to /platform/env/<name> and the build fails or loses a value', origin: LIBRARY_ORIGIN, validate: o => validateEnvNames(o.spec?.build?.env, 'spec.build.env') },
    { id: 'image-resources', condition: 'a build resource limit below its request: Kubernetes refuses the build pod', origin: LIBRARY_ORIGIN, validate: o => validateResources(o.spec?.build?.resources, 'spec.build.resources') },
    {
      id: 'image-integers',
      condition: 'an integer field (history limits, stripComponents, buildTimeout) beyond 2^53: JavaScript cannot hold it exactly, so the value written is not the one meant (kpack decodes fractions and values beyond int64 as errors, before the rules)',
      origin: LIBRARY_ORIGIN,
      validate: o => validateIntegers({ spec: o.spec }, ['spec.failedBuildHistoryLimit', 'spec.successBuildHistoryLimit', 'spec.source.blob.stripComponents', 'spec.build.buildTimeout']),
    },
    { id: 'image-build-timeout', condition: 'build.buildTimeout is outside 1..2147483647 seconds: Kubernetes refuses the build pod (activeDeadlineSeconds)', origin: LIBRARY_ORIGIN, validate: o => validateTimeoutSeconds(o.spec?.build?.buildTimeout, 'spec.build.buildTimeout') },
  ],
});

function validateAdditionalTags(object: KpackObject): FieldError[] {
  const tags = list(object.spec?.additionalTags);
  const errors: FieldError[] = [];
  tags.forEach((tag, i) => {
    if (parseTag(text(tag)) === undefined) {
      errors.push(invalidValue(tag, `spec.additionalTags[${i}]`));
    }
  });
  // Checked only against a valid tag; the first tag in another registry is reported.
  const primary = parseTag(text(object.spec?.tag));
  if (primary) {
    for (const tag of tags) {
      const other = parseTag(text(tag));
      if (other && other.registry !== primary.registry) {
        errors.push({
          message: 'all additionalTags must have the same registry as tag',
          paths: ['spec.additionalTags'],
          details: `expected registry: ${primary.registry}, got: ${other.registry}`,
        });
        break;
      }
    }
  }
  return errors;
}

/** An object reference to a builder: the name is required, then the kind must be one of `kinds`. */
export function validateBuilderReference(reference: unknown, base: string, kinds: string[]): FieldError[] {
  const ref = record(reference) ?? {};
  if (text(ref.name) === '') {
    return [missingField(`${base}.name`)];
  }
  if (!kinds.includes(text(ref.kind))) {
    return [invalidValue(ref.kind, `${base}.kind`)];
  }
  return [];
}

function validateImageBuild(build: unknown, base: string, release: KpackRelease): FieldError[] {
  const config = record(build);
  if (!config) {
    return [];
  }
  // kpack returns each of these alone for the build.
  const nodeSelector = validateNodeSelector(config.nodeSelector, `${base}.nodeSelector`, release);
  if (nodeSelector.length > 0) {
    return nodeSelector;
  }
  const creationTime = validateCreationTime(config.creationTime, `${base}.creationTime`);
  if (creationTime.length > 0) {
    return creationTime;
  }
  return [
    ...validateServices(config.services, `${base}.services`),
    ...deprecatedForUsers(config.cnbBindings, `${base}.cnbBindings`, 'CNB bindings'),
    ...validateEnv(config.env, `${base}.env`),
  ];
}

/** kpack's node selector rule: the OS label (and, from v0.18.0, the arch label) is kpack's to set. */
export function validateNodeSelector(nodeSelector: unknown, fieldPath: string, release: KpackRelease): FieldError[] {
  const selector = record(nodeSelector);
  if (selector && OS_LABEL in selector) {
    return [{ message: `invalid key name "${OS_LABEL}"`, paths: [fieldPath], details: 'os is determined automatically' }];
  }
  if (release.archNodeSelector && selector && ARCH_LABEL in selector) {
    return [withHint(
      { message: `invalid key name "${ARCH_LABEL}"`, paths: [fieldPath], details: 'arch is determined automatically' },
      'kpack v0.18 pins the build pod to the architecture of the builder image',
    )];
  }
  return [];
}

/** kpack's Services rule, in its order: a repeated name (any name, empty too), then the name, then the kind. */
export function validateServices(services: unknown, base: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  list(services).forEach((service, i) => {
    const name = text(service?.name);
    if (seen.has(name)) {
      errors.push(generic(`duplicate service name "${goQuote(name)}"`, `${base}[${seen.get(name)}].name`, `${base}[${i}].name`));
    }
    seen.set(name, i);
    if (name === '') {
      errors.push(missingField(`${base}[${i}].name`));
    } else if (!SERVICE_NAME.test(name)) {
      errors.push(invalidValue(name, `${base}[${i}].name`));
    }
    if (text(service?.kind) === '') {
      errors.push(missingField(`${base}[${i}].kind`));
    }
  });
  return errors;
}

const GO_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };

/** The inside of Go's `%q` for a string (`strconv.Quote`): printable characters as they are, others escaped. */
export function goQuote(value: string): string {
  let quoted = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (GO_ESCAPES[char] !== undefined) {
      quoted += GO_ESCAPES[char];
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate reaches Go as U+FFFD, which it prints.
      quoted += '\ufffd';
    } else if (char === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(char)) {
      quoted += char;
    } else if (code < 0x80) {
      quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    } else if (code < 0x10000) {
      quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      quoted += `\\U${code.toString(16).padStart(8, '0')}`;
    }
  }
  return quoted;
}

export function validateEnv(env: unknown, base: string): FieldError[] {
  const errors: FieldError[] = [];
  list(env).forEach((variable, i) => {
    if (record(variable?.valueFrom)?.secretKeyRef !== undefined) {
      errors.push(withHint(
        generic('secretKeyRef is not supported for build environment variables', `${base}[${i}].valueFrom.secretKeyRef`),
        'give the value directly, or bind the secret as a service binding',
      ));
    }
  });
  return errors;
}

/** `strconv.ParseInt(creationTime, 10, 64)` must succeed, unless it is empty or `now`. */
export function validateCreationTime(creationTime: unknown, fieldPath: string): FieldError[] {
  const value = text(creationTime);
  if (value === '' || value === 'now') {
    return [];
  }
  const valid = /^[+-]?[0-9]+$/.test(value) && BigInt(value) <= 2n ** 63n - 1n && BigInt(value) >= -(2n ** 63n);
  return valid ? [] : [invalidValue(value, fieldPath)];
}

/** Fields kpack v0.17 only accepts from its own controller. */
export function deprecatedForUsers(value: unknown, fieldPath: string, feature: string): FieldError[] {
  const present = Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
  return present
    ? [generic(`use of this field has been deprecated in v1alpha2, please use v1alpha1 for ${feature}`, fieldPath)]
    : [];
}

export function validateCache(cache: unknown, base: string): FieldError[] {
  const config = record(cache);
  if (config && config.volume !== undefined && config.registry !== undefined) {
    return [generic('only one type of cache can be specified', `${base}.registry`, `${base}.volume`)];
  }
  return [];
}

function validateCosign(cosign: unknown, base: string): FieldError[] {
  const errors: FieldError[] = [];
  list(record(cosign)?.annotations).forEach((annotation, i) => {
    if (text(annotation?.name) === '') {
      errors.push(missingField(`${base}.annotations[${i}].name`));
    }
    if (text(annotation?.value) === '') {
      errors.push(missingField(`${base}.annotations[${i}].value`));
    }
  });
  return errors;
}

function validateBuildHistoryLimits(object: KpackObject): FieldError[] {
  // kpack reports the failed limit first, and only one of the two.
  for (const field of ['failedBuildHistoryLimit', 'successBuildHistoryLimit']) {
    const limit = object.spec?.[field];
    if (typeof limit === 'number' && limit < 1) {
      return [generic('build history limit must be greater than 0', `spec.${field}`)];
    }
  }
  return [];
}

function validateImageName(name: string): FieldError[] {
  const problems: string[] = [];
  if (name.length > 63) {
    problems.push('must be no more than 63 characters');
  }
  if (!LABEL_VALUE.test(name)) {
    problems.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  }
  if (problems.length === 0) {
    return [];
  }
  return [withHint(
    { message: `invalid image name: ${name}, name must be a valid label`, paths: ['metadata.name'], details: problems.join(',') },
    'kpack uses the Image name as a label value; set metadata.name explicitly to a shorter name',
  )];
}
