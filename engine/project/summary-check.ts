import type { RunStamp, RunSummary, NodeSummary, VenueSummary } from '../results/summary-types';

// Narrowing of the saved summary and stamp, which arrive from a file as unknown JSON.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON has no NaN or infinity: JSON.stringify wrote them as null, so null reads back as NaN. */
function num(o: Obj, key: string, where: string): number {
  const v = o[key];
  if (typeof v === 'number') return v;
  if (v === null) return NaN;
  throw new SummaryError(`${where}.${key} should be a number`);
}

function numOrNull(o: Obj, key: string, where: string): number | null {
  const v = o[key];
  if (v === null || typeof v === 'number') return v;
  throw new SummaryError(`${where}.${key} should be a number or null`);
}

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v === 'string') return v;
  throw new SummaryError(`${where}.${key} should be a text`);
}

function bool(o: Obj, key: string, where: string): boolean {
  const v = o[key];
  if (typeof v === 'boolean') return v;
  throw new SummaryError(`${where}.${key} should be true or false`);
}

function obj(o: Obj, key: string, where: string): Obj {
  const v = o[key];
  if (isObj(v)) return v;
  throw new SummaryError(`${where}.${key} should be an object`);
}

function strings(o: Obj, key: string, where: string): string[] {
  const v = o[key];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new SummaryError(`${where}.${key} should be a list of texts`);
}

class SummaryError extends Error {}

function node(v: unknown, where: string): NodeSummary {
  if (!isObj(v)) throw new SummaryError(`${where} should be an object`);
  return {
    equity_start_usd: num(v, 'equity_start_usd', where),
    equity_end_usd: num(v, 'equity_end_usd', where),
    obligations_usd: num(v, 'obligations_usd', where),
    payments_usd: num(v, 'payments_usd', where),
    recovery_rate: num(v, 'recovery_rate', where),
    defaulted: bool(v, 'defaulted', where),
    default_step: numOrNull(v, 'default_step', where),
    path: strings(v, 'path', where),
  };
}

function venue(v: unknown, where: string): VenueSummary {
  if (!isObj(v)) throw new SummaryError(`${where} should be an object`);
  return { liquidated_usd: num(v, 'liquidated_usd', where), bad_debt_usd: num(v, 'bad_debt_usd', where), halted_step: numOrNull(v, 'halted_step', where) };
}

function record<T>(o: Obj, key: string, where: string, each: (v: unknown, where: string) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(obj(o, key, where))) out[k] = each(v, `${where}.${key}.${k}`);
  return out;
}

/** A RunSummary (MODEL §6) from parsed JSON, or the first field that is wrong. */
export function narrowSummary(v: unknown): RunSummary | string {
  try {
    if (!isObj(v)) return 'the summary should be an object';
    const w = 'summary';
    return {
      scenario: str(v, 'scenario', w),
      steps_run: num(v, 'steps_run', w),
      converged: bool(v, 'converged', w),
      total_liquidated_usd: num(v, 'total_liquidated_usd', w),
      total_bad_debt_usd: num(v, 'total_bad_debt_usd', w),
      total_loss_usd: num(v, 'total_loss_usd', w),
      direct_loss_usd: num(v, 'direct_loss_usd', w),
      amplification: numOrNull(v, 'amplification', w),
      final_prices: record(v, 'final_prices', w, (p, where) => {
        if (typeof p !== 'number' && p !== null) throw new SummaryError(`${where} should be a number`);
        return p ?? NaN;
      }),
      nodes: record(v, 'nodes', w, node),
      venues: record(v, 'venues', w, venue),
      warnings: strings(v, 'warnings', w),
    };
  } catch (e) {
    if (e instanceof SummaryError) return e.message;
    throw e;
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

/** What `results/run.json` holds besides the summary. */
export interface SavedRun {
  stamp: RunStamp;
  run_ms: number;
  row_counts: Record<string, number>;
}

export function narrowSavedRun(v: unknown): SavedRun | string {
  try {
    if (!isObj(v)) return 'run.json should be an object';
    const stamp = obj(v, 'stamp', 'run');
    const s: RunStamp = {
      engine_version: str(stamp, 'engine_version', 'run.stamp'),
      workspace_hash: str(stamp, 'workspace_hash', 'run.stamp'),
      scenario_hash: str(stamp, 'scenario_hash', 'run.stamp'),
    };
    if (!HEX64.test(s.workspace_hash) || !HEX64.test(s.scenario_hash)) return 'run.stamp hashes should be SHA-256 hex';
    const counts: Record<string, number> = {};
    for (const [k, n] of Object.entries(obj(v, 'row_counts', 'run'))) {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return `run.row_counts.${k} should be a row count`;
      counts[k] = n;
    }
    const ms = num(v, 'run_ms', 'run');
    return { stamp: s, run_ms: Number.isFinite(ms) && ms >= 0 ? ms : 0, row_counts: counts };
  } catch (e) {
    if (e instanceof SummaryError) return e.message;
    throw e;
  }
}
