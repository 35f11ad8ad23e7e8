import type { NodeSummary, RunSummary } from './summary-types';

/**
 * A run summary as it crosses a thread boundary: its per-node records (one per node — 20,000
 * on the 1M benchmark) as columns. Sent and received as records a summary took 70–123 ms
 * here, as columns with packing and unpacking 37–65 (MessageChannel in one process); the
 * receiver rebuilds the same records.
 */
export interface WireSummary extends Omit<RunSummary, 'nodes'> {
  nodes: NodeColumns;
}

export interface NodeColumns {
  /** The nodes' ids, in the record's order. */
  ids: string[];
  equityStart: Float64Array;
  equityEnd: Float64Array;
  obligations: Float64Array;
  payments: Float64Array;
  recovery: Float64Array;
  defaulted: Uint8Array;
  /** −1 where default_step is null. */
  defaultStep: Int32Array;
  /** Node k's path: pathNames[pathItems[j]] for j in [pathStart[k], pathStart[k + 1]). */
  pathNames: string[];
  pathStart: Int32Array;
  pathItems: Int32Array;
}

/** The columns a summary was made from (summaryWithColumns), while its records have not been made. */
const columnsOf = new WeakMap<RunSummary, NodeColumns>();

/**
 * A summary whose per-node records are made from `cols` when first read: a run's answer
 * sends the columns as they are (packSummary), and a kept run holds ~20 typed arrays rather
 * than 20,000 records with their paths (at 1M positions ~4 MB of objects a kept run, which every
 * full collection of the worker's heap walks). Read, written or copied, it is the summary
 * packSummary would have been given, field for field and in the same order.
 */
export function summaryWithColumns(rest: Omit<RunSummary, 'nodes'>, cols: NodeColumns): RunSummary {
  const s = inOrder(rest, {});
  let nodes: Record<string, NodeSummary> | null = null;
  // Once made, the records may be changed: from then on they are what is sent.
  Object.defineProperty(s, 'nodes', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (nodes === null) {
        nodes = nodesOf(cols);
        columnsOf.delete(s);
      }
      return nodes;
    },
    set: (v: Record<string, NodeSummary>) => {
      nodes = v;
      columnsOf.delete(s);
    },
  });
  columnsOf.set(s, cols);
  return s;
}

/** Every field of a summary but its records, read without making them. */
function withoutNodes(s: RunSummary): Omit<RunSummary, 'nodes'> {
  return {
    scenario: s.scenario,
    steps_run: s.steps_run,
    converged: s.converged,
    total_liquidated_usd: s.total_liquidated_usd,
    total_bad_debt_usd: s.total_bad_debt_usd,
    total_loss_usd: s.total_loss_usd,
    direct_loss_usd: s.direct_loss_usd,
    amplification: s.amplification,
    final_prices: s.final_prices,
    venues: s.venues,
    warnings: s.warnings,
  };
}

export function packSummary(s: RunSummary): WireSummary {
  const made = columnsOf.get(s);
  if (made) return { ...withoutNodes(s), nodes: made };
  const ids = Object.keys(s.nodes);
  const records = Object.values(s.nodes);
  const n = ids.length;
  const cols: NodeColumns = {
    ids,
    equityStart: new Float64Array(n),
    equityEnd: new Float64Array(n),
    obligations: new Float64Array(n),
    payments: new Float64Array(n),
    recovery: new Float64Array(n),
    defaulted: new Uint8Array(n),
    defaultStep: new Int32Array(n),
    pathNames: [],
    pathStart: new Int32Array(n + 1),
    pathItems: new Int32Array(0),
  };
  const nameIndex = new Map<string, number>();
  let total = 0;
  for (let k = 0; k < n; k++) total += (records[k] as NodeSummary).path.length;
  const items = new Int32Array(total);
  let at = 0;
  for (let k = 0; k < n; k++) {
    const node = records[k] as NodeSummary;
    cols.equityStart[k] = node.equity_start_usd;
    cols.equityEnd[k] = node.equity_end_usd;
    cols.obligations[k] = node.obligations_usd;
    cols.payments[k] = node.payments_usd;
    cols.recovery[k] = node.recovery_rate;
    cols.defaulted[k] = node.defaulted ? 1 : 0;
    cols.defaultStep[k] = node.default_step ?? -1;
    for (const name of node.path) {
      let index = nameIndex.get(name);
      if (index === undefined) {
        index = cols.pathNames.length;
        nameIndex.set(name, index);
        cols.pathNames.push(name);
      }
      items[at++] = index;
    }
    cols.pathStart[k + 1] = at;
  }
  cols.pathItems = items;
  const { nodes: _records, ...rest } = s;
  return { ...rest, nodes: cols };
}

/** The summary packSummary was given, field for field and in the same order; null when the columns do not fit together. */
export function unpackSummary(w: WireSummary): RunSummary | null {
  const c = w.nodes;
  if (!isNodeColumns(c)) return null;
  const { nodes: _columns, ...rest } = w;
  return inOrder(rest, nodesOf(c));
}

/** A summary of `rest` and `nodes`, its fields in MODEL §6's order (the order JSON text and the CLI show). */
function inOrder(rest: Omit<RunSummary, 'nodes'>, nodes: Record<string, NodeSummary>): RunSummary {
  return {
    scenario: rest.scenario,
    steps_run: rest.steps_run,
    converged: rest.converged,
    total_liquidated_usd: rest.total_liquidated_usd,
    total_bad_debt_usd: rest.total_bad_debt_usd,
    total_loss_usd: rest.total_loss_usd,
    direct_loss_usd: rest.direct_loss_usd,
    amplification: rest.amplification,
    final_prices: rest.final_prices,
    nodes,
    venues: rest.venues,
    warnings: rest.warnings,
  };
}

/** The per-node records of a summary's columns, in their order. */
function nodesOf(c: NodeColumns): Record<string, NodeSummary> {
  const nodes: Record<string, NodeSummary> = {};
  const { pathNames, pathStart, pathItems } = c;
  for (let k = 0; k < c.ids.length; k++) {
    const path: string[] = [];
    for (let j = pathStart[k] as number; j < (pathStart[k + 1] as number); j++) path.push(pathNames[pathItems[j] as number] as string);
    const step = c.defaultStep[k] as number;
    nodes[c.ids[k] as string] = {
      equity_start_usd: c.equityStart[k] as number,
      equity_end_usd: c.equityEnd[k] as number,
      obligations_usd: c.obligations[k] as number,
      payments_usd: c.payments[k] as number,
      recovery_rate: c.recovery[k] as number,
      defaulted: c.defaulted[k] === 1,
      default_step: step >= 0 ? step : null,
      path,
    };
  }
  return nodes;
}

function isNodeColumns(c: unknown): c is NodeColumns {
  if (typeof c !== 'object' || c === null) return false;
  const x = c as Record<string, unknown>;
  if (!Array.isArray(x.ids) || !x.ids.every((id) => typeof id === 'string')) return false;
  const n = x.ids.length;
  const f64 = ['equityStart', 'equityEnd', 'obligations', 'payments', 'recovery'];
  if (!f64.every((k) => x[k] instanceof Float64Array && x[k].length === n)) return false;
  if (!(x.defaulted instanceof Uint8Array && x.defaulted.length === n && x.defaultStep instanceof Int32Array && x.defaultStep.length === n)) return false;
  if (!Array.isArray(x.pathNames) || !x.pathNames.every((s) => typeof s === 'string')) return false;
  if (!(x.pathStart instanceof Int32Array && x.pathStart.length === n + 1 && x.pathItems instanceof Int32Array)) return false;
  const names = x.pathNames.length;
  const items = x.pathItems;
  if (x.pathStart[0] !== 0) return false;
  let last = 0;
  for (const at of x.pathStart) {
    if (at < last || at > items.length) return false;
    last = at;
  }
  for (const i of items) if (!(i >= 0 && i < names)) return false;
  return true;
}
