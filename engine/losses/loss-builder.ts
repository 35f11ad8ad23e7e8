import type { CompiledWorkspace } from '../sim/compiled';
import type { Plan } from '../sim/plan';
import type { StartingPoint } from '../sim/starting-point';
import { csr } from '../util/csr';
import { attributeStep } from './attribution';
import { CH_BAD_DEBT, CH_LIQUIDATION, LossGraph, type EdgeRoom } from './loss-graph';
import { splitPosition } from './position-split';
import type { StepJournal } from './step-journal';

/**
 * What building a run's loss graph needs besides the journals: a small part of the workspace
 * (no position columns: journal rows carry their own owners, venues and assets), the plan, and
 * the run's starting point. Plain typed arrays and numbers, so that it can be sent to a thread.
 */
export interface LossModel {
  nodes: number;
  assets: number;
  /** Exposure slots (node per slot; asset a's slots are [assetSlotStart[a], assetSlotStart[a + 1])). */
  slotNode: Int32Array;
  assetSlotStart: Int32Array;
  holdingOwner: Int32Array;
  holdingAsset: Int32Array;
  /** Holdings before the run: a step's fire sales (journal rows) sell holdings off whole. */
  holdingAmount: Float64Array;
  obligationDebtor: Int32Array;
  obligationCreditor: Int32Array;
  obligationAsset: Int32Array;
  obligationAmount: Float64Array;
  backingStart: Int32Array;
  backingBacker: Int32Array;
  backingShare: Float64Array;
  /** feedOracle[venue · assets + asset]: the oracle a venue reads for an asset, −1 for none. */
  feedOracle: Int32Array;
  /** The nodes that owe on some obligation, ascending: a journal's node columns hold their values, in this order. */
  debtors: Int32Array;
  plan: Plan;
  /** The starting point's equity, unpaid obligations and short nodes (MODEL §6). */
  startEquity: Float64Array;
  startUnpaid: Float64Array;
  startShort: Uint8Array;
}

/**
 * Builds the loss graph of MODEL §5 from a run's step journals, in step order: market edges of
 * holdings, fire sales, linear exposures, crossed positions and liquidated positions; liquidation
 * and bad-debt edges; then the step's attribution (counterparty, exogenous, price, trigger) and
 * its flush. The edges are added in one fixed order, so the graph is the same wherever it is built.
 */
export class LossBuilder {
  readonly graph: LossGraph;
  private readonly split = new Float64Array(4);
  private readonly splitIn = new Float64Array(6);
  /** Previous-step state the attribution reads: unpaid value by obligation; equity and shortness by debtor (lm.debtors order). */
  readonly unpaidPrev: Float64Array;
  readonly equityPrev: Float64Array;
  readonly shortPrev: Uint8Array;
  /** Each obligation's debtor, as its place in lm.debtors (where a journal holds its recovery rate). */
  readonly debtorRank: Int32Array;
  /** The recovery rates the backing factors B of the step being built came from: the clearing of the step before (1 before the first). */
  readonly recoveryForB: Float64Array;
  /** The same for the step before. */
  readonly recoveryBeforeB: Float64Array;
  readonly oblValue: Float64Array;
  readonly scale: Float64Array;
  readonly drop: Uint8Array;
  /** The nodes that owe on some obligation, ascending: the only ones that can default or be short. */
  readonly debtors: Int32Array;
  /** Starting equity and shortness by debtor. */
  private readonly startEquity: Float64Array;
  private readonly startShort: Uint8Array;
  /** Holdings by asset: a step visits only the holdings of the assets whose price moved. */
  private readonly holdingsOf: { start: Int32Array; items: Int32Array };
  /** Holdings as of the last step built (the run's, kept here from its fire sales). */
  private readonly holding: Float64Array;

  constructor(
    readonly lm: LossModel,
    /** Build the graph's columns in shared memory (a helper thread hands them over without a copy). */
    shared = false,
    /** Edges expected (the last run's on this workspace): reserved at once. */
    expectedEdges = 0,
    /** Edge columns made ahead for it (taken when they hold the expected edges). */
    room: EdgeRoom | null = null,
    /** A graph of the same vertices to build into, emptied first (its columns' memory reused). */
    into: LossGraph | null = null,
  ) {
    const fits = into && into.nodes === lm.nodes && into.assets === lm.assets && into.events === lm.plan.eventCount;
    if (fits) into.reset();
    this.graph = fits ? into : new LossGraph(lm.nodes, lm.assets, lm.plan.eventCount, lm.plan.steps, shared ? 'shared' : undefined);
    if (expectedEdges > 0) this.graph.reserveEdges(expectedEdges * EDGE_HINT_MARGIN, room);
    this.debtors = lm.debtors;
    // Loops, not TypedArray.from with a map: that goes through the iterator protocol, an object a value.
    const debtors = this.debtors;
    const rank = new Int32Array(lm.nodes).fill(-1);
    for (let k = 0; k < debtors.length; k++) rank[debtors[k] as number] = k;
    const debtorOf = lm.obligationDebtor;
    this.debtorRank = new Int32Array(debtorOf.length);
    for (let k = 0; k < debtorOf.length; k++) this.debtorRank[k] = rank[debtorOf[k] as number] as number;
    this.startEquity = new Float64Array(debtors.length);
    this.startShort = new Uint8Array(debtors.length);
    for (let k = 0; k < debtors.length; k++) {
      const i = debtors[k] as number;
      this.startEquity[k] = lm.startEquity[i] as number;
      this.startShort[k] = lm.startShort[i] as number;
    }
    this.unpaidPrev = Float64Array.from(lm.startUnpaid);
    this.equityPrev = Float64Array.from(this.startEquity);
    this.shortPrev = Uint8Array.from(this.startShort);
    this.recoveryForB = new Float64Array(lm.nodes).fill(1);
    this.recoveryBeforeB = new Float64Array(lm.nodes).fill(1);
    this.oblValue = new Float64Array(lm.obligationAmount.length);
    this.scale = new Float64Array(lm.nodes);
    this.drop = new Uint8Array(lm.nodes);
    this.holdingsOf = csr(lm.assets, lm.holdingAsset.length, (h) => lm.holdingAsset[h] as number);
    this.holding = Float64Array.from(lm.holdingAmount);
  }

  /**
   * Sets the state the next step is built from as building every step before it would leave it:
   * from the journal of the step before (`prev`, null before the first), the recovery rates of
   * the one before that (`prev2`), and the holdings fire-sold before it. A run's steps can then be
   * built in any order, each once: the helper builds the head while the simulating thread, its
   * steps done, builds the tail (engine/losses/loss-thread.ts). The same numbers, bit for bit:
   * an obligation's unpaid value is what the attribution of `prev` wrote, value × (1 − recovery),
   * 0 wherever it wrote nothing (recovery 1 and nothing unpaid before).
   */
  resumeAt(prev: StepJournal | null, prev2: StepJournal | null, sold: ArrayLike<number>): void {
    const lm = this.lm;
    if (prev) {
      const { obligationAmount: amount, obligationAsset: asset } = lm;
      const { P, recovery } = prev;
      const unpaid = this.unpaidPrev;
      const rank = this.debtorRank;
      for (let k = 0; k < unpaid.length; k++) unpaid[k] = (amount[k] as number) * (P[asset[k] as number] as number) * (1 - (recovery[rank[k] as number] as number));
      this.equityPrev.set(prev.equity);
      this.shortPrev.set(prev.shortNow);
    } else {
      this.unpaidPrev.set(lm.startUnpaid);
      this.equityPrev.set(this.startEquity);
      this.shortPrev.set(this.startShort);
    }
    this.recoveryForB.fill(1);
    if (prev) this.placeRecovery(this.recoveryForB, prev.recovery);
    this.recoveryBeforeB.fill(1);
    if (prev2) this.placeRecovery(this.recoveryBeforeB, prev2.recovery);
    const holding = this.holding;
    holding.set(lm.holdingAmount);
    for (let k = 0; k < sold.length; k++) holding[sold[k] as number] = 0;
  }

  /** Adds step j.t's edges; journals must come in step order (or each after resumeAt). */
  step(j: StepJournal): void {
    this.holdings(j);
    this.exposures(j);
    this.bands(j);
    this.liquidations(j);
    const { obligationAmount, obligationAsset } = this.lm;
    const { oblValue } = this;
    const P = j.P;
    for (let k = 0; k < oblValue.length; k++) oblValue[k] = (obligationAmount[k] as number) * (P[obligationAsset[k] as number] as number);
    attributeStep(this, j);
    this.equityPrev.set(j.equity);
    this.shortPrev.set(j.shortNow);
    // Only the debtors' rates move (every other node's is 1 in both).
    const { debtors, recoveryForB, recoveryBeforeB } = this;
    for (let k = 0; k < debtors.length; k++) {
      const i = debtors[k] as number;
      recoveryBeforeB[i] = recoveryForB[i] as number;
    }
    this.placeRecovery(recoveryForB, j.recovery);
  }

  /** Writes the debtors' recovery rates of a journal (lm.debtors order) into a by-node array. */
  private placeRecovery(into: Float64Array, byDebtor: Float64Array): void {
    const debtors = this.debtors;
    for (let k = 0; k < debtors.length; k++) into[debtors[k] as number] = byDebtor[k] as number;
  }

  private holdings(j: StepJournal): void {
    const { P, P0 } = j;
    const loss = this.graph;
    const owner = this.lm.holdingOwner;
    const { start, items } = this.holdingsOf;
    const holding = this.holding;
    // What this step's fire sales sold is gone (as the simulation set it to 0).
    for (const h of j.fire.holdingIndex) holding[h] = 0;
    // A holding is the only one of its (owner, asset) (MODEL §1 holdings are summed per pair), so
    // its edge is the first amount at its place this step whatever the order holdings are visited in.
    const assets = this.lm.assets;
    for (let a = 0; a < assets; a++) {
      if (P[a] === P0[a]) continue;
      loss.addMarketUnits(a, (P0[a] as number) - (P[a] as number), owner, holding, items, start[a] as number, start[a + 1] as number);
    }
    const f = j.fire;
    for (let r = 0; r < f.node.length; r++) {
      const a = f.asset[r] as number;
      loss.addMarket(a, f.node[r] as number, (f.units[r] as number) * (P0[a] as number) - (f.proceeds[r] as number));
    }
  }

  /** The linear exposures' moves: asset by asset, slot by slot. */
  private exposures(j: StepJournal): void {
    const { P, P0, Z } = j;
    const loss = this.graph;
    const start = this.lm.assetSlotStart;
    const nodes = this.lm.slotNode;
    for (let a = 0; a + 1 < start.length; a++) {
      const dp = (P0[a] as number) - (P[a] as number);
      if (dp === 0) continue;
      loss.addMarketSlots(a, dp, nodes, Z, start[a] as number, start[a + 1] as number);
    }
  }

  /**
   * Positions whose money line lay in the move's box: their exact symmetric split of the move,
   * minus the linear split the exposures already recorded for their regime at P0.
   */
  private bands(j: StepJournal): void {
    const { P, P0 } = j;
    const loss = this.graph;
    const sp = this.split;
    const { owner, venue, collateralAsset, debtAsset, collateral, debt, was } = j.bands;
    for (let k = 0; k < owner.length; k++) {
      const o = owner[k] as number;
      const v = venue[k] as number;
      const a = collateralAsset[k] as number;
      const b = debtAsset[k] as number;
      const c = collateral[k] as number;
      const d = debt[k] as number;
      const pa0 = P0[a] as number;
      const pb0 = P0[b] as number;
      const pa = P[a] as number;
      const pb = P[b] as number;
      splitPosition(this.position(c, d, pa0, pb0, pa, pb), a === b, sp);
      const dA = pa0 - pa;
      const dB = pb0 - pb;
      if (was[k]) {
        sp[0] = (sp[0] as number) - c * dA;
        sp[1] = (sp[1] as number) + d * dB;
        sp[3] = (sp[3] as number) - d * dB;
      } else sp[2] = (sp[2] as number) - c * dA;
      loss.addMarketSplit(a, b, o, v, sp);
    }
  }

  /** splitPosition's inputs, in its scratch array. */
  private position(c: number, d: number, pa0: number, pb0: number, pa: number, pb: number): Float64Array {
    const inp = this.splitIn;
    inp[0] = c;
    inp[1] = d;
    inp[2] = pa0;
    inp[3] = pb0;
    inp[4] = pa;
    inp[5] = pb;
    return inp;
  }

  /**
   * Liquidated positions, in the order the step went: their move to the step's stage-1 prices at
   * the amounts before (market), what the liquidation took at those prices — the bonus the owner
   * paid (liquidation, from the venue) and the venue's loss on the position (bad_debt, from the
   * owner) — then the move of what was left to the step's end prices (market). Valued at the
   * prices the liquidation was made at, the bonus is what was paid, not that less the fall the
   * step's own flows gave the seized collateral afterwards.
   */
  private liquidations(j: StepJournal): void {
    const { P, P0, P1 } = j;
    const loss = this.graph;
    const sp = this.split;
    // The columns in locals: the loop calls into the graph, after which V8 would load each again.
    const { owner, venue, collateralAsset, debtAsset, collateralBefore, debtBefore, seized, repaid, badDebt, debtPrice } = j.liq;
    for (let r = 0; r < owner.length; r++) {
      const o = owner[r] as number;
      const v = venue[r] as number;
      const a = collateralAsset[r] as number;
      const b = debtAsset[r] as number;
      const cp = collateralBefore[r] as number;
      const dp = debtBefore[r] as number;
      const c = collateralLeft(cp, seized[r] as number);
      const d = debtLeft(dp, repaid[r] as number, badDebt[r] as number);
      const pa1 = P1[a] as number;
      const pb1 = P1[b] as number;
      if (pa1 !== P0[a] || pb1 !== P0[b]) {
        splitPosition(this.position(cp, dp, P0[a] as number, P0[b] as number, pa1, pb1), a === b, sp);
        loss.addMarketSplit(a, b, o, v, sp);
      }
      // ownerEquity and lenderClaim written out: calls of them here were not inlined, and each returned a boxed number.
      const xb = cp * pa1;
      const yb = dp * pb1;
      const xa = c * pa1;
      const ya = d * pb1;
      const eb = xb - yb;
      const ea = xa - ya;
      loss.addLiquidationEdge(v, o, CH_LIQUIDATION, (eb > 0 ? eb : 0) - (ea > 0 ? ea : 0));
      const venueLoss = (xb < yb ? xb : yb) - (xa < ya ? xa : ya) - (repaid[r] as number) * (debtPrice[r] as number);
      loss.addLiquidationEdge(o, v, CH_BAD_DEBT, venueLoss);
      const pa = P[a] as number;
      const pb = P[b] as number;
      if (pa !== pa1 || pb !== pb1) {
        splitPosition(this.position(c, d, pa1, pb1, pa, pb), a === b, sp);
        loss.addMarketSplit(a, b, o, v, sp);
      }
    }
  }
}

/** Room over the expected edges: a run a little larger than the last still fits without a copy. */
export const EDGE_HINT_MARGIN = 1.05;

/**
 * Edges of the last graph built for a workspace shape (nodes, assets, exposure slots, steps):
 * a run's graph reserves about that much at once. The forecast a graph makes from its first
 * step (that step's edges × the steps left) can be twice what a cascade writes, and reserving
 * shared memory costs in proportion to its size.
 */
export class EdgeHints {
  private readonly last = new Map<string, number>();

  private static key(lm: LossModel): string {
    return `${lm.nodes}:${lm.assets}:${lm.slotNode.length}:${lm.plan.steps}`;
  }

  expected(lm: LossModel): number {
    return this.last.get(EdgeHints.key(lm)) ?? 0;
  }

  built(lm: LossModel, edges: number): void {
    this.last.set(EdgeHints.key(lm), edges);
  }
}

/** The LossModel of a run on a compiled workspace, from its starting point and its debtors (debtorsOf). */
export function lossModel(cw: CompiledWorkspace, plan: Plan, start: StartingPoint, debtors: Int32Array): LossModel {
  const m = cw.model;
  const index = cw.valuation.index;
  return {
    nodes: m.nodeIds.length,
    assets: m.assetIds.length,
    slotNode: index.slotNode,
    assetSlotStart: index.assetSlotStart,
    holdingOwner: m.holdingOwner,
    holdingAsset: m.holdingAsset,
    holdingAmount: m.holdingAmount,
    obligationDebtor: m.obligationDebtor,
    obligationCreditor: m.obligationCreditor,
    obligationAsset: m.obligationAsset,
    obligationAmount: m.obligationAmount,
    backingStart: cw.backingStart,
    backingBacker: m.backingBacker,
    backingShare: m.backingShare,
    feedOracle: m.feedOracle,
    debtors,
    plan,
    startEquity: start.equity,
    startUnpaid: start.unpaid,
    startShort: start.short,
  };
}

/**
 * A liquidated position's amounts after it, as the liquidation stage left them
 * (engine/sim/liquidations.ts): the journal does not carry them. A capped seizure takes all the
 * collateral (c − c = 0); debt a closed position still owed is written off as bad debt.
 */
export function collateralLeft(before: number, seized: number): number {
  return before - seized;
}

export function debtLeft(before: number, repaid: number, badDebt: number): number {
  if (badDebt > 0) return 0;
  const left = before - repaid;
  return left < 0 ? 0 : left;
}
