import { describe, expect, it } from 'vitest';
import { readFloats, readStrings } from '../util/arrow-columns';
import { accepted, edit, rawTables, rejected } from '../../test/fixtures/workspaces/raw';
import { validateWorkspace } from './validate';

describe('validateWorkspace: tables and columns', () => {
  it('accepts the valid fixture without any problem', () => {
    const ws = accepted();
    expect(ws.warnings).toEqual([]);
    expect(Object.keys(ws.tables).sort()).toEqual(
      ['assets', 'backing', 'feeds', 'holdings', 'nodes', 'obligations', 'oracles', 'perps', 'positions'].sort(),
    );
  });

  it('requires the assets and nodes tables', () => {
    const problems = rejected({ assets: null, nodes: null });
    expect(problems).toContainEqual({
      table: 'assets', row: null, column: null, value: null, severity: 'error',
      rule: 'is missing: a workspace needs an assets table (for example assets.csv)',
    });
    expect(problems.some((p) => p.table === 'nodes' && p.row === null && p.rule.startsWith('is missing'))).toBe(true);
  });

  it('reports a missing required column once, with row null, and suggests a near header', () => {
    const text = 'id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount,Liquidation Threshold\n' +
      'p1,fund,aave,ETH,100,USDC,150000,0.825\np2,fund,aave,ETH,1,USDC,1,0.8\n';
    const problems = rejected({ positions: text });
    const missing = problems.filter((p) => p.column === 'liquidation_threshold');
    expect(missing).toEqual([{
      table: 'positions', row: null, column: 'liquidation_threshold', value: null, severity: 'error',
      rule: 'is missing: the table needs a column named liquidation_threshold; rename "Liquidation Threshold" to liquidation_threshold, or map it',
    }]);
  });

  it('matches column names case-insensitively after trimming', () => {
    const ws = accepted({ holdings: ' OWNER , Asset ,AMOUNT\nfund,ETH,5\nbank,USDC,1\n' });
    expect(ws.tables.holdings?.schema.fields.map((f) => f.name)).toEqual(['owner', 'asset', 'amount']);
  });

  it('reports an empty required cell with its line', () => {
    const problems = rejected(edit('positions', 'p2,fund,aave,WBTC,2,', 'p2,,aave,WBTC,,'));
    expect(problems).toContainEqual({ table: 'positions', row: 3, column: 'owner', value: '', rule: 'is empty; a value is required', severity: 'error' });
    expect(problems).toContainEqual({
      table: 'positions', row: 3, column: 'collateral_amount', value: '', rule: 'is empty; a value is required', severity: 'error',
    });
  });
});

describe('validateWorkspace: numbers', () => {
  const cases: [string, string, string, string, number, string, string][] = [
    ['assets', 'ETH,2000,', 'ETH,0,', 'price', 2, '0', 'must be > 0'],
    ['assets', 'ETH,2000,10000000', 'ETH,2000,-5', 'depth_usd', 2, '-5', 'must be > 0'],
    ['assets', ',1,USD Coin', ',0,USD Coin', 'peg', 3, '0', 'must be > 0'],
    ['nodes', 'Fund X,1000', 'Fund X,-1', 'external_assets_usd', 2, '-1', 'must be ≥ 0'],
    ['oracles', 'cl-eth,ETH,2,', 'cl-eth,ETH,1.5,', 'delay_steps', 2, '1.5', 'must be an integer ≥ 0'],
    ['oracles', 'cl-eth,ETH,2,0.01,5', 'cl-eth,ETH,2,-0.01,5', 'deviation', 2, '-0.01', 'must be ≥ 0'],
    ['oracles', 'cl-eth,ETH,2,0.01,5', 'cl-eth,ETH,2,0.01,0', 'heartbeat_steps', 2, '0', 'must be an integer ≥ 1'],
    ['positions', 'ETH,100,USDC', 'ETH,-100,USDC', 'collateral_amount', 2, '-100', 'must be ≥ 0'],
    ['positions', '150000,0.825', '-1,0.825', 'debt_amount', 2, '-1', 'must be ≥ 0'],
    ['positions', '0.825,0.05', '0,0.05', 'liquidation_threshold', 2, '0', 'must be 0 < x ≤ 1'],
    ['positions', '0.825,0.05', '82.5,0.05', 'liquidation_threshold', 2, '82.5', 'must be 0 < x ≤ 1; did you mean 0.825?'],
    ['positions', '0.825,0.05', '0.825,-0.05', 'liquidation_bonus', 2, '-0.05', 'must be ≥ 0'],
    ['positions', '0.05,0.5', '0.05,50', 'close_factor', 2, '50', 'must be 0 < x ≤ 1; did you mean 0.5?'],
    ['perps', 'long,10,', 'long,0,', 'size', 2, '0', 'must be > 0'],
    ['perps', '10,2000,', '10,-2000,', 'entry_price', 2, '-2000', 'must be > 0'],
    ['perps', '5000,0.05', '-5000,0.05', 'margin_usd', 2, '-5000', 'must be ≥ 0'],
    ['perps', '5000,0.05', '5000,1', 'maintenance_margin', 2, '1', 'must be 0 ≤ x < 1; did you mean 0.01?'],
    ['perps', '5000,0.05', '5000,5', 'maintenance_margin', 2, '5', 'must be 0 ≤ x < 1; did you mean 0.05?'],
    ['holdings', 'fund,ETH,5', 'fund,ETH,-5', 'amount', 2, '-5', 'must be ≥ 0'],
    ['obligations', 'cex,fund,10', 'cex,fund,0', 'amount', 2, '0', 'must be > 0'],
    ['backing', 'bank,0.6', 'bank,0', 'share', 2, '0', 'must be 0 < x ≤ 1'],
    ['backing', 'bank,0.6', 'bank,60', 'share', 2, '60', 'must be 0 < x ≤ 1; did you mean 0.6?'],
  ];
  it.each(cases)('%s: %s → %s breaks %s', (table, from, to, column, row, value, rule) => {
    expect(rejected(edit(table, from, to))).toContainEqual({ table, row, column, value, rule, severity: 'error' });
  });

  const texts: [string, string][] = [
    ['0x10', 'is not a number; write plain decimals such as 1.5, -2, .5 or 1e-3'],
    ['Infinity', 'is not a number; write plain decimals such as 1.5, -2, .5 or 1e-3'],
    ['NaN', 'is not a number; write plain decimals such as 1.5, -2, .5 or 1e-3'],
    ['"2000,5"', 'is not a number; use a point as the decimal separator (2000.5)'],
    ['"2,000,000"', 'is not a number; write it without thousands separators (2000000)'],
    ['"2,000"', 'is not a number; 2,000 could mean 2.000 or 2000: write one of them'],
    ['82.5%', 'is not a number; write fractions without % (82.5% → 0.825)'],
    ['1e400', 'is too large for a number'],
    ['twelve', 'is not a number; write plain decimals such as 1.5, -2, .5 or 1e-3'],
  ];
  it.each(texts)('a price of %s is not a number', (cell, rule) => {
    const value = cell.replace(/"/g, '');
    expect(rejected(edit('assets', 'ETH,2000,', `ETH,${cell},`))).toContainEqual({
      table: 'assets', row: 2, column: 'price', value, rule, severity: 'error',
    });
  });

  it('fills numeric defaults and leaves optional numbers without default empty (NaN)', () => {
    const ws = accepted();
    const positions = ws.tables.positions;
    const oracles = ws.tables.oracles;
    const assets = ws.tables.assets;
    const nodes = ws.tables.nodes;
    if (!positions || !oracles || !assets || !nodes) throw new Error('tables missing');
    expect(Array.from(readFloats(positions.getChild('liquidation_bonus') as never))).toEqual([0.05, 0.05]);
    expect(Array.from(readFloats(positions.getChild('close_factor') as never))).toEqual([0.5, 0.5]);
    expect(Array.from(readFloats(oracles.getChild('delay_steps') as never))).toEqual([2, 0]);
    expect(Array.from(readFloats(oracles.getChild('deviation') as never))).toEqual([0.01, 0]);
    expect(Array.from(readFloats(oracles.getChild('heartbeat_steps') as never))).toEqual([5, 1]);
    expect(Array.from(readFloats(nodes.getChild('external_assets_usd') as never))).toEqual([1000, 500000, 0, 0]);
    expect(Array.from(readFloats(assets.getChild('depth_usd') as never))).toEqual([10000000, 50000000, NaN]);
    expect(Array.from(readFloats(assets.getChild('peg') as never))).toEqual([NaN, 1, NaN]);
  });

  it('keeps the first 1,000 problems and counts all of them', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `fund,ETH,-${i + 1}`).join('\n');
    const r = validateWorkspace(rawTables({ holdings: `owner,asset,amount\n${rows}\n` }));
    if (r.ok) throw new Error('expected a rejection');
    expect(r.error.problems).toHaveLength(1000);
    expect(r.error.total).toBe(1500);
    expect(r.error.errors).toBe(1500);
    expect(r.error.problems[999]).toMatchObject({ row: 1001, value: '-1000' });
  });
});

describe('validateWorkspace: enums and strings', () => {
  it('accepts enums in any case and stores them lower-case', () => {
    const ws = accepted(edit('nodes', 'aave,venue', 'aave,VENUE'));
    const kinds = readStrings(ws.tables.nodes?.getChild('kind') as never);
    expect(Array.from(kinds.codes, (c) => kinds.dict[c])).toEqual(['entity', 'venue', 'venue', 'entity']);
    const side = readStrings(ws.tables.perps?.getChild('side') as never);
    expect(Array.from(side.codes, (c) => side.dict[c])).toEqual(['long', 'short']);
  });

  it('rejects a value outside an enum', () => {
    expect(rejected(edit('nodes', 'aave,venue', 'aave,lender'))).toContainEqual({
      table: 'nodes', row: 3, column: 'kind', value: 'lender', rule: 'must be one of: entity, venue', severity: 'error',
    });
    expect(rejected(edit('obligations', '20000,,loan', '20000,,bond'))).toContainEqual({
      table: 'obligations', row: 3, column: 'kind', value: 'bond', rule: 'must be one of: loan, deposit, custody, other', severity: 'error',
    });
  });

  it('fills string defaults: obligation asset USD and kind other', () => {
    const ws = accepted();
    const asset = readStrings(ws.tables.obligations?.getChild('asset') as never);
    const kind = readStrings(ws.tables.obligations?.getChild('kind') as never);
    expect(Array.from(asset.codes, (c) => asset.dict[c])).toEqual(['ETH', 'USD', 'USD']);
    expect(Array.from(kind.codes, (c) => kind.dict[c])).toEqual(['custody', 'loan', 'other']);
  });

  it('leaves an empty optional text cell null', () => {
    const ws = accepted(edit('nodes', 'bank,entity,Bank,', 'bank,entity,,'));
    expect(ws.tables.nodes?.getChild('name')?.toArray()).toEqual(['Fund X', 'Aave', 'Big CEX', null]);
  });
});
