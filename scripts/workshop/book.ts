/**
 * The rows of a workspace being built, with the running values that keep it balanced: what each
 * venue lends per asset (its suppliers are owed the same), what each exchange holds in custody,
 * and each node's equity at the initial prices.
 */

export type Value = string | number;
export type Row = Record<string, Value>;

export const PRICES: Readonly<Record<string, number>> = {
  ETH: 3000,
  stETH: 2990,
  BTC: 60000,
  wBTC: 59950,
  SOL: 150,
  USDC: 1,
  USDT: 1,
  XUSD: 1,
};

export function price(asset: string): number {
  const p = PRICES[asset];
  if (p === undefined) throw new Error(`no price for ${asset}`);
  return p;
}

/** Rounds to `digits` significant digits so the CSVs read like real exports. */
export function sig(x: number, digits = 6): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}

export interface PositionSpec {
  owner: string;
  venue: string;
  coll: string;
  collAmount: number;
  debt: string;
  debtAmount: number;
  lt: number;
  bonus: number;
  cf: number;
}

export interface PerpSpec {
  owner: string;
  asset: string;
  side: 'long' | 'short';
  size: number;
  entry: number;
  margin: number;
  mm: number;
}

export class Book {
  readonly tables: Record<string, Row[]> = {};
  /** venue → asset → units lent (owed back by borrowers; the venue owes its suppliers the same). */
  readonly lent = new Map<string, Map<string, number>>();
  /** exchange → asset → units held for clients. */
  readonly custody = new Map<string, Map<string, number>>();
  /** node → equity at initial prices from the rows added so far (positions, perps, holdings, obligations). */
  readonly equity = new Map<string, number>();
  private positionCount = 0;
  private perpCount = 0;

  rows(table: string): Row[] {
    let t = this.tables[table];
    if (!t) {
      t = [];
      this.tables[table] = t;
    }
    return t;
  }

  addEquity(node: string, usd: number): void {
    this.equity.set(node, (this.equity.get(node) ?? 0) + usd);
  }

  private addTo(map: Map<string, Map<string, number>>, key: string, asset: string, units: number): void {
    let m = map.get(key);
    if (!m) {
      m = new Map();
      map.set(key, m);
    }
    m.set(asset, (m.get(asset) ?? 0) + units);
  }

  position(p: PositionSpec): void {
    const coll = sig(p.collAmount);
    const debt = sig(p.debtAmount);
    this.positionCount++;
    const id = `pos-${String(this.positionCount).padStart(5, '0')}`;
    this.rows('positions').push({
      id,
      owner: p.owner,
      venue: p.venue,
      collateral_asset: p.coll,
      collateral_amount: coll,
      debt_asset: p.debt,
      debt_amount: debt,
      liquidation_threshold: p.lt,
      liquidation_bonus: p.bonus,
      close_factor: p.cf,
    });
    this.addTo(this.lent, p.venue, p.debt, debt);
    this.addEquity(p.owner, coll * price(p.coll) - debt * price(p.debt));
  }

  perp(p: PerpSpec): void {
    const size = sig(p.size);
    const entry = sig(p.entry);
    const margin = sig(p.margin, 5);
    this.perpCount++;
    const id = `perp-${String(this.perpCount).padStart(4, '0')}`;
    this.rows('perps').push({ id, owner: p.owner, venue: 'apex', asset: p.asset, side: p.side, size, entry_price: entry, margin_usd: margin, maintenance_margin: p.mm });
    const px = price(p.asset);
    if (p.side === 'long') {
      const debt = Math.max(0, size * entry - margin);
      this.addTo(this.lent, 'apex', 'USD', debt);
      this.addEquity(p.owner, size * px - debt);
    } else {
      this.addTo(this.lent, 'apex', p.asset, size);
      this.addEquity(p.owner, size * entry + margin - size * px);
    }
  }

  holding(owner: string, asset: string, amount: number): void {
    const a = sig(amount);
    this.rows('holdings').push({ owner, asset, amount: a });
    this.addEquity(owner, a * price(asset));
  }

  /** debtor owes creditor `amount` units of `asset`. */
  obligation(debtor: string, creditor: string, amount: number, asset: string, kind: string): void {
    const a = sig(amount);
    this.rows('obligations').push({ debtor, creditor, amount: a, asset, kind });
    const usd = a * (asset === 'USD' ? 1 : price(asset));
    this.addEquity(debtor, -usd);
    this.addEquity(creditor, usd);
  }

  /** Tokens a client keeps at an exchange: a custody obligation of the exchange. */
  deposit(exchange: string, client: string, asset: string, amount: number): void {
    this.obligation(exchange, client, amount, asset, 'custody');
    this.addTo(this.custody, exchange, asset, sig(amount));
  }

  lentBy(venue: string): Map<string, number> {
    return this.lent.get(venue) ?? new Map();
  }
}
