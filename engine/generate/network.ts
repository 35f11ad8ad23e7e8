import type { Prng } from '../util/prng';
import type { Books } from './books';
import { roundTo, unitDecimals } from './positions';
import type { Universe } from './universe';

export type ObligationKind = 'loan' | 'deposit' | 'custody' | 'other';

/** Holdings and obligations as parallel lists; asset −1 is USD. */
export interface Network {
  holdingOwner: number[];
  holdingAsset: number[];
  holdingAmount: number[];
  debtor: number[];
  creditor: number[];
  amount: number[];
  asset: number[];
  kind: ObligationKind[];
}

const USD = -1;

/** Balance-sheet shape of each kind of node: leverage targets, equity cushions, reserve ratios. */
const CUSHION = { lender: 0.03, perp: 0.05, cex: { 'cex-a': 0.03, 'cex-b': 0.08 } as Record<string, number>, desk: { 'desk-1': 0.03, 'desk-2': 0.12 } as Record<string, number>, bank: 0.08 };
const RESERVE_RATIO: Record<string, number> = { 'cex-a': 0.9, 'cex-b': 0.97 };

/**
 * The obligations network and holdings of a synthetic workspace, sized so that every node is
 * solvent at the start: funds and market makers borrow from desks and the bank, CEXs owe their
 * clients custody and keep fractional reserves, lending pools and the perp venue owe their
 * suppliers, a USDX issuer keeps 40% of reserves at the bank. A few cycles run
 * desk → market maker → fund → desk. Sets each node's `external` so that its equity is its cushion.
 */
export function makeNetwork(rng: Prng, u: Universe, books: Books): Network {
  const net: Network = { holdingOwner: [], holdingAsset: [], holdingAmount: [], debtor: [], creditor: [], amount: [], asset: [], kind: [] };
  const nA = u.assets.length;
  const price = (a: number): number => (a === USD ? 1 : (u.assets[a]!.price));
  const A = (id: string): number => u.assetIndex.get(id) as number;
  const node = (id: string): number => u.nodes.findIndex((n) => n.id === id);
  const claims = new Float64Array(u.nodes.length);
  const liabilities = new Float64Array(u.nodes.length);
  const held = new Float64Array(u.nodes.length);
  const custodyUnits = new Float64Array(u.nodes.length * nA);
  const custodyUsd = new Float64Array(u.nodes.length);

  const hold = (owner: number, a: number, usd: number): void => {
    const units = roundTo(usd / price(a), unitDecimals(price(a)));
    if (!(units > 0)) return;
    net.holdingOwner.push(owner);
    net.holdingAsset.push(a);
    net.holdingAmount.push(units);
    held[owner] = (held[owner] as number) + units * price(a);
  };
  const owe = (debtor: number, creditor: number, a: number, usd: number, kind: ObligationKind): void => {
    const units = a === USD ? roundTo(usd, 2) : roundTo(usd / price(a), unitDecimals(price(a)));
    if (!(units > 0) || debtor === creditor) return;
    net.debtor.push(debtor);
    net.creditor.push(creditor);
    net.amount.push(units);
    net.asset.push(a);
    net.kind.push(kind);
    const v = units * price(a);
    liabilities[debtor] = (liabilities[debtor] as number) + v;
    claims[creditor] = (claims[creditor] as number) + v;
    if (kind === 'custody' && a !== USD) {
      custodyUnits[debtor * nA + a] = (custodyUnits[debtor * nA + a] as number) + units;
      custodyUsd[debtor] = (custodyUsd[debtor] as number) + v;
    }
  };
  const spread = (owner: number, usd: number, mix: readonly [string, number][]): void => {
    for (const [id, share] of mix) hold(owner, A(id), usd * share);
  };

  const R = u.byRole;
  const cexes = R.cex;
  const lenders = R.lender;
  const [desk1, desk2] = R.desk as [number, number];
  const bank = node('bank');
  const treasury = node('treasury');

  // Retail cohorts: some hold tokens, some keep them at a CEX, some supply lending pools or desks.
  const retailSuppliers: number[] = [];
  const retailDepositors: number[] = [];
  for (const r of R.retail) {
    if (rng.chance(0.4)) hold(r, A('ETH'), rng.logNormal(8_000, 1));
    if (rng.chance(0.25)) hold(r, A('BTC'), rng.logNormal(10_000, 1));
    if (rng.chance(0.3)) hold(r, A('USDC'), rng.logNormal(5_000, 1));
    if (rng.chance(0.5)) {
      const c = rng.pick(cexes);
      owe(c, r, A(rng.pick(['ETH', 'BTC', 'USDC'])), rng.logNormal(12_000, 1), 'custody');
      if (rng.chance(0.4)) owe(c, r, A('USDC'), rng.logNormal(6_000, 1), 'custody');
    }
    if (rng.chance(0.15)) retailSuppliers.push(r);
    if (rng.chance(0.08)) retailDepositors.push(r);
    u.nodes[r]!.external = roundTo(rng.logNormal(3_000, 1), 2);
  }

  // Funds: a crypto book, cash, some custody at a CEX; ~5% (at least two) run 82–90% leverage, all through desk-1.
  const aggressive = Math.max(2, Math.round(R.fund.length * 0.05));
  const fundLoans: [number, number, number][] = [];
  R.fund.forEach((f, k) => {
    const size = rng.logNormal(6_000_000, 0.7);
    spread(f, size, [['ETH', 0.4], ['BTC', 0.2], ['SOL', 0.1], ['stETH', 0.1], ['LINK', 0.06], ['UNI', 0.05], ['ARB', 0.05], ['PEPE', 0.04]]);
    u.nodes[f]!.external = roundTo(size * 0.08, 2);
    if (rng.chance(0.6)) owe(rng.pick(cexes), f, A(rng.pick(['USDC', 'ETH'])), size * 0.08, 'custody');
    const assets = (held[f] as number) + (books.ownerEquity[f] as number) + (u.nodes[f]!.external as number);
    const lev = k < aggressive ? rng.uniform(0.82, 0.9) : rng.uniform(0.2, 0.5);
    fundLoans.push([f, k < aggressive || rng.chance(0.6) ? desk1 : desk2, lev * assets]);
  });
  for (const [f, desk, usd] of fundLoans) owe(f, desk, A('USDC'), usd, 'loan');

  // Market makers: inventory, a bank credit line, deposits at desks; the first few borrow from a fund (cycles).
  R.mm.forEach((m, k) => {
    const size = rng.logNormal(20_000_000, 0.5);
    spread(m, size, [['ETH', 0.3], ['BTC', 0.2], ['USDC', 0.35], ['SOL', 0.05], ['LINK', 0.04], ['ARB', 0.03], ['PEPE', 0.03]]);
    u.nodes[m]!.external = roundTo(size * 0.05, 2);
    owe(m, bank, USD, size * rng.uniform(0.4, 0.6), 'loan');
    owe(k % 2 === 0 ? desk1 : desk2, m, A('USDC'), size * 0.1, 'deposit');
    if (k < 3) owe(m, R.fund[k % R.fund.length] as number, A('USDC'), size * 0.03, 'loan');
  });

  // Our treasury: tokens, a desk deposit, a bank account, custody at CEX A, supply at the first pool.
  spread(treasury, 46_000_000, [['ETH', 0.26], ['BTC', 0.17], ['USDC', 0.44], ['USDX', 0.13]]);
  u.nodes[treasury]!.external = 5_000_000;
  owe(desk1, treasury, A('USDC'), 15_000_000, 'deposit');
  owe(bank, treasury, USD, 10_000_000, 'deposit');
  owe(cexes[0] as number, treasury, A('ETH'), 5_000_000, 'custody');
  owe(cexes[0] as number, treasury, A('USDC'), 5_000_000, 'custody');
  owe(lenders[0] as number, treasury, A('USDC'), 10_000_000, 'deposit');

  // Lending pools, the perp venue and the CEX margin desks owe their suppliers what they lent (plus 10% idle), in the lent asset.
  const suppliers = [...R.mm, ...R.fund.filter(() => rng.chance(0.3)), ...(retailSuppliers.length ? retailSuppliers : [R.retail[0] as number])];
  for (const v of [...lenders, ...R.perp, ...cexes]) {
    const slices = 8;
    for (let a = -1; a < nA; a++) {
      const units = a === USD ? (books.usdLent[v] as number) : (books.lent[v * nA + a] as number);
      const usd = units * price(a) * 1.1 - (v === lenders[0] && a === A('USDC') ? 10_000_000 : 0);
      if (!(usd > 0)) continue;
      for (let s = 0; s < slices; s++) owe(v, rng.pick(suppliers), a, usd / slices, 'deposit');
    }
  }

  // Desks take the rest of their funding from retail depositors.
  for (const d of [desk1, desk2]) {
    const cushion = CUSHION.desk[u.nodes[d]!.id] ?? 0.1;
    const cash = (claims[d] as number) * 0.06;
    const need = ((claims[d] as number) + cash) * (1 - cushion) - (liabilities[d] as number);
    const from = retailDepositors.length ? retailDepositors : [R.retail[0] as number];
    if (need > 0) for (const r of from) owe(d, r, A('USDC'), need / from.length, 'deposit');
  }

  // USDX: 40% of reserves at the bank, 60% at the issuer; wBTC fully at its custodian.
  const usdxSupply = Math.max(5_000_000, ((books.collateralUsd[A('USDX')] as number) + heldOf(net, A('USDX'), price)) * 2);
  const issuer = node('usdx-issuer');
  owe(bank, issuer, USD, usdxSupply * 0.4, 'deposit');
  u.nodes[issuer]!.external = roundTo(usdxSupply * 0.6, 2);
  const custodian = node('btc-custodian');
  u.nodes[custodian]!.external = roundTo(((books.collateralUsd[A('wBTC')] as number) + 1_000_000) * 1.2, 2);

  // CEXs keep fractional reserves of what they hold for clients.
  for (const c of cexes) {
    const rr = RESERVE_RATIO[u.nodes[c]!.id] ?? 0.95;
    for (let a = 0; a < nA; a++) {
      const units = (custodyUnits[c * nA + a] as number) * rr;
      if (units > 0) hold(c, a, units * price(a));
    }
  }

  // Cash makes each venue, desk and the bank exactly as solvent as its cushion.
  const cushionOf = (i: number): number | null => {
    const n = u.nodes[i]!;
    if (n.role === 'lender') return CUSHION.lender;
    if (n.role === 'perp') return CUSHION.perp;
    if (n.role === 'cex') return CUSHION.cex[n.id] ?? 0.05;
    if (n.role === 'desk') return CUSHION.desk[n.id] ?? 0.1;
    if (n.role === 'bank') return CUSHION.bank;
    return null;
  };
  for (let i = 0; i < u.nodes.length; i++) {
    const cushion = cushionOf(i);
    if (cushion === null) continue;
    const assets = (held[i] as number) + (claims[i] as number) + (books.venueBook[i] as number);
    const need = (liabilities[i] as number) * (1 + cushion) - assets;
    u.nodes[i]!.external = roundTo(Math.max((liabilities[i] as number) * 0.01, need), 2);
  }
  return net;
}

function heldOf(net: Network, a: number, price: (a: number) => number): number {
  let s = 0;
  for (let k = 0; k < net.holdingAsset.length; k++) if (net.holdingAsset[k] === a) s += (net.holdingAmount[k] as number) * price(a);
  return s;
}

/** Pool depths from what could be sold or bought in them: collateral posted, debt owed, half of the tokens held. */
export function setDepths(u: Universe, books: Books, net: Network): void {
  const heldUsd = new Float64Array(u.assets.length);
  for (let k = 0; k < net.holdingAsset.length; k++) {
    const a = net.holdingAsset[k] as number;
    if (a >= 0) heldUsd[a] = (heldUsd[a] as number) + (net.holdingAmount[k] as number) * u.assets[a]!.price;
  }
  u.assets.forEach((x, a) => {
    const base = (books.collateralUsd[a] as number) + (books.debtUsd[a] as number) + 0.5 * (heldUsd[a] as number);
    x.depthUsd = x.depthRatio > 0 ? roundTo(Math.max(2_000_000, x.depthRatio * base), 0) : NaN;
  });
}
