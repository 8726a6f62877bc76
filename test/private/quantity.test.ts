import { Size } from 'cdk8s';
import * as fc from 'fast-check';
import { bytesToQuantity, parseQuantity, sameQuantity, sizeToQuantity } from '../../src/private/quantity';

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

  test.each(['', 'abc', '1.5 Gi', '1GB', '1K', '--1', '1.2.3', 'Gi', '1e9999'])('%p is not a quantity', text => {
    expect(parseQuantity(text)).toBeUndefined();
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
});
