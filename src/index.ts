export * from './kpack';
export * from './install-options';
export * from './credentials';
export * from './cluster-store';
export * from './cluster-stack';
export * from './builder';
export * from './source';
export * from './build-image';
export * as legacy from './legacy';
