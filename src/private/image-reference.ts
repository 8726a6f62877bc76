/**
 * Image references as kpack parses them: go-containerregistry's `name` package with
 * `name.WeakValidation` (kpack's `validate.Tag` uses `name.NewTag`, `validate.Image` uses
 * `name.ParseReference`). Re-stated here so that synth rejects exactly what kpack's webhook rejects.
 */

/** The registry go-containerregistry assumes when a reference names none. */
export const DEFAULT_REGISTRY = 'index.docker.io';

export interface ImageReference {
  /** Registry host (and port), `index.docker.io` when the reference names none. */
  readonly registry: string;
  /** Repository path inside the registry, as written. */
  readonly repository: string;
  /** Tag, when written. */
  readonly tag?: string;
  /** Digest (`sha256:…`), when written. */
  readonly digest?: string;
}

const TAG_CHARS = /^[A-Za-z0-9_.-]{1,127}$/;
const REPOSITORY_CHARS = /^[a-z0-9_./-]{2,255}$/;
const DIGEST_CHARS = /^[sh:0-9a-f]{71}$/;

/** `name.NewTag(ref, name.WeakValidation)`: a repository with an optional tag, never a digest. */
export function parseTag(ref: string): ImageReference | undefined {
  let base = ref;
  let tag: string | undefined;
  const parts = ref.split(':');
  // The last `:` separates a tag unless what follows it contains a `/` (then it was a registry port).
  if (parts.length > 1 && !parts[parts.length - 1].includes('/')) {
    base = parts.slice(0, -1).join(':');
    tag = parts[parts.length - 1];
  }
  if (tag !== undefined && tag !== '' && !TAG_CHARS.test(tag)) {
    return undefined;
  }
  const repository = parseRepository(base);
  if (!repository) {
    return undefined;
  }
  return { ...repository, tag: tag === '' ? undefined : tag };
}

/** `name.ParseReference(ref, name.WeakValidation)`: a tag reference or a digest reference. */
export function parseReference(ref: string): ImageReference | undefined {
  return parseTag(ref) ?? parseDigest(ref);
}

function parseDigest(ref: string): ImageReference | undefined {
  const parts = ref.split('@');
  if (parts.length !== 2 || !DIGEST_CHARS.test(parts[1])) {
    return undefined;
  }
  // `repo:tag@sha256:…` is accepted: the tag is dropped.
  const tagged = parseTag(parts[0]);
  const repository = tagged ?? parseRepository(parts[0]);
  if (!repository) {
    return undefined;
  }
  return { registry: repository.registry, repository: repository.repository, digest: parts[1] };
}

function parseRepository(name: string): { registry: string; repository: string } | undefined {
  if (name === '') {
    return undefined;
  }
  let registry = '';
  let repository = name;
  const slash = name.indexOf('/');
  if (slash >= 0) {
    const first = name.slice(0, slash);
    // The first path element is a registry only when it looks like a host: it has a `.` or a `:`.
    if (first.includes('.') || first.includes(':')) {
      registry = first;
      repository = name.slice(slash + 1);
    }
  }
  if (!REPOSITORY_CHARS.test(repository) || !isUriAuthority(registry)) {
    return undefined;
  }
  if (registry === '' || registry === 'docker.io') {
    registry = DEFAULT_REGISTRY;
  }
  return { registry, repository };
}

// Characters Go's net/url accepts unescaped in a host (RFC 3986 unreserved and sub-delims, plus
// the few it tolerates); bytes >= 0x80 are accepted too.
const HOST_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"\u0080-\uffff]*$/;

/**
 * go-containerregistry's `checkRegistry`: `url.Parse("//" + name).Host` must give `name` back.
 */
function isUriAuthority(name: string): boolean {
  if (!HOST_CHARS.test(name)) {
    return false;
  }
  let port = '';
  if (name.startsWith('[')) {
    const close = name.lastIndexOf(']');
    if (close < 0) {
      return false;
    }
    port = name.slice(close + 1);
  } else if (name.includes(':')) {
    port = name.slice(name.lastIndexOf(':'));
  }
  return port === '' || /^:[0-9]*$/.test(port);
}

/** Whether `ref` is a tag reference kpack accepts (`name.NewTag`, weak validation). */
export function isValidTag(ref: string): boolean {
  return parseTag(ref) !== undefined;
}

/** Whether `ref` is an image reference kpack accepts (`name.ParseReference`, weak validation). */
export function isValidReference(ref: string): boolean {
  return parseReference(ref) !== undefined;
}
