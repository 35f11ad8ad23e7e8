import { describe, expect, it } from 'vitest';
import { CH_LIQUIDATION, CH_MARKET, LossGraph } from './loss-graph';

const edges = (g: LossGraph): [number, number, number, number, number][] =>
  Array.from({ length: g.length }, (_, k) => [g.step.get(k), g.from.get(k), g.to.get(k), g.channel.get(k), g.amount.get(k)]);

describe('LossGraph: a step written out', () => {
  it('names the asset and node of every market edge, with 49 nodes (where 49 × (1/49) is below 1 in float64)', () => {
    const nodes = 49;
    const g = new LossGraph(nodes, 3, 1, 2);
    // Dense index a·49 + to: 49 (asset 1, node 0) and 97 (asset 1, node 48) sit at the edges of the rounding.
    g.add(g.assetVertex(1), 0, CH_MARKET, 5);
    g.add(g.assetVertex(1), 48, CH_MARKET, 7);
    g.add(g.assetVertex(2), 0, CH_MARKET, 11);
    g.add(g.assetVertex(0), 48, CH_MARKET, 13);
    g.add(3, 4, CH_LIQUIDATION, 2);
    const scale = new Float64Array(nodes).fill(1);
    scale[48] = 0.5;
    g.flush(0, scale, new Uint8Array(nodes), 1e-9);
    expect(edges(g)).toEqual([
      [0, nodes + 1, 0, CH_MARKET, 5],
      [0, nodes + 1, 48, CH_MARKET, 3.5],
      [0, nodes + 2, 0, CH_MARKET, 11],
      [0, nodes + 0, 48, CH_MARKET, 6.5],
      [0, 3, 4, CH_LIQUIDATION, 2],
    ]);
    expect(g.impact.get(1)).toBe(7);
  });
});
