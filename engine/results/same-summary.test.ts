import { describe, expect, it } from 'vitest';
import { sameResults } from './same-summary';

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
