import {
  CH_COUNTERPARTY,
  CH_EXOGENOUS,
  CH_MARKET,
  CH_PRICE,
  CH_TRIGGER,
  type LossGraph,
} from '../losses/loss-graph';
import type { CompiledWorkspace } from './compiled';
import type { StepEvents } from './events';
import { activeOverride } from './oracles';
import type { Plan } from './plan';
import type { SimState } from './state';
import type { FireSaleBuffer, LiquidationBuffer } from './step-buffers';

export interface AttributionInput {
  cw: CompiledWorkspace;
  s: SimState;
  plan: Plan;
  t: number;
  loss: LossGraph;
  liq: LiquidationBuffer;
  fire: FireSaleBuffer;
  events: StepEvents;
  /** Asset state at the start of the step (before its events and flows). */
  S0: Float64Array;
  x0: Float64Array;
  /** This step's net flow per asset, before the pool bound. */
  dS: Float64Array;
  /** B of the previous step and the recovery rates it was computed from. */
  Bprev: Float64Array;
  recoveryBeforeB: Float64Array;
  /** Recovery rates B of this step was computed from. */
  recoveryForB: Float64Array;
  /** Per obligation row: value now (USD), unpaid at the previous clearing (updated here). */
  oblValue: Float64Array;
  unpaidPrev: Float64Array;
  /** Reported equity per node at the end of the previous step. */
  equityPrev: Float64Array;
  /** Nodes paying less than they owe at the previous clearing, and at this one. */
  shortPrev: Uint8Array;
  shortNow: Uint8Array;
  epsilon: number;
  /** Scratch per node, reused across steps. */
  scale: Float64Array;
  drop: Uint8Array;
}

/**
 * Completes the loss graph of step t (MODEL §5) after the clearing: counterparty and exogenous
 * edges, the causes of each asset's price move, the triggers of liquidations; then writes the
 * step's edges, scaled so that a defaulted node's edges add up to the equity it had.
 */
export function attributeStep(x: AttributionInput): void {
  const { cw, s, t, loss } = x;
  const m = cw.model;

  for (let k = 0; k < x.oblValue.length; k++) {
    const j = m.obligationDebtor[k] as number;
    const i = m.obligationCreditor[k] as number;
    const value = x.oblValue[k] as number;
    const unpaid = value * (1 - (s.recovery[j] as number));
    loss.add(j, i, CH_COUNTERPARTY, unpaid - (x.unpaidPrev[k] as number));
    x.unpaidPrev[k] = unpaid;
    const a = m.obligationAsset[k] as number;
    if (a !== 0 && s.P[a] !== s.Pprev[a]) {
      // A claim in a token is worth more or less as the token moves: a gain to the creditor, a loss to the debtor.
      const drop = (m.obligationAmount[k] as number) * ((s.Pprev[a] as number) - (s.P[a] as number));
      loss.add(loss.assetVertex(a), i, CH_MARKET, drop);
      loss.add(loss.assetVertex(a), j, CH_MARKET, -drop);
    }
  }
  for (const ex of x.events.exogenous) loss.add(loss.eventVertex(ex.index), ex.node, CH_EXOGENOUS, ex.amount);

  priceCauses(x);

  for (let r = 0; r < x.liq.length; r++) loss.add(triggerOf(x, r), x.liq.venue.get(r), CH_TRIGGER, x.liq.repaid.get(r) * x.liq.debtPrice.get(r));

  const { scale, drop } = x;
  scale.fill(1);
  drop.fill(0);
  for (let i = 0; i < scale.length; i++) {
    const d = s.defaultStep[i] as number;
    if (d >= 0 && d < t) drop[i] = 1;
    else if (x.shortPrev[i] || x.shortNow[i]) {
      // A node short of its obligations passes part of each hit to its creditors (or, recovering,
      // pays them back first): its edges are scaled to the change of the equity it reports.
      const raw = loss.stepLoss[i] as number;
      const target = (x.equityPrev[i] as number) - (s.equity[i] as number);
      scale[i] = raw !== 0 && Math.sign(raw) === Math.sign(target) ? target / raw : 0;
    }
  }
  loss.flush(t, scale, drop, x.epsilon);
}

/**
 * What set off liquidation r: the owner's default for a close-out; a manipulated feed the venue
 * read (the override event); otherwise the price of the collateral (of the debt when the
 * collateral is USD).
 */
function triggerOf(x: AttributionInput, r: number): number {
  const { loss, cw, plan, t } = x;
  if (x.liq.forced.get(r)) return x.liq.owner.get(r);
  const a = x.liq.collateralAsset.get(r);
  const b = x.liq.debtAsset.get(r);
  if (plan.overrides.length > 0) {
    const v = x.liq.venue.get(r);
    const nA = cw.model.assetIds.length;
    const e = overrideSeen(plan, cw.model.feedOracle, v * nA, a, t) ?? overrideSeen(plan, cw.model.feedOracle, v * nA, b, t);
    if (e) return loss.eventVertex(e.index);
  }
  return loss.assetVertex(a !== 0 ? a : b);
}

/** The override event of the feed a venue reads for `asset` (row `venueRow` of feedOracle), active at t. */
function overrideSeen(plan: Plan, feedOracle: Int32Array, venueRow: number, asset: number, t: number): Plan['overrides'][number] | null {
  const o = asset === 0 ? -1 : (feedOracle[venueRow + asset] as number);
  return o >= 0 ? activeOverride(plan, o, t) : null;
}

/**
 * Splits each asset's log-price move of the step, ln P = ln F + ln B + 2·ln(x/(x+S)), among its
 * causes — shocks, backers whose recovery fell, depth changes, and the venues and nodes whose
 * forced flows moved the pool (in proportion to their units) — and gives each cause its share
 * of the market losses the asset caused this step.
 */
function priceCauses(x: AttributionInput): void {
  const { cw, s, plan, t, loss } = x;
  const m = cw.model;
  const nA = s.P.length;
  const causes = new Map<number, number>();
  const flows = flowsByAsset(x);
  for (let a = 1; a < nA; a++) {
    const market = loss.marketByAsset[a] as number;
    const dlnP = Math.log((s.P[a] as number) / (s.Pprev[a] as number));
    if (market === 0 || !(Math.abs(dlnP) > 1e-15)) continue;
    causes.clear();
    const add = (v: number, c: number) => causes.set(v, (causes.get(v) ?? 0) + c);

    for (const e of plan.shocks) if (e.at === t && e.asset === a) add(loss.eventVertex(e.index), Math.log(1 + e.change));

    const dlnB = Math.log((s.B[a] as number) / (x.Bprev[a] as number));
    if (dlnB !== 0) {
      let total = 0;
      for (let k = cw.backingStart[a] as number; k < (cw.backingStart[a + 1] as number); k++) {
        const b = m.backingBacker[k] as number;
        total += (m.backingShare[k] as number) * ((x.recoveryBeforeB[b] as number) - (x.recoveryForB[b] as number));
      }
      if (total !== 0) {
        for (let k = cw.backingStart[a] as number; k < (cw.backingStart[a + 1] as number); k++) {
          const b = m.backingBacker[k] as number;
          const w = (m.backingShare[k] as number) * ((x.recoveryBeforeB[b] as number) - (x.recoveryForB[b] as number));
          if (w !== 0) add(b, (dlnB * w) / total);
        }
      }
    }

    const x0 = x.x0[a] as number;
    const x1 = s.x[a] as number;
    if (x1 > 0) {
      const S0 = x.S0[a] as number;
      const S1 = s.S[a] as number;
      const depthMove = 2 * (Math.log(x1 / (x1 + S0)) - Math.log(x0 / (x0 + S0)));
      if (depthMove !== 0) {
        let total = 0;
        for (const e of plan.depths) if (e.at === t && e.asset === a) total += Math.log(e.factor);
        for (const e of plan.depths) if (e.at === t && e.asset === a && total !== 0) add(loss.eventVertex(e.index), (depthMove * Math.log(e.factor)) / total);
      }
      const flowMove = 2 * (Math.log(x1 / (x1 + S1)) - Math.log(x1 / (x1 + S0)));
      const net = x.dS[a] as number;
      if (flowMove !== 0 && net !== 0) {
        const nN = m.nodeIds.length;
        for (const who of flows.who[a] as number[]) add(who, (flowMove * (flows.units.get(a * nN + who) as number)) / net);
      }
    }

    for (const [v, c] of causes) loss.add(v, loss.assetVertex(a), CH_PRICE, (market * c) / dlnP);
  }
}

/** Net units each venue (liquidations) and node (fire sales) put into an asset's pool this step, by asset. */
interface Flows {
  /** Per asset, the venues and nodes that moved it, in the order they first did. */
  who: number[][];
  /** Units by asset · nodes + who. */
  units: Map<number, number>;
}

function flowsByAsset(x: AttributionInput): Flows {
  const nN = x.cw.model.nodeIds.length;
  const who: number[][] = Array.from({ length: x.s.P.length }, () => []);
  const units = new Map<number, number>();
  const put = (asset: number, node: number, n: number): void => {
    const key = asset * nN + node;
    const before = units.get(key);
    if (before === undefined) (who[asset] as number[]).push(node);
    units.set(key, (before ?? 0) + n);
  };
  for (let r = 0; r < x.liq.length; r++) {
    put(x.liq.collateralAsset.get(r), x.liq.venue.get(r), x.liq.seized.get(r));
    put(x.liq.debtAsset.get(r), x.liq.venue.get(r), -x.liq.repaid.get(r));
  }
  for (let r = 0; r < x.fire.length; r++) put(x.fire.asset.get(r), x.fire.node.get(r), x.fire.units.get(r));
  return { who, units };
}
