import type { CompiledWorkspace } from '../sim/compiled';
import { initState } from '../sim/state';
import { lenderClaim, ownerEquity } from '../losses/position-split';

/** The obligations network at face value and initial prices: what DebtRank runs on. */
export interface FaceValueNetwork {
  /** External value e_i of MODEL §4.6 at the initial market prices, USD. */
  external: Float64Array;
  /** One edge per (debtor, creditor) pair with obligations between distinct nodes: value in USD at initial prices. */
  debtor: Int32Array;
  creditor: Int32Array;
  value: Float64Array;
  /** E0_i = e_i + Σ claims − p̄_i, obligations at face value, USD. */
  equity: Float64Array;
}

/**
 * e_i (external assets + holdings + position equity to owners + claims of venues on positions)
 * at the initial prices, the obligations summed per (debtor, creditor) pair, and E0.
 */
export function faceValueNetwork(cw: CompiledWorkspace): FaceValueNetwork {
  const m = cw.model;
  const nN = m.nodeIds.length;
  const { P } = initState(m);
  const e = Float64Array.from(m.nodeExternal);
  for (let h = 0; h < m.holdingOwner.length; h++) e[m.holdingOwner[h] as number] += (m.holdingAmount[h] as number) * (P[m.holdingAsset[h] as number] as number);
  for (let p = 0; p < m.positionIds.length; p++) {
    const c = m.positionCollateral[p] as number;
    const d = m.positionDebt[p] as number;
    const pa = P[m.positionCollateralAsset[p] as number] as number;
    const pb = P[m.positionDebtAsset[p] as number] as number;
    e[m.positionOwner[p] as number] += ownerEquity(c, d, pa, pb);
    e[m.positionVenue[p] as number] += lenderClaim(c, d, pa, pb);
  }
  const claims = new Float64Array(nN);
  const debts = new Float64Array(nN);
  const pairs = new Map<number, number>();
  for (let k = 0; k < m.obligationAmount.length; k++) {
    const d = m.obligationDebtor[k] as number;
    const c = m.obligationCreditor[k] as number;
    const v = (m.obligationAmount[k] as number) * (P[m.obligationAsset[k] as number] as number);
    debts[d] += v;
    claims[c] += v;
    if (d !== c) pairs.set(d * nN + c, (pairs.get(d * nN + c) ?? 0) + v);
  }
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  const equity = new Float64Array(nN);
  for (let i = 0; i < nN; i++) equity[i] = (e[i] as number) + (claims[i] as number) - (debts[i] as number);
  return {
    external: e,
    debtor: Int32Array.from(keys, (k) => Math.floor(k / nN)),
    creditor: Int32Array.from(keys, (k) => k % nN),
    value: Float64Array.from(keys, (k) => pairs.get(k) as number),
    equity,
  };
}
