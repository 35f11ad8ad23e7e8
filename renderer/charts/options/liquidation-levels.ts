import type { LiquidationLevels } from '../../../engine/view/view-types';
import type { ChartOption } from '../chart-option';
import { seriesColor, type ChartTheme } from '../palette';
import { axisCompact, baseOption, categoryAxis, emptyNote, labelledGrid, valueAxis } from './common';

export interface LevelsView {
  cumulative: boolean;
  unit: 'usd' | 'units';
}

const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Running sums of each series: what is liquidatable at a fall of at most this much. */
export function cumulate(values: number[][]): number[][] {
  return values.map((v) => {
    let s = 0;
    return v.map((x) => (s += x));
  });
}

/** The fall of each bin, as the axis shows it: "0%" (already), "−2%", … */
export function dropLabels(drops: number[]): string[] {
  return drops.map((d) => (d === 0 ? '0%' : `−${num.format(d * 100)}%`));
}

/**
 * Liquidation levels of one asset (first round, no cascade): collateral that becomes liquidatable
 * at each fall of its price, stacked by venue — per bin, or cumulated — in USD at today's price or
 * in units of the asset.
 */
export function levelsOption(l: LiquidationLevels, view: LevelsView, theme: ChartTheme, asOf: string): ChartOption {
  const base = baseOption(theme, asOf);
  const raw = view.unit === 'usd' ? l.usd : l.units;
  const values = view.cumulative ? cumulate(raw) : raw;
  const unit = view.unit === 'usd' ? 'USD at today’s price' : `${l.asset} units`;
  const fmt = (v: number) => (view.unit === 'usd' ? `${num.format(v)} USD` : `${num.format(v)} ${l.asset}`);
  const labels = dropLabels(l.drops);
  return {
    ...base,
    grid: labelledGrid({ left: 8, right: 16, top: 40, bottom: 52 }),
    tooltip: { ...base.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt(Number(v)) },
    xAxis: { ...categoryAxis(theme, `fall of the ${l.asset} price (from ${num.format(l.price)} USD)`, labels), axisLabel: { color: theme.muted, interval: 'auto' } },
    yAxis: valueAxis(theme, `${view.cumulative ? 'cumulative ' : ''}collateral liquidatable, ${unit}`, axisCompact),
    graphic: l.venues.length === 0 ? emptyNote(theme, `No position uses ${l.asset} as collateral against another asset`) : [],
    series: l.venues.map((name, i) => ({
      type: 'bar' as const,
      name,
      stack: 'venues',
      data: values[i] ?? [],
      barCategoryGap: '15%',
      itemStyle: { color: seriesColor(theme, i, name) },
      emphasis: { focus: 'series' as const },
    })),
  };
}
