import { describe, expect, it } from 'vitest';
import { runRows } from '../../test/helpers/run';
import { networkEvents } from './network-events';

describe('networkEvents: how every view names an event', () => {
  it('shows a shock of nearly −100% as it is (−99.98%), and round ones as they are', () => {
    const r = runRows(
      {
        assets: [{ id: 'LUNA', price: 80 }, { id: 'ETH', price: 2000 }],
        nodes: [{ id: 'fund', kind: 'entity', external_assets_usd: 1e9 }],
      },
      {
        name: 'x',
        steps: 3,
        events: [
          { type: 'price_shock', asset: 'LUNA', change: -0.999812, at: 0 },
          { type: 'price_shock', asset: 'ETH', change: -0.3, at: 1 },
          { type: 'price_shock', asset: 'ETH', change: 0.125, at: 2 },
          { type: 'external_loss', node: 'fund', amount_usd: 1.3e9, at: 2 },
        ],
      },
    );
    expect(networkEvents(r.sim).labels).toEqual(['LUNA −99.98% at step 0', 'ETH −30% at step 1', 'ETH +12.5% at step 2', 'fund loses 1.3bn USD at step 2']);
  });
});
