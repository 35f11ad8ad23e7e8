import type { Prng } from '../util/prng';

/** What a synthetic node is for; decides its balance sheet. */
export type Role =
  | 'lender'
  | 'cex'
  | 'perp'
  | 'fund'
  | 'mm'
  | 'desk'
  | 'treasury'
  | 'bank'
  | 'issuer'
  | 'custodian'
  | 'retail';

export type AssetClass = 'major' | 'lst' | 'wrapped' | 'stable' | 'tail';

export interface AssetRow {
  id: string;
  name: string;
  price: number;
  peg: number | null;
  cls: AssetClass;
  /** Pool depth as a multiple of the collateral value posted in the asset (set once positions exist); 0 = no price impact. */
  depthRatio: number;
  depthUsd: number;
}

export interface NodeRow {
  id: string;
  name: string;
  role: Role;
  external: number;
}

export interface OracleRow {
  id: string;
  asset: string;
  delay: number;
  deviation: number;
  heartbeat: number;
}

export interface Universe {
  assets: AssetRow[];
  assetIndex: Map<string, number>;
  nodes: NodeRow[];
  /** Node indices by role, in id order. */
  byRole: Record<Role, number[]>;
  oracles: OracleRow[];
  feeds: { venue: string; asset: string; oracle: string }[];
  backing: { asset: string; backer: string; share: number }[];
}

const LENDERS = [
  ['aave', 'Aave-like lending pool'],
  ['compound', 'Compound-like lending pool'],
  ['spark', 'Spark-like lending pool'],
  ['morpho', 'Morpho-like lending market'],
] as const;

const TAILS = ['LINK', 'UNI', 'ARB', 'LDO', 'PEPE'] as const;

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/** Assets with realistic prices: majors, a liquid-staking token pegged to ETH, stablecoins, thin long-tail tokens. */
function makeAssets(rng: Prng): AssetRow[] {
  const eth = round(rng.uniform(2000, 4000), 2);
  const btc = round(rng.uniform(40_000, 70_000), 2);
  const a = (id: string, name: string, price: number, cls: AssetClass, depthRatio: number, peg: number | null = null): AssetRow => ({
    id,
    name,
    price,
    peg,
    cls,
    depthRatio,
    depthUsd: 0,
  });
  const tailPrices: Record<(typeof TAILS)[number], number> = {
    LINK: round(rng.uniform(10, 25), 3),
    UNI: round(rng.uniform(5, 12), 3),
    ARB: round(rng.uniform(0.5, 2), 4),
    LDO: round(rng.uniform(1, 3), 4),
    PEPE: round(rng.uniform(0.000005, 0.00002), 9),
  };
  return [
    a('ETH', 'Ether', eth, 'major', 3),
    a('BTC', 'Bitcoin', btc, 'major', 4),
    a('SOL', 'Solana', round(rng.uniform(100, 220), 2), 'major', 2.5),
    a('stETH', 'Lido staked ether', round(eth * rng.uniform(0.995, 1.0), 2), 'lst', 3),
    a('wBTC', 'Wrapped bitcoin', round(btc * rng.uniform(0.997, 1.0), 2), 'wrapped', 2),
    a('USDC', 'USD Coin (fiat-backed stablecoin)', 1, 'stable', 0, 1),
    a('DAI', 'DAI-like crypto-backed stablecoin', round(rng.uniform(0.998, 1.001), 4), 'stable', 20, 1),
    a('USDX', 'USDX stablecoin, reserves partly at a bank', 1, 'stable', 15, 1),
    ...TAILS.map((t) => a(t, `${t} (long-tail token)`, tailPrices[t], 'tail', 0.6)),
  ];
}

function pad(k: number, width: number): string {
  return String(k).padStart(width, '0');
}

/**
 * The cast of a synthetic workspace: venues (2–4 lending pools, 2 CEXs, a perp venue), named
 * entities and about `owners` nodes in all, most of them retail cohorts.
 */
export function makeUniverse(rng: Prng, owners: number): Universe {
  const assets = makeAssets(rng);
  const nodes: NodeRow[] = [];
  const add = (id: string, name: string, role: Role): void => {
    nodes.push({ id, name, role, external: 0 });
  };
  const lenders = 2 + rng.int(3);
  for (let i = 0; i < lenders; i++) add(LENDERS[i]![0], LENDERS[i]![1], 'lender');
  add('cex-a', 'CEX A (spot custody, margin)', 'cex');
  add('cex-b', 'CEX B (spot custody, margin)', 'cex');
  add('perp-dex', 'Perpetuals venue', 'perp');
  add('treasury', 'Our treasury', 'treasury');
  add('bank', 'Crypto-friendly bank', 'bank');
  add('usdx-issuer', 'USDX issuer', 'issuer');
  add('btc-custodian', 'wBTC custodian', 'custodian');
  add('desk-1', 'Lending desk 1 (thin capital)', 'desk');
  add('desk-2', 'Lending desk 2', 'desk');
  const funds = Math.max(6, Math.round(owners / 250));
  const mms = Math.max(3, Math.round(owners / 1000));
  for (let i = 1; i <= funds; i++) add(`fund-${pad(i, 3)}`, `Fund ${i}`, 'fund');
  for (let i = 1; i <= mms; i++) add(`mm-${pad(i, 3)}`, `Market maker ${i}`, 'mm');
  const retail = Math.max(4, owners - nodes.length);
  const width = Math.max(4, String(retail).length);
  for (let i = 1; i <= retail; i++) add(`retail-${pad(i, width)}`, `Retail cohort ${i}`, 'retail');

  const byRole = {} as Record<Role, number[]>;
  for (const r of ['lender', 'cex', 'perp', 'fund', 'mm', 'desk', 'treasury', 'bank', 'issuer', 'custodian', 'retail'] as Role[]) byRole[r] = [];
  nodes.forEach((n, i) => byRole[n.role].push(i));

  const oracles: OracleRow[] = [];
  const feeds: Universe['feeds'] = [];
  const slow = (asset: string): OracleRow => {
    const cls = assets.find((x) => x.id === asset)?.cls;
    if (cls === 'stable') return { id: `cl-${asset.toLowerCase()}`, asset, delay: 1, deviation: 0.0025, heartbeat: 8 };
    if (cls === 'tail') return { id: `cl-${asset.toLowerCase()}`, asset, delay: 2, deviation: 0.02, heartbeat: 8 };
    return { id: `cl-${asset.toLowerCase()}`, asset, delay: 1, deviation: 0.005, heartbeat: 6 };
  };
  for (const x of assets) oracles.push(slow(x.id));
  for (const asset of ['ETH', 'BTC', 'SOL', ...TAILS]) oracles.push({ id: `pyth-${asset.toLowerCase()}`, asset, delay: 0, deviation: 0.001, heartbeat: 1 });
  for (const v of byRole.lender) for (const x of assets) feeds.push({ venue: nodes[v]!.id, asset: x.id, oracle: `cl-${x.id.toLowerCase()}` });
  for (const asset of ['ETH', 'BTC', 'SOL', ...TAILS]) feeds.push({ venue: 'perp-dex', asset, oracle: `pyth-${asset.toLowerCase()}` });

  const backing = [
    { asset: 'USDX', backer: 'bank', share: 0.4 },
    { asset: 'USDX', backer: 'usdx-issuer', share: 0.6 },
    { asset: 'wBTC', backer: 'btc-custodian', share: 1 },
  ];
  return { assets, assetIndex: new Map(assets.map((x, i) => [x.id, i])), nodes, byRole, oracles, feeds, backing };
}
