import type { LossThreads } from './losses/loss-thread';
import type { EngineError } from './protocol';
import { nextResultRoom } from './results/result-room';
import { runSliced } from './run-sliced';
import type { ServeContext } from './serve-context';
import type { CompiledWorkspace } from './sim/compiled';
import type { Plan } from './sim/plan';
import { Simulation } from './sim/simulation';
import { ok, type Result } from './util/result';

/**
 * A run with its loss graph. Where the host has a loss-graph thread, the graph is built there
 * from each step's journal while this thread runs the next steps; should that thread fail, the
 * run is made again with the graph built here (the engine is deterministic: the same numbers
 * either way). Its time counts from making the simulation (starting point, state) until the
 * graph is in hand; the waits between slices are not counted.
 */
export async function runWithLosses(
  ctx: ServeContext,
  cw: CompiledWorkspace,
  plan: Plan,
  runId: string,
  background = false,
): Promise<Result<{ sim: Simulation; runMs: number; onHelper: boolean }, EngineError>> {
  const threads = ctx.host.lossThreads;
  // A helper that got ready while this thread was busy (an import) has said so in a message not
  // read yet, and a run begun before reading it built its graph here: measured, the first run after
  // an import right after the warm-up 265 ms against 172 on the helper, 1 time in 2 (bench process).
  if (threads) await ctx.host.yieldToEvents();
  const made = ctx.host.now();
  const sim = new Simulation(cw, plan, { losses: true, ...(threads ? { journals: (lm) => threads.begin(lm) } : {}) });
  const setUp = ctx.host.now() - made;
  const ran = await runSliced(ctx, sim, runId, plan.steps, background);
  if (!ran.ok) {
    if (!sim.builtHere) threads?.drop();
    return ran;
  }
  if (sim.builtHere || !threads) return ok({ sim, runMs: setUp + ran.value, onHelper: false });
  const t0 = ctx.host.now();
  const graph = await threads.finish();
  const waited = ctx.host.now() - t0;
  if (graph) {
    sim.loss = graph;
    const runMs = setUp + ran.value + waited;
    // The next run's result room, paged in by the helper while this thread answers this one.
    const size = sim.nextRoomSize();
    const next = nextResultRoom(cw, size.liquidationRows, size.nodeRows);
    if (next?.made) threads.pageRoom(next.room.buffer);
    return ok({ sim, runMs, onHelper: true });
  }
  const remade = ctx.host.now();
  const again = new Simulation(cw, plan);
  const setUpAgain = ctx.host.now() - remade;
  const rerun = await runSliced(ctx, again, runId, plan.steps, background);
  return rerun.ok ? ok({ sim: again, runMs: setUp + ran.value + waited + setUpAgain + rerun.value, onHelper: false }) : rerun;
}

/**
 * runWithLosses without slices, events or cancel (the CLI, the bench): the steps back to back,
 * then the graph from the helper, or the run made again here should the helper fail.
 */
export async function runToEndWithLosses(cw: CompiledWorkspace, plan: Plan, threads: LossThreads | null): Promise<{ sim: Simulation; onHelper: boolean }> {
  const sim = new Simulation(cw, plan, { losses: true, ...(threads ? { journals: (lm) => threads.begin(lm) } : {}) }).runToEnd();
  if (sim.builtHere || !threads) return { sim, onHelper: false };
  const graph = await threads.finish();
  if (graph) {
    sim.loss = graph;
    return { sim, onHelper: true };
  }
  return { sim: new Simulation(cw, plan).runToEnd(), onHelper: false };
}
