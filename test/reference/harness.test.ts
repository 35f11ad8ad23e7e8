/** The comparison helpers can fail: they are what every engine-vs-reference assertion rests on. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bitDiff, diffSummaries, feasibleStops, loadCase, type ComparableSummary } from './harness';
import type { StepFlags } from './reference-model';

const expected = loadCase(join(__dirname, '..', 'cases', 'single-long')).expected as ComparableSummary;

describe('diffSummaries', () => {
  it('is empty for the same summary and names every field that moved', () => {
    expect(diffSummaries(expected, expected, 1e-9, 1e-6)).toEqual([]);
    const moved: ComparableSummary = structuredClone(expected);
    moved.total_liquidated_usd *= 1 + 1e-8;
    moved.steps_run += 1;
    const fund = moved.nodes.fund;
    if (!fund) throw new Error('case changed');
    fund.default_step = 3;
    fund.equity_end_usd += 1e-3;
    const d = diffSummaries(moved, expected, 1e-9, 1e-6);
    expect(d.map((l) => l.split(':')[0])).toEqual(['steps_run', 'total_liquidated_usd', 'nodes.fund.equity_end_usd', 'nodes.fund.default_step']);
  });

  it('compares a recovery rate as the payment it implies', () => {
    const a: ComparableSummary = structuredClone(expected);
    const b: ComparableSummary = structuredClone(expected);
    const [na, nb] = [a.nodes.fund, b.nodes.fund];
    if (!na || !nb) throw new Error('case changed');
    na.obligations_usd = nb.obligations_usd = 1e-8;
    na.recovery_rate = 0.3;
    nb.recovery_rate = 0.31; // 1e-10 USD apart: equal
    expect(diffSummaries(a, b, 1e-9, 1e-6)).toEqual([]);
    na.obligations_usd = nb.obligations_usd = 1e6; // 10 000 USD apart: different
    expect(diffSummaries(a, b, 1e-9, 1e-6)).toEqual(['nodes.fund.recovery_rate: 0.3 vs 0.31']);
  });
});

describe('bitDiff', () => {
  it('tells 0 from −0 and the last bit, and NaN equals NaN', () => {
    expect(bitDiff({ a: [1, NaN] }, { a: [1, NaN] })).toEqual([]);
    expect(bitDiff({ a: 0 }, { a: -0 })).toEqual(['$.a: 0 vs 0']);
    expect(bitDiff({ a: 0.1 + 0.2 }, { a: 0.3 })).toHaveLength(1);
    expect(bitDiff({ a: 1 }, { b: 1 })).toHaveLength(1);
  });
});

describe('feasibleStops', () => {
  const f = (quiet: boolean, noisy = false, eventRemains = false): StepFlags => ({ quiet, canBeQuiet: quiet || noisy, canBeNoisy: !quiet || noisy, eventRemains });
  it('follows the fixed-point rule when no step hinges on noise', () => {
    expect([...feasibleStops([f(false), f(true), f(true), f(false)], 2)]).toEqual(['3|true']);
    expect([...feasibleStops([f(false), f(true), f(false), f(true)], 2)]).toEqual(['4|false']);
    expect([...feasibleStops([f(true, false, true), f(true)], 1)]).toEqual(['2|true']);
  });
  it('lets a noise-level oracle step go either way', () => {
    expect([...feasibleStops([f(false), f(false, true), f(true), f(true)], 2)].sort()).toEqual(['3|true', '4|true']);
  });
});
