import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BlobAuth, Source } from '../src';
import { isSshGitUrl } from '../src/private/source';

describe('Source', () => {
  test('git: url and revision, with submodules and a sub path when asked', () => {
    expect(Source.git('https://github.com/example/app', { revision: 'main' })._toKpack())
      .toEqual({ git: { url: 'https://github.com/example/app', revision: 'main' } });
    expect(JSON.parse(JSON.stringify(Source.git('git@github.com:example/app.git', {
      revision: 'v1.2.3',
      subPath: 'services/api',
      initializeSubmodules: true,
    })._toKpack()))).toEqual({
      git: { url: 'git@github.com:example/app.git', revision: 'v1.2.3', initializeSubmodules: true },
      subPath: 'services/api',
    });
  });

  test('blob: url, strip components and auth', () => {
    expect(JSON.parse(JSON.stringify(Source.blob('https://storage.example.com/app.tgz', {
      stripComponents: 1,
      auth: BlobAuth.SECRET,
      subPath: 'app',
    })._toKpack()))).toEqual({
      blob: { url: 'https://storage.example.com/app.tgz', stripComponents: 1, auth: 'secret' },
      subPath: 'app',
    });
  });

  test('registry: image and pull secrets', () => {
    const chart = Testing.chart();
    const pullSecret = kplus.Secret.fromSecretName(chart, 'pull', 'registry-pull');
    expect(JSON.parse(JSON.stringify(Source.registry('registry.example.com/sources/app:1', { pullSecrets: [pullSecret] })._toKpack())))
      .toEqual({ registry: { image: 'registry.example.com/sources/app:1', imagePullSecrets: [{ name: 'registry-pull' }] } });
    expect(JSON.parse(JSON.stringify(Source.registry('registry.example.com/sources/app:1')._toKpack())))
      .toEqual({ registry: { image: 'registry.example.com/sources/app:1' } });
  });

  test('a git URL is cloned over ssh in scp form or with ssh://, not over https', () => {
    expect(isSshGitUrl('git@github.com:example/app.git')).toBe(true);
    expect(isSshGitUrl('ssh://git@git.example.com/app.git')).toBe(true);
    expect(isSshGitUrl('https://github.com/example/app')).toBe(false);
    expect(isSshGitUrl('https://storage.example.com/app.tgz')).toBe(false);
  });

  test('a pull secret of another kind is reported by the source', () => {
    const chart = Testing.chart();
    const notASecret = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builds');
    expect(Source.registry('registry.example.com/sources/app:1', { pullSecrets: [notASecret] })._checks().map(e => e.paths))
      .toEqual([['spec.source.registry.imagePullSecrets']]);
  });
});
