import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { CredentialKind } from './credential-kind';
import { addCredentialsTo, createCredentialSecret, CredentialProps, CredentialSecret, CURRENT_CREDENTIALS, referenceCredentialSecret } from './private/credentials';

export * from './credential-kind';

/** A username and password for a container registry. */
export interface DockerBasicAuthProps extends kplus.CommonSecretProps {
  /**
   * The registry the credentials are for, as kpack matches it against image references: a host
   * (`gcr.io`, `registry.example.com:5000`), optionally with a scheme. Docker Hub under any of its
   * names (`docker.io`, `index.docker.io`, …) is written as `https://index.docker.io/v1/`, the only
   * form that works for Docker Hub.
   *
   * @default - Docker Hub
   */
  readonly registry?: string;

  /** The registry username. */
  readonly username: string;

  /**
   * The registry password or token. It is written into the synthesized YAML: prefer
   * `RegistryCredentials.fromSecretName()` for a Secret managed outside the app.
   */
  readonly password: string;
}

/** Registry credentials rendered as a `.dockerconfigjson` document, like `kubectl create secret docker-registry`. */
export interface DockerConfigJsonProps extends DockerBasicAuthProps {
  /**
   * The email address stored with the credentials.
   *
   * @default - none
   */
  readonly email?: string;
}

/** A username and password (or token) for a git server over https. */
export interface GitBasicAuthProps extends kplus.CommonSecretProps {
  /** The git server the credentials are for, with its scheme: `https://github.com`. */
  readonly gitServer: string;

  /** The git username. */
  readonly username: string;

  /**
   * The git password or token. It is written into the synthesized YAML: prefer
   * `RegistryCredentials.fromSecretName()` for a Secret managed outside the app.
   */
  readonly password: string;
}

/** An ssh private key for a git server. */
export interface GitSshProps extends kplus.CommonSecretProps {
  /** The git server the key is for, as kpack matches it against git URLs: `git@github.com`. */
  readonly gitServer: string;

  /**
   * The ssh private key (PEM). It is written into the synthesized YAML: prefer
   * `RegistryCredentials.fromSecretName()` for a Secret managed outside the app.
   */
  readonly sshPrivateKey: string;

  /**
   * `known_hosts` entries for the server. Without them, kpack trusts any host key unless its controller
   * runs with `INSECURE_SSH_TRUST_UNKNOWN_HOSTS=false`.
   *
   * @default - none
   */
  readonly knownHosts?: string;
}

/** A username and password for the host of blob sources. */
export interface BlobBasicAuthProps extends kplus.CommonSecretProps {
  /** The host the credentials are for, as kpack matches it against blob URLs: `storage.example.com`. */
  readonly host: string;

  /** The username. */
  readonly username: string;

  /**
   * The password or token. It is written into the synthesized YAML: prefer
   * `RegistryCredentials.fromSecretName()` for a Secret managed outside the app.
   */
  readonly password: string;
}

/** A cosign key pair's private half, with which kpack signs the images it builds. */
export interface CosignKeyProps extends kplus.CommonSecretProps {
  /**
   * The encrypted private key (`cosign.key`, as written by `cosign generate-key-pair`). It is written into
   * the synthesized YAML: prefer `RegistryCredentials.fromSecretName()` (e.g. for a secret made by
   * `cosign generate-key-pair k8s://<namespace>/<name>`).
   */
  readonly privateKey: string;

  /**
   * The password of the private key (`cosign.password`).
   *
   * @default - the key has no password
   */
  readonly password?: string;

  /**
   * The repository signatures are pushed to (`kpack.io/cosign.repository`).
   *
   * @default - the image's own repository
   */
  readonly repository?: string;

  /**
   * Whether signatures use Docker media types, for registries that need them
   * (`kpack.io/cosign.docker-media-types`).
   *
   * @default false
   */
  readonly dockerMediaTypes?: boolean;
}

/**
 * Registry and git credentials in the form kpack (v0.17, `kpack.io`) reads them: a Secret of the right
 * type with kpack's annotation, added to the service account that builds use.
 *
 * For kpack v0.0.8 use `legacy.RegistryCredentials`, which writes the `build.pivotal.io` annotations.
 *
 * @example
 * const serviceAccount = new kplus.ServiceAccount(chart, 'builds');
 * const dockerHub = RegistryCredentials.dockerConfigJson(chart, 'docker-hub', {
 *   username: 'making',
 *   password: dockerHubPassword, // e.g. read from the environment
 * });
 * dockerHub.addTo(serviceAccount);
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/secrets.md
 */
export class RegistryCredentials extends Construct {
  /** Credentials for a container registry, as an annotated `kubernetes.io/basic-auth` Secret. */
  public static dockerBasicAuth(scope: Construct, id: string, props: DockerBasicAuthProps): RegistryCredentials {
    return RegistryCredentials.create(scope, id, CredentialKind.DOCKER_BASIC_AUTH, props);
  }

  /**
   * Credentials for a container registry, as a `kubernetes.io/dockerconfigjson` Secret. kpack needs no
   * annotation for it, and `addTo()` also makes it an image pull secret of the service account.
   */
  public static dockerConfigJson(scope: Construct, id: string, props: DockerConfigJsonProps): RegistryCredentials {
    return RegistryCredentials.create(scope, id, CredentialKind.DOCKER_CONFIG_JSON, props);
  }

  /** Credentials for a git server over https, as an annotated `kubernetes.io/basic-auth` Secret. */
  public static gitBasicAuth(scope: Construct, id: string, props: GitBasicAuthProps): RegistryCredentials {
    return RegistryCredentials.create(scope, id, CredentialKind.GIT_BASIC_AUTH, props);
  }

  /** An ssh key for a git server, as an annotated `kubernetes.io/ssh-auth` Secret. */
  public static gitSsh(scope: Construct, id: string, props: GitSshProps): RegistryCredentials {
    return RegistryCredentials.create(scope, id, CredentialKind.GIT_SSH, props);
  }

  /** Credentials for the host of blob sources, as a `kubernetes.io/basic-auth` Secret annotated `kpack.io/blob`. */
  public static blobBasicAuth(scope: Construct, id: string, props: BlobBasicAuthProps): RegistryCredentials {
    return RegistryCredentials.create(scope, id, CredentialKind.BLOB_BASIC_AUTH, props);
  }

  /**
   * A cosign signing key. When the service account of an image holds one, kpack signs every image it
   * builds (and pushes the signature next to it).
   *
   * @see https://github.com/buildpacks-community/kpack/blob/main/docs/image.md#cosign-config
   */
  public static cosignKey(scope: Construct, id: string, props: CosignKeyProps): RegistryCredentials {
    return RegistryCredentials.create(scope, id, CredentialKind.COSIGN, props);
  }

  /**
   * Credentials in a Secret that exists already (created by hand, by an operator, or by another app).
   * Nothing is synthesized for it; it must have kpack's annotation for its `kind` where kpack needs one.
   * A missing or empty `secretName` fails the synth.
   */
  public static fromSecretName(scope: Construct, id: string, secretName: string, kind: CredentialKind): RegistryCredentials {
    return new RegistryCredentials(scope, id, kind, self => referenceCredentialSecret(self, CURRENT_CREDENTIALS, kind, secretName));
  }

  private static create(scope: Construct, id: string, kind: CredentialKind, props: CredentialProps): RegistryCredentials {
    return new RegistryCredentials(scope, id, kind, self => createCredentialSecret(self, CURRENT_CREDENTIALS, kind, props));
  }

  /** The Secret that holds the credentials. */
  public readonly secret: kplus.ISecret;

  /** What the credentials are for. */
  public readonly kind: CredentialKind;

  /**
   * Whether the app writes the Secret (literal credentials) rather than referencing it by name.
   *
   * @internal
   */
  public readonly _defined: boolean;

  private constructor(scope: Construct, id: string, kind: CredentialKind, make: (self: Construct) => CredentialSecret) {
    super(scope, id);
    this.kind = kind;
    const made = make(this);
    this.secret = made.secret;
    this._defined = made.defined;
  }

  /**
   * Adds the credentials to a service account: to its `secrets`, where kpack's builds read them, and,
   * for `DOCKER_CONFIG_JSON`, to its `imagePullSecrets` too (Kubernetes ignores other secret types
   * there). A service account referenced by name cannot be changed: nothing is added, with a warning.
   *
   * @param serviceAccount a ServiceAccount of any cdk8s-plus line (or one from `fromServiceAccountName()`),
   * or an ApiObject of kind ServiceAccount; anything else is an error at synth
   */
  public addTo(serviceAccount: IConstruct): void {
    addCredentialsTo(this, this.secret, this.kind, serviceAccount);
  }
}
