import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { resourceQuantities, toleration } from './k8s';
import { sizeToQuantityOrProblem } from './quantity';
import { BuildOptions } from '../build-settings';
import { FieldError, generic, withHint } from './validation/field-error';

/** An environment variable as kpack's build spec holds it. */
export interface RenderedEnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: any;
}

/** Resource requests and limits as quantity strings. */
export interface RenderedResources {
  readonly requests?: Record<string, string>;
  readonly limits?: Record<string, string>;
}

/** The build pod settings of `BuildOptions`, in kpack's JSON shape (shared by Image and Build). */
export interface RenderedBuildSettings {
  readonly resources?: RenderedResources;
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: any[];
  readonly affinity?: any;
  readonly runtimeClassName?: string;
  readonly schedulerName?: string;
  readonly timeoutSeconds?: number;
  readonly creationTime?: string;
  readonly defaultProcess?: string;
  readonly projectDescriptorPath?: string;
  readonly cosign?: { annotations: Array<{ name: string; value: string }> };
}

/**
 * Renders what can be rendered at construction. A value no manifest can hold (a timeout or a memory size
 * that is not whole) is left out and recorded in `problems`, which the construct reports at synth with
 * the other problems of the app.
 */
export function renderBuildSettings(
  options: BuildOptions, paths: { resources: string; timeout: string }, problems: FieldError[]): RenderedBuildSettings {
  return {
    resources: renderResources(options.resources, paths.resources, problems),
    nodeSelector: options.nodeSelector && { ...options.nodeSelector },
    tolerations: options.tolerations?.map(toleration),
    affinity: options.affinity && k8s.toJson_Affinity(options.affinity),
    runtimeClassName: options.runtimeClassName,
    schedulerName: options.schedulerName,
    timeoutSeconds: options.buildTimeout && wholeSeconds(options.buildTimeout, paths.timeout, problems),
    creationTime: options.creationTime?.value,
    defaultProcess: options.defaultProcess,
    projectDescriptorPath: options.projectDescriptorPath,
    cosign: options.cosignAnnotations && {
      annotations: Object.entries(options.cosignAnnotations).map(([name, value]) => ({ name, value })),
    },
  };
}

function wholeSeconds(duration: { toSeconds(): number }, field: string, problems: FieldError[]): number | undefined {
  try {
    return duration.toSeconds();
  } catch (e) {
    problems.push(withHint({ ...generic('build timeout must be a whole number of seconds', field), details: (e as Error).message },
      'kpack takes the timeout in whole seconds: use Duration.seconds() or Duration.minutes()'));
    return undefined;
  }
}

export function renderEnv(env: Map<string, kplus.EnvValue>): RenderedEnvVar[] | undefined {
  if (env.size === 0) {
    return undefined;
  }
  return [...env.entries()].map(([name, value]) => ({ name, value: value.value, valueFrom: value.valueFrom }));
}

export function renderServices(services: kplus.IResource[]): Array<{ apiVersion: string; kind: string; name: string }> | undefined {
  return services.length > 0
    ? services.map(service => ({ apiVersion: service.apiVersion, kind: service.kind, name: service.name }))
    : undefined;
}

function renderResources(resources: kplus.ContainerResources | undefined, base: string, problems: FieldError[]): RenderedResources | undefined {
  if (!resources) {
    return undefined;
  }
  const { requests, limits } = resourceQuantities(resources, amount => amount.cpu
    ? amount.cpu.amount
    : sizeToQuantityOrProblem(amount.size!, amount.prop === 'memory' ? 'memory' : 'ephemeral storage',
      `${base}.${amount.side === 'request' ? 'requests' : 'limits'}.${amount.key}`, problems));
  return {
    requests: Object.keys(requests).length > 0 ? requests : undefined,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  };
}

/** Wraps each value of a quantity map in the L1's int-or-string class. */
export function quantities<T>(values: Record<string, string> | undefined, wrap: (quantity: string) => T): Record<string, T> | undefined {
  return values && Object.fromEntries(Object.entries(values).map(([key, value]) => [key, wrap(value)]));
}
