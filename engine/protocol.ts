/**
 * THE protocol between the UI (or CLI, or tests) and the engine worker. Every request the
 * engine serves is in `Requests`; `serve.ts` implements each one, so a missing handler is a
 * compile error. Tables cross as Arrow IPC bytes, never as rows; the engine sends every buffer as a
 * copy and never transfers one (a detach slows its typed arrays for good: see serve.ts).
 */
import type { ImportProblem } from './workspace/problems';
import type { TableName } from './workspace/schema';
import type { ColumnMapping } from './workspace/mapping';
import type { WorkspacePreview } from './workspace/preview';
import type { Scenario } from './scenario/scenario';
import type { ScenarioProblem } from './scenario/validate';
import type { RunStamp, RunSummary } from './results/summary-types';
import type { ExportFormat, ExportedTable } from './results/export';
import type { ReportData } from './report/report-types';
import type { AnalysisKind, AnalysisPlan, AnalysisProgressEvent, DebtRankResult, DistanceBatch, DistanceTask, DrawBatch, ImpactBatch, KpiBatch, ReverseResult } from './analysis/analysis-types';
import type { ProjectProblemCode } from './project/problems';
import type { ColumnFilter, LiquidationLevels, NodeSeries, QueryArgs, QueryPage, RunCharts, TableSort, WorkspaceOverview } from './view/view-types';
import type { CompareView, RunSteps } from './view/compare-types';
import type { ContagionPath, LossSankey, NetworkGraph, NetworkRun } from './view/network-types';

/** 2: a run summary's per-node records travel as columns (engine/protocol-wire.ts). */
export const PROTOCOL_VERSION = 2;

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
  /** Simulation time only, ms (measured by the host's clock): with the loss graph, until it is built. */
  runMs: number;
  /** True when the loss graph was built on the engine's helper thread while the steps ran. */
  lossesOnHelper?: boolean;
  rowCounts: Record<ResultTableName, number>;
  /**
   * True for a run made with `preview`: every number is the run's, but it has no loss graph yet,
   * so node paths are empty and the losses table has no rows until `sim.complete`.
   */
  preview?: boolean;
  /** The scenario run (defaults filled) where the request did not give it: a sweep's point opened as a run. */
  scenario?: Scenario;
  /** Runs the engine let go to keep this one (it keeps KEEP_RUNS, and up to 1 GB of results): in the answer that kept it only. */
  released?: string[];
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
  /**
   * Reads the files without importing them, for the import dialog: per source (a file, a sheet
   * of a workbook, a key of a JSON document) the table it would be read as and why, its headers,
   * its first `rows` rows (default 20, at most 1000) as an Arrow page of text columns, a
   * suggested column mapping (each model column matched, guessed or missing, with the reason),
   * and the problems seen so far. Pass the same files (not transferred: they are needed again
   * for the import) and the options the import will get. Nothing loaded changes.
   */
  'workspace.preview': { args: { files: InputFile[]; tables?: SourceTables; mapping?: ColumnMapping; rows?: number }; result: WorkspacePreview };
  /**
   * Imports files as the workspace (MODEL §1) — CSV/TSV, JSON, Arrow, Parquet, .xlsx; a folder's
   * files, one workbook or one JSON document. `mapping` renames file columns to model columns
   * (take `suggestion.mapping` from the preview, edited by the user); `tables` says which table
   * a source holds (or null to leave it out). Emits `workspace.progress` (at most 10 a second);
   * `workspace.cancel` with the same `importId` stops it within 100 ms while it reads CSV or sheet
   * rows and validates. Some steps run whole before the cancel is seen: parsing a JSON document,
   * converting an Arrow file, a workbook's shared strings, one Parquet row group, and compiling
   * the model at the end (from 0.1 s to a few seconds each at a million rows). Either the whole
   * workspace is replaced, or nothing is: on `invalid-workspace` (every problem, the first 1,000
   * listed, `total` counted) or `cancelled` the workspace loaded before stays.
   */
  'workspace.import': { args: { files: InputFile[]; mapping?: ColumnMapping; tables?: SourceTables; importId?: string }; result: WorkspaceInfo };
  /** Asks the import `importId` (or the one running, when omitted) to stop; `cancelled` says whether there was one to ask. */
  'workspace.cancel': { args: { importId?: string }; result: { cancelled: boolean } };
  'workspace.info': { args: Record<string, never>; result: WorkspaceInfo | null };
  'workspace.page': { args: { table: TableName; offset: number; limit: number }; result: TablePage };
}

export type { WorkspacePreview, SourcePreview } from './workspace/preview';
export type { MappingSuggestion, ColumnMatch, MatchStatus } from './workspace/suggest-mapping';
export type { ColumnMapping, TableMapping } from './workspace/mapping';

/** Which table a source holds: source name (`file.csv`, `book.xlsx#Sheet1`, `doc.json#key`) → table, or null to leave it out. */
export type SourceTables = Readonly<Record<string, TableName | null>>;

/**
 * Where an import is, at most 10 times a second: `read` (files, `step` names the source),
 * `validate` (MODEL §1 rules, `step` names the stage), `open` (compiling the model; not
 * cancellable). `fraction` is 0–1 over the whole import. `helper` marks the reading of a large
 * CSV file that the worker shares with its helper thread: `shared` when part of the file is
 * handed over, `waiting` while the worker waits for that part; these are always sent (at most
 * two per such file), whatever the rate.
 */
export interface WorkspaceProgress {
  importId: string;
  phase: 'read' | 'validate' | 'open';
  step: string;
  bytesDone: number;
  bytesTotal: number;
  fraction: number;
  helper?: 'shared' | 'waiting';
}

/** Scenarios, runs (MODEL §2–§5) and their results (§6). */
export interface SimRequests {
  'scenario.validate': { args: { scenario: unknown }; result: Scenario };
  /** `preview`: run without the loss graph (faster: the shock slider), then `sim.complete` it. */
  /**
   * `keep`: the runs to keep before any other when the engine makes room for this one (those
   * chosen in Compare); it stands for later runs until a run gives another list.
   */
  'sim.run': { args: { runId: string; scenario: unknown; preview?: boolean; keep?: string[] }; result: RunResult };
  /** A preview run run again with its loss graph: the same numbers, now with contagion paths. */
  'sim.complete': { args: { runId: string }; result: RunResult };
  'sim.cancel': { args: { runId: string }; result: { cancelled: boolean } };
  'results.summary': { args: { runId: string }; result: RunResult };
  'results.table': {
    args: { runId: string; table: ResultTableName; offset?: number; limit?: number };
    result: TablePage;
  };
  /** The loss-graph edges of one step (or all steps with null), as a page of the `losses` table. */
  'results.lossGraph': { args: { runId: string; step: number | null }; result: TablePage };
  'results.release': { args: { runId: string }; result: { released: boolean } };
  /** The runs to keep before any other when the engine makes room (those compared, the one on screen): it stands until the next list. */
  'results.keep': { args: { runIds: string[] }; result: { kept: string[] } };
  /** A whole result table as the bytes of a CSV or Arrow IPC file, for a save. */
  'results.export': { args: { runId: string; table: ResultTableName; format: ExportFormat; sort?: TableSort | null; filters?: ColumnFilter[] }; result: ExportedTable };
  /**
   * What a run's report shows (engine/report): KPIs, chart aggregates, defaults with their paths and
   * hop amounts, the scenario in plain language. `scenario` is the document the run was made from;
   * it is validated and must hash to the run's `scenario_hash`.
   */
  'results.report': { args: { runId: string; scenario: unknown }; result: ReportData };
}

export type { ExportFormat, ExportedTable } from './results/export';
export type { ReportData } from './report/report-types';

/** A named scenario document kept in a project: drafts may be invalid, so it is stored as given. */
export interface ProjectScenario {
  name: string;
  scenario: unknown;
}

/** What the manifest of a saved or opened project says, for the title bar and the About-this-file panel. */
export interface ProjectMeta {
  formatVersion: number;
  /** The engine version that wrote the file (and computed its results). */
  engineVersion: string;
  /** ISO 8601 UTC, as the saving host's clock gave it. */
  createdAt: string;
  /** `viewer`: the author asks for the project to open read-only. */
  openAs: 'editor' | 'viewer';
  encrypted: boolean;
  /** Size of the file, bytes. */
  bytes: number;
}

export interface ProjectSaveArgs {
  /** ISO 8601 UTC from the host's clock (the engine has none). */
  createdAt: string;
  scenarios: ProjectScenario[];
  /**
   * A kept run of the current workspace whose results go into the file, with the scenario
   * document it was run from (checked against the run's stamp); null for none.
   */
  run: { runId: string; scenario: unknown } | null;
  /** Opaque JSON of the UI (selected views, filters, …), restored as given. */
  viewState: unknown;
  openAs?: 'editor' | 'viewer';
  /** Encrypts the file (AES-256-GCM, key from PBKDF2-SHA256); at least 8 characters. */
  passphrase?: string;
  /** An autosave: stored uncompressed, so it costs the worker well under a second even for 1M positions. */
  autosave?: boolean;
}

export interface OpenedProject {
  meta: ProjectMeta;
  workspace: WorkspaceInfo;
  scenarios: ProjectScenario[];
  /** The saved results, kept as a run under the runId asked for: results.* requests work on it. */
  run: RunResult | null;
  /** The scenario the saved results came from, as it was run (validated, defaults filled). */
  runScenario: ProjectScenario | null;
  viewState: unknown;
}

/** `.firebreak` project files (engine/project). */
export interface ProjectRequests {
  /** The current workspace, the scenarios and a kept run's results as `.firebreak` bytes. */
  'project.save': { args: ProjectSaveArgs; result: { bytes: Uint8Array; meta: ProjectMeta } };
  /** Verifies and opens a project: replaces the workspace and keeps its results as run `runId`, or changes nothing. */
  'project.open': { args: { bytes: Uint8Array; passphrase?: string; runId: string }; result: OpenedProject };
}

/**
 * Analysis beyond one scenario: sweeps, reverse stress, Monte Carlo, systemic importance
 * (engine/analysis). Big jobs are split into shards by a coordinator (engine/analysis/coordinator.ts)
 * over several engine workers holding the same workspace; each shard request is deterministic in its
 * units alone, so results do not depend on the number of workers. Specs arrive as JSON and are
 * checked by `analysis.plan` and again by every shard.
 */
export interface AnalysisRequests {
  /** Checks a spec against the workspace; says how many units of work it has. */
  'analysis.plan': { args: { kind: AnalysisKind; spec: unknown }; result: AnalysisPlan };
  /** Runs points of a sweep (row-major grid indices). */
  'analysis.sweepPoints': { args: { jobId: string; spec: unknown; points: number[] }; result: KpiBatch };
  /** Runs draws [from, to) of a Monte Carlo. */
  'analysis.mcDraws': { args: { jobId: string; spec: unknown; from: number; to: number }; result: DrawBatch };
  /** A whole reverse stress test in this worker; the run at the threshold is kept under `runId` when given. */
  'analysis.reverse': { args: { jobId: string; spec: unknown; runId?: string }; result: ReverseResult };
  /** Distance to default, phase 1: runs of the grid shared by all nodes (indices into the plan's samples). */
  'analysis.distanceSamples': { args: { jobId: string; spec: unknown; samples: number[] }; result: KpiBatch };
  /** Distance to default, phase 2: bisects nodes' brackets. */
  'analysis.distanceNodes': { args: { jobId: string; spec: unknown; tasks: DistanceTask[] }; result: DistanceBatch };
  /** Default impact of nodes (model indices, as in the plan). */
  'analysis.impactNodes': { args: { jobId: string; spec: unknown; nodes: number[] }; result: ImpactBatch };
  /** DebtRank and linear DebtRank of the obligations network under a scenario's step-0 external losses. */
  'analysis.debtrank': { args: { jobId: string; scenario: unknown }; result: DebtRankResult };
  /**
   * Runs a scenario with workspace overrides and keeps it like sim.run, for results.* requests (progress as
   * sim.progress, cancel with sim.cancel). Or a sweep's point k: {runId, sweep: <the sweep spec>, point: k}.
   */
  'analysis.openRun': { args: { runId: string; scenario?: unknown; overrides?: unknown; sweep?: unknown; point?: number; name?: string }; result: RunResult };
  /** Stops a job's shards in this worker (those running and those still queued). */
  'analysis.cancel': { args: { jobId: string }; result: { cancelled: boolean } };
}

/** What the UI shows, computed in the worker (engine/view): aggregates and sorted, filtered pages, never whole tables. */
export interface ViewRequests {
  'view.overview': { args: Record<string, never>; result: WorkspaceOverview };
  'view.query': { args: QueryArgs; result: QueryPage };
  'view.liquidationLevels': { args: { asset: string; binWidth?: number; maxDrop?: number }; result: LiquidationLevels };
  'view.runCharts': { args: { runId: string }; result: RunCharts };
  'view.nodeSeries': { args: { runId: string; node: string }; result: NodeSeries };
  /**
   * Kept runs side by side (2 to 8; the first is the baseline): KPI deltas, market price curves of
   * `assets` (or the most moved), liquidations per step, nodes that default in one run but not
   * another. Runs may be of different workspaces (each keeps its own); ids no longer kept are listed in `missing`.
   */
  'view.compare': { args: { runIds: string[]; assets?: string[] }; result: CompareView };
  /** A run's per-step aggregates (liquidated, bad debt, defaults, loss so far), for KPIs as of a step. */
  'view.runSteps': { args: { runId: string }; result: RunSteps };
  /** The workspace's dependency network and its layout (computed once per workspace, then cached), as typed arrays. */
  'view.network': { args: Record<string, never>; result: NetworkGraph };
  /** Each vertex's state and loss per step of a run, and the loss along each edge (MODEL §5); `stressShare` default 0.2. */
  'view.networkRun': { args: { runId: string; stressShare?: number }; result: NetworkRun };
  /** A node's (or asset's) contagion path with the amount at each hop, as of `step` (null/absent: the last). */
  'view.networkPath': { args: { runId: string; node: string; step?: number | null }; result: ContagionPath };
  /** Where the loss went up to `step`: events → assets → venues → entities. */
  'view.lossSankey': { args: { runId: string; step?: number | null }; result: LossSankey };
}

export interface Requests extends CoreRequests, WorkspaceRequests, SimRequests, ProjectRequests, AnalysisRequests, ViewRequests {}

export interface Events {
  'sim.progress': { runId: string; step: number; steps: number; liquidations: number; defaults: number };
  'workspace.progress': WorkspaceProgress;
  /** Runs done in a shard or a whole analysis job (throttled). */
  'analysis.progress': AnalysisProgressEvent;
  /** The worker's warm-up after start is done (hosts that warm up): its steps, its time in slices (ms), or why it stopped. */
  'engine.warm': { steps: number; ms: number; error?: string };
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
  | { kind: 'passphrase-required'; message: string }
  | { kind: 'wrong-passphrase'; message: string }
  | { kind: 'invalid-project'; message: string; problem: ProjectProblemCode; entry: string | null; problems: ImportProblem[] }
  | { kind: 'internal'; message: string };

export type RequestMessage<M extends Method = Method> = {
  type: 'req';
  id: number;
  method: M;
  args: Requests[M]['args'];
};

/**
 * `result` as it travels: Requests[M]['result'] packed by resultToWire (engine/protocol-wire.ts:
 * a run summary's per-node records as columns); a client reads it with resultFromWire.
 */
export type ResponseMessage =
  | { type: 'res'; id: number; ok: true; result: unknown }
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
