import { describe, expect, it } from 'vitest';
import { KEEP_RUNS, keepRunRecord, type RunRecord, type ServeContext } from './serve-context';

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
