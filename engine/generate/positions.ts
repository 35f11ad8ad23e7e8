import type { Prng } from '../util/prng';
import type { Role, Universe } from './universe';

/** A kind of loan a venue makes: what backs it, what is borrowed, its risk parameters and how tight borrowers run it. */
export interface Profile {
  venue: 'lender' | 'cex';
  coll: string;
  debt: string;
  weight: number;
  lt: number;
  bonus: number;
  cf: number;
  health: 'spread' | 'loop' | 'peg';
}

const p = (venue: Profile['venue'], coll: string, debt: string, weight: number, lt: number, bonus: number, cf: number, health: Profile['health'] = 'spread'): Profile => ({
  venue,
  coll,
  debt,
  weight,
  lt,
  bonus,
  cf,
  health,
});

export const PROFILES: readonly Profile[] = [
  p('lender', 'ETH', 'USDC', 22, 0.825, 0.05, 0.5),
  p('lender', 'ETH', 'DAI', 8, 0.825, 0.05, 0.5),
  p('lender', 'stETH', 'ETH', 10, 0.93, 0.01, 0.5, 'loop'),
  p('lender', 'stETH', 'USDC', 6, 0.8, 0.06, 0.5),
  p('lender', 'wBTC', 'USDC', 12, 0.78, 0.065, 0.5),
  p('lender', 'SOL', 'USDC', 4, 0.7, 0.08, 0.5),
  p('lender', 'USDC', 'ETH', 6, 0.87, 0.045, 0.5),
  p('lender', 'USDC', 'wBTC', 3, 0.87, 0.045, 0.5),
  p('lender', 'USDX', 'USDC', 5, 0.9, 0.04, 0.5, 'peg'),
  p('lender', 'LINK', 'USDC', 2, 0.65, 0.1, 0.5),
  p('lender', 'UNI', 'USDC', 1.5, 0.6, 0.1, 0.5),
  p('lender', 'ARB', 'USDC', 1, 0.55, 0.1, 0.5),
  p('lender', 'LDO', 'USDC', 1, 0.5, 0.1, 0.5),
  p('lender', 'PEPE', 'USDC', 0.5, 0.4, 0.12, 0.5),
  p('cex', 'ETH', 'USDC', 40, 0.9, 0.01, 1),
  p('cex', 'BTC', 'USDC', 35, 0.9, 0.01, 1),
  p('cex', 'SOL', 'USDC', 10, 0.85, 0.015, 1),
  p('cex', 'USDC', 'ETH', 10, 0.9, 0.01, 1),
  p('cex', 'USDC', 'BTC', 5, 0.9, 0.01, 1),
];

export interface PositionColumns {
  count: number;
  owner: Int32Array;
  venue: Int32Array;
  profile: Uint8Array;
  collAmount: Float64Array;
  debtAmount: Float64Array;
}

export interface PerpColumns {
  count: number;
  owner: Int32Array;
  asset: Uint8Array;
  long: Uint8Array;
  size: Float64Array;
  entry: Float64Array;
  margin: Float64Array;
  mm: Float64Array;
}

/** USD value of a typical position by owner role: median and log-space spread. */
const SIZE: Partial<Record<Role, [number, number]>> = {
  retail: [15_000, 1.1],
  fund: [150_000, 0.9],
  mm: [300_000, 0.8],
  treasury: [3_000_000, 0.3],
};

/** Decimal places that resolve about a cent of value at this price. */
export function unitDecimals(price: number): number {
  return Math.max(0, Math.min(10, Math.ceil(Math.log10(price)) + 2));
}

const POW = Array.from({ length: 16 }, (_, k) => 10 ** k);
export const roundTo = (x: number, d: number): number => Math.round(x * (POW[d] as number)) / (POW[d] as number);

/** A health factor: most borrowers comfortable, a band that a 30% fall reaches, a thin tail near 1. */
function drawHealth(rng: Prng, kind: Profile['health']): number {
  const u = rng.next();
  if (kind === 'loop') return u < 0.85 ? rng.uniform(1.1, 1.5) : rng.uniform(1.03, 1.1);
  if (kind === 'peg') return rng.uniform(1.06, 1.35);
  if (u < 0.58) return 1.75 + rng.logNormal(0.9, 0.6);
  if (u < 0.86) return rng.uniform(1.45, 1.75);
  if (u < 0.97) return rng.uniform(1.15, 1.45);
  return rng.uniform(1.02, 1.15);
}

function pickOwner(rng: Prng, u: Universe, weights: readonly [Role, number][]): number {
  const k = rng.weighted(weights.map((w) => w[1]));
  return rng.pick(u.byRole[(weights[k] as [Role, number])[0]]);
}

const LENDER_OWNERS: readonly [Role, number][] = [['retail', 83], ['fund', 12], ['mm', 5]];
/** Our treasury borrows against ETH at the first pool in a few large positions. */
const TREASURY_POSITIONS = 3;
const CEX_OWNERS: readonly [Role, number][] = [['retail', 85], ['fund', 10], ['mm', 5]];
const PERP_OWNERS: readonly [Role, number][] = [['retail', 75], ['fund', 10], ['mm', 15]];

/** `n` leveraged positions at lending pools and CEX margin desks, every one healthy at the start. */
export function makePositions(rng: Prng, u: Universe, n: number): PositionColumns {
  const cols: PositionColumns = {
    count: n,
    owner: new Int32Array(n),
    venue: new Int32Array(n),
    profile: new Uint8Array(n),
    collAmount: new Float64Array(n),
    debtAmount: new Float64Array(n),
  };
  const weights = PROFILES.map((x) => x.weight);
  const price = (id: string): number => u.assets[u.assetIndex.get(id) as number]!.price;
  for (let i = 0; i < n; i++) {
    const ours = i < TREASURY_POSITIONS;
    const k = ours ? 0 : rng.weighted(weights);
    const prof = PROFILES[k] as Profile;
    const owner = ours ? (u.byRole.treasury[0] as number) : pickOwner(rng, u, prof.venue === 'lender' ? LENDER_OWNERS : CEX_OWNERS);
    const [median, sigma] = SIZE[u.nodes[owner]!.role] ?? [15_000, 1];
    const value = Math.min(median * 200, rng.logNormal(median, sigma));
    const pc = price(prof.coll);
    const pd = price(prof.debt);
    const hf = ours ? rng.uniform(1.6, 1.9) : drawHealth(rng, prof.health);
    let coll = roundTo(value / pc, unitDecimals(pc));
    const debt = roundTo((value * prof.lt) / hf / pd, unitDecimals(pd));
    if ((coll * pc * prof.lt) / (debt * pd) < 1.01) coll = roundTo((debt * pd * 1.02) / (prof.lt * pc), unitDecimals(pc));
    cols.owner[i] = owner;
    cols.venue[i] = ours ? (u.byRole.lender[0] as number) : rng.pick(u.byRole[prof.venue]);
    cols.profile[i] = k;
    cols.collAmount[i] = coll;
    cols.debtAmount[i] = debt;
  }
  return cols;
}

const PERP_ASSETS: readonly [string, number, number][] = [
  ['ETH', 45, 0.02],
  ['BTC', 35, 0.02],
  ['SOL', 12, 0.03],
  ['LINK', 3, 0.05],
  ['ARB', 3, 0.05],
  ['PEPE', 2, 0.08],
];

/** `n` perpetuals at the perp venue: mostly modest leverage, a tail of 6–20×, entries near the current price. */
export function makePerps(rng: Prng, u: Universe, n: number): PerpColumns {
  const cols: PerpColumns = {
    count: n,
    owner: new Int32Array(n),
    asset: new Uint8Array(n),
    long: new Uint8Array(n),
    size: new Float64Array(n),
    entry: new Float64Array(n),
    margin: new Float64Array(n),
    mm: new Float64Array(n),
  };
  const weights = PERP_ASSETS.map((x) => x[1]);
  for (let i = 0; i < n; i++) {
    const [asset, , mm] = PERP_ASSETS[rng.weighted(weights)] as [string, number, number];
    const a = u.assetIndex.get(asset) as number;
    const price = u.assets[a]!.price;
    const owner = pickOwner(rng, u, PERP_OWNERS);
    const [median, sigma] = SIZE[u.nodes[owner]!.role] ?? [15_000, 1];
    const notional = Math.min(median * 200, rng.logNormal(median / 2, sigma));
    const r = rng.next();
    const lev = r < 0.6 ? rng.uniform(1.5, 3) : r < 0.9 ? rng.uniform(3, 6) : rng.uniform(6, 20);
    const long = rng.chance(0.65);
    const pd = Math.max(2, Math.ceil(-Math.log10(price)) + 4);
    let entry = roundTo(price * Math.min(1.12, Math.max(0.88, 1 + 0.04 * rng.normal())), pd);
    const size = roundTo(notional / price, unitDecimals(price));
    const margin = roundTo((size * entry) / lev, 2);
    const equity = (e: number): number => margin + (long ? 1 : -1) * size * (price - e);
    if (equity(entry) < mm * size * price * 1.2) entry = price;
    cols.owner[i] = owner;
    cols.asset[i] = a;
    cols.long[i] = long ? 1 : 0;
    cols.size[i] = size > 0 ? size : 1;
    cols.entry[i] = entry;
    cols.margin[i] = margin;
    cols.mm[i] = mm;
  }
  return cols;
}
