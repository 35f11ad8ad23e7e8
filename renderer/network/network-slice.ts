import type { StateCreator } from 'zustand';

/** Node kinds of the dependency network (engine/view/network-types.ts). */
export type NetworkKind = 'entity' | 'venue' | 'oracle' | 'asset';

export const NETWORK_KINDS: readonly NetworkKind[] = ['entity', 'venue', 'oracle', 'asset'];

export interface NetworkFilters {
  /** Kinds drawn. */
  kinds: NetworkKind[];
  /** Only this venue and the nodes it touches; null for all. */
  venue: string | null;
  /** Hide nodes whose loss up to the shown step is below this, USD (assets, oracles and events are never hidden by it). */
  minLossUsd: number;
  /** Id (or part of one) to find and focus. */
  search: string;
  /** Past this many nodes the graph is aggregated by venue and kind instead of drawn node by node. */
  aggregate: 'auto' | 'nodes' | 'groups';
}

/** Positions the user dragged nodes to, in layout coordinates, for one workspace (its hash). */
export interface PinnedPositions {
  workspace: string;
  nodes: Record<string, [number, number]>;
}

export interface NetworkSlice {
  networkFilters: NetworkFilters;
  /** A node is stressed at a step when its equity is down more than this share of its start (0–1). */
  stressShare: number;
  pins: PinnedPositions | null;
  setNetworkFilters(patch: Partial<NetworkFilters>): void;
  setStressShare(share: number): void;
  pinNode(workspace: string, id: string, x: number, y: number): void;
  unpinNode(id: string): void;
  setPins(pins: PinnedPositions | null): void;
}

export const DEFAULT_FILTERS: NetworkFilters = { kinds: [...NETWORK_KINDS], venue: null, minLossUsd: 0, search: '', aggregate: 'auto' };

export const createNetworkSlice: StateCreator<NetworkSlice, [], [], NetworkSlice> = (set) => ({
  networkFilters: DEFAULT_FILTERS,
  stressShare: 0.2,
  pins: null,
  setNetworkFilters: (patch) => set((s) => ({ networkFilters: { ...s.networkFilters, ...patch } })),
  setStressShare: (share) => set({ stressShare: Math.min(0.99, Math.max(0.01, share)) }),
  pinNode: (workspace, id, x, y) =>
    set((s) => ({ pins: { workspace, nodes: { ...(s.pins?.workspace === workspace ? s.pins.nodes : {}), [id]: [x, y] } } })),
  unpinNode: (id) =>
    set((s) => {
      if (s.pins === null || !(id in s.pins.nodes)) return s;
      const nodes = { ...s.pins.nodes };
      delete nodes[id];
      return { pins: { workspace: s.pins.workspace, nodes } };
    }),
  setPins: (pins) => set({ pins }),
});

/** Narrows saved view state to pins (a project file is untrusted input). */
export function narrowPins(v: unknown): PinnedPositions | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.workspace !== 'string' || typeof o.nodes !== 'object' || o.nodes === null) return null;
  const nodes: Record<string, [number, number]> = {};
  for (const [id, p] of Object.entries(o.nodes as Record<string, unknown>)) {
    if (Array.isArray(p) && p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1])) nodes[id] = [p[0] as number, p[1] as number];
  }
  return { workspace: o.workspace, nodes };
}
