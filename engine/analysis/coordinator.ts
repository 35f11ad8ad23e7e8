import type { EngineError, EventName, Events, InputFile, Method, Requests, RunResult, WorkspaceInfo } from '../protocol';
import { canonicalJson, sha256Hex } from '../util/hash';
import { err, ok, type Result } from '../util/result';
import { ENGINE_VERSION } from '../version';
import type { AnalysisKind, AnalysisPlan, AnalysisStamp, AnalysisProgressEvent, DebtRankResult, DistanceBatch, DistanceResult, ImpactResult, MonteCarloResult, ReverseResult, SweepResult } from './analysis-types';
import { distanceTasks, mergeDistance } from './distance';
import { concatKpis } from './evaluate';
import { concatImpact, mergeImpact } from './impact';
import { concatDraws, mergeMonteCarlo } from './mc-merge';
import { mergeSweep } from './sweep-merge';

/** One engine worker as the coordinator speaks to it: the renderer's EngineClient and Node's WorkerClient both fit. */
export interface AnalysisPort {
  request<M extends Method>(method: M, args: Requests[M]['args'], transfer?: ArrayBuffer[]): Promise<Result<Requests[M]['result'], EngineError>>;
  on<E extends EventName>(event: E, cb: (data: Events[E]) => void): () => void;
}

export interface JobOptions {
  /** Unique among this pool's jobs; generated when absent. */
  jobId?: string;
  /** Runs done (or, for one search, steps of it) per phase; called after every shard. */
  onProgress?: (p: AnalysisProgressEvent) => void;
}

/** A running job: its id, its result, and a way to stop it (the result is then a `cancelled` error). */
export interface Job<T> {
  id: string;
  result: Promise<Result<T, EngineError>>;
  cancel(): void;
}

interface JobState {
  id: string;
  cancelled: boolean;
  progress: (phase: string, done: number, total: number) => void;
}

/** Job ids are unique in this realm: workers cache a job's spec and remember cancels by id. */
let jobCounter = 0;

/** Units per shard: about 200 shards a phase whatever the pool size, so the split never depends on it. */
export function shardSize(units: number): number {
  return Math.max(1, Math.ceil(units / 200));
}

/**
 * Runs analyses over a pool of engine workers that hold the same workspace (Web Workers in the
 * app, worker_threads in the CLI; one is enough). Work is split into shards of fixed units —
 * grid points, draws, nodes — handed to whichever worker is free; each shard's result depends
 * on its units alone and results are merged in unit order, so every result is identical
 * whatever the number of workers. Cancel stops handing out shards and stops those running.
 */
export class AnalysisPool {
  constructor(readonly ports: readonly AnalysisPort[]) {
    if (ports.length === 0) throw new Error('AnalysisPool needs at least one worker');
  }

  /** Imports the same files into every worker (copied to each, not transferred). */
  async importWorkspace(files: InputFile[]): Promise<Result<WorkspaceInfo, EngineError>> {
    const all = await Promise.all(this.ports.map((p) => p.request('workspace.import', { files })));
    for (const r of all) if (!r.ok) return r;
    return all[0] as Result<WorkspaceInfo, EngineError>;
  }

  sweep(spec: unknown, o: JobOptions = {}): Job<SweepResult> {
    return this.start(o, async (job) => {
      const plan = await this.plan(job, 'sweep', spec);
      if (!plan.ok) return plan;
      const p = plan.value;
      const b = await this.shards(job, 'sweep', p.units, (port, from, to) => port.request('analysis.sweepPoints', { jobId: job.id, spec, points: range(from, to) }));
      return b.ok ? stamped(p, spec, mergeSweep(p.axes, p.kpi ?? 'total_loss_usd', p.ids, concatKpis(b.value))) : b;
    });
  }

  monteCarlo(spec: unknown, o: JobOptions = {}): Job<MonteCarloResult> {
    return this.start(o, async (job) => {
      const plan = await this.plan(job, 'montecarlo', spec);
      if (!plan.ok) return plan;
      const p = plan.value;
      const info = p.montecarlo;
      if (!info) return err({ kind: 'internal', message: 'a Monte Carlo plan without its settings' });
      const b = await this.shards(job, 'montecarlo', p.units, (port, from, to) => port.request('analysis.mcDraws', { jobId: job.id, spec, from, to }));
      return b.ok ? stamped(p, spec, mergeMonteCarlo({ ...info, scenario: p.scenario }, p.ids, concatDraws(b.value))) : b;
    });
  }

  /** One search runs in one worker (bisection is sequential); `runId` keeps the run at the threshold there. */
  reverse(spec: unknown, o: JobOptions & { runId?: string } = {}): Job<ReverseResult> {
    return this.start(o, async (job) => {
      const plan = await this.plan(job, 'reverse', spec);
      if (!plan.ok) return plan;
      const port = this.ports[0] as AnalysisPort;
      const off = port.on('analysis.progress', (e) => e.jobId === job.id && job.progress(e.phase, e.done, e.total));
      try {
        const r = await port.request('analysis.reverse', { jobId: job.id, spec, ...(o.runId ? { runId: o.runId } : {}) });
        return r.ok ? stamped(plan.value, spec, r.value) : r;
      } finally {
        off();
      }
    });
  }

  /** Distance to default of every node (or those listed): the shared grid, then each node's bracket, over the pool. */
  distanceToDefault(spec: unknown, o: JobOptions = {}): Job<DistanceResult> {
    return this.start(o, async (job) => {
      const plan = await this.plan(job, 'distance', spec);
      if (!plan.ok) return plan;
      const p = plan.value;
      const grid = await this.shards(job, 'distance grid', p.samples.length, (port, from, to) => port.request('analysis.distanceSamples', { jobId: job.id, spec, samples: range(from, to) }));
      if (!grid.ok) return grid;
      const { tasks, partial } = distanceTasks(concatKpis(grid.value), p.samples, p.nodes, p.ids.nodes.length);
      const rows = await this.shards(job, 'distance', tasks.length, (port, from, to) => port.request('analysis.distanceNodes', { jobId: job.id, spec, tasks: tasks.slice(from, to) }));
      if (!rows.ok) return rows;
      const merged = mergeDistance(p.shock as NonNullable<AnalysisPlan['shock']>, p.tolerance ?? 0, p.samples, p.ids, partial, rows.value.flatMap((r: DistanceBatch) => r.rows));
      return stamped(p, spec, { ...merged, warnings: p.warnings });
    });
  }

  defaultImpact(spec: unknown, o: JobOptions = {}): Job<ImpactResult> {
    return this.start(o, async (job) => {
      const plan = await this.plan(job, 'impact', spec);
      if (!plan.ok) return plan;
      const p = plan.value;
      const b = await this.shards(job, 'impact', p.units, (port, from, to) => port.request('analysis.impactNodes', { jobId: job.id, spec, nodes: p.nodes.slice(from, to) }));
      return b.ok ? stamped(p, spec, mergeImpact(p.ids, concatImpact(b.value))) : b;
    });
  }

  debtRank(scenario: unknown, o: JobOptions = {}): Job<DebtRankResult> {
    return this.start(o, (job) => (this.ports[0] as AnalysisPort).request('analysis.debtrank', { jobId: job.id, scenario }));
  }

  /** Runs sweep point k again as an ordinary run (loss graph on), kept as `runId` in the first worker for results.* requests. */
  openSweepPoint(spec: unknown, point: number, runId: string): Promise<Result<RunResult, EngineError>> {
    return (this.ports[0] as AnalysisPort).request('analysis.openRun', { runId, sweep: spec, point });
  }

  private start<T>(o: JobOptions, work: (job: JobState) => Promise<Result<T, EngineError>>): Job<T> {
    const id = o.jobId ?? `analysis-${++jobCounter}`;
    const job: JobState = { id, cancelled: false, progress: (phase, done, total) => o.onProgress?.({ jobId: id, phase, done, total }) };
    const result = work(job).then(
      (r) => (job.cancelled && r.ok ? err<EngineError>({ kind: 'cancelled', message: `Analysis ${id} was cancelled.` }) : r),
      (e: unknown) => err<EngineError>({ kind: 'internal', message: `Analysis ${id} failed: ${e instanceof Error ? e.message : String(e)}` }),
    );
    return {
      id,
      result,
      cancel: () => {
        if (job.cancelled) return;
        job.cancelled = true;
        for (const p of this.ports) void p.request('analysis.cancel', { jobId: id });
      },
    };
  }

  /** Every worker checks the spec against its workspace; they must all hold the same one. */
  private async plan(job: JobState, kind: AnalysisKind, spec: unknown): Promise<Result<AnalysisPlan, EngineError>> {
    const plans = await Promise.all(this.ports.map((p) => p.request('analysis.plan', { kind, spec })));
    const first = plans[0] as Result<AnalysisPlan, EngineError>;
    for (const r of plans) {
      if (!r.ok) return r;
      if (first.ok && r.value.fingerprint !== first.value.fingerprint) {
        return err({ kind: 'invalid-request', message: 'The analysis workers hold different workspaces; import the same files into each (AnalysisPool.importWorkspace).' });
      }
    }
    if (job.cancelled) return err({ kind: 'cancelled', message: `Analysis ${job.id} was cancelled.` });
    return first;
  }

  /** Hands out shards [from, to) of `units` to free workers; results in shard order. */
  private async shards<T>(job: JobState, phase: string, units: number, send: (port: AnalysisPort, from: number, to: number) => Promise<Result<T, EngineError>>): Promise<Result<T[], EngineError>> {
    const size = shardSize(units);
    const count = Math.ceil(units / size);
    const results = new Array<T>(count);
    let next = 0;
    let doneUnits = 0;
    let failure: EngineError | null = null;
    job.progress(phase, 0, units);
    await Promise.all(
      this.ports.map(async (port) => {
        while (failure === null && !job.cancelled) {
          const k = next++;
          if (k >= count) return;
          const from = k * size;
          const to = Math.min(units, from + size);
          const r = await send(port, from, to);
          if (!r.ok) {
            if (failure === null && !job.cancelled) {
              failure = r.error;
              for (const p of this.ports) void p.request('analysis.cancel', { jobId: job.id });
            }
            return;
          }
          results[k] = r.value;
          doneUnits += to - from;
          job.progress(phase, doneUnits, units);
        }
      }),
    );
    if (job.cancelled) return err({ kind: 'cancelled', message: `Analysis ${job.id} was cancelled.` });
    if (failure !== null) return err(failure);
    return ok(results);
  }
}

/** Adds the stamp (engine version, workspace hash, spec hash) to a merged result. */
async function stamped<T extends { stamp?: AnalysisStamp }>(plan: AnalysisPlan, spec: unknown, value: T): Promise<Result<T, EngineError>> {
  const spec_hash = await sha256Hex(new TextEncoder().encode(canonicalJson(spec) ?? 'null'));
  value.stamp = { engine_version: ENGINE_VERSION, workspace_hash: plan.workspaceHash, spec_hash };
  return ok(value);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
