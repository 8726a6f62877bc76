/**
 * An image built from source pushed to a registry as an image (e.g. `imgpkg push` or `crane append`),
 * pulled with its own pull secret.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BuildImage, ClusterBuilder, Source } from '../../src';

export class RegistrySourceChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'apps', ...props });

    new BuildImage(this, 'worker', {
      metadata: { name: 'worker' },
      tag: 'registry.example.com/apps/worker',
      builder: ClusterBuilder.fromClusterBuilderName(this, 'builder', 'default'),
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(this, 'builds', 'builds', { namespaceName: 'apps' }),
      source: Source.registry('registry.example.com/sources/worker:1.0.3', {
        pullSecrets: [kplus.Secret.fromSecretName(this, 'pull', 'source-pull-secret')],
      }),
    });
  }
}

if (require.main === module) {
  const app = new App({ outdir: 'dist/examples/registry-source' });
  new RegistrySourceChart(app, 'registry-source');
  app.synth();
}
