import { clear } from '../sim/clearing';
import type { SimModel } from '../sim/model';

export interface StartClearing {
  /** External value e_i of MODEL §4.6 at the workspace prices (USD). */
  external: Float64Array;
  owed: Float64Array;
  paid: Float64Array;
  /** Equity before any event (USD); 0 for a node in default there, as MODEL §6 counts it. */
  equity: Float64Array;
  /** 1 for a node that cannot pay what it owes before any event. */
  short: Uint8Array;
}

/**
 * The clearing of MODEL §4.6 before any event, from the model's arrays alone (a read-only twin of
 * the simulation's starting point, so the UI can ask for it while a run is going).
 */
export function startClearing(m: SimModel, tolerance = 1e-9, maxIterations = 10_000): StartClearing {
  const nN = m.nodeIds.length;
  const P = m.assetPrice;
  const e = Float64Array.from(m.nodeExternal);
  for (let k = 0; k < m.holdingOwner.length; k++) {
    const o = m.holdingOwner[k] as number;
    e[o] = (e[o] as number) + (m.holdingAmount[k] as number) * (P[m.holdingAsset[k] as number] as number);
  }
  for (let p = 0; p < m.positionIds.length; p++) {
    const c = (m.positionCollateral[p] as number) * (P[m.positionCollateralAsset[p] as number] as number);
    const d = (m.positionDebt[p] as number) * (P[m.positionDebtAsset[p] as number] as number);
    const o = m.positionOwner[p] as number;
    const v = m.positionVenue[p] as number;
    if (c > d) e[o] = (e[o] as number) + c - d;
    e[v] = (e[v] as number) + (c < d ? c : d);
  }
  const value = new Float64Array(m.obligationAmount.length);
  for (let k = 0; k < value.length; k++) value[k] = (m.obligationAmount[k] as number) * (P[m.obligationAsset[k] as number] as number);
  const out = clear({ nodes: nN, debtor: m.obligationDebtor, creditor: m.obligationCreditor, value, external: e, tolerance, maxIterations });
  const equity = new Float64Array(nN);
  const short = new Uint8Array(nN);
  for (let i = 0; i < nN; i++) {
    const owed = out.owed[i] as number;
    const paid = out.paid[i] as number;
    if (paid < owed - tolerance * Math.max(1, owed)) short[i] = 1;
    else equity[i] = (e[i] as number) + (out.received[i] as number) - paid;
  }
  return { external: e, owed: out.owed, paid: out.paid, equity, short };
}
