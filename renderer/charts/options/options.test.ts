import { describe, expect, it } from 'vitest';
import type { AssetSeries, DefaultEvent, LiquidationLevels, NodeSeries, StackedSeries } from '../../../engine/view/view-types';
import { CHART_THEMES, seriesColor } from '../palette';
import { badDebtOption } from './bad-debt';
import { defaultsOption, DEFAULT_ROWS } from './defaults';
import { cumulate, dropLabels, levelsOption } from './liquidation-levels';
import { liquidationsOption } from './liquidations';
import { nodeCausesOption, nodeEquityOption } from './node-equity';
import { pricesOption } from './prices';

const light = CHART_THEMES.light;
const dark = CHART_THEMES.dark;
const AS_OF = 'Crash · run-1 · 3 steps · engine 0.1.0 · workspace abcd1234';

type Series = { name?: string; type?: string; data?: unknown[]; stack?: string; itemStyle?: { color?: string }; step?: unknown; yAxisIndex?: number; xAxisIndex?: number };
const series = (o: { series?: unknown }) => o.series as Series[];
const title = (o: { title?: unknown }) => o.title as { subtext: string };

describe('every chart', () => {
  it('carries its as-of line and a legend, in the theme’s colours', () => {
    const o = liquidationsOption({ names: ['aave'], values: [[1, 2, 3]] }, 3, dark, AS_OF);
    expect(title(o).subtext).toBe(AS_OF);
    expect(o.legend).toBeDefined();
    expect((o.textStyle as { color: string }).color).toBe(dark.text);
    expect(seriesColor(light, 0, 'aave')).toBe('#0072B2');
    expect(seriesColor(light, 3, 'other venues (4)')).toBe(light.other);
  });
});

describe('pricesOption', () => {
  const s: AssetSeries = { asset: 'ETH', marketPrice: [2100, NaN, 1700], fundamentalPrice: [2100, 2100, 2100], oracles: [{ oracle: 'cl-eth', reportedPrice: [3000, 3000, 1750] }] };
  it('draws market, fundamental and each oracle (stepped), gaps for missing steps, and names the unit', () => {
    const o = pricesOption(s, light, AS_OF);
    expect(series(o).map((x) => x.name)).toEqual(['ETH market', 'ETH fundamental', 'oracle cl-eth']);
    expect(series(o)[0]?.data).toEqual([2100, null, 1700]);
    expect(series(o)[2]?.step).toBe('end');
    expect((o.yAxis as { name: string }).name).toBe('ETH, USD per unit');
    expect((o.xAxis as { data: string[] }).data).toEqual(['0', '1', '2']);
  });
});

describe('liquidationsOption', () => {
  it('stacks venues per step, greys "other", and says so when nothing was liquidated', () => {
    const stack: StackedSeries = { names: ['aave', 'other venues (3)'], values: [[5, 0, 1], [0, 2, 0]] };
    const o = liquidationsOption(stack, 3, light, AS_OF);
    expect(series(o).map((x) => [x.name, x.stack, x.data])).toEqual([
      ['aave', 'venues', [5, 0, 1]],
      ['other venues (3)', 'venues', [0, 2, 0]],
    ]);
    expect(series(o)[1]?.itemStyle?.color).toBe(light.other);
    expect(o.graphic).toEqual([]);
    const empty = liquidationsOption({ names: [], values: [] }, 3, light, AS_OF);
    expect(JSON.stringify(empty.graphic)).toContain('No liquidation in this run');
  });
});

describe('badDebtOption', () => {
  it('lists venues with the largest on top (category axes run bottom-up)', () => {
    const o = badDebtOption([{ venue: 'aave', usd: 300 }, { venue: 'spark', usd: 10 }], light, AS_OF);
    expect((o.yAxis as { data: string[] }).data).toEqual(['spark', 'aave']);
    expect(series(o)[0]?.data).toEqual([10, 300]);
  });
});

describe('defaultsOption', () => {
  const d = (node: string, step: number, owed: number, kind: DefaultEvent['kind'] = 'entity'): DefaultEvent => ({ node, kind, step, obligationsUsd: owed, recoveryRate: 0.5 });
  it('puts the first default on top, sizes marks by what was owed, and splits venues from entities', () => {
    const o = defaultsOption([d('fund', 0, 400), d('orbit', 2, 100, 'venue')], 5, light, AS_OF);
    expect((o.yAxis as { data: string[] }).data).toEqual(['orbit', 'fund']);
    const [entities, venues] = series(o);
    expect(entities?.data).toEqual([{ name: 'fund', value: ['0', 'fund', 400, 0.5], symbolSize: 28 }]);
    expect(venues?.data).toEqual([{ name: 'orbit', value: ['2', 'orbit', 100, 0.5], symbolSize: 18 }]);
  });
  it('shows the first rows and names how many there are', () => {
    const many = Array.from({ length: DEFAULT_ROWS + 5 }, (_, i) => d(`n${i}`, i % 4, 1));
    const o = defaultsOption(many, 4, light, AS_OF);
    expect((o.yAxis as { data: string[] }).data.length).toBe(DEFAULT_ROWS);
    expect((o.xAxis as { name: string }).name).toBe(`step · first ${DEFAULT_ROWS} of ${DEFAULT_ROWS + 5} defaults`);
  });
});

describe('node charts', () => {
  const s: NodeSeries = {
    runId: 'run-1',
    node: 'fund',
    kind: 'entity',
    defaultStep: 1,
    equityStartUsd: 100,
    equity: [60, 0, 0],
    external: [0, 0, 0],
    obligations: [0, 0, 0],
    payments: [0, 0, 0],
    byChannel: [
      { channel: 'counterparty', perStep: [0, 0, 0] },
      { channel: 'market', perStep: [40, 60, 0] },
      { channel: 'liquidation', perStep: [0, 0, 0] },
      { channel: 'bad_debt', perStep: [0, 0, 0] },
      { channel: 'exogenous', perStep: [0, 0, 0] },
    ],
    byCause: [
      { from: 'ETH', channel: 'market', amountUsd: 90 },
      { from: 'stETH', channel: 'market', amountUsd: 10 },
    ],
    totalLossUsd: 100,
  };
  it('starts the equity line at the clearing before any event, shows only channels that moved, and marks the default', () => {
    const o = nodeEquityOption(s, light, AS_OF);
    const [equity, ...bars] = series(o);
    expect(equity?.data).toEqual([100, 60, 0, 0]);
    expect(bars.map((b) => [b.name, b.data, b.xAxisIndex])).toEqual([['market', [null, 40, 60, 0], 1]]);
    expect(JSON.stringify(equity)).toContain('"xAxis":"1"');
    expect((o.xAxis as { data: string[] }[])[0]?.data).toEqual(['start', '0', '1', '2']);
  });
  it('lists causes largest on top, one series per channel', () => {
    const o = nodeCausesOption(s, light, AS_OF);
    expect((o.yAxis as { data: string[] }).data).toEqual(['stETH', 'ETH']);
    expect(series(o).map((x) => [x.name, x.data])).toEqual([['market', [10, 90]]]);
  });
});

describe('levelsOption', () => {
  const l: LiquidationLevels = {
    asset: 'ETH',
    price: 2000,
    binWidth: 0.05,
    drops: [0, 0.05, 0.1],
    venues: ['aave', 'cex'],
    usd: [[0, 100, 50], [20, 0, 0]],
    units: [[0, 0.5, 0.25], [0.01, 0, 0]],
    positions: [[0, 1, 1], [1, 0, 0]],
    beyondUsd: 0,
    unaffectedUsd: 0,
  };
  it('stacks venues per bin, or cumulated, in USD or units, with the unit on the axis', () => {
    expect(cumulate(l.usd)).toEqual([[0, 100, 150], [20, 20, 20]]);
    expect(dropLabels(l.drops)).toEqual(['0%', '−5%', '−10%']);
    const perBin = levelsOption(l, { cumulative: false, unit: 'usd' }, light, AS_OF);
    expect(series(perBin).map((x) => x.data)).toEqual(l.usd);
    expect((perBin.yAxis as { name: string }).name).toBe('collateral liquidatable, USD at today’s price');
    const cumUnits = levelsOption(l, { cumulative: true, unit: 'units' }, light, AS_OF);
    expect(series(cumUnits)[0]?.data).toEqual([0, 0.5, 0.75]);
    expect((cumUnits.yAxis as { name: string }).name).toBe('cumulative collateral liquidatable, ETH units');
    expect((cumUnits.xAxis as { name: string }).name).toBe('fall of the ETH price (from 2,000 USD)');
  });
});
