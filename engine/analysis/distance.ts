import type { Scenario } from '../scenario/scenario';
import { ok } from '../util/result';
import type { AnalysisIds, DistanceBatch, DistanceResult, DistanceRow, DistanceTask, KpiBatch, ReverseEvaluation } from './analysis-types';
import { checkScenario, isObject, scenarioProblems, specError, type AnalysisWorkspace, type SpecResult } from './evaluate';
import { narrowOverrides, type WorkspaceOverrides } from './overrides';
import { monotoneViolations, reverseSearch, sampleGrid, type SearchOutcome } from './reverse';
import { reverseEvaluator } from './reverse-run';
import { narrowRange, narrowShock, REVERSE_FIELDS, type ReverseShock } from './reverse-spec';
import { unknownFields } from './spec-fields';
import { idColumn, ipcOf, nullableBool, nullableF64 } from './ipc';
import { boolVector, utf8Vector } from '../util/arrow-columns';

/**
 * Distance to default: for each node, the smallest magnitude of one shock that makes it default
 * (a reverse stress test per node). The grid over [min, max] is run once for all nodes; each
 * node's bracket is then bisected on its own. JSON: {scenario, overrides?, shock, nodes?, min?,
 * max?, tolerance?, samples?}; nodes default to every node that owes something (a node that
 * owes nothing cannot default, MODEL §4.6).
 */
export interface DistanceSpec {
  scenario: Scenario;
  overrides: WorkspaceOverrides;
  shock: ReverseShock;
  nodes: number[];
  min: number;
  max: number;
  tolerance: number;
  samples: number;
}

export function narrowDistanceSpec(raw: unknown, aw: AnalysisWorkspace): SpecResult<{ spec: DistanceSpec; warnings: string[] }> {
  if (!isObject(raw)) return specError('distance: the spec must be an object {scenario, shock, nodes?, min?, max?, tolerance?, samples?}');
  // A reverse spec ranks as it is: its target (what --rank replaces) is not refused.
  const problems = unknownFields(raw, [...REVERSE_FIELDS, 'nodes'], 'distance');
  const sc = checkScenario(aw, raw.scenario);
  if (!sc.ok) problems.push(...scenarioProblems('distance.scenario', sc.error));
  const ov = narrowOverrides(raw.overrides, aw.cw.model);
  if (!ov.ok) problems.push(...ov.error);
  const shock = narrowShock(raw.shock, aw, sc.ok ? sc.value.steps : null);
  if (!shock.ok) problems.push(...shock.error);
  const range = narrowRange(raw, aw, shock.ok ? shock.value : null, ov.ok ? ov.value : null);
  if (!range.ok) problems.push(...range.error);
  if (raw.nodes !== undefined && (!Array.isArray(raw.nodes) || raw.nodes.some((n) => typeof n !== 'string' || !aw.ow.ids.nodes.has(n)))) {
    const bad = Array.isArray(raw.nodes) ? raw.nodes.filter((n) => typeof n !== 'string' || !aw.ow.ids.nodes.has(n)) : null;
    problems.push(`distance.nodes: must list node ids of the workspace${bad ? `; unknown: ${bad.map((b) => JSON.stringify(b)).join(', ')}` : ''}`);
  }
  if (problems.length || !sc.ok || !ov.ok || !shock.ok || !range.ok) return specError(...problems);
  const m = aw.cw.model;
  const owes = new Uint8Array(m.nodeIds.length);
  for (const d of m.obligationDebtor) owes[d] = 1;
  const warnings: string[] = [];
  let nodes: number[];
  if (raw.nodes === undefined) {
    nodes = m.nodeIds.map((_, i) => i).filter((i) => owes[i] === 1);
    const left = m.nodeIds.length - nodes.length;
    if (left > 0) warnings.push(`${left} node(s) owe nothing and cannot default: left out of the ranking`);
  } else {
    nodes = [...new Set(raw.nodes as string[])].map((id) => m.nodeIds.indexOf(id)).sort((a, b) => a - b);
    for (const i of nodes) if (!owes[i]) warnings.push(`${m.nodeIds[i]} owes nothing: it cannot default`);
  }
  return ok({ spec: { scenario: sc.value, overrides: ov.value, shock: shock.value, nodes, ...range.value }, warnings });
}

export function distanceSamples(spec: { min: number; max: number; samples: number }): number[] {
  return sampleGrid(spec.min, spec.max, spec.samples);
}

/** Each node's runs on the shared grid (sample order), from the grid's KPIs. */
function sampled(b: KpiBatch, samples: readonly number[], nN: number): (node: number) => ReverseEvaluation[] {
  const defaulted = new Uint8Array(samples.length * nN);
  const r = b.nodeRows;
  for (let k = 0; k < r.row.length; k++) if ((r.defaultStep[k] as number) >= 0) defaulted[(r.row[k] as number) * nN + (r.node[k] as number)] = 1;
  return (node) =>
    samples.map((magnitude, k) => {
      const d = defaulted[k * nN + node] === 1;
      return { magnitude, value: d ? 1 : 0, reached: d };
    });
}

/** After the grid: each node's status, and a bisection task for every node with a bracket. */
export function distanceTasks(b: KpiBatch, samples: readonly number[], nodes: readonly number[], nN: number): { tasks: DistanceTask[]; partial: Map<number, { row: Omit<DistanceRow, 'node'>; monotone: boolean }> } {
  const tasks: DistanceTask[] = [];
  const partial = new Map<number, { row: Omit<DistanceRow, 'node'>; monotone: boolean }>();
  const of = sampled(b, samples, nN);
  for (const node of nodes) {
    const evs = of(node);
    const monotone = monotoneViolations(evs).length === 0;
    const first = evs.findIndex((e) => e.reached);
    if (first < 0) partial.set(node, { row: { status: 'not_reached', threshold: null, bracket: null, monotone }, monotone });
    else if (first === 0) partial.set(node, { row: { status: 'reached_at_min', threshold: samples[0] as number, bracket: [samples[0] as number, samples[0] as number], monotone }, monotone });
    else {
      tasks.push({ node, lo: samples[first - 1] as number, hi: samples[first] as number });
      partial.set(node, { row: { status: 'found', threshold: samples[first] as number, bracket: [samples[first - 1] as number, samples[first] as number], monotone }, monotone });
    }
  }
  return { tasks, partial };
}

/** Bisects one node's bracket (worker side), one run per step of the generator. */
export function bisectNode(aw: AnalysisWorkspace, spec: DistanceSpec, task: DistanceTask): Generator<ReverseEvaluation, SearchOutcome> {
  const id = aw.cw.model.nodeIds[task.node] as string;
  const evalAt = reverseEvaluator(aw, spec.scenario, spec.overrides, spec.shock, { kind: 'node_default', node: id });
  const known: ReverseEvaluation[] = [
    { magnitude: task.lo, value: 0, reached: false },
    { magnitude: task.hi, value: 1, reached: true },
  ];
  return reverseSearch(spec, evalAt, known);
}

export function distanceRow(task: DistanceTask, out: SearchOutcome): DistanceBatch['rows'][number] {
  return { node: task.node, threshold: out.threshold ?? task.hi, bracket: out.bracket ?? [task.lo, task.hi], monotone: out.monotone, evaluations: out.evaluations.length - 2 };
}

/**
 * The ranking: nearest to default first, not reached last, ties by id; also as an Arrow table
 * (node, status, threshold, defaulted_without_shock, monotone). In the table the threshold is null
 * where there is none: not reached, or met at the smallest magnitude searched (at 0: in default
 * without the shock, which defaulted_without_shock says; above 0 that was not run: null there) —
 * never a number that reads as a threshold.
 */
export function mergeDistance(shock: ReverseShock, tolerance: number, samples: number[], ids: AnalysisIds, partial: ReturnType<typeof distanceTasks>['partial'], bisected: DistanceBatch['rows']): DistanceResult {
  for (const r of bisected) {
    const p = partial.get(r.node);
    if (p) p.row = { status: 'found', threshold: r.threshold, bracket: r.bracket, monotone: p.monotone && r.monotone };
  }
  const rows: DistanceRow[] = [...partial.entries()].map(([node, p]) => ({ node: ids.nodes[node] as string, ...p.row }));
  rows.sort((a, b) => (a.threshold ?? Infinity) - (b.threshold ?? Infinity) || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  // Met at the smallest magnitude searched: at 0 the node is in default without the shock; above 0
  // its threshold is somewhere up to there, and whether it is in default without the shock was not run.
  const atMin = (r: DistanceRow) => r.status === 'reached_at_min';
  const table = ipcOf({
    node: idColumn(Int32Array.from(rows, (_, i) => i), rows.map((r) => r.node)),
    status: utf8Vector(rows.map((r) => r.status)),
    threshold: nullableF64(Float64Array.from(rows, (r) => (r.threshold === null || atMin(r) ? NaN : r.threshold))),
    defaulted_without_shock: nullableBool(rows.map((r) => (!atMin(r) ? false : r.threshold === 0 ? true : null))),
    monotone: boolVector(Uint8Array.from(rows, (r) => (r.monotone ? 1 : 0))),
  });
  return { kind: 'distance', shock, tolerance, samples, nodes: rows, tables: { nodes: table } };
}
