import type { StackedSeries } from '../../../engine/view/view-types';
import type { ChartOption } from '../chart-option';
import { seriesColor, type ChartTheme } from '../palette';
import { baseOption, categoryAxis, emptyNote, GRID, stepLabels, usdFull, valueAxis } from './common';

/** Debt repaid by liquidations per step, stacked by venue (MODEL §6 `venues.repaid_usd`). */
export function liquidationsOption(stack: StackedSeries, steps: number, theme: ChartTheme, asOf: string): ChartOption {
  const base = baseOption(theme, asOf);
  const total = stack.values.reduce((s, v) => s + v.reduce((a, x) => a + x, 0), 0);
  return {
    ...base,
    grid: GRID,
    tooltip: { ...base.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => usdFull(Number(v)) },
    xAxis: categoryAxis(theme, 'step', stepLabels(steps)),
    yAxis: valueAxis(theme, 'USD repaid'),
    graphic: total === 0 ? emptyNote(theme, 'No liquidation in this run') : [],
    series: stack.names.map((name, i) => ({
      type: 'bar' as const,
      name,
      stack: 'venues',
      data: stack.values[i] ?? [],
      itemStyle: { color: seriesColor(theme, i, name) },
      emphasis: { focus: 'series' as const },
      barMaxWidth: 28,
    })),
  };
}
