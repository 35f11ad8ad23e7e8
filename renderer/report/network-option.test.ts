import { describe, expect, it } from 'vitest';
import type { ReportNetwork } from '../../engine/report/report-types';
import { CHART_THEMES } from '../charts/palette';
import { layeredLayout, networkOption, stateColor } from './network-option';

// event:0 → ETH → aave → fund-x → lender-y, and ETH → fund-z directly: fund-x is 3 hops from the
// event by the long way, so it sits in column 3 even though nothing shorter reaches it.
const network: ReportNetwork = {
  stressedShare: 0.1,
  vertices: [
    { id: 'event:0', label: 'ETH −30%', kind: 'event', state: 'event', lossUsd: 0 },
    { id: 'ETH', label: 'ETH', kind: 'asset', state: 'asset', lossUsd: 0 },
    { id: 'aave', label: 'aave', kind: 'venue', state: 'stressed', lossUsd: 50 },
    { id: 'fund-x', label: 'fund-x', kind: 'entity', state: 'defaulted', lossUsd: 100 },
    { id: 'lender-y', label: 'lender-y', kind: 'entity', state: 'defaulted', lossUsd: 400 },
    { id: 'fund-z', label: 'fund-z', kind: 'entity', state: 'healthy', lossUsd: 1 },
  ],
  edges: [
    { from: 'event:0', to: 'ETH', amountUsd: 400, channel: 'price' },
    { from: 'ETH', to: 'aave', amountUsd: 100, channel: 'trigger' },
    { from: 'aave', to: 'fund-x', amountUsd: 25, channel: 'liquidation' },
    { from: 'fund-x', to: 'lender-y', amountUsd: 0, channel: 'counterparty' },
    { from: 'ETH', to: 'fund-z', amountUsd: 1, channel: 'market' },
  ],
};

describe('layeredLayout', () => {
  it('puts each vertex one column right of its furthest source, rows in order of appearance', () => {
    expect(layeredLayout(network)).toEqual([
      { id: 'event:0', column: 0, row: 0 },
      { id: 'ETH', column: 1, row: 0 },
      { id: 'aave', column: 2, row: 0 },
      { id: 'fund-x', column: 3, row: 0 },
      { id: 'lender-y', column: 4, row: 0 },
      { id: 'fund-z', column: 2, row: 1 },
    ]);
  });

  it('ends on a cycle instead of looping', () => {
    const cyclic = { vertices: network.vertices.slice(0, 2), edges: [{ from: 'event:0', to: 'ETH', amountUsd: 1, channel: 'x' }, { from: 'ETH', to: 'event:0', amountUsd: 1, channel: 'x' }] };
    expect(layeredLayout(cyclic)).toHaveLength(2);
  });
});

describe('networkOption', () => {
  const theme = CHART_THEMES.light;
  const option = networkOption(network, theme, 'as of', 700, 400);
  const series = (option.series as { data: { id: string; x: number; y: number; category?: number; symbol?: string; symbolSize: number }[]; links: { source: string; target: string; lineStyle: { width: number } }[]; categories: { name: string; itemStyle: { color: string } }[] }[])[0];

  it('colours nodes by state with an absolute legend and shapes them by kind', () => {
    expect(series?.categories.map((c) => c.name)).toEqual(['scenario event', 'asset (price)', 'healthy', 'stressed', 'defaulted']);
    expect(series?.categories[4]?.itemStyle.color).toBe(theme.danger);
    expect(stateColor(theme, 'defaulted')).toBe(theme.danger);
    const byId = new Map(series?.data.map((d) => [d.id, d]));
    expect(byId.get('lender-y')?.category).toBe(4);
    expect(byId.get('fund-z')?.category).toBe(2);
    expect(byId.get('aave')?.symbol).toBe('rect');
    expect(byId.get('ETH')?.symbol).toBe('diamond');
  });

  it('places nodes left to right in pixels inside the box, pinned by two invisible corners', () => {
    const byId = new Map(series?.data.map((d) => [d.id, d]));
    expect(byId.get('\u0000corner0')).toMatchObject({ x: 0, y: 0, symbolSize: 0 });
    expect(byId.get('\u0000corner1')).toMatchObject({ x: 700, y: 400, symbolSize: 0 });
    const xs = ['event:0', 'ETH', 'aave', 'fund-x', 'lender-y'].map((id) => byId.get(id)?.x ?? NaN);
    expect(xs).toEqual([24, 158, 292, 426, 560]);
    // Column 2 holds aave and fund-z: the drawing height (400 − 56 − 24) split in two rows.
    expect(byId.get('aave')?.y).toBe(56 + 80);
    expect(byId.get('fund-z')?.y).toBe(56 + 240);
  });

  it('draws edges as wide as the loss that flowed, by the square root of the largest', () => {
    const width = (a: string, b: string) => series?.links.find((l) => l.source === a && l.target === b)?.lineStyle.width;
    expect(width('event:0', 'ETH')).toBe(8);
    expect(width('ETH', 'aave')).toBe(1 + 7 * 0.5);
    expect(width('fund-x', 'lender-y')).toBe(1);
  });
});
