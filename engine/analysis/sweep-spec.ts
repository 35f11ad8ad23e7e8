import { unknownFields } from './spec-fields';
import type { Scenario } from '../scenario/scenario';
import { ok, type Result } from '../util/result';
import { checkScenario, isObject, problemsText, scenarioProblems, specError, type AnalysisWorkspace, type SpecResult } from './evaluate';
import { narrowOverrides, overrideRule, type WorkspaceOverrides } from './overrides';
import { applyParameters, isIntegerParameter, parameterLabel, parameterProblem, parseParameter, type Parameter } from './params';
import { isScalarKpi, SCALAR_KPIS, type ScalarKpi } from './run-kpis';
import { shown } from '../util/shown';

export const MAX_SWEEP_POINTS = 10_000;

export interface SweepAxis {
  parameter: Parameter;
  /** The values run (steps already rounded). */
  values: number[];
}

/**
 * A 1-D or 2-D sensitivity sweep: the base scenario (and workspace overrides) with one or two
 * parameters set to each value of their axis; point k of a 2-D sweep is (i, j) = (⌊k/K2⌋, k mod K2).
 * JSON: {scenario, overrides?, axes: [{parameter, from, to, points} | {parameter, values}], kpi?}.
 */
export interface SweepSpec {
  scenario: Scenario;
  overrides: WorkspaceOverrides;
  axes: SweepAxis[];
  /** The KPI of the heatmap of a 2-D sweep. */
  kpi: ScalarKpi;
}

export function gridSize(axes: readonly SweepAxis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/** The parameter values of point k. */
export function pointValues(axes: readonly SweepAxis[], k: number): number[] {
  const out = new Array<number>(axes.length);
  let rest = k;
  for (let d = axes.length - 1; d >= 0; d--) {
    const len = (axes[d] as SweepAxis).values.length;
    out[d] = (axes[d] as SweepAxis).values[rest % len] as number;
    rest = Math.floor(rest / len);
  }
  return out;
}

/** The scenario and overrides of point k, to run or to open as an ordinary run. */
export function sweepPoint(spec: SweepSpec, k: number): { scenario: Scenario; overrides: WorkspaceOverrides } {
  return applyParameters(spec.scenario, spec.overrides, spec.axes.map((a) => a.parameter), pointValues(spec.axes, k));
}

/**
 * What a parameter sets, as fields of events or workspace values: `event[0,1].change` sets 0.change
 * and 1.change; a length sets its event's `to`, an override's price and change (or a loss's amount
 * and fraction) replace each other, so each pair is one target.
 */
function targets(p: Parameter, scenario: Scenario): Set<string> {
  if (p.kind !== 'event') return new Set([parameterLabel(p)]);
  const field = (i: number): string => {
    if (p.field === 'length' || p.field === 'to') return 'to (a length sets it)';
    if (p.field === 'fraction' || p.field === 'amount_usd') return 'amount_usd (or fraction)';
    if ((p.field === 'price' || p.field === 'change') && scenario.events[i]?.type === 'oracle_override') return 'price (or change)';
    return p.field;
  };
  return new Set(p.events.map((i) => `events[${i}].${field(i)}`));
}

/** Point k's values, as its problems name it: "event[0].change = -0.3, asset[ETH].depth_usd = 1e+300". */
export function pointLabel(spec: SweepSpec, k: number): string {
  const values = pointValues(spec.axes, k);
  return spec.axes.map((a, d) => `${parameterLabel(a.parameter)} = ${values[d]}`).join(', ');
}

/** Point k, validated: a value out of a field's range is reported with the point's values. */
export function checkedSweepPoint(aw: AnalysisWorkspace, spec: SweepSpec, k: number): Result<{ scenario: Scenario; overrides: WorkspaceOverrides }, string> {
  const p = sweepPoint(spec, k);
  const at = () => pointLabel(spec, k);
  for (const [d, a] of spec.axes.entries()) {
    if (a.parameter.kind === 'event') continue;
    const rule = overrideRule(a.parameter, pointValues(spec.axes, k)[d] as number);
    if (rule) return { ok: false, error: `at ${at()}: ${parameterLabel(a.parameter)} ${rule}` };
  }
  const v = checkScenario(aw, p.scenario);
  if (!v.ok) return { ok: false, error: `at ${at()}: ${problemsText(v.error)}` };
  return ok({ scenario: v.value, overrides: p.overrides });
}

/** An axis's values (from, to and points, or a list), or null with its problems added. */
function axisValues(raw: Record<string, unknown>, where: string, integer: boolean, problems: string[]): number[] | null {
  let values: number[];
  const before = problems.length;
  if (raw.values !== undefined) {
    if (!Array.isArray(raw.values) || raw.values.length === 0 || raw.values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
      problems.push(`${where}.values: must be a non-empty list of finite numbers, got ${shown(raw.values)}`);
      return null;
    }
    values = raw.values as number[];
  } else {
    const { from, to, points } = raw;
    if (typeof from !== 'number' || !Number.isFinite(from)) problems.push(`${where}.from: must be a finite number (or give values), got ${shown(from)}`);
    if (typeof to !== 'number' || !Number.isFinite(to)) problems.push(`${where}.to: must be a finite number, got ${shown(to)}`);
    if (typeof points !== 'number' || !Number.isInteger(points) || points < 1 || points > MAX_SWEEP_POINTS) {
      problems.push(`${where}.points: must be an integer from 1 to ${MAX_SWEEP_POINTS}, got ${shown(points)}`);
    }
    if (problems.length > before) return null;
    const [f, t, k] = [from as number, to as number, points as number];
    // Inner points to 12 significant digits: −0.4, not −0.39999999999999997, in scenarios and charts.
    values = Array.from({ length: k }, (_, i) => (k === 1 ? f : i === k - 1 ? t : Number((f + ((t - f) * i) / (k - 1)).toPrecision(12))));
  }
  // A step is a whole number: a value between two (0.5, or what from:to:points makes) is refused
  // rather than rounded, which ran two points at one step under labels that differ.
  const between = integer ? values.find((v) => !Number.isInteger(v)) : undefined;
  if (between !== undefined) {
    problems.push(`${where}: takes whole steps, and ${between} is not one${raw.values === undefined ? ' (choose from, to and points so that every point is a whole step, e.g. 1:3:3)' : ''}`);
    return null;
  }
  return values.slice();
}

/** Narrows a sweep spec from JSON and checks it, and every point of its grid, against the workspace; lists every problem. */
export function narrowSweepSpec(raw: unknown, aw: AnalysisWorkspace): SpecResult<SweepSpec> {
  if (!isObject(raw)) return specError('sweep: the spec must be an object {scenario, axes, overrides?, kpi?}');
  const problems = unknownFields(raw, ['scenario', 'axes', 'overrides', 'kpi'], 'sweep');
  const sc = checkScenario(aw, raw.scenario);
  if (!sc.ok) problems.push(...scenarioProblems('sweep.scenario', sc.error));
  const ov = narrowOverrides(raw.overrides, aw.cw.model);
  if (!ov.ok) problems.push(...ov.error);
  const axes: SweepAxis[] = [];
  if (!Array.isArray(raw.axes) || raw.axes.length < 1) problems.push(`sweep.axes: must list one or two axes, got ${Array.isArray(raw.axes) ? '0' : shown(raw.axes)}`);
  else {
    // Too many axes is one problem; each axis's own are listed all the same.
    if (raw.axes.length > 2) problems.push(`sweep.axes: must list one or two axes, got ${raw.axes.length}`);
    raw.axes.forEach((a: unknown, d) => {
      const where = `sweep.axes[${d}]`;
      if (!isObject(a)) return void problems.push(`${where}: must be {parameter, from, to, points} or {parameter, values}, got ${shown(a)}`);
      const before = problems.length;
      problems.push(...unknownFields(a, ['parameter', 'from', 'to', 'points', 'values'], where));
      const p = parseParameter(a.parameter);
      if (!p.ok) problems.push(`${where}.${p.error}`);
      // Which events a parameter may name is known once the scenario is valid.
      const bad = p.ok && sc.ok ? parameterProblem(p.value, sc.value, aw.cw.model) : null;
      if (bad) problems.push(`${where}.${bad}`);
      const values = axisValues(a, where, p.ok && isIntegerParameter(p.value), problems);
      if (p.ok && values && problems.length === before) axes.push({ parameter: p.value, values });
    });
  }
  if (axes.length === 2 && sc.ok) {
    const [a, b] = axes as [SweepAxis, SweepAxis];
    const shared = [...targets(a.parameter, sc.value)].filter((t) => targets(b.parameter, sc.value).has(t));
    if (shared.length > 0) {
      problems.push(`sweep.axes: ${parameterLabel(a.parameter)} and ${parameterLabel(b.parameter)} both set ${shared.join(', ')}: one would overwrite the other at every point, and the grid would show values that were not run; give parameters that set different fields`);
    }
  }
  const kpi = raw.kpi === undefined ? 'total_loss_usd' : raw.kpi;
  if (!isScalarKpi(kpi)) problems.push(`sweep.kpi: must be one of ${SCALAR_KPIS.join(', ')}, got ${shown(raw.kpi)}`);
  if (axes.length > 0 && gridSize(axes) > MAX_SWEEP_POINTS) problems.push(`sweep: ${gridSize(axes)} points; at most ${MAX_SWEEP_POINTS} runs per sweep`);
  if (problems.length || !sc.ok || !ov.ok || !isScalarKpi(kpi)) return specError(...problems);
  const spec: SweepSpec = { scenario: sc.value, overrides: ov.value, axes, kpi };
  // The points' own values (a depth of 0, an event past the horizon), the first ten.
  for (let k = 0; k < gridSize(axes) && problems.length < 10; k++) {
    const point = checkedSweepPoint(aw, spec, k);
    if (!point.ok) problems.push(`sweep: ${point.error}`);
  }
  return problems.length ? specError(...problems) : ok(spec);
}
