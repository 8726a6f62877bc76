import { Size } from 'cdk8s';
import * as fc from 'fast-check';
import { bytesToQuantity, parseQuantity, quantityError, sameQuantity, sizeToQuantity } from '../../src/private/quantity';

describe('quantities', () => {
  test.each([
    ['1.5Gi', '1536Mi'],
    ['2G', '2000M'],
    ['1e3', '1k'],
    ['0.5', '500m'],
    ['1Ki', '1024'],
    ['.5', '0.5'],
    ['+1', '1'],
  ])('%s equals %s', (a, b) => {
    expect(sameQuantity(a, b)).toBe(true);
  });

  test.each([['1Gi', '1G'], ['1', '2']])('%s differs from %s', (a, b) => {
    expect(sameQuantity(a, b)).toBe(false);
  });

  test.each(['', 'abc', '1.5 Gi', '1GB', '1K', '--1', '1.2.3', '-Pi'])('%p is not a quantity', text => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  // apimachinery v0.34.3's ParseQuantity, case by case.
  const FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  test.each([
    ['1K', "unable to parse quantity's suffix"],
    ['1mi', "unable to parse quantity's suffix"],
    ['1e', "unable to parse quantity's suffix"],
    ['1e9223372036854775808', "unable to parse quantity's suffix"],
    ['-Pi', 'unable to parse numeric part of quantity'],
    ['.e-10', 'unable to parse numeric part of quantity'],
    ['', FORMAT],
    [' 1Gi ', FORMAT],
    ['1.5.5', FORMAT],
    ['Gi', undefined],
    ['.', undefined],
    ['-', undefined],
    ['1e4294967296', undefined],
    ['1E', undefined],
    ['1.5n', undefined],
  ])('%p: %p', (text, error) => {
    expect(quantityError(text)).toBe(error);
  });

  test('values Kubernetes keeps: sub-nano amounts round up, binary amounts cap at the largest int64', () => {
    expect(sameQuantity('0.1n', '1n')).toBe(true);
    expect(sameQuantity('-0.1n', '-1n')).toBe(true);
    expect(sameQuantity('9Ei', '9223372036854775807')).toBe(true);
    expect(sameQuantity('Gi', '0')).toBe(true);
  });

  test('parsing is linear: 200,000 digits is checked in well under a second', () => {
    const started = Date.now();
    expect(quantityError('1'.repeat(200_000) + 'x')).toBe(FORMAT);
    expect(quantityError('1'.repeat(200_000) + 'Ki')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('sizes render in the largest binary unit that shows them with at most three decimals', () => {
    expect(sizeToQuantity(Size.gibibytes(1.5), 'size')).toBe('1.5Gi');
    expect(sizeToQuantity(Size.mebibytes(1100), 'size')).toBe('1100Mi');
    expect(sizeToQuantity(Size.tebibytes(2048), 'size')).toBe('2Pi');
    expect(sizeToQuantity(Size.kibibytes(0), 'size')).toBe('0');
    expect(() => sizeToQuantity(Size.kibibytes(0.1), 'cache size')).toThrow('cache size must be a whole number of bytes, got 102.4 bytes');
  });

  test('every rendered size parses back to the same number of bytes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), bytes => {
      const value = parseQuantity(bytesToQuantity(bytes));
      expect(value).toBeDefined();
      expect(value!.numerator).toBe(BigInt(bytes) * value!.denominator);
    }));
  });

  test('a text read again, after a thousand others, and a text too long to remember, give the same verdicts', () => {
    // GIVEN
    const long = `${'0'.repeat(70)}3Mi`;
    const verdicts = () => ({
      value: parseQuantity('1.5Gi'),
      error: quantityError('1K'),
      longValue: parseQuantity(long),
      longError: quantityError(`${long}B`),
    });
    const before = verdicts();

    // WHEN
    for (let i = 0; i < 2_000; i++) {
      parseQuantity(`${i}Mi`);
      quantityError(`${i}K`);
    }

    // THEN
    expect(verdicts()).toEqual(before);
    expect(before.value!.numerator).toBe(1536n * 2n ** 20n * before.value!.denominator);
    expect(before.error).toBe("unable to parse quantity's suffix");
    expect(before.longValue).toEqual({ numerator: 3n * 2n ** 20n, denominator: 1n });
    expect(before.longError).toBe(FORMAT);
  });
});
