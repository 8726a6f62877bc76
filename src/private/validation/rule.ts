import { FieldError } from './field-error';
import type { Decoded } from './go-decode';

/**
 * A kpack object as the webhook sees it: plain JSON, as rendered by the library or read from YAML.
 * Nothing about its shape is trusted.
 */
export interface KpackObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: any;
  readonly spec?: any;
  readonly [key: string]: unknown;
}

/** One rule of a kind's table: what kpack's webhook (or this library) checks, and where it comes from. */
export interface Rule {
  /** Stable id, listed in docs/validation.md. */
  readonly id: string;
  /** What the rule rejects, in a few words (docs/validation.md). */
  readonly condition: string;
  /** Where the rule comes from: kpack's source file, `kp`, or `cdk8s-kpack` for the library's own. */
  readonly origin: string;
  /** When the rule finds a problem, kpack returns it alone: later rules are not run. */
  readonly exclusive?: boolean;
  /** Pure function of the (defaulted) object. */
  readonly validate: (object: KpackObject) => FieldError[];
}

/** What differs between the kpack releases that serve `kpack.io/v1alpha2`, for their rules. */
export interface KpackRelease {
  /** kpack v0.18.0 refuses `kubernetes.io/arch` in a node selector: it sets the arch itself. */
  readonly archNodeSelector: boolean;
}

/** The rules kpack's webhook applies to one kind of one API version. */
export interface KindRules {
  readonly apiVersion: string;
  readonly kind: string;
  /**
   * Decoding the object into kpack's Go types, which stops the webhook before it validates: a problem
   * found here is returned alone, and defaults and rules do not run. Else the object as the types read it
   * (keys Go matched without regard to case written as the fields' names), which the rules see.
   */
  readonly decode?: (object: KpackObject) => Decoded<KpackObject>;
  /** kpack's `SetDefaults`: the defaulting webhook runs before the validating one. */
  readonly defaults?: (object: KpackObject) => KpackObject;
  readonly rules: readonly Rule[];
}

/** Whether a rule is kpack's own (its origin is a kpack source file), not this library's or kp's. */
export function isKpackRule(rule: Rule): boolean {
  return rule.origin.startsWith('kpack ');
}

/** The rule id of the problems found while decoding, before any rule of the table runs. */
export const DECODE_RULE = 'decode';

export function runRules(table: KindRules, object: KpackObject): FieldError[] {
  const decoded = table.decode ? table.decode(object) : { errors: [], object };
  if (decoded.errors.length > 0) {
    return decoded.errors.map(e => ({ ...e, rule: DECODE_RULE }));
  }
  const defaulted = table.defaults ? table.defaults(decoded.object) : decoded.object;
  const errors: FieldError[] = [];
  for (const rule of table.rules) {
    const found = rule.validate(defaulted).map(e => ({ ...e, rule: rule.id, ...(isKpackRule(rule) ? {} : { ours: true }) }));
    if (found.length > 0 && rule.exclusive) {
      return found;
    }
    for (const error of found) errors.push(error); // a loop: a spread of a huge list overflows the stack
  }
  return errors;
}

/** A string field as Go would decode it: absent is the zero value (another JSON type never reaches a rule: decoding refuses it). */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** An object field; undefined when absent or not an object. */
export function record(value: unknown): Record<string, any> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, any> : undefined;
}

/** A list field; empty when absent or not a list. */
export function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** Joins path segments, leaving out empty ones (knative's `ViaField`). */
export function path(...segments: string[]): string {
  return segments.filter(s => s !== '').join('.');
}
