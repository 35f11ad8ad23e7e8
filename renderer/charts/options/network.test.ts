import { describe, expect, it } from 'vitest';
import type { ContagionPath, NetworkGraph, NetworkRun } from '../../../engine/view/network-types';
import { DEFAULT_FILTERS } from '../../network/network-slice';
import { CHART_THEMES } from '../palette';
import { edgeWidth, networkMode, networkOption, STATE_COLORS } from './network';
import { aggregate, edgeLossTo, verticesOf } from './network-model';

// bank ← fund (obligation), ETH → fund (exposure); one event on fund. Steps 0 and 1: fund defaults at 1.
const graph = {
  workspaceHash: 'h',
  nNodes: 3,
  nAssets: 2,
  nOracles: 0,
  ids: ['bank', 'fund', 'cex', 'USD', 'ETH'],
  kind: Uint8Array.from([0, 0, 1, 2, 2]),
  shown: Uint8Array.from([1, 1, 1, 0, 1]),
  sizeUsd: Float64Array.from([100, 50, 10, 0, 70]),
  group: Int32Array.from([3, 3, 0, 1, 2]),
  groupLabels: ['cex', 'USD', 'ETH', 'entities · cex'],
  edgeFrom: Int32Array.from([1, 4]),
  edgeTo: Int32Array.from([0, 1]),
  edgeKind: Uint8Array.from([0, 2]),
  edgeUsd: Float64Array.from([80, 70]),
  xy: Float32Array.from([0, 0, 100, 0, 200, 0, 300, 0, 100, 100]),
  layoutMs: 0,
} satisfies NetworkGraph;
const V = 6;
const run = {
  runId: 'r',
  steps: 2,
  stressShare: 0.2,
  vertices: V,
  eventIds: ['event:0'],
  eventLabels: ['fund loses 60 USD at step 0'],
  eventStep: Int32Array.from([0]),
  eventEdgeFrom: Int32Array.from([5]),
  eventEdgeTo: Int32Array.from([1]),
  // step 0: all healthy, event active; step 1: bank stressed, fund defaulted.
  state: Uint8Array.from([0, 0, 0, 0, 0, 4, 1, 2, 0, 0, 0, 4]),
  loss: Float32Array.from([0, 5, 0, 0, 0, 0, 40, 10, 0, 0, 0, 50]),
  defaultStep: Int32Array.from([-1, 1, -1]),
  defaultOrder: Int32Array.from([1]),
  flowEdge: Int32Array.from([2, 0, 2]),
  flowStep: Int32Array.from([0, 1, 1]),
  flowUsd: Float64Array.from([20, 40, 30]),
  unmappedUsd: 0,
} satisfies NetworkRun;
const theme = CHART_THEMES.light;
const input = { graph, run, theme, filters: DEFAULT_FILTERS, pins: {}, selected: null, path: null, asOf: '' };

type Item = { id: string; itemStyle: { color: string; opacity: number }; x: number; y: number };
type Link = { source: number; target: number; lineStyle: { width: number; color: string; opacity: number } };
const seriesOf = (o: ReturnType<typeof networkOption>) => (o.option.series as { data: Item[]; links: Link[] }[])[0] as { data: Item[]; links: Link[] };

describe('networkOption', () => {
  it('colours vertices by their state at the step', () => {
    const at0 = seriesOf(networkOption({ ...input, step: 0 }));
    const at1 = seriesOf(networkOption({ ...input, step: 1 }));
    const color = (s: { data: Item[] }, id: string) => s.data.find((d) => d.id === id)?.itemStyle.color;
    expect(at0.data.map((d) => d.id)).toEqual(['bank', 'fund', 'cex', 'ETH', 'event:0']);
    expect(color(at0, 'fund')).toBe(STATE_COLORS[0]);
    expect(color(at1, 'fund')).toBe(STATE_COLORS[2]);
    expect(color(at1, 'bank')).toBe(STATE_COLORS[1]);
    expect(color(at1, 'event:0')).toBe(STATE_COLORS[4]);
  });

  it('widens edges by the loss that flowed so far, against the run’s largest flow', () => {
    expect([...edgeLossTo(run, 0, 3)]).toEqual([0, 0, 20]);
    expect([...edgeLossTo(run, 1, 3)]).toEqual([40, 0, 50]);
    const links = seriesOf(networkOption({ ...input, step: 1 })).links;
    expect(links.map((l) => l.lineStyle.width)).toEqual([edgeWidth(40, 50), edgeWidth(0, 50), edgeWidth(50, 50)]);
    expect(edgeWidth(50, 50)).toBeCloseTo(9.2, 9);
    expect(edgeWidth(0, 50)).toBe(0.6);
  });

  it('highlights the contagion path and dims the rest', () => {
    const path: ContagionPath = { runId: 'r', node: 'bank', step: 1, vertices: ['event:0', 'fund', 'bank'], labels: ['fund loses 60 USD at step 0', 'fund', 'bank'], hops: [] };
    const s = seriesOf(networkOption({ ...input, step: 1, selected: 'bank', path }));
    const on = s.data.filter((d) => d.itemStyle.opacity === 1).map((d) => d.id);
    expect(on).toEqual(['bank', 'fund', 'event:0']);
    const bright = s.links.filter((l) => l.lineStyle.opacity === 1).map((l) => [s.data[l.source]?.id, s.data[l.target]?.id]);
    expect(bright).toEqual([
      ['fund', 'bank'],
      ['event:0', 'fund'],
    ]);
    expect(s.links.find((l) => s.data[l.source]?.id === 'ETH')?.lineStyle.opacity).toBeLessThan(0.2);
  });

  it('applies pins and filters', () => {
    // fund lost 10 and cex nothing by step 1: below 20 USD they go; the event goes with its target.
    const s = seriesOf(networkOption({ ...input, step: 1, filters: { ...DEFAULT_FILTERS, kinds: ['entity', 'venue'], minLossUsd: 20 } }));
    expect(s.data.map((d) => d.id)).toEqual(['bank']);
    const pinned = seriesOf(networkOption({ ...input, step: 1, pins: { cex: [7, 8] }, filters: { ...DEFAULT_FILTERS, kinds: ['venue', 'entity'] } }));
    expect(pinned.data.map((d) => d.id)).toEqual(['bank', 'fund', 'cex', 'event:0']);
    expect(pinned.data.find((d) => d.id === 'cex')).toMatchObject({ x: 7, y: 8 });
  });
});

describe('aggregation', () => {
  it('sums vertices by group, with the worst state and the loss of the members', () => {
    const v = verticesOf(graph, run, {});
    const visible = Uint8Array.from([1, 1, 1, 0, 1, 1]);
    const states = run.state.subarray(V, 2 * V);
    const losses = run.loss.subarray(V, 2 * V);
    const agg = aggregate(graph, v, visible, states, losses, edgeLossTo(run, 1, 3));
    const clients = agg.nodes[3];
    expect(clients).toMatchObject({ label: 'entities · cex', members: 2, defaulted: 1, stressed: 1, state: 2, lossUsd: 50, sizeUsd: 150, x: 50, y: 0 });
    // fund → bank is inside the group: dropped; ETH → clients and the event → clients stay.
    expect(agg.edges.map((e) => [agg.nodes[e.from]?.label, agg.nodes[e.to]?.label, e.lossUsd])).toEqual([
      ['ETH', 'entities · cex', 0],
      ['fund loses 60 USD at step 0', 'entities · cex', 50],
    ]);
    expect(networkMode(6000, 'auto')).toBe('groups');
    expect(networkMode(6000, 'nodes')).toBe('large');
    expect(networkMode(100, 'auto')).toBe('graph');
  });
});
