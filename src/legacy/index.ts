export * from './builder';
export * from './build-image';
export * from './credentials';
export * from './source';
