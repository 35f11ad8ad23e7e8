import type { DataType, Table, Vector } from 'apache-arrow';
import { readFloats, readStrings } from '../util/arrow-columns';
import { perpToPosition } from '../workspace/perps';
import { NUMERAIRE } from '../workspace/schema';
import type { Workspace } from '../workspace/workspace';
import { IdList, idColumn, type IdColumn } from '../util/id-list';
import { compareIds, sortedOrder, type SimModel } from './model';

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

  const positions = compilePositions(ws, assetIndex, nodeIndex);
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
    oracleDelay: Int32Array.from(oOrder, (i) => oDelay[i] as number),
    oracleDeviation: Float64Array.from(oOrder, (i) => oDev[i] as number),
    oracleHeartbeat: Int32Array.from(oOrder, (i) => oHb[i] as number),
    feedOracle,
    ...positions,
    ...holdings,
    ...obligations,
    ...backing,
  };
}

type Index = Map<string, number>;

function compilePositions(ws: Workspace, assetIndex: Index, nodeIndex: Index) {
  const pT = ws.tables.positions;
  const qT = ws.tables.perps;
  const nPos = pT ? pT.numRows : 0;
  const n = nPos + (qT ? qT.numRows : 0);
  const idColumns: IdColumn[] = [];
  const idColumnOf = new Uint8Array(n);
  const idRow = new Int32Array(n);
  const fromPerp = new Uint8Array(n);
  const owner = new Int32Array(n);
  const venue = new Int32Array(n);
  const ca = new Int32Array(n);
  const c = new Float64Array(n);
  const da = new Int32Array(n);
  const d = new Float64Array(n);
  const lt = new Float64Array(n);
  const bonus = new Float64Array(n);
  const cf = new Float64Array(n);
  if (pT) {
    idColumns.push(idColumn(column(pT, 'id')));
    for (let i = 0; i < nPos; i++) idRow[i] = i;
    owner.set(refs(pT, 'owner', nodeIndex));
    venue.set(refs(pT, 'venue', nodeIndex));
    ca.set(refs(pT, 'collateral_asset', assetIndex));
    c.set(floats(pT, 'collateral_amount'));
    da.set(refs(pT, 'debt_asset', assetIndex));
    d.set(floats(pT, 'debt_amount'));
    lt.set(floats(pT, 'liquidation_threshold'));
    bonus.set(floats(pT, 'liquidation_bonus'));
    cf.set(floats(pT, 'close_factor'));
  }
  if (qT) {
    const perpColumn = idColumns.length;
    idColumns.push(idColumn(column(qT, 'id')));
    const pOwner = refs(qT, 'owner', nodeIndex);
    const pVenue = refs(qT, 'venue', nodeIndex);
    const pAsset = refs(qT, 'asset', assetIndex);
    const side = strings(qT, 'side');
    const size = floats(qT, 'size');
    const entry = floats(qT, 'entry_price');
    const margin = floats(qT, 'margin_usd');
    const mm = floats(qT, 'maintenance_margin');
    for (let i = 0; i < qT.numRows; i++) {
      const k = nPos + i;
      const asset = pAsset[i] as number;
      const p = perpToPosition(side[i] === 'short' ? 'short' : 'long', size[i] as number, entry[i] as number, margin[i] as number, mm[i] as number);
      idColumnOf[k] = perpColumn;
      idRow[k] = i;
      fromPerp[k] = 1;
      owner[k] = pOwner[i] as number;
      venue[k] = pVenue[i] as number;
      ca[k] = p.collateralIsAsset ? asset : 0;
      c[k] = p.collateralAmount;
      da[k] = p.collateralIsAsset ? 0 : asset;
      d[k] = p.debtAmount;
      lt[k] = p.liquidationThreshold;
      bonus[k] = p.liquidationBonus;
      cf[k] = p.closeFactor;
    }
  }
  const ids = new IdList(idColumns, idColumnOf, idRow);
  const order = ids.canonicalOrder();
  const i32 = (src: Int32Array) => gatherI32(src, order);
  const f64 = (src: Float64Array) => gatherF64(src, order);
  const perp = new Uint8Array(n);
  for (let k = 0; k < n; k++) perp[k] = fromPerp[order[k] as number] as number;
  return {
    positionIds: ids.reorder(order),
    positionFromPerp: perp,
    positionOwner: i32(owner),
    positionVenue: i32(venue),
    positionCollateralAsset: i32(ca),
    positionCollateral: f64(c),
    positionDebtAsset: i32(da),
    positionDebt: f64(d),
    positionThreshold: f64(lt),
    positionBonus: f64(bonus),
    positionCloseFactor: f64(cf),
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

function gatherI32(src: Int32Array, order: Int32Array): Int32Array {
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = src[order[k] as number] as number;
  return out;
}

function gatherF64(src: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = src[order[k] as number] as number;
  return out;
}

function column(t: Table, name: string): Vector<DataType> {
  const v = t.getChild(name);
  if (!v) throw new Error(`compileModel: validated table lacks column ${name}`);
  return v;
}
