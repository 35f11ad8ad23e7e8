import type { ComparePrices, RunSteps } from '../../../engine/view/compare-types';
import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';
import { axisCompact, baseOption, categoryAxis, emptyNote, GRID, stepLabels, usdFull, usdPrice, valueAxis } from './common';

/** Line styles by run, so runs stay apart in print and for every colour vision, not by colour alone. */
const DASHES = ['solid', 'dashed', 'dotted', 'solid', 'dashed', 'dotted', 'solid', 'dashed'] as const;
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow', 'circle'] as const;

export type PriceScale = 'usd' | 'indexed';

/** Run i's colour: the palette in order (the same run has the same colour in every compare chart). */
export const runColor = (theme: ChartTheme, i: number): string => theme.palette[i % theme.palette.length] as string;

/** A price series as a share of its step-0 value, in percent (100 = unchanged); null where unknown. */
export function indexed(series: readonly number[]): (number | null)[] {
  const p0 = series[0];
  return series.map((p) => (p0 !== undefined && p0 > 0 && Number.isFinite(p) ? (p / p0) * 100 : null));
}

/** Running sum. */
export function cumulative(values: readonly number[]): number[] {
  let total = 0;
  return values.map((v) => (total += v));
}

/**
 * A legend that never hides a run behind scroll arrows: one line per two runs, long names cut
 * (the full name in its tooltip), and the plot moved down to make room.
 */
function runLegend(base: ChartOption, runs: number): Pick<ChartOption, 'legend' | 'grid'> {
  const rows = Math.max(1, Math.ceil(runs / 2));
  const legend = base.legend as Record<string, unknown>;
  return {
    legend: { ...legend, type: 'plain', tooltip: { show: true }, textStyle: { ...(legend.textStyle as object), width: 230, overflow: 'truncate' } },
    grid: { ...GRID, top: 40 + (rows - 1) * 22 },
  };
}

function runLine(theme: ChartTheme, i: number, name: string, data: (number | null)[]) {
  const color = runColor(theme, i);
  return {
    type: 'line' as const,
    name,
    data,
    symbol: SYMBOLS[i % SYMBOLS.length],
    showSymbol: data.length <= 40,
    symbolSize: 6,
    lineStyle: { width: i === 0 ? 3 : 2, type: DASHES[i % DASHES.length], color },
    itemStyle: { color },
    emphasis: { focus: 'series' as const },
  };
}

/**
 * One asset's market price (MODEL §3 P) per step in each run, overlaid: in USD per unit, or
 * indexed to each run's step 0 (%) so runs on workspaces with other starting prices line up.
 * A run whose workspace lacks the asset is left out and named in the legend as such.
 */
export function comparePricesOption(p: ComparePrices, labels: readonly string[], theme: ChartTheme, asOf: string, scale: PriceScale = 'usd'): ChartOption {
  const base = baseOption(theme, asOf);
  const steps = Math.max(0, ...p.series.map((s) => s?.length ?? 0));
  const unit = scale === 'usd' ? `${p.asset}, USD per unit` : `${p.asset}, % of step-0 price`;
  const format = scale === 'usd' ? (v: number) => usdPrice(v) : (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)}%` : '—');
  const shown = p.series.flatMap((s, i) => (s === null ? [] : [runLine(theme, i, labels[i] ?? `run ${i + 1}`, scale === 'usd' ? s.map((v) => (Number.isFinite(v) ? v : null)) : indexed(s))]));
  const absent = p.series.flatMap((s, i) => (s === null ? [labels[i] ?? `run ${i + 1}`] : []));
  return {
    ...base,
    ...runLegend(base, p.series.length),
    tooltip: { ...base.tooltip, trigger: 'axis', valueFormatter: (v) => format(Number(v)) },
    xAxis: categoryAxis(theme, 'step', stepLabels(steps)),
    yAxis: { ...valueAxis(theme, unit, (v) => (scale === 'usd' ? usdPrice(v).replace(' USD', '') : `${v}%`)), scale: true },
    graphic: absent.length > 0 ? [{ type: 'text', left: 8, bottom: 2, silent: true, style: { text: `No ${p.asset} in: ${absent.join(', ')}`, fill: theme.muted, fontSize: 11, fontFamily: theme.font } }] : [],
    series: shown,
  };
}

/**
 * Debt repaid by liquidations per step in each run (MODEL §6 `venues.repaid_usd`, all venues),
 * overlaid; or its running total.
 */
export function compareLiquidationsOption(runs: readonly RunSteps[], labels: readonly string[], theme: ChartTheme, asOf: string, running = false): ChartOption {
  const base = baseOption(theme, asOf);
  const steps = Math.max(0, ...runs.map((r) => r.stepsRun));
  const total = runs.reduce((s, r) => s + r.liquidatedUsd.reduce((a, x) => a + x, 0), 0);
  return {
    ...base,
    ...runLegend(base, runs.length),
    tooltip: { ...base.tooltip, trigger: 'axis', valueFormatter: (v) => usdFull(Number(v)) },
    xAxis: categoryAxis(theme, 'step', stepLabels(steps)),
    yAxis: valueAxis(theme, running ? 'USD repaid, running total' : 'USD repaid per step', axisCompact),
    graphic: total === 0 ? emptyNote(theme, 'No liquidation in any of these runs') : [],
    series: runs.map((r, i) => runLine(theme, i, labels[i] ?? `run ${i + 1}`, running ? cumulative(r.liquidatedUsd) : [...r.liquidatedUsd])),
  };
}
