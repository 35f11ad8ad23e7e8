import type { NodeSummary, RunSummary } from '../../engine/results/summary-types';
import { docToJson, type ScenarioDoc } from '../scenario/draft';
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
/**
 * True when the shown results were produced by another draft than the active scenario's current
 * one: a slider variant, or a scenario whose run-relevant content (steps, events, options)
 * differs. Compared by content, not identity: an opened project rebuilds both documents apart, and
 * a renamed scenario or an edited note changes no number.
 */
export const selectResultStale = (s: AppState) => {
  if (s.result === null) return false;
  if (s.resultQuick !== null) return true;
  const active = selectActiveEntry(s)?.doc ?? null;
  if (s.resultDoc === active) return false;
  return s.resultDoc === null || active === null || runKey(s.resultDoc) !== runKey(active);
};

const runKeys = new WeakMap<ScenarioDoc, string>();

/** What a run of the document depends on, as canonical JSON (keys sorted), cached per document (drafts are immutable). */
export function runKey(doc: ScenarioDoc): string {
  let key = runKeys.get(doc);
  if (key === undefined) {
    key = runKeyOfJson(docToJson(doc));
    runKeys.set(doc, key);
  }
  return key;
}

/** The same for a scenario as JSON (a file's, or the engine's validated form). */
export function runKeyOfJson(json: unknown): string {
  const o = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  return canonicalJson({ steps: o.steps, events: o.events, options: o.options });
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export interface DefaultedNode extends NodeSummary {
  id: string;
}

/** Defaulted nodes in the order they failed (then by id), for the contagion table. */
export function defaultedNodes(summary: RunSummary): readonly DefaultedNode[] {
  // Once per summary: several views ask on every render, and a large run has tens of thousands of nodes.
  let list = defaultedOf.get(summary);
  if (list === undefined) {
    list = Object.entries(summary.nodes)
      .filter(([, node]) => node.defaulted)
      .map(([id, node]) => ({ id, ...node }))
      .sort((a, b) => (a.default_step ?? Infinity) - (b.default_step ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    defaultedOf.set(summary, list);
  }
  return list;
}

const defaultedOf = new WeakMap<RunSummary, readonly DefaultedNode[]>();

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
