import type { NodeSummary, RunSummary } from '../../engine/results/summary-types';
import { selectActiveEntry } from './scenario-slice';
import type { AppState } from './store';

export const selectView = (s: AppState) => s.view;
export const selectTheme = (s: AppState) => s.theme;
export const selectPhase = (s: AppState) => s.phase;
export const selectProgress = (s: AppState) => s.progress;
export const selectResult = (s: AppState) => s.result;
export const selectCharts = (s: AppState) => s.charts;
export const selectRunError = (s: AppState) => s.error;
export const selectHistory = (s: AppState) => s.history;
export const selectWorkspace = (s: AppState) => s.workspace;
export const selectWorkspaceStatus = (s: AppState) => s.workspaceStatus;
export const selectWorkspaceSource = (s: AppState) => s.workspaceSource;
export const selectWorkspaceError = (s: AppState) => s.workspaceError;
export const selectOverview = (s: AppState) => s.overview;
export const selectIds = (s: AppState) => s.overview?.ids ?? null;
export const selectScenarios = (s: AppState) => s.scenarios;
export const selectActiveId = (s: AppState) => s.activeScenario;
export const selectActive = (s: AppState) => selectActiveEntry(s);
export const selectActiveDoc = (s: AppState) => selectActiveEntry(s)?.doc ?? null;
export const selectProblems = (s: AppState) => s.problems;
export const selectCheckedDoc = (s: AppState) => s.checkedDoc;
export const selectImportDialog = (s: AppState) => s.importDialog;
export const selectSelectedNode = (s: AppState) => s.selectedNode;
export const selectPriceAsset = (s: AppState) => s.priceAsset;
export const selectLevels = (s: AppState) => s.levels;
export const selectShortcutsOpen = (s: AppState) => s.shortcutsOpen;
export const selectResultQuick = (s: AppState) => s.resultQuick;
export const selectBusy = (s: AppState) => s.phase === 'running' || s.workspaceStatus === 'loading' || s.importDialog?.stage === 'importing';
export const selectCanUndo = (s: AppState) => (selectActiveEntry(s)?.past.length ?? 0) > 0;
export const selectCanRedo = (s: AppState) => (selectActiveEntry(s)?.future.length ?? 0) > 0;
/** True when the shown results were produced by another draft than the active scenario's current one. */
export const selectResultStale = (s: AppState) => s.result !== null && (s.resultQuick !== null || s.resultDoc !== (selectActiveEntry(s)?.doc ?? null));

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

/** The node to show first in the results: the first to default, else the one that lost the most. */
export function focusNode(summary: RunSummary): string | null {
  const first = defaultedNodes(summary)[0];
  if (first) return first.id;
  let best: string | null = null;
  let worst = 0;
  for (const [id, n] of Object.entries(summary.nodes)) {
    const lost = n.equity_start_usd - n.equity_end_usd;
    if (lost > worst) {
      worst = lost;
      best = id;
    }
  }
  return best;
}
