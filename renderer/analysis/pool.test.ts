import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../engine/protocol';
import { serve } from '../../engine/serve';
import { createEngineClient, type EngineClient } from '../engine-client';
import { poolSize, WorkspacePool } from './pool';

// The window's analysis pool over in-process engines (the same serve() the Web Workers run):
// the workspace is handed over as project bytes, and results do not depend on the pool's size.

/** An engine in this thread, spoken to like a Web Worker; `sent` counts the requests by method. */
function engine(sent: string[] = []): EngineClient {
  let toEngine: ((m: unknown) => void) | null = null;
  let toClient: ((m: unknown) => void) | null = null;
  const endpoint: Endpoint = { post: (m) => setImmediate(() => toClient?.(m)), onMessage: (cb) => (toEngine = cb) };
  serve(endpoint, { now: () => performance.now(), yieldToEvents: () => new Promise((r) => setImmediate(r)) });
  return createEngineClient({
    post: (m) => {
      sent.push((m as { method: string }).method);
      setImmediate(() => toEngine?.(m));
    },
    onMessage: (l) => (toClient = l),
    onFailure: () => undefined,
    close: () => undefined,
  });
}

const DEMO = join(__dirname, '..', '..', 'assets', 'demo');
const files = () => readdirSync(join(DEMO, 'workspace')).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', name))) }));
const flashCrash: unknown = JSON.parse(readFileSync(join(DEMO, 'scenarios', 'flash-crash.json'), 'utf8'));

let main: EngineClient;
let hash = '';

beforeAll(async () => {
  main = engine();
  const r = await main.request('workspace.import', { files: files() });
  if (!r.ok) throw new Error(r.error.message);
  hash = r.value.hash;
});

async function value<T>(job: { result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }> }): Promise<T> {
  const r = await job.result;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('the analysis pool of the window', () => {
  it('has cores − 1 workers, at least one', () => {
    expect([poolSize(8), poolSize(2), poolSize(1), poolSize(undefined)]).toEqual([7, 1, 1, 1]);
    expect([poolSize(2, '2'), poolSize(2, '0'), poolSize(2, 'many'), poolSize(4, '1.5')]).toEqual([2, 1, 1, 3]);
  });

  it('hands the open workspace to every worker once, as project bytes', async () => {
    const sent: string[] = [];
    const pool = new WorkspacePool([engine(sent), engine(sent)]);
    expect(pool.workspaceHash).toBeNull();
    const [a, b] = await Promise.all([pool.ensureWorkspace(main, hash), pool.ensureWorkspace(main, hash)]);
    expect([a, b]).toEqual([{ ok: true }, { ok: true }]);
    expect(pool.workspaceHash).toBe(hash);
    expect(sent).toEqual(['project.open', 'project.open']);
    expect(await pool.ensureWorkspace(main, hash)).toEqual({ ok: true });
    expect(sent).toHaveLength(2);
    // A hash the main engine does not hold is refused rather than analysed on the wrong tables.
    const wrong = await pool.ensureWorkspace(main, 'f'.repeat(64));
    expect(wrong.ok).toBe(false);
    expect(pool.workspaceHash).toBeNull();
  });

  it('gives identical sweeps and Monte Carlos with 1 and 2 workers', async () => {
    const one = new WorkspacePool([engine()]);
    const two = new WorkspacePool([engine(), engine()]);
    for (const p of [one, two]) expect(await p.ensureWorkspace(main, hash)).toEqual({ ok: true });
    const sweep = { scenario: flashCrash, axes: [{ parameter: 'event[0,1].change', from: -0.1, to: -0.5, points: 5 }], kpi: 'total_bad_debt_usd' };
    const s1 = await value(one.pool.sweep(sweep));
    const s2 = await value(two.pool.sweep(sweep));
    expect(s2).toEqual(s1);
    expect(s1.stamp?.workspace_hash).toBe(hash);
    expect(s1.runs).toBe(5);
    expect(s1.axes[0]?.values).toEqual([-0.1, -0.2, -0.3, -0.4, -0.5]);

    const mc = { scenario: { name: 'base', steps: 30, events: [] }, draws: 40, seed: 7, assets: ['ETH', 'BTC'], vols: [0.2, 0.15], correlation: [[1, 0.7], [0.7, 1]], nu: 4, worst: 3 };
    const m1 = await value(one.pool.monteCarlo(mc));
    const m2 = await value(two.pool.monteCarlo(mc));
    expect(m2).toEqual(m1);
    expect(m1.worst).toHaveLength(3);
  });
});
