/**
 * A deliberately naive reference of MODEL.md §5 (the loss graph and the contagion paths),
 * written from MODEL.md §5 and docs/model.md ("Losses and contagion paths", the `losses` table)
 * only — never from engine/losses/*. It replays the naive reference run
 * (reference-model.ts) and, step by step, splits every node's equity change by channel and
 * cause:
 *
 * - `exogenous` event:k → i: what an external loss took from i's external assets;
 * - `market` a → i: the change of i's holdings, of its position equity max(0, c·P − d·P), of a
 *   venue's claim min(c·P, d·P) and of obligations in a token, from the previous clearing's
 *   prices to the stage-1 prices on the book the step starts with, then from the stage-1 to the
 *   stage-5 prices on the book after the step's liquidations (a fire-sold holding counts at the
 *   average price it got). An item whose value hangs on two tokens is booked under `*`
 *   (ambiguous: which token caused what is a matter of order);
 * - `liquidation` v → owner: what the liquidation itself took from the owner's position equity
 *   at the stage-1 prices (the bonus, as far as the equity covered it);
 * - `bad_debt` owner → v: what the venue got short of its claim at those prices (repaid value
 *   in cash against the claim min(c·P, d·P) it gave up);
 * - `counterparty` j → i: Π_ji·(p̄_j − p_j) of this clearing minus that of the previous one.
 *
 * Amounts are NET (a gain is a negative amount), computed as if every node paid p̄ in full, so
 * that for a node not in default the edges of a step add up to its equity change exactly, and
 * in the step it defaults to the whole hit (`impact_usd` in the engine's table).
 *
 * `price` edges: the losses a token's move caused in a step (Σ over nodes of the positive
 * `market` edges from it) split over its causes in proportion to each cause's share of the
 * log price move (events: log(1 + change), a depth change's effect on (x/(x+S))²; backers: log
 * of the B change; the step's flows: 2·log((x+S0)/(x+S1)), split by units among the venues and
 * fire-selling nodes) — a split MODEL.md leaves open between the stage-1 causes and the flows
 * (it fixes only "in proportion to their units in S's change" among the sellers), so only the
 * flows' split among sellers and the total are an unambiguous expectation.
 *
 * Since docs/model.md states the sizing rule (the losses shared among the causes that moved the
 * price the way it went, each by how far it moved it in log price, sellers among themselves by
 * their units; a cause that pushed the other way carries none), PriceSplit also carries the
 * expected edges in MIXED cases (`expected`, `against`, `parts`): each cause's own push on
 * log P — a shock log(1 + change), a depth change the change of 2·log(x/(x+S)) it made (a
 * re-clamp of S included), a backer its part of log(B_prev/B_now), a trader its units × the
 * flow's log move per net unit — and the readings where the rule is open (`expectedGross`,
 * `expectedAlt`; `expectedNet` for the report only). Derived from MODEL.md and docs/model.md.
 */
import type { Scenario } from '../../engine/scenario/scenario';
import type { Rows } from '../helpers/workspace';
import { readModel, referenceRun, USD, type RefPosition, type StepTrace } from './reference-model';

export type Channel = 'counterparty' | 'market' | 'liquidation' | 'bad_debt' | 'exogenous' | 'price' | 'trigger';
export const EQUITY_CHANNELS: readonly Channel[] = ['counterparty', 'market', 'liquidation', 'bad_debt', 'exogenous'];

export interface Edge {
  step: number;
  from: string;
  to: string;
  channel: Channel;
  /** Net loss (negative: a gain). */
  amount: number;
}

export interface PriceSplit {
  step: number;
  asset: string;
  /** Σ over nodes of the positive market edges from the asset this step. */
  losses: number;
  /** No node both gained and lost on the asset this step (item by item, stage by stage), and no item on two tokens that both moved involved it: `losses` is then what every reading gives. */
  oneSided: boolean;
  /** Cause → share of the log move (shares add up to 1); null when causes pull both ways or S was clamped. */
  shares: Record<string, number> | null;
  /** The sellers' (venues, fire-selling nodes) shares of the flow part, by signed units; null when flows go both ways. */
  sellerShares: Record<string, number> | null;
  /** The step's log move (a fall positive): log P5(previous step) − log P5(this step). */
  move: number;
  /** The move minus the Σ of the causes' log parts: the reference's own decomposition check (≈ 0). */
  residual: number;
  /** Each cause's log part (a fall positive; a trader's: its units × the flow's log move per net unit). */
  parts: Record<string, number>;
  /** Causes whose every push went against the move: they carry none. */
  against: string[];
  /**
   * The price edges the documented rule gives (cause → USD): the losses shared among the causes that
   * moved the price the way it went, by their log parts; a trader's part in the flows is its units ×
   * the flow's log move per net unit (2/(x+S0) when the net is 0) — the 'unit' reading, which the
   * engine takes. Null when the move is 0 or how far each backer moved B is open (backers both
   * ways, B clamped).
   */
  expected: Record<string, number> | null;
  /** The same with the flows' 'gross' reading (sellers and buyers each as if alone from S0), where it differs: also consistent with the documented rule. */
  expectedGross: Record<string, number> | null;
  /**
   * The same with the flows' 'net' reading (the flow's net push shared by units among those who
   * traded its way), where it differs. NOT consistent with the documented rule: a seller in a pool
   * that net bought pushed the way a fall went and would carry none. For the report only.
   */
  expectedNet: Record<string, number> | null;
  /**
   * Two or more depth changes of the asset in the step, none re-clamping S: the splits where their
   * joint move is shared by log(factor) (with the 'unit' and 'gross' flow readings), keyed by
   * reading. Not offered across a re-clamp: the joint move then stays as Σ log(factor) → 0 and the
   * parts run far past the move (×0.5 then ×2.02 of a pool at its floor: parts −539 and +546 for
   * a move of 7.9).
   */
  expectedAlt: Record<string, Record<string, number>>;
  /** The losses are this asset's alone (no item on two tokens that both moved). */
  attributable: boolean;
}

export interface LossReference {
  nodes: string[];
  /** Equity after each step's clearing; equity[0] is the start (before any event), equity[t + 1] after step t. A defaulted node's is 0. */
  equity: Record<string, number>[];
  /** Equity as if the node paid p̄ in full (not floored): what its edges add up to. */
  rawEquity: Record<string, number>[];
  defaultStep: Record<string, number | null>;
  steps: number;
  /** Equity-channel edges, one per (step, from, to, channel), net. */
  edges: Edge[];
  prices: PriceSplit[];
  /** Liquidations per step: venue, owner, collateral and debt asset, close-out. */
  liquidations: { step: number; venue: string; owner: string; collAsset: string; debtAsset: string; closeOut: boolean }[];
  /** `${step}|${node}` where some of the node's market change hung on two tokens (booked under `*`). */
  mixed: Set<string>;
}

/** The non-USD asset an item's value hangs on: '' none, '*' two different tokens. */
function keyOf(a: string, b: string): string {
  const toks = [...new Set([a, b].filter((x) => x !== USD))];
  return toks.length === 0 ? '' : toks.length === 1 ? (toks[0] as string) : '*';
}

type Mark = [key: string, value: number, assets: [string, string]];

/** Mark-to-market value of each of a node's priced items: item → [asset key, value, its two assets]. */
function marks(node: string, pos: readonly RefPosition[], hold: readonly { owner: string; asset: string; amount: number }[], P: Record<string, number>): Map<string, Mark> {
  const out = new Map<string, Mark>();
  hold.forEach((h, i) => {
    if (h.owner === node) out.set(`h${i}`, [keyOf(h.asset, USD), h.amount * (P[h.asset] as number), [h.asset, USD]]);
  });
  for (const p of pos) {
    const c = p.coll * (P[p.collAsset] as number);
    const d = p.debt * (P[p.debtAsset] as number);
    const k = keyOf(p.collAsset, p.debtAsset);
    if (p.owner === node) out.set(`o${p.id}`, [k, Math.max(0, c - d), [p.collAsset, p.debtAsset]]);
    if (p.venue === node) out.set(`v${p.id}`, [k, Math.min(c, d), [p.collAsset, p.debtAsset]]);
  }
  return out;
}

export function lossReference(rows: Rows, sc: Scenario): LossReference {
  const m = readModel(rows);
  const traces: StepTrace[] = [];
  const run = referenceRun(rows, sc, { trace: (t) => traces.push(t) });
  const start = traces[0] as StepTrace;
  const idx: Record<string, number> = {};
  m.nodes.forEach((id, i) => (idx[id] = i));
  const posById = (list: readonly RefPosition[]): Map<string, RefPosition> => new Map(list.map((p) => [p.id, p]));

  const equityOf = (tr: StepTrace, id: string): number => {
    const i = idx[id] as number;
    return (tr.clearing.value[i] as number) + (tr.clearing.received[i] as number) - (tr.clearing.owed[i] as number);
  };
  const unpaid = (tr: StepTrace, k: number): number => {
    const o = m.obligations[k];
    if (!o) return 0;
    const j = idx[o.debtor] as number;
    const owed = tr.clearing.owed[j] as number;
    if (!(owed > 0)) return 0;
    return ((tr.obligationValues[k] as number) / owed) * (owed - (tr.clearing.paid[j] as number));
  };

  const equity: Record<string, number>[] = [];
  const rawEquity: Record<string, number>[] = [];
  const eq0: Record<string, number> = {};
  const raw0: Record<string, number> = {};
  for (const id of m.nodes) {
    eq0[id] = run.nodes[id]?.equity_start_usd as number;
    raw0[id] = equityOf(start, id);
  }
  equity.push(eq0);
  rawEquity.push(raw0);

  const edges = new Map<string, Edge>();
  const book = (step: number, from: string, to: string, channel: Channel, amount: number): void => {
    if (amount === 0) return;
    const key = `${step}|${from}|${to}|${channel}`;
    const e = edges.get(key);
    if (e) e.amount += amount;
    else edges.set(key, { step, from, to, channel, amount });
  };
  const mixed = new Set<string>();
  const prices: PriceSplit[] = [];
  const liquidations: LossReference['liquidations'] = [];

  let prev = start;
  for (let s = 1; s < traces.length; s++) {
    const tr = traces[s] as StepTrace;
    const t = tr.step;
    const Pprev = prev.P5;
    // exogenous
    for (const ev of tr.events) if (ev.type === 'external_loss' && ev.node !== undefined) book(t, `event:${ev.index}`, ev.node, 'exogenous', ev.taken ?? 0);
    // liquidations at stage-1 prices
    const before = posById(tr.positionsStart);
    const after = posById(tr.positionsEnd);
    const liqIds = new Set(tr.liquidated.map((l) => l.id));
    for (const l of tr.liquidated) {
      const b = before.get(l.id) as RefPosition;
      const a = after.get(l.id) as RefPosition;
      const P = tr.P1;
      const val = (p: RefPosition): { eq: number; claim: number } => {
        const c = p.coll * (P[p.collAsset] as number);
        const d = p.debt * (P[p.debtAsset] as number);
        return { eq: Math.max(0, c - d), claim: Math.min(c, d) };
      };
      const vb = val(b);
      const va = val(a);
      book(t, b.venue, b.owner, 'liquidation', vb.eq - va.eq);
      book(t, b.owner, b.venue, 'bad_debt', vb.claim - va.claim - l.repaidUnits * (P[b.debtAsset] as number));
      liquidations.push({ step: t, venue: b.venue, owner: b.owner, collAsset: b.collAsset, debtAsset: b.debtAsset, closeOut: l.closeOut });
    }
    // market: stage A on the starting book, stage C on the book after liquidations and fire sales
    const soldHold = tr.holdingsStart.map((h) => ({ ...h }));
    for (const sale of tr.sales) {
      for (const h of soldHold) if (h.owner === sale.owner && h.asset === sale.asset) h.amount = 0;
    }
    const marketBy: Record<string, Map<string, number>> = {};
    const itemGain = new Set<string>();
    const itemLoss = new Set<string>();
    const inMixed = new Set<string>();
    for (const id of m.nodes) {
      const mk = new Map<string, number>();
      const note = (k: string, d: number): void => {
        if (d > 0) itemLoss.add(k);
        if (d < 0) itemGain.add(k);
        mk.set(k, (mk.get(k) ?? 0) + d);
      };
      // An item on two tokens of which only one moved in the whole step is that token's; one whose
      // two tokens both moved is booked under '*' (a Shapley split over the step and a split stage
      // by stage are both fair readings, and they differ).
      const addAll = (x: Map<string, Mark>, y: Map<string, Mark>): void => {
        for (const [item, [k, v, two]] of x) {
          const moved = two.filter((a) => a !== USD && (Pprev[a] !== tr.P1[a] || Pprev[a] !== tr.P5[a]));
          if (k === '*' && moved.length > 1) for (const a of moved) inMixed.add(a);
          note(k === '*' && moved.length === 1 ? (moved[0] as string) : k, v - ((y.get(item) as Mark | undefined)?.[1] ?? 0));
        }
      };
      // stage A: previous clearing's prices → stage 1 (events, B)
      addAll(marks(id, tr.positionsStart, tr.holdingsStart, Pprev), marks(id, tr.positionsStart, tr.holdingsStart, tr.P1));
      // the liquidated positions leave stage A at their post-liquidation state: stage C starts from it
      const afterLiq = tr.positionsStart.map((p) => (liqIds.has(p.id) ? (after.get(p.id) as RefPosition) : p));
      // fire sales: a holding at the stage-1 price against the average price it got
      for (const sale of tr.sales) if (sale.owner === id) note(sale.asset, sale.units * ((tr.P1[sale.asset] as number) - sale.avg));
      // stage C: stage 1 → stage 5 on the book after the step's liquidations and sales
      addAll(marks(id, afterLiq, soldHold, tr.P1), marks(id, afterLiq, soldHold, tr.P5));
      // obligations in a token: a creditor's claim, a debtor's liability, at the previous and this clearing's prices
      m.obligations.forEach((o, k) => {
        if (o.asset === USD) return;
        const d = (prev.obligationValues[k] as number) - (tr.obligationValues[k] as number);
        if (o.creditor === id) note(o.asset, d);
        if (o.debtor === id) note(o.asset, -d);
      });
      marketBy[id] = mk;
      for (const [k, v] of mk) {
        if (k === '') continue;
        if (k === '*') mixed.add(`${t}|${id}`);
        book(t, k, id, 'market', v);
      }
    }
    // counterparty: newly unpaid
    m.obligations.forEach((o, k) => book(t, o.debtor, o.creditor, 'counterparty', unpaid(tr, k) - unpaid(prev, k)));

    // price splits
    for (const a of m.assets) {
      let losses = 0;
      for (const id of m.nodes) losses += Math.max(0, marketBy[id]?.get(a) ?? 0);
      const causes: Record<string, number> = {};
      const addCause = (c: string, v: number): void => {
        if (v !== 0) causes[c] = (causes[c] ?? 0) + v;
      };
      // log price = log F + log B + 2 log(x/(x+S)); a fall is a positive contribution
      const Bprev = prev.step < 0 ? 1 : (prev.B[a] as number);
      const Bnow = tr.B[a] as number;
      let ambiguous = false;
      if (Bnow !== Bprev) {
        // B of step t uses the recovery rates of clearing t − 1 (traces[s − 1]); all 1 at step 0
        const rec = (k: number, backer: string): number => {
          const tk = traces[k];
          if (k <= 0 || !tk) return 1;
          const i = idx[backer] as number;
          const owed = tk.clearing.owed[i] as number;
          return owed > 0 ? (tk.clearing.paid[i] as number) / owed : 1;
        };
        const contrib = m.backing.filter((bk) => bk.asset === a).map((bk) => ({ backer: bk.backer, c: bk.share * (rec(s - 2, bk.backer) - rec(s - 1, bk.backer)) }));
        const sum = contrib.reduce((p, q) => p + q.c, 0);
        const unclamped = Math.abs(Bnow - Bprev + sum) <= 1e-12;
        if (!unclamped || !contrib.every((q) => q.c >= 0)) ambiguous = true;
        else for (const q of contrib) if (q.c > 0) addCause(q.backer, (-Math.log(Bnow / Bprev) * q.c) / sum);
      }
      const xa0 = m.reserve[a];
      let x = xa0 ?? null;
      // x at the start of this step: replay depth changes of earlier steps
      for (let u = 1; u < s; u++) for (const ev of (traces[u] as StepTrace).events) if (ev.type === 'depth_change' && ev.asset === a && x !== null) x *= ev.factor as number;
      const Sstart = prev.S1[a] ?? 0;
      for (const ev of tr.events) {
        if (ev.asset !== a) continue;
        if (ev.type === 'price_shock') addCause(`event:${ev.index}`, -Math.log(ev.factor as number));
        if (ev.type === 'depth_change' && x !== null) {
          const nx = x * (ev.factor as number);
          if (Sstart < -0.99 * nx) ambiguous = true;
          addCause(`event:${ev.index}`, -2 * Math.log(nx / (nx + Sstart) / (x / (x + Sstart))));
          x = nx;
        }
      }
      let sellerShares: Record<string, number> | null = null;
      if (x !== null) {
        const S0 = tr.S0[a] as number;
        const S1 = tr.S1[a] as number;
        const flowLog = -2 * Math.log((x + S0) / (x + S1));
        const units: Record<string, number> = {};
        const addU = (who: string, u: number): void => {
          if (u !== 0) units[who] = (units[who] ?? 0) + u;
        };
        for (const l of tr.liquidated) {
          const b = before.get(l.id) as RefPosition;
          if (b.collAsset === a) addU(b.venue, l.seized);
          if (b.debtAsset === a) addU(b.venue, -l.repaidUnits);
        }
        for (const sale of tr.sales) if (sale.asset === a) addU(sale.owner, sale.units);
        const vals = Object.values(units);
        const net = vals.reduce((p, q) => p + q, 0);
        if (Math.abs(S1 - (S0 + net)) > 1e-9 * Math.max(1, Math.abs(S1))) ambiguous = true; // clamped
        if (vals.length > 0 && (vals.every((u) => u > 0) || vals.every((u) => u < 0))) {
          sellerShares = {};
          for (const [who, u] of Object.entries(units)) sellerShares[who] = u / net;
          for (const [who, sh] of Object.entries(sellerShares)) addCause(who, flowLog * sh);
        } else if (vals.length > 0) ambiguous = true;
      }
      const cv = Object.values(causes);
      const tot = cv.reduce((p, q) => p + q, 0);
      const oneWay = cv.every((v) => v > 0) || cv.every((v) => v < 0);
      let shares: Record<string, number> | null = null;
      if (!ambiguous && oneWay && tot !== 0) {
        shares = {};
        for (const [c, v] of Object.entries(causes)) shares[c] = v / tot;
      }
      // ---- the documented sizing rule (docs/model.md, "Losses and contagion paths"), mixed cases included ----
      // Each cause's own push on log P (a fall positive): shocks log(1 + change); a depth change the
      // change of 2·log(x/(x+S)) it made, S re-clamped to −0.99·x included; backers their part of
      // log(B_prev/B_now); the flows 2·log((x+S1)/(x+S0)), S1 clamped at −0.99·x included.
      const parts: Record<string, number> = {};
      const push: Record<string, number[]> = {}; // every component's own sign, per cause id
      const addPart = (c: string, v: number, own: number): void => {
        parts[c] = (parts[c] ?? 0) + v;
        (push[c] ??= []).push(own);
      };
      let splitOpen = false;
      const depthSeq: { id: string; v: number; logF: number }[] = [];
      let depthReclamp = false; // a depth change re-clamped S: the joint move of the step's depth changes does not vanish as Π factor → 1
      let residualBase = 0; // Σ of the parts the decomposition adds up to the move
      {
        // events, replayed on (x, S) with the re-clamp
        let xe = xa0 ?? null;
        for (let u = 1; u < s; u++) for (const ev of (traces[u] as StepTrace).events) if (ev.type === 'depth_change' && ev.asset === a && xe !== null) xe *= ev.factor as number;
        let Se = prev.S1[a] ?? 0;
        for (const ev of tr.events) {
          if (ev.asset !== a) continue;
          if (ev.type === 'price_shock') {
            const v = -Math.log(ev.factor as number);
            addPart(`event:${ev.index}`, v, v);
            residualBase += v;
          }
          if (ev.type === 'depth_change' && xe !== null) {
            const nx = xe * (ev.factor as number);
            const nS = Math.max(Se, -0.99 * nx);
            const v = 2 * (Math.log(nx + nS) - Math.log(nx)) - 2 * (Math.log(xe + Se) - Math.log(xe));
            addPart(`event:${ev.index}`, v, v);
            depthSeq.push({ id: `event:${ev.index}`, v, logF: Math.log(ev.factor as number) });
            if (nS !== Se) depthReclamp = true;
            residualBase += v;
            xe = nx;
            Se = nS;
          }
        }
        // backers
        const Bprev2 = prev.step < 0 ? 1 : (prev.B[a] as number);
        const Bnow2 = tr.B[a] as number;
        if (Bnow2 !== Bprev2) {
          const bLog = Math.log(Bprev2 / Bnow2);
          residualBase += bLog;
          const rec = (k: number, backer: string): number => {
            const tk = traces[k];
            if (k <= 0 || !tk) return 1;
            const i = idx[backer] as number;
            const owed = tk.clearing.owed[i] as number;
            return owed > 0 ? (tk.clearing.paid[i] as number) / owed : 1;
          };
          const byBacker: Record<string, number> = {};
          for (const bk of m.backing) if (bk.asset === a) byBacker[bk.backer] = (byBacker[bk.backer] ?? 0) + bk.share * (rec(s - 2, bk.backer) - rec(s - 1, bk.backer));
          const cs = Object.entries(byBacker).filter(([, c]) => c !== 0);
          const sum = cs.reduce((p, [, c]) => p + c, 0);
          const unclamped = Math.abs(Bnow2 - Bprev2 + sum) <= 1e-12;
          const oneWayB = cs.every(([, c]) => c > 0) || cs.every(([, c]) => c < 0);
          if (unclamped && oneWayB && sum !== 0) for (const [bk, c] of cs) addPart(bk, (bLog * c) / sum, c);
          else {
            // B clamped, or backers pulling both ways: how far each moved log B is open
            splitOpen = true;
            for (const [bk, c] of cs) (push[bk] ??= []).push(c);
          }
        }
      }
      // flows
      const flowParts: { id: string; units: number }[] = [];
      let flowNet = 0;
      let grossSell = 0;
      let grossBuy = 0;
      let perUnit = 0;
      if (x !== null) {
        const S0 = tr.S0[a] as number;
        const S1 = tr.S1[a] as number;
        flowNet = 2 * (Math.log(x + S1) - Math.log(x + S0));
        residualBase += flowNet;
        const units: Record<string, number> = {};
        for (const l of tr.liquidated) {
          const b = before.get(l.id) as RefPosition;
          if (b.collAsset === a) units[b.venue] = (units[b.venue] ?? 0) + l.seized;
          if (b.debtAsset === a) units[b.venue] = (units[b.venue] ?? 0) - l.repaidUnits;
        }
        for (const sale of tr.sales) if (sale.asset === a) units[sale.owner] = (units[sale.owner] ?? 0) + sale.units;
        let U = 0;
        let D = 0;
        for (const [id, u] of Object.entries(units)) {
          if (u === 0) continue;
          flowParts.push({ id, units: u });
          if (u > 0) U += u;
          else D -= u;
        }
        perUnit = U - D !== 0 ? flowNet / (U - D) : 2 / (x + S0);
        grossSell = U > 0 ? 2 * (Math.log(x + S0 + U) - Math.log(x + S0)) : 0;
        grossBuy = D > 0 ? 2 * (Math.log(x + Math.max(S0 - D, -0.99 * x)) - Math.log(x + S0)) : 0;
      }
      const move = Math.log(Pprev[a] as number) - Math.log(tr.P5[a] as number);
      const dir = Math.abs(move) > 1e-12 ? Math.sign(move) : 0;
      // the flows' parts under a reading: 'unit' — each trader's units × the flow's log move per net
      // unit; 'gross' — each side as if alone from S0, by units within the side; 'net' — the flow's
      // net push, shared by units among those who traded the way it went (against the rule: a
      // seller in a pool that net bought carries none of a fall). Two or more depth changes of one
      // asset in one step: 'seq' — each its own move in list order; 'log' — their joint move shared
      // by log(factor) (0 each when Π factor = 1: without a re-clamp their joint move is then 0)
      const withFlows = (reading: 'net' | 'gross' | 'unit', depth: 'seq' | 'log' = 'seq'): Record<string, number> => {
        const out: Record<string, number> = { ...parts };
        if (depth === 'log' && depthSeq.length > 1) {
          const joint = depthSeq.reduce((p, d) => p + d.v, 0);
          const sumLog = depthSeq.reduce((p, d) => p + d.logF, 0);
          for (const d of depthSeq) out[d.id] = (out[d.id] ?? 0) - d.v + (Math.abs(sumLog) > 1e-12 ? (joint * d.logF) / sumLog : 0);
        }
        const side = (sign: number, total: number): void => {
          const us = flowParts.filter((f) => Math.sign(f.units) === sign);
          const tot = us.reduce((p, f) => p + f.units, 0);
          for (const f of us) out[f.id] = (out[f.id] ?? 0) + (total * f.units) / tot;
        };
        if (reading === 'unit') for (const f of flowParts) out[f.id] = (out[f.id] ?? 0) + perUnit * f.units;
        else if (reading === 'net') {
          if (flowNet !== 0) side(Math.sign(flowNet), flowNet);
        } else {
          side(1, grossSell);
          side(-1, grossBuy);
        }
        return out;
      };
      for (const f of flowParts) (push[f.id] ??= []).push(f.units);
      const share = (pp: Record<string, number>): Record<string, number> => {
        const out: Record<string, number> = {};
        let tot = 0;
        for (const v of Object.values(pp)) if (dir * v > 0) tot += dir * v;
        for (const [c, v] of Object.entries(pp)) if (dir * v > 0) out[c] = (losses * dir * v) / tot;
        return out;
      };
      const sameMap = (p: Record<string, number>, q: Record<string, number>): boolean => {
        const ks = new Set([...Object.keys(p), ...Object.keys(q)]);
        for (const k of ks) if (Math.abs((p[k] ?? 0) - (q[k] ?? 0)) > 1e-9 * Math.max(1, losses)) return false;
        return true;
      };
      const against = Object.entries(push)
        .filter(([, ps]) => dir !== 0 && ps.length > 0 && ps.every((v) => dir * v < 0))
        .map(([c]) => c);
      let expected: Record<string, number> | null = null;
      let expectedGross: Record<string, number> | null = null;
      let expectedNet: Record<string, number> | null = null;
      const expectedAlt: Record<string, Record<string, number>> = {};
      if (dir !== 0 && !splitOpen) {
        expected = share(withFlows('unit'));
        const g = share(withFlows('gross'));
        if (!sameMap(expected, g)) expectedGross = g;
        const n = share(withFlows('net'));
        if (!sameMap(expected, n)) expectedNet = n;
        // (sharing by log factor is a reading of 'how far' only while the joint move vanishes with
        // Σ log factor; across a re-clamp it does not, and the shares run far past the move)
        if (depthSeq.length > 1 && !depthReclamp) {
          for (const r of ['unit', 'gross'] as const) {
            const d = share(withFlows(r, 'log'));
            if (!sameMap(expected, d)) expectedAlt[`depth by log factor, flows ${r}`] = d;
          }
        }
      }
      const mixedFields = { move, residual: move - residualBase, parts: withFlows('unit'), against, expected, expectedGross, expectedNet, expectedAlt, attributable: !inMixed.has(a) };
      if (losses > 0 || cv.length > 0 || Object.keys(push).length > 0) prices.push({ step: t, asset: a, losses, oneSided: !(itemGain.has(a) && itemLoss.has(a)) && !inMixed.has(a), shares, sellerShares, ...mixedFields });
    }

    const eq: Record<string, number> = {};
    const raw: Record<string, number> = {};
    for (const id of m.nodes) {
      raw[id] = equityOf(tr, id);
      eq[id] = (tr.defaultStep[id] as number) >= 0 ? 0 : raw[id];
    }
    equity.push(eq);
    rawEquity.push(raw);
    prev = tr;
  }

  const defaultStep: Record<string, number | null> = {};
  for (const id of m.nodes) defaultStep[id] = run.nodes[id]?.default_step ?? null;
  return { nodes: m.nodes, equity, rawEquity, defaultStep, steps: run.steps_run, edges: [...edges.values()], prices, liquidations, mixed };
}

// ---------------------------------------------------------------------------------------------
// The contagion path walk (MODEL §5, docs/model.md): from a node, walk back along the largest
// incoming loss edge at or before the node's step, never revisiting a vertex, until an event;
// where no way on is left short of an event, step back and take the next largest edge there.

export interface WalkEdge {
  step: number;
  from: string;
  to: string;
  channel: string;
  /** What the walk compares: the loss that reached `to` (impact_usd in the engine's table). */
  weight: number;
}

export interface WalkOptions {
  /**
   * 'from' (the engine's reading): a vertex's sources are ranked by the sum of their edges' weights
   * into it (every channel, every step within the bound; gains count negative), and only sums
   * > 0 count. 'row': each (step, from, to, channel) edge on its own.
   */
  aggregate: 'row' | 'from';
  /**
   * 'causal' (the engine's reading): the bound starts at the node's step and becomes, at each hop,
   * the latest step of the edges taken. 'fixed': the node's step throughout (MODEL's words read
   * literally: "step ≤ the node's").
   */
  bound: 'causal' | 'fixed';
  /** Tie order of sources (lower first); default: the engine's vertex order (nodes by id, then assets by id, then events by index). */
  order?: (v: string) => number;
}

export const ENGINE_READING: WalkOptions = { aggregate: 'from', bound: 'causal' };

/** The engine's vertex order for ties: nodes by id, then assets (USD first) by id, then events by index. */
export function vertexOrder(nodes: readonly string[], assets: readonly string[]): (v: string) => number {
  const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const rank = new Map<string, number>();
  [...nodes].sort(byId).forEach((id) => rank.set(id, rank.size));
  [USD, ...[...assets].filter((a) => a !== USD).sort(byId)].forEach((id) => rank.set(id, rank.size));
  return (v: string) => rank.get(v) ?? (v.startsWith('event:') ? rank.size + Number(v.slice(6)) : Number.MAX_SAFE_INTEGER);
}

/**
 * The contagion path of `node` over `edges` from the step `limit` (its default step, or the last
 * step run), as `opt` reads MODEL §5. Depth-first; a vertex is never visited twice (also across
 * abandoned branches). Returns the vertices from the cause to the node and whether the walk reached
 * an event; when it cannot, the path is the first walk as it stopped (the engine's fallback), and
 * empty when nothing came in at all.
 */
export function walkPath(edges: readonly WalkEdge[], node: string, limit: number, opt: WalkOptions = ENGINE_READING): { path: string[]; reachedEvent: boolean } {
  const into = new Map<string, WalkEdge[]>();
  for (const e of edges) {
    if (e.step > limit) continue;
    let l = into.get(e.to);
    if (!l) into.set(e.to, (l = []));
    l.push(e);
  }
  const order = opt.order ?? ((_v: string) => 0);
  const candidates = (v: string, bound: number): { from: string; weight: number; latest: number }[] => {
    const list = (into.get(v) ?? []).filter((e) => e.step <= bound);
    let c: { from: string; weight: number; latest: number }[];
    if (opt.aggregate === 'row') c = list.filter((e) => e.weight > 0).map((e) => ({ from: e.from, weight: e.weight, latest: e.step }));
    else {
      const sum = new Map<string, { weight: number; latest: number }>();
      for (const e of list) {
        const x = sum.get(e.from) ?? { weight: 0, latest: -1 };
        x.weight += e.weight;
        x.latest = Math.max(x.latest, e.step);
        sum.set(e.from, x);
      }
      c = [...sum].map(([from, x]) => ({ from, ...x })).filter((x) => x.weight > 0);
    }
    return c.sort((a, b) => b.weight - a.weight || order(a.from) - order(b.from) || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  };
  const visited = new Set<string>([node]);
  let firstStop: string[] | null = null;
  const dfs = (chain: string[], bound: number): string[] | null => {
    const v = chain[chain.length - 1] as string;
    if (v.startsWith('event:')) return chain;
    for (const c of candidates(v, bound)) {
      if (visited.has(c.from)) continue;
      visited.add(c.from);
      const p = dfs([...chain, c.from], opt.bound === 'causal' ? c.latest : bound);
      if (p) return p;
    }
    firstStop ??= chain;
    return null;
  };
  const found = dfs([node], limit);
  const chain = found ?? firstStop ?? [node];
  return { path: chain.length > 1 ? [...chain].reverse() : [], reachedEvent: found !== null };
}
