import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { CredentialKind, DockerBasicAuthProps, DockerConfigJsonProps, GitBasicAuthProps } from '../credentials';
import { addSecretToServiceAccount, dockerConfigJson, normalizeRegistry, validateSecretName, warnIfLiteral } from '../private/credentials';

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
    return new RegistryCredentials(scope, id, CredentialKind.DOCKER_BASIC_AUTH, self => {
      const secret = new kplus.BasicAuthSecret(self, 'Resource', props);
      secret.metadata.addAnnotation('build.pivotal.io/docker', normalizeRegistry(props.registry));
      return secret;
    });
  }

  /** Credentials for a container registry, as a `kubernetes.io/dockerconfigjson` Secret (no annotation needed). */
  public static dockerConfigJson(scope: Construct, id: string, props: DockerConfigJsonProps): RegistryCredentials {
    return new RegistryCredentials(scope, id, CredentialKind.DOCKER_CONFIG_JSON, self => new kplus.DockerConfigSecret(self, 'Resource', {
      metadata: props.metadata,
      immutable: props.immutable,
      data: dockerConfigJson(normalizeRegistry(props.registry), props.username, props.password, props.email),
    }));
  }

  /** Credentials for a git server over https, as a `kubernetes.io/basic-auth` Secret annotated `build.pivotal.io/git`. */
  public static gitBasicAuth(scope: Construct, id: string, props: GitBasicAuthProps): RegistryCredentials {
    return new RegistryCredentials(scope, id, CredentialKind.GIT_BASIC_AUTH, self => {
      const secret = new kplus.BasicAuthSecret(self, 'Resource', props);
      secret.metadata.addAnnotation('build.pivotal.io/git', props.gitServer);
      return secret;
    });
  }

  /** An ssh key for a git server, as a `kubernetes.io/ssh-auth` Secret annotated `build.pivotal.io/git`. */
  public static gitSsh(scope: Construct, id: string, props: GitSshProps): RegistryCredentials {
    return new RegistryCredentials(scope, id, CredentialKind.GIT_SSH, self => {
      const secret = new kplus.SshAuthSecret(self, 'Resource', props);
      secret.metadata.addAnnotation('build.pivotal.io/git', props.gitServer);
      return secret;
    });
  }

  /**
   * Credentials in a Secret that exists already. Nothing is synthesized for it; it must carry the
   * `build.pivotal.io` annotation for its `kind` where kpack v0.0.8 needs one.
   */
  public static fromSecretName(scope: Construct, id: string, secretName: string, kind: CredentialKind): RegistryCredentials {
    if (kind === CredentialKind.BLOB_BASIC_AUTH || kind === CredentialKind.COSIGN) {
      throw new Error(`[${scope.node.path}/${id}] kpack v0.0.8 reads no ${kind} credentials: only DOCKER_BASIC_AUTH, DOCKER_CONFIG_JSON, GIT_BASIC_AUTH and GIT_SSH`);
    }
    return new RegistryCredentials(scope, id, kind, self => kplus.Secret.fromSecretName(self, 'Resource', secretName));
  }

  /** The Secret that holds the credentials. */
  public readonly secret: kplus.ISecret;

  /** What the credentials are for. */
  public readonly kind: CredentialKind;

  private constructor(scope: Construct, id: string, kind: CredentialKind, createSecret: (self: Construct) => kplus.ISecret) {
    super(scope, id);
    this.kind = kind;
    this.secret = createSecret(this);
    warnIfLiteral(this, this.secret, kind);
    validateSecretName(this, this.secret);
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
    addSecretToServiceAccount(this, this.secret, this.kind, serviceAccount, this.kind === CredentialKind.DOCKER_CONFIG_JSON);
  }
}
