import type { Scenario, ScenarioEvent } from '../scenario/scenario';
import { ok } from '../util/result';
import { checkScenario, isObject, scenarioProblems, specError, type AnalysisWorkspace, type SpecResult } from './evaluate';
import { applyOverrides, narrowOverrides, type WorkspaceOverrides } from './overrides';
import { KPI, type RunKpis } from './run-kpis';
import { shown } from '../util/shown';
import { unknownFields } from './spec-fields';

/**
 * The shock a reverse stress test scales, added to the base scenario at step `at`: one asset's
 * price drop, the same drop of several assets, or an external loss at a node. Its magnitude is
 * the fraction dropped (price_shock change = −magnitude) or the loss in USD.
 */
export type ReverseShock =
  | { kind: 'asset'; asset: string; at: number }
  | { kind: 'assets'; assets: string[]; at: number }
  | { kind: 'external_loss'; node: string; at: number };

/** What the shock must bring about: a node's default, or a KPI above a level (USD). */
export type ReverseTarget =
  | { kind: 'node_default'; node: string }
  | { kind: 'venue_bad_debt'; venue: string; above: number }
  | { kind: 'total_loss'; above: number }
  | { kind: 'total_bad_debt'; above: number }
  | { kind: 'total_liquidated'; above: number };

export interface ReverseSpec {
  scenario: Scenario;
  overrides: WorkspaceOverrides;
  shock: ReverseShock;
  target: ReverseTarget;
  /** Magnitudes searched: [min, max]. */
  min: number;
  max: number;
  /** Width of the final bracket, in the magnitude's unit. */
  tolerance: number;
  /** Intervals of the even grid over [min, max] run first to bracket and check monotonicity. */
  samples: number;
}

/** Price drops stop short of −100% (MODEL §2: change > −1). */
export const MAX_DROP = 0.99;

export function shockLabel(s: ReverseShock): string {
  if (s.kind === 'asset') return `${s.asset} price drop`;
  if (s.kind === 'assets') return `uniform drop of ${s.assets.join(', ')}`;
  return `external loss at ${s.node} (USD)`;
}

export function targetLabel(t: ReverseTarget): string {
  if (t.kind === 'node_default') return `${t.node} defaults`;
  if (t.kind === 'venue_bad_debt') return `${t.venue} bad debt > ${t.above} USD`;
  return `${t.kind.replace('total_', 'total ').replace('_', ' ')} > ${t.above} USD`;
}

/** The base scenario with the shock at `magnitude` added as its last events. */
export function shockedScenario(base: Scenario, s: ReverseShock, magnitude: number): Scenario {
  const added: ScenarioEvent[] =
    s.kind === 'external_loss'
      ? [{ type: 'external_loss', node: s.node, amount_usd: magnitude, at: s.at }]
      : (s.kind === 'asset' ? [s.asset] : s.assets).map((asset) => ({ type: 'price_shock', asset, change: -magnitude, at: s.at }));
  return { ...base, events: [...base.events, ...added] };
}

/** The target's KPI in a run (1 or 0 for a default) and whether it is reached. */
export function targetValue(t: ReverseTarget, r: RunKpis, nodeIndex: (id: string) => number, venueIndex: (id: string) => number): { value: number; reached: boolean } {
  if (t.kind === 'node_default') {
    const d = (r.nodeDefaultStep[nodeIndex(t.node)] as number) >= 0 ? 1 : 0;
    return { value: d, reached: d === 1 };
  }
  const value =
    t.kind === 'venue_bad_debt'
      ? (r.venueBadDebt[venueIndex(t.venue)] as number)
      : (r.scalars[t.kind === 'total_loss' ? KPI.total_loss_usd : t.kind === 'total_bad_debt' ? KPI.total_bad_debt_usd : KPI.total_liquidated_usd] as number);
  return { value, reached: value > t.above };
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The fields of a reverse spec, and of its shock and target. */
export const REVERSE_FIELDS = ['scenario', 'overrides', 'shock', 'target', 'min', 'max', 'tolerance', 'samples'] as const;
const SHOCK_FIELDS = ['kind', 'asset', 'assets', 'node', 'at'] as const;
const TARGET_FIELDS = ['kind', 'node', 'venue', 'above'] as const;

/** The shock, or its problems: the step and what it shocks are both checked. `steps`: the scenario's, null when it is not valid. */
export function narrowShock(raw: unknown, aw: AnalysisWorkspace, steps: number | null): SpecResult<ReverseShock> {
  if (!isObject(raw)) return specError(`shock: must be {kind: "asset", asset} | {kind: "assets", assets} | {kind: "external_loss", node}, got ${shown(raw)}`);
  const problems = unknownFields(raw, SHOCK_FIELDS, 'shock');
  const at = raw.at === undefined ? 0 : raw.at;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || (steps !== null && at >= steps)) problems.push(`shock.at: must be a step from 0 to ${steps === null ? 'the scenario’s last' : steps - 1}, got ${shown(raw.at)}`);
  const assetOk = (a: unknown): a is string => typeof a === 'string' && a !== 'USD' && aw.ow.ids.assets.has(a);
  let shock: ReverseShock | null = null;
  if (raw.kind === 'asset') {
    if (assetOk(raw.asset)) shock = { kind: 'asset', asset: raw.asset, at: at as number };
    else problems.push(`shock.asset: names no asset that can be shocked: ${shown(raw.asset)}`);
  } else if (raw.kind === 'assets') {
    if (!Array.isArray(raw.assets) || raw.assets.length === 0) problems.push(`shock.assets: must list at least one asset, got ${shown(raw.assets)}`);
    else {
      const bad = raw.assets.filter((a) => !assetOk(a));
      if (bad.length) problems.push(`shock.assets: names no asset that can be shocked: ${bad.map((x) => shown(x)).join(', ')}`);
      // Listed twice, an asset would be shocked twice: the drops compound, and the threshold printed would be half the real one.
      const twice = (raw.assets as unknown[]).filter((x, i, all) => all.indexOf(x) !== i);
      if (twice.length) problems.push(`shock.assets: lists ${[...new Set(twice)].join(', ')} twice; each asset once`);
      if (!bad.length && !twice.length) shock = { kind: 'assets', assets: raw.assets as string[], at: at as number };
    }
  } else if (raw.kind === 'external_loss') {
    if (typeof raw.node === 'string' && aw.ow.ids.nodes.has(raw.node)) shock = { kind: 'external_loss', node: raw.node, at: at as number };
    else problems.push(`shock.node: names an unknown node: ${shown(raw.node)}`);
  } else problems.push(`shock.kind: must be asset, assets or external_loss, got ${shown(raw.kind)}`);
  return problems.length || !shock ? specError(...problems) : ok(shock);
}

export function narrowTarget(raw: unknown, aw: AnalysisWorkspace): SpecResult<ReverseTarget> {
  if (!isObject(raw)) return specError(`target: must be {kind: "node_default", node} | {kind: "venue_bad_debt", venue, above} | {kind: "total_loss" | "total_bad_debt" | "total_liquidated", above}, got ${shown(raw)}`);
  const unknown = unknownFields(raw, TARGET_FIELDS, 'target');
  if (unknown.length) return specError(...unknown);
  const above = raw.above;
  if (raw.kind === 'node_default') {
    if (typeof raw.node !== 'string' || !aw.ow.ids.nodes.has(raw.node)) return specError(`target.node: names an unknown node: ${shown(raw.node)}`);
    const i = aw.cw.model.nodeIds.indexOf(raw.node);
    if (!aw.cw.model.obligationDebtor.includes(i)) return specError(`target.node: ${raw.node} owes nothing (no obligations as debtor), so it cannot default`);
    return ok({ kind: 'node_default', node: raw.node });
  }
  const kinds = ['venue_bad_debt', 'total_loss', 'total_bad_debt', 'total_liquidated'];
  if (kinds.includes(raw.kind as string)) {
    const problems: string[] = [];
    if (!num(above) || above < 0) problems.push(`target.above: must be a number ≥ 0 (USD), got ${shown(above)}`);
    const venueOk = raw.kind !== 'venue_bad_debt' || (typeof raw.venue === 'string' && aw.ow.ids.venues.has(raw.venue));
    if (!venueOk) problems.push(`target.venue: names an unknown venue: ${shown(raw.venue)}`);
    if (problems.length) return specError(...problems);
    return ok(raw.kind === 'venue_bad_debt' ? { kind: 'venue_bad_debt', venue: raw.venue as string, above: above as number } : { kind: raw.kind as 'total_loss' | 'total_bad_debt' | 'total_liquidated', above: above as number });
  }
  return specError(`target.kind: must be node_default, venue_bad_debt, total_loss, total_bad_debt or total_liquidated, got ${shown(raw.kind)}`);
}

/** The number of grid intervals: checked whatever the shock. */
function samplesProblem(raw: Record<string, unknown>): string | null {
  const samples = raw.samples === undefined ? 8 : raw.samples;
  return typeof samples === 'number' && Number.isInteger(samples) && samples >= 1 && samples <= 200 ? null : `samples: must be an integer from 1 to 200, got ${shown(raw.samples)}`;
}

/**
 * The magnitude range and search settings shared by reverse tests and distance to default, or
 * every problem of theirs. Magnitudes are the fraction of the price dropped (0.3: −30%) for a price
 * shock, USD for an external loss; `shock` null (not valid) checks the settings that do not depend on it.
 */
export function narrowRange(raw: Record<string, unknown>, aw: AnalysisWorkspace, shock: ReverseShock | null, overrides: WorkspaceOverrides | null): SpecResult<{ min: number; max: number; tolerance: number; samples: number }> {
  const problems: string[] = [];
  const sp = samplesProblem(raw);
  if (sp) problems.push(sp);
  // The cap depends on the shock: without a valid one the range is still checked against itself.
  let cap = shock === null || overrides === null ? Infinity : MAX_DROP;
  if (shock !== null && overrides !== null && shock.kind === 'external_loss') {
    const m = applyOverrides(aw.cw, overrides).model;
    cap = m.nodeExternal[m.nodeIds.indexOf(shock.node)] as number;
    if (!(cap > 0)) return specError(`shock.node: ${shock.node} has no external assets to lose (external_assets_usd = 0)`, ...problems);
  }
  const min = raw.min === undefined ? 0 : raw.min;
  const max = raw.max === undefined ? (Number.isFinite(cap) ? cap : 1) : raw.max;
  const capText = shock === null ? '' : shock.kind === 'external_loss' ? ' (USD; the node’s external assets: a larger loss changes nothing)' : ' (the fraction of the price dropped: 0.99 is a drop of 99%)';
  const minOk = num(min) && min >= 0 && min < cap;
  if (!minOk) problems.push(Number.isFinite(cap) ? `min: must be a number ≥ 0 and below ${cap}${capText}, got ${shown(raw.min)}` : `min: must be a number ≥ 0, got ${shown(raw.min)}`);
  const low = minOk ? (min as number) : 0;
  const maxOk = (raw.max === undefined && !Number.isFinite(cap)) || (num(max) && max > low && max <= cap);
  if (!maxOk) problems.push(Number.isFinite(cap) ? `max: must be a number above min (${low}) and at most ${cap}${capText}, got ${shown(raw.max)}` : `max: must be a number above min (${low}), got ${shown(raw.max)}`);
  const width = minOk && maxOk && (raw.max !== undefined || Number.isFinite(cap)) ? (max as number) - (min as number) : null;
  const tolerance = raw.tolerance === undefined ? (width ?? 0) * 1e-4 : raw.tolerance;
  if (raw.tolerance !== undefined && (!num(tolerance) || tolerance <= 0 || (width !== null && tolerance > width))) problems.push(`tolerance: must be a number with 0 < tolerance ≤ max − min, got ${shown(raw.tolerance)}`);
  if (problems.length || shock === null || overrides === null) return specError(...problems);
  const samples = raw.samples === undefined ? 8 : (raw.samples as number);
  return ok({ min: min as number, max: max as number, tolerance: tolerance as number, samples });
}

/** Narrows {scenario, overrides?, shock, target, min?, max?, tolerance?, samples?}, listing every problem. */
export function narrowReverseSpec(raw: unknown, aw: AnalysisWorkspace): SpecResult<ReverseSpec> {
  if (!isObject(raw)) return specError('reverse: the spec must be an object {scenario, shock, target, min?, max?, tolerance?, samples?}');
  const problems = unknownFields(raw, REVERSE_FIELDS, 'reverse');
  const sc = checkScenario(aw, raw.scenario);
  if (!sc.ok) problems.push(...scenarioProblems('reverse.scenario', sc.error));
  const ov = narrowOverrides(raw.overrides, aw.cw.model);
  if (!ov.ok) problems.push(...ov.error);
  const shock = narrowShock(raw.shock, aw, sc.ok ? sc.value.steps : null);
  if (!shock.ok) problems.push(...shock.error);
  const target = narrowTarget(raw.target, aw);
  if (!target.ok) problems.push(...target.error);
  const range = narrowRange(raw, aw, shock.ok ? shock.value : null, ov.ok ? ov.value : null);
  if (!range.ok) problems.push(...range.error);
  if (problems.length || !sc.ok || !ov.ok || !shock.ok || !target.ok || !range.ok) return specError(...problems);
  return ok({ scenario: sc.value, overrides: ov.value, shock: shock.value, target: target.value, ...range.value });
}
