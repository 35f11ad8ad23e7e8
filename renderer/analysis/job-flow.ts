import type { AnalysisPool, Job } from '../engine-client';
import { engineErrorText } from '../error-text';
import type { AnalysisJobKind, AnalysisResults } from '../store/analysis-slice';
import type { AppContext } from '../workflows/context';
import { analysisPool, resetAnalysisPool } from './pool';

type Start<K extends AnalysisJobKind> = (pool: AnalysisPool, o: { jobId: string; onProgress: (p: { phase: string; done: number; total: number }) => void }) => Pick<Job<AnalysisResults[K]>, 'result' | 'cancel'>;

const live = new Map<AnalysisJobKind, { jobId: string; cancel(): void }>();
let counter = 0;

/**
 * Runs one analysis job of `kind` on the window's pool: the workers get the open workspace first
 * (once per workspace), then progress, the result or the error land in the store. A job of the same
 * kind still going is cancelled first. Resolves when the job has ended.
 */
export async function runAnalysisJob<K extends AnalysisJobKind>(ctx: AppContext, kind: K, spec: unknown, start: Start<K>): Promise<void> {
  const hash = ctx.store.getState().workspace?.hash;
  if (hash === undefined) return;
  cancelAnalysisJob(kind);
  const pool = analysisPool();
  const jobId = `ui-${kind}-${++counter}`;
  const store = () => ctx.store.getState();
  let job: Pick<Job<AnalysisResults[K]>, 'result' | 'cancel'> | null = null;
  let cancelled = false;
  live.set(kind, {
    jobId,
    cancel: () => {
      cancelled = true;
      job?.cancel();
    },
  });
  store().analysisJobStarted(kind, jobId, pool.size, ctx.now());
  try {
    const synced = await pool.ensureWorkspace(ctx.engine, hash);
    if (cancelled) return store().analysisJobCancelled(kind, jobId, ctx.now());
    if (!synced.ok) return store().analysisJobFailed(kind, jobId, synced.error, ctx.now());
    store().analysisJobRunning(kind, jobId);
    job = start(pool.pool, { jobId, onProgress: (p) => store().analysisJobProgress(kind, jobId, p.phase, p.done, p.total) });
    const r = await job.result;
    if (r.ok) return store().analysisJobDone(kind, jobId, r.value, spec, ctx.now());
    if (r.error.kind === 'cancelled' || cancelled) return store().analysisJobCancelled(kind, jobId, ctx.now());
    // A worker that died fails every request: start a fresh pool next time.
    if (r.error.kind === 'internal') resetAnalysisPool();
    store().analysisJobFailed(kind, jobId, engineErrorText(r.error), ctx.now());
  } finally {
    if (live.get(kind)?.jobId === jobId) live.delete(kind);
  }
}

/** Stops the job of `kind` (the store says `cancelled` once the workers have stopped). */
export function cancelAnalysisJob(kind: AnalysisJobKind): void {
  live.get(kind)?.cancel();
}
