import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { boolVector, dictVector, f64Vector, i32Vector, utf8Vector } from '../util/arrow-columns';
import { quoteCell, tableToCsv, tableToCsvChunks } from './to-csv';

describe('tableToCsv', () => {
  it('writes a header and typed cells; nulls and NaN are empty', () => {
    const t = new Table({
      step: i32Vector(Int32Array.from([0, 1, 2])),
      asset: dictVector(Int32Array.from([0, -1, 1]), ['ETH', 'BTC']),
      price: f64Vector(Float64Array.from([2000.5, NaN, 1e-7])),
      halted: boolVector(Uint8Array.from([0, 1, 0])),
    });
    expect(tableToCsv(t)).toBe('step,asset,price,halted\n0,ETH,2000.5,false\n1,,,true\n2,BTC,1e-7,false\n');
  });

  it('quotes cells holding the delimiter, quotes, line breaks or edge spaces', () => {
    const t = new Table({ name: utf8Vector(['plain', 'a,b', 'say "hi"', 'two\nlines', ' padded', 'cr\r']) });
    expect(tableToCsv(t)).toBe('name\nplain\n"a,b"\n"say ""hi"""\n"two\nlines"\n" padded"\n"cr\r"\n');
    expect(quoteCell('a;b', ';')).toBe('"a;b"');
    expect(quoteCell('a;b')).toBe('a;b');
  });

  it('round-trips float64 exactly', () => {
    const xs = Float64Array.from([0.1 + 0.2, 1 / 3, -123456.789e-12, 2 ** 53 + 2, -0]);
    const lines = tableToCsv(new Table({ x: f64Vector(xs) })).trim().split('\n').slice(1);
    expect(lines.map(Number)).toEqual([0.1 + 0.2, 1 / 3, -123456.789e-12, 2 ** 53 + 2, 0]);
  });

  it('streams in chunks whose concatenation is the whole text', () => {
    const n = 1000;
    const t = new Table({ i: i32Vector(Int32Array.from({ length: n }, (_, k) => k)) });
    const chunks = [...tableToCsvChunks(t, 64)];
    expect(chunks.length).toBe(Math.ceil(n / 64));
    expect(chunks.join('')).toBe(tableToCsv(t));
    expect([...tableToCsvChunks(new Table({ i: i32Vector(new Int32Array(0)) }))]).toEqual(['i\n']);
  });
});

describe('spreadsheet formula injection', () => {
  it('defuses text cells a spreadsheet would evaluate, never numbers', async () => {
    const { tableFromArrays } = await import('apache-arrow');
    const t = tableFromArrays({ id: ['=HYPERLINK("x")', '+1', '-a', '@b', 'ok'], amount: Float64Array.from([-1, 2, 3, 4, 5]) });
    const lines = tableToCsv(t).trim().split('\n');
    expect(lines.slice(1)).toEqual([`"'=HYPERLINK(""x"")",-1`, "'+1,2", "'-a,3", "'@b,4", 'ok,5']);
  });
});
