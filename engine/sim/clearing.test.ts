import fc from 'fast-check';
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

/**
 * The fictitious default algorithm as first written: every round sums the inflows of every node
 * over the whole table and tests every node. clear() sums and tests again only the creditors of
 * defaulting nodes; its result must be this one bit for bit.
 */
function fullPassClear(n: number, debtor: Int32Array, creditor: Int32Array, value: Float64Array, external: Float64Array): { paid: Float64Array; received: Float64Array } {
  const owed = new Float64Array(n);
  for (let k = 0; k < value.length; k++) owed[debtor[k] as number] = (owed[debtor[k] as number] as number) + (value[k] as number);
  const paid = Float64Array.from(owed);
  const received = new Float64Array(n);
  const inD = new Uint8Array(n);
  const members: number[] = [];
  for (;;) {
    received.fill(0);
    for (let k = 0; k < value.length; k++) {
      const j = debtor[k] as number;
      const share = (owed[j] as number) > 0 ? (paid[j] as number) / (owed[j] as number) : 0;
      received[creditor[k] as number] = (received[creditor[k] as number] as number) + (value[k] as number) * share;
    }
    let grew = false;
    for (let i = 0; i < n; i++) {
      const pbar = owed[i] as number;
      if (inD[i] || pbar <= 0) continue;
      if ((external[i] as number) + (received[i] as number) < pbar - 1e-9 * Math.max(1, pbar)) {
        inD[i] = 1;
        members.push(i);
        grew = true;
      }
    }
    if (!grew) return { paid, received };
    // Gaussian elimination with partial pivoting over the members, rows in member order.
    const k = members.length;
    const A = new Float64Array(k * k);
    const rhs = Float64Array.from(members, (i) => external[i] as number);
    for (let r = 0; r < k; r++) A[r * k + r] = 1;
    for (let e = 0; e < value.length; e++) {
      const r = members.indexOf(creditor[e] as number);
      if (r < 0) continue;
      const c = members.indexOf(debtor[e] as number);
      if (c >= 0) A[r * k + c] = (A[r * k + c] as number) - (value[e] as number) / (owed[debtor[e] as number] as number);
      else rhs[r] = (rhs[r] as number) + (value[e] as number);
    }
    for (let col = 0; col < k; col++) {
      let piv = col;
      for (let r = col + 1; r < k; r++) if (Math.abs(A[r * k + col] as number) > Math.abs(A[piv * k + col] as number)) piv = r;
      if (Math.abs(A[piv * k + col] as number) < 1e-12) throw new Error('singular: not generated here');
      for (let c = 0; c < k && piv !== col; c++) [A[col * k + c], A[piv * k + c]] = [A[piv * k + c] as number, A[col * k + c] as number];
      if (piv !== col) [rhs[col], rhs[piv]] = [rhs[piv] as number, rhs[col] as number];
      for (let r = col + 1; r < k; r++) {
        const f = (A[r * k + col] as number) / (A[col * k + col] as number);
        if (f === 0) continue;
        for (let c = col; c < k; c++) A[r * k + c] = (A[r * k + c] as number) - f * (A[col * k + c] as number);
        rhs[r] = (rhs[r] as number) - f * (rhs[col] as number);
      }
    }
    for (let r = k - 1; r >= 0; r--) {
      let sum = rhs[r] as number;
      for (let c = r + 1; c < k; c++) sum -= (A[r * k + c] as number) * (rhs[c] as number);
      rhs[r] = sum / (A[r * k + r] as number);
    }
    members.forEach((i, r) => (paid[i] = Math.min(owed[i] as number, Math.max(0, rhs[r] as number))));
  }
}

describe('clear(): only the creditors of defaulting nodes are summed again', () => {
  const network = fc.integer({ min: 2, max: 25 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      rows: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 }), fc.double({ min: 0.01, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 4 * n }),
      // Mostly small or no outside assets, so that defaults are common and spread.
      external: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e5, noNaN: true })), { minLength: n, maxLength: n }),
    }),
  );

  it('gives the full-pass algorithm’s payments and inflows, bit for bit, the same table cleared again and again into one output', () => {
    let defaults = 0;
    fc.assert(
      fc.property(network, ({ n, rows, external }) => {
        const kept = rows.filter(([d, c]) => d !== c);
        if (kept.length === 0) return;
        const debtor = Int32Array.from(kept, (r) => r[0]);
        const creditor = Int32Array.from(kept, (r) => r[1]);
        const value = Float64Array.from(kept, (r) => r[2]);
        const e = Float64Array.from(external);
        const want = fullPassClear(n, debtor, creditor, value, e);
        const inp = { nodes: n, debtor, creditor, value, external: e, tolerance: 1e-9, maxIterations: 10_000 };
        // One output for every clearing, as a run gives its own each step: what a clearing marks on the way is undone for the next.
        const out = { owed: new Float64Array(n), paid: new Float64Array(n), received: new Float64Array(n), capped: false };
        const got = clear(inp, out);
        expect(Array.from(got.paid)).toEqual(Array.from(want.paid));
        expect(Array.from(got.received)).toEqual(Array.from(want.received));
        if (want.paid.some((p, i) => p < (got.owed[i] as number))) defaults++;
        // The same table again with other values (as a run clears it every step): its rows are kept, the sums are new.
        const halved = Float64Array.from(value, (v) => v / 2);
        const again = clear({ ...inp, value: halved }, out);
        const want2 = fullPassClear(n, debtor, creditor, halved, e);
        expect(Array.from(again.paid)).toEqual(Array.from(want2.paid));
        expect(Array.from(again.received)).toEqual(Array.from(want2.received));
        // And with no outside assets: other nodes default.
        const none = new Float64Array(n);
        const third = clear({ ...inp, external: none }, out);
        const want3 = fullPassClear(n, debtor, creditor, value, none);
        expect(Array.from(third.paid)).toEqual(Array.from(want3.paid));
        expect(Array.from(third.received)).toEqual(Array.from(want3.received));
      }),
      {
        numRuns: 400,
        seed: 17,
        // Found by fast-check: nodes that default in a later round are met out of node order; the order they enter the solve changes its last bits.
        examples: [[{ n: 13, rows: [[0, 6, 0.01], [11, 0, 0.01], [10, 1, 0.01], [2, 0, 0.012120507094413528], [0, 10, 0.012120509094413527], [6, 11, 0.010000002000000003]], external: [0, 0, 2.1348074405873175e-271, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }]],
      },
    );
    expect(defaults).toBeGreaterThan(100);
  });
});
