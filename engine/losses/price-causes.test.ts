import { describe, expect, it } from 'vitest';
import { rowsOf, runRows } from '../../test/helpers/run';
import type { Rows } from '../../test/helpers/workspace';

// An asset's price edges carry the losses its move caused: not their net with the gains of the
// same move, which can be nothing or a gain while someone lost (MODEL §5: walk back to the event).
describe('price edges carry the losses an asset move caused', () => {
  it('a short squeeze: the holders gain more than the short loses, and the short’s path still starts at the shock', () => {
    const rows: Rows = {
      assets: [{ id: 'ETH', price: 2000, depth_usd: 10_000_000 }],
      nodes: [
        { id: 'lend', kind: 'venue', external_assets_usd: 1_000_000 },
        { id: 'shorty', kind: 'entity' },
        { id: 'holder', kind: 'entity' },
      ],
      positions: [{ id: 'p1', owner: 'shorty', venue: 'lend', collateral_asset: 'USD', collateral_amount: 150_000, debt_asset: 'ETH', debt_amount: 50, liquidation_threshold: 0.9, liquidation_bonus: 0.05, close_factor: 0.5 }],
      holdings: [{ owner: 'holder', asset: 'ETH', amount: 1000 }],
    };
    const r = runRows(rows, { name: 'squeeze', steps: 10, events: [{ type: 'price_shock', asset: 'ETH', change: 0.5, at: 0 }] });
    expect(r.summary.nodes.shorty?.path).toEqual(['event:0', 'ETH', 'shorty']);
    const shock = rowsOf(r.tables.losses).find((e) => e.step === 0 && e.from === 'event:0' && e.to === 'ETH');
    // The short's loss at step 0 is its equity 50 000 (150 000 − 50·2000) gone; the shock caused
    // all of ETH's move but the venue's buying: a positive share of that loss, not of the holders' gain.
    expect(shock?.channel).toBe('price');
    expect(shock?.amount_usd as number).toBeGreaterThan(0);
    expect(shock?.amount_usd as number).toBeLessThanOrEqual(50_000);
  });

  it('a token owed between two nodes: the creditor’s loss is the debtor’s gain, and the creditor’s path starts at the shock', () => {
    const rows: Rows = {
      assets: [{ id: 'ETH', price: 2000 }],
      nodes: [
        { id: 'A', kind: 'entity', external_assets_usd: 100_000 },
        { id: 'B', kind: 'entity' },
        { id: 'C', kind: 'entity', external_assets_usd: 30_000 },
      ],
      obligations: [
        { debtor: 'A', creditor: 'B', amount: 10, asset: 'ETH', kind: 'custody' },
        { debtor: 'B', creditor: 'C', amount: 5000, asset: 'USD', kind: 'loan' },
      ],
    };
    const r = runRows(rows, { name: 'ETH -80%', steps: 5, events: [{ type: 'price_shock', asset: 'ETH', change: -0.8, at: 0 }] });
    // B is owed 10 ETH = 20 000 → 4 000 and owes 5 000: it defaults, paying 4 000 of it to C.
    expect(r.summary.nodes.B?.defaulted).toBe(true);
    expect(r.summary.nodes.B?.path).toEqual(['event:0', 'ETH', 'B']);
    expect(r.summary.nodes.C?.path).toEqual(['event:0', 'ETH', 'B', 'C']);
    const shock = rowsOf(r.tables.losses).find((e) => e.from === 'event:0' && e.to === 'ETH');
    // ETH's only cause is the shock; the only loss it caused is B's 16 000 on the claim.
    expect(shock?.amount_usd).toBeCloseTo(16_000, 6);
  });
});
