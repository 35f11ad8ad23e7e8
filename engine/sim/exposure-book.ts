import { groupKeys, sortByF64, sortByU32 } from '../util/radix-sort';

/**
 * Σ max(0, c·Pa − d·Pb) over a group of positions at their initial amounts, for any prices,
 * in O(log n): the positions of a group (one holder, one collateral asset a, one debt asset b)
 * are sorted by q = d/c, so the positions in the money at ρ = Pa/Pb are the prefix with q < ρ,
 * and the sum is Pa·ΣC − Pb·ΣD over that prefix. Positions with no collateral contribute 0
 * and are left out. A liquidated position is removed (Fenwick trees of removed amounts per
 * group) and valued by the caller from then on.
 */
export class ExposureBook {
  readonly groupHolder: Int32Array;
  readonly groupA: Int32Array;
  readonly groupB: Int32Array;
  /** Σ c over the positions still in each group (units of a). */
  readonly groupCollateral: Float64Array;
  private readonly totalCollateral: Float64Array;
  private readonly start: Int32Array;
  private readonly q: Float64Array;
  /** Per-group prefix sums, group g's entries at [start[g] + g … start[g+1] + g]. */
  private readonly prefC: Float64Array;
  private readonly prefD: Float64Array;
  /** Slot of each position in the sorted order, −1 when left out. */
  private readonly slotOf: Int32Array;
  private readonly slotGroup: Int32Array;
  private readonly c0: Float64Array;
  private readonly d0: Float64Array;
  /** Fenwick trees of removed c and d, group g's at [start[g] + g + 1 … start[g+1] + g]. */
  private readonly bitC: Float64Array;
  private readonly bitD: Float64Array;
  private readonly removed: Int32Array;
  /** Per group: changed since `changed` was last cleared (values cached by the caller are stale). */
  readonly changed: Uint8Array;

  constructor(holder: Int32Array, a: Int32Array, b: Int32Array, c: Float64Array, d: Float64Array, nAssets: number) {
    const n = holder.length;
    const key = (p: number) => ((holder[p] as number) * nAssets + (a[p] as number)) * nAssets + (b[p] as number);
    let kept = 0;
    for (let p = 0; p < n; p++) if ((c[p] as number) > 0) kept++;
    const sorted = new Int32Array(kept);
    const q = new Float64Array(n);
    for (let p = 0, k = 0; p < n; p++) {
      if (!((c[p] as number) > 0)) continue;
      sorted[k++] = p;
      q[p] = (d[p] as number) / (c[p] as number);
    }
    sortByF64(sorted, q);
    const { group, keys } = groupKeys(n, key);
    sortByU32(sorted, group);

    // Groups are numbered over all positions; keep those with collateral, in order.
    const starts: number[] = [];
    const gh: number[] = [];
    const ga: number[] = [];
    const gb: number[] = [];
    let prev = -1;
    for (let k = 0; k < sorted.length; k++) {
      const g = group[sorted[k] as number] as number;
      if (g !== prev) {
        prev = g;
        const kk = keys[g] as number;
        starts.push(k);
        gb.push(kk % nAssets);
        ga.push(Math.floor(kk / nAssets) % nAssets);
        gh.push(Math.floor(kk / (nAssets * nAssets)));
      }
    }
    starts.push(sorted.length);
    this.start = Int32Array.from(starts);
    this.groupHolder = Int32Array.from(gh);
    this.groupA = Int32Array.from(ga);
    this.groupB = Int32Array.from(gb);
    const nG = gh.length;
    this.q = new Float64Array(sorted.length);
    this.slotOf = new Int32Array(n).fill(-1);
    this.slotGroup = new Int32Array(sorted.length);
    this.c0 = c;
    this.d0 = d;
    this.prefC = new Float64Array(sorted.length + nG);
    this.prefD = new Float64Array(sorted.length + nG);
    this.bitC = new Float64Array(sorted.length + nG);
    this.bitD = new Float64Array(sorted.length + nG);
    this.removed = new Int32Array(nG);
    this.changed = new Uint8Array(nG);
    this.totalCollateral = new Float64Array(nG);
    for (let g = 0; g < nG; g++) {
      const s0 = this.start[g] as number;
      const s1 = this.start[g + 1] as number;
      let sc = 0;
      let sd = 0;
      for (let k = s0; k < s1; k++) {
        const p = sorted[k] as number;
        this.q[k] = q[p] as number;
        this.slotOf[p] = k;
        this.slotGroup[k] = g;
        this.prefC[k + g] = sc;
        this.prefD[k + g] = sd;
        sc += c[p] as number;
        sd += d[p] as number;
      }
      this.prefC[s1 + g] = sc;
      this.prefD[s1 + g] = sd;
      this.totalCollateral[g] = sc;
    }
    this.groupCollateral = Float64Array.from(this.totalCollateral);
  }

  get groups(): number {
    return this.groupHolder.length;
  }

  /** Σ max(0, c·Pa − d·Pb) over the positions still in group g (USD). */
  value(g: number, pa: number, pb: number): number {
    const s0 = this.start[g] as number;
    const s1 = this.start[g + 1] as number;
    const rho = pa / pb;
    let lo = s0;
    let hi = s1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.q[mid] as number) < rho) lo = mid + 1;
      else hi = mid;
    }
    let C = this.prefC[lo + g] as number;
    let D = this.prefD[lo + g] as number;
    if (this.removed[g]) {
      const base = s0 + g;
      for (let i = lo - s0; i > 0; i -= i & -i) {
        C -= this.bitC[base + i] as number;
        D -= this.bitD[base + i] as number;
      }
    }
    const v = pa * C - pb * D;
    return v > 0 ? v : 0;
  }

  /** Takes position p out of its group (its initial amounts); false when it was never in. */
  remove(p: number): boolean {
    const k = this.slotOf[p] as number;
    if (k < 0) return false;
    const g = this.slotGroup[k] as number;
    const s0 = this.start[g] as number;
    const len = (this.start[g + 1] as number) - s0;
    const base = s0 + g;
    const c = this.c0[p] as number;
    const d = this.d0[p] as number;
    for (let i = k - s0 + 1; i <= len; i += i & -i) {
      this.bitC[base + i] = (this.bitC[base + i] as number) + c;
      this.bitD[base + i] = (this.bitD[base + i] as number) + d;
    }
    this.removed[g] = (this.removed[g] as number) + 1;
    this.changed[g] = 1;
    this.groupCollateral[g] = (this.groupCollateral[g] as number) - c;
    return true;
  }

  /** Puts every removed position back (a new run). */
  restore(): void {
    this.bitC.fill(0);
    this.bitD.fill(0);
    this.removed.fill(0);
    this.changed.fill(1);
    this.groupCollateral.set(this.totalCollateral);
  }
}

/** max(0, c·Pa − d·Pb): a position's equity to its owner (MODEL §4.6). */
export function ownerEquity(c: number, d: number, pa: number, pb: number): number {
  const v = c * pa - d * pb;
  return v > 0 ? v : 0;
}

/** min(c·Pa, d·Pb): a position's value to its lender (MODEL §4.6). */
export function lenderClaim(c: number, d: number, pa: number, pb: number): number {
  const x = c * pa;
  const y = d * pb;
  return x < y ? x : y;
}
