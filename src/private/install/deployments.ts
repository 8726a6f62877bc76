import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { compareQuantities, parseQuantity, sizeInBytes, bytesToQuantity } from '../quantity';
import { Draft, Drafts, ManifestObject } from './manifest';
import { isDnsSubdomain, isLabelKey, isLabelValue, resourceQuantities, toleration } from '../k8s';
import { FieldError, generic, invalidValue, withHint } from '../validation/field-error';

/** The Deployments of a release, and their containers, by role. */
export const CONTROLLER = { deployment: 'kpack-controller', container: 'controller', serviceAccount: 'controller' };
export const WEBHOOK = { deployment: 'kpack-webhook', container: 'webhook', serviceAccount: 'webhook' };
export type Workload = typeof CONTROLLER;

/** What `KpackDeploymentOptions` says, read from the props. */
export interface DeploymentOptions {
  readonly replicas?: number;
  readonly resources?: kplus.ContainerResources;
  readonly nodeSelector?: { readonly [label: string]: string };
  readonly tolerations?: readonly kplus.NodeTaintQuery[];
  readonly priorityClassName?: string;
}

/** The container of a workload in a (read-only or draft) Deployment. */
export function containerOf(deployment: ManifestObject | Draft, workload: Workload): any {
  return deployment.spec.template.spec.containers.find((c: any) => c.name === workload.container);
}

/** Sets an env var of a container: replaces its value (and any `valueFrom`) or appends it. */
export function setEnv(container: any, name: string, value: string): void {
  container.env = container.env ?? [];
  const existing = container.env.find((e: any) => e.name === name);
  if (existing) {
    delete existing.valueFrom;
    existing.value = value;
  } else {
    container.env.push({ name, value });
  }
}

/** Checks the options of one Deployment; `prop` is the prop path (`controller`). */
export function checkDeploymentOptions(options: DeploymentOptions, prop: string): FieldError[] {
  const errors: FieldError[] = [];
  if (options.replicas !== undefined && !(Number.isInteger(options.replicas) && options.replicas >= 0)) {
    errors.push(withHint(invalidValue(options.replicas, `${prop}.replicas`), 'a replica count is a whole number, 0 or more'));
  }
  for (const [label, value] of Object.entries(options.nodeSelector ?? {})) {
    if (!isLabelKey(label)) {
      errors.push(withHint(invalidValue(label, `${prop}.nodeSelector`), 'a label key is an optional DNS prefix and a name of at most 63 characters: letters, digits, -, _ and .'));
    }
    if (!isLabelValue(value)) {
      errors.push(withHint(invalidValue(value, `${prop}.nodeSelector[${label}]`), 'a label value has at most 63 characters: letters, digits, -, _ and ., starting and ending with a letter or digit'));
    }
  }
  if (options.priorityClassName !== undefined && !isDnsSubdomain(options.priorityClassName)) {
    errors.push(withHint(invalidValue(options.priorityClassName, `${prop}.priorityClassName`), 'a PriorityClass name is a lowercase DNS subdomain'));
  }
  return errors;
}

/** Applies `options` to the Deployment of `workload`; returns the problems found in `options.resources`. */
export function applyDeploymentOptions(drafts: Drafts, index: number, workload: Workload, options: DeploymentOptions, prop: string): FieldError[] {
  const upstream = drafts.read(index);
  const { resources, errors } = mergeResources(containerOf(upstream, workload).resources, options.resources, `${prop}.resources`);
  const nodeSelector = Object.keys(options.nodeSelector ?? {}).length > 0 ? options.nodeSelector : undefined;
  const changes = options.replicas !== undefined || nodeSelector !== undefined || (options.tolerations?.length ?? 0) > 0
    || options.priorityClassName !== undefined || resources !== undefined;
  if (!changes) {
    return errors;
  }
  const deployment = drafts.edit(index);
  const pod = deployment.spec.template.spec;
  if (options.replicas !== undefined) {
    deployment.spec.replicas = options.replicas;
  }
  if (nodeSelector !== undefined) {
    pod.nodeSelector = { ...pod.nodeSelector, ...nodeSelector };
  }
  if (options.tolerations !== undefined && options.tolerations.length > 0) {
    pod.tolerations = [...pod.tolerations ?? [], ...options.tolerations.map(toleration)];
  }
  if (options.priorityClassName !== undefined) {
    pod.priorityClassName = options.priorityClassName;
  }
  if (resources !== undefined) {
    containerOf(deployment, workload).resources = resources;
  }
  return errors;
}

type Requirements = { requests?: Record<string, string>; limits?: Record<string, string> };

/**
 * The container's resources with each request and limit of `given` replacing the release's, or
 * undefined when nothing is given. A request above its limit is an error (Kubernetes refuses it).
 */
function mergeResources(upstream: Requirements | undefined, given: kplus.ContainerResources | undefined, prop: string)
  : { resources?: Requirements; errors: FieldError[] } {
  if (!given) {
    return { errors: [] };
  }
  const errors: FieldError[] = [];
  const quantities = resourceQuantities(given, amount => amount.cpu
    ? cpu(amount.cpu, `${prop}.${amount.prop}.${amount.side}`, errors)
    : size(amount.size, `${prop}.${amount.prop}.${amount.side}`, errors));
  const requests: Record<string, string> = { ...upstream?.requests, ...quantities.requests };
  const limits: Record<string, string> = { ...upstream?.limits, ...quantities.limits };
  for (const [key, name] of [['cpu', 'cpu'], ['memory', 'memory'], ['ephemeral-storage', 'ephemeralStorage']]) {
    const request = requests[key] !== undefined ? parseQuantity(requests[key]) : undefined;
    const limit = limits[key] !== undefined ? parseQuantity(limits[key]) : undefined;
    if (request && limit && compareQuantities(request, limit) > 0) {
      errors.push(withHint(
        generic(`${key} request ${requests[key]} is above its limit ${limits[key]}`, `${prop}.${name}`),
        'Kubernetes refuses a request above its limit: raise the limit or lower the request'));
    }
  }
  if (JSON.stringify(requests) === JSON.stringify({ ...upstream?.requests }) && JSON.stringify(limits) === JSON.stringify({ ...upstream?.limits })) {
    return { errors };
  }
  const resources: Requirements = {};
  if (Object.keys(requests).length > 0) {
    resources.requests = requests;
  }
  if (Object.keys(limits).length > 0) {
    resources.limits = limits;
  }
  return { resources, errors };
}

function cpu(value: kplus.Cpu | undefined, prop: string, errors: FieldError[]): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const quantity = parseQuantity(value.amount);
  if (!quantity || quantity.numerator < 0n) {
    errors.push(withHint(invalidValue(value.amount, prop), 'a CPU amount is a quantity, 0 or more, e.g. Cpu.millis(250)'));
    return undefined;
  }
  return value.amount;
}

function size(value: Size | undefined, prop: string, errors: FieldError[]): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const bytes = sizeInBytes(value);
  if (bytes === undefined || bytes < 0) {
    errors.push(withHint(invalidValue(bytes ?? value.toKibibytes() * 1024, prop), 'a size is a whole number of bytes, 0 or more'));
    return undefined;
  }
  return bytesToQuantity(bytes);
}
