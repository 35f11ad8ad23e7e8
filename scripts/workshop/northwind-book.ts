import { type Book, PRICES } from './book';

/** Tokens, their pool depth (USD; null = no price impact) and the pegs of the stablecoins. */
export const ASSETS: readonly { id: string; depth: number | null; peg?: number; name: string }[] = [
  { id: 'ETH', depth: 1.5e9, name: 'Ether' },
  { id: 'stETH', depth: 300e6, peg: 3000, name: 'Lido staked ether' },
  { id: 'BTC', depth: 2e9, name: 'Bitcoin (exchange spot)' },
  { id: 'wBTC', depth: 300e6, peg: 60000, name: 'Wrapped bitcoin' },
  { id: 'SOL', depth: 250e6, name: 'Solana' },
  { id: 'USDC', depth: null, peg: 1, name: 'USD Coin' },
  { id: 'USDT', depth: null, peg: 1, name: 'Tether' },
  { id: 'XUSD', depth: 60e6, peg: 1, name: 'XUSD (fiat-backed stablecoin: 35% of reserves at Meridian Trust)' },
];

export const VENUES: readonly { id: string; name: string }[] = [
  { id: 'kestrel', name: 'Kestrel Exchange (CEX: custody and margin)' },
  { id: 'harbor', name: 'Harbor Exchange (CEX: custody and margin, 92% reserves)' },
  { id: 'atlas', name: 'Atlas Credit (crypto lender)' },
  { id: 'lumen', name: 'Lumen (lending protocol, Chainlink-style feeds)' },
  { id: 'crest', name: 'Crest (lending protocol, Chainlink-style feeds)' },
  { id: 'apex', name: 'Apex Perps (perpetuals, fast feeds)' },
];

export const ORACLES: readonly { id: string; asset: string; delay: number; deviation: number; heartbeat: number }[] = [
  { id: 'cl-eth', asset: 'ETH', delay: 1, deviation: 0.005, heartbeat: 6 },
  { id: 'cl-steth', asset: 'stETH', delay: 1, deviation: 0.005, heartbeat: 6 },
  { id: 'cl-wbtc', asset: 'wBTC', delay: 1, deviation: 0.005, heartbeat: 6 },
  { id: 'cl-sol', asset: 'SOL', delay: 1, deviation: 0.01, heartbeat: 6 },
  { id: 'cl-xusd', asset: 'XUSD', delay: 1, deviation: 0.0025, heartbeat: 8 },
  { id: 'fast-eth', asset: 'ETH', delay: 0, deviation: 0, heartbeat: 1 },
  { id: 'fast-btc', asset: 'BTC', delay: 0, deviation: 0, heartbeat: 1 },
  { id: 'fast-sol', asset: 'SOL', delay: 0, deviation: 0, heartbeat: 1 },
];

export const FEEDS: readonly [string, string, string][] = [
  ['lumen', 'ETH', 'cl-eth'],
  ['lumen', 'stETH', 'cl-steth'],
  ['lumen', 'wBTC', 'cl-wbtc'],
  ['lumen', 'XUSD', 'cl-xusd'],
  ['crest', 'ETH', 'cl-eth'],
  ['crest', 'wBTC', 'cl-wbtc'],
  ['crest', 'SOL', 'cl-sol'],
  ['apex', 'ETH', 'fast-eth'],
  ['apex', 'BTC', 'fast-btc'],
  ['apex', 'SOL', 'fast-sol'],
];

/**
 * Northwind Treasury's own book: self-custody, balances at two exchanges, a deposit at and a loan
 * from Atlas Credit, leveraged positions at Lumen and Crest, perps at Apex, an operating account
 * at Meridian Trust.
 */
export function northwindBook(b: Book): void {
  const nw = 'northwind';
  b.holding(nw, 'ETH', 4000);
  b.holding(nw, 'BTC', 150);
  b.holding(nw, 'USDC', 12e6);
  b.holding(nw, 'XUSD', 6e6);
  b.deposit('kestrel', nw, 'ETH', 1500);
  b.deposit('kestrel', nw, 'BTC', 60);
  b.deposit('kestrel', nw, 'USDT', 5e6);
  b.deposit('harbor', nw, 'SOL', 30000);
  b.deposit('harbor', nw, 'USDC', 4e6);
  b.obligation('atlas', nw, 10e6, 'USDC', 'deposit');
  b.obligation('meridian-trust', nw, 8e6, 'USD', 'deposit');
  // A BTC-backed credit line from Atlas, margin-called at 80% loan-to-value.
  b.position({ owner: nw, venue: 'atlas', coll: 'BTC', collAmount: 300, debt: 'USDC', debtAmount: 10e6, lt: 0.8, bonus: 0.02, cf: 1 });
  // Lumen: a staked-ether loop and an ETH-backed stablecoin loan.
  b.position({ owner: nw, venue: 'lumen', coll: 'stETH', collAmount: 6000, debt: 'ETH', debtAmount: 5100, lt: 0.93, bonus: 0.01, cf: 0.5 });
  b.position({ owner: nw, venue: 'lumen', coll: 'ETH', collAmount: 3000, debt: 'USDC', debtAmount: 5.2e6, lt: 0.825, bonus: 0.05, cf: 0.5 });
  // Crest: wBTC-backed stablecoin loan.
  b.position({ owner: nw, venue: 'crest', coll: 'wBTC', collAmount: 120, debt: 'USDC', debtAmount: 3.8e6, lt: 0.75, bonus: 0.08, cf: 0.5 });
  // Apex: a leveraged ETH long and a BTC short hedge.
  b.perp({ owner: nw, asset: 'ETH', side: 'long', size: 2000, entry: 2950, margin: 1.2e6, mm: 0.02 });
  b.perp({ owner: nw, asset: 'BTC', side: 'short', size: 50, entry: 61000, margin: 0.6e6, mm: 0.02 });
}

export function priceOf(asset: string): number {
  return PRICES[asset] ?? 1;
}
