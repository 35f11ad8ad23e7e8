import { describe, expect, it } from 'vitest';
import { rangeProblems } from './range';
import { validateScenario, type ScenarioIds } from './validate';

const scale = new Map([
  ['ETH', { price: 3000, reserve: 100_000 }],
  ['BTC', { price: 60_000, reserve: Number.NaN }],
]);
const ids: ScenarioIds = { assets: new Set(['USD', 'ETH', 'BTC']), nodes: new Set(['fund']), venues: new Set(), oracles: new Set(['o']), scale };

describe('rangeProblems: events compounded in the order they apply', () => {
  it('refuses a shock that takes a price past 1e100, and names the event that does', () => {
    expect(rangeProblems([{ type: 'price_shock', asset: 'ETH', change: 1e308, at: 0 }], scale)).toEqual([
      { index: 0, field: 'change', message: 'takes the fundamental price of ETH to more than 1.8e+308 USD; the engine computes with prices from 1e-100 to 1e+100' },
    ]);
    // 3000 · (1 + 1e49) = 3e52, then · (1 + 1e49) = 3e101: the event applied second (at step 5, listed first) crosses.
    const two = rangeProblems(
      [
        { type: 'price_shock', asset: 'ETH', change: 1e49, at: 5 },
        { type: 'price_shock', asset: 'ETH', change: 1e49, at: 0 },
      ],
      scale,
    );
    expect(two.map((p) => [p.index, p.field])).toEqual([[0, 'change']]);
    // Two smaller rises stay in range (3000 · 1e40 · 1e40 = 3e83); the same two shocks on two assets too.
    expect(rangeProblems([{ type: 'price_shock', asset: 'ETH', change: 1e40, at: 0 }, { type: 'price_shock', asset: 'ETH', change: 1e40, at: 2 }], scale)).toEqual([]);
    expect(rangeProblems([{ type: 'price_shock', asset: 'ETH', change: 1e49, at: 0 }, { type: 'price_shock', asset: 'BTC', change: 1e49, at: 0 }], scale)).toEqual([]);
  });

  it('refuses a price taken below 1e-100 and a pool reserve out of range; a depth change of an asset without a pool changes nothing, and is refused so', () => {
    expect(rangeProblems([{ type: 'price_shock', asset: 'ETH', change: -1 + 1e-104, at: 0 }], scale)[0]?.field).toBe('change');
    expect(rangeProblems([{ type: 'depth_change', asset: 'ETH', factor: 1e-200, at: 3 }], scale)).toEqual([
      { index: 0, field: 'factor', message: 'takes the pool reserve of ETH to 1e-195 units; the engine computes with reserves from 1e-100 to 1e+100' },
    ]);
    expect(rangeProblems([{ type: 'depth_change', asset: 'ETH', factor: 1e96, at: 0 }], scale)[0]?.message).toContain('to 1e+101 units');
    expect(rangeProblems([{ type: 'depth_change', asset: 'BTC', factor: 0.5, at: 0 }], scale)).toEqual([
      { index: 0, field: 'asset', message: 'BTC has no pool (its depth_usd is empty): a depth change has nothing to change' },
    ]);
  });
});

describe('validateScenario with the workspace scale', () => {
  it('lists range problems with the event index and field, and only when nothing else is wrong', () => {
    const doc = { steps: 10, events: [{ type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 }, { type: 'price_shock', asset: 'ETH', change: 1e308, at: 1 }] };
    const v = validateScenario(doc, ids);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error).toEqual([{ index: 1, field: 'change', message: expect.stringContaining('takes the fundamental price of ETH to') }]);
    const { scale: _, ...plain } = ids;
    expect(validateScenario(doc, plain).ok).toBe(true);
  });

  it('refuses an oracle override price above 1e100', () => {
    const v = validateScenario({ steps: 5, events: [{ type: 'oracle_override', oracle: 'o', price: 1e101, from: 0, to: 1 }] }, ids);
    expect(v.ok ? [] : v.error.map((p) => [p.index, p.field])).toEqual([[0, 'price']]);
  });
});

describe('validateScenario: ids of the wrong kind', () => {
  it('says a venue outage names an entity, not that the venue is unknown', () => {
    const v = validateScenario({ steps: 5, events: [{ type: 'venue_outage', venue: 'fund', from: 0, to: 2 }] }, ids);
    expect(v.ok ? [] : v.error).toEqual([{ index: 0, field: 'venue', message: 'names "fund", an entity: only a venue (a lender, an exchange) runs liquidations to stop' }]);
    const unknown = validateScenario({ steps: 5, events: [{ type: 'venue_outage', venue: 'nobody', from: 0, to: 2 }] }, ids);
    expect(unknown.ok ? [] : unknown.error).toEqual([{ index: 0, field: 'venue', message: 'names an unknown venue: "nobody"' }]);
  });
});

describe('validateScenario: storyboard notes', () => {
  it('says which note a shorter horizon leaves behind, and what a bad note step is', () => {
    const v = validateScenario({ steps: 10, events: [], notes: [{ step: 2, text: 'a' }, { step: 45, text: 'b' }, { step: 1.5, text: 'c' }] }, ids);
    expect(v.ok ? [] : v.error).toEqual([
      { index: null, field: 'notes[1]', message: 'note 2 is at step 45, after the last step (9): move it, or give the scenario more steps' },
      { index: null, field: 'notes[2]', message: 'note 3: its step must be a whole step from 0 to 9, got 1.5' },
    ]);
  });
});
