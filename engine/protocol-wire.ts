import type { EngineError, Method, Requests } from './protocol';
import { packSummary, unpackSummary, type WireSummary } from './results/summary-wire';
import type { RunSummary } from './results/summary-types';
import type { Result } from './util/result';

/**
 * Results as they cross between the engine and its clients: the same values, except that a run
 * summary's per-node records travel as columns (engine/results/summary-wire.ts). serve.ts packs
 * every answer with `resultToWire`; every client unpacks it with `resultFromWire`.
 */

/** Where a method's result holds a run summary: at `summary`, or at `run.summary` (null allowed). */
const SUMMARY_AT: { readonly [M in Method]?: 'summary' | 'run' } = {
  'sim.run': 'summary',
  'sim.complete': 'summary',
  'results.summary': 'summary',
  'analysis.openRun': 'summary',
  'analysis.reverse': 'summary',
  'project.open': 'run',
};

type Holder = Record<string, unknown>;

/** The result to post for `method`: a shallow copy with its summary packed (the engine's own value untouched). */
export function resultToWire(method: Method, value: unknown): unknown {
  return mapSummary(method, value, (s) => packSummary(s as RunSummary));
}

/** The result a client receives for `method`, its summary unpacked; an internal error when the summary does not fit. */
export function resultFromWire<M extends Method>(method: M, value: unknown): Result<Requests[M]['result'], EngineError> {
  let broken = false;
  const out = mapSummary(method, value, (w) => {
    const s = unpackSummary(w as WireSummary);
    if (s === null) broken = true;
    return s;
  });
  if (broken) return { ok: false, error: { kind: 'internal', message: `The engine's answer to ${method} came with a summary that does not fit together.` } };
  return { ok: true, value: out as Requests[M]['result'] };
}

function mapSummary(method: Method, value: unknown, f: (summary: unknown) => unknown): unknown {
  const at = SUMMARY_AT[method];
  if (!at || !isHolder(value)) return value;
  if (at === 'summary') return isHolder(value.summary) ? { ...value, summary: f(value.summary) } : value;
  const run = value.run;
  if (!isHolder(run) || !isHolder(run.summary)) return value;
  return { ...value, run: { ...run, summary: f(run.summary) } };
}

function isHolder(x: unknown): x is Holder {
  return typeof x === 'object' && x !== null && !ArrayBuffer.isView(x);
}

/** A client's answer to `method` as it arrived (a value in wire form, or an error), unpacked. */
export function answerFromWire<M extends Method>(method: M, r: Result<unknown, EngineError>): Result<Requests[M]['result'], EngineError> {
  return r.ok ? resultFromWire(method, r.value) : r;
}
