/**
 * `npm run test:cluster:controller`: kpack's own controller (github.com/pivotal/kpack v0.18.0, cmd/controller,
 * built by test/cluster/controller/build.sh) run out of cluster against the test API server, with an OCI registry
 * in process on loopback (test/cluster/controller/registry) holding tiny build, run, lifecycle, buildpack and
 * source images. The tutorial's first step and the install are synthesized by the library; their image references
 * are pointed at the loopback registry (the only change made to them), and kpack's defaulting webhook code
 * (the conformance program) defaults each kpack object, as the webhook would. Then: the ClusterLifecycle,
 * ClusterStack, ClusterStore and ClusterBuilder become Ready (the controller builds and pushes the builder), and an
 * Image the library writes with a registry source gets a Build whose build pod carries the service account, the
 * secrets and the settings the library wrote. No kubelet runs the pod: its spec is what is checked.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { stringify } from 'yaml';
import { admit } from './kpack-webhook';
import { Kubectl } from './kubectl';
import { startCluster, stopAll } from './server';
import { PLACEHOLDERS } from '../../examples/tutorial/main';
import { STEPS, TutorialChart } from '../../examples/tutorial/tutorial';
import { BuildImage, ClusterBuilder, Kpack, KpackCrds, Source } from '../../src';
import { Manifest, objectKey } from '../util';

const BIN = path.join(__dirname, 'controller', 'bin');
const TIMEOUT_MS = Number(process.env.CLUSTER_TIMEOUT_SECONDS ?? 600) * 1000;

function binary(name: string): string {
  const file = path.join(BIN, name);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run \`test/cluster/controller/build.sh\` first`);
  }
  return file;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const children: ChildProcess[] = [];

function startGroup(command: string, args: string[], log: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const out = fs.openSync(log, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], env });
  fs.closeSync(out);
  children.push(child);
  return child;
}

function stopChildren(): void {
  for (const child of children.splice(0).reverse()) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

/** A reference's repository path without its registry (Docker Hub's short names have none) and without a digest. */
function repositoryPath(reference: string): string {
  const withoutDigest = reference.split('@')[0];
  const first = withoutDigest.split('/')[0];
  const hasRegistry = withoutDigest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasRegistry ? withoutDigest.slice(first.length + 1) : withoutDigest;
}

async function waitFor<T>(what: string, deadline: number, probe: () => T | undefined, log: string): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not reached in time; the controller's log ends with:\n${tail(log)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function get(kubectl: Kubectl, args: string[]): Manifest | undefined {
  const result = kubectl.run(['get', ...args, '-o', 'json']);
  return result.status === 0 ? JSON.parse(result.stdout) as Manifest : undefined;
}

function ready(object: Manifest | undefined): boolean {
  return (object?.status?.conditions ?? []).some((c: Manifest) => c.type === 'Ready' && c.status === 'True');
}

function conditions(object: Manifest | undefined): string {
  return JSON.stringify(object?.status?.conditions ?? []);
}

/** The build pod of the first Build of `image` (in `default`), once the controller made it. */
async function buildPod(kubectl: Kubectl, image: string, deadline: number, log: string): Promise<Manifest> {
  const build = await waitFor(`a Build of image ${image}`, deadline, () => get(kubectl, ['builds', '-n', 'default', '-l', `image.kpack.io/image=${image}`])?.items?.[0], log);
  console.log(`build/${build.metadata.name} created by the controller for image ${image}`);
  return waitFor(`the build pod of ${build.metadata.name}`, deadline, () => get(kubectl, ['pods', '-n', 'default', '-l', `kpack.io/build=${build.metadata.name}`])?.items?.[0], log)
    .catch(e => {
      throw new Error(`${(e as Error).message}\nthe Build's status: ${JSON.stringify(get(kubectl, ['build', '-n', 'default', build.metadata.name])?.status)}`);
    });
}

/**
 * The pod runs as `serviceAccount`, mounts `secret`, and some container of it satisfies each of `containerChecks`;
 * `problem`, when set, is one more thing missing.
 */
type ContainerCheck = [string, (container: Manifest) => boolean];

function expectPod(pod: Manifest, serviceAccount: string, secret: string, containerChecks: ContainerCheck[], problem?: string): void {
  const spec = pod.spec;
  const problems: string[] = problem ? [problem] : [];
  if (spec.serviceAccountName !== serviceAccount) {
    problems.push(`serviceAccountName ${spec.serviceAccountName}, expected ${serviceAccount}`);
  }
  const secretVolumes = (spec.volumes ?? []).filter((v: Manifest) => v.secret?.secretName === secret);
  if (secretVolumes.length === 0) {
    problems.push(`no volume of secret ${secret}: ${JSON.stringify(spec.volumes)}`);
  }
  const containers: Manifest[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const found = containerChecks.map(([what, test]) => {
    const names = containers.filter(test).map(c => c.name);
    if (names.length === 0) {
      problems.push(`no container has ${what}`);
    }
    return `${what} in ${names.join(', ')}`;
  });
  if (problems.length > 0) {
    throw new Error(`the build pod ${pod.metadata.name} lacks what the library wrote: ${problems.join('; ')}`);
  }
  const volumes = (spec.volumes ?? []).filter((v: Manifest) => v.persistentVolumeClaim).map((v: Manifest) => `${v.name} (claim ${v.persistentVolumeClaim.claimName})`);
  console.log(`pod/${pod.metadata.name}: serviceAccountName ${spec.serviceAccountName}; secret ${secret} mounted (${secretVolumes.map((v: Manifest) => v.name).join(', ')}); `
    + `${found.join('; ')}${volumes.length > 0 ? `; cache ${volumes.join(', ')}` : ''}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const deadline = started + TIMEOUT_MS;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kpack-controller-'));
  const controllerLog = path.join(work, 'controller.log');
  try {
    // The library's objects: the install (default kpack version) and the tutorial's first step.
    const app = new App({ outdir: path.join(work, 'dist') });
    const crdsChart = new Chart(app, 'kpack-crds');
    new Kpack(crdsChart, 'kpack', { crds: KpackCrds.ONLY });
    const installChart = new Chart(app, 'kpack');
    const kpackVersion = new Kpack(installChart, 'kpack', { crds: KpackCrds.EXCLUDE }).version.version;
    const tutorial = new TutorialChart(app, 'builds', { step: STEPS[0], dockerHub: PLACEHOLDERS });
    const crds = crdsChart.toJson();
    const install = installChart.toJson();
    const builds = tutorial.toJson();

    const store = builds.find(o => o.kind === 'ClusterStore')!;
    const stack = builds.find(o => o.kind === 'ClusterStack')!;
    const builder = builds.find(o => o.kind === 'ClusterBuilder')!;
    const lifecycle = install.find(o => o.kind === 'ClusterLifecycle')!;
    const buildpackIds: string[] = builder.spec.order.flatMap((entry: Manifest) => entry.group.map((g: Manifest) => g.id));
    if (buildpackIds.length !== store.spec.sources.length) {
      throw new Error(`the tutorial's store has ${store.spec.sources.length} images for ${buildpackIds.length} buildpacks of its builder's order`);
    }
    const images = [
      ...store.spec.sources.map((s: Manifest, i: number) => ({ repository: repositoryPath(s.image), kind: 'buildpack', id: buildpackIds[i], version: '0.0.1', stack: stack.spec.id })),
      { repository: repositoryPath(stack.spec.buildImage.image), kind: 'build', stack: stack.spec.id },
      { repository: repositoryPath(stack.spec.runImage.image), kind: 'run', stack: stack.spec.id },
      { repository: repositoryPath(lifecycle.spec.image), kind: 'lifecycle', version: '0.20.0' },
      { repository: 'sources/hello-golang:1', kind: 'source' },
    ];
    const specFile = path.join(work, 'images.json');
    fs.writeFileSync(specFile, JSON.stringify(images));
    const registryLog = path.join(work, 'registry.log');
    const registry = startGroup(binary('registry'), [specFile], registryLog);
    const host = await waitFor('the loopback registry', deadline, () => fs.readFileSync(registryLog, 'utf8').match(/^registry (\S+)$/m)?.[1]
      ?? (registry.exitCode !== null ? (() => { throw new Error(`the registry exited: ${tail(registryLog)}`); })() : undefined), registryLog);
    console.log(`registry on ${host}: ${images.map(i => `${i.repository} (${i.kind})`).join(', ')}`);
    const local = (reference: string) => `${host}/${repositoryPath(reference)}`;

    // The image references, and only they, pointed at the loopback registry.
    store.spec.sources = store.spec.sources.map((s: Manifest) => ({ ...s, image: local(s.image) }));
    stack.spec.buildImage.image = local(stack.spec.buildImage.image);
    stack.spec.runImage.image = local(stack.spec.runImage.image);
    builder.spec.tag = local(builder.spec.tag);
    lifecycle.spec.image = local(lifecycle.spec.image);

    // An Image the library writes with a registry source (kpack resolves it without a network), the tutorial's
    // builder and service account, and build settings to find in the pod.
    const appChart = new Chart(app, 'app', { namespace: 'default' });
    const serviceAccount = builds.find(o => o.kind === 'ServiceAccount')!;
    const image = new BuildImage(appChart, 'hello', {
      metadata: { name: 'hello-registry' },
      tag: `${host}/apps/hello`,
      builder: ClusterBuilder.fromClusterBuilderName(appChart, 'builder', builder.metadata.name),
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(appChart, 'sa', serviceAccount.metadata.name),
      source: Source.registry(`${host}/sources/hello-golang:1`),
      env: { BP_GO_TARGETS: kplus.EnvValue.fromValue('./cmd/server') },
      resources: { memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) } },
    });
    void image;
    const appObjects = appChart.toJson();

    const cluster = await startCluster();
    console.log(`kube-apiserver ${cluster.version} on loopback; kpack v${kpackVersion}'s controller`);
    const kubectl = new Kubectl(cluster);
    const apply = (objects: Manifest[], label: string) => {
      // kpack's defaulting webhook code first, as the webhook would on create.
      const admissions = new Map(admit(kpackVersion, objects, true).map(a => [a.key, a]));
      const defaulted = objects.map(o => {
        const admission = admissions.get(objectKey(o));
        if (admission && !admission.allowed) {
          throw new Error(`${label}: kpack's webhook code refuses ${admission.key}: ${admission.error}`);
        }
        return admission?.object ?? o;
      });
      kubectl.ok(['apply', '-f', '-'], defaulted.map(o => stringify(o)).join('---\n'));
      console.log(`applied ${label}: ${objects.length} objects`);
    };
    // A default StorageClass, as most clusters have (the tutorial's Image asks for a cache volume of no class).
    kubectl.ok(['apply', '-f', '-'], stringify({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      provisioner: 'example.invalid/none',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    }));
    apply(crds, 'kpack-crds');
    kubectl.ok(['wait', '--for', 'condition=established', '--timeout=60s', 'crd', '--all']);
    apply(install, 'kpack (the install; its Deployments never run here)');
    apply(builds, 'builds (the tutorial\'s first step)');
    apply(appObjects, 'app (an Image with a registry source)');

    // The controller as the install's Deployment runs it: its environment, out of cluster.
    const deployment = install.find(o => o.kind === 'Deployment' && o.metadata.name === 'kpack-controller')!;
    const container = deployment.spec.template.spec.containers[0];
    const env: NodeJS.ProcessEnv = { ...process.env, PROFILING_PORT: String(await freePort()), METRICS_PORT: String(await freePort()) };
    for (const variable of container.env ?? []) {
      if (variable.value !== undefined) {
        env[variable.name] = variable.value;
      } else if (variable.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace') {
        env[variable.name] = deployment.metadata.namespace;
      } else if (variable.valueFrom?.configMapKeyRef) {
        // The images of the build pod's steps: the install's ConfigMaps, as the kubelet would resolve them.
        const ref = variable.valueFrom.configMapKeyRef;
        const configMap = install.find(o => o.kind === 'ConfigMap' && o.metadata.name === ref.name);
        if (configMap?.data?.[ref.key] === undefined) {
          throw new Error(`the controller's ${variable.name} names ConfigMap ${ref.name}'s ${ref.key}, which the install does not have`);
        }
        env[variable.name] = configMap.data[ref.key];
      } else {
        throw new Error(`the controller's ${variable.name}: a value this runner cannot resolve: ${JSON.stringify(variable.valueFrom)}`);
      }
    }
    startGroup(binary('controller'), [`--kubeconfig=${cluster.kubeconfig}`], controllerLog, env);
    console.log(`controller started (log: ${controllerLog})`);

    for (const [kind, name] of [['clusterlifecycle', lifecycle.metadata.name], ['clusterstack', stack.metadata.name], ['clusterstore', store.metadata.name], ['clusterbuilder', builder.metadata.name]]) {
      const object = await waitFor(`${kind}/${name} Ready`, deadline, () => {
        const o = get(kubectl, [kind, name]);
        return ready(o) ? o : undefined;
      }, controllerLog);
      console.log(`${kind}/${name}: Ready ${kind === 'clusterbuilder' ? `(builder pushed: ${object.status.latestImage})` : conditions(object)}`);
    }

    const secretName = builds.find(o => o.kind === 'Secret')!.metadata.name;
    const tutorialImage = builds.find(o => o.kind === 'Image')!;
    // The tutorial's Image (git source, cache volume) and the registry-source one (build env and resources).
    const registryPod = await buildPod(kubectl, 'hello-registry', deadline, controllerLog);
    expectPod(registryPod, serviceAccount.metadata.name, secretName, [
      ['PLATFORM_ENV_BP_GO_TARGETS=./cmd/server (kpack hands build env to its prepare step so)',
        c => (c.env ?? []).some((e: Manifest) => e.name === 'PLATFORM_ENV_BP_GO_TARGETS' && e.value === './cmd/server')],
      ['memory request 512Mi and limit 1Gi', c => c.resources?.limits?.memory === '1Gi' && c.resources?.requests?.memory === '512Mi'],
    ]);
    const tutorialPod = await buildPod(kubectl, tutorialImage.metadata.name, deadline, controllerLog);
    const git = tutorialImage.spec.source.git;
    expectPod(tutorialPod, tutorialImage.spec.serviceAccountName, secretName, [
      [`GIT_URL ${git.url} and GIT_REVISION ${git.revision}`, c => (c.env ?? []).some((e: Manifest) => e.name === 'GIT_URL' && e.value === git.url)
        && (c.env ?? []).some((e: Manifest) => e.name === 'GIT_REVISION' && e.value === git.revision)],
    ], tutorialPod.spec.volumes.filter((v: Manifest) => v.persistentVolumeClaim !== undefined).length > 0 ? undefined : 'no cache volume (the Image asks for one)');
    console.log(`controller: ClusterLifecycle, ClusterStack, ClusterStore and ClusterBuilder Ready, and two Images' build pods as the library wrote them, with kpack v${kpackVersion}'s controller on kube-apiserver ${cluster.version} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } catch (e) {
    console.error(`controller: FAILED after ${((Date.now() - started) / 1000).toFixed(0)} s: ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    stopChildren();
    stopAll();
    if (process.exitCode !== 1) {
      fs.rmSync(work, { recursive: true, force: true });
    } else {
      console.error(`(logs kept in ${work})`);
    }
  }
}

void main();
