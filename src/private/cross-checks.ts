import * as kplus from 'cdk8s-plus-27';
import { FieldError, generic, withHint } from './validation/field-error';

/**
 * Checks of what a construct was given that its manifest cannot show (a reference by name of the other API
 * generation writes the same `kind` and `name`). The checks over the objects of an app are the table in
 * `checks/table.ts`.
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
