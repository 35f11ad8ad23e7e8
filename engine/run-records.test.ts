import { describe, expect, it } from 'vitest';
import { KEEP_RUN_BYTES, KEEP_RUNS, keepRunRecord, runBytes, trimRuns, type RunRecord, type ServeContext } from './serve-context';

describe('kept runs', () => {
  it('keep the newest KEEP_RUNS, and a run kept again becomes the newest', () => {
    const ctx = { runs: new Map<string, RunRecord>() } as unknown as ServeContext;
    const rec = (id: string) => ({ result: { runId: id } }) as unknown as RunRecord;
    for (let i = 0; i < KEEP_RUNS; i++) keepRunRecord(ctx, `r${i}`, rec(`r${i}`));
    keepRunRecord(ctx, 'r0', rec('r0'));
    keepRunRecord(ctx, 'new', rec('new'));
    expect([...ctx.runs.keys()]).toEqual([...Array.from({ length: KEEP_RUNS - 2 }, (_, i) => `r${i + 2}`), 'r0', 'new']);
  });
});

describe('kept runs by size', () => {
  it('forget the oldest past KEEP_RUN_BYTES, always keeping the newest two', () => {
    const ctx = { runs: new Map<string, RunRecord>() } as unknown as ServeContext;
    // A 1M-position run's size: 3.5M loss edges, 434k liquidations, 800k node rows.
    const big = { losses: 3_500_000, liquidations: 434_000, nodes: 800_000, prices: 480, venues: 400, oracles: 800 };
    const rec = (id: string, rowCounts: Record<string, number>) => ({ result: { runId: id, rowCounts } }) as unknown as RunRecord;
    expect(runBytes(rec('x', big))).toBe(3_500_000 * 29 + 434_000 * 33 + 800_000 * 45 + 480 * 32 + 400 * 38 + 800 * 25);
    const each = runBytes(rec('x', big));
    const fit = Math.floor(KEEP_RUN_BYTES / each);
    expect(fit).toBeGreaterThanOrEqual(2);
    expect(fit).toBeLessThan(KEEP_RUNS);
    for (let i = 0; i < KEEP_RUNS; i++) keepRunRecord(ctx, `r${i}`, rec(`r${i}`, big));
    expect([...ctx.runs.keys()]).toEqual(Array.from({ length: fit }, (_, i) => `r${KEEP_RUNS - fit + i}`));
    // However large, the newest two stay.
    const huge = { ...big, losses: 100_000_000 };
    keepRunRecord(ctx, 'h1', rec('h1', huge));
    keepRunRecord(ctx, 'h2', rec('h2', huge));
    expect([...ctx.runs.keys()]).toEqual(['h1', 'h2']);
    // A run grown by its completion is trimmed against the others.
    const small = { losses: 0, liquidations: 10, nodes: 10, prices: 1, venues: 1, oracles: 1 };
    const ctx2 = { runs: new Map<string, RunRecord>() } as unknown as ServeContext;
    for (const id of ['a', 'b', 'c']) keepRunRecord(ctx2, id, rec(id, small));
    (ctx2.runs.get('c') as RunRecord).result.rowCounts = { ...big, losses: Math.ceil(KEEP_RUN_BYTES / 29) };
    trimRuns(ctx2);
    expect([...ctx2.runs.keys()]).toEqual(['b', 'c']);
  });
});
