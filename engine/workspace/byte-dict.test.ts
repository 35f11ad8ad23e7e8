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
