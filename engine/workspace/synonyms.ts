import type { TableName } from './schema';

/** Another name for a model column, in the normalised form of normalizeHeader(); `note` is added to the reason. */
export interface Synonym {
  name: string;
  note?: string;
}

const LTV_NOTE =
  'LTV usually means the loan-to-value limit for new borrowing, which sits below the liquidation threshold ' +
  '(Aave ETH: max LTV 0.80, liquidation threshold 0.825); if this column is that limit, positions will be liquidated ' +
  'too early in the model — map the liquidation threshold (LT, LLTV) instead if the file has it';

const s = (...names: string[]): Synonym[] => names.map((name) => ({ name }));

/**
 * What analysts' exports call the MODEL §1 columns, per table (the same word can mean different
 * columns in different tables: `qty` is a perp's size but a holding's amount). Names are in
 * normalizeHeader() form: lower case, words joined by `_`, units in brackets removed.
 */
export const SYNONYMS: Readonly<Record<TableName, Readonly<Record<string, readonly Synonym[]>>>> = {
  assets: {
    id: s('asset', 'asset_id', 'symbol', 'token', 'ticker', 'coin', 'currency', 'ccy'),
    price: s('price_usd', 'usd_price', 'spot', 'spot_price', 'mark_price', 'last_price', 'oracle_price', 'px', 'last'),
    depth_usd: s('depth', 'liquidity', 'liquidity_usd', 'pool_depth', 'market_depth', 'depth_2pct', 'pool_liquidity'),
    peg: s('peg_price', 'target_price', 'pegged_to'),
    name: s('asset_name', 'token_name', 'full_name', 'description', 'label'),
  },
  nodes: {
    id: s('node', 'node_id', 'entity', 'entity_id', 'counterparty', 'counterparty_id', 'participant'),
    kind: s('type', 'node_type', 'entity_type', 'category', 'role'),
    name: s('display_name', 'label', 'full_name', 'entity_name', 'node_name', 'legal_name'),
    external_assets_usd: s('external_assets', 'other_assets', 'other_assets_usd', 'cash', 'cash_usd', 'reserves', 'reserves_usd', 'insurance_fund'),
  },
  oracles: {
    id: s('oracle', 'oracle_id', 'feed_id', 'price_feed'),
    asset: s('token', 'symbol', 'underlying', 'asset_id'),
    delay_steps: s('delay', 'lag', 'latency', 'delay_blocks'),
    deviation: s('deviation_threshold', 'threshold', 'deviation_pct', 'update_threshold'),
    heartbeat_steps: s('heartbeat', 'heartbeat_interval', 'max_staleness'),
  },
  feeds: {
    venue: s('protocol', 'exchange', 'platform', 'lender', 'market'),
    asset: s('token', 'symbol', 'underlying'),
    oracle: s('oracle_id', 'feed', 'price_feed', 'source'),
  },
  positions: {
    id: s('position', 'position_id', 'loan', 'loan_id', 'account_id', 'ref', 'reference'),
    owner: s('borrower', 'holder', 'account', 'account_owner', 'entity', 'client', 'wallet', 'user', 'fund'),
    venue: [
      ...s('protocol', 'lender', 'platform', 'exchange', 'market', 'pool'),
      { name: 'counterparty', note: 'the counterparty of a leveraged position is its lender, the venue that liquidates it' },
    ],
    collateral_asset: s('collateral', 'collateral_token', 'coll_asset', 'supplied_asset', 'collateral_symbol', 'collateral_ccy'),
    collateral_amount: s('collateral', 'collateral_qty', 'collateral_quantity', 'collateral_units', 'collateral_size', 'coll_amount', 'supplied', 'supplied_amount'),
    debt_asset: s('debt', 'borrowed_asset', 'borrow_asset', 'debt_token', 'loan_asset', 'loan_ccy', 'debt_symbol', 'debt_ccy'),
    debt_amount: s('debt', 'borrowed', 'borrow_amount', 'borrowed_amount', 'loan_amount', 'debt_qty', 'principal', 'outstanding'),
    liquidation_threshold: [
      ...s('lt', 'liq_threshold', 'liquidation_threshold_pct', 'lltv', 'liquidation_ltv'),
      { name: 'ltv', note: LTV_NOTE },
      { name: 'max_ltv', note: LTV_NOTE },
      { name: 'loan_to_value', note: LTV_NOTE },
    ],
    liquidation_bonus: s('bonus', 'liq_bonus', 'liquidation_penalty', 'penalty', 'liquidation_incentive', 'lif'),
    close_factor: s('cf', 'close', 'max_close', 'close_factor_pct'),
  },
  perps: {
    id: s('perp', 'perp_id', 'position', 'position_id', 'contract_id', 'trade_id'),
    owner: s('trader', 'account', 'holder', 'client', 'entity', 'wallet', 'user'),
    venue: s('exchange', 'platform', 'protocol', 'market', 'counterparty'),
    asset: s('market', 'symbol', 'underlying', 'instrument', 'ticker', 'contract', 'coin'),
    side: s('direction', 'position_side', 'long_short', 'buy_sell'),
    size: s('qty', 'quantity', 'units', 'contracts', 'amount', 'position_size', 'size_units'),
    entry_price: s('entry', 'avg_price', 'average_price', 'open_price', 'avg_entry_price', 'entry_px'),
    margin_usd: s('margin', 'collateral', 'collateral_usd', 'initial_margin', 'posted_margin'),
    maintenance_margin: s('mmr', 'mm', 'maintenance', 'maint_margin', 'maintenance_margin_ratio', 'maintenance_margin_rate'),
  },
  holdings: {
    owner: s('holder', 'entity', 'wallet', 'account', 'client', 'fund'),
    asset: s('token', 'symbol', 'coin', 'currency', 'ticker'),
    amount: s('qty', 'quantity', 'units', 'balance', 'holding', 'size', 'position'),
  },
  obligations: {
    debtor: s('borrower', 'obligor', 'payer', 'from', 'owed_by', 'debtor_id'),
    creditor: s('lender', 'payee', 'to', 'owed_to', 'beneficiary', 'creditor_id'),
    amount: s('qty', 'quantity', 'units', 'principal', 'notional', 'face_value', 'balance', 'outstanding'),
    asset: s('currency', 'ccy', 'token', 'denomination', 'symbol'),
    kind: s('type', 'obligation_type', 'category', 'nature'),
  },
  backing: {
    asset: s('token', 'stablecoin', 'backed_asset', 'symbol'),
    backer: s('custodian', 'bank', 'holder', 'reserve_holder', 'counterparty', 'node'),
    share: s('fraction', 'weight', 'pct', 'percent', 'proportion', 'allocation', 'share_pct'),
  },
};

/** Headers that name the other side of a claim; which side they are depends on the table and the other columns. */
export const COUNTERPARTY = new Set(['counterparty', 'cpty', 'counter_party', 'counterparty_id', 'other_party']);
