import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { openRows } from '../../test/analysis/open-rows';
import type { Rows } from '../../test/helpers/workspace';
import { summarize } from '../results/summary';
import { compilePlan } from '../sim/plan';
import { Simulation } from '../sim/simulation';
import type { AnalysisWorkspace } from './evaluate';
import { evaluate, packKpis } from './evaluate';
import { applyParameters, parseParameter, type Parameter } from './params';
import type { Scenario } from '../scenario/scenario';
import { KPI, runKpis, SCALAR_KPIS } from './run-kpis';
import { mergeSweep } from './sweep-merge';
import { narrowSweepSpec, sweepPoint, type SweepSpec } from './sweep-spec';
import { parameterLabel } from './params';

/** A sweep run in process, point by point (the pool does the same over workers). */
function runSweep(aw: AnalysisWorkspace, raw: unknown) {
  const s = narrowSweepSpec(raw, aw);
  if (!s.ok) throw new Error(s.error.join('\n'));
  const spec: SweepSpec = s.value;
  const n = spec.axes.reduce((k, a) => k * a.values.length, 1);
  const points = Array.from({ length: n }, (_, k) => k);
  const runs = points.map((k) => {
    const p = sweepPoint(spec, k);
    return evaluate(aw, p.scenario, p.overrides);
  });
  return { spec, result: mergeSweep(spec.axes.map((a) => ({ parameter: parameterLabel(a.parameter), values: a.values })), spec.kpi, aw.ids, packKpis(points, runs, aw.ids)) };
}

const oracleLag: Rows = {
  assets: [{ id: 'ETH', price: 2000, depth_usd: 10_000_000 }],
  nodes: [
    { id: 'lend', kind: 'venue', external_assets_usd: 1_000_000 },
    { id: 'fund', kind: 'entity', external_assets_usd: 0 },
    { id: 'fund2', kind: 'entity', external_assets_usd: 0 },
  ],
  oracles: [{ id: 'cl-eth', asset: 'ETH', delay_steps: 2, deviation: 0.01, heartbeat_steps: 5 }],
  feeds: [{ venue: 'lend', asset: 'ETH', oracle: 'cl-eth' }],
  positions: [
    { id: 'p1', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 150_000, liquidation_threshold: 0.825, liquidation_bonus: 0.05, close_factor: 0.5 },
    { id: 'p2', owner: 'fund2', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 300, debt_asset: 'USD', debt_amount: 420_000, liquidation_threshold: 0.85, liquidation_bonus: 0.075, close_factor: 0.5 },
  ],
};
const lagScenario = { name: 'ETH -25% seen 2 steps late', steps: 30, events: [{ type: 'price_shock', asset: 'ETH', change: -0.25, at: 0 }] };

describe('run KPIs', () => {
  it('equal the summary of the same run to the last bit (loss graph on or off)', async () => {
    const aw = await openRows(oracleLag);
    const plan = compilePlan({ ...lagScenario, description: '', options: { fire_sale_on_default: true, halt_venue_on_default: true, liquidator_profit_check: true, max_iterations_clearing: 10_000, tolerance: 1e-9 } } as never, aw.cw.model);
    const full = new Simulation(aw.cw, plan).runToEnd();
    const summary = summarize(full);
    const fast = runKpis(new Simulation(aw.cw, plan, { losses: false }).runToEnd(), aw.venues);
    expect(fast.scalars[KPI.total_liquidated_usd]).toBe(summary.total_liquidated_usd);
    expect(fast.scalars[KPI.total_bad_debt_usd]).toBe(summary.total_bad_debt_usd);
    expect(fast.scalars[KPI.total_loss_usd]).toBe(summary.total_loss_usd);
    expect(fast.scalars[KPI.direct_loss_usd]).toBe(summary.direct_loss_usd);
    expect(fast.scalars[KPI.amplification]).toBe(summary.amplification);
    expect(fast.scalars[KPI.steps_run]).toBe(summary.steps_run);
    expect(fast.venueBadDebt[0]).toBe(summary.venues.lend?.bad_debt_usd);
    // The worked case of test/cases/oracle-lag.
    expect(summary.total_bad_debt_usd).toBeCloseTo(30317.084933662565, 6);
  });
});

describe('sweeps', () => {
  it('set an event’s length from its from at the same point, whichever axis moves from (a length before from counted from the old from)', () => {
    const base = { name: 'x', description: '', steps: 10, events: [{ type: 'oracle_freeze', oracle: 'o', from: 0, to: 0 }], options: {} } as unknown as Scenario;
    const p = (text: string): Parameter => {
      const r = parseParameter(text);
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    const window = (params: Parameter[], values: number[]) => applyParameters(base, {}, params, values).scenario.events[0] as unknown as { from: number; to: number };
    expect(window([p('event[0].length'), p('event[0].from')], [2, 5])).toMatchObject({ from: 5, to: 6 });
    expect(window([p('event[0].from'), p('event[0].length')], [5, 2])).toMatchObject({ from: 5, to: 6 });
    expect(window([p('event[0].length')], [3])).toMatchObject({ from: 0, to: 2 });
  });

  it('where the model guarantees it, losses and defaults grow with the drop (holdings and USD debts, no depth)', async () => {
    // Eisenberg–Noe's greatest clearing vector is monotone in external values, which fall with the price.
    const rows: Rows = {
      assets: [{ id: 'ETH', price: 2000 }],
      nodes: ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, kind: 'entity', external_assets_usd: 1000 * i })),
      holdings: [
        { owner: 'a', asset: 'ETH', amount: 5 },
        { owner: 'b', asset: 'ETH', amount: 3 },
        { owner: 'c', asset: 'ETH', amount: 1 },
        { owner: 'e', asset: 'ETH', amount: 2 },
      ],
      obligations: [
        { debtor: 'a', creditor: 'b', amount: 6000, asset: 'USD' },
        { debtor: 'b', creditor: 'c', amount: 9000, asset: 'USD' },
        { debtor: 'c', creditor: 'a', amount: 2000, asset: 'USD' },
        { debtor: 'c', creditor: 'd', amount: 4000, asset: 'USD' },
        { debtor: 'e', creditor: 'd', amount: 3500, asset: 'USD' },
      ],
    };
    const aw = await openRows(rows);
    const { result } = runSweep(aw, { scenario: { steps: 10, events: [{ type: 'price_shock', asset: 'ETH', change: 0, at: 0 }] }, axes: [{ parameter: 'event[0].change', from: 0, to: -0.95, points: 39 }] });
    const nonDecreasing = (xs: (number | null)[]) => xs.every((x, i) => i === 0 || (x as number) >= (xs[i - 1] as number) - 1e-9);
    expect(result.shape).toEqual([39]);
    expect(result.axes[0]?.values[38]).toBe(-0.95);
    expect(nonDecreasing(result.kpis.total_loss_usd)).toBe(true);
    expect(nonDecreasing(result.kpis.direct_loss_usd)).toBe(true);
    expect(nonDecreasing(result.kpis.defaults)).toBe(true);
    expect(result.kpis.defaults[0]).toBe(0);
    expect(result.kpis.defaults[38]).toBeGreaterThanOrEqual(3);
    // Per node: its loss never falls as the drop grows (a node without a row at a point lost nothing there).
    const t = tableFromIPC(result.tables.nodes as Uint8Array);
    const loss = Array.from({ length: 5 }, () => new Float64Array(39));
    const ids = aw.ids.nodes;
    for (let k = 0; k < t.numRows; k++) (loss[ids.indexOf(String(t.getChild('node')?.get(k)))] as Float64Array)[t.getChild('point')?.get(k) as number] = t.getChild('loss_usd')?.get(k) as number;
    expect(t.numRows).toBeGreaterThan(39);
    for (const l of loss) for (let i = 1; i < 39; i++) expect(l[i] as number).toBeGreaterThanOrEqual((l[i - 1] as number) - 1e-9);
    expect(loss.every((l) => (l[38] as number) > 0)).toBe(true);
  });

  it('an oracle delay sweep equals runs on workspaces imported with that delay', async () => {
    const aw = await openRows(oracleLag);
    const { result } = runSweep(aw, { scenario: lagScenario, axes: [{ parameter: 'oracle[cl-eth].delay_steps', values: [0, 1, 2, 4] }] });
    expect(result.axes[0]?.values).toEqual([0, 1, 2, 4]);
    for (const [k, delay] of [0, 1, 2, 4].entries()) {
      const other = await openRows({ ...oracleLag, oracles: [{ id: 'cl-eth', asset: 'ETH', delay_steps: delay, deviation: 0.01, heartbeat_steps: 5 }] });
      const s = narrowSweepSpec({ scenario: lagScenario, axes: [{ parameter: 'event[0].change', values: [-0.25] }] }, other);
      if (!s.ok) throw new Error('spec');
      const direct = evaluate(other, s.value.scenario, {});
      for (const name of SCALAR_KPIS) expect(result.kpis[name][k], `${name} at delay ${delay}`).toBe(Number.isNaN(direct.scalars[KPI[name]] as number) ? null : direct.scalars[KPI[name]]);
    }
    // The worked case (delay 2) again.
    expect(result.kpis.total_bad_debt_usd[2]).toBeCloseTo(30317.084933662565, 6);
  });

  it("a node's external assets as a workspace override equal a workspace imported with them", async () => {
    const aw = await openRows(oracleLag);
    const { result } = runSweep(aw, { scenario: lagScenario, axes: [{ parameter: 'node[lend].external_assets_usd', values: [0, 20_000] }] });
    for (const [k, ext] of [0, 20_000].entries()) {
      const other = await openRows({ ...oracleLag, nodes: oracleLag.nodes?.map((n) => (n.id === 'lend' ? { ...n, external_assets_usd: ext } : n)) });
      const direct = evaluate(other, { ...lagScenario, description: '', events: [{ type: 'price_shock', asset: 'ETH', change: -0.25, at: 0 }], options: { fire_sale_on_default: true, halt_venue_on_default: true, liquidator_profit_check: true, max_iterations_clearing: 10_000, tolerance: 1e-9 } }, {});
      expect(result.kpis.total_loss_usd[k]).toBe(direct.scalars[KPI.total_loss_usd]);
      expect(result.kpis.defaults[k]).toBe(direct.scalars[KPI.defaults]);
    }
  });

  it('a 2-D sweep: heatmap rows follow the first axis; a point opens as the same run', async () => {
    const aw = await openRows(oracleLag);
    const raw = { scenario: lagScenario, axes: [{ parameter: 'event[0].change', from: -0.1, to: -0.3, points: 3 }, { parameter: 'asset[ETH].depth_usd', values: [5e6, 1e7] }], kpi: 'total_bad_debt_usd' };
    const { spec, result } = runSweep(aw, raw);
    expect(result.shape).toEqual([3, 2]);
    expect(result.heatmap?.kpi).toBe('total_bad_debt_usd');
    expect(result.heatmap?.values[2]?.[1]).toBe(result.kpis.total_bad_debt_usd[5]);
    // Point (2, 1) is the worked case: −30% is not it, so check the point's own scenario and overrides.
    const p = sweepPoint(spec, 5);
    expect(p.scenario.events[0]).toEqual({ type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 });
    expect(p.overrides.assets).toEqual({ ETH: { depth_usd: 1e7 } });
    const again = evaluate(aw, p.scenario, p.overrides);
    expect(again.scalars[KPI.total_loss_usd]).toBe(result.kpis.total_loss_usd[5]);
    // Shallower pools lose more at the same drop.
    expect(result.kpis.total_loss_usd[4] as number).toBeGreaterThan(result.kpis.total_loss_usd[5] as number);
  });

  it('names what is wrong with a parameter or a point', async () => {
    const aw = await openRows(oracleLag);
    const problems = (raw: unknown) => {
      const s = narrowSweepSpec(raw, aw);
      return s.ok ? '' : s.error.join('\n');
    };
    expect(problems({ scenario: lagScenario, axes: [{ parameter: 'event[0].factor', values: [1] }] })).toContain('event 0 is a price_shock, whose fields are change, at');
    expect(problems({ scenario: lagScenario, axes: [{ parameter: 'event[3].change', values: [1] }] })).toContain('the scenario has no event 3');
    expect(problems({ scenario: lagScenario, axes: [{ parameter: 'oracle[nope].delay_steps', values: [1] }] })).toContain('unknown oracle');
    expect(problems({ scenario: lagScenario, axes: [{ parameter: 'event[0].change', from: 0, to: -1, points: 3 }] })).toContain('change = -1');
    expect(problems({ scenario: lagScenario, axes: [{ parameter: 'event[0].at', values: [29, 30] }] })).toContain('must be a step from 0 to 29');
    expect(problems({ scenario: lagScenario, axes: [{ parameter: 'event[0].change', from: -0.5, to: 0 }] })).toMatch(/points: must be an integer from 1 to \d+, got nothing$/);
    expect(problems({ scenario: lagScenario, axes: [{ parameter: 'oracle[cl-eth].delay_steps', values: [-1] }] })).toContain('must be an integer ≥ 0');
    expect(problems({ scenario: lagScenario, axes: [{ parameter: 'event[0].change', values: [0] }], kpi: 'wealth' })).toContain('sweep.kpi');
    expect(parseParameter('events[0,2].change')).toEqual({ ok: true, value: { kind: 'event', events: [0, 2], field: 'change' } });
    expect(parseParameter('event[0]change').ok).toBe(false);
  });

  it('lists every problem of a spec, each with its field, not the first alone', async () => {
    const aw = await openRows(oracleLag);
    const s = narrowSweepSpec({ scenario: { ...lagScenario, events: [{ type: 'price_shock', asset: 'ETH', change: -2, at: 0 }] }, axes: [{ parameter: 'event[0].change', from: 'a', points: 0 }, { parameter: 'bogus', values: [] }], kpi: 'wealth', overide: {} }, aw);
    expect(s.ok).toBe(false);
    const problems = s.ok ? [] : s.error;
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'sweep.overide',
      'sweep.scenario.events[0].change',
      'sweep.axes[0].from',
      'sweep.axes[0].to',
      'sweep.axes[0].points',
      'sweep.axes[1].parameter "bogus"',
      'sweep.axes[1].values',
      'sweep.kpi',
    ]);
    expect(problems[0]).toContain('did you mean overrides?');
    // Three axes: that, and each axis's own problems beside it (only the count was said).
    const three = narrowSweepSpec({ scenario: lagScenario, axes: [{ parameter: 'event[0].change', values: [-0.1] }, { parameter: 'bogus', values: [1] }, { parameter: 'event[0].change', from: 0, to: 1 }] }, aw);
    expect(three.ok ? [] : three.error.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['sweep.axes', 'sweep.axes[1].parameter "bogus"', 'sweep.axes[2].points']);
  });

  it('sets a node’s default step to null where it did not default, as a run’s summary does', async () => {
    const aw = await openRows(oracleLag);
    const { result } = runSweep(aw, { scenario: lagScenario, axes: [{ parameter: 'event[0].change', values: [-0.05, -0.25] }] });
    const t = tableFromIPC(result.tables.nodes as Uint8Array);
    const rows = t.toArray().map((r: { defaulted: boolean; default_step: number | null }) => [r.defaulted, r.default_step]);
    expect(rows.length).toBeGreaterThan(0);
    for (const [defaulted, step] of rows) expect(step === null).toBe(!defaulted);
  });
});
