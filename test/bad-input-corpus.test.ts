import { describe, expect, it } from 'vitest';
import { importWorkspace } from '../engine/workspace/import';
import type { ImportProblem } from '../engine/workspace/problems';
import { accepted, edit, rejected } from './fixtures/workspaces/raw';
import { csvFiles, file, VALID } from './fixtures/workspaces/valid';

// One bad input per rule of MODEL §1, each with the one problem it must give: table, row (the CSV
// line, header = 1), column, value and rule.

type Case = [rule: string, changes: Record<string, string | null>, expected: Partial<ImportProblem>];

const P = 'id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount,liquidation_threshold,liquidation_bonus,close_factor\n';
const Q = 'id,owner,venue,asset,side,size,entry_price,margin_usd,maintenance_margin\n';
const pos = (row: string): Record<string, string> => ({ positions: `${P}${row}\n` });
const perp = (row: string): Record<string, string> => ({ perps: `${Q}${row}\n` });

const CASES: Case[] = [
  ['assets is a required table', { assets: null }, { table: 'assets', row: null, rule: 'is missing: a workspace needs an assets table (for example assets.csv)' }],
  ['nodes is a required table', { nodes: null }, { table: 'nodes', row: null, rule: 'is missing: a workspace needs a nodes table (for example nodes.csv)' }],
  ['a required column', { holdings: 'owner,asset\nfund,ETH\n' }, { table: 'holdings', column: 'amount', rule: 'is missing: the table needs a column named amount' }],
  ['ids are non-empty', edit('assets', 'WBTC,60000', ',60000'), { table: 'assets', row: 4, column: 'id', rule: 'is empty; a value is required' }],
  ['ids are unique in their table', edit('nodes', 'bank,entity', 'fund,entity'), { table: 'nodes', row: 5, column: 'id', value: 'fund', rule: 'is used by another row too (row 2); ids must be unique in nodes' }],
  ['ids are unique, also when the rows are in id order', pos('p1,fund,aave,ETH,1,USDC,1,0.8,,\np1,fund,aave,ETH,2,USDC,1,0.8,,'), { table: 'positions', row: 3, column: 'id', value: 'p1', rule: 'is used by another row too (row 2); ids must be unique in positions' }],
  ['assets and nodes share one namespace', edit('nodes', 'bank,entity', 'ETH,entity'), { table: 'nodes', row: 5, column: 'id', value: 'ETH' }],
  ['USD, if listed, has price 1', { assets: `${VALID.assets}USD,1.01,,,Dollar\n` }, { table: 'assets', row: 5, column: 'price', rule: 'must be 1: USD is the numéraire (the unit of every amount)' }],
  ['USD is never a node', edit('nodes', 'bank,entity', 'USD,entity'), { table: 'nodes', column: 'id', value: 'USD' }],
  ['price > 0', edit('assets', 'ETH,2000', 'ETH,0'), { table: 'assets', row: 2, column: 'price', value: '0', rule: 'must be > 0' }],
  ['price up to 1e100 (a shock on 1e300 was refused, the import took it)', edit('assets', 'ETH,2000', 'ETH,1e300'), { table: 'assets', row: 2, column: 'price', value: '1e+300', rule: 'must be at most 1e+100: the engine takes prices, pool depths and external assets up to 1e+100 (amounts times them must stay finite)' }],
  ['external assets up to 1e100 (as an override of them)', edit('nodes', 'Fund X,1000', 'Fund X,2e100'), { table: 'nodes', row: 2, column: 'external_assets_usd', rule: expect.stringMatching(/^must be at most 1e\+100/) }],
  ['depth_usd > 0', edit('assets', 'ETH,2000,10000000', 'ETH,2000,-1'), { table: 'assets', row: 2, column: 'depth_usd', rule: 'must be > 0' }],
  ['peg > 0', edit('assets', 'USDC,1,50000000,1', 'USDC,1,50000000,0'), { table: 'assets', row: 3, column: 'peg', rule: 'must be > 0' }],
  ['kind is entity or venue', edit('nodes', 'bank,entity', 'bank,fund'), { table: 'nodes', row: 5, column: 'kind', value: 'fund', rule: 'must be one of: entity, venue' }],
  ['external_assets_usd ≥ 0', edit('nodes', 'Fund X,1000', 'Fund X,-1'), { table: 'nodes', row: 2, column: 'external_assets_usd', rule: 'must be ≥ 0' }],
  ['an oracle names an asset', edit('oracles', 'cl-eth,ETH', 'cl-eth,DOGE'), { table: 'oracles', row: 2, column: 'asset', value: 'DOGE' }],
  ['delay_steps is a whole number ≥ 0', edit('oracles', 'ETH,2,', 'ETH,1.5,'), { table: 'oracles', row: 2, column: 'delay_steps', rule: 'must be an integer ≥ 0' }],
  ['deviation ≥ 0', edit('oracles', '2,0.01,5', '2,-0.01,5'), { table: 'oracles', row: 2, column: 'deviation', rule: 'must be ≥ 0' }],
  ['heartbeat_steps is a whole number ≥ 1', edit('oracles', '0.01,5', '0.01,0'), { table: 'oracles', row: 2, column: 'heartbeat_steps', rule: 'must be an integer ≥ 1' }],
  ['a feed’s venue is a venue', edit('feeds', 'aave,ETH,cl-eth', 'fund,ETH,cl-eth'), { table: 'feeds', row: 2, column: 'venue', value: 'fund', rule: 'is a node of kind entity; a venue is needed' }],
  ['a feed names an oracle', edit('feeds', 'aave,ETH,cl-eth', 'aave,ETH,cl-x'), { table: 'feeds', row: 2, column: 'oracle', value: 'cl-x' }],
  ['a feed’s oracle reports its asset', edit('feeds', 'aave,WBTC,cl-btc', 'aave,WBTC,cl-eth'), { table: 'feeds', row: 3, column: 'oracle', rule: "reports ETH, not WBTC; a feed's oracle must report the feed's asset" }],
  ['one feed per venue and asset', { feeds: `${VALID.feeds}aave,ETH,cl-eth\n` }, { table: 'feeds', row: 4, column: 'venue', rule: 'already has a feed for ETH (row 2); one feed per venue and asset' }],
  ['a position’s owner is a node', pos('p9,nobody,aave,ETH,1,USDC,1,0.8,,'), { table: 'positions', row: 2, column: 'owner', value: 'nobody' }],
  ['a position’s venue is a venue', pos('p9,fund,bank,ETH,1,USDC,1,0.8,,'), { table: 'positions', row: 2, column: 'venue', value: 'bank', rule: 'is a node of kind entity; a venue is needed' }],
  ['collateral_asset is an asset', pos('p9,fund,aave,fund,1,USDC,1,0.8,,'), { table: 'positions', row: 2, column: 'collateral_asset', rule: 'is a node, not an asset' }],
  ['collateral_amount ≥ 0', pos('p9,fund,aave,ETH,-1,USDC,1,0.8,,'), { table: 'positions', row: 2, column: 'collateral_amount', rule: 'must be ≥ 0' }],
  ['debt_asset is an asset', pos('p9,fund,aave,ETH,1,EUR,1,0.8,,'), { table: 'positions', row: 2, column: 'debt_asset', value: 'EUR' }],
  ['debt_amount ≥ 0', pos('p9,fund,aave,ETH,1,USDC,-1,0.8,,'), { table: 'positions', row: 2, column: 'debt_amount', rule: 'must be ≥ 0' }],
  ['0 < liquidation_threshold ≤ 1, with the likely fix for a percent', pos('p9,fund,aave,ETH,1,USDC,1,82.5,,'), { table: 'positions', row: 2, column: 'liquidation_threshold', value: '82.5', rule: 'must be 0 < x ≤ 1; did you mean 0.825?' }],
  ['liquidation_bonus ≥ 0', pos('p9,fund,aave,ETH,1,USDC,1,0.8,-0.1,'), { table: 'positions', row: 2, column: 'liquidation_bonus', rule: 'must be ≥ 0' }],
  ['0 < close_factor ≤ 1', pos('p9,fund,aave,ETH,1,USDC,1,0.8,,0'), { table: 'positions', row: 2, column: 'close_factor', rule: 'must be 0 < x ≤ 1' }],
  ['a number is a number', pos('p9,fund,aave,ETH,"1,5",USDC,1,0.8,,'), { table: 'positions', row: 2, column: 'collateral_amount', value: '1,5', rule: 'is not a number; use a point as the decimal separator (1.5)' }],
  ['a perp’s asset is an asset', perp('q9,fund,cex,DOGE,long,1,1,1,0.05'), { table: 'perps', row: 2, column: 'asset', value: 'DOGE' }],
  ['side is long or short', perp('q9,fund,cex,ETH,up,1,1,1,0.05'), { table: 'perps', row: 2, column: 'side', value: 'up', rule: 'must be one of: long, short' }],
  ['size > 0', perp('q9,fund,cex,ETH,long,0,1,1,0.05'), { table: 'perps', row: 2, column: 'size', rule: 'must be > 0' }],
  ['entry_price > 0', perp('q9,fund,cex,ETH,long,1,0,1,0.05'), { table: 'perps', row: 2, column: 'entry_price', rule: 'must be > 0' }],
  ['margin_usd ≥ 0', perp('q9,fund,cex,ETH,long,1,1,-1,0.05'), { table: 'perps', row: 2, column: 'margin_usd', rule: 'must be ≥ 0' }],
  ['0 ≤ maintenance_margin < 1', perp('q9,fund,cex,ETH,long,1,1,1,1'), { table: 'perps', row: 2, column: 'maintenance_margin', rule: 'must be 0 ≤ x < 1; did you mean 0.01?' }],
  ['a threshold of 1.5 is a collateral ratio, not 1.5%', pos('p9,fund,aave,ETH,1,USDC,1,1.5,,'), { table: 'positions', row: 2, column: 'liquidation_threshold', rule: 'must be 0 < x ≤ 1; if it is a collateral ratio (150%), the threshold is its inverse, 0.6667' }],
  ['a backing share of 1.2 has no percent hint', edit('backing', 'USDC,bank,0.6', 'USDC,bank,1.2'), { table: 'backing', row: 2, column: 'share', rule: 'must be 0 < x ≤ 1' }],
  ['a perp id is not a position id', perp('p1,fund,cex,ETH,long,1,1,1,0.05'), { table: 'perps', row: 2, column: 'id', value: 'p1', rule: 'is also a position id; perps become positions, so their ids must differ' }],
  ['a holding’s amount ≥ 0', edit('holdings', 'fund,ETH,5', 'fund,ETH,-5'), { table: 'holdings', row: 2, column: 'amount', rule: 'must be ≥ 0' }],
  ['a holding’s owner is a node', edit('holdings', 'fund,ETH,5', 'ETH,ETH,5'), { table: 'holdings', row: 2, column: 'owner', rule: 'is an asset, not a node' }],
  ['an obligation’s amount > 0', edit('obligations', 'fund,bank,20000', 'fund,bank,0'), { table: 'obligations', row: 3, column: 'amount', rule: 'must be > 0' }],
  ['an obligation’s kind', edit('obligations', 'cex,fund,10,ETH,custody', 'cex,fund,10,ETH,bond'), { table: 'obligations', row: 2, column: 'kind', rule: 'must be one of: loan, deposit, custody, other' }],
  ['an obligation’s asset is an asset', edit('obligations', 'cex,fund,10,ETH', 'cex,fund,10,DOGE'), { table: 'obligations', row: 2, column: 'asset', value: 'DOGE' }],
  ['nobody owes itself', edit('obligations', 'fund,bank,20000', 'fund,fund,20000'), { table: 'obligations', row: 3, column: 'creditor', rule: 'is the debtor too; a node cannot owe itself' }],
  ['a backer is a node', edit('backing', 'USDC,bank,0.6', 'USDC,ETH,0.6'), { table: 'backing', row: 2, column: 'backer' }],
  ['0 < share ≤ 1', edit('backing', 'USDC,bank,0.6', 'USDC,bank,60'), { table: 'backing', row: 2, column: 'share', rule: 'must be 0 < x ≤ 1; did you mean 0.6?' }],
  ['USD cannot be backed', edit('backing', 'USDC,cex,0.3', 'USD,cex,0.3'), { table: 'backing', row: 3, column: 'asset', rule: 'is the numéraire (price 1 forever) and cannot be backed' }],
];

describe('MODEL §1: every rule, one bad input each', () => {
  it.each(CASES)('%s', (_rule, changes, expected) => {
    expect(rejected(changes)).toContainEqual(expect.objectContaining({ severity: 'error', ...expected }));
  });
});

describe('MODEL §1: warnings (the import goes on)', () => {
  it.each<[string, Record<string, string>, Partial<ImportProblem>]>([
    ['an unknown column is kept', { holdings: 'owner,asset,amount,desk\nfund,ETH,5,A\n' }, { table: 'holdings', column: 'desk', rule: expect.stringContaining('is not a column of holdings') }],
    ['a price of 0.000001 or less', edit('assets', 'ETH,2000', 'ETH,0.0000001'), { table: 'assets', row: 2, column: 'price', rule: 'is below 1e-6 USD per unit; check that it is a price in USD per unit' }],
    ['a bonus written as a percent', pos('p9,fund,aave,ETH,1,USDC,1,0.8,5,'), { table: 'positions', row: 2, column: 'liquidation_bonus', rule: 'is above 1, i.e. over 100%; if it is a percent, did you mean 0.05?' }],
    ['backing above 1', { backing: 'asset,backer,share\nUSDC,bank,0.8\nUSDC,cex,0.5\n' }, { table: 'backing', column: 'share', rule: expect.stringContaining('sums to 1.3, above 1') }],
  ])('%s', (_rule, changes, expected) => {
    expect(accepted(changes).warnings).toContainEqual(expect.objectContaining({ severity: 'warning', ...expected }));
  });
});

describe('MODEL §1: files', () => {
  it('a table given twice', () => {
    const r = importWorkspace([...csvFiles(), file('nodes.json', '[]')]);
    expect(r.ok ? [] : r.error.problems).toContainEqual(expect.objectContaining({ table: 'nodes', rule: 'is given 2 times (nodes.csv and nodes.json); keep one file per table' }));
  });

  it('columns match case-insensitively after trimming', () => {
    expect(accepted({ holdings: '  Owner ,ASSET, amount\nfund,ETH,5\n' }).tables.holdings?.numRows).toBe(1);
  });

  it('USD need not be listed, and may be listed at price 1', () => {
    expect(accepted({ assets: `${VALID.assets}USD,1,,,Dollar\n` }).tables.assets?.numRows).toBe(4);
  });

  it('every problem of a table is listed, the first 1,000 kept and all counted', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `fund,ETH,-${i + 1}`).join('\n');
    const r = importWorkspace(csvFiles({ holdings: `owner,asset,amount\n${rows}\n` }));
    if (r.ok) throw new Error('expected problems');
    expect(r.error.problems).toHaveLength(1000);
    expect(r.error.total).toBe(1500);
    expect(r.error.problems[999]).toMatchObject({ row: 1001, value: '-1000' });
  });
});
