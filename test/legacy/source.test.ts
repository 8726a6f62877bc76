import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BuildImageProps, legacy, Source } from '../../src';

describe('legacy.Source', () => {
  test('renders kpack v0.0.8 source configurations', () => {
    const chart = Testing.chart();
    const plain = (source: legacy.Source) => JSON.parse(JSON.stringify(source._toKpack()));
    expect(plain(legacy.Source.git('https://github.com/making/hello-golang', { revision: 'master', subPath: 'app' })))
      .toEqual({ git: { url: 'https://github.com/making/hello-golang', revision: 'master' }, subPath: 'app' });
    expect(plain(legacy.Source.blob('https://example.com/app.zip'))).toEqual({ blob: { url: 'https://example.com/app.zip' } });
    expect(plain(legacy.Source.registry('registry.example.com/src:1', { pullSecrets: [kplus.Secret.fromSecretName(chart, 's', 'pull')] })))
      .toEqual({ registry: { image: 'registry.example.com/src:1', imagePullSecrets: [{ name: 'pull' }] } });
  });

  test('a source of one kpack generation is a type error for the other', () => {
    const current = Source.git('https://github.com/making/hello-golang', { revision: 'master' });
    const props: Pick<legacy.BuildImageProps, 'source'> = {
      // @ts-expect-error kpack v0.0.8's Image takes a legacy.Source (no submodules, no blob options)
      source: current,
    };
    // @ts-expect-error and an Image of kpack v0.17 does not take a legacy.Source
    const image: Pick<BuildImageProps, 'source'> = { source: legacy.Source.git('https://github.com/making/hello-golang', { revision: 'master' }) };
    expect([props.source, image.source]).toEqual([current, expect.any(legacy.Source)]);
  });
});
