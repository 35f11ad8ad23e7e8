import type { StateCreator } from 'zustand';
import type { CompareView } from '../../engine/view/compare-types';
import type { PriceScale } from '../charts/options/compare';
import type { RunEntry } from '../store/run-slice';

/** As many as the engine keeps (engine/serve-sim.ts KEEP_RUNS): older ones are gone there too. */
export const KEPT_RUNS = 8;

export interface CompareSlice {
  /**
   * Runs the engine may still hold, newest first — across workspace changes, unlike the run
   * history (each kept run holds its own workspace in the engine, so the same scenario on two
   * workspaces can be compared).
   */
  keptRuns: RunEntry[];
  /** Runs chosen to compare, the baseline first; null = the two newest. */
  compareIds: string[] | null;
  compareAsset: string | null;
  comparePriceScale: PriceScale;
  compareRunningTotal: boolean;
  compareView: CompareView | null;
  compareError: string | null;
  /** A scenario is being run for Compare ("Run and add"). */
  compareAdding: boolean;
  setCompareAdding(on: boolean): void;
  keepRuns(entries: readonly RunEntry[]): void;
  /** Runs the engine said it no longer keeps. */
  forgetRuns(runIds: readonly string[]): void;
  toggleCompare(runId: string): void;
  /** Moves a chosen run to the front: the one every delta is measured from. */
  setBaseline(runId: string): void;
  setCompareIds(ids: string[] | null): void;
  setCompareAsset(asset: string | null): void;
  setComparePriceScale(scale: PriceScale): void;
  setCompareRunningTotal(on: boolean): void;
  compareLoaded(view: CompareView | null, error: string | null): void;
}

/** The runs compared: the chosen ones still kept, or the two newest. */
export function comparedIds(s: Pick<CompareSlice, 'keptRuns' | 'compareIds'>): string[] {
  const kept = new Set(s.keptRuns.map((e) => e.runId));
  if (s.compareIds !== null) return s.compareIds.filter((id) => kept.has(id));
  return s.keptRuns
    .slice(0, 2)
    .reverse()
    .map((e) => e.runId);
}

/**
 * The runs the engine keeps before any other when it makes room (it keeps the last eight, and up
 * to 1 GB of results): those compared and the one on screen.
 */
export function runsToKeep(s: Pick<CompareSlice, 'keptRuns' | 'compareIds'> & { result: { runId: string } | null }): string[] {
  const shown = s.result?.runId;
  const compared = comparedIds(s);
  return shown === undefined || compared.includes(shown) ? compared : [...compared, shown];
}

export const createCompareSlice: StateCreator<CompareSlice, [], [], CompareSlice> = (set) => ({
  keptRuns: [],
  compareIds: null,
  compareAsset: null,
  comparePriceScale: 'usd',
  compareRunningTotal: false,
  compareView: null,
  compareError: null,
  compareAdding: false,
  setCompareAdding: (compareAdding) => set({ compareAdding }),
  keepRuns: (entries) =>
    set((s) => {
      const fresh = entries.filter((e) => !s.keptRuns.some((k) => k.runId === e.runId));
      if (fresh.length === 0) return s;
      // As the engine keeps them: the runs chosen to compare first, then the newest.
      const all = [...fresh, ...s.keptRuns].sort((a, b) => b.finishedAt - a.finishedAt);
      const chosen = new Set(s.compareIds ?? []);
      const kept = new Set([...all.filter((e) => chosen.has(e.runId)), ...all].slice(0, KEPT_RUNS).map((e) => e.runId));
      return { keptRuns: all.filter((e) => kept.has(e.runId)) };
    }),
  forgetRuns: (ids) =>
    set((s) => ({
      keptRuns: s.keptRuns.filter((e) => !ids.includes(e.runId)),
      compareIds: s.compareIds === null ? null : s.compareIds.filter((id) => !ids.includes(id)),
    })),
  toggleCompare: (runId) =>
    set((s) => {
      const now = comparedIds(s);
      return { compareIds: now.includes(runId) ? now.filter((id) => id !== runId) : [...now, runId] };
    }),
  setBaseline: (runId) =>
    set((s) => {
      const now = comparedIds(s);
      return now.includes(runId) ? { compareIds: [runId, ...now.filter((id) => id !== runId)] } : s;
    }),
  setCompareIds: (compareIds) => set({ compareIds }),
  setCompareAsset: (compareAsset) => set({ compareAsset }),
  setComparePriceScale: (comparePriceScale) => set({ comparePriceScale }),
  setCompareRunningTotal: (compareRunningTotal) => set({ compareRunningTotal }),
  compareLoaded: (compareView, compareError) => set({ compareView, compareError }),
});
