import { CH_BAD_DEBT, CH_PRICE, CH_TRIGGER, CHANNELS } from '../losses/loss-graph';
import type { Simulation } from '../sim/simulation';
import { eventLabelsById } from './network-events';
import type { LossSankey, NetworkNodeKind } from './network-types';

/** Named vertices per kind; the rest of a kind is one "other …" vertex. */
const KEEP: Record<'asset' | 'venue' | 'entity' | 'event', number> = { event: 12, asset: 10, venue: 12, entity: 20 };

const FORCED = 'forced sales';
const BACKERS = 'failed backers';

/**
 * Where the loss went (MODEL §5), up to step `step`: the loss graph's positive impact summed per
 * (from, to) — events → assets (the price moves they caused), assets → nodes (market losses),
 * venues → owners (liquidation bonuses), debtors → creditors (unpaid obligations), events → nodes
 * (exogenous). Forced sellers and failed backers that moved a price appear as sources of their
 * own ("forced sales", "failed backers"), since the loss they pass on comes back through the
 * asset; bad debt is drawn from the collateral asset of the liquidated positions to the venue.
 * The largest vertices of each kind are named, the rest summed per kind; a link that would close
 * a cycle (a mutual default in one step) is left out, the smallest first, and its USD counted in
 * `feedbackUsd`.
 */
export function lossSankey(runId: string, sim: Simulation, step: number | null): LossSankey {
  const m = sim.cw.model;
  const g = sim.loss;
  const nN = m.nodeIds.length;
  const nA = m.assetIds.length;
  const last = sim.stepsRun - 1;
  const t = step === null ? last : Math.max(0, Math.min(last, step));
  const kindOf = (v: number): NetworkNodeKind => (v < nN ? (m.nodeIsVenue[v] ? 'venue' : 'entity') : v < nN + nA ? 'asset' : 'event');
  const name = (v: number) => (v < nN ? (m.nodeIds[v] as string) : v < nN + nA ? (m.assetIds[v - nN] as string) : `event:${v - nN - nA}`);

  // Raw links between vertex names (pseudo sources are names too), by channel.
  const raw = new Map<string, { source: string; target: string; usd: number; byChannel: Map<string, number> }>();
  const kinds = new Map<string, NetworkNodeKind | 'other'>();
  const add = (source: string, target: string, usd: number, channel: string) => {
    const k = `${source}\u0000${target}`;
    let l = raw.get(k);
    if (!l) {
      l = { source, target, usd: 0, byChannel: new Map() };
      raw.set(k, l);
    }
    l.usd += usd;
    l.byChannel.set(channel, (l.byChannel.get(channel) ?? 0) + usd);
  };
  const backs = new Set<number>();
  for (let k = 0; k < m.backingAsset.length; k++) backs.add((m.backingBacker[k] as number) * nA + (m.backingAsset[k] as number));
  for (let k = 0; k < g.length; k++) {
    if (g.step.get(k) > t) continue;
    const ch = g.channel.get(k);
    const usd = g.impact.get(k);
    if (ch === CH_TRIGGER || ch === CH_BAD_DEBT || !(usd > 0)) continue;
    const from = g.from.get(k);
    const to = g.to.get(k);
    let source = name(from);
    kinds.set(name(to), kindOf(to));
    if (ch === CH_PRICE && from < nN) {
      source = backs.has(from * nA + (to - nN)) ? BACKERS : FORCED;
      kinds.set(source, 'other');
    } else kinds.set(source, kindOf(from));
    add(source, name(to), usd, CHANNELS[ch] as string);
  }
  const L = sim.recorder.liquidations;
  for (let k = 0; k < L.step.length; k++) {
    const bad = L.bad_debt_usd.get(k);
    if (L.step.get(k) > t || !(bad > 0)) continue;
    const p = L.position.get(k);
    const ca = m.positionCollateralAsset[p] as number;
    const a = ca !== 0 ? ca : (m.positionDebtAsset[p] as number);
    const v = L.venue.get(k);
    kinds.set(m.assetIds[a] as string, 'asset');
    kinds.set(m.nodeIds[v] as string, 'venue');
    add(m.assetIds[a] as string, m.nodeIds[v] as string, bad, 'bad_debt');
  }

  // Keep the largest vertices of each kind by throughput.
  const through = new Map<string, number>();
  for (const l of raw.values()) {
    through.set(l.source, (through.get(l.source) ?? 0) + l.usd);
    through.set(l.target, (through.get(l.target) ?? 0) + l.usd);
  }
  const alias = new Map<string, string>();
  for (const kind of ['event', 'asset', 'venue', 'entity'] as const) {
    const ranked = [...kinds].filter(([, k]) => k === kind).map(([id]) => id).sort((a, b) => (through.get(b) ?? 0) - (through.get(a) ?? 0) || (a < b ? -1 : 1));
    ranked.forEach((id, i) => alias.set(id, i < KEEP[kind] ? id : `other ${kind === 'entity' ? 'entities' : `${kind}s`}`));
  }
  const merged = new Map<string, { source: string; target: string; usd: number; byChannel: Map<string, number> }>();
  for (const l of raw.values()) {
    const source = alias.get(l.source) ?? l.source;
    const target = alias.get(l.target) ?? l.target;
    if (source === target) continue;
    const k = `${source}\u0000${target}`;
    const to = merged.get(k) ?? { source, target, usd: 0, byChannel: new Map<string, number>() };
    to.usd += l.usd;
    for (const [c, x] of l.byChannel) to.byChannel.set(c, (to.byChannel.get(c) ?? 0) + x);
    merged.set(k, to);
  }

  // Largest links first; a link that would close a cycle is left out.
  const sorted = [...merged.values()].sort((a, b) => b.usd - a.usd || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : 1));
  const out = new Map<string, string[]>();
  const reaches = (from: string, goal: string): boolean => {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length > 0) {
      const x = stack.pop() as string;
      if (x === goal) return true;
      for (const y of out.get(x) ?? []) {
        if (seen.has(y)) continue;
        seen.add(y);
        stack.push(y);
      }
    }
    return false;
  };
  const links: LossSankey['links'] = [];
  let feedback = 0;
  for (const l of sorted) {
    if (reaches(l.target, l.source)) {
      feedback += l.usd;
      continue;
    }
    out.set(l.source, [...(out.get(l.source) ?? []), l.target]);
    const channel = [...l.byChannel].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    links.push({ source: l.source, target: l.target, usd: l.usd, channel });
  }
  const used = new Set(links.flatMap((l) => [l.source, l.target]));
  const kindOfAlias = (id: string): NetworkNodeKind | 'other' => kinds.get(id) ?? 'other';
  const eventLabel = eventLabelsById(sim);
  const nodes = [...used].sort().map((id) => ({ id, kind: kindOfAlias(id), label: eventLabel.get(id) ?? id }));

  let total = 0;
  const r = sim.recorder.nodes;
  const rowStep = r.step.view();
  const rowNode = r.node.view();
  for (let k = 0; k < rowStep.length; k++) {
    if (rowStep[k] !== t) continue;
    const i = rowNode[k] as number;
    total += Math.max(0, (sim.start.equity[i] as number) - r.equity_usd.get(k));
  }
  return { runId, step: t, nodes, links, feedbackUsd: feedback, totalUsd: total };
}

