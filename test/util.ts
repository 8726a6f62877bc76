import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as plain JSON. */
export type Manifest = Record<string, any>;

/** Parses every non-empty document of a YAML file. */
export function readManifests(file: string): Manifest[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(document => document.toJS())
    .filter(object => object !== null && object !== undefined);
}

export const FIXTURES = path.join(__dirname, 'fixtures');

/** `kind/namespace/name`, the identity of an object in a cluster. */
export function objectKey(object: Manifest): string {
  return `${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
}

/** The one object of the given kind (and name) in a list; fails the test when there is not exactly one. */
export function findObject(objects: Manifest[], kind: string, name?: string): Manifest {
  const found = objects.filter(o => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` "${name}"` : ''}, found ${found.length}`);
  }
  return found[0];
}

/** Runs a chart's synth-time validation and returns the error lines cdk8s reports (empty when valid). */
export function validationErrors(chart: Chart): string[] {
  try {
    chart.toJson();
    return [];
  } catch (e) {
    const message = (e as Error).message;
    const prefix = 'Validation failed with the following errors:\n  ';
    if (!message.startsWith(prefix)) {
      throw e;
    }
    return message.slice(prefix.length).split('\n  ');
  }
}

/** The warnings recorded on a construct and its children. */
export function warningsUnder(scope: IConstruct): string[] {
  return scope.node.findAll()
    .flatMap(c => c.node.metadata)
    .filter(entry => entry.type === 'cdk8s-kpack:warning')
    .map(entry => String(entry.data));
}
