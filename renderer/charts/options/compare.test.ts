import { describe, expect, it } from 'vitest';
import type { RunSteps } from '../../../engine/view/compare-types';
import { CHART_THEMES } from '../palette';
import { compareLiquidationsOption, comparePricesOption, cumulative, indexed, runColor } from './compare';

const light = CHART_THEMES.light;
const AS_OF = 'Compare · 2 runs · engine 0.1.0';
const LABELS = ['A · Flash crash', 'B · Lender default'];

type Series = { name?: string; data?: unknown[]; lineStyle?: { type?: string; width?: number; color?: string } };
const series = (o: { series?: unknown }) => o.series as Series[];
const yName = (o: { yAxis?: unknown }) => (o.yAxis as { name: string }).name;
const xData = (o: { xAxis?: unknown }) => (o.xAxis as { data: string[] }).data;

const steps = (runId: string, liquidatedUsd: number[]): RunSteps => ({
  runId,
  stepsRun: liquidatedUsd.length,
  liquidatedUsd,
  liquidations: liquidatedUsd.map(() => 0),
  badDebtUsd: liquidatedUsd.map(() => 0),
  defaults: liquidatedUsd.map(() => 0),
  lossUsd: liquidatedUsd.map(() => 0),
});

describe('indexed and cumulative', () => {
  it('index a price series to its first step, in percent', () => {
    // 2400 / 3000 = 80%; 1500 / 3000 = 50%.
    expect(indexed([3000, 2400, 1500])).toEqual([100, 80, 50]);
    expect(indexed([0, 5])).toEqual([null, null]);
    expect(indexed([3000, NaN])).toEqual([100, null]);
  });
  it('sum as they go', () => {
    expect(cumulative([5, 0, 10, 2.5])).toEqual([5, 5, 15, 17.5]);
  });
});

describe('comparePricesOption', () => {
  const eth = { asset: 'ETH', series: [[3000, 2100, 2000], [3000, 2400]] };

  it('overlays each run’s market price, one colour and one dash per run, with the unit on the axis', () => {
    const o = comparePricesOption(eth, LABELS, light, AS_OF);
    expect(series(o).map((s) => s.name)).toEqual(LABELS);
    expect(series(o).map((s) => s.data)).toEqual([
      [3000, 2100, 2000],
      [3000, 2400],
    ]);
    expect(series(o).map((s) => s.lineStyle?.type)).toEqual(['solid', 'dashed']);
    expect(series(o).map((s) => s.lineStyle?.color)).toEqual([runColor(light, 0), runColor(light, 1)]);
    // The baseline is drawn heavier.
    expect(series(o).map((s) => s.lineStyle?.width)).toEqual([3, 2]);
    expect(yName(o)).toBe('ETH, USD per unit');
    // The longer run sets the axis.
    expect(xData(o)).toEqual(['0', '1', '2']);
    expect((o.title as { subtext: string }).subtext).toBe(AS_OF);
    // Every run stays in the legend (no scrolling), long names cut.
    expect(o.legend).toMatchObject({ type: 'plain', textStyle: { overflow: 'truncate' } });
  });

  it('makes room for a legend of more runs: one more line per two runs', () => {
    const five = { asset: 'ETH', series: [[1], [1], [1], [1], [1]] };
    expect((comparePricesOption(eth, LABELS, light, AS_OF).grid as { top: number }).top).toBe(40);
    expect((comparePricesOption(five, ['A', 'B', 'C', 'D', 'E'], light, AS_OF).grid as { top: number }).top).toBe(84);
  });

  it('indexes to step 0 on request, and says which run has no such asset', () => {
    const o = comparePricesOption({ asset: 'ETH', series: [[3000, 2100], null] }, LABELS, light, AS_OF, 'indexed');
    expect(series(o).map((s) => s.data)).toEqual([[100, 70]]);
    expect(yName(o)).toBe('ETH, % of step-0 price');
    expect(JSON.stringify(o.graphic)).toContain('No ETH in: B · Lender default');
  });
});

describe('compareLiquidationsOption', () => {
  const runs = [steps('run-1', [100, 50, 0]), steps('run-2', [0, 200, 25])];

  it('draws the debt repaid per step of each run, or its running total', () => {
    const perStep = compareLiquidationsOption(runs, LABELS, light, AS_OF);
    expect(series(perStep).map((s) => s.data)).toEqual([
      [100, 50, 0],
      [0, 200, 25],
    ]);
    expect(yName(perStep)).toBe('USD repaid per step');
    const running = compareLiquidationsOption(runs, LABELS, light, AS_OF, true);
    expect(series(running).map((s) => s.data)).toEqual([
      [100, 150, 150],
      [0, 200, 225],
    ]);
    expect(yName(running)).toBe('USD repaid, running total');
    expect(running.graphic).toEqual([]);
  });

  it('says so when no run liquidated anything', () => {
    const o = compareLiquidationsOption([steps('a', [0, 0]), steps('b', [0])], LABELS, light, AS_OF);
    expect(JSON.stringify(o.graphic)).toContain('No liquidation in any of these runs');
  });
});
