import { describe, expect, it } from 'vitest';
import { JournalPool, progressWord } from './journal-pack';

describe('JournalPool: buffers for packed journals', () => {
  it('takes back the buffers of the steps the helper’s progress word says it built, without a message', () => {
    const pool = new JournalPool();
    pool.begin(7);
    const lent = [0, 1, 2, 3].map((t) => pool.room(t)(1000));
    // The helper has built steps 0 and 1 of run 7.
    Atomics.store(pool.progress, 0, progressWord(7, 2));
    const four = pool.room(4)(1000);
    const five = pool.room(5)(1000);
    const six = pool.room(6)(1000);
    expect([lent[0], lent[1]]).toContain(four);
    expect([lent[0], lent[1]]).toContain(five);
    expect(four).not.toBe(five);
    // Steps 2 and 3 are still being read: a new buffer.
    expect(lent).not.toContain(six);
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

  it('takes back a buffer the helper’s message names, and picks one large enough', () => {
    const pool = new JournalPool();
    pool.begin(3);
    const small = pool.room(0)(64);
    const big = pool.room(1)(4096);
    pool.returned(0);
    pool.returned(1);
    expect(pool.room(2)(2000)).toBe(big);
    expect(pool.room(3)(10)).toBe(small);
  });
});
