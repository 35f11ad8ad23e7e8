import type { ResultTableName } from '../protocol';
import { SCHEMA, TABLE_NAMES, type TableName } from '../workspace/schema';

/** Units of the result tables' columns (MODEL §6), as the grid shows them under each header. */
const RESULT_UNITS: Readonly<Record<ResultTableName, Readonly<Record<string, string>>>> = {
  prices: { step: 'step', asset: 'asset id', market_price: 'USD per unit', fundamental_price: 'USD per unit', net_flow: 'units' },
  venues: {
    step: 'step',
    venue: 'venue id',
    liquidations: 'count',
    repaid_usd: 'USD',
    seized_usd: 'USD',
    bad_debt_usd: 'USD',
    halted: 'yes/no',
    outage: 'yes/no',
  },
  nodes: {
    step: 'step',
    node: 'node id',
    external_usd: 'USD',
    obligations_usd: 'USD',
    payments_usd: 'USD',
    equity_usd: 'USD',
    recovery_rate: 'fraction',
    defaulted: 'yes/no',
  },
  losses: { step: 'step', from: 'id', to: 'id', channel: 'channel', amount_usd: 'USD', impact_usd: 'USD' },
  liquidations: {
    step: 'step',
    position: 'position id',
    venue: 'venue id',
    owner: 'node id',
    repaid_usd: 'USD',
    seized_units: 'units of collateral',
    bad_debt_usd: 'USD',
    close_out: 'yes/no',
  },
  oracles: { step: 'step', oracle: 'oracle id', asset: 'asset id', reported_price: 'USD per unit', updated: 'yes/no' },
};

/** The unit of a column of a workspace or result table; unknown (user) columns have none. */
export function unitOf(source: 'workspace' | 'results', table: string, column: string): string {
  if (source === 'workspace') {
    if (!(TABLE_NAMES as readonly string[]).includes(table)) return '';
    return SCHEMA[table as TableName].columns.find((c) => c.name === column)?.unit ?? '';
  }
  return (RESULT_UNITS as Record<string, Record<string, string> | undefined>)[table]?.[column] ?? '';
}
