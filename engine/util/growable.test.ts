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
});
