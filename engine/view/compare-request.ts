import type { EngineError } from '../protocol';
import { readString } from '../serve-args';
import type { RunRecord } from '../serve-context';
import { err, ok, type Result } from '../util/result';
import { compareRuns, type CompareInput } from './compare';
import { marketPrices, runSteps } from './compare-series';
import type { CompareView, RunSteps } from './compare-types';

const MAX_RUNS = 8;

/** Per-step series of kept runs, computed once per run record (it is dropped with the record). */
export class RunSeriesCache {
  private readonly cache = new WeakMap<RunRecord, { steps: RunSteps; prices: Map<string, number[]> }>();

  of(rec: RunRecord): { steps: RunSteps; prices: Map<string, number[]> } {
    let v = this.cache.get(rec);
    if (!v) {
      const sim = rec.sim;
      v = { steps: runSteps(rec.result.runId, sim), prices: marketPrices(sim) };
      this.cache.set(rec, v);
    }
    return v;
  }
}

function readIds(raw: unknown): string[] | null {
  if (!Array.isArray(raw)) return null;
  const out: string[] = [];
  for (const x of raw) {
    const id = readString(x);
    if (id === null) return null;
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/** view.compare: the kept runs among `runIds`, the first the baseline. */
export function compareRequest(runs: ReadonlyMap<string, RunRecord>, cache: RunSeriesCache, args: Record<string, unknown>): Result<CompareView, EngineError> {
  const ids = readIds(args.runIds);
  if (ids === null || ids.length === 0 || ids.length > MAX_RUNS) return err({ kind: 'invalid-request', message: `view.compare needs runIds: 1 to ${MAX_RUNS} run ids` });
  const assets = args.assets === undefined ? [] : readIds(args.assets);
  if (assets === null) return err({ kind: 'invalid-request', message: 'view.compare: assets must be a list of asset ids' });
  const inputs: CompareInput[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const rec = runs.get(id);
    if (!rec) {
      missing.push(id);
      continue;
    }
    const { steps, prices } = cache.of(rec);
    inputs.push({ runId: id, summary: rec.result.summary, stamp: rec.result.stamp, steps, prices });
  }
  return ok(compareRuns(inputs, missing, assets));
}

/** view.runSteps: one kept run's per-step aggregates. */
export function runStepsRequest(runs: ReadonlyMap<string, RunRecord>, cache: RunSeriesCache, args: Record<string, unknown>): Result<RunSteps, EngineError> {
  const id = readString(args.runId) ?? '';
  const rec = runs.get(id);
  return rec ? ok(cache.of(rec).steps) : err({ kind: 'not-found', message: `No run ${String(args.runId)} is kept.` });
}
