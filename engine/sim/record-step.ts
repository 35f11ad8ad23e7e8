import { reserveRows, type Recorder } from '../results/recorder';
import type { SimModel } from './model';
import type { SimState } from './state';
import type { LiquidationBuffer } from './step-buffers';

/** Steps of liquidation rows the table grows for at a time (it doubles when a run writes more). */
const LIQUIDATION_FORECAST_STEPS = 8;

/** Appends step t's rows to every result table (MODEL §6). */
export function recordStep(
  r: Recorder,
  m: SimModel,
  s: SimState,
  t: number,
  liq: LiquidationBuffer,
  /** The venues, ascending: a step's venue rows in this order. */
  venues: Int32Array,
  venueActive: Uint8Array,
  outage: Uint8Array,
  haltOnDefault: boolean,
  /** Steps the run may still take, this one included: the tables forecast their room from it. */
  stepsLeft: number,
  /** The nodes whose external assets may change (ascending): venues, nodes hit by external losses, defaulted nodes. */
  externalMay: Int32Array | null = null,
): void {
  const nN = m.nodeIds.length;
  reserveRows(r.prices, m.assetIds.length - 1, stepsLeft);
  reserveRows(r.oracles, m.oracleIds.length, stepsLeft);
  reserveRows(r.venues, venues.length, stepsLeft);
  r.nodes.reserve(nN, stepsLeft);
  // Liquidations come in waves: forecasting a wave for every step left would reserve many times the rows a run writes.
  reserveRows(r.liquidations, liq.length, Math.min(stepsLeft, LIQUIDATION_FORECAST_STEPS));
  for (let a = 1; a < m.assetIds.length; a++) {
    r.prices.step.push(t);
    r.prices.asset.push(a);
    r.prices.market_price.push(s.P[a] as number);
    r.prices.fundamental_price.push(s.F[a] as number);
    r.prices.net_flow.push(s.S[a] as number);
  }
  for (let o = 0; o < m.oracleIds.length; o++) {
    r.oracles.step.push(t);
    r.oracles.oracle.push(o);
    r.oracles.asset.push(m.oracleAsset[o] as number);
    r.oracles.reported_price.push(s.R[o] as number);
    r.oracles.updated.push(s.lastUpdate[o] === t ? 1 : 0);
  }

  const { count, repaid, seized, bad } = r.venueScratch(nN, venues);
  const rows = r.liquidations;
  // Columns the liquidation buffer already holds are copied whole; the USD ones are computed.
  rows.step.repeat(t, liq.length);
  const n = liq.length;
  rows.position.append(liq.position.subarray(0, n));
  rows.venue.append(liq.venue.subarray(0, n));
  rows.owner.append(liq.owner.subarray(0, n));
  rows.seized_units.append(liq.seized.subarray(0, n));
  rows.close_out.append(liq.forced.subarray(0, n));
  // The buffer's columns in locals (the stores below would have them loaded again each row),
  // and the two USD columns written into their room.
  const { venue, debtPrice, repaid: repaidUnits, badDebt, seized: seizedUnits, collateralPrice } = liq;
  const repaidCol = rows.repaid_usd.room(n);
  const badCol = rows.bad_debt_usd.room(n);
  const at = rows.repaid_usd.length;
  for (let k = 0; k < n; k++) {
    const v = venue[k] as number;
    const price = debtPrice[k] as number;
    const repaidUsd = (repaidUnits[k] as number) * price;
    const badUsd = (badDebt[k] as number) * price;
    count[v] = (count[v] as number) + 1;
    repaid[v] = (repaid[v] as number) + repaidUsd;
    seized[v] = (seized[v] as number) + (seizedUnits[k] as number) * (collateralPrice[k] as number);
    bad[v] = (bad[v] as number) + badUsd;
    repaidCol[at + k] = repaidUsd;
    badCol[at + k] = badUsd;
  }
  rows.repaid_usd.length = at + n;
  rows.bad_debt_usd.length = at + n;
  for (let k = 0; k < venues.length; k++) {
    const v = venues[k] as number;
    const d = s.defaultStep[v] as number;
    r.venues.step.push(t);
    r.venues.venue.push(v);
    r.venues.liquidations.push(count[v] as number);
    r.venues.repaid_usd.push(repaid[v] as number);
    r.venues.seized_usd.push(seized[v] as number);
    r.venues.bad_debt_usd.push(bad[v] as number);
    r.venues.halted.push(haltOnDefault && d >= 0 && d < t && !venueActive[v] ? 1 : 0);
    r.venues.outage.push(outage[v] ? 1 : 0);
  }
  // Node rows: one per node per step, from the state's per-node arrays (step, node and defaulted
  // follow from the row and s.defaultStep, bound to the table; external assets change only at
  // venues, through liquidations, and at nodes hit by events or fire-selling).
  r.nodes.record(s, externalMay);
}
