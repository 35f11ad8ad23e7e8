import { beforeEach, describe, expect, it } from 'vitest';
import { cells } from '../../test/fixtures/workspaces/raw';
import type { CsvScanner, RawNumberColumn, RawStringColumn, RawTable, ReadOptions } from './raw-table';
import { readCsv } from './read-csv';

const enc = new TextEncoder();
const numeric = (...names: string[]): ReadOptions => ({ isNumeric: (h) => names.includes(h) });

let scanner: CsvScanner = 'auto';

function read(text: string, opts: ReadOptions): RawTable {
  const r = readCsv(enc.encode(text), 'holdings', 'holdings.csv', { ...opts, scanner });
  if (!r.ok) throw new Error(`expected a table: ${JSON.stringify(r.error)}`);
  return r.value;
}

const column = (t: RawTable, i: number): RawStringColumn => t.columns[i] as RawStringColumn;

// Each case with either tokenizer: JavaScript, and the WebAssembly scanner with a window of its
// own size and one of 64 bytes (records then cross its windows, and longer ones fall back).
describe.each<[string, CsvScanner]>([
  ['JavaScript', 'js'],
  ['WebAssembly', 'wasm'],
  ['WebAssembly, 64-byte window', { wasmWindow: 64 }],
])('CSV fast path (%s)', (_, choice) => {
  beforeEach(() => {
    scanner = choice;
  });

  it('codes text in order of first appearance, long values and short ones alike', () => {
    // "a" sorts before "b": the dictionary leaves its sorted mode, and short values go through the
    // short index. The reader once coded the long value before the short ones read before it.
    const rows = ['b', 'a', 'short', 'a value longer than twelve bytes', 'tiny', 'short', 'padding', 'padding'];
    const t = read(`name,n\n${rows.map((r) => `${r},1`).join('\n')}\n`, numeric('n'));
    const col = column(t, 0);
    expect(col.dict).toEqual(['b', 'a', 'short', 'a value longer than twelve bytes', 'tiny', 'padding']);
    expect(Array.from(col.codes)).toEqual([0, 1, 2, 3, 4, 2, 5, 5]);
  });

  it('codes many distinct short values in order of first appearance, across chunks of records', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => `own-${(i * 7919) % 20_000}`);
    const all = [...values, ...values.slice(0, 5000)];
    const t = read(`owner,amount\n${all.map((v, i) => `${v},${i}`).join('\n')}\n`, numeric('amount'));
    const col = column(t, 0);
    expect(col.dict).toEqual(values);
    expect(cells(t).map((r) => r[0])).toEqual(all);
    expect((t.columns[1] as RawNumberColumn).values[24_999]).toBe(24_999);
  });

  it('lists a bad number once when a quote sends its record to the full parser', () => {
    const t = read('amount,owner\nabc,"fund, one"\n5,desk\n', numeric('amount'));
    const amount = t.columns[0] as RawNumberColumn;
    expect(amount.invalid).toEqual([{ row: 0, text: 'abc' }]);
    expect(cells(t)).toEqual([
      [null, 'fund, one'],
      [5, 'desk'],
    ]);
  });

  it('reads cells that start with -, the byte one above the comma', () => {
    // Delimiters are found four bytes at a time, and a byte one above one can pass for one in such
    // tricks (the record then goes to the full parser): either way the cells must come out right.
    const rows = ['-1,-2.5,--,-', ',-,x-,-0', 'a,b,c,d', '-,-,-,-'];
    const t = read(`a,b,c,d\n${rows.join('\n')}\n`, numeric('a', 'b'));
    expect(cells(t)).toEqual([
      [-1, -2.5, '--', '-'],
      [null, null, 'x-', '-0'],
      [null, null, 'c', 'd'],
      [null, null, '-', '-'],
    ]);
    expect((t.columns[0] as RawNumberColumn).invalid.map((x) => x.text)).toEqual(['a', '-']);
  });

  it('codes a column the same whether its values are few or many by the time a chunk starts', () => {
    // The first chunk of 4,096 records meets 600 values (past the few-values limit of 512); later
    // chunks see them again in another order, through the other path.
    const values = Array.from({ length: 600 }, (_, i) => `v${(i * 37) % 600}`);
    const all = Array.from({ length: 12_000 }, (_, i) => values[(i * 7) % 600] as string);
    const t = read(`owner,amount\n${all.map((v) => ` ${v}\t,1`).join('\n')}\n`, numeric('amount'));
    const col = column(t, 0);
    expect(cells(t).map((r) => r[0])).toEqual(all);
    expect(col.dict).toEqual([...new Set(all)]);
  });

  it('reads a last record without a line break, and skips records of empty cells', () => {
    const t = read('owner,amount\r\n , \r\nfund,1.5\r\n\t,\r\ndesk,-2', numeric('amount'));
    expect(cells(t)).toEqual([
      ['fund', 1.5],
      ['desk', -2],
    ]);
    expect(Array.from(t.rowNumbers ?? [])).toEqual([3, 5]);
  });
});
