import { useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../app-context';
import { maxEdgeLoss, networkOption } from '../charts/options/network';
import { CHART_THEMES } from '../charts/palette';
import { useAppStore, type AppState } from '../store/store';
import { shownStep } from '../store/timeline-slice';
import { NetworkLegend } from './NetworkLegend';
import { NetworkToolbar } from './NetworkToolbar';
import { NodePanel } from './NodePanel';
import { useContagionPath, useNetworkGraph, useNetworkRun } from './use-network-data';
import { useNetworkChart } from './use-network-chart';
import './network.css';

/**
 * Props of the contagion network view.
 * - `variant`: `'full'` (the Network tab: filters, search, legend, the path list and the node side
 *   panel) or `'present'` (presentation mode: the graph, its legend and the selected node's path
 *   only, large type, no filter bar). Default `'full'`.
 * - `readOnly`: no dragging/pinning of nodes (viewer mode). Default false.
 * - `className`: added to the root element (which fills its parent: give the parent a height).
 * The run, the step (timeline slice), the selected node (ui slice `selectedNode`), filters and pins
 * come from the app store; the view asks the engine for the network, its layout and per-step states.
 */
export interface NetworkViewProps {
  variant?: 'full' | 'present';
  readOnly?: boolean;
  className?: string;
}

const pick = (s: AppState) => ({
  hash: s.workspace?.hash ?? null,
  result: s.result,
  step: s.step,
  theme: s.theme,
  filters: s.networkFilters,
  stressShare: s.stressShare,
  pins: s.pins,
  selected: s.selectedNode,
});

/** The contagion network at the timeline's step: shape by kind, colour by state, edge width by the loss that flowed. */
export function NetworkView({ variant = 'full', readOnly = false, className }: NetworkViewProps) {
  const { engine } = useApp();
  const p = useAppStore(useShallow(pick));
  const theme = CHART_THEMES[p.theme];
  const graph = useNetworkGraph(engine, p.hash);
  const g = graph.data;
  const runMatches = p.result !== null && p.result.stamp.workspace_hash === p.hash;
  const runId = runMatches && p.result !== null ? p.result.runId : null;
  const run = useNetworkRun(engine, runId, p.stressShare);
  const stepsRun = p.result?.summary.steps_run ?? 1;
  const step = shownStep(p.step, stepsRun);
  const path = useContagionPath(engine, runId, p.selected, step);
  const pins = useMemo(() => (g !== null && p.pins?.workspace === g.workspaceHash ? p.pins.nodes : {}), [g, p.pins]);
  const asOf = p.result === null ? '' : `${p.result.summary.scenario} · step ${step} of ${stepsRun - 1} · ${p.result.runId}`;

  const built = useMemo(() => {
    if (g === null) return null;
    const r = run.data;
    return networkOption({ graph: g, run: r, step, theme, filters: p.filters, pins, selected: p.selected, path: path.data, asOf, large: variant === 'present' });
  }, [g, run.data, step, theme, p.filters, pins, p.selected, path.data, asOf, variant]);
  const maxEdge = useMemo(() => (g === null || run.data === null ? 0 : maxEdgeLoss(run.data, g.edgeFrom.length + run.data.eventEdgeFrom.length)), [g, run.data]);

  const summary = useMemo(() => {
    if (g === null || run.data === null) return '';
    const r = run.data;
    const t = Math.min(step, r.steps - 1);
    const defaulted: string[] = [];
    let stressed = 0;
    for (let i = 0; i < g.nNodes; i++) {
      const st = r.state[t * r.vertices + i];
      if (st === 2) defaulted.push(g.ids[i] as string);
      else if (st === 1) stressed += 1;
    }
    return `At step ${t}: ${defaulted.length} defaulted${defaulted.length > 0 ? ` (${defaulted.slice(0, 20).join(', ')})` : ''}, ${stressed} stressed of ${g.nNodes} nodes.`;
  }, [g, run.data, step]);

  const onNode = useCallback((id: string) => {
    if (id.startsWith('group:')) return;
    const s = useAppStore.getState();
    s.selectNode(s.selectedNode === id ? null : id);
  }, []);
  const onDrop = useCallback(
    (id: string, x: number, y: number) => {
      if (readOnly || g === null || id.startsWith('group:')) return;
      useAppStore.getState().pinNode(g.workspaceHash, id, x, y);
    },
    [readOnly, g],
  );
  const chart = useNetworkChart(built?.option ?? null, `${built?.mode ?? ''}|${g?.workspaceHash ?? ''}`, {
    onNode,
    onDrop,
    onNodeDouble: (id) => !readOnly && useAppStore.getState().unpinNode(id),
    onBlank: () => useAppStore.getState().selectNode(null),
  });

  const onFind = (id: string): boolean => {
    if (g === null || !g.ids.includes(id)) return false;
    useAppStore.getState().selectNode(id);
    return true;
  };

  const status = g === null ? (graph.error ?? (p.hash === null ? 'Open a workspace to see its network.' : 'Laying out the network…')) : null;
  const note =
    built === null
      ? null
      : built.mode === 'groups'
        ? `${built.drawn.toLocaleString('en-US')} vertices, drawn by venue and kind`
        : built.mode === 'large'
          ? `${built.drawn.toLocaleString('en-US')} vertices, drawn as points (no labels; filter to fewer than 5,000 to click)`
          : `${built.drawn.toLocaleString('en-US')} vertices`;
  return (
    <div className={`network network-${variant}${className ? ` ${className}` : ''}`} data-testid="network-view" data-step={step} data-run={runId ?? ''}>
      <p className="sr-only" aria-live="polite" data-testid="network-summary">
        {summary}
      </p>
      {variant === 'full' && g !== null ? <NetworkToolbar graph={g} onFind={onFind} /> : null}
      <div className="network-body">
        <div className="network-canvas">
          <div ref={chart.ref} className="network-chart" role="img" aria-label={`Contagion network at step ${step}`} data-testid="network-chart" />
          {status !== null ? <p className="chart-placeholder">{status}</p> : null}
          {g !== null && runId === null ? <p className="network-hint muted">The network of the workspace. Run a scenario to see how a shock travels through it.</p> : null}
          {run.error !== null ? <p className="network-hint muted">{run.error}</p> : null}
          <div className="network-overlay">
            <NetworkLegend stressShare={run.data?.stressShare ?? p.stressShare} step={step} maxEdgeUsd={maxEdge} />
            {note !== null ? <p className="network-count muted">{note}{Object.keys(pins).length > 0 ? ` · ${Object.keys(pins).length} pinned (double-click to unpin)` : ''}</p> : null}
          </div>
        </div>
        {p.selected !== null && runId !== null && (variant === 'full' || path.data !== null) ? (
          variant === 'full' ? (
            <NodePanel
              runId={runId}
              node={p.selected}
              path={path.data}
              pathError={path.error}
              theme={theme}
              asOf={asOf}
              pinned={p.selected in pins}
              onUnpin={() => useAppStore.getState().unpinNode(p.selected ?? '')}
              onClose={() => useAppStore.getState().selectNode(null)}
            />
          ) : (
            <PresentPath hops={path.data?.hops ?? []} names={path.data === null ? [] : path.data.vertices.map((id, i) => [id, path.data?.labels[i] ?? id])} node={p.selected} />
          )
        ) : null}
      </div>
    </div>
  );
}

function PresentPath({ hops, names, node }: { hops: { from: string; to: string; amountUsd: number }[]; names: [string, string][]; node: string }) {
  const fmt = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  const label = new Map(names);
  const read = (id: string) => label.get(id) ?? id;
  return (
    <aside className="present-path" aria-label={`How the loss reached ${node}`}>
      <ol>
        {hops.map((h, i) => (
          <li key={i}>
            {read(h.from)} → <b>{read(h.to)}</b> <span>{fmt.format(h.amountUsd)} USD</span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
