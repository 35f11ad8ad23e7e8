import type { ReverseResult } from '../../../engine/analysis/analysis-types';
import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';
import { axisCompact, baseOption, emptyNote, GRID, valueAxis } from './common';
import { usdCompactText } from './analysis-format';

const pct = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A shock's magnitude as people read it: a price drop as −x%, an external loss in USD. */
export function magnitudeText(r: Pick<ReverseResult, 'shock'>, v: number): string {
  return r.shock.kind === 'external_loss' ? usdCompactText(v) : dropText(v);
}

const dropText = (v: number): string => (v === 0 ? '0%' : `−${pct.format(v * 100)}%`);

/**
 * The search of a reverse stress test: every run it made (the target's KPI at each magnitude),
 * reached in the danger colour, the target level and the threshold as lines. Points out of order
 * (a larger shock with a smaller KPI) are what the monotonicity verdict is about.
 */
export function reverseSearchOption(r: ReverseResult, theme: ChartTheme, asOf: string): ChartOption {
  const base = baseOption(theme, asOf);
  const isDefault = r.target.kind === 'node_default';
  const evals = [...r.evaluations].sort((a, b) => a.magnitude - b.magnitude);
  const point = (e: ReverseResult['evaluations'][number]) => [e.magnitude, e.value];
  const level = isDefault ? 0.5 : (r.target as { above: number }).above;
  const marks: { xAxis?: number; yAxis?: number; name: string; lineStyle: { color: string; type: 'dashed' | 'solid' } }[] = [
    { yAxis: level, name: isDefault ? 'default' : `target ${usdCompactText(level)}`, lineStyle: { color: theme.muted, type: 'dashed' } },
  ];
  if (r.threshold !== null) marks.push({ xAxis: r.threshold, name: `threshold ${magnitudeText(r, r.threshold)}`, lineStyle: { color: theme.danger, type: 'solid' } });
  return {
    ...base,
    grid: { ...GRID, bottom: 48 },
    legend: { ...base.legend, data: ['not reached', 'reached'] },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number] }).value;
        return `${magnitudeText(r, v[0])}<br/>${isDefault ? (v[1] === 1 ? 'defaults' : 'does not default') : usdCompactText(v[1])}`;
      },
    },
    xAxis: {
      ...valueAxis(theme, r.shock.kind === 'external_loss' ? 'external loss, USD' : 'price drop', r.shock.kind === 'external_loss' ? axisCompact : dropText, true),
      scale: true,
      splitLine: { show: false },
    },
    yAxis: isDefault
      ? { type: 'value', min: 0, max: 1, interval: 1, name: 'defaulted', nameTextStyle: { color: theme.muted, fontSize: 11 }, axisLabel: { color: theme.muted, formatter: (v: number) => (v === 1 ? 'yes' : 'no') }, splitLine: { lineStyle: { color: theme.grid } } }
      : valueAxis(theme, 'target KPI, USD', axisCompact),
    graphic: evals.length === 0 ? emptyNote(theme, 'No run was made') : [],
    series: [
      { type: 'scatter', name: 'not reached', data: evals.filter((e) => !e.reached).map(point), symbolSize: 8, itemStyle: { color: theme.palette[0] } },
      {
        type: 'scatter',
        name: 'reached',
        data: evals.filter((e) => e.reached).map(point),
        symbolSize: 8,
        itemStyle: { color: theme.danger },
        markLine: { silent: true, symbol: 'none', label: { show: true, formatter: '{b}', color: theme.text, fontSize: 10, position: 'insideEndTop' }, data: marks },
      },
    ],
  };
}
