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

/**
 * A position's loss from the move (pa0, pb0) → (pa, pb), to its owner and its lender, split
 * between the two prices symmetrically (Shapley over the two moves; all to the collateral
 * asset when both are one asset): out = [owner·a, owner·b, lender·a, lender·b].
 *
 * The inputs come in an array, inp = [c, d, pa0, pb0, pa, pb]: called hundreds of thousands of
 * times a run and too large to inline, it would otherwise box each of its six numbers.
 */
export function splitPosition(inp: Float64Array, same: boolean, out: Float64Array): void {
  const c = inp[0] as number;
  const d = inp[1] as number;
  const pa0 = inp[2] as number;
  const pb0 = inp[3] as number;
  const pa = inp[4] as number;
  const pb = inp[5] as number;
  const f00 = ownerEquity(c, d, pa0, pb0);
  const f11 = ownerEquity(c, d, pa, pb);
  const g00 = lenderClaim(c, d, pa0, pb0);
  const g11 = lenderClaim(c, d, pa, pb);
  if (same || pb === pb0) {
    out[0] = f00 - f11;
    out[1] = 0;
    out[2] = g00 - g11;
    out[3] = 0;
  } else if (pa === pa0) {
    out[0] = 0;
    out[1] = f00 - f11;
    out[2] = 0;
    out[3] = g00 - g11;
  } else {
    const fGainA = 0.5 * (ownerEquity(c, d, pa, pb0) - f00 + (f11 - ownerEquity(c, d, pa0, pb)));
    const gGainA = 0.5 * (lenderClaim(c, d, pa, pb0) - g00 + (g11 - lenderClaim(c, d, pa0, pb)));
    out[0] = -fGainA;
    out[1] = f00 - f11 + fGainA;
    out[2] = -gGainA;
    out[3] = g00 - g11 + gGainA;
  }
}
