import { describe, expect, it } from 'vitest';
import { accepted, edit, rawTables, rejected } from '../../test/fixtures/workspaces/raw';
import { VALID } from '../../test/fixtures/workspaces/valid';
import { validateWorkspace } from './validate';

const error = { severity: 'error' } as const;

describe('validateWorkspace: ids', () => {
  it('requires ids to be unique within their table, naming the other row', () => {
    expect(rejected(edit('positions', 'p2,', 'p1,'))).toContainEqual({
      ...error, table: 'positions', row: 3, column: 'id', value: 'p1', rule: 'is used by another row too (row 2); ids must be unique in positions',
    });
    expect(rejected(edit('oracles', 'cl-btc,', 'cl-eth,'))).toContainEqual({
      ...error, table: 'oracles', row: 3, column: 'id', value: 'cl-eth', rule: 'is used by another row too (row 2); ids must be unique in oracles',
    });
  });

  it('keeps asset ids and node ids in one namespace', () => {
    expect(rejected(edit('nodes', 'bank,entity', 'WBTC,entity'))).toContainEqual({
      ...error, table: 'nodes', row: 5, column: 'id', value: 'WBTC',
      rule: 'is also an asset id (assets row 4); assets and nodes share one namespace, rename one',
    });
  });

  it('never lets USD be a node', () => {
    expect(rejected({ nodes: `${VALID.nodes}USD,entity,,\n` })).toContainEqual({
      ...error, table: 'nodes', row: 6, column: 'id', value: 'USD', rule: 'is the numéraire (USD, the unit of every amount) and cannot be a node id',
    });
  });

  it('lets USD be listed as an asset only at price 1 and without depth', () => {
    accepted({ assets: `${VALID.assets}USD,1,,,US dollar\n` });
    const problems = rejected({ assets: `${VALID.assets}USD,1.01,1000000,,\n` });
    expect(problems).toContainEqual({
      ...error, table: 'assets', row: 5, column: 'price', value: '1.01', rule: 'must be 1: USD is the numéraire (the unit of every amount)',
    });
    expect(problems).toContainEqual({
      ...error, table: 'assets', row: 5, column: 'depth_usd', value: '1000000', rule: 'must be empty: USD is the numéraire and has no price impact',
    });
  });

  it('refuses a pool reserve (depth_usd / price) beyond the range the engine computes in', () => {
    accepted({ assets: `${VALID.assets}SHIB,0.00001,50000000,,\n` });
    expect(rejected({ assets: `${VALID.assets}TINY,1e-300,300000000,,\n` })).toContainEqual({
      ...error, table: 'assets', row: 5, column: 'depth_usd', value: '300000000',
      rule: 'makes the pool reserve depth_usd / price more than 1.8e+308 units, more than the engine computes with (1e+100): check the price (1e-300)',
    });
  });

  it('accepts USD in asset columns without listing it', () => {
    const ws = accepted({ holdings: 'owner,asset,amount\nfund,USD,5\nbank,USDC,1\n' });
    expect(ws.tables.holdings?.getChild('asset')?.toArray()).toEqual(['USD', 'USDC']);
  });
});

describe('validateWorkspace: references', () => {
  it('names an unknown node', () => {
    expect(rejected(edit('positions', 'p1,fund,', 'p1,fund-y,'))).toContainEqual({
      ...error, table: 'positions', row: 2, column: 'owner', value: 'fund-y', rule: 'names an unknown node',
    });
  });

  it('says a missing required table once, not once per row that names one of its ids', () => {
    const problems = rejected({ nodes: null });
    expect(problems.filter((p) => p.table === 'nodes')).toEqual([{ ...error, table: 'nodes', row: null, column: null, value: null, rule: 'is missing: a workspace needs a nodes table (for example nodes.csv)' }]);
    expect(problems.filter((p) => /unknown node|unknown venue/.test(p.rule))).toEqual([]);
    // An optional table left out still leaves its references unknown.
    expect(rejected({ oracles: null }).some((p) => /unknown oracle/.test(p.rule))).toBe(true);
  });

  it('needs a venue where a venue lends', () => {
    expect(rejected(edit('positions', 'p1,fund,aave', 'p1,fund,bank'))).toContainEqual({
      ...error, table: 'positions', row: 2, column: 'venue', value: 'bank', rule: 'is a node of kind entity; a venue is needed',
    });
    expect(rejected(edit('perps', 'q1,fund,cex', 'q1,fund,binance'))).toContainEqual({
      ...error, table: 'perps', row: 2, column: 'venue', value: 'binance', rule: 'names an unknown venue',
    });
    expect(rejected(edit('feeds', 'aave,ETH', 'ETH,ETH'))).toContainEqual({
      ...error, table: 'feeds', row: 2, column: 'venue', value: 'ETH', rule: 'is an asset; a venue is needed',
    });
  });

  it('needs an asset (or USD) in asset columns, with a hint when only the case differs', () => {
    expect(rejected(edit('holdings', 'fund,ETH', 'fund,eth'))).toContainEqual({
      ...error, table: 'holdings', row: 2, column: 'asset', value: 'eth', rule: 'names an unknown asset (not in assets, and not USD); did you mean ETH?',
    });
    expect(rejected(edit('positions', 'ETH,100,USDC', 'ETH,100,aave'))).toContainEqual({
      ...error, table: 'positions', row: 2, column: 'debt_asset', value: 'aave', rule: 'is a node, not an asset',
    });
    expect(rejected(edit('backing', 'USDC,bank', 'USDT,bank'))).toContainEqual({
      ...error, table: 'backing', row: 2, column: 'asset', value: 'USDT', rule: 'names an unknown asset (not in assets, and not USD)',
    });
  });

  it('needs a node where a node is named', () => {
    expect(rejected(edit('obligations', 'cex,fund,10', 'ETH,fund,10'))).toContainEqual({
      ...error, table: 'obligations', row: 2, column: 'debtor', value: 'ETH', rule: 'is an asset, not a node',
    });
    expect(rejected(edit('backing', 'USDC,bank', 'USDC,Bank'))).toContainEqual({
      ...error, table: 'backing', row: 2, column: 'backer', value: 'Bank', rule: 'names an unknown node; did you mean bank?',
    });
    expect(rejected(edit('holdings', 'bank,USDC', 'USD,USDC'))).toContainEqual({
      ...error, table: 'holdings', row: 3, column: 'owner', value: 'USD', rule: 'is the numéraire USD, not a node',
    });
  });

  it('needs an oracle in feeds, which must report the feed asset', () => {
    expect(rejected(edit('feeds', 'aave,ETH,cl-eth', 'aave,ETH,cl-sol'))).toContainEqual({
      ...error, table: 'feeds', row: 2, column: 'oracle', value: 'cl-sol', rule: 'names an unknown oracle',
    });
    expect(rejected({ oracles: null })).toContainEqual({
      ...error, table: 'feeds', row: 2, column: 'oracle', value: 'cl-eth', rule: 'names an unknown oracle (there is no oracles table)',
    });
    expect(rejected(edit('feeds', 'aave,WBTC,cl-btc', 'aave,WBTC,cl-eth'))).toContainEqual({
      ...error, table: 'feeds', row: 3, column: 'oracle', value: 'cl-eth', rule: "reports ETH, not WBTC; a feed's oracle must report the feed's asset",
    });
  });

  it('allows one feed per venue and asset', () => {
    expect(rejected({ feeds: `${VALID.feeds}aave,ETH,cl-eth\n` })).toContainEqual({
      ...error, table: 'feeds', row: 4, column: 'venue', value: 'aave', rule: 'already has a feed for ETH (row 2); one feed per venue and asset',
    });
  });

  it('keeps perp ids apart from position ids', () => {
    expect(rejected(edit('perps', 'q2,', 'p2,'))).toContainEqual({
      ...error, table: 'perps', row: 3, column: 'id', value: 'p2', rule: 'is also a position id; perps become positions, so their ids must differ',
    });
  });

  it('rejects an obligation a node owes itself', () => {
    expect(rejected(edit('obligations', 'cex,fund,10', 'fund,fund,10'))).toContainEqual({
      ...error, table: 'obligations', row: 2, column: 'creditor', value: 'fund', rule: 'is the debtor too; a node cannot owe itself',
    });
  });

  it('rejects backing for USD', () => {
    expect(rejected({ backing: `${VALID.backing}USD,bank,0.1\n` })).toContainEqual({
      ...error, table: 'backing', row: 4, column: 'asset', value: 'USD', rule: 'is the numéraire (price 1 forever) and cannot be backed',
    });
  });

  it('rejects the same table given twice', () => {
    const raw = rawTables();
    const nodes = raw.find((t) => t.table === 'nodes');
    if (!nodes) throw new Error('no nodes');
    const r = validateWorkspace([...raw, { ...nodes, source: 'nodes.json' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.problems).toContainEqual({
        ...error, table: 'nodes', row: null, column: null, value: 'nodes.csv, nodes.json',
        rule: 'is given 2 times (nodes.csv and nodes.json); keep one file per table',
      });
    }
  });

  it('reports every broken reference of a table, not only the first', () => {
    const problems = rejected({ holdings: 'owner,asset,amount\nx,ETH,1\ny,ETH,1\nz,ETH,1\n' });
    expect(problems.filter((p) => p.table === 'holdings').map((p) => [p.row, p.value])).toEqual([[2, 'x'], [3, 'y'], [4, 'z']]);
  });
});
