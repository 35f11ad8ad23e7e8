import type { OpenWorkspace } from './open-workspace';
import { RESULT_TABLES, type ViewRequests } from './protocol';
import { isObject, readInt, readString } from './serve-args';
import { fullRun, fullRunQueued, keptRun } from './run-complete';
import { enqueue, type Handlers, type ServeContext } from './serve-context';
import { resultTables } from './results/tables';
import { err, ok, type Result } from './util/result';
import { TABLE_NAMES, type TableName } from './workspace/schema';
import type { EngineError } from './protocol';
import type { Table } from 'apache-arrow';
import { columnData, columnNames } from './view/columns';
import { compareRequest, RunSeriesCache, runStepsRequest } from './view/compare-request';
import { liquidationLevels } from './view/liquidation-levels';
import { nodeSeries } from './view/node-series';
import { layoutNetwork } from './view/layout-network';
import { networkStructure } from './view/network-graph';
import { contagionPath } from './view/network-path';
import { networkRun } from './view/network-run';
import type { NetworkGraph } from './view/network-types';
import { lossSankey } from './view/sankey';
import { workspaceOverview } from './view/overview';
import { runCharts } from './view/run-charts';
import { gatherRows, OrderCache, pageBytes } from './view/table-query';
import { readFilters, readSort } from './view/table-args';
import { unitOf } from './view/units';
import type { ColumnInfo, WorkspaceOverview } from './view/view-types';

const MAX_PAGE = 10_000;

/** view.*: read-only aggregates and pages for the UI; safe to answer while a run is going. */
export function viewHandlers(ctx: ServeContext): Handlers<keyof ViewRequests> {
  const overviews = new WeakMap<OpenWorkspace, WorkspaceOverview>();
  const orders = new OrderCache();
  const networks = new WeakMap<OpenWorkspace, NetworkGraph>();
  const networkOf = (ow: OpenWorkspace): NetworkGraph => {
    let n = networks.get(ow);
    if (!n) {
      const structure = networkStructure(ow.cw.model, ow.info.hash);
      const t0 = ctx.host.now();
      const xy = layoutNetwork(structure);
      n = { ...structure, xy, layoutMs: ctx.host.now() - t0 };
      networks.set(ow, n);
    }
    return n;
  };
  const series = new RunSeriesCache();
  const noWorkspace = err({ kind: 'no-workspace', message: 'No workspace is loaded.' } as const);

  return {
    'view.overview': async () => {
      const ow = ctx.workspace;
      if (!ow) return noWorkspace;
      let o = overviews.get(ow);
      if (!o) {
        o = workspaceOverview(ow.ws, ow.cw.model, ow.info.hash);
        overviews.set(ow, o);
      }
      return ok(o);
    },

    'view.query': async (args) => {
      const source = isObject(args.source) ? args.source : {};
      const found = await findTable(ctx, source);
      if (!found.ok) return found;
      const { table, kind, name } = found.value;
      const sort = readSort(args.sort, table);
      const filters = readFilters(args.filters, table);
      if (filters === null) return err({ kind: 'invalid-request', message: 'view.query: filters must be [{column, op, value}]' });
      const offset = Math.max(0, readInt(args.offset) ?? 0);
      const limit = Math.min(MAX_PAGE, Math.max(0, readInt(args.limit) ?? 200));
      const order = orders.order(table, sort, filters);
      const { table: page, rows } = gatherRows(table, order, offset, limit);
      const columns: ColumnInfo[] = columnNames(table).map((c) => ({ name: c, kind: columnData(table, c)?.kind ?? 'string', unit: unitOf(kind, name, c) }));
      return ok({ ipc: pageBytes(page), offset, totalRows: table.numRows, matched: order ? order.length : table.numRows, columns, rows });
    },

    'view.liquidationLevels': async (args) => {
      const ow = ctx.workspace;
      if (!ow) return noWorkspace;
      const asset = readString(args.asset);
      if (!asset) return err({ kind: 'invalid-request', message: 'view.liquidationLevels needs an asset' });
      const binWidth = typeof args.binWidth === 'number' && args.binWidth >= 0.001 && args.binWidth <= 0.5 ? args.binWidth : undefined;
      const maxDrop = typeof args.maxDrop === 'number' && args.maxDrop > 0 && args.maxDrop < 1 ? args.maxDrop : undefined;
      const levels = liquidationLevels(ow.cw.model, asset, { binWidth, maxDrop });
      return levels ? ok(levels) : err({ kind: 'not-found', message: `The workspace has no asset ${asset}.` });
    },

    // Queued behind the long jobs: asked for together with sim.run, it answers as soon as the run is done.
    'view.runCharts': (args) =>
      enqueue(ctx, async () => {
        const rec = keptRun(ctx, args.runId);
        if (!rec.ok) return rec;
        return ok(runCharts(rec.value.result.runId, rec.value.sim, rec.value.result.summary));
      }),

    'view.compare': async (args) => compareRequest(ctx.runs, series, args),

    'view.runSteps': async (args) => runStepsRequest(ctx.runs, series, args),

    'view.nodeSeries': async (args) => {
      const rec = await fullRun(ctx, args.runId);
      if (!rec.ok) return rec;
      const node = readString(args.node);
      const series = node === null ? null : nodeSeries(rec.value.result.runId, rec.value.sim, node);
      return series ? ok(series) : err({ kind: 'not-found', message: `The run has no node ${String(args.node)}.` });
    },

    // Layout takes seconds for the largest networks: queued like a long job.
    'view.network': () =>
      enqueue(ctx, async () => {
        const ow = ctx.workspace;
        if (!ow) return noWorkspace;
        // Sent as a copy (never transferred), so the cached graph stays whole.
        return ok(networkOf(ow));
      }),

    'view.networkRun': (args) =>
      enqueue(ctx, async () => {
        const rec = await fullRunQueued(ctx, args.runId);
        if (!rec.ok) return rec;
        const ow = ctx.workspace;
        if (!ow || ow.cw !== rec.value.sim.cw) return err({ kind: 'not-found', message: 'The run belongs to another workspace than the one open.' });
        const share = typeof args.stressShare === 'number' && args.stressShare > 0 && args.stressShare < 1 ? args.stressShare : 0.2;
        return ok(networkRun(rec.value.result.runId, networkOf(ow), rec.value.sim, share));
      }),

    'view.networkPath': async (args) => {
      const rec = await fullRun(ctx, args.runId);
      if (!rec.ok) return rec;
      const node = readString(args.node);
      const step = readInt(args.step) ?? null;
      const path = node === null ? null : contagionPath(rec.value.result.runId, rec.value.sim, node, step);
      return path ? ok(path) : err({ kind: 'not-found', message: `The run has no node or asset ${String(args.node)}.` });
    },

    'view.lossSankey': async (args) => {
      const rec = await fullRun(ctx, args.runId);
      if (!rec.ok) return rec;
      return ok(lossSankey(rec.value.result.runId, rec.value.sim, readInt(args.step) ?? null));
    },
  };
}

async function findTable(ctx: ServeContext, source: Record<string, unknown>): Promise<Result<{ table: Table; kind: 'workspace' | 'results'; name: string }, EngineError>> {
  const name = readString(source.table) ?? '';
  if (source.kind === 'workspace') {
    if (!(TABLE_NAMES as readonly string[]).includes(name)) return err({ kind: 'invalid-request', message: `unknown table ${name}` });
    if (!ctx.workspace) return err({ kind: 'no-workspace', message: 'No workspace is loaded.' });
    const t = ctx.workspace.ws.tables[name as TableName];
    return t ? ok({ table: t, kind: 'workspace', name }) : err({ kind: 'not-found', message: `The workspace has no ${name} table.` });
  }
  if (source.kind === 'results') {
    if (!(RESULT_TABLES as readonly string[]).includes(name)) return err({ kind: 'invalid-request', message: `unknown result table ${name}` });
    const rec = await fullRun(ctx, source.runId);
    if (!rec.ok) return rec;
    rec.value.tables ??= resultTables(rec.value.sim);
    return ok({ table: rec.value.tables[name as keyof typeof rec.value.tables], kind: 'results', name });
  }
  return err({ kind: 'invalid-request', message: 'view.query needs source {kind: workspace|results, table, runId?}' });
}

