import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../scenario/scenario';
import { describeEvent, describeHorizon, describeOptions, eventLabel, percent } from './describe-event';

describe('describeEvent', () => {
  it.each([
    [{ type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 }, 'At step 0, the fundamental price of ETH falls by 30% (× 0.7).'],
    [{ type: 'price_shock', asset: 'SOL', change: 0.125, at: 4 }, 'At step 4, the fundamental price of SOL rises by 12.5% (× 1.125).'],
    [{ type: 'price_shock', asset: 'BTC', change: 0, at: 1 }, 'At step 1, the fundamental price of BTC is shocked by 0% (no change).'],
    [{ type: 'depth_change', asset: 'stETH', factor: 0.4, at: 2 }, 'At step 2, 60% of the pool depth of stETH is withdrawn (depth × 0.4): forced sales move its price more.'],
    [{ type: 'depth_change', asset: 'ETH', factor: 1.5, at: 0 }, 'At step 0, the pool depth of ETH grows by 50% (depth × 1.5).'],
    [{ type: 'oracle_freeze', oracle: 'cl-eth', from: 0, to: 1 }, 'From step 0 to step 1, oracle cl-eth is frozen: it keeps reporting its last price whatever the market does.'],
    [{ type: 'oracle_freeze', oracle: 'cl-eth', from: 3, to: 3 }, 'At step 3, oracle cl-eth is frozen: it keeps reporting its last price whatever the market does.'],
    [{ type: 'oracle_override', oracle: 'pyth-mngo', price: 0.91, from: 1, to: 2 }, 'From step 1 to step 2, oracle pyth-mngo reports 0.91 USD whatever the market does (a manipulated or broken feed).'],
    [{ type: 'oracle_override', oracle: 'o', change: -0.07, from: 0, to: 4 }, 'From step 0 to step 4, oracle o reports its honest price 7% too low (× 0.93; a manipulated or broken feed).'],
    [{ type: 'venue_outage', venue: 'bitnova', from: 0, to: 2 }, 'From step 0 to step 2, venue bitnova is down: it runs no liquidations.'],
    [{ type: 'external_loss', node: 'A', amount_usd: 25_000_000, at: 0 }, 'At step 0, A loses 25,000,000 USD of its external assets (a hack, exploit or fraud), never below zero.'],
    [{ type: 'external_loss', node: 'ftx', fraction: 0.85, at: 5 }, 'At step 5, ftx loses 85% of its external assets at that step (a hack, exploit or fraud).'],
  ] as const)('%o', (event, text) => {
    expect(describeEvent(event)).toBe(text);
  });

  it('labels events briefly for contagion paths', () => {
    expect(eventLabel({ type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 })).toBe('ETH −30%');
    expect(eventLabel({ type: 'oracle_override', oracle: 'o', change: 0.2, from: 0, to: 1 })).toBe('o +20%');
    expect(eventLabel({ type: 'venue_outage', venue: 'v', from: 0, to: 1 })).toBe('v outage');
    expect(eventLabel({ type: 'external_loss', node: 'A', amount_usd: 95, at: 0 })).toBe('A loses 95 USD');
  });

  it('prints percentages without float noise', () => {
    expect(percent(0.07)).toBe('7%');
    expect(percent(-0.3)).toBe('30%');
    expect(percent(1 / 3)).toBe('33.3333%');
  });
});

describe('describeOptions and describeHorizon', () => {
  it('explains every option in a fixed order, following its value', () => {
    const texts = describeOptions(DEFAULT_OPTIONS);
    expect(texts.map((o) => o.name)).toEqual(['fire_sale_on_default', 'halt_venue_on_default', 'liquidator_profit_check', 'max_iterations_clearing', 'tolerance']);
    expect(texts[0]?.text).toMatch(/sells all its token holdings/);
    expect(texts[3]?.text).toBe('The clearing of obligations (Eisenberg–Noe) iterates at most 10,000 times per step.');
    const off = describeOptions({ ...DEFAULT_OPTIONS, fire_sale_on_default: false, halt_venue_on_default: false, liquidator_profit_check: false });
    expect(off.slice(0, 3).map((o) => o.value)).toEqual([false, false, false]);
    expect(off[0]?.text).toBe('A node that defaults keeps its token holdings (no fire sales).');
    expect(off[1]?.text).toBe('A venue that defaults keeps running liquidations.');
    expect(off[2]?.text).toBe('Every unhealthy position is liquidated, even at a loss to the liquidator.');
    expect(describeHorizon({ steps: 1 })).toMatch(/^The run lasts at most 1 step \(0 to 0\)/);
  });
});
