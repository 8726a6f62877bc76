import { Size, SizeRoundingBehavior } from 'cdk8s';
import { FieldError, generic, withHint } from './validation/field-error';

/**
 * Kubernetes quantities (`resource.Quantity`): parsing, exact comparison, and rendering of cdk8s
 * `Size` values. Exact arithmetic on BigInt, so `1.5Gi` and `1536Mi` compare equal.
 */

/** An exact non-negative-or-negative rational value: numerator / denominator. */
export interface QuantityValue {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

// apimachinery's error texts (k8s.io/apimachinery/pkg/api/resource).
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const BINARY_EXPONENT: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_EXPONENT: Record<string, number> = { '': 0, 'n': -9, 'u': -6, 'm': -3, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const MAX_INT64 = 2n ** 63n - 1n;
// Beyond any real quantity: exact values are computed with exponents clamped to this, so that
// `1e999999999` (which Kubernetes accepts) never turns into a billion-digit BigInt.
const MAX_DECIMAL_EXPONENT = 1000;

/** What `resource.ParseQuantity` read: the parts of the number and the suffix, or its error. */
interface ScannedQuantity {
  readonly error?: string;
  readonly positive: boolean;
  /** The number as written (sign, digits, point), what inf.Dec would read. */
  readonly value: string;
  /** Integer digits without leading zeros (`0` when none). */
  readonly num: string;
  /** Fraction digits. */
  readonly denom: string;
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly binary: boolean;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Go's `strconv.ParseInt(s, 10, 64)`, as a BigInt; undefined when Go refuses it. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) {
    return undefined;
  }
  const value = BigInt(s);
  return value > MAX_INT64 || value < -MAX_INT64 - 1n ? undefined : value;
}

/**
 * `resource.ParseQuantity`: apimachinery's scanner (sign, leading zeros, digits, `.` and digits, suffix
 * letters, an optional sign and digits), its suffix table, and the one numeric failure it has (a value
 * with no digit at all that needs the arbitrary-precision path, such as `-Pi`). One pass over the text.
 */
function scanQuantity(str: string): ScannedQuantity {
  return remembered(scannedQuantities, str, scanQuantityText);
}

// Apps repeat a few quantities (`2Gi`, `500m`) across thousands of objects: each text is read once. The
// tables are bounded, and keep only short texts, so that a hostile file cannot grow them.
const REMEMBERED_TEXT_LENGTH = 64;
const REMEMBERED_TEXTS = 1024;
const scannedQuantities = new Map<string, ScannedQuantity>();
const parsedQuantities = new Map<string, QuantityValue | undefined>();

function remembered<T>(table: Map<string, T>, text: string, compute: (text: string) => T): T {
  if (text.length > REMEMBERED_TEXT_LENGTH) {
    return compute(text);
  }
  if (table.has(text)) {
    return table.get(text) as T;
  }
  const value = compute(text);
  if (table.size >= REMEMBERED_TEXTS) {
    table.clear();
  }
  table.set(text, value);
  return value;
}

function scanQuantityText(str: string): ScannedQuantity {
  const fail = (error: string): ScannedQuantity => ({ error, positive: true, value: '', num: '', denom: '', base: 10, exponent: 0, binary: false });
  if (str.length === 0) {
    return fail(QUANTITY_FORMAT_ERROR);
  }
  const end = str.length;
  let positive = true;
  let pos = 0;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') {
    pos++;
  }
  let num: string;
  let denom = '';
  let value: string;
  let suffix = '';
  if (pos >= end) {
    num = '0';
    value = '0';
  } else {
    let i = pos;
    while (i < end && isDigit(str[i])) {
      i++;
    }
    num = str.slice(pos, i) || '0';
    pos = i;
    let done = pos >= end;
    value = str.slice(0, pos);
    if (!done && str[pos] === '.') {
      pos++;
      i = pos;
      while (i < end && isDigit(str[i])) {
        i++;
      }
      denom = str.slice(pos, i);
      pos = i;
      done = pos >= end;
      value = str.slice(0, pos);
    }
    if (!done) {
      const suffixStart = pos;
      while (pos < end && SUFFIX_CHARS.includes(str[pos])) {
        pos++;
      }
      if (pos < end && (str[pos] === '-' || str[pos] === '+')) {
        pos++;
      }
      while (pos < end && isDigit(str[pos])) {
        pos++;
      }
      if (pos < end) {
        return fail(QUANTITY_FORMAT_ERROR);
      }
      suffix = str.slice(suffixStart);
    }
  }

  let base: 2 | 10;
  let exponent: number;
  let binary = false;
  if (suffix in DECIMAL_EXPONENT) {
    base = 10;
    exponent = DECIMAL_EXPONENT[suffix];
  } else if (suffix in BINARY_EXPONENT) {
    base = 2;
    exponent = BINARY_EXPONENT[suffix];
    binary = true;
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const parsed = parseInt64(suffix.slice(1));
    if (parsed === undefined) {
      return fail(QUANTITY_SUFFIX_ERROR);
    }
    base = 10;
    // Go keeps the exponent in an int32: larger ones wrap around.
    exponent = Number(BigInt.asIntN(32, parsed));
  } else {
    return fail(QUANTITY_SUFFIX_ERROR);
  }

  // ParseQuantity's fast path (an int64 with a scale of at least nano) never fails; the other path
  // hands the written number to inf.Dec, which needs at least one digit.
  const digits = num.length + denom.length;
  const binaryPrecision = exponent >= 0 && denom.length === 0 ? 15 - num.length - Math.trunc(Math.fround(exponent * 3) / 10) - 1 : -1;
  const precision = base === 10 ? 18 - digits : binaryPrecision;
  const scale = (base === 10 ? exponent : 0) - denom.length;
  const fast = precision >= 0 && scale >= -9 && (base === 10 || BigInt(num + denom) * 2n ** BigInt(exponent) <= MAX_INT64);
  if (!fast && !/[0-9]/.test(value)) {
    return fail(QUANTITY_NUMERIC_ERROR);
  }
  return { positive, value, num, denom, base, exponent, binary };
}

/**
 * The error Kubernetes gives for `text` as a quantity, or undefined when it parses.
 */
export function quantityError(text: string): string | undefined {
  return scanQuantity(text).error;
}

/** Parses a quantity the way Kubernetes does; undefined when Kubernetes would refuse it. */
export function parseQuantity(text: string): QuantityValue | undefined {
  return remembered(parsedQuantities, text, parseQuantityText);
}

function parseQuantityText(text: string): QuantityValue | undefined {
  const scanned = scanQuantity(text);
  if (scanned.error !== undefined) {
    return undefined;
  }
  let numerator = BigInt(scanned.num + scanned.denom);
  let denominator = 10n ** BigInt(scanned.denom.length);
  if (scanned.base === 2) {
    numerator *= 2n ** BigInt(scanned.exponent);
  } else {
    const exponent = Math.max(-MAX_DECIMAL_EXPONENT, Math.min(MAX_DECIMAL_EXPONENT, scanned.exponent));
    if (exponent >= 0) {
      numerator *= 10n ** BigInt(exponent);
    } else {
      denominator *= 10n ** BigInt(-exponent);
    }
  }
  // A non-zero amount below a nano is rounded up (away from zero) to whole nanos.
  const nano = 1_000_000_000n;
  if (numerator !== 0n && denominator > nano && denominator % nano === 0n) {
    const step = denominator / nano;
    numerator = (numerator + step - 1n) / step;
    denominator = nano;
  }
  // A binary amount is capped at the largest int64.
  if (scanned.binary && numerator > MAX_INT64 * denominator) {
    numerator = MAX_INT64;
    denominator = 1n;
  }
  return { numerator: scanned.positive ? numerator : -numerator, denominator };
}

/** Compares two quantities by value: negative, zero or positive like a sort comparator. */
export function compareQuantities(a: QuantityValue, b: QuantityValue): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Whether two quantity strings denote the same value (`1.5Gi` equals `1536Mi`). */
export function sameQuantity(a: string, b: string): boolean {
  const left = parseQuantity(a);
  const right = parseQuantity(b);
  return left !== undefined && right !== undefined && compareQuantities(left, right) === 0;
}

const BINARY_UNITS: Array<[string, bigint]> = [
  ['Pi', 2n ** 50n],
  ['Ti', 2n ** 40n],
  ['Gi', 2n ** 30n],
  ['Mi', 2n ** 20n],
  ['Ki', 2n ** 10n],
];

/** The number of bytes in a `Size`, or undefined when it is not a whole, finite number of bytes. */
export function sizeInBytes(size: Size): number | undefined {
  const bytes = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024;
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/**
 * Renders a `Size` as a quantity (`Size.gibibytes(1.5)` gives `1.5Gi`). Throws when the size is not a
 * whole, finite number of bytes, which no quantity can express exactly.
 */
export function sizeToQuantity(size: Size, description: string): string {
  const bytes = sizeInBytes(size);
  if (bytes === undefined) {
    throw new Error(notWholeBytes(size, description));
  }
  return bytesToQuantity(bytes);
}

/** Why no quantity can express `size` exactly (it is not a whole, finite number of bytes). */
export function notWholeBytes(size: Size, description: string): string {
  const kibibytes = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  return `${description} must be a whole number of bytes, got ${kibibytes * 1024} bytes`;
}

/**
 * A `Size` as a quantity, or undefined (the field left out) with a problem recorded at `path` when the
 * size is not whole bytes: reported at synth with the other problems of the app, not thrown.
 */
export function sizeToQuantityOrProblem(size: Size, description: string, path: string, problems: FieldError[]): string | undefined {
  if (sizeInBytes(size) === undefined) {
    problems.push(withHint(generic(notWholeBytes(size, description), path),
      'give the size in whole bytes (Size.mebibytes(300), not Size.kibibytes(0.3))'));
    return undefined;
  }
  return sizeToQuantity(size, description);
}

/**
 * Renders a whole number of bytes in the largest binary unit that shows it with at most three
 * decimals, so `Size.gibibytes(1.5)` gives `1.5Gi` and `Size.mebibytes(100)` gives `100Mi`.
 */
export function bytesToQuantity(bytes: number): string {
  const value = BigInt(bytes);
  for (const [unit, factor] of BINARY_UNITS) {
    if (value >= factor && (value * 1000n) % factor === 0n) {
      const milli = (value * 1000n) / factor;
      const whole = milli / 1000n;
      const fraction = (milli % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
      return fraction === '' ? `${whole}${unit}` : `${whole}.${fraction}${unit}`;
    }
  }
  return value.toString();
}
