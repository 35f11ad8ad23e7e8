import { describe, expect, it } from 'vitest';
import { runRows } from '../../test/helpers/run';
import { DEFAULT_OPTIONS, type Scenario } from '../scenario/scenario';
import { buildReportData, STRESSED_SHARE } from './report-data';

// test/cases/chain-en by hand: A owes B 80, B owes C 90, C owes D 5, D owes A 10 (USD); external
// assets A 100, B 20, C 10, D 50. Starting equity A 30, B 10, C 95, D 45. A hack of 95 at A:
// A pays 15 of 80 (r = 0.1875) → B is short 65, pays 35 of 90 (r = 0.3889) → C is short 55,
// ends at 40; D is paid in full.
const scenario: Scenario = { name: 'A hacked', description: 'a chain', steps: 10, events: [{ type: 'external_loss', node: 'A', amount_usd: 95, at: 0 }], options: { ...DEFAULT_OPTIONS } };
const run = runRows(
  {
    assets: [],
    nodes: [
      { id: 'A', kind: 'entity', external_assets_usd: 100 },
      { id: 'B', kind: 'entity', external_assets_usd: 20 },
      { id: 'C', kind: 'entity', external_assets_usd: 10 },
      { id: 'D', kind: 'entity', external_assets_usd: 50 },
    ],
    obligations: [
      { debtor: 'A', creditor: 'B', amount: 80, asset: 'USD', kind: 'loan' },
      { debtor: 'B', creditor: 'C', amount: 90, asset: 'USD', kind: 'loan' },
      { debtor: 'C', creditor: 'D', amount: 5, asset: 'USD', kind: 'loan' },
      { debtor: 'D', creditor: 'A', amount: 10, asset: 'USD', kind: 'loan' },
    ],
  },
  scenario,
);
const stamp = { engine_version: 'test', workspace_hash: 'w'.repeat(64), scenario_hash: 's'.repeat(64) };
const report = buildReportData('r1', run.sim, run.summary, stamp, scenario);

describe('buildReportData', () => {
  it('carries the KPIs, the stamp and the scenario', () => {
    expect(report.kpis).toMatchObject({ total_loss_usd: 95, direct_loss_usd: 30, defaults: 2, nodes: 4, steps_run: 2, converged: true });
    expect(report.kpis.amplification).toBeCloseTo(95 / 30, 12);
    expect(report.stamp).toEqual(stamp);
    expect(report.scenario).toEqual({ name: 'A hacked', description: 'a chain', steps: 10 });
    expect(report.charts.runId).toBe('r1');
  });

  it('lists the defaults in the order they failed with the loss on every hop of their paths', () => {
    expect(report.defaults.map((d) => [d.node, d.step, d.path])).toEqual([
      ['A', 0, ['event:0', 'A']],
      ['B', 0, ['event:0', 'A', 'B']],
    ]);
    const b = report.defaults[1];
    // The hack hits A in full (impact 95, before the default floor); A leaves 80 − 15 = 65 unpaid to B.
    expect(b?.hops.map((h) => [h.from, h.to, h.channel])).toEqual([
      ['event:0', 'A', 'exogenous'],
      ['A', 'B', 'counterparty'],
    ]);
    expect(b?.hops[0]?.amountUsd).toBeCloseTo(95, 9);
    expect(b?.hops[1]?.amountUsd).toBeCloseTo(65, 9);
    expect(b?.recoveryRate).toBeCloseTo(35 / 90, 12);
  });

  it('lists the largest losers that did not default, and builds the network of all those paths', () => {
    expect(report.losers.map((l) => [l.node, l.step, l.path])).toEqual([['C', null, ['event:0', 'A', 'B', 'C']]]);
    expect(report.losers[0]?.hops[2]?.amountUsd).toBeCloseTo(90 - 35, 9);
    const states = Object.fromEntries(report.network.vertices.map((v) => [v.id, v.state]));
    // C lost 55 of 95 (> 10%): stressed; D lost nothing and is on no path.
    expect(STRESSED_SHARE).toBe(0.1);
    expect(states).toEqual({ 'event:0': 'event', A: 'defaulted', B: 'defaulted', C: 'stressed' });
    expect(report.network.vertices.find((v) => v.id === 'event:0')?.label).toBe('A loses 95 USD');
    expect(report.network.edges.map((e) => `${e.from}→${e.to}`)).toEqual(['event:0→A', 'A→B', 'B→C']);
  });

  it('states the assumptions in plain language', () => {
    expect(report.assumptions.events).toEqual([
      { index: 0, type: 'external_loss', subject: 'A', id: 'event:0', label: 'A loses 95 USD', text: 'At step 0, A loses 95 USD of its external assets (a hack, exploit or fraud), never below zero.' },
    ]);
    expect(report.assumptions.options).toHaveLength(5);
    expect(report.assumptions.horizon).toMatch(/at most 10 steps/);
  });

  it('is plain JSON (it is embedded in the HTML report)', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
