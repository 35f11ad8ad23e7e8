import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimalScanner, parseDecimal, parseDecimalBytes } from './parse-decimal';

const bits = (x: number): string => {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  return b.getBigUint64(0).toString(16);
};

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** Plain decimal text: sign, integer digits, a fraction, an exponent, in the shapes people and programs write. */
const decimalText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    digits(0, 20),
    fc.option(digits(0, 25), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(1, 3)), { nil: undefined }),
  )
  .filter(([, int, frac]) => int.length + (frac?.length ?? 0) > 0)
  .map(([sign, int, frac, exp]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${exp ? exp.join('') : ''}`);

describe('parseDecimal', () => {
  it('is bit-identical to Number() on random decimal text', () => {
    fc.assert(
      fc.property(decimalText, (s) => {
        expect(bits(parseDecimal(s))).toBe(bits(Number(s)));
      }),
      { numRuns: 20000 },
    );
  });

  it('is bit-identical to Number() on the shortest text of random doubles', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        for (const s of [String(x), x.toExponential(), x.toFixed(6), x.toPrecision(17)]) {
          expect(bits(parseDecimal(s))).toBe(bits(Number(s)));
        }
      }),
      { numRuns: 20000 },
    );
  });

  it('matches Number() on hard cases: halfway points, many digits, extreme exponents, signed zeros', () => {
    const hard = [
      '0.1', '0.2', '0.3', '9007199254740993', '9007199254740992', '9007199254740991.5', '2.2250738585072011e-308',
      '2.2250738585072014e-308', '4.9e-324', '2e-324', '1.7976931348623157e308', '1.7976931348623159e308', '1e23', '8.41e21',
      '123456789012345678901234567890', '0.000000000000000000000000000001', '-0', '-0.0e10', '+.5', '5.', '.5e-3', '1e22',
      '1e-22', '4503599627370496.5', '4503599627370497.5', '0.30000000000000004', '1e400', '-1e400', '00012.500',
    ];
    for (const s of hard) expect(bits(parseDecimal(s)), s).toBe(bits(Number(s)));
  });

  it('rejects everything that is not plain decimal syntax', () => {
    const bad = [
      '', ' ', '-', '+', '.', 'e5', '.e5', '1e', '1e+', '1e-', '0x10', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', '1,5',
      '1 000', ' 1', '1 ', '1.5.2', '1e5.5', '--1', '+-1', '1_000', '١٢', '12%', '$5', '1d', '1f',
    ];
    for (const s of bad) expect(parseDecimal(s), JSON.stringify(s)).toBeNaN();
  });

  it('reads a range of a longer text', () => {
    expect(parseDecimal('ab-12.5cd', 2, 7)).toBe(-12.5);
    const bytes = new TextEncoder().encode('x,3.25e2,y');
    expect(parseDecimalBytes(bytes, 2, 8)).toBe(325);
    expect(parseDecimalBytes(bytes, 2, 9)).toBeNaN();
  });
});

describe('DecimalScanner', () => {
  it('stops where the number stops', () => {
    const sc = new DecimalScanner();
    const b = new TextEncoder().encode('12.5,x 7e3;1e');
    expect(sc.scan(b, 0, b.length)).toBe(12.5);
    expect(sc.end).toBe(4);
    expect(sc.scan(b, 5, b.length)).toBeNaN();
    expect(sc.end).toBe(5);
    expect(sc.scan(b, 7, b.length)).toBe(7000);
    expect(sc.end).toBe(10);
    expect(sc.scan(b, 11, b.length)).toBeNaN();
    expect(sc.end).toBe(13);
  });
});
