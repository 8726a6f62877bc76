/**
 * The tsconfig.json `cdk8s init typescript-app` (cdk8s-cli 2.207.60) writes, unchanged: strict, and no
 * `skipLibCheck`, so the package's declarations are checked too. scripts/test-package.ts writes it into the
 * template's project; scripts/migrate-corpus.ts compiles the migrated charts with its compiler options.
 */
export const CDK8S_INIT_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    inlineSourceMap: true,
    inlineSources: true,
    lib: ['es2016'],
    module: 'CommonJS',
    noEmit: false,
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: 'ES2017',
  },
  include: ['**/*.ts'],
  exclude: ['node_modules'],
};
