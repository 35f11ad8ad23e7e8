import type { DefaultEvent } from '../../../engine/view/view-types';
import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';
import { baseOption, categoryAxis, emptyNote, labelledGrid, stepLabels, stepMarkLine, usdFull } from './common';

/** Defaults shown one per row; past this many the rest are counted in the chart's note. */
export const DEFAULT_ROWS = 30;

/**
 * The defaults timeline: one row per defaulted node in the order they failed, a mark at its
 * default step sized by what it owed (USD), venues and entities apart. `step`: the timeline's
 * selected step, marked by a vertical line (none when null).
 */
export function defaultsOption(defaults: DefaultEvent[], steps: number, theme: ChartTheme, asOf: string, step: number | null = null): ChartOption {
  const base = baseOption(theme, asOf);
  const shown = defaults.slice(0, DEFAULT_ROWS);
  const nodes = shown.map((d) => d.node).reverse();
  const maxOwed = Math.max(1, ...shown.map((d) => d.obligationsUsd));
  const size = (owed: number) => 8 + 20 * Math.sqrt(Math.max(0, owed) / maxOwed);
  const points = (kind: DefaultEvent['kind']) =>
    shown
      .filter((d) => d.kind === kind)
      .map((d) => ({ name: d.node, value: [String(d.step), d.node, d.obligationsUsd, d.recoveryRate] as [string, string, number, number], symbolSize: size(d.obligationsUsd) }));
  const more = defaults.length - shown.length;
  return {
    ...base,
    grid: labelledGrid({ left: 8, right: 24, top: 40, bottom: 40 }),
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (p) => {
        const item = p as unknown as { seriesName: string; value: [string, string, number, number] };
        const [step, node, owed, recovery] = item.value;
        return `<b>${escapeHtml(node)}</b> (${item.seriesName})<br/>defaulted at step ${step}<br/>owed ${usdFull(owed)}<br/>recovery ${(recovery * 100).toFixed(1)}%`;
      },
    },
    xAxis: { ...categoryAxis(theme, more > 0 ? `step · first ${DEFAULT_ROWS} of ${defaults.length} defaults` : 'step', stepLabels(steps)), boundaryGap: true },
    yAxis: { type: 'category', data: nodes, axisLabel: { color: theme.text, width: 120, overflow: 'truncate' }, axisLine: { lineStyle: { color: theme.axis } }, splitLine: { show: true, lineStyle: { color: theme.grid } } },
    graphic: defaults.length === 0 ? emptyNote(theme, 'No default in this run') : [],
    series: [
      { type: 'scatter', name: 'entity', data: points('entity'), symbol: 'circle', itemStyle: { color: theme.palette[3] }, markLine: stepMarkLine(theme, step) },
      { type: 'scatter', name: 'venue', data: points('venue'), symbol: 'diamond', itemStyle: { color: theme.palette[0] } },
    ],
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
