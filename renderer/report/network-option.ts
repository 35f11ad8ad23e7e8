import type { GraphSeriesOption } from 'echarts/charts';
import type { LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ReportNetwork, ReportNodeState, ReportVertexKind } from '../../engine/report/report-types';
import type { ChartTheme } from '../charts/palette';

export type NetworkOption = ComposeOption<GraphSeriesOption | LegendComponentOption | TooltipComponentOption | TitleComponentOption>;

export const STATE_ORDER: readonly ReportNodeState[] = ['event', 'asset', 'healthy', 'stressed', 'defaulted'];

const STATE_LABELS: Readonly<Record<ReportNodeState, string>> = {
  event: 'scenario event',
  asset: 'asset (price)',
  healthy: 'healthy',
  stressed: 'stressed',
  defaulted: 'defaulted',
};

const SYMBOLS: Readonly<Record<ReportVertexKind, string>> = { event: 'pin', asset: 'diamond', venue: 'rect', entity: 'circle' };

export function stateColor(theme: ChartTheme, state: ReportNodeState): string {
  switch (state) {
    case 'event':
      return theme.mode === 'dark' ? '#d0d0d0' : '#3b3b3b';
    case 'asset':
      return theme.palette[4] as string;
    case 'healthy':
      return theme.palette[2] as string;
    case 'stressed':
      return theme.palette[1] as string;
    case 'defaulted':
      return theme.danger;
  }
}

export interface LaidOut {
  id: string;
  column: number;
  row: number;
}

/**
 * Columns by the longest distance from a scenario event along the hops (events in column 0),
 * rows in order of first appearance: every hop points rightwards, so a path reads left to right.
 */
export function layeredLayout(network: Pick<ReportNetwork, 'vertices' | 'edges'>): LaidOut[] {
  const depth = new Map<string, number>(network.vertices.map((v) => [v.id, 0]));
  // Longest path over a DAG by relaxation; a cycle (not expected) is cut after |V| rounds.
  for (let round = 0; round < network.vertices.length; round++) {
    let changed = false;
    for (const e of network.edges) {
      const d = (depth.get(e.from) ?? 0) + 1;
      if (depth.has(e.to) && d > (depth.get(e.to) as number)) {
        depth.set(e.to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  return network.vertices.map((v) => {
    const column = depth.get(v.id) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    return { id: v.id, column, row };
  });
}

const usd = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * The contagion network at the final step: every vertex on a path shown in the report, coloured by
 * its state (absolute legend), shaped by kind; edges as wide as the loss that flowed along them.
 */
export function networkOption(network: ReportNetwork, theme: ChartTheme, asOf: string, width: number, height: number): NetworkOption {
  const laid = layeredLayout(network);
  const columns = Math.max(1, ...laid.map((l) => l.column + 1));
  const perColumn = new Map<number, number>();
  for (const l of laid) perColumn.set(l.column, Math.max(perColumn.get(l.column) ?? 0, l.row + 1));
  const left = 24;
  const right = 140;
  const top = 56;
  const bottom = 24;
  const dx = columns === 1 ? 0 : (width - left - right) / (columns - 1);
  const pos = new Map<string, [number, number]>();
  for (const l of laid) {
    const n = perColumn.get(l.column) ?? 1;
    const dy = (height - top - bottom) / n;
    pos.set(l.id, [left + l.column * dx, top + dy * (l.row + 0.5)]);
  }
  const maxAmount = Math.max(1, ...network.edges.map((e) => Math.abs(e.amountUsd)));
  const categories = STATE_ORDER.map((state) => ({ name: STATE_LABELS[state], itemStyle: { color: stateColor(theme, state) } }));
  const vertexCount = network.vertices.length;
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: theme.font, fontSize: theme.fontSize, color: theme.text },
    title: { subtext: asOf, right: 4, bottom: 2, padding: 0, itemGap: 0, subtextStyle: { color: theme.muted, fontSize: 10, fontFamily: theme.font } },
    legend: { top: 0, left: 0, data: categories.map((c) => c.name), textStyle: { color: theme.text, fontSize: 12 } },
    tooltip: { trigger: 'item', confine: true, backgroundColor: theme.tooltip, borderColor: theme.grid, textStyle: { color: theme.text, fontSize: 12 } },
    series: [
      {
        type: 'graph',
        layout: 'none',
        left: 0,
        top: 0,
        width,
        height,
        roam: false,
        categories,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 7,
        label: { show: true, position: 'right', color: theme.text, fontSize: vertexCount > 40 ? 9 : 11, width: 120, overflow: 'truncate' },
        lineStyle: { color: theme.axis, opacity: 0.75, curveness: 0.08 },
        // Two invisible corner anchors pin the drawing's bounds to the chart's box, so positions are pixels (ECharts fits 'none' layouts to the data's extent).
        data: [
          ...[0, 1].map((k) => ({ id: `\u0000corner${k}`, name: '', x: k * width, y: k * height, symbolSize: 0, label: { show: false }, tooltip: { show: false }, silent: true })),
          ...network.vertices.map((v) => {
          const [x, y] = pos.get(v.id) ?? [0, 0];
          return {
            id: v.id,
            name: v.label,
            x,
            y,
            category: STATE_ORDER.indexOf(v.state),
            symbol: SYMBOLS[v.kind],
            symbolSize: v.kind === 'event' ? 18 : 14,
            tooltip: { formatter: `${escapeHtml(v.label)} (${v.kind}, ${STATE_LABELS[v.state]})${v.lossUsd > 0 ? `<br/>lost ${usd.format(v.lossUsd)} USD` : ''}` },
          };
          }),
        ],
        links: network.edges.map((e) => ({
          source: e.from,
          target: e.to,
          lineStyle: { width: 1 + 7 * Math.sqrt(Math.abs(e.amountUsd) / maxAmount) },
          tooltip: { formatter: `${escapeHtml(e.from)} → ${escapeHtml(e.to)}<br/>${usd.format(e.amountUsd)} USD (${escapeHtml(e.channel)})` },
        })),
      },
    ],
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
