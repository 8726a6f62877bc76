import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { FieldError, generic, withHint } from './validation/field-error';

/**
 * Cross-object checks of an Image that its own manifest cannot show, shared by both API generations.
 */

/** The builder must belong to the same kpack API generation as the image. */
export function checkBuilderGeneration(builder: kplus.IResource | undefined, apiVersion: string, hint: string): FieldError[] {
  if (!builder || builder.apiVersion === apiVersion) {
    return [];
  }
  return [withHint(
    generic(`builder ${builder.kind} "${builder.name}" is a ${builder.apiVersion} resource, but this Image is ${apiVersion}`, 'spec.builder'),
    hint,
  )];
}

/** kpack looks the service account up in the image's namespace. */
export function checkServiceAccountNamespace(image: ApiObject, serviceAccount: kplus.IServiceAccount | undefined): FieldError[] {
  if (!(serviceAccount instanceof kplus.ServiceAccount)) {
    return [];
  }
  const accountNamespace = ApiObject.of(serviceAccount).metadata.namespace;
  const imageNamespace = image.metadata.namespace;
  if (accountNamespace === imageNamespace) {
    return [];
  }
  return [withHint(
    generic(`service account "${serviceAccount.name}" is in namespace ${accountNamespace ?? '(none)'}, the Image in ${imageNamespace ?? '(none)'}`, 'spec.serviceAccountName'),
    'kpack looks the service account up in the Image\'s namespace: define both in the same namespace',
  )];
}
