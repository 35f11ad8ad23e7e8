/**
 * Pool price impact (MODEL §3): P = F · B · (x / (x + S))², no pool (x NaN) → P = F · B.
 * Net buying is bounded: S ≥ −0.99·x.
 */
export function poolFactor(x: number, s: number): number {
  if (!(x > 0)) return 1;
  const r = x / (x + s);
  return r * r;
}

/** The lowest net flow a pool allows (units). */
export function minFlow(x: number): number {
  // −∞ as −1 / 0, a number constant to the optimiser (see liquidationRatio).
  return x > 0 ? -0.99 * x : -1 / 0;
}

/**
 * Average price of a pool trade moving S from s0 to s1: F·B·x²/((x+s0)(x+s1)) (MODEL §3).
 * Without a pool, the price itself.
 */
export function averagePrice(fb: number, x: number, s0: number, s1: number): number {
  if (!(x > 0)) return fb;
  return (fb * x * x) / ((x + s0) * (x + s1));
}

/**
 * Recomputes every market price from F, B, x and S into `out`.
 * Kernel: no allocation; arrays indexed by asset.
 */
export function marketPrices(F: Float64Array, B: Float64Array, x: Float64Array, S: Float64Array, out: Float64Array): void {
  for (let a = 0; a < out.length; a++) {
    out[a] = (F[a] as number) * (B[a] as number) * poolFactor(x[a] as number, S[a] as number);
  }
}
