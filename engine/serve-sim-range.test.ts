import { describe, expect, it } from 'vitest';
import { inProcessEngine } from '../test/helpers/in-process-engine';

const text = (s: string) => new TextEncoder().encode(s);
const files = [
  { name: 'assets.csv', bytes: text('id,price,depth_usd\nETH,2000,10000000\n') },
  { name: 'nodes.csv', bytes: text('id,kind,external_assets_usd\nlend,venue,1000000\nfund,entity,0\n') },
  { name: 'positions.csv', bytes: text('id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount,liquidation_threshold\np1,fund,lend,ETH,100,USD,150000,0.825\n') },
  { name: 'holdings.csv', bytes: text('owner,asset,amount\nfund,ETH,1e306\n') },
];

describe('sim.run on numbers beyond the engine’s range', () => {
  it('answers a scenario error naming the event, or where the run stopped, and keeps no run', async () => {
    const request = inProcessEngine().raw;
    expect(await request('workspace.import', { files })).toMatchObject({ ok: true });
    const shock = await request('scenario.validate', { scenario: { steps: 5, events: [{ type: 'price_shock', asset: 'ETH', change: 1e308, at: 0 }] } });
    expect(shock).toMatchObject({ ok: false, error: { kind: 'invalid-scenario', problems: [{ index: 0, field: 'change' }] } });
    for (const preview of [false, true]) {
      const run = await request('sim.run', { runId: `r-${preview}`, scenario: { steps: 5, events: [] }, preview });
      expect(run).toMatchObject({
        ok: false,
        error: {
          kind: 'invalid-scenario',
          message: 'The run cannot be computed.',
          problems: [{ index: null, field: null, message: "the run stopped after step 0: the value of node fund (Infinity) is not a finite number; the workspace's or the scenario's numbers are beyond the range the engine computes in" }],
        },
      });
      expect(await request('results.summary', { runId: `r-${preview}` })).toMatchObject({ ok: false });
    }
  });

  it('answers an analysis whose run overflows with the reason instead of KPIs that are not numbers', async () => {
    const request = inProcessEngine().raw;
    const sane = files.map((f) => (f.name === 'holdings.csv' ? { name: f.name, bytes: text('owner,asset,amount\nfund,ETH,1e303\n') } : f));
    expect(await request('workspace.import', { files: sane })).toMatchObject({ ok: true });
    // 1e303 ETH at $2,000 is 2e306; a hundredfold price passes a double's range.
    const spec = { scenario: { steps: 5, events: [{ type: 'price_shock', asset: 'ETH', change: 0, at: 0 }] }, axes: [{ parameter: 'event[0].change', values: [0, 99] }] };
    const fine = await request('analysis.sweepPoints', { jobId: 'j1', spec, points: [0] });
    expect(fine).toMatchObject({ ok: true });
    const over = await request('analysis.sweepPoints', { jobId: 'j2', spec, points: [0, 1] });
    expect(over).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-request',
        message: "The analysis cannot be computed: at event[0].change = 99: the run stopped after step 0: the value of node fund (Infinity) is not a finite number; the workspace's or the scenario's numbers are beyond the range the engine computes in.",
      },
    });
    // A Monte Carlo draw that overflows is named with its shocks.
    const mc = { scenario: { steps: 5, events: [] }, draws: 8, seed: 1, assets: ['ETH'], vols: [10] };
    expect(await request('analysis.mcDraws', { jobId: 'j4', spec: mc, from: 0, to: 8 })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^The analysis cannot be computed: at draw \d+ \(ETH [\d.e+]+%\): the run stopped after step 0: /) },
    });
    // A workspace value an override sets is held to the workspace's range, point by point, before any run.
    const huge = { scenario: { steps: 5, events: [] }, axes: [{ parameter: 'node[fund].external_assets_usd', values: [0, 1.79e308] }] };
    expect(await request('analysis.sweepPoints', { jobId: 'j3', spec: huge, points: [0, 1] })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('at node[fund].external_assets_usd = 1.79e+308: node[fund].external_assets_usd must be from 0 to 1e+100 (USD)') },
    });
  });
});
