import { Dictionary, Float64 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { accepted, edit, rejected } from '../../test/fixtures/workspaces/raw';
import { VALID } from '../../test/fixtures/workspaces/valid';
import { SCHEMA, TABLE_NAMES } from './schema';

const warning = { severity: 'warning' } as const;

describe('validateWorkspace: warnings (the import still succeeds)', () => {
  it('keeps an unknown column after the model columns, under its original header', () => {
    const ws = accepted({ holdings: 'owner,Desk Note,asset,amount\nfund,hedge,ETH,5\nbank,,USDC,1\n' });
    expect(ws.warnings).toEqual([{
      ...warning, table: 'holdings', row: null, column: 'Desk Note', value: null,
      rule: 'is not a column of holdings (owner, asset, amount); it is kept as it is',
    }]);
    const t = ws.tables.holdings;
    expect(t?.schema.fields.map((f) => f.name)).toEqual(['owner', 'asset', 'amount', 'Desk Note']);
    expect(t?.getChild('Desk Note')?.toArray()).toEqual(['hedge', null]);
  });

  it('suggests the fraction for a deviation or bonus written as a percent', () => {
    const ws = accepted(edit('oracles', 'cl-eth,ETH,2,0.01,5', 'cl-eth,ETH,2,5,5'));
    expect(ws.warnings).toContainEqual({
      ...warning, table: 'oracles', row: 2, column: 'deviation', value: '5', rule: 'is above 1, i.e. over 100%; if it is a percent, did you mean 0.05?',
    });
    const bonus = accepted(edit('positions', '0.825,0.05', '0.825,7.5'));
    expect(bonus.warnings).toContainEqual({
      ...warning, table: 'positions', row: 2, column: 'liquidation_bonus', value: '7.5', rule: 'is above 1, i.e. over 100%; if it is a percent, did you mean 0.075?',
    });
  });

  it('questions implausible prices', () => {
    const low = accepted(edit('assets', 'ETH,2000,', 'ETH,0.0000001,'));
    expect(low.warnings).toContainEqual({
      ...warning, table: 'assets', row: 2, column: 'price', value: '1e-7', rule: 'is below 1e-6 USD per unit; check that it is a price in USD per unit',
    });
    const high = accepted(edit('perps', '10,2000,', '10,20000000,'));
    expect(high.warnings).toContainEqual({
      ...warning, table: 'perps', row: 2, column: 'entry_price', value: '20000000', rule: 'is above 1e7 USD per unit; check that it is a price in USD per unit',
    });
  });

  it('warns when the backing shares of one asset sum above 1', () => {
    const ws = accepted({ backing: `${VALID.backing}USDC,fund,0.25\n` });
    expect(ws.warnings).toEqual([{
      ...warning, table: 'backing', row: 2, column: 'share', value: '1.15',
      rule: 'together with the other backing rows of USDC sums to 1.15, above 1; the backing factor B is clamped to [0, 1]',
    }]);
  });

  it('warns of a position with debt and no collateral', () => {
    const ws = accepted(edit('positions', 'p1,fund,aave,ETH,100,', 'p1,fund,aave,ETH,0,'));
    expect(ws.warnings).toEqual([{
      ...warning, table: 'positions', row: 2, column: 'collateral_amount', value: '0',
      rule: 'is 0 while debt_amount is 150000: the position is all bad debt at its first liquidation',
    }]);
  });

  it('warns of a node that nothing references', () => {
    const ws = accepted({ nodes: `${VALID.nodes}idle,entity,,\n` });
    expect(ws.warnings).toEqual([{
      ...warning, table: 'nodes', row: 6, column: 'id', value: 'idle',
      rule: 'is referenced by nothing: no position, perp, holding, obligation, backing or feed names it',
    }]);
  });

  it('lists warnings with the errors when the import fails, errors first', () => {
    const problems = rejected({ nodes: `${VALID.nodes}idle,entity,,\n`, holdings: 'owner,asset,amount\nfund,ETH,-1\n' });
    expect(problems.map((p) => p.severity)).toEqual(['error', 'warning']);
  });
});

describe('validateWorkspace: the Workspace it returns', () => {
  it('has every model column in SCHEMA order, strings as dictionaries and numbers as float64', () => {
    const ws = accepted();
    for (const name of TABLE_NAMES) {
      const t = ws.tables[name];
      if (!t) throw new Error(`${name} missing`);
      expect(t.schema.fields.map((f) => f.name)).toEqual(SCHEMA[name].columns.map((c) => c.name));
      for (const c of SCHEMA[name].columns) {
        const type = t.getChild(c.name)?.type;
        if (c.type.kind === 'number') expect(type).toBeInstanceOf(Float64);
        else expect(type).toBeInstanceOf(Dictionary);
      }
    }
  });

  it('adds optional columns the file leaves out, filled with their defaults', () => {
    const ws = accepted({ positions: 'id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount,liquidation_threshold\np1,fund,aave,ETH,1,USD,1,0.8\n' });
    const t = ws.tables.positions;
    expect(t?.getChild('liquidation_bonus')?.toArray()).toEqual(new Float64Array([0.05]));
    expect(t?.getChild('close_factor')?.toArray()).toEqual(new Float64Array([0.5]));
    expect(ws.tables.nodes?.getChild('name')?.toArray()).toEqual(['Fund X', 'Aave', 'Big CEX', 'Bank']);
  });

  it('keeps the rows in file order and the values as read', () => {
    const ws = accepted();
    const row = ws.tables.positions?.get(1)?.toJSON();
    expect(row).toEqual({
      id: 'p2', owner: 'fund', venue: 'aave', collateral_asset: 'WBTC', collateral_amount: 2, debt_asset: 'USD',
      debt_amount: 50000, liquidation_threshold: 0.75, liquidation_bonus: 0.05, close_factor: 0.5,
    });
  });

  it('accepts an empty table (a header only)', () => {
    const ws = accepted({ assets: 'id,price\n', positions: null, perps: null, holdings: 'owner,asset,amount\n', feeds: null, oracles: null, backing: null,
      obligations: 'debtor,creditor,amount\nfund,bank,1\naave,cex,1\n' });
    expect(ws.tables.assets?.numRows).toBe(0);
    expect(ws.tables.assets?.schema.fields.map((f) => f.name)).toEqual(['id', 'price', 'depth_usd', 'peg', 'name']);
  });
});
