/**
 * Eisenberg–Noe clearing (MODEL §4.6): for random obligation networks and e ≥ 0, `clear()`
 * returns p with p = min(p̄, max(0, e + Πᵀp)) within 1e-9, 0 ≤ p ≤ p̄, and p is the GREATEST
 * such vector (plain iteration from p̄ converges to it from above).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clear } from '../../engine/sim/clearing';
import { naiveClear } from '../reference/reference-model';

interface Network {
  n: number;
  obligations: { debtor: number; creditor: number; value: number }[];
  external: number[];
}

/** Log-uniform in [1, hi] USD. */
const moneyUpTo = (hi: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: 1 << 20 }).map((i) => Math.exp((Math.log(hi) * i) / (1 << 20)));
const money = moneyUpTo(5e6);
/** Amounts within three orders of magnitude: a cycle's leak is then ≥ ~1e-3, so plain iteration converges in reasonable time. */
const ringMoney = moneyUpTo(1e3);

function networkArb(minNodes: number, maxNodes: number, minEdges: number, maxEdges: number, value: fc.Arbitrary<number>): fc.Arbitrary<Network> {
  return fc.integer({ min: minNodes, max: maxNodes }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      obligations: fc
        .array(fc.record({ debtor: fc.nat({ max: n - 1 }), creditor: fc.nat({ max: n - 1 }), value }), { minLength: minEdges, maxLength: maxEdges, size: 'max' })
        .map((es) => es.filter((e) => e.debtor !== e.creditor)),
      // many zeros: nodes living on what they receive are where clearing gets interesting
      external: fc.array(fc.oneof(fc.constant(0), money, money.map((v) => v / 1000)), { minLength: n, maxLength: n }),
    }),
  );
}

/** Cycles through every node (a ring), so that defaults feed back. */
const ringArb: fc.Arbitrary<Network> = fc.integer({ min: 2, max: 12 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    obligations: fc.tuple(fc.array(ringMoney, { minLength: n, maxLength: n }), fc.array(fc.record({ debtor: fc.nat({ max: n - 1 }), creditor: fc.nat({ max: n - 1 }), value: ringMoney }), { maxLength: 2 * n })).map(([ring, extra]) => [
      ...ring.map((value, i) => ({ debtor: i, creditor: (i + 1) % n, value })),
      ...extra.filter((e) => e.debtor !== e.creditor),
    ]),
    external: fc.array(fc.oneof(fc.constant(0), ringMoney), { minLength: n, maxLength: n }),
  }),
);

/** How many checked networks had a node paying less than it owes (so the tests are not vacuous). */
let withDefault = 0;

function checkNetwork(net: Network): void {
  const out = clear({
    nodes: net.n,
    debtor: Int32Array.from(net.obligations, (o) => o.debtor),
    creditor: Int32Array.from(net.obligations, (o) => o.creditor),
    value: Float64Array.from(net.obligations, (o) => o.value),
    external: Float64Array.from(net.external),
    tolerance: 1e-9,
    maxIterations: 10_000,
  });
  const owed = new Array<number>(net.n).fill(0);
  for (const o of net.obligations) owed[o.debtor] = (owed[o.debtor] as number) + o.value;
  const paid = Array.from(out.paid);
  const received = new Array<number>(net.n).fill(0);
  for (const o of net.obligations) {
    received[o.creditor] = (received[o.creditor] as number) + (o.value / (owed[o.debtor] as number)) * (paid[o.debtor] as number);
  }
  const greatest = naiveClear(net.n, net.obligations, net.external);
  const problems: string[] = [];
  if (out.capped) problems.push('capped');
  for (let i = 0; i < net.n; i++) {
    const pbar = owed[i] as number;
    const p = paid[i] as number;
    const tol = 1e-9 * Math.max(1, pbar);
    if (Math.abs((out.owed[i] as number) - pbar) > 1e-12 * Math.max(1, pbar)) problems.push(`owed[${i}] ${out.owed[i]} vs ${pbar}`);
    if (!(p >= 0 && p <= pbar + 1e-12 * Math.max(1, pbar))) problems.push(`paid[${i}] ${p} outside [0, ${pbar}]`);
    const fixed = Math.min(pbar, Math.max(0, (net.external[i] as number) + (received[i] as number)));
    if (Math.abs(p - fixed) > tol) problems.push(`paid[${i}] ${p} is not a fixed point (${fixed})`);
    if (Math.abs((out.received[i] as number) - (received[i] as number)) > 1e-9 * Math.max(1, received[i] as number)) problems.push(`received[${i}] ${out.received[i]} vs ${received[i]}`);
    if (Math.abs(p - (greatest.paid[i] as number)) > tol) problems.push(`paid[${i}] ${p} vs greatest ${greatest.paid[i]}`);
  }
  expect(problems).toEqual([]);
  if (paid.some((p, i) => p < (owed[i] as number) * (1 - 1e-6))) withDefault++;
}

function assertWithDefaults(arb: fc.Arbitrary<Network>, numRuns: number, seed: number): void {
  withDefault = 0;
  fc.assert(fc.property(arb, checkNetwork), { numRuns, seed });
  expect(withDefault).toBeGreaterThan(numRuns / 4);
}

describe('clearing', () => {
  it('random networks: fixed point, in [0, p̄], the greatest (300 runs)', () => {
    assertWithDefaults(networkArb(1, 10, 0, 30, money), 300, 0x5eed_0005);
  });

  it('rings with extra edges (defaults feed back round the cycle) (300 runs)', () => {
    assertWithDefaults(ringArb, 300, 0x5eed_0006);
  });

  it('networks above the dense-solver size (401–440 nodes) (200 runs)', () => {
    assertWithDefaults(networkArb(401, 440, 500, 900, ringMoney), 200, 0x5eed_0007);
  });

  it('the greatest vector, not a smaller one: a two-node cycle with no cash pays in full', () => {
    // p = (t, t) solves p = min(p̄, Πᵀp) for every t in [0, 10]; the greatest is 10.
    checkNetwork({ n: 2, obligations: [{ debtor: 0, creditor: 1, value: 10 }, { debtor: 1, creditor: 0, value: 10 }], external: [0, 0] });
    const out = clear({ nodes: 2, debtor: Int32Array.of(0, 1), creditor: Int32Array.of(1, 0), value: Float64Array.of(10, 10), external: Float64Array.of(0, 0), tolerance: 1e-9, maxIterations: 10_000 });
    expect(Array.from(out.paid)).toEqual([10, 10]);
  });

  it('a 450-node ring where every node defaults (beyond the dense solver): p = (90, 60, …, 60)', () => {
    // node 0 has 30 USD and owes 100 to node 1 and 50 to an outside sink; every other node owes
    // 100 to the next. p_0 = 30 + p_449, p_k = (2/3)·p_0 for k ≥ 1 → p_0 = 90, p_k = 60.
    const n = 450;
    const obligations = Array.from({ length: n }, (_, i) => ({ debtor: i, creditor: (i + 1) % n, value: 100 }));
    obligations.push({ debtor: 0, creditor: n, value: 50 });
    const external = Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 30 : 0));
    checkNetwork({ n: n + 1, obligations, external });
    const out = clear({
      nodes: n + 1,
      debtor: Int32Array.from(obligations, (o) => o.debtor),
      creditor: Int32Array.from(obligations, (o) => o.creditor),
      value: Float64Array.from(obligations, (o) => o.value),
      external: Float64Array.from(external),
      tolerance: 1e-9,
      maxIterations: 10_000,
    });
    expect(out.paid[0]).toBeCloseTo(90, 6);
    expect(out.paid[449]).toBeCloseTo(60, 6);
    expect(out.paid[n]).toBe(0);
  });
});
