/**
 * What the analysis forms start with for the open workspace and the active scenario: the sweep
 * parameters it offers, the largest collateral assets, the largest borrower.
 */
import type { WorkspaceOverview } from '../../engine/view/view-types';
import type { ScenarioDoc } from '../scenario/draft';
import type { AnalysisForms, SweepAxisForm } from '../store/analysis-slice';
import { corrKey } from './specs';

export interface SweepParameter {
  /** The engine's parameter label: `event[0,1].change`, `oracle[cl-eth].delay_steps`. */
  value: string;
  label: string;
  group: string;
  /** Default axis: from, to, points. */
  from: number;
  to: number;
  points: number;
}

const EVENT_FIELDS: Record<string, readonly string[]> = {
  price_shock: ['change', 'at'],
  depth_change: ['factor', 'at'],
  external_loss: ['amount_usd', 'fraction', 'at'],
  oracle_override: ['price', 'change', 'from', 'length'],
  oracle_freeze: ['from', 'length'],
  venue_outage: ['from', 'length'],
};

const NODE_PARAMETERS = 300;
const round = (v: number): number => Number(v.toPrecision(3));

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function eventSubject(e: ScenarioDoc['events'][number]): string {
  return String(e.asset ?? e.oracle ?? e.venue ?? e.node ?? '');
}

function eventAxis(field: string, e: ScenarioDoc['events'][number], steps: number): { from: number; to: number; points: number } {
  const c = num(e[field]);
  const last = Math.max(1, steps - 1);
  switch (field) {
    case 'change':
      return c !== null && c > 0 ? { from: 0.05, to: round(Math.max(0.5, 2 * c)), points: 11 } : { from: -0.05, to: round(Math.max(-0.95, Math.min(-0.6, 2 * (c ?? -0.3)))), points: 12 };
    case 'factor':
      return { from: 0.1, to: 1, points: 10 };
    case 'fraction':
      return { from: 0, to: 1, points: 11 };
    case 'amount_usd':
      return { from: 0, to: round(2 * (c ?? 1_000_000)), points: 11 };
    case 'price':
      return { from: round(0.5 * (c ?? 1)), to: round(1.5 * (c ?? 1)), points: 11 };
    case 'length':
      return { from: 1, to: Math.min(10, steps), points: Math.min(10, steps) };
    case 'from': {
      // A ranged event's start, up to its end (past it the event would end before it begins).
      const end = Math.min(num(e.to) ?? last, last, 10);
      return { from: 0, to: end, points: end + 1 };
    }
    default:
      return { from: 0, to: Math.min(10, last), points: Math.min(10, last) + 1 };
  }
}

/** The parameters a sweep of `doc` on this workspace can move, the uniform crash of all price shocks first. */
export function sweepParameters(doc: ScenarioDoc | null, overview: WorkspaceOverview | null): SweepParameter[] {
  const out: SweepParameter[] = [];
  const steps = num(doc?.steps) ?? 50;
  const events = doc?.events ?? [];
  const shocks = events.flatMap((e, i) => (e.type === 'price_shock' ? [i] : []));
  if (shocks.length > 1) {
    const first = events[shocks[0] as number] as ScenarioDoc['events'][number];
    const subjects = shocks.map((i) => eventSubject(events[i] as ScenarioDoc['events'][number])).join(', ');
    out.push({ value: `event[${shocks.join(',')}].change`, label: `All price shocks together (${subjects}) · change`, group: 'Scenario events', ...eventAxis('change', first, steps) });
  }
  events.forEach((e, i) => {
    for (const field of EVENT_FIELDS[e.type] ?? []) {
      if (field === 'amount_usd' && e.amount_usd === undefined && e.fraction !== undefined) continue;
      if (field === 'fraction' && e.fraction === undefined) continue;
      if (e.type === 'oracle_override' && ((field === 'price' && e.price === undefined) || (field === 'change' && e.change === undefined))) continue;
      out.push({ value: `event[${i}].${field}`, label: `Event ${i + 1}: ${e.type} ${eventSubject(e)} · ${field}`, group: 'Scenario events', ...eventAxis(field, e, steps) });
    }
  });
  for (const o of overview?.ids.oracles ?? []) {
    out.push({ value: `oracle[${o.id}].delay_steps`, label: `Oracle ${o.id} (${o.asset}) · delay_steps`, group: 'Oracles', from: 0, to: 5, points: 6 });
    out.push({ value: `oracle[${o.id}].heartbeat_steps`, label: `Oracle ${o.id} (${o.asset}) · heartbeat_steps`, group: 'Oracles', from: 1, to: 19, points: 10 });
    out.push({ value: `oracle[${o.id}].deviation`, label: `Oracle ${o.id} (${o.asset}) · deviation`, group: 'Oracles', from: 0, to: 0.05, points: 11 });
  }
  for (const a of overview?.byAsset ?? []) {
    if (a.depthUsd === null || a.id === 'USD') continue;
    out.push({ value: `asset[${a.id}].depth_usd`, label: `Asset ${a.id} · depth_usd (now ${Math.round(a.depthUsd).toLocaleString('en-US')})`, group: 'Market depth', from: round(a.depthUsd * 0.1), to: round(a.depthUsd), points: 10 });
  }
  const nodes = [...(overview?.ids.venues ?? []), ...(overview?.ids.entities ?? [])].slice(0, NODE_PARAMETERS);
  for (const n of nodes) out.push({ value: `node[${n}].external_assets_usd`, label: `Node ${n} · external_assets_usd`, group: 'Node external assets', from: 0, to: 10_000_000, points: 11 });
  return out;
}

/** The second axis offered: the delay of an oracle of the first shocked asset, else another parameter than the first. */
export function secondParameter(params: readonly SweepParameter[], first: string, doc: ScenarioDoc | null): SweepParameter | undefined {
  const asset = doc?.events.find((e) => e.type === 'price_shock')?.asset;
  return (
    params.find((p) => p.value !== first && p.value.startsWith('oracle[') && p.value.endsWith('.delay_steps') && p.label.includes(`(${String(asset)})`)) ??
    params.find((p) => p.value !== first && p.group !== 'Scenario events') ??
    params.find((p) => p.value !== first)
  );
}

export function axisFor(p: SweepParameter | undefined): SweepAxisForm {
  return p === undefined ? { param: '', from: '', to: '', points: '' } : { param: p.value, from: String(p.from), to: String(p.to), points: String(p.points) };
}

/** Collateral assets, largest first (USD excluded). */
export function collateralAssets(overview: WorkspaceOverview | null): string[] {
  return [...(overview?.byAsset ?? [])].filter((a) => a.id !== 'USD' && a.collateralUsd > 0).sort((a, b) => b.collateralUsd - a.collateralUsd || (a.id < b.id ? -1 : 1)).map((a) => a.id);
}

/** Assets whose price moves (not pegged near 1 USD), largest collateral first: the default Monte Carlo universe. */
export function volatileAssets(overview: WorkspaceOverview | null): string[] {
  const price = new Map((overview?.byAsset ?? []).map((a) => [a.id, a.price]));
  return collateralAssets(overview).filter((id) => Math.abs((price.get(id) ?? 0) - 1) > 0.05);
}

function hasStepZeroLoss(doc: ScenarioDoc): boolean {
  return doc.events.some((e) => e.type === 'external_loss' && (e.at === 0 || e.at === undefined));
}

export function defaultForms(overview: WorkspaceOverview | null, doc: ScenarioDoc | null, scenarios: { id: string; doc: ScenarioDoc }[]): AnalysisForms {
  const params = sweepParameters(doc, overview);
  const collateral = collateralAssets(overview);
  const volatile = volatileAssets(overview).slice(0, 4);
  const order = overview?.ids.assets ?? [];
  const mcAssets = (volatile.length > 0 ? volatile : collateral.slice(0, 4)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const price = new Map((overview?.byAsset ?? []).map((a) => [a.id, a.price]));
  // Assets priced within 3% of each other (ETH and stETH, BTC and wBTC) are taken to track each other.
  const tracks = (a: string, b: string) => Math.abs((price.get(a) ?? 0) / (price.get(b) ?? 1) - 1) < 0.03;
  const borrower = overview?.topBorrowers.find((b) => b.kind === 'entity')?.id ?? overview?.ids.entities[0] ?? '';
  const venue = overview?.byVenue[0]?.id ?? overview?.ids.venues[0] ?? '';
  const distress = scenarios.find((s) => hasStepZeroLoss(s.doc));
  const corr: Record<string, string> = {};
  mcAssets.forEach((a, i) => mcAssets.slice(i + 1).forEach((b) => (corr[corrKey(a, b)] = tracks(a, b) ? '0.95' : '0.7')));
  return {
    sweep: { axes: [axisFor(params[0])], kpi: 'total_bad_debt_usd' },
    reverse: {
      base: 'quiet',
      shockKind: 'asset',
      asset: collateral[0] ?? '',
      assets: (volatile.length > 1 ? volatile : collateral).slice(0, 3),
      node: borrower,
      at: '0',
      targetKind: 'node_default',
      targetNode: borrower,
      targetVenue: venue,
      above: '1000000',
      min: '',
      max: '',
      tolerance: '0.001',
      samples: '8',
    },
    montecarlo: {
      base: 'quiet',
      assets: mcAssets,
      vols: Object.fromEntries(mcAssets.map((a) => [a, '0.15'])),
      corr,
      nu: '4',
      jumps: false,
      jumpProbability: '0.03',
      jumpMean: '-0.2',
      jumpVol: '0.1',
      jumpScope: 'market',
      draws: '1000',
      seed: '1',
      at: '0',
      metric: 'total_bad_debt_usd',
    },
    systemic: { source: distress === undefined ? 'custom' : 'scenario', scenarioId: distress?.id ?? '', node: borrower, fraction: '0.5' },
  };
}
