import { FieldError, generic, invalidValue, missingField, missingOneOf, multipleOneOf, withHint } from './field-error';
import { validateImage } from './references';
import { GRAMMAR_2020_03, GRAMMAR_V0_20_6 } from '../image-reference';
import { path, record, text } from './rule';

/** Which generation's `SourceConfig` rules apply. */
export enum SourceRules {
  /** kpack v0.0.8 (`build.pivotal.io/v1alpha1`): git, blob url, registry. */
  V1ALPHA1_0_0_8,
  /** kpack v0.17 (`kpack.io/v1alpha2`): adds blob `auth` and `stripComponents`. */
  V1ALPHA2,
}

const BLOB_AUTH_VALUES = ['', 'helper', 'secret'];

/** kpack's `SourceConfig.Validate`: exactly one of git, blob and registry, each complete. */
export function validateSource(source: unknown, base: string, rules: SourceRules): FieldError[] {
  const config = record(source) ?? {};
  const kinds = ['git', 'blob', 'registry'].filter(kind => config[kind] !== undefined && config[kind] !== null);
  if (kinds.length === 0) {
    return [missingOneOf(path(base, 'git'), path(base, 'blob'), path(base, 'registry'))];
  }
  if (kinds.length > 1) {
    return [multipleOneOf(...kinds.map(kind => path(base, kind)))];
  }

  const errors: FieldError[] = [];
  const git = record(config.git);
  if (git) {
    if (text(git.url) === '') {
      errors.push(missingField(path(base, 'git.url')));
    }
    if (text(git.revision) === '') {
      errors.push(missingField(path(base, 'git.revision')));
    }
  }
  const blob = record(config.blob);
  if (blob) {
    if (rules === SourceRules.V1ALPHA2 && !BLOB_AUTH_VALUES.includes(text(blob.auth))) {
      // kpack returns this error alone for the blob.
      return [invalidValue(blob.auth, path(base, 'blob.auth'), "must be one of '', 'helper', or 'secret'")];
    }
    if (text(blob.url) === '') {
      errors.push(missingField(path(base, 'blob.url')));
    }
    if (rules === SourceRules.V1ALPHA2) {
      if (typeof blob.stripComponents === 'number' && blob.stripComponents < 0) {
        errors.push(generic(`expected positive integer got ${blob.stripComponents}`, path(base, 'blob.stripComponents')));
      }
    }
  }
  const registry = record(config.registry);
  if (registry) {
    errors.push(...validateImage(text(registry.image), path(base, 'registry.image'), rules === SourceRules.V1ALPHA2 ? GRAMMAR_V0_20_6 : GRAMMAR_2020_03));
  }
  return errors;
}

/** A URL that starts with a host name (with a dot, and maybe a port) and no scheme: `github.com/x/y`. */
const HOST_WITHOUT_SCHEME = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?\//;
const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]/;

/**
 * Source URLs kpack accepts and then cannot fetch (ours): a URL written as a host and path without a
 * scheme (`github.com/x/y`). git (go-git, in the build pod) reads it as a local path (it is neither a URL
 * nor scp syntax `host:path`), and the blob download (Go's HTTP client) needs an absolute URL (any blob URL
 * without `scheme://host` fails with "unsupported protocol scheme"). The build
 * fails in its prepare step.
 */
export function validateSourceUrls(source: unknown, base: string): FieldError[] {
  const config = record(source) ?? {};
  const errors: FieldError[] = [];
  const gitUrl = text(record(config.git)?.url);
  if (HOST_WITHOUT_SCHEME.test(gitUrl)) {
    errors.push(withHint(invalidValue(gitUrl, path(base, 'git.url')),
      `git reads a URL without a scheme as a local path, and the build cannot clone it: write https://${gitUrl} (or git@host:org/repo.git over ssh)`));
  }
  const blobUrl = text(record(config.blob)?.url);
  // An empty URL is kpack's own missing-field rule.
  if (blobUrl !== '' && !ABSOLUTE_URL.test(blobUrl)) {
    errors.push(withHint(invalidValue(blobUrl, path(base, 'blob.url')),
      'kpack downloads the blob with an HTTP client, which needs an absolute URL: write https://host/path'));
  }
  return errors;
}
