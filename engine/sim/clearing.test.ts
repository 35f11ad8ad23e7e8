import { describe, expect, it } from 'vitest';
import { clear } from './clearing';

function run(n: number, rows: [number, number, number][], e: number[], maxIterations = 10_000) {
  return clear({
    nodes: n,
    debtor: Int32Array.from(rows, (r) => r[0]),
    creditor: Int32Array.from(rows, (r) => r[1]),
    value: Float64Array.from(rows, (r) => r[2]),
    external: Float64Array.from(e),
    tolerance: 1e-9,
    maxIterations,
  });
}

describe('Eisenberg–Noe clearing (MODEL §4.6)', () => {
  it('pays in full when everyone can', () => {
    const out = run(2, [[0, 1, 10]], [10, 0]);
    expect(Array.from(out.paid)).toEqual([10, 0]);
    expect(Array.from(out.received)).toEqual([0, 10]);
  });

  it('clears a 3-node cycle with one short node', () => {
    // A owes B 10, B owes C 20, C owes A 10; B holds 5 outside.
    // B short: p_B = 5 + p_A = 15; C receives 15 ≥ 10 and pays 10; A receives 10 and pays 10.
    const out = run(3, [[0, 1, 10], [1, 2, 20], [2, 0, 10]], [0, 5, 0]);
    expect(Array.from(out.paid)).toEqual([10, 15, 10]);
    expect(Array.from(out.owed)).toEqual([10, 20, 10]);
    expect(Array.from(out.received)).toEqual([10, 10, 15]);
  });

  it('returns the greatest vector on a cycle with no outside assets', () => {
    // Every p = (x, x, x), 0 ≤ x ≤ 10, clears; the greatest is full payment.
    const out = run(3, [[0, 1, 10], [1, 2, 10], [2, 0, 10]], [0, 0, 0]);
    expect(Array.from(out.paid)).toEqual([10, 10, 10]);
  });

  it('unwinds a zero-asset cycle that leaks to an outsider', () => {
    // C also owes D 5: p_A = ⅔·p_C, p_B = p_A, p_C = p_B, so the only solution is 0.
    const out = run(4, [[0, 1, 10], [1, 2, 10], [2, 0, 10], [2, 3, 5]], [0, 0, 0, 0]);
    for (const p of out.paid) expect(p).toBeCloseTo(0, 12);
  });

  it('splits a short payment pro rata (Π)', () => {
    // A holds 30 and owes B 40 and C 20: pays 30, B gets 20, C gets 10.
    const out = run(3, [[0, 1, 40], [0, 2, 20]], [30, 0, 0]);
    expect(out.paid[0]).toBe(30);
    expect(out.received[1]).toBeCloseTo(20, 12);
    expect(out.received[2]).toBeCloseTo(10, 12);
  });

  it('solves a long defaulting ring iteratively to the same fixed point', () => {
    // 500 nodes in a ring, each owing the next 10, node 0 with 5 outside and owing an outsider 10 more.
    const n = 501;
    const rows: [number, number, number][] = [];
    for (let i = 0; i < 500; i++) rows.push([i, (i + 1) % 500, 10]);
    rows.push([0, 500, 10]);
    const e = new Array<number>(n).fill(0);
    e[0] = 5;
    const out = run(n, rows, e, 100_000);
    // Fixed point: p_0 = min(20, 5 + p_499), p_i = min(10, p_{i-1}·[i=1 ? ½ : 1]).
    const p = out.paid;
    expect(p[0]).toBeCloseTo(Math.min(20, 5 + (p[499] as number)), 6);
    expect(p[1]).toBeCloseTo(Math.min(10, (p[0] as number) / 2), 6);
    for (let i = 2; i < 500; i++) expect(p[i]).toBeCloseTo(Math.min(10, p[i - 1] as number), 6);
    // p_0 = 5 + p_0/2 → 10.
    expect(p[0]).toBeCloseTo(10, 6);
    expect(out.capped).toBe(false);
  });
});
