/**
 * The cdk8s-plus lines the packaged library is tried with: the one it builds on, a middle one, and the newest
 * the npm registry serves (cdk8s-plus-33, the line `cdk8s init typescript-app` of cdk8s-cli 2.207.60 uses).
 */
export const PLUS_LINES: ReadonlyArray<{ readonly line: number; readonly version: string }> = [
  { line: 27, version: '2.9.5' },
  { line: 30, version: '2.4.10' },
  { line: 33, version: '2.5.57' },
];
