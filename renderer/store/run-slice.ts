import type { StateCreator } from 'zustand';
import type { Events, RunResult, WorkspaceInfo } from '../../engine/protocol';

export type RunPhase = 'idle' | 'loading' | 'importing' | 'running' | 'done' | 'failed';

export type RunProgress = Omit<Events['sim.progress'], 'runId'>;

export interface RunSlice {
  phase: RunPhase;
  /** What is being run, for the title: the scenario name or file. */
  label: string | null;
  runId: string | null;
  progress: RunProgress | null;
  workspace: WorkspaceInfo | null;
  result: RunResult | null;
  /** A readable message; never a stack trace. */
  error: string | null;
  started(phase: 'loading' | 'importing' | 'running', label?: string): void;
  imported(workspace: WorkspaceInfo): void;
  running(runId: string): void;
  progressed(progress: Events['sim.progress']): void;
  finished(result: RunResult): void;
  failed(message: string): void;
}

export const createRunSlice: StateCreator<RunSlice, [], [], RunSlice> = (set) => ({
  phase: 'idle',
  label: null,
  runId: null,
  progress: null,
  workspace: null,
  result: null,
  error: null,
  started: (phase, label) =>
    set((s) => ({ phase, label: label ?? s.label, error: null, ...(phase === 'loading' ? { result: null, progress: null, workspace: null } : {}) })),
  imported: (workspace) => set({ workspace }),
  running: (runId) => set({ phase: 'running', runId, progress: null, result: null }),
  progressed: ({ runId, ...progress }) => set((s) => (s.runId === runId && s.phase === 'running' ? { progress } : s)),
  finished: (result) => set({ phase: 'done', result, error: null }),
  failed: (message) => set({ phase: 'failed', error: message }),
});
