import { describe, expect, it } from 'vitest';
import { cells } from '../../test/fixtures/workspaces/raw';
import type { RawNumberColumn, RawStringColumn, RawTable, ReadOptions } from './raw-table';
import { readCsv } from './read-csv';

const enc = new TextEncoder();
const numeric = (...names: string[]): ReadOptions => ({ isNumeric: (h) => names.includes(h) });

function read(text: string, opts: ReadOptions): RawTable {
  const r = readCsv(enc.encode(text), 'holdings', 'holdings.csv', opts);
  if (!r.ok) throw new Error(`expected a table: ${JSON.stringify(r.error)}`);
  return r.value;
}

const column = (t: RawTable, i: number): RawStringColumn => t.columns[i] as RawStringColumn;

describe('CSV fast path', () => {
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

  it('reads a last record without a line break, and skips records of empty cells', () => {
    const t = read('owner,amount\r\n , \r\nfund,1.5\r\n\t,\r\ndesk,-2', numeric('amount'));
    expect(cells(t)).toEqual([
      ['fund', 1.5],
      ['desk', -2],
    ]);
    expect(Array.from(t.rowNumbers ?? [])).toEqual([3, 5]);
  });
});
