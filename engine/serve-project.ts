import { fullRunQueued } from './run-complete';
import { sameResults } from './results/same-summary';
import { openWorkspace, type OpenWorkspace } from './open-workspace';
import type { ProjectProblem } from './project/problems';
import type { SavedResults } from './project/project';
import { readProject } from './project/read-project';
import { writeProject } from './project/write-project';
import { RESULT_TABLES, type EngineError, type ProjectMeta, type ProjectRequests, type ProjectScenario, type RunResult } from './protocol';
import { isObject, readString } from './serve-args';
import { enqueue, keepRunRecord, type Handlers, type Reply, type RunRecord, type ServeContext } from './serve-context';
import { summarize } from './results/summary';
import { resultTables } from './results/tables';
import { validateScenario } from './scenario/validate';
import { compilePlan } from './sim/plan';
import { Simulation } from './sim/simulation';
import { canonicalJson, sha256Hex } from './util/hash';
import { err, ok, type Result } from './util/result';
import { ENGINE_VERSION } from './version';


/** project.*: `.firebreak` files (engine/project). Both go through the job queue, after any run before them. */
export function projectHandlers(ctx: ServeContext): Handlers<keyof ProjectRequests> {
  // Runs restored from a file, and the workspace they belong to (a run that ran here knows it through its simulation).
  const restored = new WeakMap<RunRecord, OpenWorkspace>();
  return {
    'project.save': (args) => enqueue(ctx, () => save(ctx, args, restored)),
    'project.open': (args) => enqueue(ctx, () => open(ctx, args, restored)),
  };
}

export function projectError(p: ProjectProblem): EngineError {
  if (p.code === 'passphrase-required' || p.code === 'wrong-passphrase') return { kind: p.code, message: p.message };
  return { kind: 'invalid-project', message: p.message, problem: p.code, entry: p.entry, problems: p.problems ?? [] };
}

const invalid = (message: string): Result<never, EngineError> => err({ kind: 'invalid-request', message });

function narrowScenarios(v: unknown): ProjectScenario[] | null {
  if (!Array.isArray(v)) return null;
  const out: ProjectScenario[] = [];
  for (const s of v) {
    if (!isObject(s) || typeof s.name !== 'string') return null;
    out.push({ name: s.name, scenario: s.scenario });
  }
  return out;
}

async function save(ctx: ServeContext, args: Record<string, unknown>, restored: WeakMap<RunRecord, OpenWorkspace>): Reply<'project.save'> {
  const createdAt = readString(args.createdAt);
  if (!createdAt) return invalid('project.save needs createdAt (ISO 8601 UTC)');
  const scenarios = narrowScenarios(args.scenarios);
  if (!scenarios) return invalid('project.save needs scenarios: {name, scenario}[]');
  const openAs = args.openAs === undefined ? 'editor' : args.openAs;
  if (openAs !== 'editor' && openAs !== 'viewer') return invalid('openAs is "editor" or "viewer"');
  if (args.passphrase !== undefined && typeof args.passphrase !== 'string') return invalid('passphrase must be a text');
  const ow = ctx.workspace;
  if (!ow) return err({ kind: 'no-workspace', message: 'There is no workspace to save: import one or open a project first.' });

  let results: SavedResults | null = null;
  if (args.run !== null && args.run !== undefined) {
    const run = isObject(args.run) ? args.run : {};
    const runId = readString(run.runId);
    if (!runId) return invalid('project.save needs run: {runId, scenario} or null');
    const full = await fullRunQueued(ctx, runId);
    if (!full.ok) return full.error.kind === 'not-found' ? err({ kind: 'not-found', message: `No run ${runId} is kept: its results cannot be saved.` }) : full;
    const rec = full.value;
    const owner = restored.has(rec) ? restored.get(rec) : rec.sim.cw === ow.cw ? ow : null;
    if (owner !== ow) return invalid(`Run ${runId} was run on another workspace than the one open now; its results cannot be saved with it.`);
    const v = validateScenario(run.scenario, ow.ids);
    if (!v.ok || (await sha256Hex(new TextEncoder().encode(canonicalJson(v.value)))) !== rec.result.stamp.scenario_hash) {
      return invalid(`The scenario given is not the one run ${runId} was run from.`);
    }
    rec.tables ??= resultTables(rec.sim);
    results = { scenario: v.value, summary: rec.result.summary, stamp: rec.result.stamp, runMs: rec.result.runMs, tables: rec.tables };
  }
  const passphrase = typeof args.passphrase === 'string' ? args.passphrase : undefined;
  const level = args.autosave === true ? 0 : 1;
  const written = await writeProject({ workspace: ow.ws, scenarios, results, viewState: args.viewState ?? null, openAs }, { createdAt, passphrase, level });
  if (!written.ok) return err(projectError(written.error));
  const bytes = written.value;
  const meta: ProjectMeta = { formatVersion: 1, engineVersion: ENGINE_VERSION, createdAt, openAs, encrypted: passphrase !== undefined, bytes: bytes.length };
  return ok({ bytes, meta });
}

async function open(ctx: ServeContext, args: Record<string, unknown>, restored: WeakMap<RunRecord, OpenWorkspace>): Reply<'project.open'> {
  const bytes = args.bytes instanceof Uint8Array ? args.bytes : args.bytes instanceof ArrayBuffer ? new Uint8Array(args.bytes) : null;
  if (!bytes) return invalid('project.open needs bytes');
  const runId = readString(args.runId);
  if (!runId) return invalid('project.open needs a runId for the saved results');
  if (args.passphrase !== undefined && typeof args.passphrase !== 'string') return invalid('passphrase must be a text');
  const read = await readProject(bytes, args.passphrase);
  if (!read.ok) return err(projectError(read.error));
  const p = read.value;
  const ow = await openWorkspace(p.workspace);

  let run: RunResult | null = null;
  let runScenario: ProjectScenario | null = null;
  if (p.results) {
    const saved = p.results;
    const rowCounts = Object.fromEntries(RESULT_TABLES.map((t) => [t, saved.tables[t].numRows])) as RunResult['rowCounts'];
    run = { runId, summary: saved.summary, stamp: saved.stamp, runMs: saved.runMs, rowCounts };
    const rec = restoredRun(run, saved, ow);
    restored.set(rec, ow);
    keepRunRecord(ctx, runId, rec);
    runScenario = { name: p.manifest.results?.scenario ?? 'scenario', scenario: saved.scenario };
  }
  ctx.workspace = ow;
  const meta: ProjectMeta = {
    formatVersion: p.manifest.format_version,
    engineVersion: p.manifest.engine_version,
    createdAt: p.manifest.created_at,
    openAs: p.manifest.open_as,
    encrypted: p.encrypted,
    bytes: bytes.length,
  };
  return ok({ meta, workspace: ow.info, scenarios: p.scenarios, run, runScenario, viewState: p.viewState });
}

/**
 * A kept run whose tables and summary come from the file, so results.* answer at once. Its
 * simulation (which per-step views read) is re-created on first use by re-running the saved
 * scenario — the engine is deterministic — and used only if it reproduces the saved summary.
 */
export function restoredRun(result: RunResult, saved: SavedResults, ow: OpenWorkspace): RunRecord {
  let sim: Simulation | null = null;
  const replay = (): Simulation => {
    const v = validateScenario(saved.scenario, ow.ids);
    if (!v.ok) throw new Error('The saved results cannot be re-created: their scenario does not fit the saved workspace.');
    const again = new Simulation(ow.cw, compilePlan(v.value, ow.cw.model)).runToEnd();
    if (!sameResults(summarize(again), result.summary)) {
      throw new Error(
        `The saved results were computed by engine ${result.stamp.engine_version}; engine ${ENGINE_VERSION} gives different numbers, so their per-step views need a new run.`,
      );
    }
    return again;
  };
  return {
    result,
    tables: saved.tables,
    get sim(): Simulation {
      sim ??= replay();
      return sim;
    },
  };
}
