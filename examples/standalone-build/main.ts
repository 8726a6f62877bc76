/**
 * A one-off Build of a commit, as a CI pipeline would create it: sized build pod, placed on build nodes,
 * with a timeout — no Image, so kpack never rebuilds it.
 */
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Build, BuildBuilder, BuildCache, ClusterBuilder, Source } from '../../src';

export interface StandaloneBuildChartProps extends ChartProps {
  /** The commit to build. */
  readonly commit: string;
}

export class StandaloneBuildChart extends Chart {
  constructor(scope: Construct, id: string, props: StandaloneBuildChartProps) {
    super(scope, id, { namespace: 'ci', ...props });

    const shortCommit = props.commit.slice(0, 7);
    new Build(this, 'build', {
      metadata: { name: `checkout-${shortCommit}` },
      tags: [`registry.example.com/apps/checkout:${shortCommit}`],
      builder: BuildBuilder.fromBuilder(ClusterBuilder.fromClusterBuilderName(this, 'builder', 'default')),
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(this, 'builds', 'builds', { namespaceName: 'ci' }),
      source: Source.git('https://github.com/example/checkout', { revision: props.commit }),
      cache: BuildCache.registry('registry.example.com/caches/checkout'),
      resources: {
        cpu: { request: kplus.Cpu.units(1), limit: kplus.Cpu.units(2) },
        memory: { request: Size.gibibytes(2), limit: Size.gibibytes(4) },
      },
      nodeSelector: { 'node.example.com/pool': 'builds' },
      tolerations: [kplus.NodeTaintQuery.is('dedicated', 'builds', { effect: kplus.TaintEffect.NO_SCHEDULE })],
      buildTimeout: Duration.minutes(30),
      env: { BP_JVM_VERSION: kplus.EnvValue.fromValue('21') },
    });
  }
}

if (require.main === module) {
  const app = new App({ outdir: 'dist/examples/standalone-build' });
  new StandaloneBuildChart(app, 'standalone-build', { commit: process.env.GIT_COMMIT ?? '4bae4fb358ba5235ec8c8d9c001821a2017c70cb' });
  app.synth();
}
