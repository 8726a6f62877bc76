import { Testing } from 'cdk8s';
import { CaCertificates, Kpack } from '../../src';
import { redactSecrets } from '../../src/private/redact';
import { WARNING_METADATA_TYPE } from '../../src/private/warnings';
import { caCertificatesWarning, takeWarnings } from '../warnings';

const MARKER = 'MARKER-7f3a';

describe('redactSecrets', () => {
  test.each([
    ['URL userinfo whose password holds @ and /', `http://user:p@ss/w0rd-${MARKER}@proxy.example.com:3128`, 'http://***@proxy.example.com:3128'],
    ['user:password@host without a scheme (imageRegistry, proxy)', `user:${MARKER}@registry.example.com/app`, '***@registry.example.com/app'],
    ['a PEM key with a lowercase header', `"-----begin rsa private key-----\\nMIIE${MARKER}\\n-----end rsa private key-----"`, '"[redacted PEM block]"'],
    ['a PEM key cut off before its end', `-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn${MARKER}`, '[redacted PEM block]'],
    ['key material without a header', `MIIEpAIBAAKCAQEA${MARKER.replace(/-/g, '')}${'Q'.repeat(64)}`, '[redacted base64]'],
    ['a bearer token', `Authorization: Bearer abc${MARKER}`, 'Authorization: Bearer [redacted]'],
    ['a signed blob URL', `https://bucket.s3.amazonaws.com/app.tgz?X-Amz-Credential=${MARKER}&X-Amz-Signature=${MARKER}`, 'https://bucket.s3.amazonaws.com/app.tgz?X-Amz-Credential=***&X-Amz-Signature=***'],
    ['a GitHub token', `ghp_${'a'.repeat(30)}${MARKER.replace(/-/g, '')}`, '[redacted token]'],
  ])('hides %s', (_what, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
    expect(redactSecrets(text)).not.toContain(MARKER);
  });

  test.each([
    'invalid value: making/Hello: spec.tag',
    'registry.example.com:5000/app@sha256:' + 'a'.repeat(64),
    'https://github.com/example/app',
    'kpack.io/git: https://gitlab.example.com',
  ])('keeps %s as it is', text => {
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('every output channel of a credential-bearing prop', () => {
  test('a proxy password is in no warning, metadata or stderr line', () => {
    // GIVEN
    const chart = Testing.chart();
    const stderr: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(text => { stderr.push(String(text)); return true; });

    // WHEN
    new Kpack(chart, 'kpack', { proxy: { httpProxy: `http://user:p@ss/w0rd-${MARKER}@proxy.example.com:3128`, noProxy: ['.svc'] } });
    Testing.synth(chart);
    write.mockRestore();

    // THEN
    const metadata = chart.node.findAll().flatMap(c => c.node.metadata.filter(m => m.type === WARNING_METADATA_TYPE).map(m => String(m.data)));
    expect(metadata.join('\n')).toContain('http://***@proxy.example.com:3128');
    expect(metadata.join('\n')).not.toContain(MARKER);
    expect(stderr.join('')).toContain('http://***@proxy.example.com:3128');
    expect(stderr.join('')).not.toContain(MARKER);
  });

  test('a private key given as CA certificates is in no error message or stack', () => {
    // GIVEN
    const chart = Testing.chart();
    new Kpack(chart, 'kpack', { caCertificates: CaCertificates.fromPem(`-----begin private key-----\nMIIE${MARKER}\n-----end private key-----\n`) });

    // WHEN
    let error: Error | undefined;
    try {
      Testing.synth(chart);
    } catch (e) {
      error = e as Error;
    }

    // THEN
    expect(error?.message).toMatch(/caCertificates/);
    expect(error?.message).not.toContain(MARKER);
    expect(error?.stack).not.toContain(MARKER);
    expect(takeWarnings()).toEqual([caCertificatesWarning('test/kpack')]);
  });
});
