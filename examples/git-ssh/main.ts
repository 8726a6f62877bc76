/**
 * An image built from a private git repository over ssh: the ssh key lives in a Secret managed outside
 * the app (so no key lands in Git), referenced by name and added to the builds' service account.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BuildImage, ClusterBuilder, CredentialKind, RegistryCredentials, Source } from '../../src';

export class GitSshChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'apps', ...props });

    const serviceAccount = new kplus.ServiceAccount(this, 'builds', { metadata: { name: 'builds' }, automountToken: true });
    // Created with: kubectl create secret generic github-deploy-key --type=kubernetes.io/ssh-auth \
    //   --from-file=ssh-privatekey=./id_ed25519 && kubectl annotate secret github-deploy-key kpack.io/git=git@github.com
    RegistryCredentials.fromSecretName(this, 'github', 'github-deploy-key', CredentialKind.GIT_SSH).addTo(serviceAccount);
    RegistryCredentials.fromSecretName(this, 'registry', 'registry-credentials', CredentialKind.DOCKER_CONFIG_JSON).addTo(serviceAccount);

    new BuildImage(this, 'api', {
      metadata: { name: 'api' },
      tag: 'registry.example.com/apps/api',
      builder: ClusterBuilder.fromClusterBuilderName(this, 'builder', 'default'),
      serviceAccount,
      source: Source.git('git@github.com:example/private-api.git', { revision: 'main', subPath: 'services/api' }),
    });
  }
}

if (require.main === module) {
  const app = new App({ outdir: 'dist/examples/git-ssh' });
  new GitSshChart(app, 'git-ssh');
  app.synth();
}
