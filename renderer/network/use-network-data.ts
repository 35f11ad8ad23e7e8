import { useEffect, useState } from 'react';
import type { ContagionPath, LossSankey, NetworkGraph, NetworkRun } from '../../engine/view/network-types';
import type { EngineClient } from '../engine-client';

// The network's data, asked of the engine once per workspace (graph + layout) and per run and
// stress share (states and flows); kept here so that the tab and presentation mode share them.
const graphs = new Map<string, Promise<NetworkGraph | string>>();
const runs = new Map<string, Promise<NetworkRun | string>>();
const KEEP = 4;

function remember<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (p === undefined) {
    p = load();
    cache.set(key, p);
    while (cache.size > KEEP) cache.delete(cache.keys().next().value as string);
  }
  return p;
}

/** A value that arrives later: `data` once loaded, `error` (plain words) when it failed. */
export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

function useLoaded<T>(key: string | null, load: () => Promise<T | string>): Loaded<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: string | null }>({ key: null, data: null, error: null });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    void load().then((x) => {
      if (!live) return;
      if (typeof x === 'string') setState({ key, data: null, error: x });
      else setState({ key, data: x, error: null });
    });
    return () => {
      live = false;
    };
  }, [key]);
  const current = state.key === key;
  return { data: current ? state.data : null, error: current ? state.error : null, loading: key !== null && !current };
}

/** The workspace's network and layout (null key: no workspace). */
export function useNetworkGraph(engine: EngineClient, workspaceHash: string | null): Loaded<NetworkGraph> {
  return useLoaded(workspaceHash, () =>
    remember(graphs, workspaceHash ?? '', async () => {
      const r = await engine.request('view.network', {});
      return r.ok ? r.value : r.error.message;
    }),
  );
}

/** A run's states and flows over the network at a stress share. */
export function useNetworkRun(engine: EngineClient, runId: string | null, stressShare: number): Loaded<NetworkRun> {
  const key = runId === null ? null : `${runId}|${stressShare}`;
  return useLoaded(key, () =>
    remember(runs, key ?? '', async () => {
      const r = await engine.request('view.networkRun', { runId: runId ?? '', stressShare });
      return r.ok ? r.value : r.error.message;
    }),
  );
}

/** The contagion path of the selected node as of a step. */
export function useContagionPath(engine: EngineClient, runId: string | null, node: string | null, step: number): Loaded<ContagionPath> {
  const key = runId === null || node === null ? null : `${runId}|${node}|${step}`;
  return useLoaded(key, async () => {
    const r = await engine.request('view.networkPath', { runId: runId ?? '', node: node ?? '', step });
    return r.ok ? r.value : r.error.message;
  });
}

/** Where the loss went up to a step. */
export function useLossSankey(engine: EngineClient, runId: string | null, step: number): Loaded<LossSankey> {
  const key = runId === null ? null : `${runId}|${step}`;
  return useLoaded(key, async () => {
    const r = await engine.request('view.lossSankey', { runId: runId ?? '', step });
    return r.ok ? r.value : r.error.message;
  });
}
