import type { TableName } from '../workspace/schema';

/**
 * A small workspace, one CSV per table, shown as the example of each table in docs/data-formats.md.
 * The examples fit together: test/library/docs.test.ts imports them as a workspace and runs the
 * example scenario on it.
 */
export const TABLE_EXAMPLES: Readonly<Record<TableName, string>> = {
  assets: `id,price,depth_usd,peg,name
ETH,3000,400000000,,Ether
stETH,2990,45000000,,Lido staked ether
USDC,1,,1,USD Coin
XUSD,1,20000000,1,A fiat-backed stablecoin`,
  nodes: `id,kind,name,external_assets_usd
lendco,venue,A lending protocol,2000000
bitnova,venue,A centralized exchange,5000000
treasury,entity,Our treasury,0
fund-x,entity,A leveraged fund,1500000
bank,entity,A bank holding stablecoin reserves,30000000
issuer,entity,The stablecoin issuer,12000000
suppliers,entity,Depositors of the lending protocol,0`,
  oracles: `id,asset,delay_steps,deviation,heartbeat_steps
cl-eth,ETH,1,0.005,6
cl-steth,stETH,1,0.005,6`,
  feeds: `venue,asset,oracle
lendco,ETH,cl-eth
lendco,stETH,cl-steth`,
  positions: `id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount,liquidation_threshold,liquidation_bonus,close_factor
p1,fund-x,lendco,ETH,1000,USDC,2000000,0.825,0.05,0.5
p2,treasury,lendco,stETH,500,ETH,420,0.93,0.01,
p3,fund-x,bitnova,ETH,300,USDC,700000,0.9,0.02,1`,
  perps: `id,owner,venue,asset,side,size,entry_price,margin_usd,maintenance_margin
perp1,fund-x,bitnova,ETH,long,200,2950,60000,0.02
perp2,treasury,bitnova,ETH,short,50,3050,20000,0.02`,
  holdings: `owner,asset,amount
treasury,ETH,800
treasury,XUSD,2000000
bitnova,ETH,1200`,
  obligations: `debtor,creditor,amount,asset,kind
lendco,suppliers,2000000,USDC,deposit
lendco,suppliers,420,ETH,deposit
bitnova,treasury,1200,ETH,custody
fund-x,treasury,1000000,USD,loan
bank,issuer,8000000,USD,deposit
bank,treasury,3000000,USD,deposit`,
  backing: `asset,backer,share
XUSD,bank,0.4
XUSD,issuer,0.6`,
};

/** A scenario for the example workspace. */
export const SCENARIO_EXAMPLE = {
  name: 'ETH −30%, stale feed, exchange outage',
  description: 'ETH and stETH gap down 30%; the lending protocol reads a stalled feed for two steps; the exchange runs no liquidations for three.',
  steps: 30,
  events: [
    { type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 },
    { type: 'price_shock', asset: 'stETH', change: -0.3, at: 0 },
    { type: 'oracle_freeze', oracle: 'cl-eth', from: 0, to: 1 },
    { type: 'venue_outage', venue: 'bitnova', from: 0, to: 2 },
  ],
  options: { fire_sale_on_default: true },
  notes: [{ step: 0, text: 'ETH gaps down; the exchange is down and the protocol still sees the old price.' }],
};

/** What a mapping file given to --map looks like. */
export const MAPPING_EXAMPLE = {
  positions: { collateral_amount: 'Collateral (ETH)', liquidation_threshold: 'LTV liq', owner: 'Counterparty' },
  tables: { 'book.xlsx#Loans': 'positions' },
};
