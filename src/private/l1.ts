import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';

type L1Class<P> = new (scope: Construct, id: string, props: P) => ApiObject;

/**
 * Subclasses a generated kpack L1 so that JSON patches (`ApiObject.of(x).addJsonPatch()`) apply to the
 * manifest as kpack sees it: with kpack's field names (`/spec/build/env`, not the L1's `build_`) and
 * keeping fields the L1's typed rendering does not know about.
 */
export function patchable<P>(base: L1Class<P>): L1Class<P> {
  return class extends base {
    private readonly manifestPatches: JsonPatch[] = [];

    public addJsonPatch(...ops: JsonPatch[]): void {
      this.manifestPatches.push(...ops);
    }

    public toJson(): any {
      const json = super.toJson();
      return this.manifestPatches.length > 0 ? JsonPatch.apply(json, ...this.manifestPatches) : json;
    }
  };
}
