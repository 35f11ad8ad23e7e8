import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { inProcessEngine } from '../test/helpers/in-process-engine';

const engine = () => inProcessEngine().raw;

const DEMO = join(__dirname, '..', 'assets', 'demo');
const files = readdirSync(join(DEMO, 'workspace')).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', name))) }));
const scenario = JSON.parse(readFileSync(join(DEMO, 'scenarios', 'flash-crash.json'), 'utf8')) as unknown;

describe('view requests through serve()', () => {
  it('answer the overview, sorted pages, levels, and run charts asked for together with the run', async () => {
    const request = engine();
    expect(await request('view.overview', {})).toMatchObject({ ok: false, error: { kind: 'no-workspace' } });
    expect(await request('workspace.import', { files })).toMatchObject({ ok: true });

    const overview = (await request('view.overview', {})) as { ok: true; result: { totals: { nodes: number }; ids: { assets: string[] } } };
    expect(overview.result.totals.nodes).toBe(41);
    expect(overview.result.ids.assets).toContain('ETH');

    const page = (await request('view.query', {
      source: { kind: 'workspace', table: 'positions' },
      sort: { column: 'collateral_amount', desc: true },
      filters: [{ column: 'venue', op: 'eq', value: 'spark' }],
      offset: 0,
      limit: 3,
    })) as { ok: true; result: { ipc: Uint8Array; matched: number; totalRows: number; rows: number[]; columns: { name: string; unit: string }[] } };
    expect(page.result).toMatchObject({ matched: 58, totalRows: 237 });
    const rows = tableFromIPC(page.result.ipc);
    const amounts = Array.from(rows.getChild('collateral_amount')?.toArray() as Float64Array);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(rows.getChild('venue')?.toArray()).toEqual(['spark', 'spark', 'spark']);
    expect(page.result.columns.find((c) => c.name === 'collateral_amount')?.unit).toBe('units');
    expect(await request('view.query', { source: { kind: 'workspace', table: 'positions' }, filters: 'nope' })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });

    expect(await request('view.liquidationLevels', { asset: 'ETH', binWidth: 0.05 })).toMatchObject({ ok: true, result: { asset: 'ETH', binWidth: 0.05 } });
    expect(await request('view.liquidationLevels', { asset: 'DOGE' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });

    const [run, charts] = await Promise.all([request('sim.run', { runId: 'r1', scenario }), request('view.runCharts', { runId: 'r1' })]);
    expect(run).toMatchObject({ ok: true });
    const c = charts as { ok: true; result: { runId: string; stepsRun: number; defaults: { node: string }[] } };
    expect(c.ok).toBe(true);
    expect(c.result.runId).toBe('r1');
    expect(c.result.defaults.map((d) => d.node).sort()).toEqual(['fund-alpha', 'orbit']);

    const series = (await request('view.nodeSeries', { runId: 'r1', node: 'orbit' })) as { ok: true; result: { defaultStep: number; equity: number[] } };
    expect(series.result.defaultStep).toBe(0);
    expect(series.result.equity.length).toBe(c.result.stepsRun);
    expect(await request('view.nodeSeries', { runId: 'r1', node: 'nobody' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });

    const results = (await request('view.query', { source: { kind: 'results', runId: 'r1', table: 'liquidations' }, sort: { column: 'repaid_usd', desc: true }, filters: [], offset: 0, limit: 1 })) as {
      ok: true;
      result: { matched: number };
    };
    expect(results.result.matched).toBeGreaterThan(0);
  });
});
