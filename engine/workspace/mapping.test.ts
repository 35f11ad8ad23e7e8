import { describe, expect, it } from 'vitest';
import { csvFiles, file } from '../../test/fixtures/workspaces/valid';
import { importWorkspace, type ImportOptions } from './import';
import { DISPLACED, narrowMapping, narrowTables } from './mapping';
import type { ImportProblem } from './problems';

const EXPORT = `Position,Borrower,Protocol,Collateral,Collateral (ETH),Debt Asset,Borrowed,LTV,collateral_amount
p1,fund,aave,ETH,100,USDC,150000,0.825,7
p2,fund,aave,WBTC,2,USD,50000,0.75,7
`;
const MAP = {
  id: 'Position', owner: 'Borrower', venue: 'Protocol', collateral_asset: 'Collateral', collateral_amount: 'Collateral (ETH)',
  debt_asset: 'Debt Asset', debt_amount: 'Borrowed', liquidation_threshold: 'LTV',
};

function problems(options: ImportOptions, files = [...csvFiles({ positions: null }), file('export.csv', EXPORT)]): ImportProblem[] {
  const r = importWorkspace(files, options);
  if (r.ok) throw new Error('expected the import to fail');
  return r.error.problems;
}

describe('import with a column mapping', () => {
  it('reads the mapped columns as the model columns, numbers as numbers, keeping a displaced column with a warning', () => {
    const r = importWorkspace([...csvFiles({ positions: null }), file('positions.csv', EXPORT)], { mapping: { positions: MAP } });
    if (!r.ok) throw new Error(JSON.stringify(r.error.problems));
    const t = r.value.tables.positions;
    expect(t?.getChild('collateral_amount')?.toArray()).toEqual(new Float64Array([100, 2]));
    expect(t?.getChild('liquidation_threshold')?.toArray()).toEqual(new Float64Array([0.825, 0.75]));
    expect(t?.getChild(`collateral_amount${DISPLACED}`)?.toArray()).toEqual(['7', '7']);
    expect(r.value.warnings).toContainEqual(expect.objectContaining({
      table: 'positions', column: 'collateral_amount', rule: `is not read: the mapping reads collateral_amount from "Collateral (ETH)"; this column is kept as "collateral_amount${DISPLACED}"`,
    }));
  });

  it('takes a file whose name is not a table as the table it is told, and leaves out a file it is told to', () => {
    const r = importWorkspace([...csvFiles({ positions: null }), file('export.csv', EXPORT), file('other.csv', 'x,y\n1,2\n')], {
      mapping: { positions: MAP },
      tables: { 'export.csv': 'positions', 'other.csv': null },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error.problems));
    expect(r.value.tables.positions?.numRows).toBe(2);
    expect(r.value.warnings.filter((w) => w.table === 'other.csv')).toEqual([]);
  });

  it('finds the table of a file from its columns, with a warning, and says which columns a mapping would read', () => {
    const p = problems({});
    expect(p).toContainEqual(expect.objectContaining({ table: 'positions', column: 'id', rule: expect.stringMatching(/^is missing: the table needs a column named id; the column "Position" may be it/) }));
    const r = importWorkspace([...csvFiles({ positions: null }), file('export.csv', EXPORT)], { mapping: { positions: MAP } });
    if (!r.ok) throw new Error(JSON.stringify(r.error.problems));
    expect(r.value.warnings).toContainEqual(expect.objectContaining({ table: 'positions', value: 'export.csv', rule: 'was read from export.csv, whose columns are those of a positions table; name it positions, or choose its table, to say so' }));
  });

  it('reads a file of the positions columns with a bad cell as the positions table, and rejects it naming the cell (it was left out, and the run had no positions)', () => {
    const loans = `id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount,liquidation_threshold
p1,fund,aave,ETH,100,USDC,150000,0.825
p2,fund,aave,WBTC,n/a,USD,50000,0.75
`;
    const p = problems({}, [...csvFiles({ positions: null }), file('loans.csv', loans)]);
    expect(p).toContainEqual(expect.objectContaining({ severity: 'error', table: 'positions', row: 3, column: 'collateral_amount', value: 'n/a' }));
    expect(p.filter((x) => x.rule.includes('is not a table of the workspace'))).toEqual([]);
  });

  it('rejects every mistake in a mapping, by name', () => {
    const p = problems({ mapping: { positions: { ...MAP, ltv: 'LTV', owner: 'Owner', venue: 'Borrower' } } });
    expect(p.filter((x) => x.severity === 'error').map((x) => [x.column, x.value, x.rule])).toEqual([
      ['owner', 'Owner', 'is mapped from the column "Owner", which export.csv does not have (its columns: Position, Borrower, Protocol, Collateral, Collateral (ETH), Debt Asset, Borrowed, LTV, collateral_amount)'],
      ['ltv', 'LTV', expect.stringMatching(/^is not a column of positions, so nothing can be mapped to it/)],
    ]);
  });

  it('warns of a mapping for a table no file holds', () => {
    expect(importWorkspace(csvFiles({ backing: null }), { mapping: { backing: { share: 'Weight' } } })).toMatchObject({
      ok: true,
      value: { warnings: [{ table: 'backing', rule: 'has a column mapping, but no file holds a backing table; the mapping is not used' }] },
    });
  });

  it('maps one file column to one model column only', () => {
    const p = problems({ mapping: { positions: { ...MAP, venue: 'Borrower' } } });
    expect(p).toContainEqual(expect.objectContaining({ column: 'venue', rule: 'is mapped from "Borrower", which is mapped to owner already; map each file column once' }));
  });
});

describe('narrowing mappings and table choices from requests', () => {
  it('accepts table and column names in any case, and refuses anything else with the reason', () => {
    expect(narrowMapping({ Positions: { Collateral_Amount: 'Collateral (ETH)' } })).toEqual({ ok: true, value: { positions: { collateral_amount: 'Collateral (ETH)' } } });
    expect(narrowMapping([])).toMatchObject({ ok: false });
    expect(narrowMapping({ prices: {} })).toEqual({ ok: false, error: 'the mapping names "prices", which is not a table (assets, nodes, oracles, feeds, positions, perps, holdings, obligations, backing)' });
    expect(narrowMapping({ holdings: { amount: 3 } })).toEqual({ ok: false, error: 'the mapping of holdings.amount must be a file column name (text)' });
    expect(narrowTables({ 'a.csv': 'Holdings', 'b.csv': null })).toEqual({ ok: true, value: { 'a.csv': 'holdings', 'b.csv': null } });
    expect(narrowTables({ 'a.csv': 'prices' })).toMatchObject({ ok: false });
  });
});
