import { polarNormalPair, Prng } from '../util/prng';

/**
 * The random stream of one Monte Carlo draw, derived from (seed, draw index) alone, so a draw
 * is the same whichever worker runs it and whatever ran before. Two xoshiro128** generators
 * (engine/util/prng.ts) seeded from distinct labels are combined by XOR: each is seeded through
 * a 32-bit hash, and the pair makes two draws' streams coincide with odds of about 2⁻⁶⁴, not 2⁻³².
 */
export class DrawRng {
  private readonly a: Prng;
  private readonly b: Prng;
  private spare = NaN;

  constructor(seed: number, draw: number) {
    this.a = new Prng(`firebreak-mc:${seed}:${draw}:a`);
    this.b = new Prng(`firebreak-mc:${seed}:${draw}:b`);
  }

  u32(): number {
    return (this.a.u32() ^ this.b.u32()) >>> 0;
  }

  /** A uniform deviate in (0, 1) with 53 random bits (never 0 or 1, so logarithms are finite). */
  uniform(): number {
    const hi = this.u32() >>> 5;
    const lo = this.u32() >>> 6;
    return (hi * 67108864 + lo + 0.5) / 9007199254740992;
  }

  /** A standard normal deviate (Marsaglia's polar method; the pair's second value is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    const [x, y] = polarNormalPair(() => this.uniform());
    this.spare = y;
    return x;
  }
}

/**
 * A Gamma(shape, 1) deviate, shape > 0: Marsaglia & Tsang's squeeze method (2000) for
 * shape ≥ 1; below 1, Gamma(shape + 1) · U^(1/shape).
 */
export function gamma(rng: DrawRng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = 0;
    let v = 0;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A χ²(ν) deviate: 2 · Gamma(ν/2, 1). */
export function chiSquare(rng: DrawRng, nu: number): number {
  return 2 * gamma(rng, nu / 2);
}

/**
 * The common factor that turns a normal vector into a multivariate Student-t one with ν
 * degrees of freedom: 1/√(W/ν), W ~ χ²(ν).
 */
export function studentFactor(rng: DrawRng, nu: number): number {
  return 1 / Math.sqrt(chiSquare(rng, nu) / nu);
}
