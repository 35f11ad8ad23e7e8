import { DEFAULT_OPTIONS, DEFAULT_STEPS, type Scenario } from '../scenario/scenario';
import { boolVector, f64Vector, i32Vector } from '../util/arrow-columns';
import { ok } from '../util/result';
import type { AnalysisIds, ImpactBatch, ImpactResult, ImpactRow } from './analysis-types';
import { checkScenario, evaluate, isObject, problemsText, specError, type AnalysisWorkspace, type SpecResult } from './evaluate';
import { narrowOverrides, type WorkspaceOverrides } from './overrides';
import { KPI, SCALAR_KPIS, type RunKpis } from './run-kpis';
import { idColumn, ipcOf } from './ipc';

export const IMPACT_DEFINITION =
  'Default impact of node i: the cascade of a scenario whose only event is an external_loss of fraction 1 at i at step 0 — ' +
  'i loses all its external assets (cash, reserves, insurance fund: everything the tables do not model), with the base ' +
  "scenario's horizon and options. Its positions, holdings and claims stay; when they cover its obligations i does not " +
  'default (defaulted = false) and the row shows the loss of its external assets alone. loss_to_others_usd = total_loss_usd − ' +
  "i's own loss; ranked by it.";

/** JSON: {scenario?, overrides?, nodes?}: the scenario gives the horizon and options only (its events are not used). */
export interface ImpactSpec {
  steps: number;
  options: Scenario['options'];
  overrides: WorkspaceOverrides;
  nodes: number[];
}

export function narrowImpactSpec(raw: unknown, aw: AnalysisWorkspace): SpecResult<ImpactSpec> {
  const r = raw === undefined ? {} : raw;
  if (!isObject(r)) return specError('impact: the spec must be an object {scenario?, overrides?, nodes?}');
  let steps = DEFAULT_STEPS;
  let options = { ...DEFAULT_OPTIONS };
  if (r.scenario !== undefined) {
    const sc = checkScenario(aw, r.scenario);
    if (!sc.ok) return specError(`impact.scenario: ${problemsText(sc.error)}`);
    steps = sc.value.steps;
    options = sc.value.options;
  }
  const ov = narrowOverrides(r.overrides, aw.cw.model);
  if (!ov.ok) return specError(...ov.error);
  const m = aw.cw.model;
  let nodes = m.nodeIds.map((_, i) => i);
  if (r.nodes !== undefined) {
    if (!Array.isArray(r.nodes) || r.nodes.some((n) => typeof n !== 'string' || !aw.ow.ids.nodes.has(n))) return specError('impact.nodes: must list node ids of the workspace');
    nodes = [...new Set(r.nodes as string[])].map((id) => m.nodeIds.indexOf(id)).sort((a, b) => a - b);
  }
  return ok({ steps, options, overrides: ov.value, nodes });
}

/** The scenario of node i's default (see IMPACT_DEFINITION). */
export function impactScenario(spec: Pick<ImpactSpec, 'steps' | 'options'>, nodeId: string): Scenario {
  return {
    name: `${nodeId} loses all its external assets`,
    description: IMPACT_DEFINITION,
    steps: spec.steps,
    options: spec.options,
    events: [{ type: 'external_loss', node: nodeId, fraction: 1, at: 0 }],
  };
}

/** Runs node i's default (worker side). */
export function impactRun(aw: AnalysisWorkspace, spec: ImpactSpec, i: number): RunKpis {
  return evaluate(aw, impactScenario(spec, aw.cw.model.nodeIds[i] as string), spec.overrides);
}

/** Packs the runs of `nodes` (in order). */
export function packImpact(nodes: number[], runs: readonly RunKpis[]): ImpactBatch {
  const K = SCALAR_KPIS.length;
  const b: ImpactBatch = { nodes, scalars: new Float64Array(nodes.length * K), ownLoss: new Float64Array(nodes.length), ownDefaultStep: new Int32Array(nodes.length) };
  nodes.forEach((i, k) => {
    const r = runs[k] as RunKpis;
    b.scalars.set(r.scalars, k * K);
    b.ownLoss[k] = r.nodeLoss[i] as number;
    b.ownDefaultStep[k] = r.nodeDefaultStep[i] as number;
  });
  return b;
}

/** Concatenates impact batches in the order given. */
export function concatImpact(batches: readonly ImpactBatch[]): ImpactBatch {
  const K = SCALAR_KPIS.length;
  const nodes = batches.flatMap((b) => b.nodes);
  const out: ImpactBatch = { nodes, scalars: new Float64Array(nodes.length * K), ownLoss: new Float64Array(nodes.length), ownDefaultStep: new Int32Array(nodes.length) };
  let at = 0;
  for (const b of batches) {
    out.scalars.set(b.scalars, at * K);
    out.ownLoss.set(b.ownLoss, at);
    out.ownDefaultStep.set(b.ownDefaultStep, at);
    at += b.nodes.length;
  }
  return out;
}

/** Ranks nodes by the loss their default causes to the others (largest first, ties by id). */
export function mergeImpact(ids: AnalysisIds, b: ImpactBatch): ImpactResult {
  const K = SCALAR_KPIS.length;
  const rows: ImpactRow[] = b.nodes.map((node, k) => {
    const s = (kpi: number) => b.scalars[k * K + kpi] as number;
    const step = b.ownDefaultStep[k] as number;
    const total = s(KPI.total_loss_usd);
    return {
      node: ids.nodes[node] as string,
      defaulted: step >= 0,
      default_step: step >= 0 ? step : null,
      total_loss_usd: total,
      loss_to_others_usd: Math.max(0, total - (b.ownLoss[k] as number)),
      induced_defaults: s(KPI.defaults) - (step >= 0 ? 1 : 0),
      total_bad_debt_usd: s(KPI.total_bad_debt_usd),
      total_liquidated_usd: s(KPI.total_liquidated_usd),
    };
  });
  rows.sort((a, b2) => b2.loss_to_others_usd - a.loss_to_others_usd || (a.node < b2.node ? -1 : a.node > b2.node ? 1 : 0));
  const table = ipcOf({
    node: idColumn(Int32Array.from(rows, (_, i) => i), rows.map((r) => r.node)),
    defaulted: boolVector(Uint8Array.from(rows, (r) => (r.defaulted ? 1 : 0))),
    total_loss_usd: f64Vector(Float64Array.from(rows, (r) => r.total_loss_usd)),
    loss_to_others_usd: f64Vector(Float64Array.from(rows, (r) => r.loss_to_others_usd)),
    induced_defaults: i32Vector(Int32Array.from(rows, (r) => r.induced_defaults)),
  });
  return { kind: 'impact', definition: IMPACT_DEFINITION, nodes: rows, tables: { nodes: table } };
}
