import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { workspaceFromRows } from '../../test/helpers/workspace';
import { gatherRows, OrderCache, pageBytes, rowOrder } from './table-query';

const ws = workspaceFromRows({
  positions: [
    { id: 'p1', owner: 'fund', venue: 'aave', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USDC', debt_amount: 5, liquidation_threshold: 0.8 },
    { id: 'p2', owner: 'fund-2', venue: 'cex', collateral_asset: 'ETH', collateral_amount: 10, debt_asset: 'USDC', debt_amount: 5, liquidation_threshold: 0.9 },
    { id: 'p10', owner: 'bank', venue: 'aave', collateral_asset: 'WBTC', collateral_amount: 50, debt_asset: 'USDC', debt_amount: 1, liquidation_threshold: 0.8 },
    { id: 'p3', owner: 'Fund', venue: 'aave', collateral_asset: 'ETH', collateral_amount: 5, debt_asset: 'ETH', debt_amount: 0, liquidation_threshold: 0.8 },
  ],
});
const t = ws.tables.positions;
if (!t) throw new Error('fixture');

const ids = (order: Int32Array | null) => gatherRows(t, order, 0, 100).table.getChild('id')?.toArray() as string[];

describe('rowOrder', () => {
  it('is null (table order) with neither sort nor filter', () => {
    expect(rowOrder(t, null, [])).toBeNull();
    expect(ids(null)).toEqual(['p1', 'p2', 'p10', 'p3']);
  });

  it('sorts numbers both ways, ties in table order', () => {
    expect(ids(rowOrder(t, { column: 'collateral_amount', desc: false }, []))).toEqual(['p3', 'p2', 'p10', 'p1']);
    expect(ids(rowOrder(t, { column: 'debt_amount', desc: true }, []))).toEqual(['p1', 'p2', 'p10', 'p3']);
  });

  it('sorts strings naturally and case-blind', () => {
    expect(ids(rowOrder(t, { column: 'id', desc: false }, []))).toEqual(['p1', 'p2', 'p3', 'p10']);
    expect(ids(rowOrder(t, { column: 'id', desc: true }, []))).toEqual(['p10', 'p3', 'p2', 'p1']);
  });

  it('filters strings by substring (any case) and numbers by comparison, all filters at once', () => {
    expect(ids(rowOrder(t, null, [{ column: 'owner', op: 'contains', value: 'FUND' }]))).toEqual(['p1', 'p2', 'p3']);
    expect(ids(rowOrder(t, null, [{ column: 'owner', op: 'eq', value: 'fund' }]))).toEqual(['p1', 'p3']);
    expect(
      ids(
        rowOrder(t, { column: 'collateral_amount', desc: true }, [
          { column: 'owner', op: 'contains', value: 'fund' },
          { column: 'collateral_amount', op: 'ge', value: '10' },
        ]),
      ),
    ).toEqual(['p1', 'p2']);
    expect(ids(rowOrder(t, null, [{ column: 'debt_amount', op: 'lt', value: 'abc' }]))).toEqual([]);
  });

  it('ignores a filter on a column the table does not have', () => {
    expect(rowOrder(t, null, [{ column: 'nope', op: 'eq', value: 1 }])).toBeNull();
  });
});

describe('gatherRows', () => {
  it('pages through the order and survives an Arrow IPC round trip with its types', () => {
    const order = rowOrder(t, { column: 'collateral_amount', desc: true }, []);
    const { table, rows } = gatherRows(t, order, 1, 2);
    expect(rows).toEqual([2, 1]);
    const back = tableFromIPC(pageBytes(table));
    expect(back.numRows).toBe(2);
    expect(back.getChild('id')?.toArray()).toEqual(['p10', 'p2']);
    expect(Array.from(back.getChild('collateral_amount')?.toArray() as Float64Array)).toEqual([50, 10]);
    expect(gatherRows(t, order, 10, 5).rows).toEqual([]);
  });
});

describe('OrderCache', () => {
  it('returns the same order for the same query', () => {
    const cache = new OrderCache(2);
    const a = cache.order(t, { column: 'id', desc: false }, []);
    expect(cache.order(t, { column: 'id', desc: false }, [])).toBe(a);
    cache.order(t, { column: 'id', desc: true }, []);
    cache.order(t, { column: 'owner', desc: true }, []);
    expect(cache.order(t, { column: 'id', desc: false }, [])).not.toBe(a);
  });
});
