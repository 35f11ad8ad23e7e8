import type { NodeSeries } from '../../../engine/view/view-types';
import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';
import { baseOption, categoryAxis, stepLabels, usdFull, valueAxis } from './common';

export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  counterparty: 'counterparty',
  market: 'market',
  liquidation: 'liquidation',
  bad_debt: 'bad debt',
  exogenous: 'exogenous',
};

/**
 * One node through the run: its equity per step (top) and its loss per step by channel of
 * MODEL §5 (bottom, stacked; a gain is below zero). The default step is marked.
 */
export function nodeEquityOption(s: NodeSeries, theme: ChartTheme, asOf: string): ChartOption {
  const base = baseOption(theme, asOf);
  const steps = s.equity.length;
  // "start" is the clearing before any event (MODEL §6 equity_start_usd).
  const labels = ['start', ...stepLabels(steps)];
  const markDefault =
    s.defaultStep === null
      ? undefined
      : {
          symbol: 'none',
          silent: true,
          label: { formatter: `default at step ${s.defaultStep}`, color: theme.danger, position: 'end' as const },
          lineStyle: { color: theme.danger, type: 'dashed' as const },
          data: [{ xAxis: String(s.defaultStep) }],
        };
  const channels = s.byChannel.filter((c) => c.perStep.some((x) => x !== 0));
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: 'axis', valueFormatter: (v) => usdFull(Number(v)) },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 8, right: 16, top: 40, height: '38%', containLabel: true },
      { left: 8, right: 16, top: '62%', bottom: 40, containLabel: true },
    ],
    xAxis: [
      { ...categoryAxis(theme, '', labels), gridIndex: 0, axisLabel: { show: false } },
      { ...categoryAxis(theme, 'step', labels), gridIndex: 1 },
    ],
    yAxis: [
      { ...valueAxis(theme, `${s.node} equity, USD`), gridIndex: 0 },
      { ...valueAxis(theme, 'loss by channel, USD'), gridIndex: 1 },
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
        markLine: markDefault,
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

/** The largest causes of a node's loss over the run: who or what it came from, by channel. */
export function nodeCausesOption(s: NodeSeries, theme: ChartTheme, asOf: string): ChartOption {
  const base = baseOption(theme, asOf);
  const rows = [...s.byCause].reverse();
  const channels = [...new Set(rows.map((r) => r.channel))];
  return {
    ...base,
    grid: { left: 8, right: 24, top: 40, bottom: 40, containLabel: true },
    tooltip: { ...base.tooltip, trigger: 'item', valueFormatter: (v) => usdFull(Number(v)) },
    xAxis: valueAxis(theme, 'USD lost', undefined, true),
    yAxis: { type: 'category', data: rows.map((r) => r.from), axisLabel: { color: theme.text, width: 140, overflow: 'truncate' }, axisLine: { lineStyle: { color: theme.axis } } },
    series: channels.map((ch) => ({
      type: 'bar' as const,
      name: CHANNEL_LABELS[ch] ?? ch,
      stack: 'cause',
      barMaxWidth: 18,
      data: rows.map((r) => (r.channel === ch ? r.amountUsd : 0)),
      itemStyle: { color: channelColor(theme, ch) },
    })),
  };
}
