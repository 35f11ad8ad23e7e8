import { DataType, type Table } from 'apache-arrow';
import type { ResultTableName } from '../protocol';

type ColumnKind = 'int32' | 'float64' | 'bool' | 'id';

/** The columns of each result table (engine/results/tables.ts), in order: what a project's results must have. */
export const RESULT_SCHEMA: Readonly<Record<ResultTableName, readonly (readonly [string, ColumnKind])[]>> = {
  prices: [['step', 'int32'], ['asset', 'id'], ['market_price', 'float64'], ['fundamental_price', 'float64'], ['net_flow', 'float64']],
  venues: [
    ['step', 'int32'],
    ['venue', 'id'],
    ['liquidations', 'int32'],
    ['repaid_usd', 'float64'],
    ['seized_usd', 'float64'],
    ['bad_debt_usd', 'float64'],
    ['halted', 'bool'],
    ['outage', 'bool'],
  ],
  nodes: [
    ['step', 'int32'],
    ['node', 'id'],
    ['external_usd', 'float64'],
    ['obligations_usd', 'float64'],
    ['payments_usd', 'float64'],
    ['equity_usd', 'float64'],
    ['recovery_rate', 'float64'],
    ['defaulted', 'bool'],
  ],
  losses: [['step', 'int32'], ['from', 'id'], ['to', 'id'], ['channel', 'id'], ['amount_usd', 'float64'], ['impact_usd', 'float64']],
  liquidations: [
    ['step', 'int32'],
    ['position', 'id'],
    ['venue', 'id'],
    ['owner', 'id'],
    ['repaid_usd', 'float64'],
    ['seized_units', 'float64'],
    ['bad_debt_usd', 'float64'],
    ['close_out', 'bool'],
  ],
  oracles: [['step', 'int32'], ['oracle', 'id'], ['asset', 'id'], ['reported_price', 'float64'], ['updated', 'bool']],
};

function kindOf(type: DataType): ColumnKind | null {
  if (DataType.isInt(type) && type.bitWidth === 32 && type.isSigned) return 'int32';
  if (DataType.isFloat(type) && type.precision === 2) return 'float64';
  if (DataType.isBool(type)) return 'bool';
  if (DataType.isDictionary(type) && DataType.isUtf8(type.dictionary)) return 'id';
  return null;
}

/** Null when `t` has exactly the columns of `name`, else what differs (the first difference). */
export function resultSchemaProblem(name: ResultTableName, t: Table): string | null {
  const want = RESULT_SCHEMA[name];
  const fields = t.schema.fields;
  for (let i = 0; i < want.length; i++) {
    const [column, kind] = want[i] as readonly [string, ColumnKind];
    const f = fields[i];
    if (!f || f.name !== column) return `column ${i + 1} should be "${column}" but is ${f ? `"${f.name}"` : 'missing'}`;
    const got = kindOf(f.type);
    if (got !== kind) return `column "${column}" should hold ${kind} but holds ${String(f.type)}`;
  }
  if (fields.length > want.length) return `it has an extra column "${fields[want.length]?.name ?? ''}"`;
  return null;
}
