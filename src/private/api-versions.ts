/** The API version of kpack v0.17's resources. */
export const KPACK_API_VERSION = 'kpack.io/v1alpha2';

/** The API version of kpack v0.0.8's resources. */
export const LEGACY_API_VERSION = 'build.pivotal.io/v1alpha1';
