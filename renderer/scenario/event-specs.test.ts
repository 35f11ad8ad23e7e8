import { describe, expect, it } from 'vitest';
import { eventLine } from './event-specs';

describe('eventLine: an event in one line, as its card heads it', () => {
  it('shows a shock of nearly −100% as it is, not rounded to a round −100%', () => {
    expect(eventLine({ type: 'price_shock', asset: 'LUNA', change: -0.999812, at: 0 })).toBe('LUNA −99.98% at step 0');
    expect(eventLine({ type: 'price_shock', asset: 'ETH', change: -0.3, at: 2 })).toBe('ETH −30% at step 2');
    expect(eventLine({ type: 'price_shock', asset: 'ETH', change: 0.125, at: 0 })).toBe('ETH +12.5% at step 0');
    expect(eventLine({ type: 'price_shock', asset: 'ETH', change: 0.00001, at: 0 })).toBe('ETH +0.001% at step 0');
  });

  it('writes amounts and prices as money', () => {
    expect(eventLine({ type: 'external_loss', node: 'celsius', amount_usd: 1_300_000_000, at: 3 })).toBe('celsius loses $1.3B at step 3');
    expect(eventLine({ type: 'external_loss', node: 'bank', fraction: 0.25, at: 1 })).toBe('bank loses 25% at step 1');
    expect(eventLine({ type: 'oracle_override', oracle: 'o', price: 0.62, from: 1, to: 4 })).toBe('o reports $0.6200, steps 1–4');
    // What is not a number yet (a field being typed) is shown as typed.
    expect(eventLine({ type: 'external_loss', node: 'bank', amount_usd: '12x', at: 1 })).toBe('bank loses $12x at step 1');
  });
});
