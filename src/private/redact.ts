/**
 * What every rule below needs to match, in one scan: most messages hold none of it and are returned
 * as they are (a superset of each rule's pattern, case-insensitive).
 */
const MAY_HOLD_SECRET = /-----BEGIN|@|[?&][A-Za-z_-]+=|\b(?:bearer|basic)\s|eyJ|gh[pousr]_|glpat-|xox[abposr]-|AKIA/i;

/** Whether `text` holds a run of 64 base64 characters (a loop: the regex takes ten times as long on prose). */
function hasBase64Run(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const base64 = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
    run = base64 ? run + 1 : 0;
    if (run >= 64) {
      return true;
    }
  }
  return false;
}

/**
 * The one redaction of every message, warning and metadata entry of cdk8s-kpack (and of what validate and
 * migrate print): what looks like a credential is replaced, erring on the side of hiding too much.
 * - URL userinfo, up to the last `@` of the URL (a password may hold `@` or `/`): `https://***@host`, but
 *   not an ssh login name alone (`ssh://git@host`);
 * - `user:password@host` without a scheme (an imageRegistry, a proxy): `***@host`;
 * - PEM blocks of any case, and long base64 runs that look random (a key whose header is missing): `[redacted]`;
 * - the signature and credential parameters of signed URLs (`X-Amz-Signature=***`);
 * - well-known token shapes (JWTs, GitHub, GitLab, Slack, AWS access keys) and `Bearer`/`Basic` values.
 */
export function redactSecrets(text: string): string {
  return MAY_HOLD_SECRET.test(text) || hasBase64Run(text) ? applyRedactionRules(text) : text;
}

/** The rules of `redactSecrets`, on any text (exported for the test that the quick scan skips only texts they leave alone). */
export function applyRedactionRules(text: string): string {
  return text
    // A block with content (a newline, or an escaped one in a quoted preview), not a hint naming the markers.
    .replace(/-----BEGIN[^-\n]*-----(?:\r?\n|(?:\\r)?\\n)[\s\S]*?(?:-----END[^-\n]*-----|$)/gi, '[redacted PEM block]')
    // An ssh login name (`ssh://git@host`) is no secret and stays readable.
    .replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s"'<>`]*)@(?=[^\s"'<>`@]*)/g, (all, scheme: string, userinfo: string) =>
      (/^(ssh|git\+ssh|ssh\+git):\/\/$/i.test(scheme) && /^[A-Za-z0-9._-]+$/.test(userinfo) ? all : `${scheme}***@`))
    // Not a scheme's `://`, nor a `host:port/path@digest` image reference.
    .replace(/(^|[\s"'(=,[])[^\s"'<>`/@:(=,[]+:(?!\/\/)(?!\d+\/)(?!\*\*\*@)[^\s"'<>`]*@(?=[A-Za-z0-9[])/g, '$1***@')
    .replace(/([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|X-Goog-Signature|X-Goog-Credential|sig|signature|token|access_token)=)[^&#\s"']+/gi, '$1***')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted token]')
    .replace(/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|glpat-[A-Za-z0-9_-]{16,}|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})\b/g, '[redacted token]')
    // Long base64 runs of random bytes: not hex digests (sha256:…), which messages name on purpose, nor
    // names, tags and paths, which lack one of the three character classes random base64 always has.
    .replace(/[A-Za-z0-9+/]{64,}={0,2}/g, run => (looksRandom(run) ? '[redacted base64]' : run));
}

/**
 * Whether a base64 run of 64 or more characters is key material rather than words: 64 random base64
 * characters hold a digit, an uppercase and a lowercase letter but for about one run in 50,000 (which is
 * then shown); names, tags and paths of Kubernetes and registries are lowercase. Hex alone is a digest.
 */
function looksRandom(run: string): boolean {
  return /[0-9]/.test(run) && /[A-Z]/.test(run) && /[a-z]/.test(run) && !/^[0-9a-f]+$/i.test(run);
}
