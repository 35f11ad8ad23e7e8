import { approx, MAX_MAGNITUDE, MIN_MAGNITUDE } from '../util/magnitude';
import type { ScenarioEvent } from './scenario';

/** An asset's starting fundamental price and pool reserve (units; NaN without a pool). */
export interface AssetScale {
  price: number;
  reserve: number;
}

export interface RangeProblem {
  index: number;
  field: string;
  message: string;
}

/**
 * The events that take an asset's fundamental price or pool reserve out of the range the engine
 * computes in, as they compound in the order they apply (by step, then as listed): the first
 * such event of each asset and quantity.
 */
export function rangeProblems(events: readonly ScenarioEvent[], scale: ReadonlyMap<string, AssetScale>): RangeProblem[] {
  const order = events.map((e, index) => ({ e, index })).filter(({ e }) => e.type === 'price_shock' || e.type === 'depth_change');
  order.sort((x, y) => atOf(x.e) - atOf(y.e) || x.index - y.index);
  const price = new Map<string, number>();
  const reserve = new Map<string, number>();
  const out: RangeProblem[] = [];
  for (const { e, index } of order) {
    if (e.type === 'price_shock') {
      const start = scale.get(e.asset);
      if (!start) continue;
      const before = price.get(e.asset) ?? start.price;
      if (Number.isNaN(before)) continue;
      const after = before * (1 + e.change);
      if (after <= MAX_MAGNITUDE && after >= MIN_MAGNITUDE) price.set(e.asset, after);
      else {
        price.set(e.asset, Number.NaN);
        out.push({ index, field: 'change', message: `takes the fundamental price of ${e.asset} to ${approx(after)} USD; the engine computes with prices from ${MIN_MAGNITUDE} to ${MAX_MAGNITUDE}` });
      }
    } else if (e.type === 'depth_change') {
      const start = scale.get(e.asset);
      if (!start) continue;
      if (Number.isNaN(start.reserve)) {
        // Without a pool there is no depth to change: the event would do nothing, silently.
        out.push({ index, field: 'asset', message: `${e.asset} has no pool (its depth_usd is empty): a depth change has nothing to change` });
        continue;
      }
      const before = reserve.get(e.asset) ?? start.reserve;
      if (Number.isNaN(before)) continue;
      const after = before * e.factor;
      if (after <= MAX_MAGNITUDE && after >= MIN_MAGNITUDE) reserve.set(e.asset, after);
      else {
        reserve.set(e.asset, Number.NaN);
        out.push({ index, field: 'factor', message: `takes the pool reserve of ${e.asset} to ${approx(after)} units; the engine computes with reserves from ${MIN_MAGNITUDE} to ${MAX_MAGNITUDE}` });
      }
    }
  }
  return out.sort((x, y) => x.index - y.index);
}

function atOf(e: ScenarioEvent): number {
  return 'at' in e ? e.at : 0;
}
