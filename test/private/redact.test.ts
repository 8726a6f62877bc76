import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { Build, BuildBuilder, BuildImage, BuildImageProps, CaCertificates, ClusterBuilder, Kpack, legacy, RegistryCredentials, Source } from '../../src';
import { applyRedactionRules, redactSecrets } from '../../src/private/redact';
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
    ['an ssh URL with a password', `ssh://git:${MARKER}@github.com/org/app`, 'ssh://***@github.com/org/app'],
    ['a GitHub token', `ghp_${'a'.repeat(30)}${MARKER.replace(/-/g, '')}`, '[redacted token]'],
    ['a base64 key line with + and /', 'key: b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW+/', 'key: [redacted base64]'],
    ['a 64-character random token', 'token=' + 'Zx8Qw2Lp'.repeat(8), 'token=[redacted base64]'],
  ])('hides %s', (_what, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
    expect(redactSecrets(text)).not.toContain(MARKER);
  });

  test.each([
    'invalid value: making/Hello: spec.tag',
    'registry.example.com:5000/app@sha256:' + 'a'.repeat(64),
    'https://github.com/example/app',
    'kpack.io/git: https://gitlab.example.com',
    'the source ssh://git@github.com/org/app.git is cloned over ssh',
    // 64 and more letters without digits, or lowercase with digits: names and tags, not keys.
    `image "registry.example.com/${'abcdefgh'.repeat(9)}" has tag ${'Release'.repeat(10)}`,
    `service account "${'builds'.repeat(11)}2" in namespace ${'team'.repeat(16)}`,
    'paketobuildpacks/builder-jammy-base/' + 'layer'.repeat(14) + '/v1',
    `digest ${'0123456789ABCDEF'.repeat(4)}`,
  ])('keeps %s as it is', text => {
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('the quick scan before the rules', () => {
  test('a text it lets through unchanged is one the rules leave unchanged', () => {
    // Fragments of every rule's pattern, joined in any order with prose between them.
    const fragment = fc.constantFrom('-----BEGIN KEY-----\n', '-----begin', '@', 'git@', 'https://', 'user:pw', '?sig=', '&token=', 'X-Amz-Signature=',
      'Bearer ', 'basic ', 'eyJ', 'abcde.', 'ghp_', 'glpat-', 'xoxb-', 'AKIA', 'A1b2C3d4'.repeat(8), 'a'.repeat(70), '0123456789', 'Z', ' ', '/', '+', '=', ':');
    fc.assert(fc.property(fc.array(fc.oneof(fragment, fc.string({ maxLength: 8 })), { maxLength: 20 }), parts => {
      const text = parts.join('');
      expect(redactSecrets(text)).toEqual(applyRedactionRules(text));
    }), { numRuns: 500 });
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

/**
 * One marker secret in every credential-bearing prop and in URL userinfo: it may appear only where the
 * prop puts it (a Secret's data, or the very field the user wrote it into, which then warns), and in no
 * error message, error stack, stderr line, construct metadata, label or other annotation.
 */
describe('a marker secret in every credential-bearing prop, through every output channel', () => {
  const M = 'MARKER-s3cr3t-9f1c';
  const quiet = <T>(fn: () => T): { result?: T; error?: Error; printed: string } => {
    try {
      return { result: fn(), printed: takeWarnings().join('\n') };
    } catch (e) {
      return { error: e as Error, printed: takeWarnings().join('\n') };
    }
  };
  /** Where the marker is in synthesized objects: `Kind/name path`. */
  const locations = (objects: any[]): string[] => {
    const found: string[] = [];
    const visit = (value: unknown, where: string, path: string): void => {
      if (typeof value === 'string') {
        if (value.includes(M) || value.includes(Buffer.from(M).toString('base64'))) found.push(`${where} ${path}`);
      } else if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) visit(item, where, path === '' ? key : `${path}.${key}`);
      }
    };
    objects.forEach(o => visit(o, `${o.kind}/${o.metadata?.name}`, ''));
    return found.sort();
  };
  const image = (chart: Chart, source: Source, extra: Partial<BuildImageProps> = {}) => new BuildImage(chart, 'image', {
    metadata: { name: 'app' }, tag: 'registry.example.com/apps/app', builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'), source, ...extra,
  });
  const git = Source.git('https://github.com/org/app', { revision: 'main' });
  const sa = (chart: Chart) => new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
  const secret = (name: string) => `Secret/${name}`;

  // [case, build (valid), where the marker may be, build an invalid variant (its errors must not hold the marker)]
  const cases: Array<[string, (chart: Chart, invalid: boolean) => void, string[]]> = [
    ['dockerBasicAuth username and password', (c, bad) => RegistryCredentials.dockerBasicAuth(c, 'creds', { metadata: { name: bad ? 'Not A Name' : 'hub' }, username: M, password: M }).addTo(sa(c)),
      [`${secret('hub')} stringData.password`, `${secret('hub')} stringData.username`]],
    ['dockerConfigJson username and password', (c, bad) => RegistryCredentials.dockerConfigJson(c, 'creds', { metadata: { name: bad ? 'Not A Name' : 'hub' }, username: M, password: M }).addTo(sa(c)),
      [`${secret('hub')} stringData..dockerconfigjson`]],
    ['gitBasicAuth password and userinfo in gitServer', (c, bad) => RegistryCredentials.gitBasicAuth(c, 'creds', { metadata: { name: bad ? 'Not A Name' : 'git' }, gitServer: `https://ci:${M}@github.com`, username: 'ci', password: M }),
      [`${secret('git')} metadata.annotations.kpack.io/git`, `${secret('git')} stringData.password`]],
    ['gitSsh key and known hosts', (c, bad) => RegistryCredentials.gitSsh(c, 'creds', { metadata: { name: bad ? 'Not A Name' : 'ssh' }, gitServer: 'git@github.com', sshPrivateKey: M, knownHosts: M }),
      [`${secret('ssh')} stringData.known_hosts`, `${secret('ssh')} stringData.ssh-privatekey`]],
    ['blobBasicAuth password and userinfo in host', (c, bad) => RegistryCredentials.blobBasicAuth(c, 'creds', { metadata: { name: bad ? 'Not A Name' : 'blob' }, host: `u:${M}@storage.example.com`, username: 'u', password: M }),
      [`${secret('blob')} metadata.annotations.kpack.io/blob`, `${secret('blob')} stringData.password`]],
    ['cosignKey key and password, userinfo in repository', (c, bad) => RegistryCredentials.cosignKey(c, 'creds', { metadata: { name: bad ? 'Not A Name' : 'cosign' }, privateKey: M, password: M, repository: `https://u:${M}@registry.example.com/sig` }),
      [`${secret('cosign')} metadata.annotations.kpack.io/cosign.repository`, `${secret('cosign')} stringData.cosign.key`, `${secret('cosign')} stringData.cosign.password`]],
    ['legacy credentials', (c, bad) => {
      legacy.RegistryCredentials.dockerBasicAuth(c, 'a', { metadata: { name: bad ? 'Not A Name' : 'a' }, registry: `https://u:${M}@registry.example.com`, username: M, password: M });
      legacy.RegistryCredentials.gitSsh(c, 'b', { metadata: { name: 'b' }, gitServer: 'git@github.com', sshPrivateKey: M });
    }, [`${secret('a')} metadata.annotations.build.pivotal.io/docker`, `${secret('a')} stringData.password`, `${secret('a')} stringData.username`, `${secret('b')} stringData.ssh-privatekey`]],
    ['userinfo in a git URL', (c, bad) => image(c, Source.git(`https://ci:${M}@github.com/org/app`, { revision: bad ? '' : 'main' })),
      ['Image/app spec.source.git.url']],
    ['userinfo in a blob URL', (c, bad) => image(c, Source.blob(`https://${M}@storage.example.com/app.tgz`), bad ? { tag: 'Not A Tag' } : {}),
      ['Image/app spec.source.blob.url']],
    ['userinfo in a legacy git URL', (c, bad) => new legacy.BuildImage(c, 'image', {
      metadata: { name: 'app' },
      tag: bad ? 'Not A Tag' : 'registry.example.com/apps/app',
      builder: legacy.ClusterBuilder.fromClusterBuilderName(c, 'builder', 'default'),
      source: legacy.Source.git(`https://ci:${M}@github.com/org/app`, { revision: 'main' }),
    }), ['Image/app spec.source.git.url']],
    ['a token in an Image\'s env', (c, bad) => image(c, git, { env: { GITHUB_TOKEN: kplus.EnvValue.fromValue(M) }, ...bad ? { tag: 'Not A Tag' } : {} }),
      ['Image/app spec.build.env.0.value']],
    ['a password in a Build\'s env', (c, bad) => new Build(c, 'build', {
      metadata: { name: 'app' },
      tags: [bad ? 'Not A Tag' : 'registry.example.com/apps/app:1'],
      builder: BuildBuilder.fromImage('paketobuildpacks/builder-jammy-base'),
      source: git,
      env: { DB_PASSWORD: kplus.EnvValue.fromValue(M) },
    }), ['Build/app spec.env.0.value']],
    ['userinfo in the install\'s proxies', (c, bad) => new Kpack(c, 'kpack', {
      proxy: { httpProxy: `http://u:p@ss/${M}@proxy.example.com:3128`, httpsProxy: `http://u:${M}@proxy.example.com:3128`, noProxy: bad ? [] : ['.svc'] },
      ...bad ? { imageRegistry: `u:${M}@registry.example.com` } : {},
    }), ['Deployment/kpack-controller spec.template.spec.containers.0.env.14.value', 'Deployment/kpack-controller spec.template.spec.containers.0.env.15.value']],
  ];

  test.each(cases)('%s', (_what, build, expected) => {
    // GIVEN a valid chart, and one whose errors concern the same constructs
    const valid = Testing.chart();
    build(valid, false);
    const invalid = Testing.chart();
    build(invalid, true);

    // WHEN
    const good = quiet(() => Testing.synth(valid));
    const bad = quiet(() => Testing.synth(invalid));

    // THEN the marker is only where the props put it
    expect(good.error).toBeUndefined();
    expect(locations(good.result!)).toEqual(expected.sort());
    // and in no error, stack, stderr line or metadata
    expect(bad.error).toBeInstanceOf(Error);
    expect(bad.error).not.toBeInstanceOf(TypeError);
    const metadata = JSON.stringify([valid, invalid].flatMap(chart => chart.node.findAll().flatMap(c => c.node.metadata.map(m => m.data))));
    for (const text of [bad.error!.message, bad.error!.stack ?? '', good.printed, bad.printed, metadata]) {
      expect(text).not.toContain(M);
      expect(text).not.toContain(Buffer.from(M).toString('base64'));
    }
  });
});
