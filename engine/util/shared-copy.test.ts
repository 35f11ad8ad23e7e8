import { describe, expect, it } from 'vitest';
import { sharedCopy } from './shared-copy';

describe('sharedCopy', () => {
  it('copies each kind of array into shared memory, values and type kept', () => {
    const f = Float64Array.from([1.5, -0, Number.MAX_VALUE]);
    const i = Int32Array.from([-7, 0, 2 ** 31 - 1]);
    const u = Uint8Array.from([0, 255, 3]);
    for (const a of [f, i, u]) {
      const c = sharedCopy(a);
      expect(c).not.toBe(a);
      expect(c.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(c.constructor).toBe(a.constructor);
      expect(Array.from(c)).toEqual(Array.from(a));
    }
    expect(Object.is(sharedCopy(f)[1], -0)).toBe(true);
  });

  it('makes one copy per array, and returns an array already in shared memory as it is', () => {
    const a = Int32Array.from([1, 2, 3]);
    expect(sharedCopy(a)).toBe(sharedCopy(a));
    expect(sharedCopy(Int32Array.from([1, 2, 3]))).not.toBe(sharedCopy(a));
    const s = new Float64Array(new SharedArrayBuffer(16));
    expect(sharedCopy(s)).toBe(s);
  });

  it('goes to another thread as a reference: a message does not copy it', () => {
    const c = sharedCopy(Float64Array.from([1, 2]));
    const { port1, port2 } = new MessageChannel();
    return new Promise<void>((resolve) => {
      port2.onmessage = (e: MessageEvent<Float64Array>) => {
        e.data[0] = 42;
        expect(c[0]).toBe(42);
        port1.close();
        port2.close();
        resolve();
      };
      port1.postMessage(c);
    });
  });
});
