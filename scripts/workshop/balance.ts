import type { Prng } from '../../engine/util/prng';
import { FUNDS, MARKET_MAKERS, RETAIL } from './background';
import { type Book, price, sig } from './book';

/** Unsecured loans Atlas Credit made to funds (USDC): the two largest borrowers are thinly capitalized. */
const ATLAS_UNSECURED: Readonly<Record<string, number>> = { 'fund-01': 25e6, 'fund-02': 18e6, 'fund-03': 10e6, 'fund-04': 6e6, 'fund-05': 4e6 };
/** Equity each fund starts with (USD): cash is added up to it. */
const FUND_EQUITY: Readonly<Record<string, number>> = { 'fund-01': 4e6, 'fund-02': 4e6, 'fund-03': 8e6 };
const XUSD_AT_MERIDIAN = 0.35;
const ATLAS_PROPRIETARY = 40e6;

function valueOf(units: Map<string, number>): number {
  let v = 0;
  for (const [a, u] of units) v += u * (a === 'USD' ? 1 : price(a));
  return v;
}

/**
 * Funding and reserves that make every node solvent at the start: suppliers are owed what the
 * venues lent, exchanges hold their clients' tokens (Harbor 92% of them), Atlas is funded by
 * deposits with a 4% cushion (it also runs a $40M proprietary book), Meridian Trust holds 35% of XUSD's reserves. Returns each node's
 * external assets (USD).
 */
export function balance(b: Book, rng: Prng): Map<string, number> {
  const external = new Map<string, number>();
  const ext = (node: string, usd: number): void => {
    const v = sig(Math.max(0, usd));
    external.set(node, v);
    b.addEquity(node, v);
  };

  for (const [f, loan] of Object.entries(ATLAS_UNSECURED)) b.obligation(f, 'atlas', loan, 'USDC', 'loan');

  for (const [venue, creditor] of [['lumen', 'lumen-suppliers'], ['crest', 'crest-suppliers'], ['apex', 'apex-lps']] as const) {
    const lent = b.lentBy(venue);
    for (const [asset, units] of lent) b.obligation(venue, creditor, units, asset, 'deposit');
    ext(venue, valueOf(lent) * 0.1);
  }

  // Exchanges: client tokens held as reserves; margin loans funded by the market makers.
  for (const [exchange, ratio] of [['kestrel', 1], ['harbor', 0.92]] as const) {
    const held = b.custody.get(exchange) ?? new Map<string, number>();
    for (const [asset, units] of held) b.holding(exchange, asset, units * ratio);
    const lent = b.lentBy(exchange);
    const lenders = exchange === 'kestrel' ? MARKET_MAKERS.slice(0, 3) : MARKET_MAKERS.slice(3);
    for (const [asset, units] of lent) for (const m of lenders) b.obligation(exchange, m, units / lenders.length, asset, 'loan');
    const shortfall = valueOf(held) * (1 - ratio);
    ext(exchange, shortfall + (exchange === 'kestrel' ? 15e6 : 0.015 * valueOf(held)));
  }

  // Atlas: its loans (secured and unsecured) funded by deposits, keeping a 4% cushion.
  const atlasLoans = valueOf(b.lentBy('atlas')) + Object.values(ATLAS_UNSECURED).reduce((s, x) => s + x, 0);
  // Besides its loans, Atlas holds cash (5% of them) and a proprietary book of $40M.
  const own = 0.05 * atlasLoans + ATLAS_PROPRIETARY;
  ext('atlas', own);
  const deposits = 0.96 * (atlasLoans + own) - 10e6;
  const r = rng.fork('atlas-deposits');
  const weights = RETAIL.map(() => r.uniform(0.5, 1.5));
  const total = weights.reduce((s, w) => s + w, 0);
  RETAIL.forEach((x, i) => b.obligation('atlas', x, (deposits * (weights[i] as number)) / total, 'USDC', 'deposit'));

  // XUSD: 35% of its reserves are deposits at Meridian Trust, the rest held by the issuer.
  let supply = 0;
  for (const h of b.rows('holdings')) if (h.asset === 'XUSD') supply += Number(h.amount);
  for (const p of b.rows('positions')) if (p.collateral_asset === 'XUSD') supply += Number(p.collateral_amount);
  b.obligation('meridian-trust', 'xusd-issuer', supply * XUSD_AT_MERIDIAN, 'USD', 'deposit');
  for (const m of MARKET_MAKERS) b.obligation('meridian-trust', m, 3e6, 'USD', 'deposit');
  ext('xusd-issuer', supply * (1 - XUSD_AT_MERIDIAN));
  const owed = supply * XUSD_AT_MERIDIAN + 8e6 + 3e6 * MARKET_MAKERS.length;
  ext('meridian-trust', owed * 1.06);

  for (const f of FUNDS) {
    const target = FUND_EQUITY[f] ?? 12e6;
    ext(f, target - (b.equity.get(f) ?? 0));
  }
  return external;
}
