import type { StateCreator } from 'zustand';
import type { Events, RunResult } from '../../engine/protocol';
import type { RunCharts } from '../../engine/view/view-types';
import type { ScenarioDoc } from '../scenario/draft';

export type RunPhase = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export type RunProgress = Omit<Events['sim.progress'], 'runId'>;

/** A shock slider's variant of the scenario: one asset's price moved at step 0. */
export interface QuickShock {
  asset: string;
  change: number;
}

/** A finished run as the history lists it (the engine keeps the last eight). */
export interface RunEntry {
  runId: string;
  scenarioName: string;
  result: RunResult;
  quick: QuickShock | null;
  /** Wall-clock time the run finished (renderer clock; the engine has none). */
  finishedAt: number;
}

export interface RunSlice {
  phase: RunPhase;
  runId: string | null;
  /** The scenario being run or last run. */
  runScenario: string | null;
  progress: RunProgress | null;
  result: RunResult | null;
  charts: RunCharts | null;
  /** The draft that produced `result`, to tell when results no longer match the scenario. */
  resultDoc: ScenarioDoc | null;
  resultQuick: QuickShock | null;
  error: string | null;
  history: RunEntry[];
  runStarted(runId: string, scenarioId: string): void;
  progressed(progress: Events['sim.progress']): void;
  runFinished(result: RunResult, doc: ScenarioDoc, quick: QuickShock | null, at: number): void;
  chartsLoaded(charts: RunCharts): void;
  runFailed(message: string): void;
  runCancelled(): void;
  clearResults(): void;
}

const KEEP = 8;

export const createRunSlice: StateCreator<RunSlice, [], [], RunSlice> = (set) => ({
  phase: 'idle',
  runId: null,
  runScenario: null,
  progress: null,
  result: null,
  charts: null,
  resultDoc: null,
  resultQuick: null,
  error: null,
  history: [],
  runStarted: (runId, runScenario) => set({ phase: 'running', runId, runScenario, progress: null, error: null }),
  progressed: ({ runId, ...progress }) => set((s) => (s.runId === runId && s.phase === 'running' ? { progress } : s)),
  runFinished: (result, doc, quick, at) =>
    set((s) =>
      s.runId !== result.runId
        ? s
        : {
            phase: 'done',
            result,
            resultDoc: doc,
            resultQuick: quick,
            charts: null,
            error: null,
            history: [{ runId: result.runId, scenarioName: result.summary.scenario, result, quick, finishedAt: at }, ...s.history].slice(0, KEEP),
          },
    ),
  chartsLoaded: (charts) => set((s) => (s.result?.runId === charts.runId ? { charts } : s)),
  runFailed: (error) => set({ phase: 'failed', error }),
  runCancelled: () => set({ phase: 'cancelled', error: null }),
  clearResults: () => set({ phase: 'idle', result: null, charts: null, resultDoc: null, resultQuick: null, progress: null, error: null, history: [] }),
});
