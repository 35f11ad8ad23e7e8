import { PROFILES, type PerpColumns, type PositionColumns, type Profile } from './positions';
import type { Universe } from './universe';

/** Starting values of the leveraged book at initial prices, per node and per asset. */
export interface Books {
  /** Σ max(0, collateral − debt) over the node's positions and perps, USD. */
  ownerEquity: Float64Array;
  /** Σ min(collateral, debt) over positions at the venue, USD. */
  venueBook: Float64Array;
  /** Debt units lent by venue v in asset a: lent[v * nAssets + a]. */
  lent: Float64Array;
  /** USD lent by venue v (perp longs' debt). */
  usdLent: Float64Array;
  /** USD value posted as collateral per asset (positions plus long perps' notional). */
  collateralUsd: Float64Array;
  /** USD value borrowed per asset (positions plus short perps). */
  debtUsd: Float64Array;
}

/** Values every position and perp once at the initial prices (MODEL §1's perp conversion). */
export function valueBooks(u: Universe, pos: PositionColumns, perps: PerpColumns, perpVenue: number): Books {
  const nN = u.nodes.length;
  const nA = u.assets.length;
  const b: Books = {
    ownerEquity: new Float64Array(nN),
    venueBook: new Float64Array(nN),
    lent: new Float64Array(nN * nA),
    usdLent: new Float64Array(nN),
    collateralUsd: new Float64Array(nA),
    debtUsd: new Float64Array(nA),
  };
  const prices = u.assets.map((a) => a.price);
  const profColl = PROFILES.map((p: Profile) => u.assetIndex.get(p.coll) as number);
  const profDebt = PROFILES.map((p: Profile) => u.assetIndex.get(p.debt) as number);
  for (let i = 0; i < pos.count; i++) {
    const k = pos.profile[i] as number;
    const a = profColl[k] as number;
    const d = profDebt[k] as number;
    const c = (pos.collAmount[i] as number) * (prices[a] as number);
    const debt = (pos.debtAmount[i] as number) * (prices[d] as number);
    const o = pos.owner[i] as number;
    const v = pos.venue[i] as number;
    b.ownerEquity[o] = (b.ownerEquity[o] as number) + Math.max(0, c - debt);
    b.venueBook[v] = (b.venueBook[v] as number) + Math.min(c, debt);
    b.lent[v * nA + d] = (b.lent[v * nA + d] as number) + (pos.debtAmount[i] as number);
    b.collateralUsd[a] = (b.collateralUsd[a] as number) + c;
    b.debtUsd[d] = (b.debtUsd[d] as number) + debt;
  }
  for (let i = 0; i < perps.count; i++) {
    const a = perps.asset[i] as number;
    const price = prices[a] as number;
    const size = perps.size[i] as number;
    const entry = perps.entry[i] as number;
    const margin = perps.margin[i] as number;
    const o = perps.owner[i] as number;
    let coll: number;
    let debt: number;
    if (perps.long[i]) {
      coll = size * price;
      debt = Math.max(0, size * entry - margin);
      b.usdLent[perpVenue] = (b.usdLent[perpVenue] as number) + debt;
      b.collateralUsd[a] = (b.collateralUsd[a] as number) + coll;
    } else {
      coll = size * entry + margin;
      debt = size * price;
      b.lent[perpVenue * nA + a] = (b.lent[perpVenue * nA + a] as number) + size;
      b.debtUsd[a] = (b.debtUsd[a] as number) + debt;
    }
    b.ownerEquity[o] = (b.ownerEquity[o] as number) + Math.max(0, coll - debt);
    b.venueBook[perpVenue] = (b.venueBook[perpVenue] as number) + Math.min(coll, debt);
  }
  return b;
}
