/**
 * THE protocol between the UI (or CLI, or tests) and the engine worker. Every request the
 * engine serves is in `Requests`; `serve.ts` implements each one, so a missing handler is a
 * compile error. Tables cross as Arrow IPC bytes (transferred), never as rows.
 */
import type { ImportProblem } from './workspace/problems';
import type { TableName } from './workspace/schema';
import type { Scenario } from './scenario/scenario';
import type { ScenarioProblem } from './scenario/validate';
import type { RunStamp, RunSummary } from './results/summary-types';

export const PROTOCOL_VERSION = 1;

/** A file handed to the engine: its name (the table is found from it) and its bytes. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

export interface WorkspaceInfo {
  /** Row count of each table present. */
  counts: Partial<Record<TableName, number>>;
  warnings: ImportProblem[];
  /** SHA-256 of the canonical tables. */
  hash: string;
}

/** MODEL §6's five tables, plus `oracles` (what each oracle reported per step). */
export type ResultTableName = 'prices' | 'venues' | 'nodes' | 'losses' | 'liquidations' | 'oracles';

export const RESULT_TABLES: readonly ResultTableName[] = ['prices', 'venues', 'nodes', 'losses', 'liquidations', 'oracles'];

export interface RunResult {
  runId: string;
  summary: RunSummary;
  stamp: RunStamp;
  /** Simulation time only, ms (measured by the host's clock). */
  runMs: number;
  rowCounts: Record<ResultTableName, number>;
}

export interface TablePage {
  /** Arrow IPC stream bytes of rows [offset, offset + length). */
  ipc: Uint8Array;
  offset: number;
  totalRows: number;
}

/*
 * The request map, one interface per domain (each domain's handlers live in engine/serve-<domain>.ts).
 * Methods are dotted verbs: `workspace.import`, `sim.run`, `sim.cancel`.
 */

export interface CoreRequests {
  'engine.hello': { args: Record<string, never>; result: { protocolVersion: number; engineVersion: string } };
}

/** Workspace tables (MODEL §1). */
export interface WorkspaceRequests {
  'workspace.import': { args: { files: InputFile[] }; result: WorkspaceInfo };
  'workspace.info': { args: Record<string, never>; result: WorkspaceInfo | null };
  'workspace.page': { args: { table: TableName; offset: number; limit: number }; result: TablePage };
}

/** Scenarios, runs (MODEL §2–§5) and their results (§6). */
export interface SimRequests {
  'scenario.validate': { args: { scenario: unknown }; result: Scenario };
  'sim.run': { args: { runId: string; scenario: unknown }; result: RunResult };
  'sim.cancel': { args: { runId: string }; result: { cancelled: boolean } };
  'results.summary': { args: { runId: string }; result: RunResult };
  'results.table': {
    args: { runId: string; table: ResultTableName; offset?: number; limit?: number };
    result: TablePage;
  };
  /** The loss-graph edges of one step (or all steps with null), as a page of the `losses` table. */
  'results.lossGraph': { args: { runId: string; step: number | null }; result: TablePage };
  'results.release': { args: { runId: string }; result: { released: boolean } };
}

/** `.firebreak` project files (engine/project). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProjectRequests {}

/** Analysis beyond one scenario: sweeps, reverse stress, Monte Carlo, systemic importance. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AnalysisRequests {}

export interface Requests extends CoreRequests, WorkspaceRequests, SimRequests, ProjectRequests, AnalysisRequests {}

export interface Events {
  'sim.progress': { runId: string; step: number; steps: number; liquidations: number; defaults: number };
}

export type Method = keyof Requests;
export type EventName = keyof Events;

export type EngineError =
  | { kind: 'invalid-workspace'; message: string; problems: ImportProblem[]; total: number }
  | { kind: 'invalid-scenario'; message: string; problems: ScenarioProblem[] }
  | { kind: 'invalid-request'; message: string }
  | { kind: 'no-workspace'; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'cancelled'; message: string }
  | { kind: 'too-large'; message: string }
  | { kind: 'internal'; message: string };

export type RequestMessage<M extends Method = Method> = {
  type: 'req';
  id: number;
  method: M;
  args: Requests[M]['args'];
};

export type ResponseMessage<M extends Method = Method> =
  | { type: 'res'; id: number; ok: true; result: Requests[M]['result'] }
  | { type: 'res'; id: number; ok: false; error: EngineError };

export type EventMessage<E extends EventName = EventName> = { type: 'evt'; event: E; data: Events[E] };

export type WorkerMessage = ResponseMessage | EventMessage;

/** A transport: a Web Worker port, a worker_threads port, or an in-process pair in tests. */
export interface Endpoint {
  post(msg: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(cb: (msg: unknown) => void): void;
}

/** Narrows an incoming message to a request envelope for one of `methods`; arguments are narrowed by each handler. */
export function asRequest(msg: unknown, methods: ReadonlySet<string>): RequestMessage | null {
  if (typeof msg !== 'object' || msg === null) return null;
  const m = msg as Record<string, unknown>;
  if (m.type !== 'req' || typeof m.id !== 'number' || typeof m.method !== 'string' || !methods.has(m.method)) return null;
  if (typeof m.args !== 'object' || m.args === null) return null;
  return msg as RequestMessage;
}

/** Narrows an incoming message on the client side. */
export function asWorkerMessage(msg: unknown): WorkerMessage | null {
  if (typeof msg !== 'object' || msg === null) return null;
  const m = msg as Record<string, unknown>;
  if (m.type === 'res' && typeof m.id === 'number' && typeof m.ok === 'boolean') return msg as WorkerMessage;
  if (m.type === 'evt' && typeof m.event === 'string') return msg as WorkerMessage;
  return null;
}
