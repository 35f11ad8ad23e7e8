import type { CheckedTable, StringColumn } from './checked-table';
import { rowOf, textAt } from './checked-table';
import type { ProblemLog } from './problems';
import { dictSize } from './raw-table';
import { NUMERAIRE, SCHEMA, type TableName } from './schema';
import { approx, MAX_MAGNITUDE } from '../util/magnitude';

/** The ids references may name, and whether references of each kind can be checked at all. */
export interface IdIndex {
  /** Asset id → record index. */
  assets: Map<string, number>;
  /** Node id → its kind (`entity`, `venue`, or null when the kind cell is wrong). */
  nodes: Map<string, string | null>;
  /** Oracle id → the asset it reports (null when unknown). */
  oracles: Map<string, string | null>;
  /** False when the table was unreadable or lacks its id column: its references are not checked. */
  checkable: Record<'assets' | 'nodes' | 'oracles', boolean>;
}

/** The checked tables of one workspace, by name. */
export type Tables = Partial<Record<TableName, CheckedTable>>;

/**
 * Ids are non-empty and unique within their table; assets and nodes share one namespace; USD
 * may be listed as an asset only at price 1 and without depth, and is never a node (MODEL §1).
 */
export function checkIds(tables: Tables, unreadable: ReadonlySet<TableName>, log: ProblemLog): IdIndex {
  for (const t of Object.values(tables)) {
    const ids = t.strings.get('id');
    if (ids && t.spec.columns[0]?.type.kind === 'id') checkUnique(t, ids, log);
  }
  const idx: IdIndex = {
    assets: new Map(),
    nodes: new Map(),
    oracles: new Map(),
    checkable: {
      assets: canCheck('assets', tables, unreadable),
      nodes: canCheck('nodes', tables, unreadable),
      oracles: canCheck('oracles', tables, unreadable),
    },
  };
  const assets = tables.assets;
  const assetIds = assets?.strings.get('id');
  if (assets && assetIds) {
    for (let i = 0; i < assets.rows; i++) {
      const id = textAt(assetIds, i);
      if (id === null || idx.assets.has(id)) continue;
      idx.assets.set(id, i);
      if (id === NUMERAIRE) checkListedUsd(assets, i, log);
      else checkReserve(assets, i, log);
    }
  }
  const nodes = tables.nodes;
  const nodeIds = nodes?.strings.get('id');
  if (nodes && nodeIds) {
    const kinds = nodes.strings.get('kind');
    for (let i = 0; i < nodes.rows; i++) {
      const id = textAt(nodeIds, i);
      if (id === null || idx.nodes.has(id)) continue;
      idx.nodes.set(id, kinds ? textAt(kinds, i) : null);
      if (id === NUMERAIRE) {
        log.error('nodes', rowOf(nodes, i), 'id', id, 'is the numéraire (USD, the unit of every amount) and cannot be a node id');
      } else if (idx.assets.has(id)) {
        const at = rowOf(assets as CheckedTable, idx.assets.get(id) as number);
        log.error('nodes', rowOf(nodes, i), 'id', id, `is also an asset id (assets row ${at}); assets and nodes share one namespace, rename one`);
      }
    }
  }
  const oracles = tables.oracles;
  const oracleIds = oracles?.strings.get('id');
  if (oracles && oracleIds) {
    const asset = oracles.strings.get('asset');
    for (let i = 0; i < oracles.rows; i++) {
      const id = textAt(oracleIds, i);
      if (id !== null && !idx.oracles.has(id)) idx.oracles.set(id, asset ? textAt(asset, i) : null);
    }
  }
  return idx;
}

function canCheck(name: TableName, tables: Tables, unreadable: ReadonlySet<TableName>): boolean {
  if (unreadable.has(name)) return false;
  const t = tables[name];
  // A required table that is missing is one problem (said once), not one per row that names it.
  if (!t) return !SCHEMA[name].required;
  return !t.missing.has('id');
}

function checkUnique(t: CheckedTable, ids: StringColumn, log: ProblemLog): void {
  // Values that came in strictly ascending order are all different.
  if (ids.byteDict?.sorted && ids.byteDict.distinct) return;
  const first = new Int32Array(dictSize(ids)).fill(-1);
  for (let i = 0; i < t.rows; i++) {
    const c = ids.codes[i] as number;
    if (c < 0) continue;
    const f = first[c] as number;
    if (f < 0) first[c] = i;
    else {
      const rule = `is used by another row too (row ${rowOf(t, f)}); ids must be unique in ${t.name}`;
      log.error(t.name, rowOf(t, i), 'id', ids.dict[c], rule);
    }
  }
}

/** The pool reserve depth_usd / price, in units, must be a number the run can compute with. */
function checkReserve(assets: CheckedTable, i: number, log: ProblemLog): void {
  const price = assets.numbers.get('price')?.[i];
  const depth = assets.numbers.get('depth_usd')?.[i];
  if (price === undefined || depth === undefined || !(price > 0) || !(depth > 0)) return;
  const reserve = depth / price;
  if (!(reserve <= MAX_MAGNITUDE)) {
    log.error('assets', rowOf(assets, i), 'depth_usd', depth, `makes the pool reserve depth_usd / price ${approx(reserve)} units, more than the engine computes with (${MAX_MAGNITUDE}): check the price (${price})`);
  }
}

function checkListedUsd(assets: CheckedTable, i: number, log: ProblemLog): void {
  const price = assets.numbers.get('price')?.[i];
  if (price !== undefined && !Number.isNaN(price) && price !== 1) {
    log.error('assets', rowOf(assets, i), 'price', price, 'must be 1: USD is the numéraire (the unit of every amount)');
  }
  const depth = assets.numbers.get('depth_usd')?.[i];
  if (depth !== undefined && !Number.isNaN(depth)) {
    log.error('assets', rowOf(assets, i), 'depth_usd', depth, 'must be empty: USD is the numéraire and has no price impact');
  }
}
