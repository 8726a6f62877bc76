import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { CredentialKind } from '../credential-kind';
import { DockerBasicAuthProps, DockerConfigJsonProps, GitBasicAuthProps } from '../credentials';
import { addCredentialsTo, createCredentialSecret, CredentialProps, CredentialSecret, LEGACY_CREDENTIALS, referenceCredentialSecret } from '../private/credentials';

/** An ssh private key for a git server (kpack v0.0.8 reads no `known_hosts`). */
export interface GitSshProps extends kplus.CommonSecretProps {
  /** The git server the key is for, as kpack matches it against git URLs: `git@github.com`. */
  readonly gitServer: string;

  /**
   * The ssh private key (PEM). It is written into the synthesized YAML: prefer
   * `RegistryCredentials.fromSecretName()` for a Secret managed outside the app.
   */
  readonly sshPrivateKey: string;
}

/**
 * Registry and git credentials in the form kpack v0.0.8 reads them: Secrets annotated
 * `build.pivotal.io/docker` / `build.pivotal.io/git`, added to the service account builds use.
 *
 * @example
 * const credentials = legacy.RegistryCredentials.dockerBasicAuth(chart, 'registry-credentials', {
 *   metadata: { name: 'tutorial-registry-credentials' },
 *   username: 'making',
 *   password: dockerHubPassword, // e.g. read from the environment
 * });
 * credentials.addTo(serviceAccount);
 */
export class RegistryCredentials extends Construct {
  /** Credentials for a container registry, as a `kubernetes.io/basic-auth` Secret annotated `build.pivotal.io/docker`. */
  public static dockerBasicAuth(scope: Construct, id: string, props: DockerBasicAuthProps): RegistryCredentials {
    return RegistryCredentials.create(scope, id, CredentialKind.DOCKER_BASIC_AUTH, props);
  }

  /** Credentials for a container registry, as a `kubernetes.io/dockerconfigjson` Secret (no annotation needed). */
  public static dockerConfigJson(scope: Construct, id: string, props: DockerConfigJsonProps): RegistryCredentials {
    return RegistryCredentials.create(scope, id, CredentialKind.DOCKER_CONFIG_JSON, props);
  }

  /** Credentials for a git server over https, as a `kubernetes.io/basic-auth` Secret annotated `build.pivotal.io/git`. */
  public static gitBasicAuth(scope: Construct, id: string, props: GitBasicAuthProps): RegistryCredentials {
    return RegistryCredentials.create(scope, id, CredentialKind.GIT_BASIC_AUTH, props);
  }

  /** An ssh key for a git server, as a `kubernetes.io/ssh-auth` Secret annotated `build.pivotal.io/git`. */
  public static gitSsh(scope: Construct, id: string, props: GitSshProps): RegistryCredentials {
    return RegistryCredentials.create(scope, id, CredentialKind.GIT_SSH, props);
  }

  /**
   * Credentials in a Secret that exists already. Nothing is synthesized for it; it must carry the
   * `build.pivotal.io` annotation for its `kind` where kpack v0.0.8 needs one. A missing or empty
   * `secretName`, or a kind kpack v0.0.8 does not read (`BLOB_BASIC_AUTH`, `COSIGN`), fails the synth.
   */
  public static fromSecretName(scope: Construct, id: string, secretName: string, kind: CredentialKind): RegistryCredentials {
    return new RegistryCredentials(scope, id, kind, self => referenceCredentialSecret(self, LEGACY_CREDENTIALS, kind, secretName));
  }

  private static create(scope: Construct, id: string, kind: CredentialKind, props: CredentialProps): RegistryCredentials {
    return new RegistryCredentials(scope, id, kind, self => createCredentialSecret(self, LEGACY_CREDENTIALS, kind, props));
  }

  /** The Secret that holds the credentials. */
  public readonly secret: kplus.ISecret;

  /** What the credentials are for. */
  public readonly kind: CredentialKind;

  private constructor(scope: Construct, id: string, kind: CredentialKind, make: (self: Construct) => CredentialSecret) {
    super(scope, id);
    this.kind = kind;
    this.secret = make(this).secret;
  }

  /**
   * Adds the credentials to a service account's `secrets`, where kpack v0.0.8's builds read them
   * (and, for `DOCKER_CONFIG_JSON`, to its `imagePullSecrets`). A service account referenced by name
   * cannot be changed: nothing is added, with a warning.
   *
   * @param serviceAccount a ServiceAccount of any cdk8s-plus line (or one from `fromServiceAccountName()`),
   * or an ApiObject of kind ServiceAccount; anything else is an error at synth
   */
  public addTo(serviceAccount: IConstruct): void {
    addCredentialsTo(this, this.secret, this.kind, serviceAccount);
  }
}
