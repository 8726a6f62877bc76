/**
 * An image built from a source archive in object storage, downloaded with credentials for its host.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BlobAuth, BuildImage, ClusterBuilder, CredentialKind, RegistryCredentials, Source } from '../../src';

export class BlobSourceChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'apps', ...props });

    const serviceAccount = new kplus.ServiceAccount(this, 'builds', { metadata: { name: 'builds' }, automountToken: true });
    RegistryCredentials.fromSecretName(this, 'storage', 'storage-credentials', CredentialKind.BLOB_BASIC_AUTH).addTo(serviceAccount);
    RegistryCredentials.fromSecretName(this, 'registry', 'registry-credentials', CredentialKind.DOCKER_CONFIG_JSON).addTo(serviceAccount);

    new BuildImage(this, 'report', {
      metadata: { name: 'report' },
      tag: 'registry.example.com/apps/report',
      builder: ClusterBuilder.fromClusterBuilderName(this, 'builder', 'default'),
      serviceAccount,
      source: Source.blob('https://storage.example.com/releases/report-1.4.2.tar.gz', {
        stripComponents: 1,
        auth: BlobAuth.SECRET,
      }),
    });
  }
}

if (require.main === module) {
  const app = new App({ outdir: 'dist/examples/blob-source' });
  new BlobSourceChart(app, 'blob-source');
  app.synth();
}
