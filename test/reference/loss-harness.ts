/**
 * The engine's loss graph and contagion paths (MODEL §5) against the naive reference of
 * loss-reference.ts, and the invariants that hold whatever the reading. Each check returns
 * readable difference lines (empty when it agrees).
 */
import { resultTables } from '../../engine/results/tables';
import type { RunSummary } from '../../engine/results/summary-types';
import type { Scenario } from '../../engine/scenario/scenario';
import type { Simulation } from '../../engine/sim/simulation';
import type { Rows } from '../helpers/workspace';
import { ENGINE_READING, EQUITY_CHANNELS, lossReference, vertexOrder, walkPath, type LossReference, type WalkEdge } from './loss-reference';
import { readModel, USD } from './reference-model';

export interface LossRow {
  step: number;
  from: string;
  to: string;
  channel: string;
  amount: number;
  impact: number;
}

/** The engine's `losses` table as rows. */
export function engineLosses(sim: Simulation): LossRow[] {
  const t = resultTables(sim).losses;
  const cols = ['step', 'from', 'to', 'channel', 'amount_usd', 'impact_usd'].map((c) => t.getChild(c));
  const [step, from, to, channel, amount, impact] = cols;
  if (!step || !from || !to || !channel || !amount || !impact) throw new Error('losses table lacks a column');
  const out: LossRow[] = [];
  for (let i = 0; i < t.numRows; i++) {
    out.push({ step: step.get(i) as number, from: String(from.get(i)), to: String(to.get(i)), channel: String(channel.get(i)), amount: amount.get(i) as number, impact: impact.get(i) as number });
  }
  return out;
}

/** Equity of every node after each step, from the engine's `nodes` table: equity[t][node]. */
export function engineEquity(sim: Simulation): Record<string, number>[] {
  const t = resultTables(sim).nodes;
  const step = t.getChild('step');
  const node = t.getChild('node');
  const equity = t.getChild('equity_usd');
  if (!step || !node || !equity) throw new Error('nodes table lacks a column');
  const out: Record<string, number>[] = [];
  for (let i = 0; i < t.numRows; i++) (out[step.get(i) as number] ??= {})[String(node.get(i))] = equity.get(i) as number;
  return out;
}

const isEquityChannel = (c: string): boolean => (EQUITY_CHANNELS as readonly string[]).includes(c);

/** The step bound of a node's path: its default step, else the last step run. */
export function pathLimit(summary: RunSummary, node: string): number {
  return summary.nodes[node]?.default_step ?? summary.steps_run - 1;
}

/**
 * Invariants of the engine's own output, whatever MODEL's reading:
 * - a path is empty or starts with an event (unless no walk can reach one: positions liquidatable
 *   or nodes insolvent before any event), ends with its node, and repeats no vertex;
 * - each hop of a path is a loss-table edge (positive impact summed) at a step ≤ the node's bound;
 * - a node that lost (start − end > 0) or defaulted, with an incoming loss up to its bound, has a path; one that did neither has none;
 * - per node and step, its equity-channel amounts add up to its equity change (money conserved),
 *   and impact = amount except in its default step, where impact ≥ amount (and where its equity
 *   before or after is ~0: a node short of its obligations within the tolerance, or insolvent from
 *   the start, has its edges scaled to its reported equity change too);
 * - every loss row's amounts are finite;
 * - no price edge is negative (a share of the losses a move caused, never a gain).
 */
export function engineInvariants(summary: RunSummary, sim: Simulation, rel = 1e-9, abs = 1e-6): string[] {
  const out: string[] = [];
  const rows = engineLosses(sim);
  const equity = engineEquity(sim);
  for (const r of rows) if (!Number.isFinite(r.amount) || !Number.isFinite(r.impact)) out.push(`losses row ${JSON.stringify(r)} not finite`);
  // paths
  for (const [id, n] of Object.entries(summary.nodes)) {
    const p = n.path;
    const lost = n.equity_start_usd - n.equity_end_usd > 0 || n.defaulted;
    if (!lost) {
      if (p.length > 0) out.push(`${id}: lost nothing but has path ${JSON.stringify(p)}`);
      continue;
    }
    const limit = pathLimit(summary, id);
    // something came in: a source whose edges into the node, summed up to the bound, are a loss
    const bySource = new Map<string, number>();
    for (const r of rows) if (r.to === id && r.from !== id && r.step <= limit) bySource.set(r.from, (bySource.get(r.from) ?? 0) + r.impact);
    const hit = rows.some((r) => r.to === id && r.step <= limit && isEquityChannel(r.channel)) && [...bySource.values()].some((w) => w > 0);
    if (p.length === 0 && hit) {
      out.push(`${id}: lost ${n.equity_start_usd - n.equity_end_usd} (defaulted ${n.defaulted}) but has no path`);
      continue;
    }
    if (p.length === 0) continue; // defaulted with nothing coming in: insolvent from the start
    if (!String(p[0]).startsWith('event:')) {
      // allowed only where no walk can reach an event (a cascade already under way before any event)
      const walk = walkPath(
        rows.map((r) => ({ step: r.step, from: r.from, to: r.to, channel: r.channel, weight: r.impact })),
        id,
        limit,
      );
      if (walk.reachedEvent) out.push(`${id}: path does not start with an event although one can be reached: ${JSON.stringify(p)} (walk: ${JSON.stringify(walk.path)})`);
    }
    if (p[p.length - 1] !== id) out.push(`${id}: path does not end with the node: ${JSON.stringify(p)}`);
    if (new Set(p).size !== p.length) out.push(`${id}: path repeats a vertex: ${JSON.stringify(p)}`);
    for (let k = 0; k + 1 < p.length; k++) {
      const hop = rows.filter((r) => r.from === p[k] && r.to === p[k + 1] && r.step <= limit && r.impact > 0);
      if (hop.length === 0) out.push(`${id}: hop ${p[k]} → ${p[k + 1]} of ${JSON.stringify(p)} is no loss edge at a step ≤ ${limit}`);
    }
  }
  // price edges: a cause carries a share of the losses its asset's move caused, never a gain
  for (const r of rows) if (r.channel === 'price' && !(r.amount >= 0)) out.push(`price edge ${r.from} → ${r.to} at step ${r.step}: ${r.amount} < 0`);
  // conservation
  const into = new Map<string, LossRow[]>();
  for (const r of rows) {
    if (!isEquityChannel(r.channel)) continue;
    const k = `${r.step}|${r.to}`;
    let l = into.get(k);
    if (!l) into.set(k, (l = []));
    l.push(r);
  }
  for (const [id, n] of Object.entries(summary.nodes)) {
    let prev = n.equity_start_usd;
    for (let t = 0; t < summary.steps_run; t++) {
      const now = equity[t]?.[id] as number;
      const list = into.get(`${t}|${id}`) ?? [];
      const sum = list.reduce((s, r) => s + r.amount, 0);
      const scale = list.reduce((s, r) => s + Math.abs(r.amount), Math.max(Math.abs(prev), Math.abs(now)));
      if (Math.abs(sum - (prev - now)) > abs + rel * scale) out.push(`${id} step ${t}: edges add up to ${sum}, equity fell by ${prev - now} (${prev} → ${now})`);
      for (const r of list) {
        if (n.default_step === t) {
          if (r.impact < r.amount - abs - rel * Math.abs(r.amount) && r.amount > 0) out.push(`${id} step ${t}: impact ${r.impact} < amount ${r.amount} (${r.from}, ${r.channel})`);
        } else if (r.impact !== r.amount && prev > abs && now > abs) out.push(`${id} step ${t}: impact ${r.impact} ≠ amount ${r.amount} outside its default step (${r.from}, ${r.channel})`);
      }
      prev = now;
    }
  }
  return out;
}

/** The engine's paths against the reference walk (the engine's reading, see WalkOptions) over the engine's own loss table. */
export function pathsAgainstWalk(rows: Rows, summary: RunSummary, sim: Simulation): string[] {
  const m = readModel(rows);
  const order = vertexOrder(m.nodes, m.assets);
  const edges: WalkEdge[] = engineLosses(sim).map((r) => ({ step: r.step, from: r.from, to: r.to, channel: r.channel, weight: r.impact }));
  const out: string[] = [];
  for (const [id, n] of Object.entries(summary.nodes)) {
    const lost = n.equity_start_usd - n.equity_end_usd > 0 || n.defaulted;
    const want = lost ? walkPath(edges, id, pathLimit(summary, id), { ...ENGINE_READING, order }).path : [];
    if (JSON.stringify(want) !== JSON.stringify(n.path)) out.push(`${id}: engine path ${JSON.stringify(n.path)} vs reference walk ${JSON.stringify(want)}`);
  }
  return out;
}

/**
 * The engine's equity-channel edges against the reference's, per (step, from, to, channel):
 * `impact` (the whole hit, = amount outside the default step) up to a node's default step; none after it. Market
 * edges of a node-step whose value hung on two tokens are compared as their sum. Also: every
 * liquidation has a trigger edge into its venue at its step and every trigger edge names a
 * liquidation's collateral or debt asset, owner, or an event; price edges into a token add up to
 * the losses its move caused.
 */
export function lossesAgainstReference(rows: Rows, sc: Scenario, summary: RunSummary, sim: Simulation, rel = 1e-8, abs = 1e-6): string[] {
  const ref: LossReference = lossReference(rows, sc);
  const eng = engineLosses(sim);
  const out: string[] = [];
  // a money scale: the largest gross value in the run (start values)
  let scale = 0;
  for (const e of ref.rawEquity) for (const v of Object.values(e)) scale = Math.max(scale, Math.abs(v));
  const m = readModel(rows);
  for (const h of m.holdings) scale = Math.max(scale, h.amount * (m.price[h.asset] as number));
  for (const p of m.positions) scale = Math.max(scale, p.coll * (m.price[p.collAsset] as number), p.debt * (m.price[p.debtAsset] as number));
  for (const o of m.obligations) scale = Math.max(scale, o.amount * (m.price[o.asset] as number));
  const tolOf = (a: number, b: number): number => abs + rel * Math.max(Math.abs(a), Math.abs(b), scale);

  if (ref.steps !== summary.steps_run) return [`steps_run: engine ${summary.steps_run} vs reference ${ref.steps}: edges not compared`];
  const ds = (id: string): number => ref.defaultStep[id] ?? Number.POSITIVE_INFINITY;
  for (const id of ref.nodes) if ((summary.nodes[id]?.default_step ?? null) !== ref.defaultStep[id]) return [`${id}: default step engine ${summary.nodes[id]?.default_step} vs reference ${ref.defaultStep[id]}: edges not compared`];

  const key = (step: number, from: string, to: string, channel: string): string => `${step}|${from}|${to}|${channel}`;
  const engMap = new Map<string, number>();
  for (const r of eng) {
    if (!isEquityChannel(r.channel)) continue;
    const t = ds(r.to);
    if (r.step > t) {
      out.push(`edge ${key(r.step, r.from, r.to, r.channel)} into a node defaulted at ${t}`);
      continue;
    }
    const from = r.channel === 'market' && ref.mixed.has(`${r.step}|${r.to}`) ? '*' : r.from;
    const k = key(r.step, from, r.to, r.channel);
    engMap.set(k, (engMap.get(k) ?? 0) + r.impact);
  }
  const refMap = new Map<string, number>();
  for (const e of ref.edges) {
    if (e.step > ds(e.to)) continue;
    const from = e.channel === 'market' && ref.mixed.has(`${e.step}|${e.to}`) ? '*' : e.from;
    const k = key(e.step, from, e.to, e.channel);
    refMap.set(k, (refMap.get(k) ?? 0) + e.amount);
  }
  for (const k of new Set([...engMap.keys(), ...refMap.keys()])) {
    const a = engMap.get(k) ?? 0;
    const b = refMap.get(k) ?? 0;
    if (Math.abs(a - b) > tolOf(a, b)) out.push(`edge ${k}: engine ${engMap.has(k) ? a : '—'} vs reference ${refMap.has(k) ? b : '—'}`);
  }

  // trigger edges
  const liqAt = new Map<string, LossReference['liquidations']>();
  for (const l of ref.liquidations) {
    const k = `${l.step}|${l.venue}`;
    liqAt.set(k, [...(liqAt.get(k) ?? []), l]);
  }
  const triggered = new Set<string>();
  for (const r of eng) {
    if (r.channel !== 'trigger') continue;
    const list = liqAt.get(`${r.step}|${r.to}`) ?? [];
    triggered.add(`${r.step}|${r.to}`);
    const ok = list.some((l) => r.from === l.collAsset || r.from === l.debtAsset || (l.closeOut && r.from === l.owner) || r.from.startsWith('event:'));
    if (!ok) out.push(`trigger ${r.from} → ${r.to} at ${r.step} matches no liquidation there`);
  }
  for (const k of liqAt.keys()) if (!triggered.has(k)) out.push(`liquidations at ${k} have no trigger edge`);

  // price edges: their total per token and step is the losses its move caused (compared where no node nets gains against losses on it)
  const priceIn = new Map<string, number>();
  for (const r of eng) if (r.channel === 'price') priceIn.set(`${r.step}|${r.to}`, (priceIn.get(`${r.step}|${r.to}`) ?? 0) + r.impact);
  for (const p of ref.prices) {
    // only where every reading agrees: one-sided moves, causes pulling one way (see PriceSplit)
    if (p.asset === USD || !p.oneSided || !p.shares) continue;
    const a = priceIn.get(`${p.step}|${p.asset}`) ?? 0;
    if (Math.abs(a - p.losses) > tolOf(a, p.losses)) out.push(`price edges into ${p.asset} at ${p.step}: engine ${a} vs reference losses ${p.losses}`);
    {
      for (const [who, share] of Object.entries(p.shares)) {
        const e = eng.filter((r) => r.channel === 'price' && r.step === p.step && r.to === p.asset && r.from === who).reduce((s, r) => s + r.impact, 0);
        const want = p.losses * share;
        if (Math.abs(e - want) > tolOf(e, want) * 10) out.push(`price edge ${who} → ${p.asset} at ${p.step}: engine ${e} vs reference ${want} (log share ${share})`);
      }
    }
  }
  return out;
}

/** How the engine's price splits read (see PriceSplit.expected*). */
export interface ReadingStats {
  /** Asset-steps with a move whose split every reading agrees on, matched. */
  fixed: number;
  /** Asset-steps where the flows' readings differ and the engine matched 'unit' (units × the flow's log move per net unit). */
  unit: number;
  /** … and matched 'gross' (each side as if alone from S0). */
  gross: number;
  /** … where two depth changes of one asset in one step split their joint move by log(factor), matched. */
  depthLog: number;
  /** Matched asset-steps with causes both ways (a mixed case). */
  mixed: number;
  /** Asset-steps whose split is open (backers both ways or B clamped): only the total and the causes against were checked. */
  open: number;
}

export const emptyStats = (): ReadingStats => ({ fixed: 0, unit: 0, gross: 0, depthLog: 0, mixed: 0, open: 0 });

/**
 * The price edges against the documented sizing rule (docs/model.md, "Losses and contagion
 * paths"), one-way and mixed cases alike (loss-reference.ts, PriceSplit.expected):
 * - Σ price edges into an asset at a step = the losses its move caused (the reference's, and,
 *   while no node has defaulted in an earlier step, the Σ of the engine's own positive market
 *   edges from it) whenever some cause moved it the way it went (the move is not 0);
 * - no edge from a cause whose every push went against the move;
 * - each cause's edge = the losses shared by how far it moved log P (reference); where the rule
 *   leaves it open (a trader's push in a pool where others traded the other way, two depth changes
 *   of one asset in one step) the engine must match one reading consistent with it.
 * Also checks the reference's own decomposition (Σ log parts = the log move).
 */
export function priceEdgesAgainstRule(rows: Rows, sc: Scenario, summary: RunSummary, sim: Simulation, stats?: ReadingStats, ref: LossReference = lossReference(rows, sc), rel = 1e-8, abs = 1e-6): string[] {
  const out: string[] = [];
  if (ref.steps !== summary.steps_run) return [];
  for (const id of ref.nodes) if ((summary.nodes[id]?.default_step ?? null) !== ref.defaultStep[id]) return [];
  const eng = engineLosses(sim);
  let scale = 0;
  for (const e of ref.rawEquity) for (const v of Object.values(e)) scale = Math.max(scale, Math.abs(v));
  const m = readModel(rows);
  for (const h of m.holdings) scale = Math.max(scale, h.amount * (m.price[h.asset] as number));
  for (const p of m.positions) scale = Math.max(scale, p.coll * (m.price[p.collAsset] as number), p.debt * (m.price[p.debtAsset] as number));
  for (const o of m.obligations) scale = Math.max(scale, o.amount * (m.price[o.asset] as number));
  const tolOf = (a: number, b: number): number => abs + rel * Math.max(Math.abs(a), Math.abs(b), scale);

  const price = new Map<string, Record<string, number>>();
  const marketLoss = new Map<string, number>();
  const marketNet = new Map<string, Map<string, number>>();
  for (const r of eng) {
    const k = `${r.step}|${r.channel === 'price' ? r.to : r.from}`;
    if (r.channel === 'price') {
      const e = price.get(k) ?? {};
      e[r.from] = (e[r.from] ?? 0) + r.impact;
      price.set(k, e);
    }
    if (r.channel === 'market') {
      const byNode = marketNet.get(k) ?? new Map<string, number>();
      byNode.set(r.to, (byNode.get(r.to) ?? 0) + r.impact);
      marketNet.set(k, byNode);
    }
  }
  for (const [k, byNode] of marketNet) marketLoss.set(k, [...byNode.values()].reduce((s, v) => s + Math.max(0, v), 0));
  const fmt = (o: Record<string, number>): string => JSON.stringify(Object.fromEntries(Object.entries(o).sort().map(([c, v]) => [c, Number(v.toPrecision(10))])));
  const matches = (got: Record<string, number>, want: Record<string, number>): boolean => {
    for (const c of new Set([...Object.keys(got), ...Object.keys(want)])) {
      const a = got[c] ?? 0;
      const b = want[c] ?? 0;
      if (Math.abs(a - b) > tolOf(a, b) * 10) return false;
    }
    return true;
  };
  for (const p of ref.prices) {
    if (p.asset === USD) continue;
    const k = `${p.step}|${p.asset}`;
    const got = price.get(k) ?? {};
    const total = Object.values(got).reduce((s, v) => s + v, 0);
    if (Math.abs(p.residual) > 1e-9 * Math.max(1, Math.abs(p.move))) out.push(`reference: log parts of ${p.asset} at ${p.step} miss the move by ${p.residual}`);
    for (const c of p.against) if ((got[c] ?? 0) > tolOf(got[c] ?? 0, 0)) out.push(`price edge ${c} → ${p.asset} at ${p.step}: ${got[c]} from a cause that pushed against the move (parts ${fmt(p.parts)})`);
    if (!p.attributable) continue;
    const mixedCase = Object.values(p.parts).some((v) => v * p.move < 0) || p.against.length > 0;
    if (p.move !== 0 && Math.abs(p.move) > 1e-12) {
      if (Math.abs(total - p.losses) > tolOf(total, p.losses)) out.push(`price edges into ${p.asset} at ${p.step} add up to ${total}, its move caused ${p.losses} (reference)${mixedCase ? ' [mixed]' : ''}: edges ${fmt(got)}, parts ${fmt(p.parts)}`);
      // (a node defaulted before this step has no edges any more, its losses still count: compared only where none is)
      const ml = marketLoss.get(k) ?? 0;
      const anyDefaulted = Object.values(ref.defaultStep).some((d) => d !== null && d < p.step);
      if (!anyDefaulted && Math.abs(total - ml) > tolOf(total, ml)) out.push(`price edges into ${p.asset} at ${p.step} add up to ${total}, the engine's own positive market edges from it to ${ml}`);
    }
    if (!p.expected) {
      if (stats && Math.abs(p.move) > 1e-12) stats.open++;
      continue;
    }
    if (matches(got, p.expected)) {
      if (stats) {
        if (p.expectedGross || p.expectedNet) stats.unit++;
        else stats.fixed++;
        if (mixedCase) stats.mixed++;
      }
    } else if (p.expectedGross && matches(got, p.expectedGross)) {
      if (stats) {
        stats.gross++;
        if (mixedCase) stats.mixed++;
      }
    } else if (Object.values(p.expectedAlt).some((e) => matches(got, e))) {
      if (stats) {
        stats.depthLog++;
        if (mixedCase) stats.mixed++;
      }
    } else
      out.push(
        `price edges into ${p.asset} at ${p.step}${mixedCase ? ' [mixed]' : ''}: engine ${fmt(got)} vs rule ${fmt(p.expected)}${p.expectedGross ? ` (gross reading ${fmt(p.expectedGross)})` : ''}${
          p.expectedNet && matches(got, p.expectedNet) ? ' — the engine matches the net reading here, against the rule' : ''
        }; log parts ${fmt(p.parts)}, losses ${p.losses}`,
      );
  }
  return out;
}
