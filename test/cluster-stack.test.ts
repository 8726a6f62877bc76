import { ApiObject, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterStack } from '../src';
import { validationErrors } from './util';

const JAMMY = {
  stackId: 'io.buildpacks.stacks.jammy',
  buildImage: 'paketobuildpacks/build-jammy-base',
  runImage: 'paketobuildpacks/run-jammy-base',
};

describe('ClusterStack', () => {
  test('renders id, build image, run image', () => {
    // WHEN
    const chart = Testing.chart();
    const stack = new ClusterStack(chart, 'stack', { metadata: { name: 'base' }, ...JAMMY });

    // THEN
    expect(stack.stackId).toBe('io.buildpacks.stacks.jammy');
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'ClusterStack',
      metadata: { name: 'base' },
      spec: {
        id: 'io.buildpacks.stacks.jammy',
        buildImage: { image: 'paketobuildpacks/build-jammy-base' },
        runImage: { image: 'paketobuildpacks/run-jammy-base' },
      },
    }]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('references the service account that reads private images', () => {
    const chart = Testing.chart();
    const account = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'reader', { namespaceName: 'kpack' });
    new ClusterStack(chart, 'stack', { ...JAMMY, serviceAccount: account });
    expect(Testing.synth(chart)[0].spec.serviceAccountRef).toEqual({ name: 'reader', namespace: 'kpack' });
  });

  test('kpack rejects an empty id and unparsable images, all at once', () => {
    const chart = Testing.chart();
    new ClusterStack(chart, 'stack', { stackId: '', buildImage: '@INAVALID!', runImage: '' });
    expect(validationErrors(chart)).toEqual([
      '[test/stack] invalid value: @INAVALID!: spec.buildImage.image',
      '[test/stack] missing field(s): spec.id, spec.runImage.image',
    ]);
  });

  test('fromClusterStackName references a stack by name', () => {
    const stack = ClusterStack.fromClusterStackName(Testing.chart(), 'stack', 'base');
    expect([stack.name, stack.kind]).toEqual(['base', 'ClusterStack']);
  });

  test('its ApiObject is the default child', () => {
    expect(ApiObject.of(new ClusterStack(Testing.chart(), 'stack', JAMMY)).kind).toBe('ClusterStack');
  });
});
