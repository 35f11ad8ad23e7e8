import type { NodeSeries } from '../../../engine/view/view-types';
import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';
import { baseOption, categoryAxis, labelledGrid, stepLabels, stepMarkLine, usdFull, valueAxis } from './common';

export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  counterparty: 'counterparty',
  market: 'market',
  liquidation: 'liquidation',
  bad_debt: 'bad debt',
  exogenous: 'exogenous',
};

/** How a node chart is drawn: `step` the timeline's selected step (marked; null for none); `compact` for a narrow side panel. */
export interface NodeChartOptions {
  step?: number | null;
  compact?: boolean;
}

/**
 * One node through the run: its equity per step (top) and its loss per step by channel of
 * MODEL §5 (bottom, stacked; a gain is below zero). The default step is marked, and the
 * timeline's selected step when one is. Compact (a ~380 px panel): the axis names move into the
 * legend row's place (the card's unit says what the panes are), marker labels never meet them,
 * and the loss pane keeps room for its ticks.
 */
export function nodeEquityOption(s: NodeSeries, theme: ChartTheme, asOf: string, opts: NodeChartOptions = {}): ChartOption {
  const base = baseOption(theme, asOf);
  const compact = opts.compact === true;
  const steps = s.equity.length;
  // "start" is the clearing before any event (MODEL §6 equity_start_usd).
  const labels = ['start', ...stepLabels(steps)];
  const step = opts.step ?? null;
  const defaultLine =
    s.defaultStep === null
      ? []
      : [
          {
            xAxis: String(s.defaultStep),
            label: { formatter: compact ? `default, step ${s.defaultStep}` : `default at step ${s.defaultStep}`, color: theme.danger, position: 'end' as const, fontSize: 11 },
            lineStyle: { color: theme.danger, type: 'dashed' as const, width: 1.5 },
          },
        ];
  const stepLine = stepMarkLine(theme, step, step !== s.defaultStep);
  const marks = [...defaultLine, ...(stepLine === undefined ? [] : [{ ...stepLine.data[0], label: stepLine.label, lineStyle: stepLine.lineStyle }])];
  const markLine = marks.length === 0 ? undefined : { symbol: 'none', silent: true, animation: false, data: marks };
  const channels = s.byChannel.filter((c) => c.perStep.some((x) => x !== 0));
  // Compact: axis names would sit where the marker labels go, so the panes are named by the legend and the card.
  const axisName = (name: string) => (compact ? '' : name);
  return {
    ...base,
    title: compact ? compactTitle(base) : base.title,
    legend: compact ? { ...base.legend, itemWidth: 14, itemHeight: 8, textStyle: { color: theme.text, fontSize: 11 } } : base.legend,
    tooltip: { ...base.tooltip, trigger: 'axis', valueFormatter: (v) => usdFull(Number(v)) },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: compact
      ? [labelledGrid({ left: 4, right: 12, top: 44, height: '36%' }), labelledGrid({ left: 4, right: 12, top: '64%', bottom: 36 })]
      : [labelledGrid({ left: 8, right: 16, top: 40, height: '38%' }), labelledGrid({ left: 8, right: 16, top: '62%', bottom: 40 })],
    xAxis: [
      { ...categoryAxis(theme, '', labels), gridIndex: 0, axisLabel: { show: false } },
      { ...categoryAxis(theme, 'step', labels), gridIndex: 1 },
    ],
    yAxis: [
      { ...valueAxis(theme, axisName(`${s.node} equity, USD`)), gridIndex: 0, ...(compact ? { splitNumber: 3 } : {}) },
      { ...valueAxis(theme, axisName('loss by channel, USD')), gridIndex: 1, ...(compact ? { splitNumber: 2 } : {}) },
    ],
    series: [
      {
        type: 'line',
        name: 'equity',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: [s.equityStartUsd, ...s.equity].map((v) => (Number.isFinite(v) ? v : null)),
        showSymbol: steps <= 30,
        lineStyle: { width: 2, color: theme.palette[0] },
        itemStyle: { color: theme.palette[0] },
        markLine,
      },
      ...channels.map((c) => ({
        type: 'bar' as const,
        name: CHANNEL_LABELS[c.channel] ?? c.channel,
        xAxisIndex: 1,
        yAxisIndex: 1,
        stack: 'channels',
        data: [null, ...c.perStep],
        barMaxWidth: 24,
        itemStyle: { color: channelColor(theme, c.channel) },
      })),
    ],
  };
}

/** Fixed colours per channel, so a channel looks the same in every chart. */
export function channelColor(theme: ChartTheme, channel: string): string {
  const order = ['counterparty', 'market', 'liquidation', 'bad_debt', 'exogenous'];
  const i = order.indexOf(channel);
  return i < 0 ? theme.other : (theme.palette[(i + 1) % theme.palette.length] as string);
}

/**
 * The largest causes of a node's loss over the run: who or what it came from, by channel.
 * `compact` (a ~380 px panel): narrower cause labels, fewer ticks, thinner bars.
 */
export function nodeCausesOption(s: NodeSeries, theme: ChartTheme, asOf: string, opts: Pick<NodeChartOptions, 'compact'> = {}): ChartOption {
  const base = baseOption(theme, asOf);
  const compact = opts.compact === true;
  const rows = [...s.byCause].reverse();
  const channels = [...new Set(rows.map((r) => r.channel))];
  return {
    ...base,
    title: compact ? compactTitle(base) : base.title,
    legend: compact ? { ...base.legend, itemWidth: 14, itemHeight: 8, textStyle: { color: theme.text, fontSize: 11 } } : base.legend,
    grid: compact ? labelledGrid({ left: 4, right: 16, top: 32, bottom: 44 }) : labelledGrid({ left: 8, right: 24, top: 40, bottom: 40 }),
    tooltip: { ...base.tooltip, trigger: 'item', valueFormatter: (v) => usdFull(Number(v)) },
    xAxis: { ...valueAxis(theme, 'USD lost', undefined, true), ...(compact ? { splitNumber: 3 } : {}) },
    yAxis: { type: 'category', data: rows.map((r) => r.from), axisLabel: { color: theme.text, width: compact ? 96 : 140, overflow: 'truncate', ...(compact ? { fontSize: 11 } : {}) }, axisLine: { lineStyle: { color: theme.axis } } },
    series: channels.map((ch) => ({
      type: 'bar' as const,
      name: CHANNEL_LABELS[ch] ?? ch,
      stack: 'cause',
      barMaxWidth: compact ? 14 : 18,
      data: rows.map((r) => (r.channel === ch ? r.amountUsd : 0)),
      itemStyle: { color: channelColor(theme, ch) },
    })),
  };
}

/** The as-of line in a narrow panel: cut with an ellipsis rather than run off the left edge. */
function compactTitle(base: ChartOption): ChartOption['title'] {
  const t = base.title as { subtextStyle?: Record<string, unknown> };
  return { ...t, subtextStyle: { ...t.subtextStyle, width: 300, overflow: 'truncate' } };
}
