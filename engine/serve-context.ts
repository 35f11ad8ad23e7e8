import type { OpenWorkspace } from './open-workspace';
import type { EngineError, Events, EventName, Method, Requests, RunResult, TablePage } from './protocol';
import type { ResultTables } from './results/tables';
import type { Simulation } from './sim/simulation';
import { tableToIPC, type Table } from 'apache-arrow';
import { readInt } from './serve-args';
import { ok, type Result } from './util/result';
import type { LossThreads } from './losses/loss-thread';
import type { CsvPartReader } from './workspace/csv-part';
import { resultBytes } from './results/row-counts';

/** What the engine needs from its host: a clock for throttling, and a way to let messages in. */
export interface ServeHost {
  now(): number;
  /** Resolves after pending messages (a cancel) have been delivered. */
  yieldToEvents(): Promise<void>;
  /** A helper thread that reads parts of large CSV files, when the host can start one. */
  csvParts?: CsvPartReader;
  /** A helper thread that builds runs' loss graphs from their step journals, when the host can start one. */
  lossThreads?: LossThreads;
  /** Warm the engine's code up while idle after start (engine/warm-up.ts): the app's workers do. */
  warmUp?: boolean;
}

export interface RunRecord {
  result: RunResult;
  sim: Simulation;
  tables?: ResultTables;
  /** While a preview run is being completed (engine/run-complete.ts). */
  completing?: Promise<Result<RunRecord, EngineError>>;
}

/** The engine's state behind the protocol, shared by every domain's handlers. */
export interface ServeContext {
  host: ServeHost;
  emit<E extends EventName>(event: E, data: Events[E]): void;
  workspace: OpenWorkspace | null;
  /** Kept runs, oldest first. */
  runs: Map<string, RunRecord>;
  /**
   * Runs the app asked to keep before the others when room is made (those chosen in Compare):
   * the oldest runs not among them go first. Set by each sim.run that gives `keep`.
   */
  pinned?: ReadonlySet<string>;
  /** Ids of runs (or other long jobs) asked to stop. */
  cancelled: Set<string>;
  /** Long jobs run one at a time: each waits for the previous. */
  queue: Promise<unknown>;
}

/** How many runs the engine keeps for results.* requests (the oldest goes first). */
export const KEEP_RUNS = 8;
/**
 * Past this many bytes of kept results the oldest runs go too (the newest two always stay): a
 * run of 1M positions holds ~150 MB, and a shock slider makes runs quickly.
 */
export const KEEP_RUN_BYTES = 1 << 30;

/** Bytes of a row of each result table as the engine holds it (losses: with the step and impact columns a view builds on first use). */
/** What a kept run holds, estimated from its row counts (a restored run's sim is not touched: it would replay). */
export function runBytes(record: RunRecord): number {
  return resultBytes(record.result.rowCounts ?? {});
}

/** Keeps a run as the newest, forgetting others past KEEP_RUNS or KEEP_RUN_BYTES; returns the runs forgotten. */
export function keepRunRecord(ctx: ServeContext, runId: string, record: RunRecord): string[] {
  ctx.runs.delete(runId);
  ctx.runs.set(runId, record);
  return trimRuns(ctx);
}

/**
 * Forgets kept runs past KEEP_RUNS, then past KEEP_RUN_BYTES while more than two are kept (a run
 * grows when a preview is completed); returns their ids. The oldest go first, the runs pinned by
 * the app only once every other has gone, and the newest never (it was just asked for).
 */
export function trimRuns(ctx: ServeContext): string[] {
  const gone: string[] = [];
  let total = 0;
  for (const r of ctx.runs.values()) total += runBytes(r);
  while (ctx.runs.size > KEEP_RUNS || (ctx.runs.size > 2 && total > KEEP_RUN_BYTES)) {
    const id = nextToForget(ctx);
    total -= runBytes(ctx.runs.get(id) as RunRecord);
    ctx.runs.delete(id);
    gone.push(id);
  }
  return gone;
}

/** The oldest kept run not pinned and not the newest; the oldest pinned one when there is none. */
function nextToForget(ctx: ServeContext): string {
  const ids = [...ctx.runs.keys()];
  const older = ids.slice(0, -1);
  return older.find((id) => !ctx.pinned?.has(id)) ?? (older[0] as string);
}

export type Reply<M extends Method> = Promise<Result<Requests[M]['result'], EngineError>>;

/** A domain's handlers, typed against the protocol: `satisfies Handlers<keyof XRequests>`. */
export type Handlers<K extends Method> = { [M in K]: (args: Record<string, unknown>) => Reply<M> };

const MAX_PAGE = 100_000;

/** Rows [offset, offset + limit) of a table as Arrow IPC (limit capped). */
export function page(t: Table, args: Record<string, unknown>): Promise<Result<TablePage, EngineError>> {
  const offset = Math.max(0, readInt(args.offset) ?? 0);
  const limit = Math.min(MAX_PAGE, Math.max(0, readInt(args.limit) ?? 1000));
  return Promise.resolve(ok(ipcPage(t.slice(offset, offset + limit), offset, t.numRows)));
}

export function ipcPage(t: Table, offset: number, totalRows: number): TablePage {
  return { ipc: tableToIPC(t, 'stream'), offset, totalRows };
}

/** Runs `job` after every long job queued before it. */
export function enqueue<T>(ctx: ServeContext, job: () => Promise<T>): Promise<T> {
  const next = ctx.queue.then(job);
  ctx.queue = next.catch(() => undefined);
  return next;
}
