import type { Prng } from '../../engine/util/prng';
import { type Book, price } from './book';

export const FUNDS = Array.from({ length: 10 }, (_, i) => `fund-${String(i + 1).padStart(2, '0')}`);
export const MARKET_MAKERS = Array.from({ length: 5 }, (_, i) => `mm-${String(i + 1).padStart(2, '0')}`);
export const RETAIL = Array.from({ length: 30 }, (_, i) => `retail-${String(i + 1).padStart(2, '0')}`);

interface Profile {
  venue: string;
  coll: string;
  debt: string;
  lt: number;
  bonus: number;
  cf: number;
  count: number;
  /** Health factor at the start: a log-normal around `hf` (σ `spread`), kept within [min, max]. */
  hf: number;
  spread: number;
  min: number;
  max: number;
  /** Only retail cohorts hold it (funds do not run stablecoin loops). */
  retailOnly?: boolean;
}

const PROFILES: readonly Profile[] = [
  { venue: 'lumen', coll: 'stETH', debt: 'ETH', lt: 0.93, bonus: 0.01, cf: 0.5, count: 300, hf: 1.08, spread: 0.04, min: 1.03, max: 1.2 },
  { venue: 'lumen', coll: 'ETH', debt: 'USDC', lt: 0.825, bonus: 0.05, cf: 0.5, count: 650, hf: 1.55, spread: 0.25, min: 1.04, max: 4 },
  { venue: 'lumen', coll: 'wBTC', debt: 'USDC', lt: 0.78, bonus: 0.065, cf: 0.5, count: 250, hf: 1.7, spread: 0.25, min: 1.05, max: 4 },
  { venue: 'lumen', coll: 'XUSD', debt: 'USDT', lt: 0.9, bonus: 0.04, cf: 0.5, count: 150, hf: 1.06, spread: 0.03, min: 1.03, max: 1.12, retailOnly: true },
  { venue: 'crest', coll: 'ETH', debt: 'USDC', lt: 0.82, bonus: 0.08, cf: 0.5, count: 300, hf: 1.6, spread: 0.25, min: 1.04, max: 4 },
  { venue: 'crest', coll: 'wBTC', debt: 'USDC', lt: 0.75, bonus: 0.08, cf: 0.5, count: 200, hf: 1.7, spread: 0.25, min: 1.05, max: 4 },
  { venue: 'crest', coll: 'SOL', debt: 'USDC', lt: 0.65, bonus: 0.1, cf: 0.5, count: 150, hf: 1.6, spread: 0.3, min: 1.05, max: 4 },
  { venue: 'atlas', coll: 'BTC', debt: 'USDC', lt: 0.8, bonus: 0.02, cf: 1, count: 100, hf: 1.5, spread: 0.2, min: 1.1, max: 3 },
  { venue: 'atlas', coll: 'ETH', debt: 'USDC', lt: 0.8, bonus: 0.02, cf: 1, count: 100, hf: 1.5, spread: 0.2, min: 1.1, max: 3 },
  { venue: 'kestrel', coll: 'ETH', debt: 'USDT', lt: 0.9, bonus: 0.02, cf: 1, count: 150, hf: 1.3, spread: 0.15, min: 1.03, max: 3 },
  { venue: 'kestrel', coll: 'BTC', debt: 'USDT', lt: 0.9, bonus: 0.02, cf: 1, count: 150, hf: 1.3, spread: 0.15, min: 1.03, max: 3 },
  { venue: 'harbor', coll: 'SOL', debt: 'USDC', lt: 0.85, bonus: 0.02, cf: 1, count: 80, hf: 1.35, spread: 0.15, min: 1.03, max: 3 },
];

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Collateral value of one position or perp notional, USD: retail cohorts small, funds large. */
function size(rng: Prng, fund: boolean): number {
  return fund ? clamp(rng.logNormal(400e3, 0.8), 5e4, 8e6) : clamp(rng.logNormal(15e3, 1.0), 500, 1e6);
}

function owner(rng: Prng, retailOnly = false): { id: string; fund: boolean } {
  return !retailOnly && rng.chance(0.25) ? { id: rng.pick(FUNDS), fund: true } : { id: rng.pick(RETAIL), fund: false };
}

/** The leveraged positions of everyone but Northwind, at every venue. */
export function backgroundPositions(b: Book, rng: Prng): void {
  for (const p of PROFILES) {
    const r = rng.fork(`${p.venue}:${p.coll}:${p.debt}`);
    for (let i = 0; i < p.count; i++) {
      const o = owner(r, p.retailOnly);
      const collUsd = size(r, o.fund);
      const hf = clamp(r.logNormal(p.hf, p.spread), p.min, p.max);
      const debtUsd = (collUsd * p.lt) / hf;
      b.position({
        owner: o.id,
        venue: p.venue,
        coll: p.coll,
        collAmount: collUsd / price(p.coll),
        debt: p.debt,
        debtAmount: debtUsd / price(p.debt),
        lt: p.lt,
        bonus: p.bonus,
        cf: p.cf,
      });
    }
  }
}

/** Perpetuals at Apex: longs and shorts in ETH, BTC and SOL, none liquidatable at the start. */
export function backgroundPerps(b: Book, rng: Prng, count: number): void {
  const r = rng.fork('perps');
  let made = 0;
  while (made < count) {
    const asset = r.pick(['ETH', 'ETH', 'ETH', 'BTC', 'BTC', 'SOL']);
    const mm = asset === 'SOL' ? 0.03 : 0.02;
    const o = owner(r);
    const notional = size(r, o.fund);
    const leverage = r.uniform(2, 10);
    const px = price(asset);
    const entry = px * Math.exp(r.normal() * 0.04);
    const units = notional / px;
    const margin = notional / leverage;
    const long = r.chance(0.6);
    const health = long ? (units * px * (1 - mm)) / (units * entry - margin) : ((units * entry + margin) / (1 + mm)) / (units * px);
    if (!(health > 1.02) || (long && units * entry <= margin)) continue;
    b.perp({ owner: o.id, asset, side: long ? 'long' : 'short', size: units, entry, margin, mm });
    made++;
  }
}

/** Unencumbered tokens, balances at the exchanges and deposits at Atlas for the background nodes. */
export function backgroundBalances(b: Book, rng: Prng): void {
  const r = rng.fork('balances');
  for (const f of FUNDS) {
    b.holding(f, 'ETH', r.uniform(800, 4000));
    b.holding(f, 'BTC', r.uniform(20, 120));
    b.deposit('kestrel', f, 'USDT', r.uniform(1e6, 6e6));
  }
  for (const m of MARKET_MAKERS) {
    b.holding(m, 'ETH', r.uniform(1000, 3000));
    b.holding(m, 'BTC', r.uniform(30, 90));
    b.holding(m, 'SOL', r.uniform(2e4, 8e4));
    b.holding(m, 'XUSD', r.uniform(1e6, 3e6));
  }
  for (const x of RETAIL) {
    b.holding(x, 'ETH', r.uniform(50, 400));
    b.holding(x, 'XUSD', r.uniform(5e4, 4e5));
    b.deposit('kestrel', x, 'ETH', r.uniform(100, 800));
    b.deposit('kestrel', x, 'BTC', r.uniform(5, 40));
    b.deposit('kestrel', x, 'USDT', r.uniform(2e5, 2e6));
    b.deposit('harbor', x, 'SOL', r.uniform(2e3, 2e4));
    b.deposit('harbor', x, 'USDC', r.uniform(1e5, 1e6));
  }
}
