import { describe, expect, it } from 'vitest';
import { makeVector, Table, vectorFromArray } from 'apache-arrow';
import { firstDifference, firstTableDifference, sameResults } from './same-summary';

describe('sameResults', () => {
  const base = { total_loss_usd: 30_940_000.123, amplification: 1.87, converged: true, nodes: { a: { path: ['event:0', 'ETH', 'a'], default_step: 3, recovery_rate: 0 } }, warnings: ['w'] };
  it('accepts numbers that differ by rounding only', () => {
    expect(sameResults(base, { ...base, total_loss_usd: 30_940_000.123 * (1 + 2e-14) })).toBe(true);
    expect(sameResults(base, { ...base, nodes: { a: { ...base.nodes.a, recovery_rate: 1e-12 } } })).toBe(true);
  });
  it('refuses other numbers, paths, flags, steps, keys and texts', () => {
    expect(sameResults(base, { ...base, total_loss_usd: 30_940_001 })).toBe(false);
    expect(sameResults(base, { ...base, converged: false })).toBe(false);
    expect(sameResults(base, { ...base, nodes: { a: { ...base.nodes.a, path: ['event:0', 'BTC', 'a'] } } })).toBe(false);
    expect(sameResults(base, { ...base, nodes: { a: { ...base.nodes.a, default_step: null } } })).toBe(false);
    expect(sameResults(base, { ...base, warnings: [] })).toBe(false);
    expect(sameResults(base, { ...base, extra: 1 })).toBe(false);
    expect(sameResults({ x: NaN }, { x: NaN })).toBe(true);
    expect(sameResults({ x: NaN }, { x: 0 })).toBe(false);
    expect(sameResults({ x: Infinity }, { x: 1e308 })).toBe(false);
  });
});

describe('firstDifference and firstTableDifference', () => {
  it('name the first place two summaries disagree, by path', () => {
    const a = { total: 1, nodes: { b: { path: ['event:0', 'ETH', 'b'], default_step: 3 } }, warnings: [] };
    expect(firstDifference(a, { ...a, total: 1 + 1e-12 })).toBeNull();
    expect(firstDifference(a, { ...a, total: 2 })).toBe('total: saved 1, now 2');
    expect(firstDifference(a, { ...a, nodes: { b: { ...a.nodes.b, path: ['event:0', 'BTC', 'b'] } } })).toBe('nodes.b.path[1]: saved "ETH", now "BTC"');
    expect(firstDifference(a, { ...a, nodes: { b: { ...a.nodes.b, default_step: null } } })).toBe('nodes.b.default_step: saved 3, now null');
    expect(firstDifference(a, { ...a, extra: true })).toBe('extra: saved nothing, now true');
  });

  it('name a table, a column, a row count or a cell (rows from 1), numbers within rounding unless exact', () => {
    const t = (price: number[], ids = ['a', 'b']) => new Table({ asset: vectorFromArray(ids.slice(0, price.length)), price: makeVector(Float64Array.from(price)) });
    expect(firstTableDifference({ prices: t([1, 2]) }, { prices: t([1, 2 * (1 + 1e-13)]) })).toBeNull();
    expect(firstTableDifference({ prices: t([1, 2]) }, { prices: t([1, 2 * (1 + 1e-13)]) }, true)).toMatch(/^prices\.price row 2: saved 2, now 2\.0000000000002/);
    expect(firstTableDifference({ prices: t([1, 2]) }, { prices: t([1, 3]) })).toBe('prices.price row 2: saved 2, now 3');
    expect(firstTableDifference({ prices: t([1, 2]) }, { prices: t([1, 2], ['a', 'c']) })).toBe('prices.asset row 2: saved "b", now "c"');
    expect(firstTableDifference({ prices: t([1, 2]) }, { prices: t([1]) })).toBe('the prices table: saved 2 rows, now 1');
    expect(firstTableDifference({ prices: t([1]) }, { prices: t([1]), venues: t([1]) })).toBe('the venues table: made now, not saved');
  });

  it('hold prices to 1e-9 of themselves alone: a token priced 1e-7 that moved 9× differs (it read as near zero)', () => {
    expect(firstDifference({ final_prices: { PEPE: 1e-7 } }, { final_prices: { PEPE: 9e-7 } })).toBe('final_prices.PEPE: saved 1e-7, now 9e-7');
    expect(firstDifference({ total_loss_usd: 1e-7 }, { total_loss_usd: 9e-7 })).toBeNull();
    const t = (p: number) => new Table({ market_price: makeVector(Float64Array.from([p])) });
    expect(firstTableDifference({ prices: t(1e-7) }, { prices: t(9e-7) })).toBe('prices.market_price row 1: saved 1e-7, now 9e-7');
  });
});
