/**
 * The library prints its warnings to stderr at synth, one line each (`[construct/path] warning: ...`), since
 * cdk8s has no warnings API. This jest setup file captures those lines: a test takes the ones it causes with
 * `takeWarnings()` and asserts them, and a test that leaves one untaken fails, so `npm test` prints none.
 * Warnings printed in a `beforeAll` are the first test's to take (or the hook's own); those printed after the
 * last test fail the file.
 */
const WARNING = /^\[[^\]]*\] warning: /;

let captured: string[] = [];
// Restored after the file: jest reuses its workers' process for the next test file.
const write = process.stderr.write;

process.stderr.write = function (this: NodeJS.WriteStream, chunk: any, ...rest: any[]): boolean {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  if (!WARNING.test(text)) {
    return (write as (...args: any[]) => boolean).call(this, chunk, ...rest);
  }
  captured.push(...text.split('\n').filter(line => line !== ''));
  const done = rest.find(arg => typeof arg === 'function');
  if (done) {
    process.nextTick(done);
  }
  return true;
} as typeof process.stderr.write;

/** The warning lines printed since the last call (or since the file started), without their newline. */
export function takeWarnings(): string[] {
  const lines = captured;
  captured = [];
  return lines;
}

function failOnUntaken(when: string): void {
  const untaken = takeWarnings();
  if (untaken.length > 0) {
    throw new Error(`${when} printed ${untaken.length} library warning(s) that no test took: assert them with `
      + `expect(takeWarnings()).toEqual([...]) (import { takeWarnings } from 'test/warnings.ts'):\n${untaken.join('\n')}`);
  }
}

afterEach(() => failOnUntaken('this test (or a hook before it)'));

afterAll(() => {
  process.stderr.write = write;
  failOnUntaken('the hooks after the last test');
});

// The library's warnings, word for word, for the tests that assert them.

/**
 * A Secret whose credentials the app writes into its YAML (`kind`: the CredentialKind member, e.g. `GIT_SSH`;
 * `className`: `legacy.RegistryCredentials` for kpack v0.0.8's).
 */
export function literalCredentialsWarning(path: string, secretName: string, kind: string, className = 'RegistryCredentials'): string {
  return `[${path}] warning: the credentials of secret "${secretName}" are written into the synthesized YAML: to keep them out of Git, `
    + `create the Secret outside the app and use ${className}.fromSecretName(scope, id, '${secretName}', CredentialKind.${kind})`;
}

/** A kpack v0.0.8 install. */
export function legacyInstallWarning(path: string): string {
  return `[${path}] warning: kpack v0.0.8 uses apiextensions.k8s.io/v1beta1 and admissionregistration.k8s.io/v1beta1, which Kubernetes `
    + 'removed in 1.22: it only installs on Kubernetes 1.21 or older, and its gcr.io images may no longer be pullable';
}

/** An install given caCertificates. */
export function caCertificatesWarning(path: string): string {
  return `[${path}] warning: caCertificates reach kpack's controller only: build pods (build-init, the lifecycle, completion) talk to `
    + 'the same registries and git servers without them. Give build pods the CA too, with the cert-injection-webhook on the label '
    + 'kpack.io/build (see docs/install.md, "Private registry with a self-signed CA")';
}
