/**
 * The kinds of credentials kpack reads from a service account's secrets.
 *
 * @see https://github.com/buildpacks-community/kpack/blob/main/docs/secrets.md
 */
export enum CredentialKind {
  /** A `kubernetes.io/basic-auth` Secret for a container registry, annotated with the registry. */
  DOCKER_BASIC_AUTH = 'DOCKER_BASIC_AUTH',
  /**
   * A `kubernetes.io/dockerconfigjson` Secret: needs no annotation, and is also an image pull secret.
   */
  DOCKER_CONFIG_JSON = 'DOCKER_CONFIG_JSON',
  /** A `kubernetes.io/basic-auth` Secret for a git server over https, annotated with the server. */
  GIT_BASIC_AUTH = 'GIT_BASIC_AUTH',
  /** A `kubernetes.io/ssh-auth` Secret for a git server over ssh, annotated with the server. */
  GIT_SSH = 'GIT_SSH',
  /** A `kubernetes.io/basic-auth` Secret for a blob source's host, annotated `kpack.io/blob` (kpack v0.17). */
  BLOB_BASIC_AUTH = 'BLOB_BASIC_AUTH',
  /** A cosign signing key (`cosign.key`, `cosign.password`): kpack signs the images it builds (kpack v0.17). */
  COSIGN = 'COSIGN',
}
