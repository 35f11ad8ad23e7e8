import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteDict } from './byte-dict';
import { DictBuilder } from './raw-table';

const enc = new TextEncoder();

/** Codes and dictionary from ByteDict, fed half from bytes and half from strings, as the CSV reader does. */
function viaBytes(values: readonly string[]): { codes: number[]; dict: string[] } {
  const d = new ByteDict();
  const codes = values.map((v, i) => {
    if (i % 2 === 1) return d.codeOf(v);
    const b = enc.encode(`<${v}>`);
    return d.code(b, 1, b.length - 1);
  });
  return { codes, dict: d.strings() };
}

function viaBuilder(values: readonly string[]): { codes: number[]; dict: string[] } {
  const d = new DictBuilder();
  return { codes: values.map((v) => d.code(v)), dict: d.dict };
}

describe('ByteDict', () => {
  it('gives the codes and dictionary DictBuilder gives, trimming like String.prototype.trim', () => {
    const piece = fc.constantFrom('a', 'B', '1', ' ', '\t', '\u00a0', '\u2003', '\ufeff', 'é', '€', '😀', '\u0001', '-');
    const value = fc.array(piece, { maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (values) => {
        expect(viaBytes(values)).toEqual(viaBuilder(values));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps distinct values apart through many growths of its table', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => `pos-${i % 150_000}`);
    const got = viaBytes(values);
    expect(got.dict).toHaveLength(150_000);
    expect(got.codes[150_000]).toBe(0);
    expect(got.codes[199_999]).toBe(49_999);
    expect(got.dict[149_999]).toBe('pos-149999');
  });

  it.each([
    ['decimal sequences', (i: number): string => `p${i}`],
    ['hex sequences', (i: number): string => `h${i.toString(16)}`],
    ['a wide last character', (i: number): string => `k${Math.floor(i / 94)}${String.fromCharCode(33 + (i % 94))}`],
    ['repeats', (i: number): string => `fund-${(i * 7919) % 3000}`],
  ])('agrees with DictBuilder on 300,000 %s, in its blocked and spread layouts', (_name, id) => {
    const values = Array.from({ length: 300_000 }, (_, i) => id(i % 250_000));
    expect(viaBytes(values)).toEqual(viaBuilder(values));
  });

  it('returns -1 for empty and blank values', () => {
    const d = new ByteDict();
    const b = enc.encode('x   y');
    expect(d.code(b, 1, 1)).toBe(-1);
    expect(d.code(b, 1, 4)).toBe(-1);
    expect(d.codeOf(' \u00a0 ')).toBe(-1);
    expect(d.strings()).toEqual([]);
  });
});

describe('ByteDict: values in ascending order', () => {
  const word = fc.array(fc.constantFrom('a', 'b', 'z', '0', '9', 'é', '-'), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));

  it('codes sorted runs (with repeats) then anything, as DictBuilder does, and finds each value', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 20 }), (run, rest) => {
        const values = [...[...run].sort((x, y) => (Buffer.from(x) < Buffer.from(y) ? -1 : Buffer.from(x) > Buffer.from(y) ? 1 : 0)), ...rest];
        expect(viaBytes(values)).toEqual(viaBuilder(values));
        const d = new ByteDict();
        for (const v of values) {
          const b = enc.encode(v);
          d.code(b, 0, b.length);
        }
        const dict = d.strings();
        dict.forEach((v, k) => {
          const b = enc.encode(v);
          expect(d.find(b, 0, b.length)).toBe(k);
        });
        const missing = enc.encode('~absent~');
        expect(d.find(missing, 0, missing.length)).toBe(-1);
      }),
      { numRuns: 2000 },
    );
  });

  it('codes long ascending ids with shared prefixes (compared four bytes at a time) as DictBuilder does', () => {
    const id = fc.array(fc.constantFrom('0', '1', '9', 'é', '-'), { minLength: 0, maxLength: 9 }).map((a) => `pos-00${a.join('')}`);
    fc.assert(
      fc.property(fc.array(id, { maxLength: 30 }), fc.array(id, { maxLength: 5 }), (run, rest) => {
        const values = [...[...run].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))), ...rest];
        expect(viaBytes(values)).toEqual(viaBuilder(values));
      }),
      { numRuns: 1000 },
    );
  });

  it('says a strictly ascending column has no repeat, and notices one', () => {
    const d = new ByteDict();
    for (const v of ['p1', 'p2', 'p3']) d.codeOf(v);
    expect([d.sorted, d.distinct]).toEqual([true, true]);
    d.codeOf('p3');
    expect([d.sorted, d.distinct]).toEqual([true, false]);
    d.codeOf('p0');
    expect(d.sorted).toBe(false);
  });
});

describe('ByteDict.absorb: a column read in two parts', () => {
  const code = (d: ByteDict, v: string): number => {
    const b = enc.encode(v);
    return d.code(b, 0, b.length);
  };

  it('ends with the codes, values and flags of one dictionary that read every cell', () => {
    // Mostly ascending ids with repeats and a few out of order, so both ways of absorbing are met.
    const value = fc.oneof({ weight: 4, arbitrary: fc.nat(40) }, { weight: 1, arbitrary: fc.constantFrom(-1, 7) });
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.nat(80), fc.boolean(), (raw, cutAt, ascending) => {
        const ids = raw.map((x) => (x < 0 ? '' : `id-${String(x).padStart(3, '0')}`));
        const values = ascending ? [...ids].sort() : ids;
        const cut = Math.min(cutAt, values.length);
        const one = new ByteDict();
        const oneCodes = values.map((v) => code(one, v));
        const first = new ByteDict();
        const second = new ByteDict();
        const firstCodes = values.slice(0, cut).map((v) => code(first, v));
        const secondCodes = values.slice(cut).map((v) => code(second, v));
        const map = first.absorb(second.utf8(), second.sorted, second.distinct);
        expect([...firstCodes, ...secondCodes.map((c) => (c < 0 ? c : (map[c] as number)))]).toEqual(oneCodes);
        expect(first.strings()).toEqual(one.strings());
        expect([first.sorted, first.distinct, first.size]).toEqual([one.sorted, one.distinct, one.size]);
      }),
    );
  });

  it('appends ascending values after the last one in one copy, and still finds each', () => {
    const first = new ByteDict();
    const second = new ByteDict();
    for (let i = 0; i < 1000; i++) code(i < 600 ? first : second, `p${String(i).padStart(5, '0')}`);
    const map = first.absorb(second.utf8(), second.sorted, second.distinct);
    expect(Array.from(map.subarray(0, 3))).toEqual([600, 601, 602]);
    expect([first.sorted, first.distinct, first.size]).toEqual([true, true, 1000]);
    const b = enc.encode('p00999');
    expect(first.find(b, 0, b.length)).toBe(999);
    expect(code(first, 'p01000')).toBe(1000);
  });
});
