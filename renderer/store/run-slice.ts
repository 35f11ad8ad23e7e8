import type { StateCreator } from 'zustand';
import type { Events, RunResult } from '../../engine/protocol';
import type { RunCharts } from '../../engine/view/view-types';
import type { ScenarioDoc } from '../scenario/draft';
import type { TimelineSlice } from './timeline-slice';

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
  /** How many nodes defaulted (counted once: the history re-renders with every run). */
  defaults: number;
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
  /** A run's answer, with its charts when they came with it (one render, no chart cleared first). */
  runFinished(result: RunResult, doc: ScenarioDoc, quick: QuickShock | null, at: number, charts?: RunCharts | null): void;
  /** A run made for Compare: in the history (so in the runs to compare), the run on screen left as it is. */
  runAdded(result: RunResult, at: number): void;
  chartsLoaded(charts: RunCharts): void;
  /** A preview run completed (sim.complete): the same numbers, now with contagion paths. */
  runCompleted(result: RunResult): void;
  runFailed(message: string): void;
  runCancelled(): void;
  clearResults(): void;
  /** A run the engine let go: out of the history. */
  forgetRun(runId: string): void;
}

const KEEP = 8;

function defaultCount(result: RunResult): number {
  let n = 0;
  for (const id in result.summary.nodes) if (result.summary.nodes[id]?.defaulted) n++;
  return n;
}

// Clearing results also puts the timeline back on the outcome: a step kept from another run would show its KPIs part-way.
export const createRunSlice: StateCreator<RunSlice & TimelineSlice, [], [], RunSlice> = (set) => ({
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
  runFinished: (result, doc, quick, at, charts = null) =>
    set((s) =>
      s.runId !== result.runId
        ? s
        : {
            phase: 'done',
            result,
            resultDoc: doc,
            resultQuick: quick,
            charts: charts !== null && charts.runId === result.runId ? charts : null,
            error: null,
            history: [{ runId: result.runId, scenarioName: result.summary.scenario, result, quick, defaults: defaultCount(result), finishedAt: at }, ...s.history].slice(0, KEEP),
          },
    ),
  runAdded: (result, at) => set((s) => ({ history: [{ runId: result.runId, scenarioName: result.summary.scenario, result, quick: null, defaults: defaultCount(result), finishedAt: at }, ...s.history].slice(0, KEEP) })),
  chartsLoaded: (charts) => set((s) => (s.result?.runId === charts.runId ? { charts } : s)),
  runCompleted: (result) =>
    set((s) => ({
      ...(s.result?.runId === result.runId ? { result } : {}),
      history: s.history.map((e) => (e.runId === result.runId ? { ...e, result } : e)),
    })),
  runFailed: (error) => set({ phase: 'failed', error }),
  runCancelled: () => set({ phase: 'cancelled', error: null }),
  forgetRun: (runId) => set((s) => ({ history: s.history.filter((e) => e.runId !== runId) })),
  clearResults: () => set({ phase: 'idle', result: null, charts: null, resultDoc: null, resultQuick: null, progress: null, error: null, history: [], step: null, playing: false }),
});
