import { describe, expect, it } from 'vitest';
import { rowsOf, runRows } from '../../test/helpers/run';
import type { Rows } from '../../test/helpers/workspace';

type Edge = { step: number; from: string; to: string; channel: string; amount_usd: number };

// MODEL §5: `liquidation` — from venue v: liquidation bonuses the node paid there; `bad_debt` —
// from owner o to venue v: the venue's loss on o's position.
describe('liquidation and bad-debt edges', () => {
  it('the liquidation edge is the bonus paid at the prices the liquidation was made at, not less the fall its own sale caused', () => {
    const rows: Rows = {
      assets: [{ id: 'ETH', price: 2000, depth_usd: 1_000_000 }],
      nodes: [
        { id: 'lend', kind: 'venue', external_assets_usd: 1_000_000 },
        { id: 'fund', kind: 'entity' },
      ],
      positions: [{ id: 'p1', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 160_000, liquidation_threshold: 0.825, liquidation_bonus: 0.05, close_factor: 0.5 }],
    };
    const r = runRows(rows, { name: 'ETH -5%', steps: 3, events: [{ type: 'price_shock', asset: 'ETH', change: -0.05, at: 0 }] });
    const edges = rowsOf(r.tables.losses) as Edge[];
    // Step 0 at 1900: HF = 100·1900·0.825/160 000 = 0.98; 80 000 repaid, 80 000·1.05/1900 ETH
    // seized: worth 84 000 at 1900, a bonus of 4 000. The sale into a 500-ETH pool takes the
    // price far lower; that fall of the seized ETH is not a bonus, and not a gain.
    const liq0 = edges.filter((e) => e.step === 0 && e.channel === 'liquidation');
    expect(liq0).toHaveLength(1);
    expect(liq0[0]).toMatchObject({ from: 'lend', to: 'fund' });
    expect(liq0[0]?.amount_usd).toBeCloseTo(4000, 6);
    // The fund's edges of the step still add up to its change of equity.
    const nodes = rowsOf(r.tables.nodes) as { step: number; node: string; equity_usd: number }[];
    const equity0 = nodes.find((n) => n.step === 0 && n.node === 'fund')?.equity_usd as number;
    const lost = edges.filter((e) => e.step === 0 && e.to === 'fund' && e.channel !== 'price' && e.channel !== 'trigger').reduce((a, e) => a + e.amount_usd, 0);
    expect(lost).toBeCloseTo(100 * 2000 - 160_000 - equity0, 6);
  });

  it('a venue’s loss on a position is a bad_debt edge from its owner, also where no debt was left unpaid', () => {
    // A short squeezed: at 3000 the owner's equity is 150 000 − 50·3000 = 0; the bonus of the
    // liquidation (5% of 75 000) comes out of the venue's claim.
    const rows: Rows = {
      assets: [{ id: 'ETH', price: 2000 }],
      nodes: [
        { id: 'lend', kind: 'venue', external_assets_usd: 1_000_000 },
        { id: 'shorty', kind: 'entity' },
      ],
      positions: [{ id: 'p1', owner: 'shorty', venue: 'lend', collateral_asset: 'USD', collateral_amount: 150_000, debt_asset: 'ETH', debt_amount: 50, liquidation_threshold: 0.9, liquidation_bonus: 0.05, close_factor: 0.5 }],
    };
    const r = runRows(rows, { name: 'squeeze', steps: 2, events: [{ type: 'price_shock', asset: 'ETH', change: 0.5, at: 0 }] });
    const edges = (rowsOf(r.tables.losses) as Edge[]).filter((e) => e.step === 0 && (e.channel === 'liquidation' || e.channel === 'bad_debt'));
    expect(r.summary.total_bad_debt_usd).toBe(0);
    expect(edges.map((e) => [e.from, e.to, e.channel])).toEqual([['shorty', 'lend', 'bad_debt']]);
    expect(edges[0]?.amount_usd).toBeCloseTo(3750, 6);
  });
});
