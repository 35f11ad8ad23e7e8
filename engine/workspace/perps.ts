/**
 * MODEL §1: a perp becomes a position. Long: collateral `asset` × size, debt USD ×
 * (size·entry − margin) floored at 0, lt = 1 − mm. Short: collateral USD × (size·entry + margin),
 * debt `asset` × size, lt = 1/(1 + mm). Bonus 0, close factor 1. Both liquidate exactly when
 * equity < mm × notional.
 */
export interface PerpAsPosition {
  /** True when the collateral is the perp's asset (long); false when it is USD (short). */
  collateralIsAsset: boolean;
  collateralAmount: number;
  debtAmount: number;
  liquidationThreshold: number;
  liquidationBonus: 0;
  closeFactor: 1;
}

export function perpToPosition(
  side: 'long' | 'short',
  size: number,
  entryPrice: number,
  marginUsd: number,
  maintenanceMargin: number,
): PerpAsPosition {
  const notional = size * entryPrice;
  if (side === 'long') {
    return {
      collateralIsAsset: true,
      collateralAmount: size,
      debtAmount: Math.max(0, notional - marginUsd),
      liquidationThreshold: 1 - maintenanceMargin,
      liquidationBonus: 0,
      closeFactor: 1,
    };
  }
  return {
    collateralIsAsset: false,
    collateralAmount: notional + marginUsd,
    debtAmount: size,
    liquidationThreshold: 1 / (1 + maintenanceMargin),
    liquidationBonus: 0,
    closeFactor: 1,
  };
}
