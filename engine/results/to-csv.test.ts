import { Table, tableFromArrays } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boolVector, dictVector, f64Vector, i32Vector, utf8Vector } from '../util/arrow-columns';
import { defuseFormula, numberCell, quoteCell, tableToCsv, tableToCsvBytes, tableToCsvChunks } from './to-csv';

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

describe('tableToCsvBytes', () => {
  // The rules of tableToCsv, cell by cell: the oracle the byte writer is held to.
  const cellText = (x: unknown): string => {
    if (x === null || x === undefined) return '';
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'number') return numberCell(x);
    return quoteCell(defuseFormula(String(x)));
  };
  const expected = (t: Table): string => {
    const names = t.schema.fields.map((f) => f.name);
    let out = names.join(',') + '\n';
    for (let i = 0; i < t.numRows; i++) out += names.map((n) => cellText(t.getChild(n)?.get(i))).join(',') + '\n';
    return out;
  };
  const decode = (chunks: Uint8Array[]): string => new TextDecoder().decode(Buffer.concat(chunks));

  const number = fc.oneof(
    fc.double(),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    fc.constantFrom(-0, 0, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 5e-324, 0.1 + 0.2, -1.2345678901234567e-308),
  );
  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'a,b', 'say "hi"', 'two\nlines', ' pad', '=1+2', '+x', '-y', '@z', 'Ünïcode €', '日本'));
  const table = fc
    .record({
      rows: fc.integer({ min: 0, max: 60 }),
      seed: fc.array(fc.tuple(number, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.option(text, { nil: null }), fc.option(fc.boolean(), { nil: null }), fc.integer({ min: -1, max: 5 })), { minLength: 1, maxLength: 60 }),
      dict: fc.array(text, { minLength: 6, maxLength: 6 }),
      slice: fc.tuple(fc.nat(), fc.nat()),
      chunk: fc.integer({ min: 1, max: 70 }),
    })
    .map(({ rows, seed, dict, slice, chunk }) => {
      const at = (i: number) => seed[i % seed.length] as (typeof seed)[number];
      const t = tableFromArrays({
        amount: Float64Array.from({ length: rows }, (_, i) => at(i)[0]),
        // The same values again: the text of recent numbers is reused.
        again: Float64Array.from({ length: rows }, (_, i) => at(rows - 1 - i)[0]),
        step: Int32Array.from({ length: rows }, (_, i) => at(i)[1]),
        name: Array.from({ length: rows }, (_, i) => at(i)[2]),
        flag: Array.from({ length: rows }, (_, i) => at(i)[3]),
      });
      const codes = Int32Array.from({ length: rows }, (_, i) => at(i)[4]);
      const withDict = t.assign(new Table({ id: dictVector(codes, dict), ok: boolVector(Uint8Array.from(codes, (c) => c & 1)) }));
      const from = rows === 0 ? 0 : slice[0] % rows;
      return { t: rows === 0 ? withDict : withDict.slice(from, from + (slice[1] % (rows + 1))), whole: withDict, chunk };
    });

  it('writes the text tableToCsv’s rules give, for any column of numbers, text or flags, nulls, slices and chunk sizes', () => {
    fc.assert(
      fc.property(table, ({ t, whole, chunk }) => {
        for (const x of [t, whole]) {
          const chunks = [...tableToCsvBytes(x, chunk)];
          expect(decode(chunks)).toBe(expected(x));
          expect(chunks.length).toBe(Math.max(1, Math.ceil(x.numRows / chunk)));
          // Each chunk in memory of its own: a consumer may keep or transfer it.
          expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never reuses the text of another value: more neighbouring doubles than its table of recent texts has places', () => {
    const n = 200_000;
    const xs = Float64Array.from({ length: n }, (_, k) => 1 + k * Number.EPSILON);
    const lines = decode([...tableToCsvBytes(new Table({ x: f64Vector(xs), y: f64Vector(xs.slice().reverse()) }))]).split('\n');
    let wrong = 0;
    for (let k = 0; k < n; k++) {
      const [x, y] = (lines[k + 1] as string).split(',');
      if (Number(x) !== xs[k] || Number(y) !== xs[n - 1 - k]) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('writes 32-bit integers digit by digit and the others as String does, one table sharing their texts', () => {
    const xs = [0, -0, 7, -7, 10, 99, 100, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 1.5, 1.5, -1e-7, 1e21, 123456789.123];
    const t = new Table({ x: f64Vector(Float64Array.from(xs)), y: f64Vector(Float64Array.from(xs).reverse()) });
    const lines = decode([...tableToCsvBytes(t)]).trim().split('\n').slice(1);
    expect(lines.map((l) => l.split(',')[0])).toEqual(['0', '0', '7', '-7', '10', '99', '100', '2147483647', '-2147483648', '2147483648', '1.5', '1.5', '-1e-7', '1e+21', '123456789.123']);
    expect(lines.map((l) => Number(l.split(',')[1]))).toEqual([...xs].reverse().map((x) => (Object.is(x, -0) ? 0 : x)));
  });
});
