import { err, ok, type Result } from '../util/result';

/** Matrices are row-major Float64Arrays of n × n. */

/** Why a matrix has no Cholesky factor: the first leading block whose pivot is not positive. */
export interface NotPositiveDefinite {
  /** 0-based row where the pivot failed: the leading (index + 1) × (index + 1) block is not positive definite. */
  index: number;
  pivot: number;
}

/**
 * The Cholesky factor L (lower triangular, L·Lᵀ = A) of a symmetric matrix. A pivot at or
 * below 1e-12 × the largest diagonal entry is treated as zero: the matrix is then not positive
 * definite (singular or indefinite) and the failing row is returned.
 */
export function cholesky(a: Float64Array, n: number): Result<Float64Array, NotPositiveDefinite> {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j] as number;
    for (let k = 0; k < j; k++) d -= (L[j * n + k] as number) ** 2;
    // Relative to the asset's own variance (the share of it the others do not explain), not to the
    // largest: a calm asset beside a wild one (1e-12 and 100) is no singular matrix.
    if (!(d > 1e-12 * Math.abs(a[j * n + j] as number))) return err({ index: j, pivot: d });
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * n + k] as number) * (L[j * n + k] as number);
      L[i * n + j] = s / ljj;
    }
  }
  return ok(L);
}

/** The largest |A_ij − A_ji|, relative to the largest |A_ij| (0 for a symmetric matrix). */
export function asymmetry(a: Float64Array, n: number): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i] as number));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) worst = Math.max(worst, Math.abs((a[i * n + j] as number) - (a[j * n + i] as number)));
  return scale > 0 ? worst / scale : 0;
}

/** Σ = diag(vols) · C · diag(vols). */
export function covarianceOf(vols: Float64Array, corr: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = (vols[i] as number) * (corr[i * n + j] as number) * (vols[j] as number);
  return out;
}

/** out = L · z for lower-triangular L. */
export function lowerTimes(L: Float64Array, n: number, z: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += (L[i * n + k] as number) * (z[k] as number);
    out[i] = s;
  }
}
