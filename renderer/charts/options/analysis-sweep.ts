import type { SweepResult } from '../../../engine/analysis/analysis-types';
import type { ScalarKpi } from '../../../engine/analysis/run-kpis';
import type { ChartOption } from '../chart-option';
import { seriesColor, type ChartTheme } from '../palette';
import { axisCompact, baseOption, emptyNote, GRID, labelledGrid, valueAxis } from './common';
import { KPI_INFO, kpiText, parameterValueText } from './analysis-format';

/** Venue curves drawn besides the total (the largest ones). */
export const SWEEP_VENUES = 6;

type VenueKey = 'bad_debt_usd' | 'liquidated_usd';
const BY_VENUE: Partial<Record<ScalarKpi, VenueKey>> = { total_bad_debt_usd: 'bad_debt_usd', total_liquidated_usd: 'liquidated_usd' };

/** The venues with the largest peak of `key` over the sweep, largest first (ties by id), those above 0 only. */
export function topVenues(r: SweepResult, key: VenueKey, n = SWEEP_VENUES): string[] {
  return Object.entries(r.venues)
    .map(([id, v]) => [id, Math.max(0, ...v[key])] as const)
    .filter(([, peak]) => peak > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([id]) => id);
}

/**
 * A 1-D sweep: the chosen KPI at every point of the axis (each point clickable: it opens that run),
 * and for bad debt and liquidations the largest venues' own curves. `selected` marks a point.
 */
export function sweepCurveOption(r: SweepResult, kpi: ScalarKpi, theme: ChartTheme, asOf: string, selected: number | null = null): ChartOption {
  const base = baseOption(theme, asOf);
  const axis = r.axes[0] ?? { parameter: '', values: [] };
  const info = KPI_INFO[kpi];
  const values = r.kpis[kpi] ?? [];
  const key = BY_VENUE[kpi];
  const venues = key === undefined ? [] : topVenues(r, key);
  const total = `${info.label}`;
  const venueSeries = venues.map((v, i) => ({
    type: 'line' as const,
    name: v,
    data: axis.values.map((x, k) => [x, r.venues[v]?.[key as VenueKey][k] ?? null]),
    symbolSize: 5,
    lineStyle: { width: 1.5, type: 'dashed' as const },
    itemStyle: { color: seriesColor(theme, i + 1, v) },
  }));
  const defined = values.some((v) => v !== null && Number.isFinite(v));
  return {
    ...base,
    grid: { ...GRID, bottom: 48 },
    legend: { ...base.legend, data: [total, ...venues] },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'line' },
      formatter: (ps: unknown) => {
        const list = (Array.isArray(ps) ? ps : [ps]) as { seriesName: string; value: [number, number | null]; marker: string }[];
        const x = list[0]?.value[0];
        const head = x === undefined ? '' : `${axis.parameter} = ${parameterValueText(axis.parameter, x)}`;
        return [head, ...list.map((p) => `${p.marker}${p.seriesName}: ${kpiText(kpi, p.value[1])}`), '<i>click a point to open its run</i>'].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      name: axis.parameter,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: theme.muted, fontSize: 11 },
      min: Math.min(...axis.values),
      max: Math.max(...axis.values),
      // From left to right as the axis was given: a deepening crash (−5% … −60%) reads rightwards.
      inverse: (axis.values[0] ?? 0) > (axis.values[axis.values.length - 1] ?? 0),
      axisLabel: { color: theme.muted, formatter: (v: number) => parameterValueText(axis.parameter, v) },
      axisLine: { lineStyle: { color: theme.axis } },
      splitLine: { show: false },
    },
    yAxis: valueAxis(theme, `${info.label}, ${info.unit}`, info.unit === 'USD' ? axisCompact : undefined),
    graphic: defined ? [] : emptyNote(theme, `${info.label} is undefined at every point`),
    series: [
      {
        type: 'line',
        name: total,
        data: axis.values.map((x, k) => [x, values[k] ?? null]),
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 2.5 },
        itemStyle: { color: theme.palette[0] },
        markLine:
          selected === null || axis.values[selected] === undefined
            ? undefined
            : { silent: true, symbol: 'none', lineStyle: { color: theme.muted, type: 'dotted' }, label: { show: false }, data: [{ xAxis: axis.values[selected] }] },
      },
      ...venueSeries,
    ],
  };
}

/** The KPI of a 2-D sweep as rows (first axis) × columns (second axis). */
export function heatmapGrid(r: SweepResult, kpi: ScalarKpi): (number | null)[][] {
  const [k1, k2] = [r.shape[0] ?? 0, r.shape[1] ?? 1];
  const all = r.kpis[kpi] ?? [];
  return Array.from({ length: k1 }, (_, i) => Array.from({ length: k2 }, (_, j) => all[i * k2 + j] ?? null));
}

/** A 2-D sweep: one KPI, rows = first axis (bottom-up), columns = second axis; empty where undefined. Cell (i, j) is point i·K2 + j. */
export function sweepHeatmapOption(r: SweepResult, kpi: ScalarKpi, theme: ChartTheme, asOf: string): ChartOption {
  const base = baseOption(theme, asOf);
  const [rows, cols] = [r.axes[0] ?? { parameter: '', values: [] }, r.axes[1] ?? { parameter: '', values: [] }];
  const info = KPI_INFO[kpi];
  const grid = heatmapGrid(r, kpi);
  const data: [number, number, number | '-'][] = [];
  let lo = Infinity;
  let hi = -Infinity;
  grid.forEach((row, i) =>
    row.forEach((v, j) => {
      const ok = v !== null && Number.isFinite(v);
      data.push([j, i, ok ? v : '-']);
      if (ok) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }),
  );
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  // Converged is yes or no: the scale is always no…yes (widened from an all-yes grid it read "no" at 2).
  if (kpi === 'converged') [lo, hi] = [0, 1];
  if (hi === lo) hi = lo + 1;
  const cells = rows.values.length * cols.values.length;
  const category = (name: string, values: number[], param: string, across: boolean) => ({
    type: 'category' as const,
    name,
    nameLocation: across ? ('middle' as const) : ('end' as const),
    nameGap: across ? 30 : 8,
    nameTextStyle: { color: theme.muted, fontSize: 11, align: across ? ('center' as const) : ('left' as const) },
    data: values.map((v) => parameterValueText(param, v)),
    axisLabel: { color: theme.muted },
    axisLine: { lineStyle: { color: theme.axis } },
    splitArea: { show: false },
  });
  return {
    ...base,
    grid: labelledGrid({ left: 8, right: 16, top: 28, bottom: 84 }),
    legend: { show: false },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { value: [number, number, number | '-'] }).value;
        const [j, i, v] = d;
        const rv = rows.values[i] as number;
        const cv = cols.values[j] as number;
        return `${rows.parameter} = ${parameterValueText(rows.parameter, rv)}<br/>${cols.parameter} = ${parameterValueText(cols.parameter, cv)}<br/><b>${info.label}: ${kpiText(kpi, v === '-' ? null : v)}</b><br/><i>click to open this run</i>`;
      },
    },
    xAxis: category(cols.parameter, cols.values, cols.parameter, true),
    yAxis: category(rows.parameter, rows.values, rows.parameter, false),
    visualMap: {
      type: 'continuous',
      min: lo,
      max: hi,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      text: [`${kpiText(kpi, hi)}`, `${info.label} ${kpiText(kpi, lo)}`],
      formatter: (v: unknown) => kpiText(kpi, typeof v === 'number' ? v : null),
      textStyle: { color: theme.text, fontSize: 11 },
      inRange: { color: theme.mode === 'dark' ? ['#1f3b57', '#b5651d', '#ef7a35'] : ['#f7fbff', '#fdae6b', '#D55E00'] },
    },
    series: [
      {
        type: 'heatmap',
        name: info.label,
        data,
        label: { show: cells <= 120, fontSize: 10, color: theme.text, formatter: (p: unknown) => kpiText(kpi, numberOr((p as { value: unknown[] }).value[2])) },
        itemStyle: { borderColor: theme.background, borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: theme.text, borderWidth: 2 } },
      },
    ],
  };
}

function numberOr(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}
