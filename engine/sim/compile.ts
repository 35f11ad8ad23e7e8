import { localityOrder, negRatio } from './position-order';
import type { DataType, Table, Vector } from 'apache-arrow';
import { readFloats, readStrings } from '../util/arrow-columns';
import { perpToPosition } from '../workspace/perps';
import { NUMERAIRE } from '../workspace/schema';
import type { Workspace } from '../workspace/workspace';
import { IdList, idColumn, type IdColumn } from '../util/id-list';
import { compareIds, oracleSteps, sortedOrder, type SimModel } from './model';

/** Compiles a validated workspace into the simulation's typed arrays, canonically ordered. */
export function compileModel(ws: Workspace): SimModel {
  const assets = ws.tables.assets;
  const nodes = ws.tables.nodes;
  if (!assets || !nodes) throw new Error('compileModel: a validated workspace always has assets and nodes');

  // Assets: USD first, the rest by id.
  const aIds = strings(assets, 'id');
  const aPrice = floats(assets, 'price');
  const aDepth = floats(assets, 'depth_usd');
  const aOrder = sortedOrder(aIds.length, (i, j) => compareIds(aIds[i] as string, aIds[j] as string));
  const assetIds = [NUMERAIRE];
  const assetPriceList = [1];
  const assetReserveList = [NaN];
  for (const i of aOrder) {
    if (aIds[i] === NUMERAIRE) continue;
    const price = aPrice[i] as number;
    const depth = aDepth[i] as number;
    assetIds.push(aIds[i] as string);
    assetPriceList.push(price);
    assetReserveList.push(Number.isFinite(depth) ? depth / price : NaN);
  }
  const assetIndex = indexOf(assetIds);
  const nA = assetIds.length;

  const nIds = strings(nodes, 'id');
  const nKind = strings(nodes, 'kind');
  const nExt = floats(nodes, 'external_assets_usd');
  const nOrder = sortedOrder(nIds.length, (i, j) => compareIds(nIds[i] as string, nIds[j] as string));
  const nodeIds = pick(nIds, nOrder);
  const nodeIsVenue = Uint8Array.from(nOrder, (i) => (nKind[i] === 'venue' ? 1 : 0));
  const nodeExternal = Float64Array.from(nOrder, (i) => nExt[i] as number);
  const nodeIndex = indexOf(nodeIds);

  const oT = ws.tables.oracles;
  const oIds = oT ? strings(oT, 'id') : [];
  const oOrder = sortedOrder(oIds.length, (i, j) => compareIds(oIds[i] as string, oIds[j] as string));
  const oracleIds = pick(oIds, oOrder);
  const oAsset = oT ? strings(oT, 'asset') : [];
  const oDelay = oT ? floats(oT, 'delay_steps') : new Float64Array(0);
  const oDev = oT ? floats(oT, 'deviation') : new Float64Array(0);
  const oHb = oT ? floats(oT, 'heartbeat_steps') : new Float64Array(0);
  const oracleIndex = indexOf(oracleIds);

  const feedOracle = new Int32Array(nodeIds.length * nA).fill(-1);
  const fT = ws.tables.feeds;
  if (fT) {
    const fv = strings(fT, 'venue');
    const fa = strings(fT, 'asset');
    const fo = strings(fT, 'oracle');
    for (let i = 0; i < fv.length; i++) {
      feedOracle[idx(nodeIndex, fv[i]) * nA + idx(assetIndex, fa[i])] = idx(oracleIndex, fo[i]);
    }
  }

  const positions = compilePositions(ws, assetIndex, nodeIndex, nA, nodeIds.length);
  const holdings = compileHoldings(ws, assetIndex, nodeIndex);
  const obligations = compileObligations(ws, assetIndex, nodeIndex);
  const backing = compileBacking(ws, assetIndex, nodeIndex);

  return {
    assetIds,
    assetPrice: Float64Array.from(assetPriceList),
    assetReserve: Float64Array.from(assetReserveList),
    nodeIds,
    nodeIsVenue,
    nodeExternal,
    oracleIds,
    oracleAsset: Int32Array.from(oOrder, (i) => idx(assetIndex, oAsset[i])),
    oracleDelay: Int32Array.from(oOrder, (i) => oracleSteps(oDelay[i] as number)),
    oracleDeviation: Float64Array.from(oOrder, (i) => oDev[i] as number),
    oracleHeartbeat: Int32Array.from(oOrder, (i) => oracleSteps(oHb[i] as number)),
    feedOracle,
    ...positions,
    ...holdings,
    ...obligations,
    ...backing,
  };
}

type Index = Map<string, number>;

function compilePositions(ws: Workspace, assetIndex: Index, nodeIndex: Index, nA: number, nodes: number) {
  const pT = ws.tables.positions;
  const qT = ws.tables.perps;
  const nPos = pT ? pT.numRows : 0;
  const nPerp = qT ? qT.numRows : 0;
  const n = nPos + nPerp;
  const idColumns: IdColumn[] = [];
  const idColumnOf = new Uint8Array(n);
  const idRow = new Int32Array(n);
  // Perps converted to positions (MODEL §1); positions' columns are read where they are.
  const q: Record<'owner' | 'venue' | 'ca' | 'da', Int32Array> & Record<'c' | 'd' | 'lt' | 'bonus' | 'cf', Float64Array> = {
    owner: new Int32Array(nPerp),
    venue: new Int32Array(nPerp),
    ca: new Int32Array(nPerp),
    c: new Float64Array(nPerp),
    da: new Int32Array(nPerp),
    d: new Float64Array(nPerp),
    lt: new Float64Array(nPerp),
    bonus: new Float64Array(nPerp),
    cf: new Float64Array(nPerp),
  };
  if (pT) {
    idColumns.push(idColumn(column(pT, 'id')));
    for (let i = 0; i < nPos; i++) idRow[i] = i;
  }
  if (qT) {
    const perpColumn = idColumns.length;
    idColumns.push(idColumn(column(qT, 'id')));
    q.owner = refs(qT, 'owner', nodeIndex);
    q.venue = refs(qT, 'venue', nodeIndex);
    const pAsset = refs(qT, 'asset', assetIndex);
    const side = strings(qT, 'side');
    const size = floats(qT, 'size');
    const entry = floats(qT, 'entry_price');
    const margin = floats(qT, 'margin_usd');
    const mm = floats(qT, 'maintenance_margin');
    for (let i = 0; i < nPerp; i++) {
      const asset = pAsset[i] as number;
      const p = perpToPosition(side[i] === 'short' ? 'short' : 'long', size[i] as number, entry[i] as number, margin[i] as number, mm[i] as number);
      idColumnOf[nPos + i] = perpColumn;
      idRow[nPos + i] = i;
      q.ca[i] = p.collateralIsAsset ? asset : 0;
      q.c[i] = p.collateralAmount;
      q.da[i] = p.collateralIsAsset ? 0 : asset;
      q.d[i] = p.debtAmount;
      q.lt[i] = p.liquidationThreshold;
      q.bonus[i] = p.liquidationBonus;
      q.cf[i] = p.closeFactor;
    }
  }
  const ids = new IdList(idColumns, idColumnOf, idRow);
  const canonical = ids.canonicalOrder();
  const NO_REF = { codes: new Int32Array(0), map: new Int32Array(0) };
  const ref = (name: string, index: Index) => (pT ? refCodes(pT, name, index) : NO_REF);
  const f64 = (name: string) => (pT ? floats(pT, name) : new Float64Array(0));
  const src = { venue: ref('venue', nodeIndex), ca: ref('collateral_asset', assetIndex), da: ref('debt_asset', assetIndex), c: f64('collateral_amount'), d: f64('debt_amount'), lt: f64('liquidation_threshold') };
  const refAt = (r: { codes: Int32Array; map: Int32Array }, perp: Int32Array, row: number) => (row < nPos ? (r.map[r.codes[row] as number] as number) : (perp[row - nPos] as number));
  const f64At = (values: Float64Array, perp: Float64Array, row: number) => (row < nPos ? (values[row] as number) : (perp[row - nPos] as number));
  // Numbered in the order liquidations visit them (canonical order breaking ties): a step reads
  // its positions' columns forwards instead of jumping across megabytes (the 1M benchmark's run
  // took 30–50% less time).
  // The sort's inputs by canonical index, each row's written at its place (the rows read in order).
  const place = new Int32Array(n);
  for (let k = 0; k < n; k++) place[canonical[k] as number] = k;
  const venueOf = new Int32Array(n);
  const pairOf = new Int32Array(n);
  const negL = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    const k = place[row] as number;
    venueOf[k] = refAt(src.venue, q.venue, row);
    pairOf[k] = refAt(src.ca, q.ca, row) * nA + refAt(src.da, q.da, row);
    negL[k] = negRatio(f64At(src.c, q.c, row), f64At(src.d, q.d, row), f64At(src.lt, q.lt, row));
  }
  const byLocality = localityOrder(venueOf, pairOf, negL, nodes, nA);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = canonical[byLocality[k] as number] as number;
  // Each row's place: columns are written there (scattered), which costs far less than reading
  // them in that order (gathered) where the order is random.
  const rank = new Int32Array(n);
  for (let k = 0; k < n; k++) rank[order[k] as number] = k;
  const perp = new Uint8Array(n);
  for (let i = nPos; i < n; i++) perp[rank[i] as number] = 1;
  return {
    positionIds: ids.reorder(order),
    positionFromPerp: perp,
    positionOwner: scatterRefs(ref('owner', nodeIndex), q.owner, rank),
    positionVenue: scatterRefs(src.venue, q.venue, rank),
    positionCollateralAsset: scatterRefs(src.ca, q.ca, rank),
    positionCollateral: scatterF64(src.c, q.c, rank),
    positionDebtAsset: scatterRefs(src.da, q.da, rank),
    positionDebt: scatterF64(src.d, q.d, rank),
    positionThreshold: scatterF64(src.lt, q.lt, rank),
    positionBonus: scatterF64(f64('liquidation_bonus'), q.bonus, rank),
    positionCloseFactor: scatterF64(f64('close_factor'), q.cf, rank),
  };
}

/** Holdings summed per (owner, asset), ordered by owner then asset. */
function compileHoldings(ws: Workspace, assetIndex: Index, nodeIndex: Index) {
  const t = ws.tables.holdings;
  const sums = new Map<number, number>();
  const nA = assetIndex.size;
  if (t) {
    const o = strings(t, 'owner');
    const a = strings(t, 'asset');
    const amt = floats(t, 'amount');
    // Sum in canonical order so that the total does not depend on row order.
    const order = sortedOrder(o.length, (i, j) =>
      compareIds(o[i] as string, o[j] as string) || compareIds(a[i] as string, a[j] as string) || (amt[i] as number) - (amt[j] as number),
    );
    for (const i of order) {
      const key = idx(nodeIndex, o[i]) * nA + idx(assetIndex, a[i]);
      sums.set(key, (sums.get(key) ?? 0) + (amt[i] as number));
    }
  }
  const keys = [...sums.keys()].sort((x, y) => x - y);
  return {
    holdingOwner: Int32Array.from(keys, (k) => Math.floor(k / nA)),
    holdingAsset: Int32Array.from(keys, (k) => k % nA),
    holdingAmount: Float64Array.from(keys, (k) => sums.get(k) as number),
  };
}

function compileObligations(ws: Workspace, assetIndex: Index, nodeIndex: Index) {
  const t = ws.tables.obligations;
  if (!t) return { obligationDebtor: new Int32Array(0), obligationCreditor: new Int32Array(0), obligationAsset: new Int32Array(0), obligationAmount: new Float64Array(0) };
  const d = strings(t, 'debtor').map((s) => idx(nodeIndex, s));
  const c = strings(t, 'creditor').map((s) => idx(nodeIndex, s));
  const a = strings(t, 'asset').map((s) => idx(assetIndex, s));
  const amt = floats(t, 'amount');
  const order = sortedOrder(d.length, (i, j) => (d[i] as number) - (d[j] as number) || (c[i] as number) - (c[j] as number) || (a[i] as number) - (a[j] as number) || (amt[i] as number) - (amt[j] as number));
  return {
    obligationDebtor: Int32Array.from(order, (i) => d[i] as number),
    obligationCreditor: Int32Array.from(order, (i) => c[i] as number),
    obligationAsset: Int32Array.from(order, (i) => a[i] as number),
    obligationAmount: Float64Array.from(order, (i) => amt[i] as number),
  };
}

function compileBacking(ws: Workspace, assetIndex: Index, nodeIndex: Index) {
  const t = ws.tables.backing;
  if (!t) return { backingAsset: new Int32Array(0), backingBacker: new Int32Array(0), backingShare: new Float64Array(0) };
  const a = strings(t, 'asset').map((s) => idx(assetIndex, s));
  const b = strings(t, 'backer').map((s) => idx(nodeIndex, s));
  const share = floats(t, 'share');
  const order = sortedOrder(a.length, (i, j) => (a[i] as number) - (a[j] as number) || (b[i] as number) - (b[j] as number) || (share[i] as number) - (share[j] as number));
  return {
    backingAsset: Int32Array.from(order, (i) => a[i] as number),
    backingBacker: Int32Array.from(order, (i) => b[i] as number),
    backingShare: Float64Array.from(order, (i) => share[i] as number),
  };
}

function strings(t: Table, name: string): string[] {
  const v = t.getChild(name);
  if (!v) throw new Error(`compileModel: validated table lacks column ${name}`);
  const { codes, dict } = readStrings(v);
  const out = new Array<string>(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    out[i] = c < 0 ? '' : (dict[c] as string);
  }
  return out;
}

/** A reference column as model indices, resolving each distinct id once. */
function refs(t: Table, name: string, index: Index): Int32Array {
  const v = t.getChild(name);
  if (!v) throw new Error(`compileModel: validated table lacks column ${name}`);
  const { codes, dict } = readStrings(v);
  const map = Int32Array.from(dict, (id) => idx(index, id));
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = map[codes[i] as number] as number;
  return out;
}

/** A reference column's dictionary codes and each code's model index (resolved once per distinct id). */
function refCodes(t: Table, name: string, index: Index): { codes: Int32Array; map: Int32Array } {
  const v = t.getChild(name);
  if (!v) throw new Error(`compileModel: validated table lacks column ${name}`);
  const { codes, dict } = readStrings(v);
  return { codes, map: Int32Array.from(dict, (id) => idx(index, id)) };
}

function floats(t: Table, name: string): Float64Array {
  const v = t.getChild(name);
  if (!v) throw new Error(`compileModel: validated table lacks column ${name}`);
  return readFloats(v);
}

function indexOf(ids: readonly string[]): Index {
  const m = new Map<string, number>();
  ids.forEach((id, i) => m.set(id, i));
  return m;
}

function idx(m: Index, id: string | undefined): number {
  const i = id === undefined ? undefined : m.get(id);
  if (i === undefined) throw new Error(`compileModel: unresolved reference ${String(id)} in a validated workspace`);
  return i;
}

function pick<T>(arr: readonly T[], order: Int32Array): T[] {
  return Array.from(order, (i) => arr[i] as T);
}

/** Positions' references then perps' (rows ≥ nPos), each written at its rank. */
function scatterRefs(ref: { codes: Int32Array; map: Int32Array }, perp: Int32Array, rank: Int32Array): Int32Array {
  const { codes, map } = ref;
  const nPos = codes.length;
  const out = new Int32Array(rank.length);
  for (let i = 0; i < nPos; i++) out[rank[i] as number] = map[codes[i] as number] as number;
  for (let i = 0; i < perp.length; i++) out[rank[nPos + i] as number] = perp[i] as number;
  return out;
}

/** Positions' values then perps' (rows ≥ nPos), each written at its rank. */
function scatterF64(values: Float64Array, perp: Float64Array, rank: Int32Array): Float64Array {
  const nPos = values.length;
  const out = new Float64Array(rank.length);
  for (let i = 0; i < nPos; i++) out[rank[i] as number] = values[i] as number;
  for (let i = 0; i < perp.length; i++) out[rank[nPos + i] as number] = perp[i] as number;
  return out;
}

function column(t: Table, name: string): Vector<DataType> {
  const v = t.getChild(name);
  if (!v) throw new Error(`compileModel: validated table lacks column ${name}`);
  return v;
}
