import type { CheckedTable } from './checked-table';
import { rowOf, showNumber, textAt } from './checked-table';
import type { IdIndex, Tables } from './check-ids';
import type { ProblemLog } from './problems';
import { sharedValues } from './shared-values';
import { NUMERAIRE } from './schema';

/**
 * The rules that tie rows of different tables together (MODEL §1): a feed's oracle reports the
 * feed's asset, one feed per venue and asset, perp ids differ from position ids, nobody owes
 * itself, USD has no backing.
 */
export function checkLinks(tables: Tables, idx: IdIndex, log: ProblemLog): void {
  if (tables.feeds) checkFeeds(tables.feeds, idx, log);
  const perps = tables.perps;
  const perpIds = perps?.strings.get('id');
  const positionIds = tables.positions?.strings.get('id');
  if (perps && perpIds && positionIds) {
    const taken = sharedValues(perpIds, positionIds);
    for (let i = 0; taken && i < perps.rows; i++) {
      const k = perpIds.codes[i] as number;
      if (k >= 0 && taken[k]) {
        log.error('perps', rowOf(perps, i), 'id', perpIds.dict[k], 'is also a position id; perps become positions, so their ids must differ');
      }
    }
  }
  const obligations = tables.obligations;
  const debtor = obligations?.strings.get('debtor');
  const creditor = obligations?.strings.get('creditor');
  if (obligations && debtor && creditor) {
    for (let i = 0; i < obligations.rows; i++) {
      const d = textAt(debtor, i);
      if (d !== null && d === textAt(creditor, i)) {
        log.error('obligations', rowOf(obligations, i), 'creditor', d, 'is the debtor too; a node cannot owe itself');
      }
    }
  }
  const backing = tables.backing;
  const backed = backing?.strings.get('asset');
  if (backing && backed) {
    for (let i = 0; i < backing.rows; i++) {
      if (textAt(backed, i) === NUMERAIRE) {
        log.error('backing', rowOf(backing, i), 'asset', NUMERAIRE, 'is the numéraire (price 1 forever) and cannot be backed');
      }
    }
  }
}

function checkFeeds(feeds: CheckedTable, idx: IdIndex, log: ProblemLog): void {
  const venue = feeds.strings.get('venue');
  const asset = feeds.strings.get('asset');
  const oracle = feeds.strings.get('oracle');
  if (!venue || !asset) return;
  const first = new Map<string, number>();
  for (let i = 0; i < feeds.rows; i++) {
    const v = textAt(venue, i);
    const a = textAt(asset, i);
    if (v === null || a === null) continue;
    const o = oracle ? textAt(oracle, i) : null;
    const reports = o === null ? undefined : idx.oracles.get(o);
    if (o !== null && reports !== undefined && reports !== null && reports !== a) {
      log.error('feeds', rowOf(feeds, i), 'oracle', o, `reports ${reports}, not ${a}; a feed's oracle must report the feed's asset`);
    }
    const key = JSON.stringify([v, a]);
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else {
      const rule = `already has a feed for ${a} (row ${rowOf(feeds, at)}); one feed per venue and asset`;
      log.error('feeds', rowOf(feeds, i), 'venue', v, rule);
    }
  }
}

/**
 * Values that are allowed but probably wrong, as warnings with the likely fix: fractions written
 * as percents, implausible prices, over-full backing, debt without collateral, unused nodes.
 */
export function checkSuspicious(tables: Tables, referenced: ReadonlySet<string>, log: ProblemLog): void {
  const { assets, oracles, positions, perps, backing, nodes } = tables;
  if (assets) priceWarnings(assets, 'price', log);
  if (perps) priceWarnings(perps, 'entry_price', log);
  if (oracles) percentWarnings(oracles, 'deviation', log);
  if (positions) {
    percentWarnings(positions, 'liquidation_bonus', log);
    const coll = positions.numbers.get('collateral_amount');
    const debt = positions.numbers.get('debt_amount');
    // No collateral of 0, as the reader counted: nothing to warn of.
    const none = (positions.bounds.get('collateral_amount')?.min ?? 0) > 0;
    for (let i = 0; !none && coll && debt && i < positions.rows; i++) {
      if (coll[i] === 0 && (debt[i] as number) > 0) {
        const rule = `is 0 while debt_amount is ${showNumber(debt[i] as number)}: the position is all bad debt at its first liquidation`;
        log.warn('positions', rowOf(positions, i), 'collateral_amount', 0, rule);
      }
    }
  }
  if (backing) backingWarnings(backing, log);
  const ids = nodes?.strings.get('id');
  if (nodes && ids) {
    for (let i = 0; i < nodes.rows; i++) {
      const id = textAt(ids, i);
      if (id !== null && !referenced.has(id)) {
        const rule = 'is referenced by nothing: no position, perp, holding, obligation, backing or feed names it';
        log.warn('nodes', rowOf(nodes, i), 'id', id, rule);
      }
    }
  }
}

function priceWarnings(t: CheckedTable, column: string, log: ProblemLog): void {
  const s = t.bounds.get(column);
  if (s && s.min >= 1e-6 && s.max <= 1e7) return;
  const values = t.numbers.get(column);
  const ids = t.strings.get(t.name === 'assets' ? 'id' : 'asset');
  for (let i = 0; values && i < t.rows; i++) {
    const v = values[i] as number;
    if (ids && textAt(ids, i) === NUMERAIRE) continue;
    if (v < 1e-6) log.warn(t.name, rowOf(t, i), column, v, 'is below 1e-6 USD per unit; check that it is a price in USD per unit');
    else if (v > 1e7) log.warn(t.name, rowOf(t, i), column, v, 'is above 1e7 USD per unit; check that it is a price in USD per unit');
  }
}

function percentWarnings(t: CheckedTable, column: string, log: ProblemLog): void {
  const s = t.bounds.get(column);
  if (s && (s.max <= 1 || s.min > 100)) return;
  const values = t.numbers.get(column);
  for (let i = 0; values && i < t.rows; i++) {
    const v = values[i] as number;
    if (v > 1 && v <= 100) {
      const rule = `is above 1, i.e. over 100%; if it is a percent, did you mean ${showNumber(v / 100)}?`;
      log.warn(t.name, rowOf(t, i), column, v, rule);
    }
  }
}

function backingWarnings(backing: CheckedTable, log: ProblemLog): void {
  const asset = backing.strings.get('asset');
  const share = backing.numbers.get('share');
  if (!asset || !share) return;
  const sums = new Float64Array(asset.dict.length);
  const firstRow = new Int32Array(asset.dict.length).fill(-1);
  for (let i = 0; i < backing.rows; i++) {
    const k = asset.codes[i] as number;
    const s = share[i] as number;
    if (k < 0 || Number.isNaN(s)) continue;
    sums[k] = (sums[k] as number) + s;
    if ((firstRow[k] as number) < 0) firstRow[k] = i;
  }
  asset.dict.forEach((id, k) => {
    const sum = sums[k] as number;
    if (sum > 1 + 1e-12) {
      const rule = `together with the other backing rows of ${id} sums to ${showNumber(sum)}, above 1; the backing factor B is clamped to [0, 1]`;
      log.warn('backing', rowOf(backing, firstRow[k] as number), 'share', showNumber(sum), rule);
    }
  });
}
