/**
 * kpack installed from an authenticated mirror (Harbor, Artifactory, …) with a private CA: every image
 * relocated to the mirror, the mirror's login on kpack's own ServiceAccounts and for the lifecycle image,
 * the CA for the controller, and the same login for the builds of one namespace.
 *
 * The login Secret is made outside the app (sealed, synced from a vault), so no credential is in the YAML;
 * the CA is public and goes in as PEM. docs/install.md walks through it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  CaCertificates, ClusterStack, ClusterStore, CredentialKind, Kpack, KpackCrds, KpackPullSecret, RegistryCredentials,
} from '../../src';

/** Where the mirror is, and what the cluster needs to reach it. */
export interface MirrorProps extends ChartProps {
  /** Registry and path that hold a copy of kpack's images. */
  readonly registry: string;
  /** The name of the `kubernetes.io/dockerconfigjson` Secret with the mirror's login, in each namespace that needs it. */
  readonly loginSecret: string;
  /** The mirror's CA, PEM. */
  readonly caPem: string;
}

/** The install, without its CRDs (they go in a chart of their own, applied first). */
export class MirrorInstallChart extends Chart {
  public readonly kpack: Kpack;

  constructor(scope: Construct, id: string, props: MirrorProps) {
    super(scope, id, props);
    this.kpack = new Kpack(this, 'kpack', {
      crds: KpackCrds.EXCLUDE,
      imageRegistry: props.registry,
      imagePullSecrets: [KpackPullSecret.fromSecretName(props.loginSecret)],
      caCertificates: CaCertificates.fromPem(props.caPem),
    });
  }
}

/** A namespace's builds: their service account pulls kpack's build images (and pushes) with the same login. */
export class MirrorBuildsChart extends Chart {
  constructor(scope: Construct, id: string, props: MirrorProps) {
    super(scope, id, { namespace: 'apps', ...props });
    const serviceAccount = new kplus.ServiceAccount(this, 'builds', { metadata: { name: 'builds' } });
    RegistryCredentials.fromSecretName(this, 'mirror-login', props.loginSecret, CredentialKind.DOCKER_CONFIG_JSON).addTo(serviceAccount);
    new ClusterStore(this, 'store', {
      metadata: { name: 'mirror' },
      sources: [`${props.registry}/paketobuildpacks/go`],
      serviceAccount,
    });
    new ClusterStack(this, 'stack', {
      metadata: { name: 'mirror' },
      stackId: 'io.buildpacks.stacks.jammy',
      buildImage: `${props.registry}/paketobuildpacks/build-jammy-base`,
      runImage: `${props.registry}/paketobuildpacks/run-jammy-base`,
      serviceAccount,
    });
  }
}

/** The example's mirror: a made-up Harbor and a throwaway self-signed CA. */
export const EXAMPLE_MIRROR: MirrorProps = {
  registry: 'harbor.example.com/kpack',
  loginSecret: 'harbor-login',
  caPem: fs.readFileSync(path.join(__dirname, 'harbor-ca.pem'), 'utf8'),
};

/** All three charts: the CRDs, the install, one namespace's builds. */
export function mirrorApp(app: App, props: MirrorProps = EXAMPLE_MIRROR): { install: MirrorInstallChart; builds: MirrorBuildsChart } {
  new Kpack(new Chart(app, 'kpack-crds'), 'kpack', { crds: KpackCrds.ONLY });
  return { install: new MirrorInstallChart(app, 'kpack', props), builds: new MirrorBuildsChart(app, 'builds', props) };
}

if (require.main === module) {
  const app = new App({ outdir: 'dist/examples/authenticated-mirror' });
  const { install } = mirrorApp(app);
  app.synth();
  // What to copy to the mirror before applying (docs/install.md, "Air-gapped install").
  fs.writeFileSync(path.join(app.outdir, 'kpack-images.txt'), install.kpack.images.map(i => `${i.upstream} ${i.image}`).join('\n') + '\n');
}
