import type { SimModel } from '../sim/model';
import { topSeries } from './top-series';
import type { LiquidationLevels } from './view-types';

export interface LevelOptions {
  /** Width of a bin as a fraction of the price (default 0.01). */
  binWidth?: number;
  /** Largest fall shown (default 0.9). */
  maxDrop?: number;
  /** Venues shown apart; the others are summed (default 8). */
  maxVenues?: number;
}

/**
 * For one asset, the collateral that becomes liquidatable as its price falls from the workspace
 * price, every other price held (MODEL §4.3 health at the first round: no cascade, no oracle lag).
 * A position with collateral c of the asset at price P, debt d at price Pd and threshold lt has
 * HF = c·P·lt / (d·Pd); it is liquidatable once the fall exceeds 1 − 1/HF.
 */
export function liquidationLevels(m: SimModel, asset: string, opts: LevelOptions = {}): LiquidationLevels | null {
  const a = m.assetIds.indexOf(asset);
  if (a < 0) return null;
  const w = opts.binWidth ?? 0.01;
  const maxDrop = opts.maxDrop ?? 0.9;
  const bins = Math.round(maxDrop / w) + 1;
  const P = m.assetPrice;
  const price = P[a] as number;
  const nN = m.nodeIds.length;
  const usd: Float64Array[] = [];
  const units: Float64Array[] = [];
  const counts: Float64Array[] = [];
  const row = new Int32Array(nN).fill(-1);
  const venueOf: number[] = [];
  let beyond = 0;
  let unaffected = 0;

  for (let p = 0; p < m.positionIds.length; p++) {
    if ((m.positionCollateralAsset[p] as number) !== a) continue;
    const c = m.positionCollateral[p] as number;
    const da = m.positionDebtAsset[p] as number;
    const debtUsd = (m.positionDebt[p] as number) * (P[da] as number);
    if (c <= 0) continue;
    if (da === a) {
      unaffected += c * price;
      continue;
    }
    if (debtUsd <= 0) {
      beyond += c * price;
      continue;
    }
    const hf = (c * price * (m.positionThreshold[p] as number)) / debtUsd;
    const drop = 1 - 1 / hf;
    const k = drop < 0 ? 0 : Math.floor(drop / w + 1e-9) + 1;
    if (k >= bins) {
      beyond += c * price;
      continue;
    }
    const v = m.positionVenue[p] as number;
    if ((row[v] as number) < 0) {
      row[v] = venueOf.length;
      venueOf.push(v);
      usd.push(new Float64Array(bins));
      units.push(new Float64Array(bins));
      counts.push(new Float64Array(bins));
    }
    const r = row[v] as number;
    (usd[r] as Float64Array)[k] = ((usd[r] as Float64Array)[k] as number) + c * price;
    (units[r] as Float64Array)[k] = ((units[r] as Float64Array)[k] as number) + c;
    (counts[r] as Float64Array)[k] = ((counts[r] as Float64Array)[k] as number) + 1;
  }

  const names = venueOf.map((v) => m.nodeIds[v] as string);
  const keep = opts.maxVenues ?? 8;
  const shownUsd = topSeries(names, usd, keep, 'other venues');
  const byName = new Map(names.map((n, i) => [n, i]));
  const pick = (series: Float64Array[]): number[][] => {
    const out = shownUsd.names.map((n) => {
      const i = byName.get(n);
      return i === undefined ? null : Array.from(series[i] as Float64Array);
    });
    const restIdx = names.map((_, i) => i).filter((i) => !shownUsd.names.includes(names[i] as string));
    return out.map((x) => {
      if (x !== null) return x;
      const sum = new Array<number>(bins).fill(0);
      for (const i of restIdx) (series[i] as Float64Array).forEach((y, k) => (sum[k] = (sum[k] as number) + y));
      return sum;
    });
  };

  return {
    asset,
    price,
    binWidth: w,
    drops: Array.from({ length: bins }, (_, k) => k * w),
    venues: shownUsd.names,
    usd: shownUsd.values,
    units: pick(units),
    positions: pick(counts),
    beyondUsd: beyond,
    unaffectedUsd: unaffected,
  };
}
