import { describe, expect, it } from 'vitest';
import { compileModel } from '../sim/compile';
import { workspaceFromRows, type Rows } from '../../test/helpers/workspace';
import { liquidationLevels } from './liquidation-levels';
import { workspaceOverview } from './overview';
import { startClearing } from './start-clearing';

// Hand-sized book: ETH 2000 (pool 20M USD), USDC 1. Collateral values: p1 200k, p2 20k, p3 100k, p4 1k (USDC), p5 10k.
const ROWS: Rows = {
  assets: [
    { id: 'ETH', price: 2000, depth_usd: 20_000_000, name: 'Ether' },
    { id: 'USDC', price: 1 },
  ],
  nodes: [
    { id: 'fund', kind: 'entity', name: 'Fund X' },
    { id: 'aave', kind: 'venue', external_assets_usd: 100_000 },
    { id: 'cex', kind: 'venue' },
    { id: 'bank', kind: 'entity' },
    { id: 'broke', kind: 'entity' },
  ],
  positions: [
    // HF 1.6 → liquidatable after a fall of more than 37.5%.
    { id: 'p1', owner: 'fund', venue: 'aave', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USDC', debt_amount: 100_000, liquidation_threshold: 0.8 },
    // HF 18000/19000 < 1: liquidatable already.
    { id: 'p2', owner: 'fund', venue: 'cex', collateral_asset: 'ETH', collateral_amount: 10, debt_asset: 'USDC', debt_amount: 19_000, liquidation_threshold: 0.9 },
    // HF 8 → after a fall of more than 87.5%.
    { id: 'p3', owner: 'bank', venue: 'aave', collateral_asset: 'ETH', collateral_amount: 50, debt_asset: 'USDC', debt_amount: 10_000, liquidation_threshold: 0.8 },
    // USDC 1000 against 1 ETH (2000 USD): underwater and liquidatable.
    { id: 'p4', owner: 'bank', venue: 'aave', collateral_asset: 'USDC', collateral_amount: 1000, debt_asset: 'ETH', debt_amount: 1, liquidation_threshold: 0.9 },
    // ETH against ETH: a fall of ETH does not change its health.
    { id: 'p5', owner: 'fund', venue: 'aave', collateral_asset: 'ETH', collateral_amount: 5, debt_asset: 'ETH', debt_amount: 1, liquidation_threshold: 0.8 },
  ],
  obligations: [{ debtor: 'broke', creditor: 'bank', amount: 50_000, asset: 'USDC' }],
};

const ws = workspaceFromRows(ROWS);
const m = compileModel(ws);

describe('workspaceOverview', () => {
  const o = workspaceOverview(ws, m, 'hash');

  it('sums collateral and debt by venue, with leverage and shares', () => {
    expect(o.totals).toMatchObject({ nodes: 5, venues: 2, entities: 3, positions: 5, perps: 0, collateralUsd: 331_000, debtUsd: 133_000, obligationsUsd: 50_000, externalUsd: 100_000 });
    expect(o.byVenue.map((r) => r.id)).toEqual(['aave', 'cex']);
    const [aave, cex] = o.byVenue;
    expect(aave).toMatchObject({ positions: 4, collateralUsd: 311_000, debtUsd: 114_000 });
    expect(aave?.leverage).toBeCloseTo(311_000 / 197_000, 12);
    expect(aave?.debtShare).toBeCloseTo(114_000 / 133_000, 12);
    expect(cex).toMatchObject({ positions: 1, collateralUsd: 20_000, debtUsd: 19_000, leverage: 20 });
  });

  it('sums by collateral asset, with what is borrowed in it and the pool depth', () => {
    expect(o.byAsset.map((r) => r.id)).toEqual(['ETH', 'USDC']);
    expect(o.byAsset[0]).toMatchObject({ name: 'Ether', collateralUsd: 330_000, debtUsd: 131_000, borrowedUsd: 4000, depthUsd: 20_000_000, price: 2000 });
    expect(o.byAsset[0]?.collateralToDepth).toBeCloseTo(330_000 / 20_000_000, 12);
    expect(o.byAsset[1]).toMatchObject({ collateralUsd: 1000, debtUsd: 2000, borrowedUsd: 129_000, depthUsd: null, collateralToDepth: null, leverage: null });
  });

  it('ranks borrowers and creditors', () => {
    expect(o.topBorrowers.map((r) => [r.id, r.amountUsd])).toEqual([
      ['fund', 121_000],
      ['broke', 50_000],
      ['bank', 12_000],
    ]);
    expect(o.topBorrowers[0]?.share).toBeCloseTo(121_000 / 183_000, 12);
    expect(o.topBorrowers[0]?.name).toBe('Fund X');
    expect(o.topCreditors.map((r) => [r.id, r.amountUsd])).toEqual([
      ['aave', 114_000],
      ['bank', 50_000],
      ['cex', 19_000],
    ]);
    expect(o.hhiVenues).toBeCloseTo((114 / 133) ** 2 + (19 / 133) ** 2, 12);
  });

  it('warns of what is wrong before any shock', () => {
    expect(o.warnings.map((w) => [w.kind, w.id, w.amountUsd])).toEqual([
      ['insolvent-at-start', 'broke', 50_000],
      ['underwater-at-start', 'aave', 1000],
      ['liquidatable-at-start', 'aave', 1000],
      ['liquidatable-at-start', 'cex', 20_000],
    ]);
    expect(o.warnings[0]?.message).toBe('broke is insolvent before any shock: it can pay 0 USD of the 50,000 USD it owes.');
    expect(o.warningsTotal).toBe(4);
  });

  it('values each node at the starting clearing', () => {
    expect(o.equityStart).toEqual({ fund: 109_000, bank: 90_000, broke: 0, aave: 213_000, cex: 19_000 });
    expect(Array.from(startClearing(m).short)).toEqual(m.nodeIds.map((id) => (id === 'broke' ? 1 : 0)));
  });
});

describe('liquidationLevels', () => {
  it('bins each position by the fall that first makes it liquidatable, stacked by venue', () => {
    const l = liquidationLevels(m, 'ETH');
    expect(l).not.toBeNull();
    if (!l) return;
    expect(l.drops.length).toBe(91);
    expect(l.drops[38]).toBeCloseTo(0.38, 12);
    expect(l.venues).toEqual(['aave', 'cex']);
    const nonZero = (xs: number[]) => xs.flatMap((x, k) => (x === 0 ? [] : [[k, x]]));
    expect(nonZero(l.usd[0] as number[])).toEqual([
      [38, 200_000],
      [88, 100_000],
    ]);
    expect(nonZero(l.units[0] as number[])).toEqual([
      [38, 100],
      [88, 50],
    ]);
    expect(nonZero(l.usd[1] as number[])).toEqual([[0, 20_000]]);
    expect(l.unaffectedUsd).toBe(10_000);
    expect(l.beyondUsd).toBe(0);
  });

  it('puts what a fall up to the last bin never reaches beyond it, and knows no unknown asset', () => {
    const l = liquidationLevels(m, 'ETH', { binWidth: 0.05, maxDrop: 0.5 });
    expect(l?.drops.length).toBe(11);
    expect(l?.beyondUsd).toBe(100_000);
    expect(l?.usd[0]?.[8]).toBe(200_000);
    expect(liquidationLevels(m, 'DOGE')).toBeNull();
  });

  it('sums venues past the largest into one series', () => {
    const l = liquidationLevels(m, 'ETH', { maxVenues: 1 });
    expect(l?.venues).toEqual(['other venues (2)']);
    expect(l?.usd[0]?.[0]).toBe(20_000);
    expect(l?.positions[0]?.[38]).toBe(1);
  });
});
