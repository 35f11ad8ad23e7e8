/**
 * The analysis pool of the window: cores − 1 engine Web Workers (at least 1), apart from the
 * app's own engine, each holding the same workspace. The coordinator (engine/analysis/coordinator.ts)
 * splits jobs into shards over them, so results are the same whatever their number.
 */
import { AnalysisPool, startEngine, type EngineClient } from '../engine-client';
import { engineErrorText } from '../error-text';

/** Local setting that fixes the number of analysis workers (1–32), e.g. to compare results across pool sizes. */
export const POOL_SIZE_KEY = 'firebreak.analysis-workers';

/** cores − 1 (at least 1): one core stays with the window and the app's own engine; `chosen` (1–32) overrides. */
export function poolSize(cores: number | undefined, chosen: string | null = null): number {
  const n = chosen === null ? NaN : Number(chosen);
  if (Number.isInteger(n) && n >= 1 && n <= 32) return n;
  return Math.max(1, Math.floor(cores ?? 2) - 1);
}

function chosenSize(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(POOL_SIZE_KEY);
  } catch {
    return null;
  }
}

export type SyncResult = { ok: true } | { ok: false; error: string };

/**
 * Engine workers that hold a copy of the app engine's workspace. The copy travels as project
 * bytes (`project.save` in the app's engine, `project.open` in each worker): the canonical tables,
 * whatever format and column mapping they were imported with. Nothing touches the disk.
 */
export class WorkspacePool {
  readonly pool: AnalysisPool;
  private held: string | null = null;
  private pending: { hash: string; done: Promise<SyncResult> } | null = null;

  constructor(readonly clients: readonly EngineClient[]) {
    this.pool = new AnalysisPool(clients);
  }

  get size(): number {
    return this.clients.length;
  }

  /** The hash of the workspace the workers hold, when they hold one. */
  get workspaceHash(): string | null {
    return this.held;
  }

  /** Makes every worker hold the workspace `hash` open in `main` (once per workspace). */
  ensureWorkspace(main: EngineClient, hash: string): Promise<SyncResult> {
    if (this.held === hash) return Promise.resolve({ ok: true });
    if (this.pending?.hash === hash) return this.pending.done;
    const done = this.copy(main, hash).then((r) => {
      if (this.pending?.done === done) this.pending = null;
      return r;
    });
    this.pending = { hash, done };
    return done;
  }

  private async copy(main: EngineClient, hash: string): Promise<SyncResult> {
    this.held = null;
    const saved = await main.request('project.save', { createdAt: new Date().toISOString(), scenarios: [], run: null, viewState: null, autosave: true });
    if (!saved.ok) return { ok: false, error: `Could not hand the workspace to the analysis workers: ${engineErrorText(saved.error)}` };
    const bytes = saved.value.bytes;
    const opened = await Promise.all(
      this.clients.map((c, i) => {
        const copy = i === this.clients.length - 1 ? bytes : bytes.slice();
        return c.request('project.open', { bytes: copy, runId: 'analysis-workspace' }, copy.buffer instanceof ArrayBuffer ? [copy.buffer] : []);
      }),
    );
    for (const r of opened) {
      if (!r.ok) return { ok: false, error: `An analysis worker could not open the workspace: ${engineErrorText(r.error)}` };
      if (r.value.workspace.hash !== hash) return { ok: false, error: 'The analysis workers read a different workspace from the one open (the workspace changed meanwhile?). Try again.' };
    }
    this.held = hash;
    return { ok: true };
  }

  close(): void {
    for (const c of this.clients) c.close();
    this.held = null;
  }
}

let shared: WorkspacePool | null = null;
let factory = (): WorkspacePool => {
  const size = poolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency, chosenSize());
  return new WorkspacePool(Array.from({ length: size }, (_, i) => startEngine(`firebreak-analysis-${i + 1}`)));
};

/** The window's pool, started on first use. */
export function analysisPool(): WorkspacePool {
  shared ??= factory();
  return shared;
}

/** Drops the pool (a worker died): the next job starts a fresh one. */
export function resetAnalysisPool(): void {
  shared?.close();
  shared = null;
}

/** Tests: how the pool is made. */
export function setAnalysisPoolFactory(make: () => WorkspacePool): void {
  resetAnalysisPool();
  factory = make;
}
