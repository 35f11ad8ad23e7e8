import { describe, expect, it } from 'vitest';
import { cholesky, covarianceOf } from './linalg';
import { drawShocks } from './montecarlo';
import { chiSquare, DrawRng, gamma } from './sampling';

// Samplers checked statistically with fixed seeds: sample moments within about four standard
// errors of the theoretical values (the seeds are fixed, so these never flake).

function moments(xs: Float64Array): { mean: number; variance: number; kurtosis: number } {
  const n = xs.length;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = (x - m) ** 2;
    m2 += d;
    m4 += d * d;
  }
  return { mean: m, variance: m2 / (n - 1), kurtosis: m4 / n / (m2 / n) ** 2 };
}

const N = 200_000;

describe('DrawRng', () => {
  it('depends on (seed, draw) alone and gives uniforms in (0, 1) with mean 1/2 and variance 1/12', () => {
    const a = new DrawRng(7, 3);
    const b = new DrawRng(7, 3);
    const c = new DrawRng(7, 4);
    const xs = Float64Array.from({ length: N }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(Array.from(xs.subarray(0, 5)));
    expect(c.uniform()).not.toBe(xs[0]);
    expect(xs.every((x) => x > 0 && x < 1)).toBe(true);
    const m = moments(xs);
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('gives standard normals (mean 0, variance 1, kurtosis 3)', () => {
    const r = new DrawRng(11, 0);
    const m = moments(Float64Array.from({ length: N }, () => r.normal()));
    expect(Math.abs(m.mean)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(m.variance - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(4 * Math.sqrt(24 / N));
  });
});

describe('gamma and χ² samplers (Marsaglia–Tsang)', () => {
  for (const shape of [0.3, 1, 2.5, 9]) {
    it(`Gamma(${shape}, 1) has mean and variance ${shape}`, () => {
      const r = new DrawRng(5, Math.round(shape * 10));
      const xs = Float64Array.from({ length: N }, () => gamma(r, shape));
      const m = moments(xs);
      expect(xs.every((x) => x > 0)).toBe(true);
      expect(Math.abs(m.mean - shape)).toBeLessThan(4 * Math.sqrt(shape / N));
      // Var of the sample variance of a gamma: (μ4 − σ⁴)/N with μ4 = 3k² + 6k.
      expect(Math.abs(m.variance - shape)).toBeLessThan(4 * Math.sqrt((2 * shape * shape + 6 * shape) / N));
    });
  }

  it('χ²(ν) has mean ν and variance 2ν', () => {
    const r = new DrawRng(9, 9);
    const m = moments(Float64Array.from({ length: N }, () => chiSquare(r, 5)));
    expect(Math.abs(m.mean - 5)).toBeLessThan(4 * Math.sqrt(10 / N));
    expect(Math.abs(m.variance - 10)).toBeLessThan(0.25);
  });
});

describe('correlated shocks', () => {
  const vols = Float64Array.from([0.1, 0.2, 0.05]);
  const corr = Float64Array.from([1, 0.8, -0.3, 0.8, 1, 0.1, -0.3, 0.1, 1]);
  const chol = cholesky(covarianceOf(vols, corr, 3), 3);
  if (!chol.ok) throw new Error('test matrix is positive definite');
  const logReturns = (nu: number | null, draws: number): Float64Array[] => {
    const spec = { seed: 42, chol: chol.value, mean: new Float64Array(3), nu, scale: nu !== null && nu > 2 ? Math.sqrt((nu - 2) / nu) : 1, jumps: null };
    const cols = [new Float64Array(draws), new Float64Array(draws), new Float64Array(draws)];
    const out = new Float64Array(3);
    for (let d = 0; d < draws; d++) {
      drawShocks(spec, d, out);
      for (let i = 0; i < 3; i++) (cols[i] as Float64Array)[d] = Math.log1p(out[i] as number);
    }
    return cols;
  };
  const correlation = (x: Float64Array, y: Float64Array) => {
    const mx = moments(x);
    const my = moments(y);
    let s = 0;
    for (let i = 0; i < x.length; i++) s += ((x[i] as number) - mx.mean) * ((y[i] as number) - my.mean);
    return s / (x.length - 1) / Math.sqrt(mx.variance * my.variance);
  };

  it('normal: the log returns have the vols and correlations asked for', () => {
    const [a, b, c] = logReturns(null, 100_000) as [Float64Array, Float64Array, Float64Array];
    expect(Math.sqrt(moments(a).variance)).toBeCloseTo(0.1, 3);
    expect(Math.sqrt(moments(b).variance)).toBeCloseTo(0.2, 2);
    expect(Math.sqrt(moments(c).variance)).toBeCloseTo(0.05, 3);
    // Standard error of a correlation ≈ (1 − ρ²)/√N ≤ 0.0032.
    expect(Math.abs(correlation(a, b) - 0.8)).toBeLessThan(0.005);
    expect(Math.abs(correlation(a, c) + 0.3)).toBeLessThan(0.013);
    expect(Math.abs(correlation(b, c) - 0.1)).toBeLessThan(0.013);
    expect(Math.abs(moments(a).kurtosis - 3)).toBeLessThan(0.07);
  });

  it('Student-t with ν = 8: same covariance (scaled by √((ν−2)/ν)), fat tails (kurtosis 3 + 6/(ν − 4) = 4.5)', () => {
    const [a, b] = logReturns(8, 200_000) as [Float64Array, Float64Array];
    expect(Math.abs(Math.sqrt(moments(a).variance) - 0.1)).toBeLessThan(0.0015);
    expect(Math.abs(correlation(a, b) - 0.8)).toBeLessThan(0.006);
    const k = moments(a).kurtosis;
    expect(k).toBeGreaterThan(4.1);
    expect(k).toBeLessThan(5.0);
    // Tails: a 4σ move is about 30 times as likely as for a normal (P ≈ 0.0019 vs 6.3e-5).
    let tail = 0;
    for (const x of a) if (Math.abs(x) > 0.4) tail++;
    expect(tail / a.length).toBeGreaterThan(0.0014);
    expect(tail / a.length).toBeLessThan(0.0025);
  });

  it('market jumps shift every asset together', () => {
    const spec = { seed: 1, chol: chol.value, mean: new Float64Array(3), nu: null, scale: 1, jumps: { probability: 0.1, mean: -0.5, vol: 0, scope: 'market' as const } };
    const plain = { ...spec, jumps: null };
    const out = new Float64Array(3);
    const ref = new Float64Array(3);
    let jumped = 0;
    for (let d = 0; d < 20_000; d++) {
      drawShocks(spec, d, out);
      drawShocks(plain, d, ref);
      const shift = Math.log1p(out[0] as number) - Math.log1p(ref[0] as number);
      if (Math.abs(shift) > 1e-12) {
        jumped++;
        for (let i = 0; i < 3; i++) expect(Math.log1p(out[i] as number) - Math.log1p(ref[i] as number)).toBeCloseTo(-0.5, 12);
      }
    }
    expect(Math.abs(jumped / 20_000 - 0.1)).toBeLessThan(4 * Math.sqrt(0.09 / 20_000));
  });
});

describe('Cholesky', () => {
  it('factors a positive definite matrix: L·Lᵀ = A', () => {
    const a = Float64Array.from([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);
    const L = cholesky(a, 3);
    if (!L.ok) throw new Error('positive definite');
    expect(Array.from(L.value.subarray(0, 3))).toEqual([2, 0, 0]);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += (L.value[i * 3 + k] as number) * (L.value[j * 3 + k] as number);
        expect(s).toBeCloseTo(a[i * 3 + j] as number, 14);
      }
  });

  it('says where a matrix stops being positive definite', () => {
    expect(cholesky(Float64Array.from([1, 1, 1, 1]), 2)).toMatchObject({ ok: false, error: { index: 1 } });
    // Each pair is a valid correlation, the whole is not: +0.9, +0.9 but −0.9.
    const r = cholesky(Float64Array.from([1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]), 3);
    expect(r).toMatchObject({ ok: false, error: { index: 2 } });
    expect(r.ok ? 0 : r.error.pivot).toBeLessThan(0);
  });
});
