/**
 * Image references as kpack parses them: go-containerregistry v0.20.6's `pkg/name` (and the 2020
 * release kpack v0.0.8 pins, as a grammar option) with
 * `name.WeakValidation` (kpack's `validate.Tag` and `validate.Tags` call `name.NewTag`, `validate.Image`
 * calls `name.ParseReference`). A port of that package's grammar, step for step and with its error texts,
 * so that synth rejects exactly what kpack's webhook rejects. Every step is a split or a scan: linear in
 * the length of the reference.
 */

/** The registry go-containerregistry assumes when a reference names none (`name.DefaultRegistry`). */
export const DEFAULT_REGISTRY = 'index.docker.io';
const DEFAULT_REGISTRY_ALIAS = 'docker.io';

const TAG_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_-.ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const REPOSITORY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_-./';
const TAG_DELIMITER = ':';
const DIGEST_DELIMITER = '@';
const REG_REPO_DELIMITER = '/';
const DIGEST_PREFIX = 'sha256:';

export interface ImageReference {
  /** Registry host (and port), `index.docker.io` when the reference names none (`RegistryStr()`). */
  readonly registry: string;
  /**
   * Repository path inside the registry: as written for a tag reference; for a digest reference,
   * as go-containerregistry re-reads it (`library/` added on Docker Hub).
   */
  readonly repository: string;
  /** Tag, when written (go-containerregistry then assumes `latest`). */
  readonly tag?: string;
  /** Digest (`sha256:` and 64 lowercase hex digits), when written. */
  readonly digest?: string;
}

/** A release of go-containerregistry's `pkg/name` grammar: what differs between the ones kpack pins. */
export interface ReferenceGrammar {
  /** The longest tag, in runes. */
  readonly maxTagLength: number;
  /** Whether `repo:` (a colon and no tag) is an error; the old grammar reads it as `repo`. */
  readonly emptyTagIsError: boolean;
  /** Whether digests are go-digest's `sha256:` + 64 lowercase hex; else any 71 of `sh:0-9a-f`. */
  readonly canonicalDigest: boolean;
  /** The word its length and character errors use. */
  readonly unit: 'characters' | 'runes';
}

/** go-containerregistry v0.20.6, which kpack v0.17.2 and v0.18.0 pin. */
export const GRAMMAR_V0_20_6: ReferenceGrammar = { maxTagLength: 128, emptyTagIsError: true, canonicalDigest: true, unit: 'characters' };

/** go-containerregistry v0.0.0-20200311163244-4b1985e5ea21, which kpack v0.0.8 pins. */
export const GRAMMAR_2020_03: ReferenceGrammar = { maxTagLength: 127, emptyTagIsError: false, canonicalDigest: false, unit: 'runes' };

/** The outcome of a parse: the reference, or go-containerregistry's error text. */
export interface ReferenceParse {
  readonly reference?: ImageReference;
  readonly error?: string;
}

/** `checkElement`: a length in runes (code points), then the allowed characters. */
function checkElement(name: string, element: string, allowed: string, min: number, max: number, unit: ReferenceGrammar['unit']): string | undefined {
  let runes = 0;
  let foreign = false;
  for (const char of element) {
    runes++;
    if (!allowed.includes(char)) {
      foreign = true;
    }
  }
  if (runes < min || max < runes) {
    return `${name} must be between ${min} and ${max} ${unit} in length: ${element}`;
  }
  if (foreign) {
    return `${name} can only contain the ${unit} \`${allowed}\`: ${element}`;
  }
  return undefined;
}

/** `name.NewTag(ref, name.WeakValidation)`: a repository with an optional tag, never a digest. */
export function newTag(name: string, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): ReferenceParse {
  let base = name;
  let tag = '';
  const colon = name.lastIndexOf(TAG_DELIMITER);
  // `strings.Split` on `:`: the last part is a tag unless it holds a `/` (then the `:` was a port's).
  if (colon >= 0 && !name.slice(colon + 1).includes(REG_REPO_DELIMITER)) {
    base = name.slice(0, colon);
    tag = name.slice(colon + 1);
    if (tag === '' && grammar.emptyTagIsError) {
      return { error: `${name} must specify a tag name after the colon` };
    }
  }
  if (tag !== '') {
    const error = checkElement('tag', tag, TAG_CHARS, 1, grammar.maxTagLength, grammar.unit);
    if (error !== undefined) {
      return { error };
    }
  }
  const repository = newRepository(base, grammar);
  if (repository.error !== undefined) {
    return { error: repository.error };
  }
  return { reference: { registry: repository.registry!, repository: repository.repository!, ...(tag !== '' ? { tag } : {}) } };
}

/** `name.NewDigest(ref, name.WeakValidation)`. */
export function newDigest(name: string, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): ReferenceParse {
  const parts = name.split(DIGEST_DELIMITER);
  if (parts.length !== 2) {
    return { error: `a digest must contain exactly one '@' separator (e.g. registry/repository@digest) saw: ${name}` };
  }
  let [base] = parts;
  const digest = parts[1];
  if (!grammar.canonicalDigest) {
    const error = checkElement('digest', digest, 'sh:0123456789abcdef', 71, 71, grammar.unit);
    if (error !== undefined) {
      return { error };
    }
  } else if (!digest.startsWith(DIGEST_PREFIX)) {
    return { error: `unsupported digest algorithm: ${digest}` };
  }
  // go-digest's `Canonical.Validate`: the length first, then lowercase hex.
  const hex = digest.slice(DIGEST_PREFIX.length);
  if (grammar.canonicalDigest && hex.length !== 64) {
    return { error: 'invalid checksum digest length' };
  }
  if (grammar.canonicalDigest && !/^[a-f0-9]{64}$/.test(hex)) {
    return { error: 'invalid checksum digest format' };
  }
  // A tag before the digest is dropped: the repository is re-read from the tag's full name.
  const tagged = newTag(base, grammar);
  if (tagged.reference) {
    base = repositoryName(tagged.reference);
  }
  const repository = newRepository(base, grammar);
  if (repository.error !== undefined) {
    return { error: repository.error };
  }
  return { reference: { registry: repository.registry!, repository: repository.repository!, digest } };
}

/** `name.ParseReference(ref, name.WeakValidation)`: a tag reference, else a digest reference. */
export function parseReferenceDetailed(name: string, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): ReferenceParse {
  const tagged = newTag(name, grammar);
  if (tagged.reference) {
    return tagged;
  }
  const digested = newDigest(name, grammar);
  if (digested.reference) {
    return digested;
  }
  return { error: `could not parse reference: ${name}` };
}

/** `Repository.Name()`: the registry, then `RepositoryStr()` (`library/` added for Docker Hub's implicit namespace). */
function repositoryName(reference: ImageReference): string {
  const implicit = !reference.repository.includes('/') && reference.registry === DEFAULT_REGISTRY;
  const repository = implicit ? `library/${reference.repository}` : reference.repository;
  return reference.registry !== '' ? `${reference.registry}${REG_REPO_DELIMITER}${repository}` : repository;
}

/** `name.NewRepository(name, name.WeakValidation)`. */
function newRepository(name: string, grammar: ReferenceGrammar): { registry?: string; repository?: string; error?: string } {
  if (name.length === 0) {
    return { error: 'a repository name must be specified' };
  }
  let registry = '';
  let repository = name;
  const slash = name.indexOf(REG_REPO_DELIMITER);
  // The first path element is a registry only when it looks like a host: it has a `.` or a `:`.
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (first.includes('.') || first.includes(':')) {
      registry = first;
      repository = name.slice(slash + 1);
    }
  }
  const error = checkElement('repository', repository, REPOSITORY_CHARS, 2, 255, grammar.unit);
  if (error !== undefined) {
    return { error };
  }
  if (!isUriAuthority(registry)) {
    return { error: `registries must be valid RFC 3986 URI authorities: ${registry}` };
  }
  if (registry === '') {
    registry = DEFAULT_REGISTRY;
  }
  if (registry === DEFAULT_REGISTRY_ALIAS) {
    registry = DEFAULT_REGISTRY;
  }
  return { registry, repository };
}

// ASCII that Go's net/url leaves unescaped in a host: RFC 3986 unreserved and sub-delims, `:`, `[`, `]`,
// and the `<`, `>` and `"` it tolerates (`shouldEscape` in encodeHost mode). Bytes >= 0x80 pass too.
const HOST_ASCII = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]$/;

/**
 * go-containerregistry's `checkRegistry`: `url.Parse("//" + name).Host` must give `name` back. This is
 * Go's net/url as of Go 1.26 with no scheme: `#`, `?` and `@` cut the host short, `%` escapes change it,
 * control bytes are refused; an IP literal `[…]` must be an IPv6 address (not IPv4) and may only be
 * followed by a port; otherwise everything after the last `:` must be digits.
 */
function isUriAuthority(name: string): boolean {
  for (const char of name) {
    if (char.charCodeAt(0) < 0x80 && !HOST_ASCII.test(char)) {
      return false;
    }
  }
  const open = name.lastIndexOf('[');
  if (open > 0) {
    return false;
  }
  if (open === 0) {
    const close = name.lastIndexOf(']');
    return close >= 0 && isOptionalPort(name.slice(close + 1)) && isIPv6(name.slice(1, close));
  }
  // Colons in the host are tolerated when there is no http(s) scheme: only the last one starts a port.
  const colon = name.lastIndexOf(':');
  return colon < 0 || isOptionalPort(name.slice(colon));
}

/** net/url's `validOptionalPort`: empty, or `:` and digits (possibly none). */
function isOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

/**
 * Go's `netip.ParseAddr(s)` succeeding with an IPv6 address (IPv4-mapped included). An IPv4 address in
 * brackets is refused by net/url, and a zone (`%…`) never gets here, since `%` is refused before.
 */
function isIPv6(address: string): boolean {
  // ParseAddr decides by the first `.` or `:`; only `:` leads to an IPv6 parse.
  const first = address.search(/[.:]/);
  if (first < 0 || address[first] !== ':') {
    return false;
  }
  let s = address;
  let fields = 0; // bytes parsed, as `i` in netip
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') {
      return true;
    }
  }
  while (fields < 16) {
    const group = /^[0-9a-fA-F]*/.exec(s)![0];
    if (group.length === 0 || group.length > 4) {
      return false;
    }
    if (s[group.length] === '.') {
      if ((ellipsis < 0 && fields !== 12) || fields + 4 > 16) {
        return false;
      }
      if (!isIPv4(s)) {
        return false;
      }
      s = '';
      fields += 4;
      break;
    }
    fields += 2;
    s = s.slice(group.length);
    if (s === '') {
      break;
    }
    if (s[0] !== ':' || s.length === 1) {
      return false;
    }
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) {
        return false;
      }
      ellipsis = fields;
      s = s.slice(1);
      if (s === '') {
        break;
      }
    }
  }
  if (s !== '') {
    return false;
  }
  return fields < 16 ? ellipsis >= 0 : ellipsis < 0;
}

/** netip's `parseIPv4Fields`: four decimal octets up to 255, no leading zeros. */
function isIPv4(s: string): boolean {
  const octets = s.split('.');
  return octets.length === 4 && octets.every(octet => /^(0|[1-9][0-9]{0,2})$/.test(octet) && Number(octet) <= 255);
}

/** `name.NewTag(ref, name.WeakValidation)`, or undefined when it fails. */
export function parseTag(ref: string, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): ImageReference | undefined {
  return newTag(ref, grammar).reference;
}

/** `name.ParseReference(ref, name.WeakValidation)`, or undefined when it fails. */
export function parseReference(ref: string, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): ImageReference | undefined {
  return parseReferenceDetailed(ref, grammar).reference;
}

/** Whether `ref` is a tag reference kpack accepts (`name.NewTag`, weak validation). */
export function isValidTag(ref: string, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): boolean {
  return parseTag(ref, grammar) !== undefined;
}

/** Whether `ref` is an image reference kpack accepts (`name.ParseReference`, weak validation). */
export function isValidReference(ref: string, grammar: ReferenceGrammar = GRAMMAR_V0_20_6): boolean {
  return parseReference(ref, grammar) !== undefined;
}
