import { tableToIPC, type Table } from 'apache-arrow';
import { openWorkspace, type OpenWorkspace } from './open-workspace';
import {
  asRequest,
  PROTOCOL_VERSION,
  RESULT_TABLES,
  type Endpoint,
  type EngineError,
  type EventMessage,
  type Events,
  type EventName,
  type Method,
  type Requests,
  type ResponseMessage,
  type ResultTableName,
  type RunResult,
  type TablePage,
} from './protocol';
import { summarize } from './results/summary';
import { resultTables, type ResultTables } from './results/tables';
import { validateScenario } from './scenario/validate';
import { compilePlan } from './sim/plan';
import { Simulation } from './sim/simulation';
import { canonicalJson, sha256Hex } from './util/hash';
import { err, ok, type Result } from './util/result';
import { ENGINE_VERSION } from './version';
import { importWorkspace } from './workspace/import';
import { TABLE_NAMES, type TableName } from './workspace/schema';
import { narrowFiles, isObject, readInt, readString } from './serve-args';

/** What the engine needs from its host: a clock for throttling, and a way to let messages in. */
export interface ServeHost {
  now(): number;
  /** Resolves after pending messages (a cancel) have been delivered. */
  yieldToEvents(): Promise<void>;
}

type Reply<M extends Method> = Promise<Result<Requests[M]['result'], EngineError>>;
type Handlers = { [M in Method]: (args: Record<string, unknown>) => Reply<M> };

interface RunRecord {
  result: RunResult;
  sim: Simulation;
  tables?: ResultTables;
}

const KEEP_RUNS = 8;
const SLICE_MS = 25;
const PROGRESS_MS = 100;
const MAX_PAGE = 100_000;

/**
 * Serves the protocol over an endpoint. The engine owns the data: the workspace and the last
 * runs live here; the other side asks for summaries and pages. Throwing inside a handler is a
 * bug and is answered as an internal error.
 */
export function serve(endpoint: Endpoint, host: ServeHost): void {
  let current: OpenWorkspace | null = null;
  const runs = new Map<string, RunRecord>();
  const cancelled = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  const emit = <E extends EventName>(event: E, data: Events[E]) => {
    const msg: EventMessage<E> = { type: 'evt', event, data };
    endpoint.post(msg);
  };

  const run = async (runId: string, scenarioInput: unknown): Reply<'sim.run'> => {
    const ow = current;
    if (!ow) return err({ kind: 'no-workspace', message: 'Import a workspace before running a scenario.' });
    const v = validateScenario(scenarioInput, ow.ids);
    if (!v.ok) {
      const n = v.error.length;
      return err({ kind: 'invalid-scenario', message: `The scenario has ${n} problem${n === 1 ? '' : 's'}.`, problems: v.error });
    }
    const scenario = v.value;
    const sim = new Simulation(ow.cw, compilePlan(scenario, ow.cw.model));
    let runMs = 0;
    let lastProgress = -Infinity;
    while (!sim.done) {
      const t0 = host.now();
      let report = sim.step();
      while (!sim.done && host.now() - t0 < SLICE_MS) report = sim.step();
      const t1 = host.now();
      runMs += t1 - t0;
      if (t1 - lastProgress >= PROGRESS_MS || sim.done) {
        lastProgress = t1;
        emit('sim.progress', { runId, step: report.t, steps: scenario.steps, liquidations: sim.totalLiquidations, defaults: sim.defaultedNodes.length });
      }
      if (!sim.done) {
        await host.yieldToEvents();
        if (cancelled.has(runId)) {
          cancelled.delete(runId);
          return err({ kind: 'cancelled', message: `Run ${runId} was cancelled at step ${report.t}.` });
        }
      }
    }
    const summary = summarize(sim);
    const result: RunResult = {
      runId,
      summary,
      stamp: { engine_version: ENGINE_VERSION, workspace_hash: ow.info.hash, scenario_hash: await sha256Hex(new TextEncoder().encode(canonicalJson(scenario))) },
      runMs,
      rowCounts: {
        prices: sim.recorder.prices.step.length,
        venues: sim.recorder.venues.step.length,
        nodes: sim.recorder.nodes.step.length,
        losses: sim.loss.length,
        liquidations: sim.recorder.liquidations.step.length,
        oracles: sim.recorder.oracles.step.length,
      },
    };
    runs.delete(runId);
    runs.set(runId, { result, sim });
    while (runs.size > KEEP_RUNS) runs.delete(runs.keys().next().value as string);
    return ok(result);
  };

  const handlers: Handlers = {
    'engine.hello': async () => ok({ protocolVersion: PROTOCOL_VERSION, engineVersion: ENGINE_VERSION }),

    'workspace.import': async (args) => {
      const files = narrowFiles(args.files);
      if (!files) return err({ kind: 'invalid-request', message: 'workspace.import needs files: {name, bytes}[]' });
      const imported = importWorkspace(files);
      if (!imported.ok) {
        const { problems, total, errors } = imported.error;
        return err({ kind: 'invalid-workspace', message: `The workspace was not imported: ${errors} error${errors === 1 ? '' : 's'}. Nothing loaded was changed.`, problems, total });
      }
      const opened = await openWorkspace(imported.value);
      current = opened;
      return ok(opened.info);
    },

    'workspace.info': async () => ok(current ? current.info : null),

    'workspace.page': async (args) => {
      const table = readString(args.table);
      if (!table || !(TABLE_NAMES as readonly string[]).includes(table)) return err({ kind: 'invalid-request', message: `unknown table ${String(args.table)}` });
      if (!current) return err({ kind: 'no-workspace', message: 'No workspace is loaded.' });
      const t = current.ws.tables[table as TableName];
      if (!t) return err({ kind: 'not-found', message: `The workspace has no ${table} table.` });
      return page(t, args);
    },

    'scenario.validate': async (args) => {
      if (!current) return err({ kind: 'no-workspace', message: 'Import a workspace first: a scenario is checked against its ids.' });
      const v = validateScenario(args.scenario, current.ids);
      return v.ok ? ok(v.value) : err({ kind: 'invalid-scenario', message: `The scenario has ${v.error.length} problem(s).`, problems: v.error });
    },

    'sim.run': async (args) => {
      const runId = readString(args.runId);
      if (!runId) return err({ kind: 'invalid-request', message: 'sim.run needs a runId' });
      const next = queue.then(() => (cancelled.delete(runId) ? err({ kind: 'cancelled', message: `Run ${runId} was cancelled before it started.` } as const) : run(runId, args.scenario)));
      queue = next.catch(() => undefined);
      return next;
    },

    'sim.cancel': async (args) => {
      const runId = readString(args.runId);
      if (!runId) return err({ kind: 'invalid-request', message: 'sim.cancel needs a runId' });
      if (runs.has(runId)) return ok({ cancelled: false });
      cancelled.add(runId);
      return ok({ cancelled: true });
    },

    'results.summary': async (args) => {
      const rec = runs.get(readString(args.runId) ?? '');
      return rec ? ok(rec.result) : err({ kind: 'not-found', message: `No run ${String(args.runId)} is kept.` });
    },

    'results.table': async (args) => {
      const rec = runs.get(readString(args.runId) ?? '');
      if (!rec) return err({ kind: 'not-found', message: `No run ${String(args.runId)} is kept.` });
      const name = readString(args.table);
      if (!name || !(RESULT_TABLES as readonly string[]).includes(name)) return err({ kind: 'invalid-request', message: `unknown result table ${String(args.table)}` });
      rec.tables ??= resultTables(rec.sim);
      return page(rec.tables[name as ResultTableName], args);
    },

    'results.lossGraph': async (args) => {
      const rec = runs.get(readString(args.runId) ?? '');
      if (!rec) return err({ kind: 'not-found', message: `No run ${String(args.runId)} is kept.` });
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

    'results.release': async (args) => ok({ released: runs.delete(readString(args.runId) ?? '') }),
  };

  endpoint.onMessage((raw) => {
    const req = asRequest(raw);
    if (!req) return;
    const handler = handlers[req.method] as (args: Record<string, unknown>) => Promise<Result<unknown, EngineError>>;
    const args = isObject(req.args) ? req.args : {};
    handler(args)
      .catch((e: unknown): Result<unknown, EngineError> => err({ kind: 'internal', message: `Internal error in ${req.method}: ${e instanceof Error ? e.message : String(e)}` }))
      .then((res) => {
        const msg = (res.ok ? { type: 'res', id: req.id, ok: true, result: res.value } : { type: 'res', id: req.id, ok: false, error: res.error }) as ResponseMessage;
        endpoint.post(msg, res.ok ? transfers(res.value) : undefined);
      });
  });
}

function page(t: Table, args: Record<string, unknown>): Promise<Result<TablePage, EngineError>> {
  const offset = Math.max(0, readInt(args.offset) ?? 0);
  const limit = Math.min(MAX_PAGE, Math.max(0, readInt(args.limit) ?? 1000));
  return Promise.resolve(ok(ipcPage(t.slice(offset, offset + limit), offset, t.numRows)));
}

function ipcPage(t: Table, offset: number, totalRows: number): TablePage {
  return { ipc: tableToIPC(t, 'stream'), offset, totalRows };
}

/** ArrayBuffers inside a result that can be transferred rather than copied. */
function transfers(value: unknown): ArrayBuffer[] | undefined {
  if (isObject(value) && value.ipc instanceof Uint8Array && value.ipc.buffer instanceof ArrayBuffer) return [value.ipc.buffer];
  return undefined;
}
