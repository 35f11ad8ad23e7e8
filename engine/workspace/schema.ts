import { MAX_MAGNITUDE } from '../util/magnitude';

/**
 * The workspace tables of MODEL §1 as data: the validator, the readers, the templates and the
 * format documentation are all generated from these constants.
 */

export type TableName =
  | 'assets'
  | 'nodes'
  | 'oracles'
  | 'feeds'
  | 'positions'
  | 'perps'
  | 'holdings'
  | 'obligations'
  | 'backing';

export const TABLE_NAMES: readonly TableName[] = [
  'assets',
  'nodes',
  'oracles',
  'feeds',
  'positions',
  'perps',
  'holdings',
  'obligations',
  'backing',
];

/** What an id-valued column must name. `asset` accepts `USD` even when it is not listed. */
export type RefKind = 'asset' | 'node' | 'venue' | 'oracle';

export interface Bound {
  value: number;
  inclusive: boolean;
}

export type ColumnType =
  | { kind: 'id' }
  | { kind: 'ref'; to: RefKind }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'number'; min?: Bound; max?: Bound; integer?: boolean }
  | { kind: 'text' };

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  /** Used when the column is absent or the cell is empty (only for optional columns). */
  default?: number | string;
  unit: string;
  description: string;
}

export interface TableSpec {
  name: TableName;
  required: boolean;
  description: string;
  columns: readonly ColumnSpec[];
}

// Prices, pool depths and external assets stay within the engine's range (util/magnitude.ts), as a
// scenario's shocks and a spec's overrides must; amounts past it overflow in a run, which stops saying so.
const gt = (value: number): Bound => ({ value, inclusive: false });
const ge = (value: number): Bound => ({ value, inclusive: true });
const lt = (value: number): Bound => ({ value, inclusive: false });
const le = (value: number): Bound => ({ value, inclusive: true });

const id: ColumnType = { kind: 'id' };
const ref = (to: RefKind): ColumnType => ({ kind: 'ref', to });
const num = (min?: Bound, max?: Bound): ColumnType => ({ kind: 'number', min, max });
const int = (min?: Bound): ColumnType => ({ kind: 'number', min, integer: true });
const text: ColumnType = { kind: 'text' };

function col(
  name: string,
  type: ColumnType,
  required: boolean,
  unit: string,
  description: string,
  dflt?: number | string,
): ColumnSpec {
  return dflt === undefined ? { name, type, required, unit, description } : { name, type, required, unit, description, default: dflt };
}

export const SCHEMA: Readonly<Record<TableName, TableSpec>> = {
  assets: {
    name: 'assets',
    required: true,
    description: 'Tradable tokens and their market depth. USD is the numéraire and need not be listed.',
    columns: [
      col('id', id, true, 'id', 'Token symbol, e.g. ETH; shares one namespace with node ids'),
      col('price', num(gt(0), le(MAX_MAGNITUDE)), true, 'USD per unit', 'Price before any shock'),
      col('depth_usd', num(gt(0), le(MAX_MAGNITUDE)), false, 'USD', 'Pool depth: the USD value of the pool reserve; empty = no price impact'),
      col('peg', num(gt(0), le(MAX_MAGNITUDE)), false, 'USD per unit', 'Target price of a pegged token (informational)'),
      col('name', text, false, 'text', 'Display name'),
    ],
  },
  nodes: {
    name: 'nodes',
    required: true,
    description: 'Funds, treasuries and market makers (entity); lending protocols, CEXs and perp venues (venue).',
    columns: [
      col('id', id, true, 'id', 'Node id; shares one namespace with asset ids'),
      col('kind', { kind: 'enum', values: ['entity', 'venue'] }, true, 'entity | venue', 'A venue lends against positions and runs their liquidations'),
      col('name', text, false, 'text', 'Display name'),
      col('external_assets_usd', num(ge(0), le(MAX_MAGNITUDE)), false, 'USD', 'Everything the other tables do not model: cash, reserves, insurance fund', 0),
    ],
  },
  oracles: {
    name: 'oracles',
    required: false,
    description: 'Price feeds read by venues.',
    columns: [
      col('id', id, true, 'id', 'Oracle id'),
      col('asset', ref('asset'), true, 'asset id', 'The asset whose price it reports'),
      col('delay_steps', int(ge(0)), false, 'steps', 'How many steps old the price it reads is', 0),
      col('deviation', num(ge(0)), false, 'fraction', 'Relative move that triggers an update (0.01 = 1%)', 0),
      col('heartbeat_steps', int(ge(1)), false, 'steps', 'It updates at least this often', 1),
    ],
  },
  feeds: {
    name: 'feeds',
    required: false,
    description: 'Which oracle a venue reads for an asset; without a row the venue reads the market price.',
    columns: [
      col('venue', ref('venue'), true, 'venue id', 'The venue reading the feed'),
      col('asset', ref('asset'), true, 'asset id', 'The asset priced'),
      col('oracle', ref('oracle'), true, 'oracle id', 'The oracle read; it must report this asset'),
    ],
  },
  positions: {
    name: 'positions',
    required: false,
    description: 'Leveraged positions; the venue is the lender.',
    columns: [
      col('id', id, true, 'id', 'Position id'),
      col('owner', ref('node'), true, 'node id', 'The borrower'),
      col('venue', ref('venue'), true, 'venue id', 'The lender, which runs the liquidations'),
      col('collateral_asset', ref('asset'), true, 'asset id', 'Token posted as collateral'),
      col('collateral_amount', num(ge(0)), true, 'units', 'Collateral posted'),
      col('debt_asset', ref('asset'), true, 'asset id', 'Token borrowed'),
      col('debt_amount', num(ge(0)), true, 'units', 'Debt outstanding'),
      col('liquidation_threshold', num(gt(0), le(1)), true, 'fraction', 'Liquidated when collateral value × threshold < debt value'),
      col('liquidation_bonus', num(ge(0)), false, 'fraction', 'Extra collateral the liquidator seizes', 0.05),
      col('close_factor', num(gt(0), le(1)), false, 'fraction', 'Share of the debt one liquidation repays', 0.5),
    ],
  },
  perps: {
    name: 'perps',
    required: false,
    description: 'Perpetual futures; converted to positions on import.',
    columns: [
      col('id', id, true, 'id', 'Perp id; must not clash with a position id'),
      col('owner', ref('node'), true, 'node id', 'The trader'),
      col('venue', ref('venue'), true, 'venue id', 'The perp venue'),
      col('asset', ref('asset'), true, 'asset id', 'The underlying'),
      col('side', { kind: 'enum', values: ['long', 'short'] }, true, 'long | short', 'Direction'),
      col('size', num(gt(0)), true, 'units', 'Contract size in units of the asset'),
      col('entry_price', num(gt(0), le(MAX_MAGNITUDE)), true, 'USD per unit', 'Average entry price'),
      col('margin_usd', num(ge(0)), true, 'USD', 'Margin posted'),
      col('maintenance_margin', num(ge(0), lt(1)), true, 'fraction', 'Liquidated when equity < this × notional'),
    ],
  },
  holdings: {
    name: 'holdings',
    required: false,
    description: 'Unencumbered tokens held in self-custody.',
    columns: [
      col('owner', ref('node'), true, 'node id', 'The holder'),
      col('asset', ref('asset'), true, 'asset id', 'The token'),
      col('amount', num(ge(0)), true, 'units', 'Units held'),
    ],
  },
  obligations: {
    name: 'obligations',
    required: false,
    description: 'What one node owes another. Tokens held at a CEX are a custody obligation of the CEX to the owner.',
    columns: [
      col('debtor', ref('node'), true, 'node id', 'Who owes'),
      col('creditor', ref('node'), true, 'node id', 'Who is owed'),
      col('amount', num(gt(0)), true, 'units of asset', 'Face value'),
      col('asset', ref('asset'), false, 'asset id', 'Denomination', 'USD'),
      col('kind', { kind: 'enum', values: ['loan', 'deposit', 'custody', 'other'] }, false, 'loan | deposit | custody | other', 'Nature of the claim', 'other'),
    ],
  },
  backing: {
    name: 'backing',
    required: false,
    description: "Part of an asset's backing held by or at a node (a stablecoin's reserves at a bank).",
    columns: [
      col('asset', ref('asset'), true, 'asset id', 'The backed asset'),
      col('backer', ref('node'), true, 'node id', 'Who holds that part of the backing'),
      col('share', num(gt(0), le(1)), true, 'fraction', 'Share of the backing held there'),
    ],
  },
};

/** Column names match case-insensitively after trimming (MODEL §1). */
export function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase();
}

/** The rule a number column enforces, as written for people: "> 0", "0 < x ≤ 1", "integer ≥ 1". */
export function describeRange(type: ColumnType): string {
  if (type.kind !== 'number') return '';
  const { min, max, integer } = type;
  if (max?.value === MAX_MAGNITUDE && min) return `${describeRange({ ...type, max: undefined })}, up to ${MAX_MAGNITUDE}`;
  const prefix = integer ? 'integer ' : '';
  if (min && max) return `${prefix}${min.value} ${min.inclusive ? '≤' : '<'} x ${max.inclusive ? '≤' : '<'} ${max.value}`;
  if (min) return `${prefix}${min.inclusive ? '≥' : '>'} ${min.value}`;
  if (max) return `${prefix}${max.inclusive ? '≤' : '<'} ${max.value}`;
  return integer ? 'integer' : 'a number';
}

export function inRange(type: ColumnType, v: number): boolean {
  if (type.kind !== 'number') return true;
  if (!Number.isFinite(v)) return false;
  if (type.integer && !Number.isInteger(v)) return false;
  if (type.min && (type.min.inclusive ? v < type.min.value : v <= type.min.value)) return false;
  if (type.max && (type.max.inclusive ? v > type.max.value : v >= type.max.value)) return false;
  return true;
}

export const NUMERAIRE = 'USD';
