import { describe, expect, it } from 'vitest';
import { closestTable, detectTable } from './detect-table';
import { normalizeHeader, suggestMapping, type ColumnMatch } from './suggest-mapping';

const col = (s: { columns: ColumnMatch[] }, name: string): ColumnMatch => {
  const c = s.columns.find((m) => m.column === name);
  if (!c) throw new Error(`no ${name}`);
  return c;
};

describe('normalizeHeader', () => {
  it.each([
    ['Collateral (ETH)', 'collateral', 'eth'],
    ['debtAmount', 'debt_amount', ''],
    ['  Liq. Bonus [%] ', 'liq_bonus', '%'],
    ['Margin USD', 'margin_usd', ''],
  ])('%s → %s (%s)', (h, name, unit) => {
    expect(normalizeHeader(h)).toEqual({ name, unit });
  });
});

describe('suggestMapping', () => {
  it('matches the model names as written, and written differently', () => {
    const s = suggestMapping(['owner', ' ASSET ', 'Amount'], 'holdings');
    expect(s.columns.map((c) => [c.column, c.status, c.file])).toEqual([
      ['owner', 'matched', 'owner'],
      ['asset', 'matched', ' ASSET '],
      ['amount', 'matched', 'Amount'],
    ]);
    expect(s.complete).toBe(true);
    expect(s.mapping).toEqual({ owner: 'owner', asset: ' ASSET ', amount: 'Amount' });
  });

  it('tells a collateral amount from a collateral asset by the values, and reads the unit in the header', () => {
    const headers = ['Position', 'Borrower', 'Protocol', 'Collateral', 'Collateral (ETH)', 'Debt Asset', 'Borrowed', 'LT'];
    const samples = [['p1', 'p2'], ['f', 'g'], ['aave', 'aave'], ['ETH', 'WBTC'], ['100', '2.5'], ['USDC', 'USDC'], ['1000', '5'], ['0.825', '0.8']];
    const s = suggestMapping(headers, 'positions', samples);
    expect(s.mapping).toMatchObject({ collateral_asset: 'Collateral', collateral_amount: 'Collateral (ETH)', liquidation_threshold: 'LT' });
    expect(col(s, 'collateral_amount').status).toBe('guessed');
    expect(col(s, 'liquidation_bonus')).toMatchObject({ status: 'missing', file: null, reason: 'no column of the file looks like it; optional: the default 0.05 is used' });
    const usd = suggestMapping(['Collateral (USD)'], 'positions', [['1000']]);
    expect(col(usd, 'collateral_amount').reason).toContain('the header says USD, but collateral_amount is in units of the asset');
  });

  it('takes LTV for the liquidation threshold, saying how LTV and LT differ', () => {
    const s = suggestMapping(['id', 'owner', 'venue', 'collateral_asset', 'collateral_amount', 'debt_asset', 'debt_amount', 'LTV'], 'positions');
    const lt = col(s, 'liquidation_threshold');
    expect(lt).toMatchObject({ status: 'guessed', file: 'LTV' });
    expect(lt.reason).toMatch(/^"LTV" is a usual name for liquidation_threshold; LTV usually means the loan-to-value limit for new borrowing, which sits below the liquidation threshold/);
  });

  it('says when a fraction column holds percents', () => {
    const s = suggestMapping(['share %'], 'backing', [['60', '30', '10']]);
    expect(col(s, 'share').reason).toContain('its values look like percents (e.g. 60); share is a fraction (0 < x ≤ 1): divide by 100');
  });

  it('reads Counterparty as the side of an obligation the other columns leave open', () => {
    expect(suggestMapping(['Debtor', 'Counterparty', 'Amount'], 'obligations').mapping).toMatchObject({ debtor: 'Debtor', creditor: 'Counterparty' });
    const owed = suggestMapping(['Creditor', 'Counterparty', 'Amount'], 'obligations');
    expect(owed.mapping).toMatchObject({ creditor: 'Creditor', debtor: 'Counterparty' });
    expect(col(owed, 'debtor').reason).toBe('"Counterparty" is taken as the debtor, since "Creditor" is the creditor');
    const open = suggestMapping(['Counterparty', 'Amount'], 'obligations');
    expect(col(open, 'creditor').reason).toMatch(/could be either side of the claim; it is taken as the creditor .* check the direction/);
    expect(col(open, 'debtor').status).toBe('missing');
    expect(col(suggestMapping(['Counterparty'], 'positions'), 'venue').reason).toContain('the counterparty of a leveraged position is its lender');
  });

  it('reads Qty and Units by the table: a holding amount, a perp size', () => {
    expect(suggestMapping(['Holder', 'Token', 'Qty'], 'holdings').mapping).toEqual({ owner: 'Holder', asset: 'Token', amount: 'Qty' });
    expect(suggestMapping(['Units'], 'holdings').mapping).toEqual({ amount: 'Units' });
    expect(suggestMapping(['Qty'], 'perps').mapping).toEqual({ size: 'Qty' });
  });

  it('rules out a column found by a usual name whose values do not fit, and says why', () => {
    const s = suggestMapping(['spot'], 'assets', [['cheap', 'dear']]);
    expect(col(s, 'price')).toMatchObject({
      status: 'missing',
      reason: '"spot" looks like price by its name, but its values are not numbers (e.g. "cheap"); price is required: choose the file\'s column that holds it',
    });
  });

  it('keeps a column named as the model names it whatever its values: they are errors of their rows', () => {
    const s = suggestMapping(['price', 'Collateral Amount'], 'assets', [['cheap', 'dear'], ['1', 'n/a']]);
    expect(col(s, 'price')).toMatchObject({ status: 'matched', file: 'price' });
    // One bad cell in a few rows: a positions file by its columns, not left out.
    const headers = ['id', 'owner', 'venue', 'collateral_asset', 'collateral_amount', 'debt_asset', 'debt_amount', 'liquidation_threshold'];
    const rows = [
      ['p1', 'fund', 'aave', 'ETH', '10', 'USDC', '15000', '0.8'],
      ['p2', 'fund', 'aave', 'ETH', 'n/a', 'USDC', '9000', '0.8'],
    ];
    expect(detectTable(headers, headers.map((_, j) => rows.map((r) => r[j] as string)))?.table).toBe('positions');
  });

  it('finds an enum column by its values', () => {
    const s = suggestMapping(['Dir'], 'perps', [['Long', 'short', 'LONG']]);
    expect(col(s, 'side')).toMatchObject({ status: 'guessed', file: 'Dir', reason: 'the values of "Dir" are all long or short' });
  });

  it('uses each file column once and lists the ones it does not use', () => {
    const s = suggestMapping(['owner', 'asset', 'amount', 'notes'], 'holdings');
    expect(s.unused).toEqual(['notes']);
    expect(new Set(Object.values(s.mapping)).size).toBe(Object.values(s.mapping).length);
  });
});

describe('detectTable', () => {
  it('finds the table from the columns when it fits clearly', () => {
    expect(detectTable(['Position', 'Borrower', 'Protocol', 'Collateral', 'Collateral (ETH)', 'Debt Asset', 'Borrowed', 'LTV'])?.table).toBe('positions');
    expect(detectTable(['id', 'kind', 'name'])?.table).toBe('nodes');
    expect(detectTable(['Holder', 'Token', 'Qty'])?.table).toBe('holdings');
    expect(detectTable(['debtor', 'creditor', 'amount', 'asset'])?.table).toBe('obligations');
  });

  it('says nothing when no table fits', () => {
    expect(detectTable(['a', 'b'])).toBeNull();
    expect(detectTable(['date', 'close', 'volume'])).toBeNull();
  });

  it('names the table a file comes closest to and what it lacks, when at least half of its required columns are there', () => {
    const loans = ['Position ID', 'Counterparty', 'Lender', 'Collateral', 'Collateral (ETH)', 'Borrowed Asset', 'Loan Amount', 'LTV liq', 'Bonus', 'Close Factor'];
    expect(detectTable(loans)).toBeNull();
    expect(closestTable(loans)).toEqual({ table: 'positions', missing: ['owner', 'liquidation_threshold'] });
    expect(closestTable(['date', 'close', 'volume'])).toBeNull();
  });
});
