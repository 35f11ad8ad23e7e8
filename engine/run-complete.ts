import type { EngineError } from './protocol';
import { rowCountsOf } from './results/row-counts';
import { summarize } from './results/summary';
import { runWithLosses } from './run-losses';
import { readString } from './serve-args';
import { enqueue, trimRuns, type RunRecord, type ServeContext } from './serve-context';
import { err, ok, type Result } from './util/result';

/** A kept run by id. */
export function keptRun(ctx: ServeContext, runId: unknown): Result<RunRecord, EngineError> {
  const rec = ctx.runs.get(readString(runId) ?? '');
  return rec ? ok(rec) : err({ kind: 'not-found', message: `No run ${String(runId)} is kept.` });
}

/**
 * A preview run (sim.run with `preview`) has no loss graph: this runs its plan again on the same
 * compiled workspace with it — the engine is deterministic, so every number stays — and fills in
 * the contagion paths. Call it only from a queued job: a run binds the workspace's indices.
 */
export async function completeQueued(ctx: ServeContext, rec: RunRecord): Promise<Result<RunRecord, EngineError>> {
  const { runId } = rec.result;
  if (!rec.result.preview) return ok(rec);
  if (ctx.cancelled.delete(runId)) return err({ kind: 'cancelled', message: `Completing run ${runId} was cancelled.` });
  const ran = await runWithLosses(ctx, rec.sim.cw, rec.sim.plan, runId, true);
  if (!ran.ok) return ran;
  const { sim, runMs, onHelper } = ran.value;
  // Warnings stay the preview's: a caller may have added its own (workspace overrides).
  const summary = { ...summarize(sim), warnings: rec.result.summary.warnings };
  rec.sim = sim;
  rec.tables = undefined;
  rec.result = { ...rec.result, summary, rowCounts: rowCountsOf(sim), runMs, preview: false, ...(onHelper ? { lossesOnHelper: true } : {}) };
  trimRuns(ctx);
  return ok(rec);
}

/** The kept run `runId` with its loss graph: a preview is completed first, in the queue (once, however many ask). */
export function fullRun(ctx: ServeContext, runId: unknown): Promise<Result<RunRecord, EngineError>> {
  const kept = keptRun(ctx, runId);
  if (!kept.ok || !kept.value.result.preview) return Promise.resolve(kept);
  const rec = kept.value;
  rec.completing ??= enqueue(ctx, () => completeQueued(ctx, rec)).finally(() => {
    rec.completing = undefined;
  });
  return rec.completing;
}

/** From inside a queued job: the kept run with its loss graph (a preview completed now). */
export async function fullRunQueued(ctx: ServeContext, runId: unknown): Promise<Result<RunRecord, EngineError>> {
  const kept = keptRun(ctx, runId);
  return kept.ok ? completeQueued(ctx, kept.value) : kept;
}
