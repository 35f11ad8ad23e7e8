/**
 * The contagion network as the UI draws it (engine/view/network-*.ts): the dependency network of
 * a workspace, its layout, each vertex's state per step of a run and the loss that flowed along
 * each edge (MODEL §5). Everything that scales with vertices or edges is a typed array column.
 */

/** Vertex kinds, by code (`kind[v]`). Events exist in runs only. */
export const NETWORK_NODE_KINDS = ['entity', 'venue', 'asset', 'oracle', 'event'] as const;
export type NetworkNodeKind = (typeof NETWORK_NODE_KINDS)[number];
export const K_ENTITY = 0;
export const K_VENUE = 1;
export const K_ASSET = 2;
export const K_ORACLE = 3;
export const K_EVENT = 4;

/**
 * Edge kinds, by code (`edgeKind[e]`), each directed the way loss flows along it:
 * `obligation` debtor → creditor; `position` owner → venue (all of an owner's positions at a venue);
 * `exposure` asset → node (holdings, position collateral or debt, claims in the asset; a venue's
 * book of positions in it); `feed` oracle → venue; `quote` asset → oracle; `backing` backer → asset;
 * `event` scenario event → what it acts on (runs only).
 */
export const NETWORK_EDGE_KINDS = ['obligation', 'position', 'exposure', 'feed', 'quote', 'backing', 'event'] as const;
export type NetworkEdgeKind = (typeof NETWORK_EDGE_KINDS)[number];
export const E_OBLIGATION = 0;
export const E_POSITION = 1;
export const E_EXPOSURE = 2;
export const E_FEED = 3;
export const E_QUOTE = 4;
export const E_BACKING = 5;
export const E_EVENT = 6;

/**
 * The dependency network of a workspace. Vertices: nodes [0, nNodes) in model order, assets
 * [nNodes, nNodes + nAssets) (USD first), oracles after them — the loss graph's vertex order for
 * nodes and assets. Computed once per workspace, with its layout.
 */
export interface NetworkGraph {
  workspaceHash: string;
  nNodes: number;
  nAssets: number;
  nOracles: number;
  ids: string[];
  kind: Uint8Array;
  /** 0 for vertices not drawn (USD when nothing but exposures touches it). */
  shown: Uint8Array;
  /** Size of each vertex at the workspace's prices, USD: a node's gross assets, an asset's collateral and holdings, an oracle's feeds' books. */
  sizeUsd: Float64Array;
  /** Group of each vertex for the aggregated view: entities by the venue they use most, others alone. */
  group: Int32Array;
  groupLabels: string[];
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeKind: Uint8Array;
  /** What the edge carries at the workspace's prices, USD (0 for feeds and quotes). */
  edgeUsd: Float64Array;
  /** Layout: x, y of each vertex (interleaved, layout units ~ 0…1000). */
  xy: Float32Array;
  layoutMs: number;
}

/** Vertex states per step, by code. */
export const NODE_STATES = ['healthy', 'stressed', 'defaulted', 'pending', 'active'] as const;
export type NodeState = (typeof NODE_STATES)[number];
export const S_HEALTHY = 0;
export const S_STRESSED = 1;
export const S_DEFAULTED = 2;
/** An event that has not started yet. */
export const S_PENDING = 3;
/** An event that started. */
export const S_ACTIVE = 4;

/**
 * A run over the network. Vertices are the graph's, then the scenario's events
 * [graph vertices, + events); edges are the graph's, then event edges.
 */
export interface NetworkRun {
  runId: string;
  steps: number;
  /** The share of start equity a node must lose to count as stressed (0–1). */
  stressShare: number;
  vertices: number;
  eventIds: string[];
  eventLabels: string[];
  /** First step each event acts at. */
  eventStep: Int32Array;
  /** Event edges (event vertex → vertex), appended after the graph's edges. */
  eventEdgeFrom: Int32Array;
  eventEdgeTo: Int32Array;
  /** state[t * vertices + v]: NODE_STATES code of vertex v after step t. */
  state: Uint8Array;
  /**
   * loss[t * vertices + v], USD, after step t: for nodes the equity lost since the start (≥ 0);
   * for assets the market losses their price moves caused so far; for events the losses they
   * started; 0 for oracles.
   */
  loss: Float32Array;
  /** Step of default of each node (−1: none); nodes in default order in `defaultOrder`. */
  defaultStep: Int32Array;
  defaultOrder: Int32Array;
  /**
   * Loss that flowed along edges: rows (edge, step, usd), each the positive impact of the loss
   * edges of that step mapped onto one network edge, channels summed.
   */
  flowEdge: Int32Array;
  flowStep: Int32Array;
  flowUsd: Float64Array;
  /** Loss (USD) of loss-graph edges with no network edge to carry it (should be 0). */
  unmappedUsd: number;
}

/** One hop of a contagion path: loss from `from` to `to` up to `step`, USD. */
export interface PathHop {
  from: string;
  to: string;
  /** The channel that carried most of it (counterparty, market, liquidation, bad_debt, exogenous, price, trigger). */
  channel: string;
  amountUsd: number;
  /** The latest step of the edges summed. */
  step: number;
}

/** The contagion path of a node (MODEL §5): event → … → node, with the amount at each hop. */
export interface ContagionPath {
  runId: string;
  node: string;
  /** The step the walk started from: the node's default step, or the asked step (≤ the last). */
  step: number;
  vertices: string[];
  /** How each vertex reads: its id, or for an event what it did (`ETH −30% at step 0`). */
  labels: string[];
  hops: PathHop[];
}

/** Where the loss went: a Sankey of events → assets → venues → entities. */
export interface LossSankey {
  runId: string;
  /** The flow up to and including this step. */
  step: number;
  /** `label`: the id, or for an event what it did (`ETH −30% at step 0`). */
  nodes: { id: string; kind: NetworkNodeKind | 'other'; label: string }[];
  links: { source: string; target: string; usd: number; channel: string }[];
  /** Loss that circles back (forced sales moving prices again after the first round) and is drawn as its own source, USD. */
  feedbackUsd: number;
  /** Loss borne by nodes over the flow, USD (what the right-hand column adds up to). */
  totalUsd: number;
}

