import { IConstruct } from 'constructs';
import { STRUCTS, TypeShape } from './prop-shapes';

/**
 * The runtime type check of props, for callers without a type checker (JavaScript, or values cast in
 * TypeScript): a value of the wrong type fails at once with the construct path and the field, instead
 * of a TypeError later. Driven by one description per struct, generated from the jsii assembly
 * (`src/private/prop-shapes.ts`). Only values that are present are checked (and the props themselves,
 * when their struct has required props): a missing required prop is the constructor's own business
 * (missing credentials, for instance, fail the synth with their own hint).
 * Cheap: a walk over the props' own fields, no deeper than the structs they declare.
 */
export function checkProps(scope: IConstruct | string, struct: string, props: unknown, field = 'props'): void {
  const problems: string[] = [];
  if (props === undefined) {
    // Left out: fine unless the struct has a prop that must be given.
    if (Object.values(STRUCTS[struct] ?? {}).some(([, optional]) => !optional)) {
      problems.push(`expected a ${struct} (an object), got undefined: ${field}`);
    }
  } else {
    check({ struct }, props, field, undefined, problems);
  }
  if (problems.length > 0) {
    const where = typeof scope === 'string' ? scope : scope.node.path;
    throw new Error(`[${where}] ${problems.join('\n')}`);
  }
}

/** The fields of each struct, listed once (every construct checks its props). */
const FIELDS = new Map<string, Array<[string, [TypeShape, boolean]]>>();

function fieldsOf(struct: string): Array<[string, [TypeShape, boolean]]> {
  let fields = FIELDS.get(struct);
  if (fields === undefined) {
    fields = Object.entries(STRUCTS[struct] ?? {}) as Array<[string, [TypeShape, boolean]]>;
    FIELDS.set(struct, fields);
  }
  return fields;
}

/** The path of `name` below `parent`: `parent` itself when no name, a prop's own name below `props`, else `parent.name` or `parent[i]`. */
function fieldPath(parent: string, name: string | number | undefined): string {
  if (name === undefined) {
    return parent;
  }
  if (typeof name === 'number') {
    return `${parent}[${name}]`;
  }
  return parent === 'props' ? name : `${parent}.${name}`;
}

// Field paths and expected-type texts are built only for a value that needs one (a problem, or a level
// below): every construct checks its props, and most fields are fine leaves.
function check(shape: TypeShape, value: unknown, parent: string, name: string | number | undefined, problems: string[]): void {
  if (value === undefined || isAnyValue(shape)) {
    return;
  }
  // A cdk8s `Lazy` stands for any value: it is resolved when the manifest is written.
  if (isLazy(value)) {
    return;
  }
  if (!fits(shape, value)) {
    // The value itself may be a credential: only its type is named.
    problems.push(`expected ${expectation(shape)}, got ${typeName(value)}: ${fieldPath(parent, name)}`);
    return;
  }
  if (shape.primitive !== undefined || shape.enum !== undefined || shape.instance !== undefined) {
    return;
  }
  const field = fieldPath(parent, name);
  if (shape.struct !== undefined) {
    for (const [fieldName, [fieldShape, optional]] of fieldsOf(shape.struct)) {
      const item = (value as Record<string, unknown>)[fieldName];
      if (item === null && optional) {
        continue;
      }
      check(fieldShape, item, field, fieldName, problems);
    }
  } else if (shape.array !== undefined) {
    (value as unknown[]).forEach((item, i) => check(shape.array!, item, field, i, problems));
  } else if (shape.map !== undefined) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      check(shape.map, item, field, key, problems);
    }
  }
}

function isLazy(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { produce?: unknown }).produce === 'function';
}

function fits(shape: TypeShape, value: unknown): boolean {
  if (shape.primitive !== undefined) {
    return shape.primitive === 'date' ? value instanceof Date : typeof value === shape.primitive;
  }
  if (shape.enum !== undefined) {
    // A member's value (jsii enums are strings or numbers); which members exist is the caller's check.
    return typeof value === 'string' || typeof value === 'number';
  }
  if (shape.array !== undefined) {
    return Array.isArray(value);
  }
  // A struct, a map, or an instance of a class or interface.
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A shape with no member set stands for any value (a union): nothing to check. */
function isAnyValue(shape: TypeShape): boolean {
  return shape.primitive === undefined && shape.enum === undefined && shape.array === undefined && shape.map === undefined
    && shape.struct === undefined && shape.instance === undefined;
}

function expectation(shape: TypeShape): string | undefined {
  if (shape.primitive !== undefined) {
    return shape.primitive === 'date' ? 'a Date' : `a ${shape.primitive}`;
  }
  if (shape.enum !== undefined) {
    return `a member of ${shape.enum}`;
  }
  if (shape.array !== undefined) {
    return 'an array';
  }
  if (shape.map !== undefined) {
    return 'a map (an object)';
  }
  if (shape.struct !== undefined) {
    return `a ${shape.struct} (an object)`;
  }
  if (shape.instance !== undefined) {
    return `a ${shape.instance}`;
  }
  return undefined;
}

/** The JavaScript type of a value, as errors name it. */
export function typeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
