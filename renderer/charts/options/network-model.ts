import type { ContagionPath, NetworkGraph, NetworkRun } from '../../../engine/view/network-types';
import type { NetworkFilters, NetworkKind } from '../../network/network-slice';

// Pure computations behind the network chart: which vertices and edges are drawn at a step,
// where they are, and the aggregated (by group) variant. Codes follow engine/view/network-types.ts.

export const KIND_NAMES = ['entity', 'venue', 'asset', 'oracle', 'event'] as const;
const K_EVENT = 4;
const S_HEALTHY = 0;

/** Every vertex of a run's view: the graph's, then the run's events. */
export interface Vertices {
  count: number;
  ids: string[];
  /** How each vertex reads: its id, or for an event what it did (`ETH −30% at step 0`, engine/view/network-events.ts). */
  names: string[];
  kind: Uint8Array;
  /** x, y interleaved (layout units; pins applied, events next to what they act on). */
  xy: Float32Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeKind: Uint8Array;
}

/** The graph's vertices and edges extended by the run's events and event edges, with pins applied. */
export function verticesOf(g: NetworkGraph, run: NetworkRun | null, pins: Record<string, [number, number]>): Vertices {
  const nV = g.ids.length;
  const nEv = run?.eventIds.length ?? 0;
  const count = nV + nEv;
  const xy = new Float32Array(2 * count);
  xy.set(g.xy);
  const ids = run === null ? g.ids : [...g.ids, ...run.eventIds];
  const kind = new Uint8Array(count);
  kind.set(g.kind);
  for (const [id, p] of Object.entries(pins)) {
    const v = g.ids.indexOf(id);
    if (v >= 0) {
      xy[2 * v] = p[0];
      xy[2 * v + 1] = p[1];
    }
  }
  let edgeFrom = g.edgeFrom;
  let edgeTo = g.edgeTo;
  let edgeKind = g.edgeKind;
  if (run !== null) {
    for (let e = 0; e < nEv; e++) {
      const v = nV + e;
      kind[v] = K_EVENT;
      const k = run.eventEdgeFrom.indexOf(v);
      const target = k >= 0 ? (run.eventEdgeTo[k] as number) : -1;
      // Beside what the event acts on, a step up and to the left, fanned out when several share a target.
      const angle = -2.2 + 0.6 * e;
      const tx = target >= 0 ? (xy[2 * target] as number) : 0;
      const ty = target >= 0 ? (xy[2 * target + 1] as number) : 0;
      xy[2 * v] = pins[run.eventIds[e] as string]?.[0] ?? tx + 45 * Math.cos(angle);
      xy[2 * v + 1] = pins[run.eventIds[e] as string]?.[1] ?? ty + 45 * Math.sin(angle);
    }
    const nE = g.edgeFrom.length;
    const m = run.eventEdgeFrom.length;
    edgeFrom = new Int32Array(nE + m);
    edgeFrom.set(g.edgeFrom);
    edgeFrom.set(run.eventEdgeFrom, nE);
    edgeTo = new Int32Array(nE + m);
    edgeTo.set(g.edgeTo);
    edgeTo.set(run.eventEdgeTo, nE);
    edgeKind = new Uint8Array(nE + m);
    edgeKind.set(g.edgeKind);
    edgeKind.fill(6, nE);
  }
  const names = run === null ? ids : [...g.ids, ...run.eventLabels];
  return { count, ids, names, kind, xy, edgeFrom, edgeTo, edgeKind };
}

/** Loss that flowed along each edge up to and including `step` (USD). */
export function edgeLossTo(run: NetworkRun, step: number, edges: number): Float64Array {
  const out = new Float64Array(edges);
  for (let k = 0; k < run.flowEdge.length; k++) {
    if ((run.flowStep[k] as number) > step) continue;
    const e = run.flowEdge[k] as number;
    out[e] = (out[e] as number) + (run.flowUsd[k] as number);
  }
  return out;
}

/** The state code of each vertex after `step` (all healthy without a run). */
export function statesAt(run: NetworkRun | null, step: number, count: number): Uint8Array {
  if (run === null) return new Uint8Array(count).fill(S_HEALTHY);
  const t = Math.max(0, Math.min(run.steps - 1, step));
  return run.state.subarray(t * run.vertices, t * run.vertices + count);
}

export function lossesAt(run: NetworkRun | null, step: number, count: number): Float32Array {
  if (run === null) return new Float32Array(count);
  const t = Math.max(0, Math.min(run.steps - 1, step));
  return run.loss.subarray(t * run.vertices, t * run.vertices + count);
}

/**
 * Which vertices pass the filters: their kind is on, they are the venue asked for or touch it,
 * and — nodes only — they lost at least `minLossUsd` so far. USD (not shown) never is; events
 * are when what they act on is.
 */
export function visibleVertices(g: NetworkGraph, v: Vertices, filters: NetworkFilters, losses: Float32Array): Uint8Array {
  const on = new Set<NetworkKind | 'event'>([...filters.kinds, 'event']);
  const out = new Uint8Array(v.count);
  const venue = filters.venue === null ? -1 : g.ids.indexOf(filters.venue);
  const near = new Uint8Array(v.count);
  if (venue >= 0) {
    near[venue] = 1;
    for (let e = 0; e < v.edgeFrom.length; e++) {
      const a = v.edgeFrom[e] as number;
      const b = v.edgeTo[e] as number;
      if (a === venue) near[b] = 1;
      if (b === venue) near[a] = 1;
    }
  }
  const nN = g.nNodes;
  for (let i = 0; i < v.count; i++) {
    if (i < g.ids.length && !g.shown[i]) continue;
    if (!on.has(KIND_NAMES[v.kind[i] as number] as NetworkKind)) continue;
    if (venue >= 0 && !near[i] && v.kind[i] !== K_EVENT) continue;
    if (i < nN && filters.minLossUsd > 0 && (losses[i] as number) < filters.minLossUsd) continue;
    out[i] = 1;
  }
  // An event whose first target is hidden is hidden too, so that no event floats alone.
  const seen = new Set<number>();
  for (let e = g.edgeFrom.length; e < v.edgeFrom.length; e++) {
    const a = v.edgeFrom[e] as number;
    if (seen.has(a)) continue;
    seen.add(a);
    if (!out[v.edgeTo[e] as number]) out[a] = 0;
  }
  return out;
}

/** Vertex and edge indices along a contagion path (edges joining consecutive vertices, either way). */
export function pathSets(path: ContagionPath | null, v: Vertices): { vertices: Set<number>; edges: Set<number> } {
  const vertices = new Set<number>();
  const edges = new Set<number>();
  if (path === null || path.vertices.length === 0) return { vertices, edges };
  const index = new Map(v.ids.map((id, i) => [id, i]));
  const chain = path.vertices.map((id) => index.get(id) ?? -1);
  for (const x of chain) if (x >= 0) vertices.add(x);
  const pairs = new Set<number>();
  for (let h = 1; h < chain.length; h++) {
    const a = chain[h - 1] as number;
    const b = chain[h] as number;
    pairs.add(a * v.count + b);
    pairs.add(b * v.count + a);
  }
  for (let e = 0; e < v.edgeFrom.length; e++) if (pairs.has((v.edgeFrom[e] as number) * v.count + (v.edgeTo[e] as number))) edges.add(e);
  return { vertices, edges };
}

/** A group of the aggregated view: its members' centre, worst state and summed figures. */
export interface GroupNode {
  label: string;
  members: number;
  defaulted: number;
  stressed: number;
  /** The worst state of a member (defaulted > stressed > healthy). */
  state: number;
  lossUsd: number;
  sizeUsd: number;
  kind: number;
  x: number;
  y: number;
}

/** Vertices summed by group (events alone), edges by group pair (loss summed, self-pairs dropped). */
export function aggregate(g: NetworkGraph, v: Vertices, visible: Uint8Array, states: Uint8Array, losses: Float32Array, edgeLoss: Float64Array): { nodes: GroupNode[]; edges: { from: number; to: number; lossUsd: number; count: number }[]; groupOf: Int32Array } {
  const G = g.groupLabels.length;
  const groupOf = new Int32Array(v.count).fill(-1);
  const nodes: GroupNode[] = g.groupLabels.map((label) => ({ label, members: 0, defaulted: 0, stressed: 0, state: 0, lossUsd: 0, sizeUsd: 0, kind: 0, x: 0, y: 0 }));
  for (let i = 0; i < v.count; i++) {
    if (!visible[i]) continue;
    let gi: number;
    if (i < g.ids.length) gi = g.group[i] as number;
    else {
      gi = nodes.length;
      nodes.push({ label: v.names[i] as string, members: 0, defaulted: 0, stressed: 0, state: 0, lossUsd: 0, sizeUsd: 0, kind: K_EVENT, x: 0, y: 0 });
    }
    groupOf[i] = gi;
    const n = nodes[gi] as GroupNode;
    const s = states[i] as number;
    n.members += 1;
    n.kind = v.kind[i] as number;
    if (s === 2) n.defaulted += 1;
    if (s === 1) n.stressed += 1;
    n.state = i >= g.ids.length ? s : n.defaulted > 0 ? 2 : n.stressed > 0 ? 1 : 0;
    n.lossUsd += losses[i] as number;
    n.sizeUsd += i < g.ids.length ? (g.sizeUsd[i] as number) : 0;
    n.x += v.xy[2 * i] as number;
    n.y += v.xy[2 * i + 1] as number;
  }
  for (const n of nodes) {
    if (n.members === 0) continue;
    n.x /= n.members;
    n.y /= n.members;
  }
  const byPair = new Map<number, { from: number; to: number; lossUsd: number; count: number }>();
  const span = Math.max(G, nodes.length);
  for (let e = 0; e < v.edgeFrom.length; e++) {
    const a = groupOf[v.edgeFrom[e] as number] as number;
    const b = groupOf[v.edgeTo[e] as number] as number;
    if (a < 0 || b < 0 || a === b) continue;
    const key = a * span + b;
    const x = byPair.get(key) ?? { from: a, to: b, lossUsd: 0, count: 0 };
    x.lossUsd += edgeLoss[e] ?? 0;
    x.count += 1;
    byPair.set(key, x);
  }
  return { nodes, edges: [...byPair.values()], groupOf };
}
