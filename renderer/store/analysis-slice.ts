import type { StateCreator } from 'zustand';
import type { AnalysisStamp, DebtRankResult, DistanceResult, ImpactResult, MonteCarloResult, ReverseResult, SweepResult } from '../../engine/analysis/analysis-types';
import type { ScalarKpi } from '../../engine/analysis/run-kpis';

export type AnalysisPanel = 'sweep' | 'reverse' | 'montecarlo' | 'systemic';

/** DebtRank as the UI keeps it: with the stamp the coordinator gives the other analyses. */
export type StampedDebtRank = DebtRankResult & { stamp: AnalysisStamp };

export interface AnalysisResults {
  sweep: SweepResult;
  reverse: ReverseResult;
  distance: DistanceResult;
  montecarlo: MonteCarloResult;
  debtrank: StampedDebtRank;
  impact: ImpactResult;
}

export type AnalysisJobKind = keyof AnalysisResults;

export type JobStatus = 'idle' | 'preparing' | 'running' | 'done' | 'failed' | 'cancelled';

export interface AnalysisJob<K extends AnalysisJobKind = AnalysisJobKind> {
  status: JobStatus;
  jobId: string | null;
  phase: string;
  done: number;
  total: number;
  /** The last finished result (kept while a new job runs, and after a failed or cancelled one). */
  result: AnalysisResults[K] | null;
  /** The spec the result was computed from (to open its runs again). */
  spec: unknown;
  error: string | null;
  workers: number;
  /** Wall-clock ms the last job took (renderer clock). */
  ms: number | null;
  startedAt: number;
}

/** Values as typed: numbers stay text until the engine checks them. */
export interface SweepAxisForm {
  param: string;
  from: string;
  to: string;
  points: string;
}

export interface SweepForm {
  axes: SweepAxisForm[];
  kpi: ScalarKpi;
}

export type ReverseShockKind = 'asset' | 'assets' | 'external_loss';
export type ReverseTargetKind = 'node_default' | 'venue_bad_debt' | 'total_loss' | 'total_bad_debt' | 'total_liquidated';

export interface ReverseForm {
  /** quiet: no other event (today's market); active: on top of the active scenario. */
  base: 'quiet' | 'active';
  shockKind: ReverseShockKind;
  asset: string;
  assets: string[];
  node: string;
  at: string;
  targetKind: ReverseTargetKind;
  targetNode: string;
  targetVenue: string;
  above: string;
  min: string;
  max: string;
  tolerance: string;
  samples: string;
}

export type McMetric = 'total_bad_debt_usd' | 'total_loss_usd' | 'total_liquidated_usd';

export interface McForm {
  base: 'quiet' | 'active';
  assets: string[];
  /** Volatility of each asset's log return over the horizon. */
  vols: Record<string, string>;
  /** Correlations keyed "a|b" with a before b in `assets` order. */
  corr: Record<string, string>;
  /** Degrees of freedom; empty for normal shocks. */
  nu: string;
  jumps: boolean;
  jumpProbability: string;
  jumpMean: string;
  jumpVol: string;
  jumpScope: 'market' | 'asset';
  draws: string;
  seed: string;
  at: string;
  metric: McMetric;
}

export interface SystemicForm {
  /** scenario: the step-0 external losses of a scenario of the project; custom: one node loses a fraction of its external assets. */
  source: 'scenario' | 'custom';
  scenarioId: string;
  node: string;
  fraction: string;
}

export interface AnalysisForms {
  sweep: SweepForm;
  reverse: ReverseForm;
  montecarlo: McForm;
  systemic: SystemicForm;
}

export interface AnalysisSlice {
  analysisPanel: AnalysisPanel;
  analysisJobs: { [K in AnalysisJobKind]: AnalysisJob<K> };
  /** The forms, filled with defaults for the workspace `formsFor` (null until the tab is first opened). */
  analysisForms: AnalysisForms | null;
  formsFor: string | null;
  setAnalysisPanel(panel: AnalysisPanel): void;
  setAnalysisForms(forms: AnalysisForms, workspaceHash: string): void;
  patchAnalysisForm<P extends keyof AnalysisForms>(panel: P, patch: Partial<AnalysisForms[P]>): void;
  analysisJobStarted(kind: AnalysisJobKind, jobId: string, workers: number, at: number): void;
  analysisJobRunning(kind: AnalysisJobKind, jobId: string): void;
  analysisJobProgress(kind: AnalysisJobKind, jobId: string, phase: string, done: number, total: number): void;
  analysisJobDone<K extends AnalysisJobKind>(kind: K, jobId: string, result: AnalysisResults[K], spec: unknown, at: number): void;
  analysisJobFailed(kind: AnalysisJobKind, jobId: string, message: string, at: number): void;
  analysisJobCancelled(kind: AnalysisJobKind, jobId: string, at: number): void;
}

const idle = (): AnalysisJob => ({ status: 'idle', jobId: null, phase: '', done: 0, total: 0, result: null, spec: null, error: null, workers: 0, ms: null, startedAt: 0 });

const initialJobs = (): AnalysisSlice['analysisJobs'] => ({
  sweep: idle() as AnalysisJob<'sweep'>,
  reverse: idle() as AnalysisJob<'reverse'>,
  distance: idle() as AnalysisJob<'distance'>,
  montecarlo: idle() as AnalysisJob<'montecarlo'>,
  debtrank: idle() as AnalysisJob<'debtrank'>,
  impact: idle() as AnalysisJob<'impact'>,
});

type Set = Parameters<StateCreator<AnalysisSlice>>[0];

/** Updates job `kind` when `jobId` is still its job (a late answer of a replaced job changes nothing). */
function patchJob(set: Set, kind: AnalysisJobKind, jobId: string, patch: (j: AnalysisJob) => Partial<AnalysisJob>): void {
  set((s) => {
    const j = s.analysisJobs[kind];
    if (j.jobId !== jobId) return s;
    return { analysisJobs: { ...s.analysisJobs, [kind]: { ...j, ...patch(j) } } };
  });
}

export const createAnalysisSlice: StateCreator<AnalysisSlice, [], [], AnalysisSlice> = (set) => ({
  analysisPanel: 'sweep',
  analysisJobs: initialJobs(),
  analysisForms: null,
  formsFor: null,
  setAnalysisPanel: (analysisPanel) => set({ analysisPanel }),
  setAnalysisForms: (analysisForms, formsFor) => set({ analysisForms, formsFor }),
  patchAnalysisForm: (panel, patch) => set((s) => (s.analysisForms === null ? s : { analysisForms: { ...s.analysisForms, [panel]: { ...s.analysisForms[panel], ...patch } } })),
  analysisJobStarted: (kind, jobId, workers, at) =>
    set((s) => ({ analysisJobs: { ...s.analysisJobs, [kind]: { ...s.analysisJobs[kind], status: 'preparing', jobId, phase: 'preparing the workers', done: 0, total: 0, error: null, workers, startedAt: at } } })),
  analysisJobRunning: (kind, jobId) => patchJob(set, kind, jobId, () => ({ status: 'running' })),
  analysisJobProgress: (kind, jobId, phase, done, total) => patchJob(set, kind, jobId, (j) => (j.status === 'running' || j.status === 'preparing' ? { status: 'running', phase, done, total } : {})),
  analysisJobDone: (kind, jobId, result, spec, at) => patchJob(set, kind, jobId, (j) => ({ status: 'done', result, spec, error: null, ms: at - j.startedAt })),
  analysisJobFailed: (kind, jobId, error, at) => patchJob(set, kind, jobId, (j) => ({ status: 'failed', error, ms: at - j.startedAt })),
  analysisJobCancelled: (kind, jobId, at) => patchJob(set, kind, jobId, (j) => ({ status: 'cancelled', error: null, ms: at - j.startedAt })),
});
