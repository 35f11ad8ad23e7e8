import type { EngineError } from './protocol';
import type { ServeContext } from './serve-context';
import type { Simulation } from './sim/simulation';
import { err, ok, type Result } from './util/result';

/** Steps run back to back before the worker looks at its messages (a cancel, a page request). */
export const SLICE_MS = 25;
/** Slices of a completion (engine/run-complete.ts): background work that the next run cancels at once. */
export const BACKGROUND_SLICE_MS = 4;
/** At most this often a sim.progress event. */
export const PROGRESS_MS = 100;

/**
 * Runs a simulation to its end in slices, with sim.progress events and a cancel checked between
 * slices (`runId` in ctx.cancelled). The simulation time alone (ms), or `cancelled`. In the
 * background (a run the user already has the numbers of, being completed): no events, and
 * shorter slices.
 */
export async function runSliced(ctx: ServeContext, sim: Simulation, runId: string, steps: number, background = false): Promise<Result<number, EngineError>> {
  const sliceMs = background ? BACKGROUND_SLICE_MS : SLICE_MS;
  const { host } = ctx;
  let runMs = 0;
  let shown = -Infinity;
  while (!sim.done) {
    const t0 = host.now();
    let report = sim.step();
    while (!sim.done && host.now() - t0 < sliceMs) report = sim.step();
    const t1 = host.now();
    runMs += t1 - t0;
    if (!background && (t1 - shown >= PROGRESS_MS || sim.done)) {
      shown = t1;
      ctx.emit('sim.progress', { runId, step: report.t, steps, liquidations: sim.totalLiquidations, defaults: sim.defaultedNodes.length });
    }
    if (!sim.done) {
      await host.yieldToEvents();
      if (ctx.cancelled.delete(runId)) return err({ kind: 'cancelled', message: `Run ${runId} was cancelled at step ${report.t}.` });
    }
  }
  return ok(runMs);
}
