import { activeOverride } from '../sim/oracles';
import type { Plan } from '../sim/plan';
import type { LossBuilder } from './loss-builder';
import { CH_COUNTERPARTY, CH_EXOGENOUS, CH_PRICE, CH_TRIGGER } from './loss-graph';
import type { StepJournal } from './step-journal';

/**
 * Completes the loss graph of step j.t (MODEL §5) after the clearing: counterparty and exogenous
 * edges, the causes of each asset's price move, the triggers of liquidations; then writes the
 * step's edges, scaled so that a defaulted node's edges add up to the equity it had.
 * `b.oblValue` holds each obligation's value at the step's prices.
 */
export function attributeStep(b: LossBuilder, j: StepJournal): void {
  const lm = b.lm;
  const loss = b.graph;
  const t = j.t;

  // Locals: the loop calls into the graph, after which V8 would load each of these again.
  const { P, P0 } = j;
  const recoveryOf = j.recovery;
  const { obligationDebtor: debtor, obligationCreditor: creditor, obligationAsset: asset, obligationAmount: amountOf } = lm;
  const { unpaidPrev, oblValue, debtorRank } = b;
  for (let k = 0; k < oblValue.length; k++) {
    const d = debtor[k] as number;
    const a = asset[k] as number;
    const moved = a !== 0 && P[a] !== P0[a];
    const recovery = recoveryOf[debtorRank[k] as number] as number;
    // A debtor paying in full, on an obligation it paid in full before, in a token that did not
    // move: no edge (its unpaid part stays 0).
    if (recovery === 1 && unpaidPrev[k] === 0 && !moved) continue;
    const i = creditor[k] as number;
    const unpaid = (oblValue[k] as number) * (1 - recovery);
    loss.addEdge(d, i, CH_COUNTERPARTY, unpaid - (unpaidPrev[k] as number));
    unpaidPrev[k] = unpaid;
    if (moved) {
      // A claim in a token is worth more or less as the token moves: a gain to the creditor, a loss to the debtor.
      const drop = (amountOf[k] as number) * ((P0[a] as number) - (P[a] as number));
      loss.addMarket(a, i, drop);
      loss.addMarket(a, d, -drop);
    }
  }
  for (const ex of j.exogenous) loss.add(loss.eventVertex(ex.index), ex.node, CH_EXOGENOUS, ex.amount);

  priceCauses(b, j);

  triggers(b, j);

  const { scale, drop, shortPrev, equityPrev, debtors } = b;
  const { defaultStep, shortNow, equity } = j;
  const stepLoss = loss.stepLoss;
  scale.fill(1);
  drop.fill(0);
  // Only a node that owes can default or be short: the others keep scale 1.
  // The journal's and the builder's node columns are by debtor (k); scale and drop by node (i).
  for (let k = 0; k < debtors.length; k++) {
    const i = debtors[k] as number;
    const d = defaultStep[k] as number;
    if (d >= 0 && d < t) drop[i] = 1;
    else if (shortPrev[k] || shortNow[k]) {
      // A node short of its obligations passes part of each hit to its creditors (or, recovering,
      // pays them back first): its edges are scaled to the change of the equity it reports.
      const raw = stepLoss[i] as number;
      const target = (equityPrev[k] as number) - (equity[k] as number);
      scale[i] = raw !== 0 && Math.sign(raw) === Math.sign(target) ? target / raw : 0;
    }
  }
  loss.flush(t, scale, drop, lm.plan.options.tolerance);
}

/**
 * Trigger edges (cause → venue) of the step's liquidations: a step has hundreds of thousands of
 * liquidations but a few hundred (cause, venue) pairs, so each pair's amounts are summed here,
 * in row order and skipping what `add` would skip, and added once — the sum the graph's
 * accumulator would have made of them one by one.
 */
function triggers(b: LossBuilder, j: StepJournal): void {
  const loss = b.graph;
  const liq = j.liq;
  const V = loss.vertices;
  const slot = new Map<number, number>();
  const from: number[] = [];
  const to: number[] = [];
  const sum: number[] = [];
  // Rows come grouped by venue and asset pair: most repeat the key before them.
  let lastKey = -1;
  let last = 0;
  const { repaid, debtPrice, venue: venueOf, forced, owner, collateralAsset, debtAsset } = liq;
  const overrides = b.lm.plan.overrides.length > 0;
  const firstAsset = loss.assetVertex(0);
  for (let r = 0; r < venueOf.length; r++) {
    const amount = (repaid[r] as number) * (debtPrice[r] as number);
    if (amount === 0 || !Number.isFinite(amount)) continue;
    // What set it off: the owner's default for a close-out; a manipulated feed the venue read
    // (the override event); otherwise the price of the collateral (of the debt when the
    // collateral is USD).
    const a = collateralAsset[r] as number;
    const d = debtAsset[r] as number;
    const overridden = overrides && !forced[r] ? overrideCause(b, j.t, venueOf[r] as number, a, d) : -1;
    const cause = forced[r] ? (owner[r] as number) : overridden >= 0 ? overridden : firstAsset + (a !== 0 ? a : d);
    const venue = venueOf[r] as number;
    const key = cause * V + venue;
    if (key === lastKey) {
      sum[last] = (sum[last] as number) + amount;
      continue;
    }
    lastKey = key;
    const k = slot.get(key);
    if (k === undefined) {
      last = sum.length;
      slot.set(key, last);
      from.push(cause);
      to.push(venue);
      sum.push(amount);
    } else {
      last = k;
      sum[k] = (sum[k] as number) + amount;
    }
  }
  for (let k = 0; k < sum.length; k++) loss.add(from[k] as number, to[k] as number, CH_TRIGGER, sum[k] as number);
}

/** The vertex of the override event active at t on a feed venue v reads for asset a (else d), −1 for none. */
function overrideCause(b: LossBuilder, t: number, v: number, a: number, d: number): number {
  const { plan, feedOracle, assets } = b.lm;
  const e = overrideSeen(plan, feedOracle, v * assets, a, t) ?? overrideSeen(plan, feedOracle, v * assets, d, t);
  return e ? b.graph.eventVertex(e.index) : -1;
}

/** The override event of the feed a venue reads for `asset` (row `venueRow` of feedOracle), active at t. */
function overrideSeen(plan: Plan, feedOracle: Int32Array, venueRow: number, asset: number, t: number): Plan['overrides'][number] | null {
  const o = feedOracle[venueRow + asset] as number;
  return o >= 0 ? activeOverride(plan, o, t) : null;
}

/**
 * Splits each asset's log-price move of the step, ln P = ln F + ln B + 2·ln(x/(x+S)), among its
 * causes — shocks, backers whose recovery fell, depth changes, and the venues and nodes whose
 * forced flows moved the pool (in proportion to their units) — and gives each cause that moved
 * it the way it went a share, by how far it moved it, of the market losses the asset caused this step: Σ over nodes of the positive market edges
 * from it (each node's own gains and losses on it netted, as its edge is). Losses, not the net
 * with other nodes' gains from the same move: in a short squeeze the holders' gains outweigh
 * the shorts' losses, and a token owed between two nodes is one's loss and the other's gain;
 * the net would leave the losers' paths no edge back to the shock.
 */
function priceCauses(b: LossBuilder, j: StepJournal): void {
  const lm = b.lm;
  const { plan } = lm;
  const loss = b.graph;
  const t = j.t;
  const nA = j.P.length;
  const causes = new Map<number, number>();
  const flows = flowsByAsset(j, lm.nodes);
  for (let a = 1; a < nA; a++) {
    // Σ over nodes of their (net) market losses from a this step: what the table's market edges show
    const market = loss.marketLossByAsset[a] as number;
    if (!(market > 0)) continue;
    const dlnP = Math.log((j.P[a] as number) / (j.P0[a] as number));
    if (!(Math.abs(dlnP) > 1e-15)) continue;
    causes.clear();
    const add = (v: number, c: number) => causes.set(v, (causes.get(v) ?? 0) + c);

    let shockMove = 0;
    for (const e of plan.shocks) {
      if (e.at !== t || e.asset !== a) continue;
      add(loss.eventVertex(e.index), Math.log(1 + e.change));
      shockMove += Math.log(1 + e.change);
    }

    const dlnB = Math.log((j.B[a] as number) / (j.Bprev[a] as number));
    if (dlnB !== 0) {
      let total = 0;
      for (let k = lm.backingStart[a] as number; k < (lm.backingStart[a + 1] as number); k++) {
        const backer = lm.backingBacker[k] as number;
        total += (lm.backingShare[k] as number) * ((b.recoveryBeforeB[backer] as number) - (b.recoveryForB[backer] as number));
      }
      if (total !== 0) {
        for (let k = lm.backingStart[a] as number; k < (lm.backingStart[a + 1] as number); k++) {
          const backer = lm.backingBacker[k] as number;
          const w = (lm.backingShare[k] as number) * ((b.recoveryBeforeB[backer] as number) - (b.recoveryForB[backer] as number));
          if (w !== 0) add(backer, (dlnB * w) / total);
        }
      }
    }

    const x1 = j.x[a] as number;
    if (x1 > 0) {
      const S0 = j.S0[a] as number;
      const S1 = j.S[a] as number;
      // 2·(ln(x1/(x1+S1)) − ln(x1/(x1+S0))), in a form that keeps its digits when S barely moved.
      const flowMove = -2 * Math.log1p((S1 - S0) / (x1 + S0));
      // Several changes of one pool in a step share their joint move by the size of each
      // (|ln factor|): by the signed logs, ×0.5 then ×2.02 split a move of 7.9 into −539 and +546.
      // Counted whenever there are any, not when x1 ≠ x0: ×0.5 then ×2 leaves x as it was, and the
      // re-clamp between them still moved the price.
      let total = 0;
      for (const e of plan.depths) if (e.at === t && e.asset === a) total += Math.abs(Math.log(e.factor));
      if (total > 0) {
        // What the step's depth changes did to 2·ln(x/(x+S)): the rest of the move once the shocks,
        // B and the flows are counted. Not 2·(ln(x1/(x1+S0)) − ln(x0/(x0+S0))): S0 is the flow after
        // the events, which a depth change below the net buying clamps (S ≥ −0.99·x), so the pool
        // the step started from had another S.
        const depthMove = dlnP - shockMove - dlnB - flowMove;
        for (const e of plan.depths) if (e.at === t && e.asset === a) add(loss.eventVertex(e.index), (depthMove * Math.abs(Math.log(e.factor))) / total);
      }
      // Each trader moved the price by its units times the flow's move per net unit; with no net
      // flow, by the pool's slope there (d/dS of 2·ln(x/(x+S)) = −2/(x+S)): the sellers among
      // buyers who bought back as much still pushed a fall, as they do one unit either side of it.
      const net = j.dS[a] as number;
      const perUnit = net !== 0 ? flowMove / net : -2 / (x1 + S0);
      if (Number.isFinite(perUnit) && perUnit !== 0) {
        for (const who of flows.who[a] as number[]) add(who, perUnit * (flows.units.get(a * lm.nodes + who) as number));
      }
    }

    // The causes that pushed the price the way it went share its losses, each by how far it
    // pushed; a cause that pushed against the move (a pool re-clamped up under a shock down, a
    // buyer among sellers) offset it and carries none. Shares of the signed parts ran far past the
    // losses when the parts nearly cancelled: ±366k of price edges for a step that lost 10 USD.
    const sign = dlnP > 0 ? 1 : -1;
    let along = 0;
    for (const c of causes.values()) if (c * sign > 0) along += c * sign;
    if (!(along > 0)) continue;
    for (const [v, c] of causes) if (c * sign > 0) loss.add(v, loss.assetVertex(a), CH_PRICE, (market * c * sign) / along);
  }
}

/** Net units each venue (liquidations) and node (fire sales) put into an asset's pool this step, by asset. */
export interface Flows {
  /** Per asset, the venues and nodes that moved it, in the order they first did. */
  who: number[][];
  /** Units by asset · nodes + who. */
  units: Map<number, number>;
}

export function flowsByAsset(j: StepJournal, nN: number): Flows {
  const tally = new FlowTally(j.P.length, nN);
  const { collateralAsset, debtAsset, venue, seized, repaid } = j.liq;
  for (let r = 0; r < venue.length; r++) {
    tally.put(collateralAsset[r] as number, venue[r] as number, seized[r] as number);
    tally.put(debtAsset[r] as number, venue[r] as number, -(repaid[r] as number));
  }
  const fire = j.fire;
  for (let r = 0; r < fire.node.length; r++) tally.put(fire.asset[r] as number, fire.node[r] as number, fire.units[r] as number);
  return tally.done();
}

/**
 * Units per (asset, venue or node), added in row order. Rows come grouped by venue and asset
 * pair: the running sums of the last two keys are kept out of the map (in a typed array, where
 * a closure's variables would box every new sum), each still added to in row order, so every
 * sum is the same float.
 */
class FlowTally {
  readonly who: number[][];
  readonly units = new Map<number, number>();
  private k0 = -1;
  private k1 = -1;
  /** Running sums of keys k0 and k1. */
  private readonly v = new Float64Array(2);
  /** Which of the two is the older: replaced by the next new key. */
  private older = 0;

  constructor(
    assets: number,
    private readonly nN: number,
  ) {
    this.who = Array.from({ length: assets }, () => []);
  }

  put(asset: number, node: number, n: number): void {
    const key = asset * this.nN + node;
    const v = this.v;
    if (key === this.k0) {
      v[0] = (v[0] as number) + n;
      this.older = 1;
      return;
    }
    if (key === this.k1) {
      v[1] = (v[1] as number) + n;
      this.older = 0;
      return;
    }
    let before = this.units.get(key);
    if (before === undefined) {
      (this.who[asset] as number[]).push(node);
      before = 0;
    }
    if (this.older === 0) {
      if (this.k0 >= 0) this.units.set(this.k0, v[0] as number);
      this.k0 = key;
      v[0] = before + n;
      this.older = 1;
    } else {
      if (this.k1 >= 0) this.units.set(this.k1, v[1] as number);
      this.k1 = key;
      v[1] = before + n;
      this.older = 0;
    }
  }

  done(): Flows {
    if (this.k0 >= 0) this.units.set(this.k0, this.v[0] as number);
    if (this.k1 >= 0) this.units.set(this.k1, this.v[1] as number);
    return { who: this.who, units: this.units };
  }
}
