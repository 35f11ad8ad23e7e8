import type { OpenWorkspace } from '../open-workspace';
import type { EngineError } from '../protocol';
import type { ServeContext } from '../serve-context';
import { err, ok, type Result } from '../util/result';
import { analysisWorkspace, RunStopped, type AnalysisWorkspace, type SpecResult } from './evaluate';
import { modelFingerprint } from './fingerprint';

const SLICE_MS = 25;
const PROGRESS_MS = 100;
const KEEP_CANCELLED = 256;
const KEEP_SPECS = 4;

/**
 * The worker side of analysis jobs: the workspace as analyses see it, narrowed specs cached per
 * job (every shard of a job sends the same spec), cancel marks, and loops over units of work that
 * yield to events between runs so that a cancel gets in, with throttled progress.
 */
export class JobRunner {
  private aw: { ow: OpenWorkspace; aw: AnalysisWorkspace; fingerprint: Promise<string> | null } | null = null;
  private readonly specs = new Map<string, unknown>();
  private readonly cancelled = new Set<string>();

  constructor(private readonly ctx: ServeContext) {}

  workspace(): Result<AnalysisWorkspace, EngineError> {
    const ow = this.ctx.workspace;
    if (!ow) return err({ kind: 'no-workspace', message: 'Import a workspace before running an analysis.' });
    if (this.aw?.ow !== ow) {
      this.aw = { ow, aw: analysisWorkspace(ow), fingerprint: null };
      this.specs.clear();
    }
    return ok(this.aw.aw);
  }

  /** The compiled workspace's fingerprint, computed once. */
  fingerprint(): Promise<string> {
    const a = this.aw;
    if (!a) return Promise.resolve('');
    a.fingerprint ??= modelFingerprint(a.aw.cw.model);
    return a.fingerprint;
  }

  /** The spec of a job, narrowed once per worker (keyed by kind, job id and the spec's JSON). */
  spec<T>(kind: string, jobId: string, raw: unknown, narrow: (raw: unknown, aw: AnalysisWorkspace) => SpecResult<T>): Result<{ aw: AnalysisWorkspace; spec: T }, EngineError> {
    const w = this.workspace();
    if (!w.ok) return w;
    const key = `${kind}\u0000${jobId}\u0000${JSON.stringify(raw) ?? ''}`;
    if (this.specs.has(key)) return ok({ aw: w.value, spec: this.specs.get(key) as T });
    const s = narrow(raw, w.value);
    if (!s.ok) return err(specProblem(kind, s.error));
    this.specs.set(key, s.value);
    while (this.specs.size > KEEP_SPECS) this.specs.delete(this.specs.keys().next().value as string);
    return ok({ aw: w.value, spec: s.value });
  }

  cancel(jobId: string): void {
    this.cancelled.add(jobId);
    while (this.cancelled.size > KEEP_CANCELLED) this.cancelled.delete(this.cancelled.values().next().value as string);
  }

  isCancelled(jobId: string): boolean {
    return this.cancelled.has(jobId);
  }

  cancelledError(jobId: string): EngineError {
    return { kind: 'cancelled', message: `Analysis ${jobId} was cancelled.` };
  }

  /** Runs `fn` on each unit in order. */
  async each<U, T>(jobId: string, phase: string, units: readonly U[], fn: (u: U) => T): Promise<Result<T[], EngineError>> {
    const out: T[] = [];
    const r = await this.loop(jobId, phase, units.length, () => {
      out.push(fn(units[out.length] as U));
      return out.length >= units.length;
    });
    return r.ok ? ok(out) : r;
  }

  /** Drives a generator (one run per step) to its end. */
  async drive<T>(jobId: string, phase: string, total: number, gen: Generator<unknown, T>): Promise<Result<T, EngineError>> {
    let value: T | undefined;
    const r = await this.loop(jobId, phase, total, () => {
      const step = gen.next();
      if (step.done) value = step.value;
      return step.done === true;
    });
    return r.ok ? ok(value as T) : r;
  }

  private async loop(jobId: string, phase: string, total: number, step: () => boolean): Promise<Result<null, EngineError>> {
    const { host } = this.ctx;
    if (this.isCancelled(jobId)) return err(this.cancelledError(jobId));
    let done = 0;
    let slice = host.now();
    let shown = -Infinity;
    let finished = total === 0;
    while (!finished) {
      try {
        finished = step();
      } catch (e) {
        if (e instanceof RunStopped) return err({ kind: 'invalid-request', message: `The analysis cannot be computed: ${e.message}.` });
        throw e;
      }
      done++;
      const now = host.now();
      if (now - shown >= PROGRESS_MS || finished) {
        shown = now;
        this.ctx.emit('analysis.progress', { jobId, phase, done: Math.min(done, total), total });
      }
      if (!finished && now - slice >= SLICE_MS) {
        await host.yieldToEvents();
        if (this.isCancelled(jobId)) return err(this.cancelledError(jobId));
        slice = host.now();
      }
    }
    return ok(null);
  }
}

export function specProblem(kind: string, problems: readonly string[]): EngineError {
  return { kind: 'invalid-request', message: `The ${kind} spec has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}`).join('\n')}` };
}
