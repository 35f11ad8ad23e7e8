import type { Distribution } from '../../../engine/analysis/analysis-types';
import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';
import { axisCompact, baseOption, emptyNote, labelledGrid, valueAxis } from './common';
import { usdCompactText } from './analysis-format';

export interface RiskMarker {
  name: string;
  value: number;
  dashed: boolean;
  strong: boolean;
}

/** VaR and ES at 95% and 99% (Acerbi–Tasche ES: the mean beyond the VaR), in the order drawn. */
export function riskMarkers(d: Distribution): RiskMarker[] {
  return [
    { name: 'VaR 95%', value: d.var95, dashed: false, strong: false },
    { name: 'ES 95%', value: d.es95, dashed: true, strong: false },
    { name: 'VaR 99%', value: d.var99, dashed: false, strong: true },
    { name: 'ES 99%', value: d.es99, dashed: true, strong: true },
  ];
}

/**
 * The distribution of one outcome over the draws of a Monte Carlo: counts per bin of the
 * engine's histogram (bars on a value axis, so bins keep their true width), with VaR and ES at
 * 95% and 99% as vertical lines, each named with its value in the legend.
 */
export function histogramOption(d: Distribution, what: string, draws: number, theme: ChartTheme, asOf: string): ChartOption {
  const base = baseOption(theme, asOf);
  const { edges, counts } = d.histogram;
  const lo = edges[0] ?? 0;
  const hi = edges[edges.length - 1] ?? 1;
  const bars = counts.map((c, i) => [((edges[i] as number) + (edges[i + 1] as number)) / 2, c]);
  const markers = riskMarkers(d);
  const colour = (m: RiskMarker) => (m.strong ? theme.danger : theme.palette[1]);
  const label = (m: RiskMarker) => `${m.name} ${usdCompactText(m.value)}`;
  return {
    ...base,
    grid: labelledGrid({ left: 8, right: 24, top: 64, bottom: 48 }),
    legend: { ...base.legend, data: ['draws', ...markers.map(label)] },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const q = p as { seriesName: string; dataIndex: number; value: unknown };
        if (q.seriesName !== 'draws') return q.seriesName;
        const i = q.dataIndex;
        const n = counts[i] ?? 0;
        return `${usdCompactText(edges[i] as number)} – ${usdCompactText(edges[i + 1] as number)}<br/><b>${n} draw${n === 1 ? '' : 's'}</b> (${((100 * n) / Math.max(1, draws)).toFixed(1)}%)`;
      },
    },
    xAxis: { ...valueAxis(theme, `${what}, USD`, axisCompact, true), min: lo, max: hi === lo ? lo + 1 : hi, splitLine: { show: false } },
    yAxis: valueAxis(theme, 'draws', axisCompact),
    graphic: draws === 0 ? emptyNote(theme, 'No draws') : [],
    series: [
      { type: 'bar', name: 'draws', data: bars, barWidth: '94%', itemStyle: { color: theme.palette[0] } },
      ...markers.map((m, k) => ({
        type: 'line' as const,
        name: label(m),
        data: [],
        itemStyle: { color: colour(m) },
        lineStyle: { color: colour(m), type: m.dashed ? ('dashed' as const) : ('solid' as const) },
        markLine: {
          silent: false,
          symbol: 'none',
          lineStyle: { color: colour(m), width: m.strong ? 2 : 1.5, type: m.dashed ? ('dashed' as const) : ('solid' as const) },
          label: { show: true, color: colour(m), fontSize: 10, formatter: m.name, position: (k % 2 === 0 ? 'insideEndTop' : 'insideMiddleTop') as 'insideEndTop' | 'insideMiddleTop' },
          data: [{ xAxis: m.value, name: label(m) }],
        },
      })),
    ],
  };
}
