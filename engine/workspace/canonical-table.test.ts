import { Dictionary, Int32, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { canonicalTable } from './canonical-table';

function dictColumn(values: string[], codes: number[], nulls: number[] = []) {
  const dictionary = vectorFromArray(values, new Utf8());
  const bitmap = new Uint8Array(Math.ceil(codes.length / 8));
  codes.forEach((_, i) => {
    if (!nulls.includes(i)) bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
  });
  return makeVector(makeData({ type: new Dictionary(new Utf8(), new Int32(), 0), length: codes.length, nullCount: nulls.length, nullBitmap: bitmap, data: Int32Array.from(codes), dictionary }));
}

describe('canonicalTable', () => {
  it('gives the same bytes for the same rows whatever the dictionary order, dropping unused values', () => {
    const a = new Table({ id: dictColumn(['ETH', 'BTC'], [1, 0, 1]), price: vectorFromArray([1, 2, 3]) });
    const b = new Table({ id: dictColumn(['ETH', 'unused', 'BTC'], [2, 0, 2]), price: vectorFromArray([1, 2, 3]) });
    expect(tableToIPC(a, 'stream')).not.toEqual(tableToIPC(b, 'stream'));
    const ca = canonicalTable(a);
    expect(tableToIPC(ca, 'stream')).toEqual(tableToIPC(canonicalTable(b), 'stream'));
    expect(ca.getChild('id')?.toArray()).toEqual(['BTC', 'ETH', 'BTC']);
    expect(ca.getChild('id')?.data[0]?.dictionary?.toArray()).toEqual(['BTC', 'ETH']);
  });

  it('leaves a table already in first-appearance order as it is', () => {
    const t = new Table({ id: dictColumn(['ETH', 'BTC'], [0, 1, 0]) });
    expect(tableToIPC(canonicalTable(t), 'stream')).toEqual(tableToIPC(t, 'stream'));
    const withUnused = new Table({ id: dictColumn(['ETH', 'BTC', 'SOL'], [0, 1, 0]) });
    expect(canonicalTable(withUnused).getChild('id')?.data[0]?.dictionary?.toArray()).toEqual(['ETH', 'BTC']);
  });

  it('keeps nulls and tells different rows apart', () => {
    const a = canonicalTable(new Table({ id: dictColumn(['x', 'y'], [0, 0, 1], [1]) }));
    expect(a.getChild('id')?.toArray()).toEqual(['x', null, 'y']);
    const b = canonicalTable(new Table({ id: dictColumn(['x', 'y'], [0, 1, 1], [1]) }));
    expect(b.getChild('id')?.toArray()).toEqual(['x', null, 'y']);
    const c = canonicalTable(new Table({ id: dictColumn(['x', 'y'], [1, 0, 0]) }));
    expect(tableToIPC(a, 'stream')).not.toEqual(tableToIPC(c, 'stream'));
  });
});
