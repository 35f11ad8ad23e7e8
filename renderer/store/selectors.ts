import type { NodeSummary, RunSummary } from '../../engine/results/summary-types';
import type { AppState } from './store';

export const selectPhase = (s: AppState) => s.phase;
export const selectLabel = (s: AppState) => s.label;
export const selectProgress = (s: AppState) => s.progress;
export const selectResult = (s: AppState) => s.result;
export const selectError = (s: AppState) => s.error;
export const selectWorkspace = (s: AppState) => s.workspace;

export interface DefaultedNode extends NodeSummary {
  id: string;
}

/** Defaulted nodes in the order they failed (then by id), for the contagion table. */
export function defaultedNodes(summary: RunSummary): DefaultedNode[] {
  return Object.entries(summary.nodes)
    .filter(([, node]) => node.defaulted)
    .map(([id, node]) => ({ id, ...node }))
    .sort((a, b) => (a.default_step ?? Infinity) - (b.default_step ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
