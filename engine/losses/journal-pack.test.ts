import { describe, expect, it } from 'vitest';
import { JournalPool, progressWord } from './journal-pack';
import { copyMovedSlots } from './step-journal';

describe('JournalPool: buffers for packed journals', () => {
  it('takes back the buffers of the steps the helper’s progress word says it built, but the last two, without a message', () => {
    const pool = new JournalPool();
    pool.begin(7);
    const lent = [0, 1, 2, 3, 4].map((t) => pool.room(t)(1000));
    // The helper has built steps 0 to 3 of run 7: the journals of 2 and 3 stay, as the run's
    // tail, were it built on this thread, starts from them.
    Atomics.store(pool.progress, 0, progressWord(7, 4));
    const five = pool.room(5)(1000);
    const six = pool.room(6)(1000);
    const seven = pool.room(7)(1000);
    expect([lent[0], lent[1]]).toContain(five);
    expect([lent[0], lent[1]]).toContain(six);
    expect(five).not.toBe(six);
    expect(lent).not.toContain(seven);
  });

  it('ignores a progress word of another run (a helper still on the run before)', () => {
    const pool = new JournalPool();
    pool.begin(1);
    const first = pool.room(0)(64);
    pool.begin(2);
    const lent = pool.room(0)(64);
    Atomics.store(pool.progress, 0, progressWord(1, 5));
    expect(pool.room(1)(64)).not.toBe(lent);
    // Buffers lent in a dropped run never come back: the helper may still read them.
    expect(pool.room(2)(64)).not.toBe(first);
  });

  it('takes back the buffers before the last two steps a message names, all of them once the run is over, and picks one large enough', () => {
    const pool = new JournalPool();
    pool.begin(3);
    const small = pool.room(0)(64);
    const big = pool.room(1)(4096);
    const mid = pool.room(2)(1024);
    const last = pool.room(3)(64);
    pool.built(3);
    expect(pool.room(4)(2000)).toBe(big);
    expect(pool.room(5)(10)).toBe(small);
    expect([mid, last, big, small]).not.toContain(pool.room(6)(10));
    pool.releaseAll();
    expect(pool.room(7)(1000)).toBe(mid);
  });

  it('lends the smallest free buffer that holds what is asked (a step asks for buffers of very different sizes)', () => {
    const pool = new JournalPool();
    pool.begin(4);
    const big = pool.room(0)(1 << 20);
    const small = pool.room(1)(64);
    pool.room(2)(64);
    pool.room(3)(64);
    pool.built(3);
    expect(pool.room(4)(10)).toBe(small);
    expect(pool.room(4)(100)).toBe(big);
  });
});

describe('copyMovedSlots: the exposures a journal keeps', () => {
  it('copies the slots of the assets whose price moved, runs of them at once, and nothing else', () => {
    // Assets 0…4 with slots [0,2) [2,3) [3,3) [3,6) [6,7); assets 1, 2 and 3 moved (2 has no slots), 4 moved to NaN.
    const start = Int32Array.of(0, 2, 3, 3, 6, 7);
    const P0 = Float64Array.of(1, 10, 5, 2, 3);
    const P = Float64Array.of(1, 9, 4, 2.5, NaN);
    const Z = Float64Array.of(1, 2, 3, 4, 5, 6, 7);
    const into = new Float64Array(7).fill(-1);
    copyMovedSlots(Z, into, P, P0, start);
    expect(Array.from(into)).toEqual([-1, -1, 3, 4, 5, 6, 7]);
    const still = new Float64Array(7).fill(-1);
    copyMovedSlots(Z, still, P0, P0, start);
    expect(Array.from(still)).toEqual([-1, -1, -1, -1, -1, -1, -1]);
  });
});
