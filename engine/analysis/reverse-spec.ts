import type { Scenario, ScenarioEvent } from '../scenario/scenario';
import { ok } from '../util/result';
import { checkScenario, isObject, problemsText, specError, type AnalysisWorkspace, type SpecResult } from './evaluate';
import { applyOverrides, narrowOverrides, type WorkspaceOverrides } from './overrides';
import { KPI, type RunKpis } from './run-kpis';
import { shown } from '../util/shown';

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

export function narrowShock(raw: unknown, aw: AnalysisWorkspace, steps: number): SpecResult<ReverseShock> {
  if (!isObject(raw)) return specError('shock: must be {kind: "asset", asset} | {kind: "assets", assets} | {kind: "external_loss", node}');
  const at = raw.at === undefined ? 0 : raw.at;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= steps) return specError(`shock.at: must be a step from 0 to ${steps - 1}, got ${shown(raw.at)}`);
  const assetOk = (a: unknown): a is string => typeof a === 'string' && a !== 'USD' && aw.ow.ids.assets.has(a);
  if (raw.kind === 'asset') return assetOk(raw.asset) ? ok({ kind: 'asset', asset: raw.asset, at }) : specError(`shock.asset: names no asset that can be shocked: ${JSON.stringify(raw.asset)}`);
  if (raw.kind === 'assets') {
    if (!Array.isArray(raw.assets) || raw.assets.length === 0) return specError('shock.assets: must list at least one asset');
    const bad = raw.assets.filter((a) => !assetOk(a));
    if (bad.length) return specError(`shock.assets: names no asset that can be shocked: ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
    // Listed twice, an asset would be shocked twice: the drops compound, and the threshold printed would be half the real one.
    const twice = (raw.assets as string[]).filter((a, i, all) => all.indexOf(a) !== i);
    if (twice.length) return specError(`shock.assets: lists ${[...new Set(twice)].join(', ')} twice; each asset once`);
    return ok({ kind: 'assets', assets: raw.assets as string[], at });
  }
  if (raw.kind === 'external_loss') return typeof raw.node === 'string' && aw.ow.ids.nodes.has(raw.node) ? ok({ kind: 'external_loss', node: raw.node, at }) : specError(`shock.node: names an unknown node: ${JSON.stringify(raw.node)}`);
  return specError(`shock.kind: must be asset, assets or external_loss, got ${shown(raw.kind)}`);
}

export function narrowTarget(raw: unknown, aw: AnalysisWorkspace): SpecResult<ReverseTarget> {
  if (!isObject(raw)) return specError('target: must be {kind: "node_default", node} | {kind: "venue_bad_debt", venue, above} | {kind: "total_loss" | "total_bad_debt" | "total_liquidated", above}');
  const above = raw.above;
  if (raw.kind === 'node_default') {
    if (typeof raw.node !== 'string' || !aw.ow.ids.nodes.has(raw.node)) return specError(`target.node: names an unknown node: ${JSON.stringify(raw.node)}`);
    const i = aw.cw.model.nodeIds.indexOf(raw.node);
    if (!aw.cw.model.obligationDebtor.includes(i)) return specError(`target.node: ${raw.node} owes nothing (no obligations as debtor), so it cannot default`);
    return ok({ kind: 'node_default', node: raw.node });
  }
  if (!num(above) || above < 0) return specError(`target.above: must be a number ≥ 0 (USD), got ${shown(above)}`);
  if (raw.kind === 'venue_bad_debt') return typeof raw.venue === 'string' && aw.ow.ids.venues.has(raw.venue) ? ok({ kind: 'venue_bad_debt', venue: raw.venue, above }) : specError(`target.venue: names an unknown venue: ${JSON.stringify(raw.venue)}`);
  if (raw.kind === 'total_loss' || raw.kind === 'total_bad_debt' || raw.kind === 'total_liquidated') return ok({ kind: raw.kind, above });
  return specError(`target.kind: must be node_default, venue_bad_debt, total_loss, total_bad_debt or total_liquidated, got ${shown(raw.kind)}`);
}

/** The magnitude range and search settings shared by reverse tests and distance to default. */
export function narrowRange(raw: Record<string, unknown>, aw: AnalysisWorkspace, shock: ReverseShock, overrides: WorkspaceOverrides): SpecResult<{ min: number; max: number; tolerance: number; samples: number }> {
  let cap = MAX_DROP;
  if (shock.kind === 'external_loss') {
    const m = applyOverrides(aw.cw, overrides).model;
    cap = m.nodeExternal[m.nodeIds.indexOf(shock.node)] as number;
    if (!(cap > 0)) return specError(`shock.node: ${shock.node} has no external assets to lose (external_assets_usd = 0)`);
  }
  const min = raw.min === undefined ? 0 : raw.min;
  const max = raw.max === undefined ? cap : raw.max;
  const capText = shock.kind === 'external_loss' ? ' (the node’s external assets: a larger loss changes nothing)' : ' (a drop of 99%)';
  if (!num(min) || min < 0 || min >= cap) return specError(`min: must be a number ≥ 0 and below ${cap}${capText}, got ${shown(raw.min)}`);
  if (!num(max) || max <= min || max > cap) return specError(`max: must be a number above min (${min}) and at most ${cap}${capText}, got ${shown(raw.max)}`);
  const tolerance = raw.tolerance === undefined ? (max - min) * 1e-4 : raw.tolerance;
  if (!num(tolerance) || tolerance <= 0 || tolerance > max - min) return specError(`tolerance: must be a number with 0 < tolerance ≤ max − min, got ${shown(raw.tolerance)}`);
  const samples = raw.samples === undefined ? 8 : raw.samples;
  if (typeof samples !== 'number' || !Number.isInteger(samples) || samples < 1 || samples > 200) return specError(`samples: must be an integer from 1 to 200, got ${shown(raw.samples)}`);
  return ok({ min, max, tolerance, samples });
}

/** Narrows {scenario, overrides?, shock, target, min?, max?, tolerance?, samples?}. */
export function narrowReverseSpec(raw: unknown, aw: AnalysisWorkspace): SpecResult<ReverseSpec> {
  if (!isObject(raw)) return specError('reverse: the spec must be an object {scenario, shock, target, min?, max?, tolerance?, samples?}');
  const sc = checkScenario(aw, raw.scenario);
  if (!sc.ok) return specError(`reverse.scenario: ${problemsText(sc.error)}`);
  const ov = narrowOverrides(raw.overrides, aw.cw.model);
  if (!ov.ok) return specError(...ov.error);
  const shock = narrowShock(raw.shock, aw, sc.value.steps);
  if (!shock.ok) return shock;
  const target = narrowTarget(raw.target, aw);
  if (!target.ok) return target;
  const range = narrowRange(raw, aw, shock.value, ov.value);
  if (!range.ok) return range;
  return ok({ scenario: sc.value, overrides: ov.value, shock: shock.value, target: target.value, ...range.value });
}
