/**
 * Synthesizes the tutorial and every example into one directory (`ts-node scripts/synth-examples.ts DIR`),
 * with the tutorial's placeholder credentials: used to check that separate processes write identical YAML.
 */
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { EXAMPLE_MIRROR, MirrorBuildsChart, MirrorInstallChart } from '../examples/authenticated-mirror/main';
import { BlobSourceChart } from '../examples/blob-source/main';
import { CustomBuilderChart } from '../examples/custom-builder/main';
import { GitSshChart } from '../examples/git-ssh/main';
import { RegistrySourceChart } from '../examples/registry-source/main';
import { SignedImageChart } from '../examples/signed-image/main';
import { StandaloneBuildChart } from '../examples/standalone-build/main';
import { PLACEHOLDERS } from '../examples/tutorial/main';
import { synthTutorial } from '../examples/tutorial/tutorial';

export const EXAMPLE_CHARTS: Array<[string, (app: App) => Chart]> = [
  ['git-ssh', app => new GitSshChart(app, 'git-ssh')],
  ['blob-source', app => new BlobSourceChart(app, 'blob-source')],
  ['registry-source', app => new RegistrySourceChart(app, 'registry-source')],
  ['custom-builder', app => new CustomBuilderChart(app, 'custom-builder')],
  ['signed-image', app => new SignedImageChart(app, 'signed-image')],
  ['standalone-build', app => new StandaloneBuildChart(app, 'standalone-build', { commit: '4bae4fb358ba5235ec8c8d9c001821a2017c70cb' })],
  ['authenticated-mirror', app => new MirrorInstallChart(app, 'authenticated-mirror', EXAMPLE_MIRROR)],
  ['authenticated-mirror-builds', app => new MirrorBuildsChart(app, 'authenticated-mirror-builds', EXAMPLE_MIRROR)],
];

export function synthExamples(outdir: string): string[] {
  const files = synthTutorial(path.join(outdir, 'tutorial'), PLACEHOLDERS);
  for (const [name, create] of EXAMPLE_CHARTS) {
    const app = new App({ outdir: path.join(outdir, name) });
    create(app);
    app.synth();
    files.push(path.join(outdir, name, `${name}.k8s.yaml`));
  }
  return files;
}

if (require.main === module) {
  for (const file of synthExamples(process.argv[2] ?? path.join('dist', 'examples'))) {
    console.log(file);
  }
}
