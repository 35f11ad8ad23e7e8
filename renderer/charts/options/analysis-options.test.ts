import { describe, expect, it } from 'vitest';
import type { Distribution, ReverseResult, SweepResult } from '../../../engine/analysis/analysis-types';
import { SCALAR_KPIS } from '../../../engine/analysis/run-kpis';
import { CHART_THEMES } from '../palette';
import { kpiText, parameterValueText } from './analysis-format';
import { histogramOption, riskMarkers } from './analysis-histogram';
import { magnitudeText, reverseSearchOption } from './analysis-reverse';
import { heatmapGrid, sweepCurveOption, sweepHeatmapOption, topVenues } from './analysis-sweep';

const light = CHART_THEMES.light;
const AS_OF = '3 runs · engine 0.1.0 · workspace abcd1234 · spec 0123abcd';

type Series = { name?: string; type?: string; data?: unknown[]; markLine?: { data?: Record<string, unknown>[]; lineStyle?: { type?: string } } };
const series = (o: { series?: unknown }) => o.series as Series[];

function kpis(fill: (k: string, i: number) => number | null, n: number): SweepResult['kpis'] {
  return Object.fromEntries(SCALAR_KPIS.map((k) => [k, Array.from({ length: n }, (_, i) => fill(k, i))])) as SweepResult['kpis'];
}

const oneD: SweepResult = {
  kind: 'sweep',
  axes: [{ parameter: 'event[0,1].change', values: [-0.1, -0.2, -0.3] }],
  shape: [3],
  kpis: kpis((k, i) => (k === 'amplification' && i === 0 ? null : (i + 1) * 1000), 3),
  venues: { aave: { liquidated_usd: [0, 5, 9], bad_debt_usd: [0, 0, 7] }, spark: { liquidated_usd: [0, 0, 0], bad_debt_usd: [0, 3, 8] }, quiet: { liquidated_usd: [0, 0, 0], bad_debt_usd: [0, 0, 0] } },
  final_prices: {},
  heatmap: null,
  runs: 3,
  tables: {},
};

// 2 × 3 grid: point k = i·3 + j holds k (and null at k = 4 for amplification).
const twoD: SweepResult = {
  ...oneD,
  axes: [
    { parameter: 'event[0].change', values: [-0.1, -0.5] },
    { parameter: 'oracle[cl-eth].delay_steps', values: [0, 2, 4] },
  ],
  shape: [2, 3],
  kpis: kpis((k, i) => (k === 'amplification' && i === 4 ? null : i), 6),
  runs: 6,
};

describe('sweep curve', () => {
  it('plots the chosen KPI against the parameter, with the largest venues’ own curves for bad debt', () => {
    const o = sweepCurveOption(oneD, 'total_bad_debt_usd', light, AS_OF, 1);
    const s = series(o);
    expect(s.map((x) => x.name)).toEqual(['Total bad debt', 'spark', 'aave']);
    expect(s[0]?.data).toEqual([
      [-0.1, 1000],
      [-0.2, 2000],
      [-0.3, 3000],
    ]);
    // spark peaks at 8, aave at 7; the venue with no bad debt is left out.
    expect(topVenues(oneD, 'bad_debt_usd')).toEqual(['spark', 'aave']);
    expect(s[1]?.data).toEqual([
      [-0.1, 0],
      [-0.2, 3],
      [-0.3, 8],
    ]);
    expect(s[0]?.markLine?.data).toEqual([{ xAxis: -0.2 }]);
    expect((o.xAxis as { name: string }).name).toBe('event[0,1].change');
    expect((o.yAxis as { name: string }).name).toBe('Total bad debt, USD');
    expect((o.title as { subtext: string }).subtext).toBe(AS_OF);
  });

  it('keeps undefined points as gaps and draws no venue curves for other KPIs', () => {
    const o = sweepCurveOption(oneD, 'amplification', light, AS_OF);
    expect(series(o).map((x) => x.name)).toEqual(['Amplification']);
    expect(series(o)[0]?.data?.[0]).toEqual([-0.1, null]);
    expect((o.yAxis as { name: string }).name).toBe('Amplification, ×');
  });
});

describe('sweep heatmap', () => {
  it('lays point k = i·K2 + j at column j, row i, so a click’s data index is the point', () => {
    expect(heatmapGrid(twoD, 'defaults')).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    const o = sweepHeatmapOption(twoD, 'amplification', light, AS_OF);
    const data = series(o)[0]?.data as [number, number, number | string][];
    expect(data).toHaveLength(6);
    expect(data[4]).toEqual([1, 1, '-']);
    expect(data.map(([j, i]) => i * 3 + j)).toEqual([0, 1, 2, 3, 4, 5]);
    expect((o.xAxis as { data: string[] }).data).toEqual(['0', '2', '4']);
    expect((o.yAxis as { data: string[] }).data).toEqual(['−10%', '−50%']);
    const vm = o.visualMap as { min: number; max: number };
    // The undefined cell is left out of the colour range: 0 … 5.
    expect([vm.min, vm.max]).toEqual([0, 5]);
  });

  it('scales Converged from no to yes, also when every run converged', () => {
    const allYes: SweepResult = { ...twoD, kpis: kpis((k) => (k === 'converged' ? 1 : 0), 6) };
    const vm = sweepHeatmapOption(allYes, 'converged', light, AS_OF).visualMap as { min: number; max: number; text: string[] };
    expect([vm.min, vm.max]).toEqual([0, 1]);
    expect(vm.text[0]).toBe('yes');
    expect(vm.text[1]).toMatch(/no$/);
  });
});

const dist: Distribution = {
  mean: 10,
  std: 5,
  min: 0,
  max: 100,
  p50: 5,
  p90: 40,
  var95: 60,
  var99: 90,
  es95: 75,
  es99: 95,
  probability_positive: 0.5,
  histogram: { edges: [0, 25, 50, 75, 100], counts: [150, 30, 15, 5] },
};

describe('Monte Carlo histogram', () => {
  it('draws bins at their centres across the true range, and VaR / ES at 95% and 99% as vertical lines', () => {
    const o = histogramOption(dist, 'Bad debt', 200, light, AS_OF);
    const s = series(o);
    expect(s[0]?.data).toEqual([
      [12.5, 150],
      [37.5, 30],
      [62.5, 15],
      [87.5, 5],
    ]);
    const x = o.xAxis as { min: number; max: number; name: string };
    expect([x.min, x.max, x.name]).toEqual([0, 100, 'Bad debt, USD']);
    const lines = s.slice(1).map((m) => [m.name, m.markLine?.data?.[0]?.xAxis, m.markLine?.lineStyle?.type]);
    expect(lines).toEqual([
      ['VaR 95% $60', 60, 'solid'],
      ['ES 95% $75', 75, 'dashed'],
      ['VaR 99% $90', 90, 'solid'],
      ['ES 99% $95', 95, 'dashed'],
    ]);
    expect((o.legend as { data: string[] }).data).toEqual(['draws', 'VaR 95% $60', 'ES 95% $75', 'VaR 99% $90', 'ES 99% $95']);
    expect(riskMarkers(dist).filter((m) => m.strong).map((m) => m.value)).toEqual([90, 95]);
  });

  it('keeps a degenerate distribution (every draw 0) drawable', () => {
    const zero = { ...dist, var95: 0, var99: 0, es95: 0, es99: 0, histogram: { edges: [0, 0], counts: [200] } };
    const x = histogramOption(zero, 'Bad debt', 200, light, AS_OF).xAxis as { min: number; max: number };
    expect([x.min, x.max]).toEqual([0, 1]);
  });
});

describe('reverse search chart', () => {
  const r = {
    kind: 'reverse',
    status: 'found',
    shock: { kind: 'asset', asset: 'ETH', at: 0 },
    target: { kind: 'total_bad_debt', above: 1_000_000 },
    threshold: 0.2,
    bracket: [0.19, 0.2],
    tolerance: 0.01,
    monotone: true,
    violations: [],
    evaluations: [
      { magnitude: 0.5, value: 5e6, reached: true },
      { magnitude: 0, value: 0, reached: false },
      { magnitude: 0.19, value: 9e5, reached: false },
      { magnitude: 0.2, value: 1.1e6, reached: true },
    ],
  } as unknown as ReverseResult;

  it('splits the runs into reached and not, and marks the target level and the threshold', () => {
    const o = reverseSearchOption(r, light, AS_OF);
    const s = series(o);
    expect(s[0]?.data).toEqual([
      [0, 0],
      [0.19, 9e5],
    ]);
    expect(s[1]?.data).toEqual([
      [0.2, 1.1e6],
      [0.5, 5e6],
    ]);
    expect(s[1]?.markLine?.data?.map((d) => d.name)).toEqual(['target $1M', 'threshold −20%']);
    expect(magnitudeText({ shock: { kind: 'external_loss', node: 'x', at: 0 } }, 2_500_000)).toBe('$2.5M');
  });
});

describe('analysis labels', () => {
  it('read as people read them', () => {
    expect(parameterValueText('event[0].change', -0.35)).toBe('−35%');
    expect(parameterValueText('asset[ETH].depth_usd', 30_000_000)).toBe('$30M');
    expect(parameterValueText('oracle[cl-eth].delay_steps', 3)).toBe('3');
    expect(kpiText('total_loss_usd', 1_234_567)).toBe('$1.23M');
    expect(kpiText('amplification', null)).toBe('n/a');
    expect(kpiText('amplification', 2.5)).toBe('2.50×');
  });
});
