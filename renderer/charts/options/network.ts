import type { ContagionPath, NetworkGraph, NetworkRun } from '../../../engine/view/network-types';
import type { NetworkFilters } from '../../network/network-slice';
import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';
import { baseOption, usdFull } from './common';
import { aggregate, edgeLossTo, KIND_NAMES, lossesAt, pathSets, statesAt, verticesOf, visibleVertices, type Vertices } from './network-model';

/** Past this many vertices drawn, a graph series is too slow: large-mode scatter + lines instead. */
export const GRAPH_LIMIT = 5000;

export const STATE_NAMES = ['healthy', 'stressed', 'defaulted', 'event not yet', 'event happened'] as const;
/** Colour-blind-safe (Okabe–Ito) and the same in both themes, so that a legend read once holds. */
export const STATE_COLORS = ['#7fb3d5', '#E69F00', '#D55E00', '#b8b8b8', '#CC79A7'] as const;
export const KIND_SYMBOLS = ['circle', 'roundRect', 'diamond', 'triangle', 'pin'] as const;

export interface NetworkOptionInput {
  graph: NetworkGraph;
  run: NetworkRun | null;
  step: number;
  theme: ChartTheme;
  filters: NetworkFilters;
  pins: Record<string, [number, number]>;
  /** The clicked vertex and its contagion path (highlighted; the rest dimmed). */
  selected: string | null;
  path: ContagionPath | null;
  asOf: string;
  /** Larger labels and marks (presentation mode). */
  large?: boolean;
}

export type NetworkMode = 'graph' | 'groups' | 'large';

/** How the network is drawn: aggregated when asked, or by default past GRAPH_LIMIT vertices; else node by node (large mode past the limit). */
export function networkMode(visible: number, aggregateAs: NetworkFilters['aggregate']): NetworkMode {
  if (aggregateAs === 'groups' || (aggregateAs === 'auto' && visible > GRAPH_LIMIT)) return 'groups';
  return visible > GRAPH_LIMIT ? 'large' : 'graph';
}

/** Symbol size (px) of a vertex of `sizeUsd` against the largest, on a square-root scale. */
export function symbolSize(sizeUsd: number, maxUsd: number, kind: number, large: boolean): number {
  const k = large ? 1.4 : 1;
  if (kind === 4) return 20 * k;
  if (kind === 3) return 11 * k;
  return (7 + 23 * Math.sqrt(Math.max(0, sizeUsd) / Math.max(1, maxUsd))) * k;
}

/** Width (px) of an edge that carried `lossUsd` against the largest flow of the whole run (so widths compare across steps). */
export function edgeWidth(lossUsd: number, maxUsd: number): number {
  return lossUsd > 0 ? 1.2 + 8 * Math.sqrt(lossUsd / Math.max(1, maxUsd)) : 0.6;
}

/** The largest loss along one edge over the whole run (USD). */
export function maxEdgeLoss(run: NetworkRun | null, edges: number): number {
  if (run === null) return 0;
  const all = edgeLossTo(run, run.steps - 1, edges);
  let max = 0;
  for (const x of all) if (x > max) max = x;
  return max;
}

/** The network chart at a step: node shape by kind, colour by state, edge width by the loss that flowed. */
export function networkOption(input: NetworkOptionInput): { option: ChartOption; mode: NetworkMode; drawn: number; vertices: Vertices } {
  const { graph: g, run, step, theme, filters } = input;
  const v = verticesOf(g, run, input.pins);
  const states = statesAt(run, step, v.count);
  const losses = lossesAt(run, step, v.count);
  const visible = visibleVertices(g, v, filters, losses);
  let drawn = 0;
  for (const x of visible) drawn += x;
  const mode = networkMode(drawn, filters.aggregate);
  const edgeLoss = run === null ? new Float64Array(v.edgeFrom.length) : edgeLossTo(run, step, v.edgeFrom.length);
  const maxLoss = maxEdgeLoss(run, v.edgeFrom.length);
  let maxSize = 1;
  for (let i = 0; i < g.ids.length; i++) if (g.kind[i] !== 2 && (g.sizeUsd[i] as number) > maxSize) maxSize = g.sizeUsd[i] as number;
  const base = baseOption(theme, input.asOf);
  const common: ChartOption = { ...base, legend: undefined, tooltip: { ...base.tooltip, trigger: 'item' } };
  if (mode === 'large') return { option: { ...common, ...largeSeries(v, visible, states, edgeLoss, theme) }, mode, drawn, vertices: v };
  if (mode === 'groups') return { option: { ...common, series: [groupSeries(g, v, visible, states, losses, edgeLoss, maxLoss, theme, input.large === true)] }, mode, drawn, vertices: v };

  const { vertices: onPath, edges: pathEdges } = pathSets(input.path, v);
  const focus = onPath.size > 0;
  const labelAll = drawn <= 60;
  const data = [];
  const index = new Int32Array(v.count).fill(-1);
  for (let i = 0; i < v.count; i++) {
    if (!visible[i]) continue;
    const kind = v.kind[i] as number;
    const s = states[i] as number;
    const id = v.ids[i] as string;
    const important = kind !== 0 || s === 2 || onPath.has(i) || id === input.selected;
    const dim = focus && !onPath.has(i);
    index[i] = data.length;
    data.push({
      id,
      name: id,
      x: v.xy[2 * i] as number,
      y: v.xy[2 * i + 1] as number,
      symbol: KIND_SYMBOLS[kind],
      symbolSize: symbolSize(i < g.ids.length ? (g.sizeUsd[i] as number) : 0, maxSize, kind, input.large === true),
      value: losses[i] as number,
      itemStyle: {
        color: STATE_COLORS[s],
        borderColor: id === input.selected ? theme.text : s === 2 ? '#5a1a00' : theme.background,
        borderWidth: id === input.selected ? 3 : s === 2 ? 1.5 : 0.8,
        opacity: dim ? 0.22 : 1,
      },
      label: { show: !dim && (labelAll || important), formatter: v.names[i] as string },
      tooltip: { formatter: vertexTooltip(v.names[i] as string, KIND_NAMES[kind] as string, STATE_NAMES[s] as string, losses[i] as number, run, i, g) },
    });
  }
  const links = [];
  for (let e = 0; e < v.edgeFrom.length; e++) {
    const a = index[v.edgeFrom[e] as number] as number;
    const b = index[v.edgeTo[e] as number] as number;
    if (a < 0 || b < 0) continue;
    const loss = edgeLoss[e] as number;
    const on = pathEdges.has(e);
    links.push({
      source: a,
      target: b,
      value: loss,
      lineStyle: {
        width: on ? edgeWidth(loss, maxLoss) + 2.5 : edgeWidth(loss, maxLoss),
        color: on ? theme.text : loss > 0 ? theme.danger : theme.axis,
        opacity: on ? 1 : focus ? 0.08 : loss > 0 ? 0.75 : 0.35,
        curveness: 0.08,
      },
      tooltip: { formatter: `${escapeHtml(v.names[v.edgeFrom[e] as number] as string)} → ${escapeHtml(v.names[v.edgeTo[e] as number] as string)} (${EDGE_NAMES[v.edgeKind[e] as number] ?? ''})<br/>loss so far ${usdFull(loss)}` },
    });
  }
  return {
    option: {
      ...common,
      series: [
        {
          type: 'graph',
          id: 'network',
          layout: 'none',
          roam: true,
          draggable: true,
          animation: false,
          data,
          links,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: [0, 6],
          label: { position: 'right', color: theme.text, fontSize: input.large ? 16 : 11, textBorderColor: theme.background, textBorderWidth: 2 },
          labelLayout: { hideOverlap: true },
          emphasis: { focus: 'adjacency', lineStyle: { width: 3 } },
          scaleLimit: { min: 0.2, max: 12 },
        },
      ],
    },
    mode,
    drawn,
    vertices: v,
  };
}

export const EDGE_NAMES = ['obligation', 'position', 'exposure', 'feed', 'quote', 'backing', 'event'] as const;

function vertexTooltip(id: string, kind: string, state: string, loss: number, run: NetworkRun | null, i: number, g: NetworkGraph): string {
  const d = run !== null && i < g.nNodes ? (run.defaultStep[i] as number) : -1;
  const lines = [`<b>${escapeHtml(id)}</b> · ${kind}`, `state: ${state}${d >= 0 ? ` (defaulted at step ${d})` : ''}`];
  if (i < g.ids.length) lines.push(`size at start: ${usdFull(g.sizeUsd[i] as number)}`);
  if (kind !== 'oracle') lines.push(`${kind === 'entity' || kind === 'venue' ? 'equity lost' : 'losses caused'} so far: ${usdFull(loss)}`);
  return lines.join('<br/>');
}

function groupSeries(g: NetworkGraph, v: Vertices, visible: Uint8Array, states: Uint8Array, losses: Float32Array, edgeLoss: Float64Array, maxLoss: number, theme: ChartTheme, large: boolean) {
  const agg = aggregate(g, v, visible, states, losses, edgeLoss);
  const maxSize = Math.max(1, ...agg.nodes.map((n) => (n.kind === 2 ? 0 : n.sizeUsd)));
  const index = new Int32Array(agg.nodes.length).fill(-1);
  const data = [];
  for (let k = 0; k < agg.nodes.length; k++) {
    const n = agg.nodes[k];
    if (n === undefined || n.members === 0) continue;
    index[k] = data.length;
    const label = n.members > 1 ? `${n.label} (${n.members})` : n.label;
    data.push({
      id: `group:${k}`,
      name: label,
      x: n.x,
      y: n.y,
      symbol: KIND_SYMBOLS[n.kind],
      symbolSize: n.members > 1 ? 10 + 30 * Math.sqrt(n.sizeUsd / maxSize) : symbolSize(n.sizeUsd, maxSize, n.kind, large),
      itemStyle: { color: STATE_COLORS[n.state], borderColor: theme.background, borderWidth: 1 },
      label: { show: true, formatter: label },
      tooltip: { formatter: `<b>${escapeHtml(label)}</b><br/>${n.defaulted} defaulted, ${n.stressed} stressed of ${n.members}<br/>equity lost so far ${usdFull(n.lossUsd)}` },
    });
  }
  const links = agg.edges
    .filter((e) => (index[e.from] as number) >= 0 && (index[e.to] as number) >= 0)
    .map((e) => ({
      source: index[e.from] as number,
      target: index[e.to] as number,
      value: e.lossUsd,
      lineStyle: { width: edgeWidth(e.lossUsd, maxLoss), color: e.lossUsd > 0 ? theme.danger : theme.axis, opacity: e.lossUsd > 0 ? 0.75 : 0.3, curveness: 0.1 },
      tooltip: { formatter: `${e.count} edges · loss so far ${usdFull(e.lossUsd)}` },
    }));
  return {
    type: 'graph' as const,
    id: 'network-groups',
    layout: 'none' as const,
    roam: true,
    animation: false,
    data,
    links,
    label: { position: 'right' as const, color: theme.text, fontSize: large ? 16 : 11, textBorderColor: theme.background, textBorderWidth: 2 },
    labelLayout: { hideOverlap: true },
  };
}

function largeSeries(v: Vertices, visible: Uint8Array, states: Uint8Array, edgeLoss: Float64Array, theme: ChartTheme): ChartOption {
  const byState: number[][] = STATE_NAMES.map(() => []);
  for (let i = 0; i < v.count; i++) {
    if (!visible[i]) continue;
    (byState[states[i] as number] as number[]).push(v.xy[2 * i] as number, v.xy[2 * i + 1] as number);
  }
  const quiet: number[] = [];
  const hit: number[] = [];
  for (let e = 0; e < v.edgeFrom.length; e++) {
    const a = v.edgeFrom[e] as number;
    const b = v.edgeTo[e] as number;
    if (!visible[a] || !visible[b]) continue;
    ((edgeLoss[e] as number) > 0 ? hit : quiet).push(v.xy[2 * a] as number, v.xy[2 * a + 1] as number, v.xy[2 * b] as number, v.xy[2 * b + 1] as number);
  }
  const axis = { show: false, scale: true, type: 'value' as const };
  const lines = (coords: number[]) => Array.from({ length: coords.length / 4 }, (_, k) => ({ coords: [coords.slice(4 * k, 4 * k + 2), coords.slice(4 * k + 2, 4 * k + 4)] }));
  return {
    grid: { left: 8, right: 8, top: 8, bottom: 24 },
    xAxis: axis,
    yAxis: { ...axis, inverse: true },
    series: [
      { type: 'lines', coordinateSystem: 'cartesian2d', large: true, silent: true, data: lines(quiet), lineStyle: { color: theme.axis, width: 0.5, opacity: 0.25 } },
      { type: 'lines', coordinateSystem: 'cartesian2d', large: true, silent: true, data: lines(hit), lineStyle: { color: theme.danger, width: 1, opacity: 0.6 } },
      ...byState.map((pts, s) => ({
        type: 'scatter' as const,
        name: STATE_NAMES[s],
        large: true,
        symbolSize: 4,
        itemStyle: { color: STATE_COLORS[s] },
        data: Array.from({ length: pts.length / 2 }, (_, k) => [pts[2 * k] as number, pts[2 * k + 1] as number]),
      })),
    ],
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
