import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessEngine } from '../test/helpers/in-process-engine';

const DEMO = join(__dirname, '..', 'assets', 'demo');
const files = readdirSync(join(DEMO, 'workspace')).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', name))) }));
const scenario = JSON.parse(readFileSync(join(DEMO, 'scenarios', 'flash-crash.json'), 'utf8')) as { name: string };

describe('a sweep’s point opened as a run', () => {
  it('is named as asked, says which scenario it ran, and that scenario makes its report', async () => {
    const request = inProcessEngine().raw;
    expect(await request('workspace.import', { files })).toMatchObject({ ok: true });
    const sweep = { scenario, axes: [{ parameter: 'event[0].change', values: [-0.05, -0.06] }] };
    const opened = (await request('analysis.openRun', { runId: 'point-0', sweep, point: 0, name: 'ETH shock −5%' })) as { ok: boolean; result: { summary: { scenario: string }; scenario?: { name: string; events: { change?: number }[] } } };
    expect(opened.ok).toBe(true);
    expect(opened.result.summary.scenario).toBe('ETH shock −5%');
    expect(opened.result.scenario?.name).toBe('ETH shock −5%');
    expect(opened.result.scenario?.events[0]?.change).toBe(-0.05);
    const report = await request('results.report', { runId: 'point-0', scenario: opened.result.scenario });
    expect(report).toMatchObject({ ok: true });
    // The base scenario is not the one run: no report from it.
    expect(await request('results.report', { runId: 'point-0', scenario })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });
});
