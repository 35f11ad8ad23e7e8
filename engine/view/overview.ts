import type { Table } from 'apache-arrow';
import type { SimModel } from '../sim/model';
import { unhealthy } from '../sim/liquidations';
import type { Workspace } from '../workspace/workspace';
import { columnData } from './columns';
import { startClearing } from './start-clearing';
import type { AssetExposureRow, ConcentrationRow, ExposureRow, OverviewWarning, WorkspaceOverview } from './view-types';

const TOP = 10;
const MAX_WARNINGS = 200;
/** Collateral above this multiple of its pool depth cannot be sold without moving the price far. */
const THIN_POOL = 1;

/** Display names by id from a table's `id` and `name` columns (the id itself when there is no name). */
export function namesOf(t: Table | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!t) return out;
  const ids = columnData(t, 'id');
  const names = columnData(t, 'name');
  if (!ids || ids.kind !== 'string') return out;
  for (let i = 0; i < ids.codes.length; i++) {
    const id = ids.dict[ids.codes[i] as number] as string;
    const name = names && names.kind === 'string' ? names.dict[names.codes[i] as number] : undefined;
    out.set(id, name === undefined || name === '' ? id : name);
  }
  return out;
}

function leverage(coll: number, debt: number): number | null {
  return coll > debt ? coll / (coll - debt) : null;
}

const share = (x: number, total: number): number => (total > 0 ? x / total : 0);

function hhi(amounts: Float64Array): number {
  let total = 0;
  for (const a of amounts) total += a;
  if (total <= 0) return 0;
  let h = 0;
  for (const a of amounts) h += (a / total) ** 2;
  return h;
}

/**
 * The workspace at a glance (at its own prices, before any event): exposure by venue and by
 * asset, concentration of borrowers and creditors, and what is already wrong before a shock.
 */
export function workspaceOverview(ws: Workspace, m: SimModel, workspaceHash: string): WorkspaceOverview {
  const nN = m.nodeIds.length;
  const nA = m.assetIds.length;
  const P = m.assetPrice;
  const nodeNames = namesOf(ws.tables.nodes);
  const assetNames = namesOf(ws.tables.assets);
  const kind = (i: number): 'entity' | 'venue' => (m.nodeIsVenue[i] ? 'venue' : 'entity');

  const vColl = new Float64Array(nN);
  const vDebt = new Float64Array(nN);
  const vCount = new Int32Array(nN);
  const aColl = new Float64Array(nA);
  const aCollUnits = new Float64Array(nA);
  const aDebt = new Float64Array(nA);
  const aBorrowed = new Float64Array(nA);
  const aHeld = new Float64Array(nA);
  const aCount = new Int32Array(nA);
  const borrowed = new Float64Array(nN);
  const lent = new Float64Array(nN);
  const liquidatable = new Int32Array(nN);
  const liquidatableUsd = new Float64Array(nN);
  const underwater = new Int32Array(nN);
  const underwaterUsd = new Float64Array(nN);
  let collTotal = 0;
  let debtTotal = 0;
  let perps = 0;

  for (let p = 0; p < m.positionIds.length; p++) {
    const ca = m.positionCollateralAsset[p] as number;
    const da = m.positionDebtAsset[p] as number;
    const c = (m.positionCollateral[p] as number) * (P[ca] as number);
    const d = (m.positionDebt[p] as number) * (P[da] as number);
    const v = m.positionVenue[p] as number;
    const o = m.positionOwner[p] as number;
    perps += m.positionFromPerp[p] as number;
    vColl[v] = (vColl[v] as number) + c;
    vDebt[v] = (vDebt[v] as number) + d;
    vCount[v] = (vCount[v] as number) + 1;
    aColl[ca] = (aColl[ca] as number) + c;
    aCollUnits[ca] = (aCollUnits[ca] as number) + (m.positionCollateral[p] as number);
    aDebt[ca] = (aDebt[ca] as number) + d;
    aCount[ca] = (aCount[ca] as number) + 1;
    aBorrowed[da] = (aBorrowed[da] as number) + d;
    borrowed[o] = (borrowed[o] as number) + d;
    lent[v] = (lent[v] as number) + d;
    collTotal += c;
    debtTotal += d;
    if (d > 0 && unhealthy((c * (m.positionThreshold[p] as number)) / d)) {
      liquidatable[v] = (liquidatable[v] as number) + 1;
      liquidatableUsd[v] = (liquidatableUsd[v] as number) + c;
    }
    if (d > 0 && c < d) {
      underwater[v] = (underwater[v] as number) + 1;
      underwaterUsd[v] = (underwaterUsd[v] as number) + d - c;
    }
  }

  let heldTotal = 0;
  for (let k = 0; k < m.holdingOwner.length; k++) {
    const a = m.holdingAsset[k] as number;
    const usd = (m.holdingAmount[k] as number) * (P[a] as number);
    aHeld[a] = (aHeld[a] as number) + usd;
    heldTotal += usd;
  }

  let obligationsTotal = 0;
  for (let k = 0; k < m.obligationAmount.length; k++) {
    const usd = (m.obligationAmount[k] as number) * (P[m.obligationAsset[k] as number] as number);
    const d = m.obligationDebtor[k] as number;
    const c = m.obligationCreditor[k] as number;
    borrowed[d] = (borrowed[d] as number) + usd;
    lent[c] = (lent[c] as number) + usd;
    obligationsTotal += usd;
  }

  let externalTotal = 0;
  for (const x of m.nodeExternal) externalTotal += x;

  const byVenue: ExposureRow[] = [];
  for (let i = 0; i < nN; i++) {
    if (!m.nodeIsVenue[i]) continue;
    const id = m.nodeIds[i] as string;
    const coll = vColl[i] as number;
    const debt = vDebt[i] as number;
    byVenue.push({
      id,
      name: nodeNames.get(id) ?? id,
      positions: vCount[i] as number,
      collateralUsd: coll,
      debtUsd: debt,
      leverage: leverage(coll, debt),
      collateralShare: share(coll, collTotal),
      debtShare: share(debt, debtTotal),
    });
  }
  byVenue.sort((a, b) => b.debtUsd - a.debtUsd || b.collateralUsd - a.collateralUsd || (a.id < b.id ? -1 : 1));

  const byAsset: AssetExposureRow[] = [];
  const reserve = m.assetReserve;
  for (let a = 0; a < nA; a++) {
    const id = m.assetIds[a] as string;
    const coll = aColl[a] as number;
    const debt = aDebt[a] as number;
    if (coll === 0 && (aBorrowed[a] as number) === 0 && (aHeld[a] as number) === 0 && a === 0) continue;
    const depth = Number.isFinite(reserve[a] as number) ? (reserve[a] as number) * (P[a] as number) : null;
    byAsset.push({
      id,
      name: assetNames.get(id) ?? id,
      positions: aCount[a] as number,
      collateralUsd: coll,
      debtUsd: debt,
      leverage: leverage(coll, debt),
      collateralShare: share(coll, collTotal),
      debtShare: share(debt, debtTotal),
      price: P[a] as number,
      depthUsd: depth,
      collateralToDepth: depth === null ? null : coll / depth,
      borrowedUsd: aBorrowed[a] as number,
      heldUsd: aHeld[a] as number,
    });
  }
  byAsset.sort((a, b) => b.collateralUsd - a.collateralUsd || b.borrowedUsd - a.borrowedUsd || (a.id < b.id ? -1 : 1));

  const ranked = (amounts: Float64Array): ConcentrationRow[] => {
    let total = 0;
    for (const x of amounts) total += x;
    const idx: number[] = [];
    for (let i = 0; i < nN; i++) if ((amounts[i] as number) > 0) idx.push(i);
    idx.sort((i, j) => (amounts[j] as number) - (amounts[i] as number) || i - j);
    return idx.slice(0, TOP).map((i) => {
      const id = m.nodeIds[i] as string;
      return { id, name: nodeNames.get(id) ?? id, kind: kind(i), amountUsd: amounts[i] as number, share: share(amounts[i] as number, total) };
    });
  };

  const start = startClearing(m);
  const warnings: OverviewWarning[] = [];
  for (let i = 0; i < nN; i++) {
    if (!start.short[i]) continue;
    const id = m.nodeIds[i] as string;
    warnings.push({
      kind: 'insolvent-at-start',
      id,
      message: `${id} is insolvent before any shock: it can pay ${usd(start.paid[i] as number)} of the ${usd(start.owed[i] as number)} it owes.`,
      amountUsd: (start.owed[i] as number) - (start.paid[i] as number),
    });
  }
  for (let i = 0; i < nN; i++) {
    const id = m.nodeIds[i] as string;
    if ((underwater[i] as number) > 0) {
      warnings.push({
        kind: 'underwater-at-start',
        id,
        message: `${count(underwater[i] as number, 'position')} at ${id} owe more than their collateral is worth before any shock (${usd(underwaterUsd[i] as number)} short).`,
        amountUsd: underwaterUsd[i] as number,
      });
    }
    if ((liquidatable[i] as number) > 0) {
      warnings.push({
        kind: 'liquidatable-at-start',
        id,
        message: `${count(liquidatable[i] as number, 'position')} at ${id} ${(liquidatable[i] as number) === 1 ? 'is' : 'are'} liquidatable before any shock (collateral ${usd(liquidatableUsd[i] as number)}).`,
        amountUsd: liquidatableUsd[i] as number,
      });
    }
  }
  for (const row of byAsset) {
    if (row.collateralToDepth !== null && row.collateralToDepth > THIN_POOL) {
      warnings.push({
        kind: 'thin-pool',
        id: row.id,
        message: `Collateral posted in ${row.id} is ${row.collateralToDepth.toFixed(1)}× its pool depth: forced sales would move its price far.`,
        amountUsd: row.collateralUsd,
      });
    }
  }

  const equityStart: Record<string, number> = {};
  for (let i = 0; i < nN; i++) equityStart[m.nodeIds[i] as string] = start.equity[i] as number;

  let venues = 0;
  for (const v of m.nodeIsVenue) venues += v;
  const venueDebt = Float64Array.from(byVenue, (r) => r.debtUsd);
  const ownerDebt = new Float64Array(nN);
  for (let p = 0; p < m.positionIds.length; p++) {
    const o = m.positionOwner[p] as number;
    ownerDebt[o] = (ownerDebt[o] as number) + (m.positionDebt[p] as number) * (P[m.positionDebtAsset[p] as number] as number);
  }

  return {
    workspaceHash,
    ids: {
      assets: m.assetIds.slice(1),
      venues: m.nodeIds.filter((_, i) => m.nodeIsVenue[i] === 1),
      entities: m.nodeIds.filter((_, i) => m.nodeIsVenue[i] !== 1),
      oracles: m.oracleIds.map((id, o) => ({ id, asset: m.assetIds[m.oracleAsset[o] as number] as string })),
      backing: Array.from(m.backingAsset, (a, k) => ({ asset: m.assetIds[a] as string, backer: m.nodeIds[m.backingBacker[k] as number] as string, share: m.backingShare[k] as number })),
    },
    totals: {
      nodes: nN,
      venues,
      entities: nN - venues,
      positions: m.positionIds.length - perps,
      perps,
      collateralUsd: collTotal,
      debtUsd: debtTotal,
      heldUsd: heldTotal,
      obligationsUsd: obligationsTotal,
      externalUsd: externalTotal,
    },
    byVenue,
    byAsset,
    topBorrowers: ranked(borrowed),
    topCreditors: ranked(lent),
    hhiVenues: hhi(venueDebt),
    hhiBorrowers: hhi(ownerDebt),
    equityStart,
    warnings: warnings.slice(0, MAX_WARNINGS),
    warningsTotal: warnings.length,
  };
}

function usd(x: number): string {
  return `${x.toLocaleString('en-US', { maximumFractionDigits: 0 })} USD`;
}

function count(n: number, what: string): string {
  return `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;
}
