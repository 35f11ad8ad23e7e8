import { describe, expect, it } from 'vitest';
import { F64Column, I32Column, U8Column } from './growable';

describe('growable columns', () => {
  it('push, append and repeat in order through growth; view and take hold exactly the rows', () => {
    const f = new F64Column(2);
    f.push(1.5);
    f.append(new Float64Array([2, 3, 4]));
    f.repeat(-1, 3);
    f.push(9);
    expect(Array.from(f.view())).toEqual([1.5, 2, 3, 4, -1, -1, -1, 9]);
    expect(f.take()).toEqual(new Float64Array([1.5, 2, 3, 4, -1, -1, -1, 9]));
    f.set(0, 7);
    expect(f.get(0)).toBe(7);

    const i = new I32Column(1);
    i.repeat(5, 4);
    i.append(new Int32Array([1, 2]));
    expect(Array.from(i.view())).toEqual([5, 5, 5, 5, 1, 2]);
    i.clear();
    i.append(new Int32Array(0));
    expect(i.length).toBe(0);
    i.push(3);
    expect(Array.from(i.take())).toEqual([3]);

    const u = new U8Column(1);
    u.append(new Uint8Array([1, 0, 1]));
    u.repeat(1, 2);
    expect(Array.from(u.view())).toEqual([1, 0, 1, 1, 1]);
  });

  it('room: writes in place after the length, grows once for the rounds forecast, keeps what was written', () => {
    for (const make of [() => new F64Column(4), () => new I32Column(4), () => new U8Column(4)]) {
      const col = make();
      col.push(1);
      // Four more do not fit in four: one growth, to room for ten rounds of four.
      const buf = col.room(4, 10);
      expect(buf.length).toBe(41);
      for (let k = 1; k <= 4; k++) buf[k] = k + 1;
      col.length = 5;
      for (let round = 0; round < 9; round++) {
        const again = col.room(4, 10 - round);
        expect(again).toBe(buf);
        again[col.length] = 6;
        col.length += 1;
      }
      const rows = [1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6];
      expect(Array.from(col.view())).toEqual(rows);
      // Past the room: at least double, and the rows stay.
      expect(col.room(30).length).toBe(82);
      expect(Array.from(col.view())).toEqual(rows);
      col.push(7);
      expect(col.get(14)).toBe(7);
    }
  });
});

describe('fit', () => {
  it('cuts a column holding less than half of its buffer to its values, and leaves a fuller one as it is', () => {
    for (const make of [() => new F64Column(10), () => new I32Column(10), () => new U8Column(10)]) {
      const sparse = make();
      for (let k = 0; k < 4; k++) sparse.push(k + 1);
      const before = sparse.view().buffer;
      sparse.fit();
      expect(sparse.view().buffer).not.toBe(before);
      expect(sparse.view().buffer.byteLength).toBe(4 * sparse.view().BYTES_PER_ELEMENT);
      expect(Array.from(sparse.view())).toEqual([1, 2, 3, 4]);
      sparse.push(5);
      expect(Array.from(sparse.view())).toEqual([1, 2, 3, 4, 5]);

      const full = make();
      for (let k = 0; k < 5; k++) full.push(k);
      const kept = full.view().buffer;
      full.fit();
      expect(full.view().buffer).toBe(kept);

      const empty = make();
      empty.fit();
      expect(empty.length).toBe(0);
      empty.push(9);
      expect(empty.get(0)).toBe(9);
    }
  });
});
