/**
 * An image kpack signs with cosign: the signing key is a Secret on the builds' service account, and
 * the signatures carry annotations.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BuildImage, ClusterBuilder, CredentialKind, RegistryCredentials, Source } from '../../src';

export class SignedImageChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'apps', ...props });

    const serviceAccount = new kplus.ServiceAccount(this, 'builds', { metadata: { name: 'builds' }, automountToken: true });
    RegistryCredentials.fromSecretName(this, 'registry', 'registry-credentials', CredentialKind.DOCKER_CONFIG_JSON).addTo(serviceAccount);
    // Created with: cosign generate-key-pair k8s://apps/cosign-key
    RegistryCredentials.fromSecretName(this, 'cosign', 'cosign-key', CredentialKind.COSIGN).addTo(serviceAccount);

    new BuildImage(this, 'payments', {
      metadata: { name: 'payments' },
      tag: 'registry.example.com/apps/payments',
      builder: ClusterBuilder.fromClusterBuilderName(this, 'builder', 'default'),
      serviceAccount,
      source: Source.git('https://github.com/example/payments', { revision: 'v2.3.0' }),
      cosignAnnotations: { 'org.example/team': 'payments', 'org.example/pipeline': 'kpack' },
    });
  }
}

if (require.main === module) {
  const app = new App({ outdir: 'dist/examples/signed-image' });
  new SignedImageChart(app, 'signed-image');
  app.synth();
}
