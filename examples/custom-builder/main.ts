/**
 * A custom ClusterBuilder: its own store, stack and lifecycle, and two groups — Java first, then Node.js —
 * one of them from a ClusterBuildpack resource.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  BuildpackRef, ClusterBuilder, ClusterBuildpack, ClusterLifecycle, ClusterStack, ClusterStore, RegistryCredentials,
  CredentialKind,
} from '../../src';

export class CustomBuilderChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    const serviceAccount = new kplus.ServiceAccount(this, 'builder-account', {
      metadata: { name: 'builder', namespace: 'kpack' },
      automountToken: true,
    });
    RegistryCredentials.fromSecretName(this, 'registry', 'registry-credentials', CredentialKind.DOCKER_CONFIG_JSON).addTo(serviceAccount);

    const store = new ClusterStore(this, 'store', {
      metadata: { name: 'polyglot' },
      sources: ['paketobuildpacks/java:15.3.0'],
    });
    const nodejs = new ClusterBuildpack(this, 'nodejs', {
      metadata: { name: 'nodejs' },
      image: 'paketobuildpacks/nodejs:4.2.1',
    });
    const builder = new ClusterBuilder(this, 'builder', {
      metadata: { name: 'polyglot' },
      tag: 'registry.example.com/builders/polyglot',
      stack: new ClusterStack(this, 'stack', {
        metadata: { name: 'jammy' },
        stackId: 'io.buildpacks.stacks.jammy',
        buildImage: 'paketobuildpacks/build-jammy-base',
        runImage: 'paketobuildpacks/run-jammy-base',
      }),
      store,
      lifecycle: new ClusterLifecycle(this, 'lifecycle', { metadata: { name: 'lifecycle-0-20' }, image: 'buildpacksio/lifecycle:0.20.5' }),
      serviceAccount,
      additionalLabels: { 'org.opencontainers.image.vendor': 'Example Inc.' },
    });
    builder.addGroup(BuildpackRef.id('paketo-buildpacks/java'));
    builder.addGroup(
      BuildpackRef.fromBuildpack(nodejs),
      BuildpackRef.id('paketo-buildpacks/procfile@5.10.0', { optional: true }),
    );
  }
}

if (require.main === module) {
  const app = new App({ outdir: 'dist/examples/custom-builder' });
  new CustomBuilderChart(app, 'custom-builder');
  app.synth();
}
