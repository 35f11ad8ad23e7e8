import type { RunResult, SimRequests } from './protocol';
import { RESULT_TABLES, type ResultTableName } from './protocol';
import { fullRun, keptRun } from './run-complete';
import { runWithLosses } from './run-losses';
import { runSliced } from './run-sliced';
import { readInt, readString, readStrings } from './serve-args';
import { enqueue, ipcPage, keepRunRecord, page, type Handlers, type Reply, type ServeContext } from './serve-context';
import { exportRequest, reportRequest } from './results/export-requests';
import { rowCountsOf } from './results/row-counts';
import { summarize } from './results/summary';
import { resultTables } from './results/tables';
import { validateScenario } from './scenario/validate';
import { compilePlan } from './sim/plan';
import { Simulation } from './sim/simulation';
import { canonicalJson, sha256Hex } from './util/hash';
import { err, ok } from './util/result';
import { ENGINE_VERSION } from './version';

/** scenario.*, sim.* and results.*: runs go one at a time, step in slices, and can be cancelled. */
export function simHandlers(ctx: ServeContext): Handlers<keyof SimRequests> {
  return {
    'scenario.validate': async (args) => {
      if (!ctx.workspace) return err({ kind: 'no-workspace', message: 'Import a workspace first: a scenario is checked against its ids.' });
      const v = validateScenario(args.scenario, ctx.workspace.ids);
      return v.ok ? ok(v.value) : err({ kind: 'invalid-scenario', message: `The scenario has ${v.error.length} problem(s).`, problems: v.error });
    },

    'sim.run': async (args) => {
      const runId = readString(args.runId);
      if (!runId) return err({ kind: 'invalid-request', message: 'sim.run needs a runId' });
      const keep = readStrings(args.keep);
      return enqueue(ctx, () => {
        if (ctx.cancelled.delete(runId)) return Promise.resolve(err({ kind: 'cancelled', message: `Run ${runId} was cancelled before it started.` } as const));
        if (keep !== null) ctx.pinned = new Set(keep);
        return run(ctx, runId, args.scenario, args.preview === true);
      });
    },

    'sim.complete': async (args) => {
      const rec = await fullRun(ctx, args.runId);
      return rec.ok ? ok(rec.value.result) : rec;
    },

    'sim.cancel': async (args) => {
      const runId = readString(args.runId);
      if (!runId) return err({ kind: 'invalid-request', message: 'sim.cancel needs a runId' });
      const kept = ctx.runs.get(runId);
      // A kept run is finished; only the completion of a preview can still be stopped.
      if (kept) {
        if (kept.completing === undefined) return ok({ cancelled: false });
        ctx.cancelled.add(runId);
        return ok({ cancelled: true });
      }
      ctx.cancelled.add(runId);
      return ok({ cancelled: true });
    },

    'results.summary': async (args) => {
      const rec = keptRun(ctx, args.runId);
      return rec.ok ? ok(rec.value.result) : rec;
    },

    'results.table': async (args) => {
      const full = await fullRun(ctx, args.runId);
      if (!full.ok) return full;
      const rec = full.value;
      const name = readString(args.table);
      if (!name || !(RESULT_TABLES as readonly string[]).includes(name)) return err({ kind: 'invalid-request', message: `unknown result table ${String(args.table)}` });
      rec.tables ??= resultTables(rec.sim);
      return page(rec.tables[name as ResultTableName], args);
    },

    'results.lossGraph': async (args) => {
      const full = await fullRun(ctx, args.runId);
      if (!full.ok) return full;
      const rec = full.value;
      const step = args.step === null || args.step === undefined ? null : readInt(args.step);
      rec.tables ??= resultTables(rec.sim);
      const losses = rec.tables.losses;
      if (step === null) return ok(ipcPage(losses, 0, losses.numRows));
      const steps = losses.getChild('step')?.toArray() as Int32Array;
      let lo = 0;
      while (lo < steps.length && (steps[lo] as number) < step) lo++;
      let hi = lo;
      while (hi < steps.length && (steps[hi] as number) === step) hi++;
      return ok(ipcPage(losses.slice(lo, hi), lo, losses.numRows));
    },

    'results.release': async (args) => ok({ released: ctx.runs.delete(readString(args.runId) ?? '') }),

    'results.keep': async (args) => {
      const ids = readStrings(args.runIds);
      if (ids === null) return err({ kind: 'invalid-request', message: 'results.keep needs runIds, a list of run ids' });
      ctx.pinned = new Set(ids);
      return ok({ kept: ids.filter((id) => ctx.runs.has(id)) });
    },

    'results.export': (args) => exportRequest(ctx, args),

    'results.report': (args) => reportRequest(ctx, args),
  };
}

async function run(ctx: ServeContext, runId: string, scenarioInput: unknown, preview: boolean): Reply<'sim.run'> {
  const ow = ctx.workspace;
  if (!ow) return err({ kind: 'no-workspace', message: 'Import a workspace before running a scenario.' });
  const v = validateScenario(scenarioInput, ow.ids);
  if (!v.ok) {
    const n = v.error.length;
    return err({ kind: 'invalid-scenario', message: `The scenario has ${n} problem${n === 1 ? '' : 's'}.`, problems: v.error });
  }
  const scenario = v.value;
  const plan = compilePlan(scenario, ow.cw.model);
  let sim: Simulation;
  let runMs: number;
  let onHelper = false;
  if (preview) {
    const made = ctx.host.now();
    sim = new Simulation(ow.cw, plan, { losses: false });
    const setUp = ctx.host.now() - made;
    const ran = await runSliced(ctx, sim, runId, scenario.steps);
    if (!ran.ok) return ran;
    runMs = setUp + ran.value;
  } else {
    const ran = await runWithLosses(ctx, ow.cw, plan, runId);
    if (!ran.ok) return ran;
    ({ sim, runMs, onHelper } = ran.value);
  }
  if (sim.stoppedBecause !== null) return err({ kind: 'invalid-scenario', message: 'The run cannot be computed.', problems: [{ index: null, field: null, message: sim.stoppedBecause }] });
  const result: RunResult = {
    runId,
    summary: summarize(sim),
    stamp: { engine_version: ENGINE_VERSION, workspace_hash: ow.info.hash, scenario_hash: await sha256Hex(new TextEncoder().encode(canonicalJson(scenario))) },
    runMs,
    rowCounts: rowCountsOf(sim),
    ...(preview ? { preview: true } : {}),
    ...(onHelper ? { lossesOnHelper: true } : {}),
  };
  const released = keepRunRecord(ctx, runId, { result, sim });
  return ok(released.length > 0 ? { ...result, released } : result);
}
