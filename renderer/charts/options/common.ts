import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const full = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const price = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/** Axis labels: `1.2M`, `350K`, `0`. */
export const axisCompact = (v: number): string => (v === 0 ? '0' : compact.format(v));
export const usdFull = (v: number): string => `${full.format(v)} USD`;
export const usdPrice = (v: number): string => (Number.isFinite(v) ? `${price.format(v)} USD` : '—');

/** What every chart shares: fonts and colours of the theme, the as-of line, no animation. */
export function baseOption(theme: ChartTheme, asOf: string): ChartOption {
  return {
    backgroundColor: 'transparent',
    color: theme.palette,
    textStyle: { fontFamily: theme.font, fontSize: theme.fontSize, color: theme.text },
    // Redrawn at once: a re-run must show its numbers without a tween in between.
    animation: false,
    title: {
      subtext: asOf,
      right: 4,
      bottom: 2,
      padding: 0,
      itemGap: 0,
      subtextStyle: { color: theme.muted, fontSize: 10, fontFamily: theme.font },
    },
    tooltip: {
      backgroundColor: theme.tooltip,
      borderColor: theme.grid,
      textStyle: { color: theme.text, fontFamily: theme.font, fontSize: 12 },
      confine: true,
    },
    legend: {
      type: 'scroll',
      top: 0,
      left: 0,
      right: 0,
      textStyle: { color: theme.text, fontSize: 12 },
      pageTextStyle: { color: theme.muted },
      pageIconColor: theme.text,
      pageIconInactiveColor: theme.axis,
      inactiveColor: theme.axis,
    },
  };
}

/** A value axis; `across` for a horizontal one (bars to the right), whose name sits under it. */
export function valueAxis(theme: ChartTheme, name: string, format: (v: number) => string = axisCompact, across = false) {
  return {
    type: 'value' as const,
    name,
    nameLocation: across ? ('middle' as const) : ('end' as const),
    nameGap: across ? 26 : 8,
    nameTextStyle: { color: theme.muted, fontSize: 11, align: across ? ('center' as const) : ('left' as const) },
    axisLabel: { color: theme.muted, formatter: format },
    axisLine: { show: false },
    splitLine: { lineStyle: { color: theme.grid } },
  };
}

export function categoryAxis(theme: ChartTheme, name: string, data: string[]) {
  return {
    type: 'category' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 26,
    nameTextStyle: { color: theme.muted, fontSize: 11 },
    data,
    axisLabel: { color: theme.muted },
    axisLine: { lineStyle: { color: theme.axis } },
    axisTick: { alignWithLabel: true, lineStyle: { color: theme.axis } },
  };
}

export const stepLabels = (steps: number): string[] => Array.from({ length: steps }, (_, t) => String(t));

/** A centred note over an empty chart ("No bad debt in this run"). */
export function emptyNote(theme: ChartTheme, text: string): ChartOption['graphic'] {
  return [{ type: 'text', left: 'center', top: 'middle', silent: true, style: { text, fill: theme.muted, fontSize: 14, fontFamily: theme.font } }];
}

/**
 * A grid whose box (left/right/top/bottom) holds the axis labels too (ECharts 6's outer bounds:
 * the box is the bound and the plot shrinks to keep the labels inside it). What
 * `containLabel: true` did in ECharts 5, without the legacy layout module.
 */
export function labelledGrid<T extends Record<string, unknown>>(box: T): T & { outerBoundsMode: 'same'; outerBoundsContain: 'axisLabel' } {
  return { ...box, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' };
}

export const GRID = labelledGrid({ left: 8, right: 16, top: 40, bottom: 40 });

/**
 * The timeline's selected step on a chart whose x axis is the steps (category names `'0'`,
 * `'1'`, …): a solid vertical line in the text colour tagged `step t`. Undefined when no step
 * is selected (null: the run's last step, shown as the whole run without a marker).
 */
export function stepMarkLine(theme: ChartTheme, step: number | null | undefined, label = true) {
  if (step === null || step === undefined) return undefined;
  return {
    symbol: 'none',
    silent: true,
    animation: false,
    // A tag in the line's colour over its top end: it reads even where it crosses an axis name.
    label: { show: label, formatter: `step ${step}`, position: 'end' as const, color: theme.background, backgroundColor: theme.text, padding: [2, 5], borderRadius: 3, fontSize: 11, fontWeight: 'bold' as const },
    lineStyle: { color: theme.text, type: 'solid' as const, width: 2, opacity: 1 },
    emphasis: { disabled: true },
    data: [{ xAxis: String(step) }],
  };
}
