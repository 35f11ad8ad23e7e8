import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CH_BAD_DEBT, CH_COUNTERPARTY, CH_EXOGENOUS, CH_LIQUIDATION, CH_MARKET, CH_PRICE, CH_TRIGGER, LossGraph } from './loss-graph';
import { PathFinder } from './paths';

/**
 * The walk of MODEL §5 by its definition, over every edge: at each vertex, the source whose
 * edges into it (impact, steps up to the bound, summed in graph order) lost the most, not yet
 * visited, ties to the lower index; the bound becomes that source's latest step. Stuck at a
 * vertex short of an event, the walk goes back a hop and never returns to that vertex; back at
 * the start, the path is the walk as it first stopped.
 */
function referencePath(g: LossGraph, vertex: number, step: number): number[] {
  const n = g.length;
  let maxStep = 0;
  for (let k = 0; k < n; k++) maxStep = Math.max(maxStep, g.step.get(k));
  const firstEvent = g.nodes + g.assets;
  const chain = [vertex];
  const bounds = [Math.min(step, maxStep)];
  const dead = new Set<number>();
  let firstStop: number[] | null = null;
  while ((chain[chain.length - 1] as number) < firstEvent) {
    const at = chain[chain.length - 1] as number;
    const bound = bounds[bounds.length - 1] as number;
    const sum = new Map<number, number>();
    const latest = new Map<number, number>();
    for (let k = 0; k < n; k++) {
      if (g.to.get(k) !== at || g.step.get(k) > bound) continue;
      const from = g.from.get(k);
      sum.set(from, sum.has(from) ? (sum.get(from) as number) + g.impact.get(k) : g.impact.get(k));
      latest.set(from, g.step.get(k));
    }
    let best = -1;
    for (const [from, s] of sum) {
      if (!(s > 0) || chain.includes(from) || dead.has(from)) continue;
      const b = best < 0 ? -Infinity : (sum.get(best) as number);
      if (best < 0 || s > b || (s === b && from < best)) best = from;
    }
    if (best >= 0) {
      chain.push(best);
      bounds.push(latest.get(best) as number);
      continue;
    }
    firstStop ??= [...chain];
    if (chain.length === 1) return firstStop.length > 1 ? firstStop.reverse() : [];
    dead.add(at);
    chain.pop();
    bounds.pop();
  }
  return chain.length > 1 ? chain.reverse() : [];
}

describe('PathFinder: contagion paths (MODEL §5)', () => {
  // Vertices: nodes 0 fund, 1 lender, 2 venue; asset ETH = 3; event:0 = 4.
  function smallGraph(): LossGraph {
    const g = new LossGraph(3, 1, 1, 4);
    const one = new Float64Array(3).fill(1);
    const none = new Uint8Array(3);
    const ETH = g.assetVertex(0);
    const shock = g.eventVertex(0);
    g.add(shock, ETH, CH_PRICE, 100);
    g.add(ETH, 0, CH_MARKET, 40);
    g.add(ETH, 2, CH_TRIGGER, 30);
    g.flush(0, one, none, 1e-9);
    // Step 1: the venue liquidates the fund (bonus 25 > the 40 − 20 left of its market loss so far).
    g.add(2, 0, CH_LIQUIDATION, 25);
    g.add(ETH, 0, CH_MARKET, -20);
    g.flush(1, one, none, 1e-9);
    // Step 2: the fund defaults on the lender: 50 unpaid.
    g.add(0, 1, CH_COUNTERPARTY, 50);
    g.add(ETH, 1, CH_MARKET, 10);
    g.flush(2, one, none, 1e-9);
    return g;
  }

  it('walks back by the largest summed loss up to each bound: lender ← fund ← venue ← ETH ← event', () => {
    const g = smallGraph();
    const f = new PathFinder(g);
    // Lender at step 2: fund 50 > ETH 10; fund up to step 2: venue 25 > ETH 40 − 20 = 20;
    // venue up to step 1: ETH (trigger) 30; ETH: the shock.
    expect(f.path(1, 2)).toEqual([4, 3, 2, 0, 1]);
    // Fund at step 0: only ETH's 40 had come in.
    expect(f.path(0, 0)).toEqual([4, 3, 0]);
    // An event has no path; nor has a vertex nothing came into.
    expect(f.path(4, 2)).toEqual([]);
    expect(new PathFinder(g).paths([1, 0, 0, 2], [2, 0, 1, 2])).toEqual([
      [4, 3, 2, 0, 1],
      [4, 3, 0],
      [4, 3, 2, 0],
      [4, 3, 2],
    ]);
  });

  it('steps back from a vertex with no way on and takes the next largest edge, to reach the event', () => {
    // The venue's liquidations moved ETH more than the shock did, but the venue's only source is
    // ETH itself (its trigger): the walk fund ← ETH ← venue stops there, steps back to ETH and
    // takes the shock.
    const g = new LossGraph(2, 1, 1, 1);
    const ETH = g.assetVertex(0);
    g.add(g.eventVertex(0), ETH, CH_PRICE, 18);
    g.add(1, ETH, CH_PRICE, 60);
    g.add(ETH, 1, CH_TRIGGER, 80);
    g.add(ETH, 0, CH_MARKET, 78);
    g.flush(0, new Float64Array(2).fill(1), new Uint8Array(2), 1e-9);
    expect(new PathFinder(g).path(0, 0)).toEqual([g.eventVertex(0), ETH, 0]);
    expect(referencePath(g, 0, 0)).toEqual([g.eventVertex(0), ETH, 0]);
  });

  it('keeps the first walk as the path when no event can be reached', () => {
    // Node 0 lost to node 1, which lost to node 0 only: no event behind either.
    const g = new LossGraph(2, 1, 1, 1);
    g.add(1, 0, CH_COUNTERPARTY, 5);
    g.add(0, 1, CH_COUNTERPARTY, 3);
    g.flush(0, new Float64Array(2).fill(1), new Uint8Array(2), 1e-9);
    expect(new PathFinder(g).path(0, 0)).toEqual([1, 0]);
  });

  it('sums impact (the hit before a default scaled the amount), not amount', () => {
    const g = new LossGraph(2, 2, 1, 2);
    const none = new Uint8Array(2);
    g.add(g.assetVertex(1), 0, CH_MARKET, 30);
    g.add(g.eventVertex(0), g.assetVertex(0), CH_PRICE, 1);
    g.add(g.eventVertex(0), g.assetVertex(1), CH_PRICE, 1);
    g.flush(0, new Float64Array(2).fill(1), none, 1e-9);
    // Node 0 defaults at step 1: its edge keeps 10% as amount (10 < 30); the full hit, 100, is its impact.
    g.add(g.assetVertex(0), 0, CH_MARKET, 100);
    g.flush(1, Float64Array.from([0.1, 1]), none, 1e-9);
    expect(g.amount.get(g.length - 1)).toBeCloseTo(10, 12);
    expect(new PathFinder(g).path(0, 1)).toEqual([g.eventVertex(0), g.assetVertex(0), 0]);
  });

  it('rescans past its kept best sources when all of them were visited', () => {
    // Node 7's six best sources are nodes 0–5, all on the chain before it; node 6 is the next best.
    const g = new LossGraph(9, 1, 1, 8);
    const one = new Float64Array(9).fill(1);
    const none = new Uint8Array(9);
    for (let k = 0; k < 6; k++) g.add(k, k + 1 < 6 ? k + 1 : 8, CH_COUNTERPARTY, 1000);
    g.add(g.eventVertex(0), 0, CH_EXOGENOUS, 5);
    for (let k = 0; k < 6; k++) g.add(k, 7, CH_COUNTERPARTY, 100 - k);
    g.add(6, 7, CH_COUNTERPARTY, 1);
    g.add(g.eventVertex(0), 6, CH_EXOGENOUS, 1);
    g.add(7, 0, CH_BAD_DEBT, 2000);
    g.flush(0, one, none, 1e-9);
    const f = new PathFinder(g);
    expect(f.path(8, 0)).toEqual(referencePath(g, 8, 0));
    expect(f.path(8, 0)).toEqual([g.eventVertex(0), 6, 7, 0, 1, 2, 3, 4, 5, 8]);
  });

  it('a released finder refuses to walk (its scratch is another finder’s now)', () => {
    const f = new PathFinder(smallGraph());
    expect(f.path(1, 3).length).toBeGreaterThan(1);
    f.release();
    f.release();
    expect(() => f.path(1, 3)).toThrow(/after release/);
  });

  it('equals the walk by definition over every edge, for all vertices at once and one by one (fast-check)', () => {
    const nodes = 6;
    const assets = 3;
    const events = 2;
    const vertex = fc.integer({ min: 0, max: nodes + assets + events - 1 });
    const edge = fc.record({
      from: vertex,
      to: fc.integer({ min: 0, max: nodes + assets - 1 }),
      channel: fc.constantFrom(CH_COUNTERPARTY, CH_MARKET, CH_LIQUIDATION, CH_BAD_DEBT, CH_EXOGENOUS, CH_PRICE, CH_TRIGGER),
      // Few distinct values, so that sums tie.
      amount: fc.constantFrom(-2, -1, 0.5, 1, 1, 2, 3, 0.1 + 0.2),
    });
    const step = fc.record({ edges: fc.array(edge, { maxLength: 14 }), defaulted: fc.integer({ min: -1, max: nodes - 1 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 5 }), fc.array(fc.tuple(vertex, fc.integer({ min: 0, max: 6 })), { maxLength: 12 }), (steps, asks) => {
        const g = new LossGraph(nodes, assets, events, steps.length);
        steps.forEach((s, t) => {
          for (const e of s.edges) if (e.from !== e.to) g.add(e.from, e.to, e.channel, e.amount);
          const scale = new Float64Array(nodes).fill(1);
          if (s.defaulted >= 0) scale[s.defaulted] = 0.25;
          g.flush(t, scale, new Uint8Array(nodes), 1e-9);
        });
        // Finders released as the summary's is: each next one works in the scratch they leave (not cleared).
        const first = new PathFinder(g);
        const together = first.paths(
          asks.map(([v]) => v),
          asks.map(([, t]) => t),
        );
        first.release();
        // Tight limits: a first pass of one query, the others along lists; keys in a Map.
        const tight = new PathFinder(g, { passSums: 1, denseKeys: 0 }).paths(
          asks.map(([v]) => v),
          asks.map(([, t]) => t),
        );
        asks.forEach(([v, t], i) => {
          const want = referencePath(g, v, t);
          expect(together[i]).toEqual(want);
          expect(tight[i]).toEqual(want);
          const one = new PathFinder(g);
          expect(one.path(v, t)).toEqual(want);
          one.release();
        });
      }),
      { numRuns: 400 },
    );
  });
});
