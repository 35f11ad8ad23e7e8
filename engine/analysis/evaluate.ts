import type { OpenWorkspace } from '../open-workspace';
import type { Scenario } from '../scenario/scenario';
import { validateScenario, type ScenarioProblem } from '../scenario/validate';
import type { CompiledWorkspace } from '../sim/compiled';
import { compilePlan } from '../sim/plan';
import { Simulation } from '../sim/simulation';
import { err, ok, type Result } from '../util/result';
import type { AnalysisIds, KpiBatch } from './analysis-types';
import { applyOverrides, type WorkspaceOverrides } from './overrides';
import { runKpis, SCALAR_KPIS, venueIndices, type RunKpis } from './run-kpis';

/** An open workspace as analyses use it: compiled once, with the venue order of every per-venue array. */
export interface AnalysisWorkspace {
  ow: OpenWorkspace;
  cw: CompiledWorkspace;
  venues: Int32Array;
  ids: AnalysisIds;
}

export function analysisWorkspace(ow: OpenWorkspace): AnalysisWorkspace {
  const m = ow.cw.model;
  const venues = venueIndices(m);
  return { ow, cw: ow.cw, venues, ids: { nodes: [...m.nodeIds], venues: Array.from(venues, (v) => m.nodeIds[v] as string), assets: m.assetIds.slice(1) } };
}

/**
 * One of an analysis's runs stopped early (Simulation.stoppedBecause: a number past a double's
 * range, results past their budget): thrown from deep in a job's loop, answered by the job runner
 * as the analysis's error.
 */
export class RunStopped extends Error {}

function finished(sim: Simulation): Simulation {
  if (sim.stoppedBecause !== null) throw new RunStopped(sim.stoppedBecause);
  return sim;
}

/** Runs a validated scenario to its end without the loss graph (fast) and keeps its KPIs. */
export function evaluate(aw: AnalysisWorkspace, scenario: Scenario, overrides: WorkspaceOverrides): RunKpis {
  const cw = applyOverrides(aw.cw, overrides);
  const sim = finished(new Simulation(cw, compilePlan(scenario, cw.model), { losses: false }).runToEnd());
  return runKpis(sim, aw.venues);
}

/** The same run with the loss graph, for its summary and contagion paths. */
export function fullRun(aw: AnalysisWorkspace, scenario: Scenario, overrides: WorkspaceOverrides): Simulation {
  const cw = applyOverrides(aw.cw, overrides);
  return finished(new Simulation(cw, compilePlan(scenario, cw.model), { losses: true }).runToEnd());
}

/** Validates a scenario document against the workspace (MODEL §2). */
export function checkScenario(aw: AnalysisWorkspace, doc: unknown): Result<Scenario, ScenarioProblem[]> {
  return validateScenario(doc, aw.ow.ids);
}

/** Packs runs' KPIs row by row; nodes only where they lost equity or defaulted. */
export function packKpis(units: number[], runs: readonly RunKpis[], ids: AnalysisIds): KpiBatch {
  const n = runs.length;
  const K = SCALAR_KPIS.length;
  const nV = ids.venues.length;
  const nA = ids.assets.length;
  const rows = { row: [] as number[], node: [] as number[], equityEnd: [] as number[], loss: [] as number[], defaultStep: [] as number[] };
  const b: KpiBatch = {
    units,
    scalars: new Float64Array(n * K),
    venueLiquidated: new Float64Array(n * nV),
    venueBadDebt: new Float64Array(n * nV),
    finalPrices: new Float64Array(n * nA),
    nodeRows: { row: new Int32Array(0), node: new Int32Array(0), equityEnd: new Float64Array(0), loss: new Float64Array(0), defaultStep: new Int32Array(0) },
  };
  runs.forEach((r, i) => {
    b.scalars.set(r.scalars, i * K);
    b.venueLiquidated.set(r.venueLiquidated, i * nV);
    b.venueBadDebt.set(r.venueBadDebt, i * nV);
    b.finalPrices.set(r.finalPrices, i * nA);
    for (let j = 0; j < r.nodeLoss.length; j++) {
      if (!((r.nodeLoss[j] as number) > 0) && (r.nodeDefaultStep[j] as number) < 0) continue;
      rows.row.push(i);
      rows.node.push(j);
      rows.equityEnd.push(r.nodeEquityEnd[j] as number);
      rows.loss.push(r.nodeLoss[j] as number);
      rows.defaultStep.push(r.nodeDefaultStep[j] as number);
    }
  });
  b.nodeRows = { row: Int32Array.from(rows.row), node: Int32Array.from(rows.node), equityEnd: Float64Array.from(rows.equityEnd), loss: Float64Array.from(rows.loss), defaultStep: Int32Array.from(rows.defaultStep) };
  return b;
}

/** Concatenates batches (in the order given) into one. */
export function concatKpis(batches: readonly KpiBatch[]): KpiBatch {
  const cat = <T extends Float64Array | Int32Array>(make: (n: number) => T, pick: (b: KpiBatch) => T, shift: (b: KpiBatch) => number = () => 0): T => {
    const out = make(batches.reduce((s, b) => s + pick(b).length, 0));
    let at = 0;
    for (const b of batches) {
      const part = pick(b);
      const d = shift(b);
      if (d === 0) out.set(part, at);
      else for (let i = 0; i < part.length; i++) out[at + i] = (part[i] as number) + d;
      at += part.length;
    }
    return out;
  };
  const f = (n: number) => new Float64Array(n);
  const i32 = (n: number) => new Int32Array(n);
  const offsets = new Map<KpiBatch, number>();
  let units = 0;
  for (const b of batches) {
    offsets.set(b, units);
    units += b.units.length;
  }
  return {
    units: batches.flatMap((b) => b.units),
    scalars: cat(f, (b) => b.scalars),
    venueLiquidated: cat(f, (b) => b.venueLiquidated),
    venueBadDebt: cat(f, (b) => b.venueBadDebt),
    finalPrices: cat(f, (b) => b.finalPrices),
    nodeRows: {
      row: cat(i32, (b) => b.nodeRows.row, (b) => offsets.get(b) as number),
      node: cat(i32, (b) => b.nodeRows.node),
      equityEnd: cat(f, (b) => b.nodeRows.equityEnd),
      loss: cat(f, (b) => b.nodeRows.loss),
      defaultStep: cat(i32, (b) => b.nodeRows.defaultStep),
    },
  };
}

export function problemsText(problems: readonly ScenarioProblem[]): string {
  return problems.map((p) => `${p.index === null ? 'scenario' : `events[${p.index}]`}${p.field ? `.${p.field}` : ''}: ${p.message}`).join('; ');
}

/** A scenario's problems as spec problems, one each, under the spec's field: `montecarlo.scenario.events[2].change: …`. */
export function scenarioProblems(where: string, problems: readonly ScenarioProblem[]): string[] {
  return problems.map((p) => `${where}${p.index === null ? '' : `.events[${p.index}]`}${p.field ? `.${p.field}` : ''}: ${p.message}`);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A spec problem: what is wrong, where. */
export type SpecResult<T> = Result<T, string[]>;

export function specError<T>(...problems: string[]): SpecResult<T> {
  return err(problems);
}

export { ok };
