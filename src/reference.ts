/**
 * How a kpack object refers to another one: its API version, kind and name, and its namespace when the
 * library knows it.
 */
export interface KpackObjectReference {
  /** The API version, `kpack.io/v1alpha2` or (kpack v0.0.8) `build.pivotal.io/v1alpha1`. */
  readonly apiVersion: string;

  /** The kind, e.g. `ClusterBuilder`. */
  readonly kind: string;

  /** The object's name. */
  readonly name: string;

  /**
   * The namespace of a namespaced object the app defines.
   *
   * @default - none: the object is cluster-scoped, or referenced by name
   */
  readonly namespace?: string;
}
