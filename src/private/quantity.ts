import { Size, SizeRoundingBehavior } from 'cdk8s';

/**
 * Kubernetes quantities (`resource.Quantity`): parsing, exact comparison, and rendering of cdk8s
 * `Size` values. Exact arithmetic on BigInt, so `1.5Gi` and `1536Mi` compare equal.
 */

/** An exact non-negative-or-negative rational value: numerator / denominator. */
export interface QuantityValue {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

// resource.ParseQuantity: a signed decimal number followed by a binary suffix, a decimal SI suffix,
// or a decimal exponent.
const QUANTITY = /^([+-]?)([0-9]+\.?[0-9]*|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const BINARY_EXPONENT: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
// Far beyond any real quantity; keeps `1e999999999` from turning into a billion-digit BigInt.
const MAX_DECIMAL_EXPONENT = 1000;

/** Parses a quantity the way Kubernetes does; undefined when Kubernetes would refuse it. */
export function parseQuantity(text: string): QuantityValue | undefined {
  const match = QUANTITY.exec(text);
  if (!match) {
    return undefined;
  }
  const [, sign, number, suffix] = match;
  const [whole, fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction) * (sign === '-' ? -1n : 1n);
  let denominator = 10n ** BigInt(fraction.length);
  if (suffix !== undefined) {
    if (suffix in BINARY_EXPONENT) {
      numerator *= 2n ** BigInt(BINARY_EXPONENT[suffix]);
    } else {
      const exponent = suffix in DECIMAL_EXPONENT ? DECIMAL_EXPONENT[suffix] : Number(suffix.slice(1));
      if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT) {
        return undefined;
      }
      if (exponent >= 0) {
        numerator *= 10n ** BigInt(exponent);
      } else {
        denominator *= 10n ** BigInt(-exponent);
      }
    }
  }
  return { numerator, denominator };
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
    const kibibytes = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
    throw new Error(`${description} must be a whole number of bytes, got ${kibibytes * 1024} bytes`);
  }
  return bytesToQuantity(bytes);
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
