import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { definedNamespace, knownSecretKinds, nameOf } from './k8s';
import { CredentialsNeed } from './source';
import { CredentialKind } from '../credential-kind';
import { KpackObjectReference } from '../reference';
import { FieldError, generic, withHint } from './validation/field-error';
import { addWarning } from './warnings';

/**
 * Cross-object checks that an object's own manifest cannot show (mostly of Images and Builds), shared by
 * both API generations.
 */

/** The builder must belong to the same kpack API generation as the image. */
export function checkBuilderGeneration(builder: kplus.IResource | undefined, apiVersion: string, hint: string, kind = 'Image', field = 'spec.builder'): FieldError[] {
  if (!builder || builder.apiVersion === apiVersion) {
    return [];
  }
  return [withHint(
    generic(`builder ${builder.kind} "${builder.name}" is a ${builder.apiVersion} resource, but this ${kind} is ${apiVersion}`, field),
    hint,
  )];
}

/** A namespaced Builder only serves images of its own namespace. */
export function checkBuilderNamespace(image: ApiObject, builder: KpackObjectReference | undefined, field = 'spec.builder'): FieldError[] {
  if (!builder || builder.kind !== 'Builder') {
    return [];
  }
  const builderNamespace = builder.namespace;
  const imageNamespace = image.metadata.namespace;
  if (builderNamespace === undefined || builderNamespace === imageNamespace) {
    return [];
  }
  return [withHint(
    generic(`Builder "${builder.name}" is in namespace ${builderNamespace}, the ${image.kind} in ${imageNamespace ?? '(none)'}`, field),
    'a Builder serves only its own namespace: use a ClusterBuilder, or define the Builder in the same namespace',
  )];
}

/**
 * kpack looks a namespaced object's service account (`spec.serviceAccountName`: an Image, Build, Builder or
 * Buildpack) up in that object's namespace. Checked when the app defines the service account.
 */
export function checkServiceAccountNamespace(owner: ApiObject, serviceAccount: IConstruct | undefined, field = 'spec.serviceAccountName'): FieldError[] {
  const defined = definedNamespace(serviceAccount);
  if (defined === undefined) {
    return [];
  }
  const accountNamespace = defined.namespace;
  const ownerNamespace = owner.metadata.namespace;
  if (accountNamespace === ownerNamespace) {
    return [];
  }
  return [withHint(
    generic(`service account "${nameOf(serviceAccount!)}" is in namespace ${accountNamespace ?? '(none)'}, the ${owner.kind} in ${ownerNamespace ?? '(none)'}`, field),
    `kpack looks the service account up in the ${owner.kind}'s namespace: define both in the same namespace`,
  )];
}

/**
 * A warning, at construction, when an ssh git URL is cloned with a service account defined elsewhere
 * (or the namespace's default one), whose secrets cannot be checked here.
 */
export function warnSshCredentials(
  scope: IConstruct, need: CredentialsNeed | undefined, serviceAccount: IConstruct | undefined): void {
  const url = need?.url;
  if (need?.kind === CredentialKind.GIT_SSH && definedNamespace(serviceAccount) === undefined) {
    const name = serviceAccount === undefined ? 'default' : nameOf(serviceAccount);
    addWarning(scope, `the source ${url} is cloned over ssh: make sure the service account "${name}" holds an ssh git secret (RegistryCredentials.gitSsh)`);
  }
}

/**
 * An ssh git URL needs an ssh-auth secret among the service account's secrets. Checked when every secret
 * of the account was made by this library, so that its kind is known.
 */
export function checkSshCredentials(need: CredentialsNeed | undefined, serviceAccount: IConstruct | undefined, field = 'spec.serviceAccountName'): FieldError[] {
  const url = need?.url;
  const kinds = need?.kind === CredentialKind.GIT_SSH ? knownSecretKinds(serviceAccount) : undefined;
  if (kinds === undefined || kinds.includes(need!.kind)) {
    return [];
  }
  return [withHint(
    generic(`the source ${url} is cloned over ssh, but service account "${nameOf(serviceAccount!)}" holds no ssh git credentials`, field),
    'add RegistryCredentials.gitSsh(...) to the service account with addTo()',
  )];
}
