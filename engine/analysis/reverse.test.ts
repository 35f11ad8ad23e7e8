import { describe, expect, it } from 'vitest';
import { openRows } from '../../test/analysis/open-rows';
import type { Rows } from '../../test/helpers/workspace';
import type { AnalysisWorkspace } from './evaluate';
import { monotoneViolations, reverseSearch, runSearch } from './reverse';
import { reverseEvaluator, reverseResult } from './reverse-run';
import { narrowReverseSpec } from './reverse-spec';

// Reverse stress tests on hand-built workspaces whose thresholds are known in closed form.
// No pool depth: prices move only by the shock.

async function search(rows: Rows, spec: Record<string, unknown>) {
  const aw: AnalysisWorkspace = await openRows(rows);
  const s = narrowReverseSpec({ scenario: { name: 'base', steps: 10, events: [] }, ...spec }, aw);
  if (!s.ok) throw new Error(s.error.join('\n'));
  const out = runSearch(reverseSearch(s.value, reverseEvaluator(aw, s.value.scenario, s.value.overrides, s.value.shock, s.value.target)));
  return { out, ...reverseResult(aw, s.value, out), spec: s.value };
}

const loan = (over: Record<string, number> = {}): Rows => ({
  assets: [{ id: 'ETH', price: 2000 }],
  nodes: [
    { id: 'lend', kind: 'venue', external_assets_usd: 1_000_000 },
    { id: 'fund', kind: 'entity', external_assets_usd: 0 },
  ],
  positions: [
    { id: 'p1', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 150_000, liquidation_threshold: 0.825, liquidation_bonus: 0.05, close_factor: 0.5, ...over },
  ],
});

describe('reverse stress test', () => {
  it('a single loan: the drop that triggers liquidation is 1 − debt/(coll·lt·price)', async () => {
    const { out, result } = await search(loan(), { shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'total_liquidated', above: 0 }, max: 0.2, tolerance: 1e-7 });
    const exact = 1 - 150_000 / (100 * 0.825 * 2000); // 0.0909…
    expect(out.status).toBe('found');
    expect(out.threshold as number).toBeGreaterThanOrEqual(exact - 1e-12);
    expect((out.threshold as number) - exact).toBeLessThanOrEqual(1e-7);
    const [lo, hi] = out.bracket as [number, number];
    expect(hi - lo).toBeLessThanOrEqual(1e-7);
    expect(lo).toBeLessThanOrEqual(exact);
    expect(out.monotone).toBe(true);
    // The run at the threshold, made again with the loss graph: the venue liquidated, the path leads to the fund.
    expect(result.summary?.total_liquidated_usd).toBeGreaterThan(0);
    expect(result.scenario?.events).toEqual([{ type: 'price_shock', asset: 'ETH', change: -(out.threshold as number), at: 0 }]);
    expect(result.pathNode).toBe('fund');
    expect(result.path).toEqual(['event:0', 'ETH', 'fund']);
  });

  it('says the KPI is not monotone when a deeper drop liquidates less (less collateral left to seize)', async () => {
    const { out } = await search(loan(), { shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'total_liquidated', above: 0 }, samples: 20 });
    expect(out.status).toBe('found');
    expect(Math.abs((out.threshold as number) - (1 - 150_000 / 165_000))).toBeLessThanOrEqual(1e-4);
    expect(out.monotone).toBe(false);
    // Past a drop of about 25% the collateral is worth less than the debt and each liquidation repays less.
    expect(out.violations.length).toBeGreaterThan(5);
    expect(out.violations.every((v) => v.from.magnitude > 0.2 && v.to.value < v.from.value)).toBe(true);
  });

  it("venue bad debt above Z: with close factor 1 the venue's loss is debt − coll·P(1−d)/(1+bonus)", async () => {
    // Liquidation starts at d* = 0.0909; bad debt appears from d where coll·P(1−d) < debt·(1 + bonus).
    const Z = 20_000;
    const { out } = await search(loan({ close_factor: 1 }), { shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'venue_bad_debt', venue: 'lend', above: Z }, tolerance: 1e-8 });
    const exact = 1 - ((150_000 - Z) * 1.05) / (100 * 2000); // 0.3175
    expect(out.status).toBe('found');
    expect(Math.abs((out.threshold as number) - exact)).toBeLessThanOrEqual(1e-8);
  });

  it('node X defaults: an entity holding ETH that owes USD defaults when its holdings fall below its debt less its cash', async () => {
    const rows: Rows = {
      assets: [
        { id: 'ETH', price: 2000 },
        { id: 'BTC', price: 50_000 },
      ],
      nodes: [
        { id: 'bank', kind: 'entity', external_assets_usd: 0 },
        { id: 'fund', kind: 'entity', external_assets_usd: 100_000 },
      ],
      holdings: [
        { owner: 'fund', asset: 'ETH', amount: 500 },
        { owner: 'fund', asset: 'BTC', amount: 10 },
      ],
      obligations: [{ debtor: 'fund', creditor: 'bank', amount: 1_000_000, asset: 'USD' }],
    };
    // One asset: 100k + 500·2000(1−d) + 500k < 1M  ⇔  d > 0.6. The engine calls a node in default
    // when it pays less than it owes by more than tolerance·owed (MODEL §4.6, 1e-9·1M = 0.001 USD),
    // which moves the threshold by 0.001/(500·2000).
    const one = await search(rows, { shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'node_default', node: 'fund' }, tolerance: 1e-10 });
    expect(Math.abs((one.out.threshold as number) - (0.6 + 0.001 / 1e6))).toBeLessThanOrEqual(1e-10);
    expect(one.result.path.at(-1)).toBe('fund');
    // A uniform crash of both: 100k + 1.5M(1−d) < 1M  ⇔  d > 0.4.
    const both = await search(rows, { shock: { kind: 'assets', assets: ['ETH', 'BTC'] }, target: { kind: 'node_default', node: 'fund' }, tolerance: 1e-10 });
    expect(Math.abs((both.out.threshold as number) - (0.4 + 0.001 / 1.5e6))).toBeLessThanOrEqual(1e-10);
    // An external loss at the fund: its equity is 600k, but only its 100k of external assets can be lost.
    const ext = await search(rows, { shock: { kind: 'external_loss', node: 'fund' }, target: { kind: 'node_default', node: 'fund' } });
    expect(ext.out.status).toBe('not_reached');
    expect(ext.out.threshold).toBeNull();
    expect(ext.result.summary).toBeNull();
  });

  it('total loss above W: a holder of ETH loses holdings·price·d', async () => {
    const rows: Rows = {
      assets: [{ id: 'ETH', price: 2000 }],
      nodes: [{ id: 'fund', kind: 'entity', external_assets_usd: 0 }],
      holdings: [{ owner: 'fund', asset: 'ETH', amount: 1000 }],
    };
    const { out } = await search(rows, { shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'total_loss', above: 500_000 }, tolerance: 1e-9 });
    expect(Math.abs((out.threshold as number) - 0.25)).toBeLessThanOrEqual(1e-9);
  });

  it('reports a target met without the shock, and an external loss reaching a default', async () => {
    const rows: Rows = {
      assets: [{ id: 'ETH', price: 2000 }],
      nodes: [
        { id: 'bank', kind: 'entity', external_assets_usd: 0 },
        { id: 'cex', kind: 'entity', external_assets_usd: 1_000_000 },
      ],
      obligations: [{ debtor: 'cex', creditor: 'bank', amount: 700_000, asset: 'USD' }],
    };
    // The CEX defaults once it has lost more than 300k.
    const ext = await search(rows, { shock: { kind: 'external_loss', node: 'cex' }, target: { kind: 'node_default', node: 'cex' }, tolerance: 0.01 });
    expect(ext.out.status).toBe('found');
    expect(Math.abs((ext.out.threshold as number) - 300_000)).toBeLessThanOrEqual(0.01);
    expect(ext.result.summary?.nodes.cex?.defaulted).toBe(true);
    expect(ext.result.path).toEqual(['event:0', 'cex']);
    const met = await search(rows, {
      scenario: { steps: 10, events: [{ type: 'external_loss', node: 'cex', amount_usd: 100, at: 0 }] },
      shock: { kind: 'asset', asset: 'ETH' },
      target: { kind: 'total_loss', above: 50 },
    });
    expect(met.out.status).toBe('reached_at_min');
    expect(met.out.threshold).toBe(0);
  });

  it('flags a KPI that is not monotone over the bracket', () => {
    const ev = (magnitude: number, value: number, reached: boolean) => ({ magnitude, value, reached });
    expect(monotoneViolations([ev(0, 0, false), ev(0.5, 1, true), ev(1, 2, true)])).toEqual([]);
    const v = monotoneViolations([ev(1, 0, false), ev(0, 0, false), ev(0.5, 1, true)]);
    expect(v).toEqual([{ from: ev(0.5, 1, true), to: ev(1, 0, false) }]);
    // The search keeps going from the first sample that reaches the target, and says so.
    const values = new Map([[0, 0], [0.25, 5], [0.5, 3], [0.75, 8], [1, 9]]);
    const out = runSearch(reverseSearch({ min: 0, max: 1, samples: 4, tolerance: 0.3 }, (m) => ({ magnitude: m, value: values.get(m) ?? 4, reached: (values.get(m) ?? 4) > 4 })));
    expect(out.threshold).toBe(0.25);
    expect(out.monotone).toBe(false);
    expect(out.violations.map((x) => [x.from.magnitude, x.to.magnitude])).toEqual([[0.25, 0.5]]);
  });

  it('refuses specs it cannot run, saying what is wrong', async () => {
    const aw = await openRows(loan());
    const bad = (spec: Record<string, unknown>) => {
      const s = narrowReverseSpec({ scenario: { steps: 5 }, ...spec }, aw);
      return s.ok ? null : s.error.join(' ');
    };
    expect(bad({ shock: { kind: 'asset', asset: 'USD' }, target: { kind: 'total_loss', above: 1 } })).toContain('names no asset that can be shocked');
    expect(bad({ shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'node_default', node: 'nobody' } })).toContain('unknown node');
    expect(bad({ shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'node_default', node: 'fund' } })).toContain('fund owes nothing');
    expect(bad({ shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'total_loss', above: 1 }, max: 1 })).toContain('at most 0.99');
    // A From at or past the cap is From's own problem, even when To is left empty.
    expect(bad({ shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'total_loss', above: 1 }, min: 1 })).toMatch(/^min: must be a number ≥ 0 and below 0\.99 \(the fraction of the price dropped: 0\.99 is a drop of 99%\), got 1$/);
    expect(bad({ shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'total_loss', above: 1 }, min: -0.2 })).toMatch(/^min: .* got -0\.2$/);
    expect(bad({ shock: { kind: 'external_loss', node: 'fund' }, target: { kind: 'total_loss', above: 1 } })).toContain('no external assets to lose');
    expect(bad({ shock: { kind: 'asset', asset: 'ETH', at: 5 }, target: { kind: 'total_loss', above: 1 } })).toContain('shock.at');
  });

  it('lists every problem of a spec: the shock’s step and asset, the target, the search settings and unknown fields', async () => {
    const aw = await openRows(loan());
    const s = narrowReverseSpec({ scenario: { steps: 5 }, shock: { kind: 'asset', asset: 'BTC', at: 9 }, target: { kind: 'total_loss', above: -1 }, samples: 0, tolerence: 0.1 }, aw);
    expect(s.ok ? [] : s.error.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['reverse.tolerence', 'shock.at', 'shock.asset', 'target.above', 'samples']);
    expect(s.ok ? '' : s.error[0]).toContain('did you mean tolerance?');
    // With a valid shock, its range is checked too, beside the rest.
    const r = narrowReverseSpec({ scenario: { steps: 5 }, shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'venue_bad_debt', venue: 'nowhere' }, min: 2, max: -1 }, aw);
    expect(r.ok ? [] : r.error.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['target.above', 'target.venue', 'min', 'max']);
    // With a shock that is not valid, the range is checked against itself (max below min, a negative tolerance were said only once the rest was right).
    const bad = narrowReverseSpec({ scenario: { steps: 5 }, shock: { kind: 'asset', asset: 'BTC' }, target: { kind: 'total_loss', above: 1 }, min: 0.5, max: 0.2, tolerance: -1 }, aw);
    expect(bad.ok ? [] : bad.error.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['shock.asset', 'max', 'tolerance']);
  });
});
