import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { compactDictVector, dictVector, f64Vector, readFloats, readStrings, utf8Vector } from './arrow-columns';

describe('Arrow column helpers', () => {
  it('utf8Vector round-trips ASCII and non-ASCII strings', () => {
    const strings = ['ETH', '', 'numéraire', '日本', 'a"b,c'];
    expect(utf8Vector(strings).toArray()).toEqual(strings);
  });

  it('reads exactly the column rows back after an IPC round trip (Arrow pads buffers)', () => {
    const t = new Table({ id: dictVector(Int32Array.from([0, 1, 0]), ['a', 'b']), x: f64Vector(Float64Array.from([1.5, 2, 3])) });
    const back = tableFromIPC(tableToIPC(t));
    const ids = readStrings(back.getChild('id') as never);
    expect(Array.from(ids.codes).map((c) => ids.dict[c])).toEqual(['a', 'b', 'a']);
    expect(Array.from(readFloats(back.getChild('x') as never))).toEqual([1.5, 2, 3]);
  });

  it('compactDictVector keeps only the strings used', () => {
    const v = compactDictVector(Int32Array.from([3, -1, 3]), ['a', 'b', 'c', 'd']);
    expect(v.toArray()).toEqual(['d', null, 'd']);
    expect(v.data[0]?.dictionary?.length).toBe(1);
  });
});
