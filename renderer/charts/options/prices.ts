import type { AssetSeries } from '../../../engine/view/view-types';
import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';
import { baseOption, categoryAxis, GRID, stepLabels, stepMarkLine, usdPrice, valueAxis } from './common';

/**
 * Market vs oracle price of one asset over the steps of a run (MODEL §3): the market price, the
 * fundamental price (dashed) and what each oracle reported (stepped: it holds between updates).
 * `step`: the timeline's selected step, marked by a vertical line (none when null).
 */
export function pricesOption(s: AssetSeries, theme: ChartTheme, asOf: string, step: number | null = null): ChartOption {
  const steps = s.marketPrice.length;
  const line = (name: string, data: number[], color: string, extra: Record<string, unknown> = {}) => ({
    type: 'line' as const,
    name,
    data: data.map((v) => (Number.isFinite(v) ? v : null)),
    showSymbol: steps <= 30,
    symbolSize: 4,
    lineStyle: { width: 2, color },
    itemStyle: { color },
    emphasis: { focus: 'series' as const },
    ...extra,
  });
  return {
    ...baseOption(theme, asOf),
    grid: GRID,
    tooltip: { ...baseOption(theme, asOf).tooltip, trigger: 'axis', valueFormatter: (v) => usdPrice(Number(v)) },
    xAxis: categoryAxis(theme, 'step', stepLabels(steps)),
    yAxis: { ...valueAxis(theme, `${s.asset}, USD per unit`, (v) => usdPrice(v).replace(' USD', '')), scale: true },
    series: [
      line(`${s.asset} market`, s.marketPrice, theme.palette[0] as string, { markLine: stepMarkLine(theme, step) }),
      line(`${s.asset} fundamental`, s.fundamentalPrice, theme.muted, { lineStyle: { width: 1.5, type: 'dashed', color: theme.muted } }),
      ...s.oracles.map((o, i) =>
        line(`oracle ${o.oracle}`, o.reportedPrice, theme.palette[(i + 1) % theme.palette.length] as string, {
          step: 'end',
          lineStyle: { width: 2, type: 'dotted', color: theme.palette[(i + 1) % theme.palette.length] },
        }),
      ),
    ],
  };
}
