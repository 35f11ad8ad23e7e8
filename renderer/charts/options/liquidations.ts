import type { StackedSeries } from '../../../engine/view/view-types';
import type { ChartOption } from '../chart-option';
import { seriesColor, type ChartTheme } from '../palette';
import { baseOption, categoryAxis, emptyNote, GRID, stepLabels, stepMarkLine, usdFull, valueAxis } from './common';

/**
 * Debt repaid by liquidations per step, stacked by venue (MODEL §6 `venues.repaid_usd`).
 * `step`: the timeline's selected step, marked by a vertical line (none when null).
 */
export function liquidationsOption(stack: StackedSeries, steps: number, theme: ChartTheme, asOf: string, step: number | null = null): ChartOption {
  const base = baseOption(theme, asOf);
  const total = stack.values.reduce((s, v) => s + v.reduce((a, x) => a + x, 0), 0);
  return {
    ...base,
    grid: GRID,
    tooltip: { ...base.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => usdFull(Number(v)) },
    xAxis: categoryAxis(theme, 'step', stepLabels(steps)),
    yAxis: valueAxis(theme, 'USD repaid'),
    graphic: total === 0 ? emptyNote(theme, 'No liquidation in this run') : [],
    // No venue liquidated: an empty series still carries the step marker; the legend lists venues only.
    legend: { ...base.legend, data: stack.names },
    series: (stack.names.length > 0 || step === null ? stack.names : ['']).map((name, i) => ({
      type: 'bar' as const,
      name,
      stack: 'venues',
      data: stack.values[i] ?? [],
      itemStyle: { color: seriesColor(theme, i, name) },
      emphasis: { focus: 'series' as const },
      barMaxWidth: 28,
      ...(i === 0 ? { markLine: stepMarkLine(theme, step) } : {}),
    })),
  };
}
