import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';
import { baseOption, emptyNote, labelledGrid, usdFull, valueAxis } from './common';

/** Bad debt per venue over the run (MODEL §6 `venues.bad_debt_usd`), largest on top. */
export function badDebtOption(rows: { venue: string; usd: number }[], theme: ChartTheme, asOf: string): ChartOption {
  const base = baseOption(theme, asOf);
  const ordered = [...rows].reverse();
  return {
    ...base,
    grid: labelledGrid({ left: 8, right: 56, top: 40, bottom: 40 }),
    legend: { ...base.legend, data: ['bad debt'] },
    tooltip: { ...base.tooltip, trigger: 'item', valueFormatter: (v) => usdFull(Number(v)) },
    xAxis: valueAxis(theme, 'USD', undefined, true),
    yAxis: { type: 'category', data: ordered.map((r) => r.venue), axisLabel: { color: theme.text }, axisLine: { lineStyle: { color: theme.axis } } },
    graphic: rows.length === 0 ? emptyNote(theme, 'No bad debt in this run') : [],
    series: [
      {
        type: 'bar',
        name: 'bad debt',
        data: ordered.map((r) => r.usd),
        itemStyle: { color: theme.danger },
        barMaxWidth: 22,
        label: { show: true, position: 'right', color: theme.text, formatter: (p) => compactUsd(Number(p.value)) },
      },
    ],
  };
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
function compactUsd(v: number): string {
  return `$${compact.format(v)}`;
}
