/** Glue shared by the reference and property tests: run the engine on row objects, compare numbers. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { compileModel } from '../../engine/sim/compile';
import { resultTables } from '../../engine/results/tables';
import { prepare } from '../../engine/sim/compiled';
import { runScenario } from '../../engine/sim/run';
import type { Simulation } from '../../engine/sim/simulation';
import type { RunSummary } from '../../engine/results/summary-types';
import type { Scenario } from '../../engine/scenario/scenario';
import { validateScenario, type ScenarioIds } from '../../engine/scenario/validate';
import { workspaceFromRows, type Rows } from '../helpers/workspace';
import type { TableName } from '../../engine/workspace/schema';
import { referenceRun, type StepFlags } from './reference-model';

export function scenarioIds(rows: Rows): ScenarioIds {
  const assets = new Set<string>(['USD']);
  for (const r of rows.assets ?? []) assets.add(String(r.id));
  const nodes = new Set<string>();
  const venues = new Set<string>();
  for (const r of rows.nodes ?? []) {
    nodes.add(String(r.id));
    if (r.kind === 'venue') venues.add(String(r.id));
  }
  const oracles = new Set<string>();
  for (const r of rows.oracles ?? []) oracles.add(String(r.id));
  return { assets, nodes, venues, oracles };
}

/** Validates a scenario document against the workspace's ids; throws with every problem. */
export function validScenario(rows: Rows, doc: unknown): Scenario {
  const v = validateScenario(doc, scenarioIds(rows));
  if (!v.ok) throw new Error(`invalid scenario: ${JSON.stringify(v.error)}`);
  return v.value;
}

export function runEngine(rows: Rows, sc: Scenario): { summary: RunSummary; sim: Simulation } {
  const cw = prepare(compileModel(workspaceFromRows(rows)));
  return runScenario(cw, sc);
}

/** A worked case of test/cases: CSV tables as row objects (all values strings), scenario and expected summary. */
export function loadCase(dir: string): { rows: Rows; scenario: unknown; expected: unknown } {
  const rows: Rows = {};
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.csv')) continue;
    const lines = readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
    const head = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
    rows[f.slice(0, -4) as TableName] = lines.slice(1).map((l) => {
      const cells = l.split(',');
      const r: Record<string, string> = {};
      head.forEach((h, i) => (r[h] = (cells[i] ?? '').trim()));
      return r;
    });
  }
  const scenario: unknown = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8'));
  const expected: unknown = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  return { rows, scenario, expected };
}

/** |a − b| ≤ max(abs, rel·max(|a|, |b|)); both non-finite values must match exactly. */
export function close(a: number, b: number, rel: number, abs: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b);
  return Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b)));
}

/** The summary fields the reference computes (everything of §6 except paths, warnings and the scenario name). */
export interface ComparableSummary {
  steps_run: number;
  converged: boolean;
  total_liquidated_usd: number;
  total_bad_debt_usd: number;
  total_loss_usd: number;
  direct_loss_usd: number;
  amplification: number | null;
  final_prices: Record<string, number>;
  nodes: Record<string, { equity_start_usd: number; equity_end_usd: number; obligations_usd: number; payments_usd: number; recovery_rate: number; defaulted: boolean; default_step: number | null }>;
  venues: Record<string, { liquidated_usd: number; bad_debt_usd: number; halted_step: number | null }>;
}

/**
 * Every difference between two summaries, as readable lines: money and prices with the given
 * tolerances, counts, flags and default steps exactly. Empty when they agree.
 */
export function diffSummaries(actual: ComparableSummary, expected: ComparableSummary, rel: number, abs: number): string[] {
  const out: string[] = [];
  const numEq = (path: string, a: number | null | undefined, b: number | null | undefined): void => {
    if (a === null || b === null || a === undefined || b === undefined) {
      if (a !== b) out.push(`${path}: ${String(a)} vs ${String(b)}`);
      return;
    }
    if (!close(a, b, rel, abs)) out.push(`${path}: ${a} vs ${b}`);
  };
  const exact = (path: string, a: unknown, b: unknown): void => {
    if (a !== b) out.push(`${path}: ${String(a)} vs ${String(b)}`);
  };
  exact('steps_run', actual.steps_run, expected.steps_run);
  exact('converged', actual.converged, expected.converged);
  numEq('total_liquidated_usd', actual.total_liquidated_usd, expected.total_liquidated_usd);
  numEq('total_bad_debt_usd', actual.total_bad_debt_usd, expected.total_bad_debt_usd);
  // Σ max(0, start − end): a sum of differences, so its rounding scales with the equities, not with the sum
  let equityScale = 0;
  for (const n of Object.values(expected.nodes)) equityScale += Math.max(Math.abs(n.equity_start_usd), Math.abs(n.equity_end_usd));
  const lossEq = (path: string, a: number, b: number): void => {
    if (!(Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b), equityScale)))) out.push(`${path}: ${a} vs ${b}`);
  };
  lossEq('total_loss_usd', actual.total_loss_usd, expected.total_loss_usd);
  lossEq('direct_loss_usd', actual.direct_loss_usd, expected.direct_loss_usd);
  const keys = (a: object, b: object): string[] => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const a of keys(actual.final_prices, expected.final_prices)) numEq(`final_prices.${a}`, actual.final_prices[a], expected.final_prices[a]);
  for (const n of keys(actual.nodes, expected.nodes)) {
    const x = actual.nodes[n];
    const y = expected.nodes[n];
    if (!x || !y) {
      out.push(`nodes.${n}: present ${Boolean(x)} vs ${Boolean(y)}`);
      continue;
    }
    numEq(`nodes.${n}.equity_start_usd`, x.equity_start_usd, y.equity_start_usd);
    numEq(`nodes.${n}.equity_end_usd`, x.equity_end_usd, y.equity_end_usd);
    numEq(`nodes.${n}.obligations_usd`, x.obligations_usd, y.obligations_usd);
    numEq(`nodes.${n}.payments_usd`, x.payments_usd, y.payments_usd);
    // a ratio of two money amounts: compared as the payment it implies (tiny obligations make it ill-conditioned)
    const owed = Math.max(Math.abs(x.obligations_usd), Math.abs(y.obligations_usd));
    if (Math.abs(x.recovery_rate - y.recovery_rate) * owed > Math.max(abs, rel * owed) && !(owed === 0 && x.recovery_rate === y.recovery_rate)) {
      out.push(`nodes.${n}.recovery_rate: ${x.recovery_rate} vs ${y.recovery_rate}`);
    }
    exact(`nodes.${n}.defaulted`, x.defaulted, y.defaulted);
    exact(`nodes.${n}.default_step`, x.default_step, y.default_step);
  }
  for (const v of keys(actual.venues, expected.venues)) {
    const x = actual.venues[v];
    const y = expected.venues[v];
    if (!x || !y) {
      out.push(`venues.${v}: present ${Boolean(x)} vs ${Boolean(y)}`);
      continue;
    }
    numEq(`venues.${v}.liquidated_usd`, x.liquidated_usd, y.liquidated_usd);
    numEq(`venues.${v}.bad_debt_usd`, x.bad_debt_usd, y.bad_debt_usd);
    exact(`venues.${v}.halted_step`, x.halted_step, y.halted_step);
  }
  return out;
}

/**
 * The (steps_run, converged) outcomes the fixed-point rule can give when every step whose
 * quietness hinges on float noise in an oracle report (see `StepFlags`) may go either way.
 */
export function feasibleStops(flags: readonly StepFlags[], k: number): Set<string> {
  const out = new Set<string>();
  let states = new Set<number>([0]);
  flags.forEach((f, t) => {
    const next = new Set<number>();
    const values: boolean[] = [];
    if (f.quiet || f.canBeQuiet) values.push(true);
    if (!f.quiet || f.canBeNoisy) values.push(false);
    for (const q of states) {
      for (const v of values) {
        const q2 = v ? Math.min(k, q + 1) : 0;
        if (q2 >= k && !f.eventRemains) out.add(`${t + 1}|true`);
        else next.add(q2);
      }
    }
    states = next;
  });
  if (states.size > 0) out.add(`${flags.length}|false`);
  return out;
}

/**
 * Compares an engine summary with the reference: money `rel`/`abs`, everything else exact.
 * When steps_run/converged differ only because a step's quietness hinges on rounding noise in
 * an oracle report near the tolerance, the engine's stop is accepted if it is
 * one the rule can give, and the numbers are compared with a reference run of the same length.
 */
export function diffAgainstReference(rows: Rows, sc: Scenario, engine: { summary: RunSummary; sim: Simulation }, rel: number, abs: number): string[] {
  const { summary, sim } = engine;
  const ref = referenceRun(rows, sc);
  if (summary.steps_run === ref.steps_run && summary.converged === ref.converged) {
    return [...diffSummaries(summary, ref, rel, abs), ...diffStepPrices(sim, ref, rel, abs)];
  }
  const full = referenceRun(rows, sc, { forceSteps: sc.steps });
  const feasible = feasibleStops(full.stepFlags, full.quietSteps);
  const claimed = `${summary.steps_run}|${summary.converged}`;
  if (!feasible.has(claimed)) {
    return [
      `steps_run/converged: engine ${claimed} vs reference ${ref.steps_run}|${ref.converged} (noise-feasible: ${[...feasible].join(', ')})`,
      ...diffSummaries(summary, ref, rel, abs),
    ];
  }
  const same = referenceRun(rows, sc, { forceSteps: summary.steps_run });
  return [...diffSummaries(summary, { ...same, converged: summary.converged }, rel, abs), ...diffStepPrices(sim, same, rel, abs)];
}

/** Per-step market prices: the engine's `prices` table against the reference's end-of-step prices. */
export function diffStepPrices(sim: Simulation, ref: { prices: Record<string, number>[] }, rel: number, abs: number): string[] {
  const out: string[] = [];
  const t = resultTables(sim).prices;
  const step = t.getChild('step');
  const asset = t.getChild('asset');
  const price = t.getChild('market_price');
  if (!step || !asset || !price) return ['prices table lacks step/asset/market_price'];
  const seen = new Set<string>();
  for (let i = 0; i < t.numRows; i++) {
    const s = step.get(i) as number;
    const a = String(asset.get(i));
    const p = price.get(i) as number;
    if (a === 'USD') continue;
    seen.add(`${s}|${a}`);
    const r = ref.prices[s]?.[a];
    if (r === undefined) out.push(`prices[${s}].${a}: engine ${p}, reference has no such step/asset`);
    else if (!close(p, r, rel, abs)) out.push(`prices[${s}].${a}: ${p} vs ${r}`);
  }
  ref.prices.forEach((rec, s) => {
    for (const a of Object.keys(rec)) if (!seen.has(`${s}|${a}`)) out.push(`prices[${s}].${a}: missing in the engine's table`);
  });
  return out;
}

/** Paths where two JSON-like values differ; numbers must be the same float64 (Object.is). */
export function bitDiff(a: unknown, b: unknown, path = '$'): string[] {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) ? [] : [`${path}: ${a} vs ${b}`];
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b ? [] : [`${path}: ${String(a)} vs ${String(b)}`];
  if (Array.isArray(a) !== Array.isArray(b)) return [`${path}: array vs object`];
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return [`${path}: keys ${ka.join(',')} vs ${kb.join(',')}`];
  const out: string[] = [];
  for (const k of ka) out.push(...bitDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  return out;
}

/** Differences between two Arrow tables: schema, row count, and every cell (numbers by Object.is). */
export function tableDiff(name: string, a: Table, b: Table): string[] {
  const fa = a.schema.fields.map((f) => `${f.name}:${String(f.type)}`);
  const fb = b.schema.fields.map((f) => `${f.name}:${String(f.type)}`);
  if (fa.join() !== fb.join()) return [`${name}: schema ${fa.join()} vs ${fb.join()}`];
  if (a.numRows !== b.numRows) return [`${name}: ${a.numRows} vs ${b.numRows} rows`];
  const out: string[] = [];
  for (const f of a.schema.fields) {
    const ca = a.getChild(f.name);
    const cb = b.getChild(f.name);
    if (!ca || !cb) {
      out.push(`${name}.${f.name}: missing column`);
      continue;
    }
    for (let i = 0; i < a.numRows && out.length < 20; i++) {
      const x: unknown = ca.get(i);
      const y: unknown = cb.get(i);
      const same = typeof x === 'number' && typeof y === 'number' ? Object.is(x, y) : x === y;
      if (!same) out.push(`${name}.${f.name}[${i}]: ${String(x)} vs ${String(y)}`);
    }
  }
  return out;
}
