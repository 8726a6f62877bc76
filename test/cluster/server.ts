/**
 * A throwaway Kubernetes API server on loopback: etcd and kube-apiserver built from test/cluster/go.mod
 * (`npm run cluster:build`), their credentials made fresh in a temporary folder, stopped with their whole
 * process groups. No kubelet, scheduler or controller-manager: objects are stored, never run.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** Where `npm run cluster:build` puts etcd, kube-apiserver, kubectl and pki. */
export const BIN_DIR = path.join(__dirname, 'bin');

/** The Service ClusterIP range the API server allocates from (no Service is ever routed). */
const SERVICE_CLUSTER_IP_RANGE = '10.96.0.0/16';

export interface TestCluster {
  /** The kubeconfig of a system:masters user. */
  readonly kubeconfig: string;
  /** The API server's version, e.g. v1.34.3 (from /version). */
  readonly version: string;
  /** The temporary folder with the credentials, etcd's data and both logs. */
  readonly dir: string;
  /** Kills both process groups and removes the folder; safe to call twice. */
  stop(): void;
}

const running = new Set<() => void>();

/** Kill every server still running, synchronously: for `process.on('exit')` and signal handlers. */
export function stopAll(): void {
  for (const stop of [...running]) {
    stop();
  }
}
process.on('exit', stopAll);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function binary(name: string): string {
  const file = path.join(BIN_DIR, name);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run \`npm run cluster:build\` first`);
  }
  return file;
}

/** Starts `command` as the leader of a new process group, its output appended to `log`. */
function startGroup(command: string, args: string[], log: string): ChildProcess {
  const out = fs.openSync(log, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  return child;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

interface Credentials {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** GET `path` on the API server as the admin user: the status code and body, or undefined if unreachable. */
async function get(port: number, urlPath: string, credentials: Credentials): Promise<{ status: number; body: string } | undefined> {
  return new Promise(resolve => {
    const request = https.get({ host: '127.0.0.1', port, path: urlPath, ...credentials, timeout: 5_000 }, response => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', chunk => body += chunk);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

/**
 * Starts etcd and kube-apiserver on free loopback ports with fresh credentials, and resolves once /readyz
 * answers ok. Rejects (after stopping both) when a process exits or `timeoutMs` passes first.
 */
export async function startCluster(timeoutMs = 180_000): Promise<TestCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kpack-cluster-'));
  const pki = path.join(dir, 'pki');
  fs.mkdirSync(pki, { mode: 0o700 });
  execFileSync(binary('pki'), [pki], { stdio: 'inherit' });
  const file = (name: string) => path.join(pki, name);

  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const etcdLog = path.join(dir, 'etcd.log');
  const apiLog = path.join(dir, 'kube-apiserver.log');
  const children: ChildProcess[] = [];
  let stopped = false;
  const stop = () => {
    if (stopped) {
      return;
    }
    stopped = true;
    running.delete(stop);
    // The API server first, so that it does not log etcd's disappearance; SIGKILL, since nothing is kept.
    for (const child of [...children].reverse()) {
      killGroup(child, 'SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  running.add(stop);

  const fail = (message: string): never => {
    const logs = `--- etcd.log\n${tail(etcdLog)}\n--- kube-apiserver.log\n${tail(apiLog)}`;
    stop();
    throw new Error(`${message}\n${logs}`);
  };

  children.push(startGroup(binary('etcd'), [
    `--data-dir=${path.join(dir, 'etcd')}`, `--client-port=${etcdClient}`, `--peer-port=${etcdPeer}`,
  ], etcdLog));
  children.push(startGroup(binary('kube-apiserver'), [
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${apiPort}`,
    `--etcd-servers=http://127.0.0.1:${etcdClient}`,
    `--cert-dir=${path.join(dir, 'apiserver-certs')}`,
    `--tls-cert-file=${file('serving.crt')}`,
    `--tls-private-key-file=${file('serving.key')}`,
    `--client-ca-file=${file('ca.crt')}`,
    '--authorization-mode=RBAC',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${file('service-account.pub')}`,
    `--service-account-signing-key-file=${file('service-account.key')}`,
    `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
    // Nothing answers for nodes or aggregated APIs here, and no one reads profiles.
    '--profiling=false',
    '--enable-aggregator-routing=false',
  ], apiLog));

  const credentials: Credentials = { ca: fs.readFileSync(file('ca.crt')), cert: fs.readFileSync(file('admin.crt')), key: fs.readFileSync(file('admin.key')) };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exited = children.find(child => child.exitCode !== null || child.signalCode !== null);
    if (exited) {
      fail(`${path.basename(exited.spawnfile)} exited (${exited.exitCode ?? exited.signalCode}) before the API server was ready`);
    }
    const ready = await get(apiPort, '/readyz', credentials);
    if (ready?.status === 200 && ready.body === 'ok') {
      break;
    }
    if (Date.now() > deadline) {
      fail(`kube-apiserver was not ready after ${timeoutMs / 1000} s (last /readyz: ${ready ? `${ready.status} ${ready.body.slice(0, 400)}` : 'no answer'})`);
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const version = JSON.parse((await get(apiPort, '/version', credentials))?.body ?? '{}').gitVersion as string;

  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: test',
    '  cluster:',
    `    server: https://127.0.0.1:${apiPort}`,
    `    certificate-authority: ${file('ca.crt')}`,
    'users:',
    '- name: admin',
    '  user:',
    `    client-certificate: ${file('admin.crt')}`,
    `    client-key: ${file('admin.key')}`,
    'contexts:',
    '- name: test',
    '  context: {cluster: test, user: admin}',
    'current-context: test',
    '',
  ].join('\n'), { mode: 0o600 });
  return { kubeconfig, version, dir, stop };
}
