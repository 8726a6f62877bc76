/**
 * The commands that apply a kpack install and the charts that use it to a fresh cluster, in an order the
 * cluster can take. The tutorial and the README print them; the tests run them against the object order.
 *
 * 1. The CRDs, alone: a custom resource cannot be applied before its CRD is established (kpack's release
 *    holds the `default-lifecycle` ClusterLifecycle beside its CRD, so one `kubectl apply` of the whole
 *    release fails on a fresh cluster with "no matches for kind ClusterLifecycle").
 * 2. `kubectl wait --for condition=established` on those CRDs.
 * 3. The rest of the install.
 * 4. `kubectl rollout status` of kpack's webhook: its MutatingWebhookConfiguration and
 *    ValidatingWebhookConfiguration ship without rules, which the webhook fills in when it starts. Until
 *    then the API server calls no webhook, so a kpack object applied earlier is stored unvalidated and
 *    without kpack's defaults.
 * 5. The charts with builders, images and builds, in order.
 */

/** One command of the apply order. */
export interface ApplyCommand {
  /** What the command does to the cluster. */
  readonly action: 'apply' | 'wait-crds' | 'wait-webhook';
  /** The file it applies or waits on, for `apply` and `wait-crds`. */
  readonly file?: string;
  /** The command line, as printed. */
  readonly argv: readonly string[];
  /** Why it is there, as printed. */
  readonly why: string;
}

/** Where the files of an install and of the charts that use it are. */
export interface ApplyFiles {
  /** The install's CRDs only (`crds: KpackCrds.ONLY`). */
  readonly crds: string;
  /** The rest of the install (`crds: KpackCrds.EXCLUDE`). */
  readonly install: string;
  /** The install's namespace. */
  readonly namespace: string;
  /** The charts that use kpack, in the order to apply them. */
  readonly charts: readonly string[];
}

/** How long each wait may take before kubectl gives up. */
const CRD_TIMEOUT = '60s';
const WEBHOOK_TIMEOUT = '300s';

/** The apply order for a fresh cluster (see the module comment for why each step is there). */
export function applyCommands(files: ApplyFiles): ApplyCommand[] {
  return [
    { action: 'apply', file: files.crds, argv: ['kubectl', 'apply', '-f', files.crds], why: 'the CRDs first' },
    {
      action: 'wait-crds',
      file: files.crds,
      argv: ['kubectl', 'wait', '--for', 'condition=established', `--timeout=${CRD_TIMEOUT}`, '-f', files.crds],
      why: 'until the API server serves their kinds',
    },
    { action: 'apply', file: files.install, argv: ['kubectl', 'apply', '-f', files.install], why: 'the rest of the install' },
    {
      action: 'wait-webhook',
      argv: ['kubectl', 'rollout', 'status', 'deployment/kpack-webhook', '--namespace', files.namespace, `--timeout=${WEBHOOK_TIMEOUT}`],
      why: 'kpack\'s webhook configurations have no rules until the webhook runs: objects applied before are neither validated nor defaulted',
    },
    ...files.charts.map(chart => ({ action: 'apply' as const, file: chart, argv: ['kubectl', 'apply', '-f', chart], why: 'then what uses kpack, in order' })),
  ];
}

/** The commands as shell lines, each reason as a comment above the first command it explains. */
export function shellLines(commands: readonly ApplyCommand[]): string[] {
  return commands.flatMap((command, i) => [
    ...(i === 0 || commands[i - 1].why !== command.why ? [`# ${command.why}`] : []),
    command.argv.join(' '),
  ]);
}
