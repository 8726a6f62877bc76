import { IConstruct } from 'constructs';
import { checkKind, secretNames } from './k8s';
import { FieldError } from './validation/field-error';
import * as crds from '../imports/kpack.io';

/**
 * The one implementation of a source for both kpack generations. `kpack.io/v1alpha2`'s source is a superset
 * of `build.pivotal.io/v1alpha1`'s, so the typed part is the generated `ImageSpecSource` (a Build's
 * `BuildSpecSource` has the same shape); each generation's public `Source` exposes only the fields its kpack
 * reads, which is what keeps the v0.0.8 spec honest.
 */
export class SourceDefinition {
  public static git(url: string, revision: string, subPath: string | undefined, initializeSubmodules?: boolean): SourceDefinition {
    return new SourceDefinition({ git: { url, revision, initializeSubmodules }, subPath }, []);
  }

  public static blob(url: string, subPath: string | undefined, options: { stripComponents?: number; auth?: string } = {}): SourceDefinition {
    return new SourceDefinition({ blob: { url, stripComponents: options.stripComponents, auth: options.auth }, subPath }, []);
  }

  public static registry(image: string, subPath: string | undefined, pullSecrets: IConstruct[] = []): SourceDefinition {
    return new SourceDefinition({ registry: { image, imagePullSecrets: secretNames(pullSecrets) }, subPath }, [...pullSecrets]);
  }

  private constructor(
    /** The typed `spec.source`. */
    public readonly spec: crds.ImageSpecSource,
    private readonly pullSecrets: IConstruct[]) {}

  /** Every pull secret must be a Secret (the parameter is any construct). */
  public checks(): FieldError[] {
    return this.pullSecrets.flatMap(secret => checkKind(secret, 'Secret', 'spec.source.registry.imagePullSecrets'));
  }
}

/** The `spec.source` of kpack v0.0.8's Image: what v0.0.8 reads (no submodules, no blob options). */
export interface LegacySourceSpec {
  readonly git?: { readonly url: string; readonly revision: string };
  readonly blob?: { readonly url: string };
  readonly registry?: { readonly image: string; readonly imagePullSecrets?: Array<{ readonly name?: string }> };
  readonly subPath?: string;
}

/** `git@host:org/repo.git` or `ssh://…`: a git URL kpack clones over ssh. */
export function isSshGitUrl(url: string): boolean {
  return /^ssh:\/\//.test(url) || /^[\w.-]+@[\w.-]+:/.test(url);
}
