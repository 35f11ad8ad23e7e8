import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessEngine } from '../test/helpers/in-process-engine';
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

describe('kept runs pinned by the app', () => {
  const rec = (id: string, rowCounts: Record<string, number> = {}) => ({ result: { runId: id, rowCounts } }) as unknown as RunRecord;
  // A 1M-position run's size, as above.
  const big = { losses: 3_500_000, liquidations: 434_000, nodes: 800_000, prices: 480, venues: 400, oracles: 800 };

  it('go only once every other has gone: past KEEP_RUNS the oldest not pinned goes, and trimRuns says which', () => {
    const ctx = { runs: new Map<string, RunRecord>(), pinned: new Set(['r0', 'r1']) } as unknown as ServeContext;
    const gone: string[] = [];
    for (let i = 0; i < KEEP_RUNS + 3; i++) gone.push(...keepRunRecord(ctx, `r${i}`, rec(`r${i}`)));
    expect(gone).toEqual(['r2', 'r3', 'r4']);
    expect([...ctx.runs.keys()].slice(0, 2)).toEqual(['r0', 'r1']);
    expect(ctx.runs.size).toBe(KEEP_RUNS);
  });

  it('stay past KEEP_RUN_BYTES while runs not pinned can go; the newest never goes, and pinned ones go last', () => {
    const ctx = { runs: new Map<string, RunRecord>(), pinned: new Set(['a', 'b']) } as unknown as ServeContext;
    const fit = Math.floor(KEEP_RUN_BYTES / runBytes(rec('x', big)));
    const ids = ['a', 'b', ...Array.from({ length: KEEP_RUNS - 2 }, (_, i) => `r${i}`)];
    const gone = ids.flatMap((id) => keepRunRecord(ctx, id, rec(id, big)));
    // Unpinned, the oldest runs ('a', 'b') went first (the test above): pinned, the next oldest go.
    expect(gone).toEqual(ids.slice(2, 2 + KEEP_RUNS - fit));
    expect([...ctx.runs.keys()]).toEqual(['a', 'b', ...ids.slice(2 + KEEP_RUNS - fit)]);
    // Pinned runs that alone pass the budget: the oldest pinned goes, never the newest.
    const huge = { ...big, losses: Math.ceil(KEEP_RUN_BYTES / 29) };
    const ctx2 = { runs: new Map<string, RunRecord>(), pinned: new Set(['p', 'q', 'n']) } as unknown as ServeContext;
    keepRunRecord(ctx2, 'p', rec('p', huge));
    keepRunRecord(ctx2, 'q', rec('q', huge));
    expect(keepRunRecord(ctx2, 'n', rec('n', huge))).toEqual(['p']);
    expect([...ctx2.runs.keys()]).toEqual(['q', 'n']);
  });
});

describe('sim.run keep', () => {
  it('keeps the runs it names before the others, and the answer names the runs let go', async () => {
    const demo = join(__dirname, '..', 'assets', 'demo');
    const files = readdirSync(join(demo, 'workspace')).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(demo, 'workspace', name))) }));
    const scenario = JSON.parse(readFileSync(join(demo, 'scenarios', 'flash-crash.json'), 'utf8')) as unknown;
    const { request } = inProcessEngine();
    expect((await request('workspace.import', { files })).ok).toBe(true);
    const released: string[][] = [];
    for (let i = 0; i < KEEP_RUNS + 2; i++) {
      const r = await request('sim.run', { runId: `r${i}`, scenario, ...(i === 2 ? { keep: ['r0', 'r1'] } : {}) });
      if (!r.ok) throw new Error(r.error.message);
      released.push(r.value.released ?? []);
    }
    // The list given once stands for the runs after it.
    expect(released.flat()).toEqual(['r2', 'r3']);
    expect(released[KEEP_RUNS]).toEqual(['r2']);
    expect((await request('results.summary', { runId: 'r0' })).ok).toBe(true);
    expect((await request('results.summary', { runId: 'r2' })).ok).toBe(false);
    // A kept run's summary does not repeat what its run let go.
    const later = await request('results.summary', { runId: `r${KEEP_RUNS}` });
    expect(later.ok && later.value.released).toBeUndefined();

    // results.keep sets the list between runs: runs opened from an analysis make room around it too.
    const keep = await request('results.keep', { runIds: ['r0', `r${KEEP_RUNS + 1}`, 'gone'] });
    expect(keep).toEqual({ ok: true, value: { kept: ['r0', `r${KEEP_RUNS + 1}`] } });
    for (let i = 0; i < KEEP_RUNS; i++) expect((await request('analysis.openRun', { runId: `a${i}`, scenario })).ok).toBe(true);
    expect((await request('results.summary', { runId: 'r0' })).ok).toBe(true);
    expect((await request('results.summary', { runId: `r${KEEP_RUNS + 1}` })).ok).toBe(true);
    expect((await request('results.summary', { runId: 'r1' })).ok).toBe(false);
  });
});
