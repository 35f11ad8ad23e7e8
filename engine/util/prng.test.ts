import { describe, expect, it } from 'vitest';
import { Prng } from './prng';

const take = (p: Prng, n: number): number[] => Array.from({ length: n }, () => p.u32());

describe('Prng', () => {
  it('gives the same sequence for the same seed, a different one for another seed', () => {
    expect(take(new Prng(42), 100)).toEqual(take(new Prng(42), 100));
    expect(take(new Prng('demo'), 20)).toEqual(take(new Prng('demo'), 20));
    expect(take(new Prng(42), 20)).not.toEqual(take(new Prng(43), 20));
    expect(take(new Prng(2 ** 40), 20)).not.toEqual(take(new Prng(0), 20));
  });

  it('keeps its sequence across versions (generated workspaces depend on it)', () => {
    expect(take(new Prng(1), 4)).toEqual([3196744686, 65608358, 206415958, 1844220030]);
  });

  it('draws floats in [0, 1) and integers in [0, n) with sane moments', () => {
    const p = new Prng(7);
    let sum = 0;
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = p.next();
      if (!(x >= 0 && x < 1)) throw new Error(`out of range: ${x}`);
      sum += x;
      const k = p.int(10);
      counts[k] = (counts[k] as number) + 1;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    for (const c of counts) expect(Math.abs(c / n - 0.1)).toBeLessThan(0.01);
  });

  it('draws standard normals', () => {
    const p = new Prng(11);
    let s = 0;
    let s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const z = p.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });

  it('picks by weight and forks independent streams', () => {
    const p = new Prng(3);
    const hits = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) {
      const k = p.weighted([1, 0, 3]);
      hits[k] = (hits[k] as number) + 1;
    }
    expect(hits[1]).toBe(0);
    expect((hits[2] as number) / 30_000).toBeCloseTo(0.75, 1);
    const a = new Prng(5);
    const fa = a.fork('x');
    const b = new Prng(5);
    const fb = b.fork('x');
    b.u32();
    expect(take(fa, 5)).toEqual(take(fb, 5));
    expect(take(new Prng(5).fork('x'), 5)).not.toEqual(take(new Prng(5).fork('y'), 5));
  });
});
