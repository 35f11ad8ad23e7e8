import type { SimModel } from '../sim/model';
import { E_BACKING, E_EXPOSURE, E_FEED, E_OBLIGATION, E_POSITION, E_QUOTE, K_ASSET, K_ENTITY, K_ORACLE, K_VENUE, type NetworkGraph } from './network-types';

/** A network's structure before layout. */
export type NetworkStructure = Omit<NetworkGraph, 'xy' | 'layoutMs'>;

/**
 * Edges deduplicated by (kind, from, to), their USD summed. Keys stay exact below 2^53
 * (7 kinds × V² for V up to ~30M vertices).
 */
class EdgeSet {
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly kind: number[] = [];
  readonly usd: number[] = [];
  private readonly index = new Map<number, number>();
  constructor(private readonly V: number) {}

  add(kind: number, from: number, to: number, usd: number): void {
    if (from === to) return;
    const key = (kind * this.V + from) * this.V + to;
    const e = this.index.get(key);
    if (e !== undefined) {
      this.usd[e] = (this.usd[e] as number) + usd;
      return;
    }
    this.index.set(key, this.from.length);
    this.from.push(from);
    this.to.push(to);
    this.kind.push(kind);
    this.usd.push(usd);
  }
}

/**
 * The dependency network of a workspace (MODEL §1): entities, venues, assets and oracles, with
 * obligations (debtor → creditor), positions summed per owner–venue (owner → venue, USD of debt),
 * exposures (asset → node: holdings, position collateral and debt, claims in a token, a venue's
 * book), feeds (oracle → venue), quotes (asset → oracle) and backing (backer → asset). USD at the
 * workspace's prices. USD the numéraire never moves, so no exposure to it is drawn.
 */
export function networkStructure(m: SimModel, workspaceHash: string): NetworkStructure {
  const nN = m.nodeIds.length;
  const nA = m.assetIds.length;
  const nO = m.oracleIds.length;
  const V = nN + nA + nO;
  const price = m.assetPrice;
  const A = (a: number) => nN + a;
  const edges = new EdgeSet(V);
  const size = new Float64Array(V);
  const add = (v: number, usd: number) => (size[v] = (size[v] as number) + usd);

  for (let i = 0; i < nN; i++) add(i, m.nodeExternal[i] as number);
  for (let h = 0; h < m.holdingOwner.length; h++) {
    const o = m.holdingOwner[h] as number;
    const a = m.holdingAsset[h] as number;
    const usd = (m.holdingAmount[h] as number) * (price[a] as number);
    add(o, usd);
    add(A(a), usd);
    if (a !== 0) edges.add(E_EXPOSURE, A(a), o, usd);
  }
  // Per (owner, venue): the debt lent; per entity: the venue it borrows most from, for grouping.
  const bestVenue = new Int32Array(nN).fill(-1);
  const bestUsd = new Float64Array(nN);
  const atVenue = new Map<number, number>();
  for (let p = 0; p < m.positionOwner.length; p++) {
    const o = m.positionOwner[p] as number;
    const v = m.positionVenue[p] as number;
    const ca = m.positionCollateralAsset[p] as number;
    const da = m.positionDebtAsset[p] as number;
    const coll = (m.positionCollateral[p] as number) * (price[ca] as number);
    const debt = (m.positionDebt[p] as number) * (price[da] as number);
    add(o, coll);
    add(v, debt);
    add(A(ca), coll);
    edges.add(E_POSITION, o, v, debt);
    if (ca !== 0) {
      edges.add(E_EXPOSURE, A(ca), o, coll);
      edges.add(E_EXPOSURE, A(ca), v, coll);
    }
    if (da !== 0) {
      edges.add(E_EXPOSURE, A(da), o, debt);
      edges.add(E_EXPOSURE, A(da), v, debt);
    }
    const key = o * nN + v;
    const total = (atVenue.get(key) ?? 0) + coll + debt;
    atVenue.set(key, total);
    if (total > (bestUsd[o] as number) || (total === bestUsd[o] && v < (bestVenue[o] as number))) {
      bestUsd[o] = total;
      bestVenue[o] = v;
    }
  }
  const hasPosition = new Uint8Array(nN);
  for (let p = 0; p < m.positionOwner.length; p++) hasPosition[m.positionOwner[p] as number] = 1;
  const oblVenue = new Map<number, number>();
  for (let k = 0; k < m.obligationDebtor.length; k++) {
    const j = m.obligationDebtor[k] as number;
    const i = m.obligationCreditor[k] as number;
    const a = m.obligationAsset[k] as number;
    const usd = (m.obligationAmount[k] as number) * (price[a] as number);
    edges.add(E_OBLIGATION, j, i, usd);
    add(i, usd);
    if (a !== 0) {
      edges.add(E_EXPOSURE, A(a), i, usd);
      edges.add(E_EXPOSURE, A(a), j, usd);
    }
    // An entity with no position is grouped with the venue it has the largest claims with.
    for (const [e, other] of [[j, i], [i, j]] as const) {
      if (m.nodeIsVenue[e] || !m.nodeIsVenue[other] || hasPosition[e]) continue;
      const key = e * nN + other;
      const total = (oblVenue.get(key) ?? 0) + usd;
      oblVenue.set(key, total);
      if (total > (bestUsd[e] as number) || (total === bestUsd[e] && other < (bestVenue[e] as number))) {
        bestUsd[e] = total;
        bestVenue[e] = other;
      }
    }
  }
  const usdTouched = new Uint8Array(1);
  for (let o = 0; o < nO; o++) edges.add(E_QUOTE, A(m.oracleAsset[o] as number), nN + nA + o, 0);
  for (let v = 0; v < nN; v++) {
    if (!m.nodeIsVenue[v]) continue;
    for (let a = 0; a < nA; a++) {
      const o = m.feedOracle[v * nA + a] as number;
      if (o >= 0) edges.add(E_FEED, nN + nA + o, v, 0);
    }
  }
  for (let k = 0; k < m.backingAsset.length; k++) {
    const a = m.backingAsset[k] as number;
    if (a === 0) usdTouched[0] = 1;
    edges.add(E_BACKING, m.backingBacker[k] as number, A(a), (m.backingShare[k] as number) * (size[A(a)] as number));
  }

  const kind = new Uint8Array(V);
  const ids = new Array<string>(V);
  for (let i = 0; i < nN; i++) {
    kind[i] = m.nodeIsVenue[i] ? K_VENUE : K_ENTITY;
    ids[i] = m.nodeIds[i] as string;
  }
  for (let a = 0; a < nA; a++) {
    kind[A(a)] = K_ASSET;
    ids[A(a)] = m.assetIds[a] as string;
  }
  for (let o = 0; o < nO; o++) {
    kind[nN + nA + o] = K_ORACLE;
    ids[nN + nA + o] = m.oracleIds[o] as string;
  }
  const edgeFrom = Int32Array.from(edges.from);
  const edgeTo = Int32Array.from(edges.to);
  const edgeUsd = Float64Array.from(edges.usd);
  for (let e = 0; e < edgeFrom.length; e++) {
    if (edges.kind[e] === E_FEED) add(edgeFrom[e] as number, size[edgeTo[e] as number] as number);
  }
  const shown = new Uint8Array(V).fill(1);
  if (!usdTouched[0]) shown[nN] = 0;

  const { group, labels } = groups(m, ids, bestVenue, V);
  return { workspaceHash, nNodes: nN, nAssets: nA, nOracles: nO, ids, kind, shown, sizeUsd: size, group, groupLabels: labels, edgeFrom, edgeTo, edgeKind: Uint8Array.from(edges.kind), edgeUsd };
}

/** Every vertex but an entity is its own group; entities are grouped by their main venue. */
function groups(m: SimModel, ids: string[], bestVenue: Int32Array, V: number): { group: Int32Array; labels: string[] } {
  const nN = m.nodeIds.length;
  const group = new Int32Array(V);
  const labels: string[] = [];
  for (let v = 0; v < V; v++) {
    if (v < nN && !m.nodeIsVenue[v]) continue;
    group[v] = labels.length;
    labels.push(ids[v] as string);
  }
  const clients = new Map<number, number>();
  for (let i = 0; i < nN; i++) {
    if (m.nodeIsVenue[i]) continue;
    const v = bestVenue[i] as number;
    let g = clients.get(v);
    if (g === undefined) {
      g = labels.length;
      clients.set(v, g);
      labels.push(v < 0 ? 'entities · no venue' : `entities · ${ids[v] as string}`);
    }
    group[i] = g;
  }
  return { group, labels };
}
