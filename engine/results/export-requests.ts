import type { EngineError, ResultTableName } from '../protocol';
import { RESULT_TABLES } from '../protocol';
import { buildReportData } from '../report/report-data';
import type { ReportData } from '../report/report-types';
import { validateScenario } from '../scenario/validate';
import { readString } from '../serve-args';
import { fullRun } from '../run-complete';
import type { ServeContext } from '../serve-context';
import { canonicalJson, sha256Hex } from '../util/hash';
import { err, ok, type Result } from '../util/result';
import { exportTable, isExportFormat, type ExportedTable } from './export';
import { resultTables } from './tables';
import { gatherRows, rowOrder } from '../view/table-query';
import { readFilters, readSort } from '../view/table-args';

/** `results.export`: a result table as CSV or Arrow IPC file bytes: whole, or the rows its filters keep, in its sort. */
export async function exportRequest(ctx: ServeContext, args: Record<string, unknown>): Promise<Result<ExportedTable, EngineError>> {
  const rec = await fullRun(ctx, args.runId);
  if (!rec.ok) return rec;
  const name = readString(args.table);
  if (!name || !(RESULT_TABLES as readonly string[]).includes(name)) return err({ kind: 'invalid-request', message: `unknown result table ${String(args.table)}` });
  if (!isExportFormat(args.format)) return err({ kind: 'invalid-request', message: `unknown export format ${String(args.format)} (csv or arrow)` });
  rec.value.tables ??= resultTables(rec.value.sim);
  const table = rec.value.tables[name as ResultTableName];
  const filters = readFilters(args.filters, table);
  if (filters === null) return err({ kind: 'invalid-request', message: 'results.export: filters must be [{column, op, value}]' });
  const order = rowOrder(table, readSort(args.sort, table), filters);
  return ok(exportTable(order === null ? table : gatherRows(table, order, 0, order.length).table, args.format));
}

/** `results.report`: the report of a kept run, from the scenario it was made from (checked by its hash). */
export async function reportRequest(ctx: ServeContext, args: Record<string, unknown>): Promise<Result<ReportData, EngineError>> {
  const rec = await fullRun(ctx, args.runId);
  if (!rec.ok) return rec;
  if (!ctx.workspace) return err({ kind: 'no-workspace', message: 'The workspace of this run is no longer open.' });
  const v = validateScenario(args.scenario, ctx.workspace.ids);
  if (!v.ok) return err({ kind: 'invalid-scenario', message: `The scenario has ${v.error.length} problem(s).`, problems: v.error });
  const { result, sim } = rec.value;
  const hash = await sha256Hex(new TextEncoder().encode(canonicalJson(v.value)));
  if (hash !== result.stamp.scenario_hash) {
    return err({ kind: 'invalid-request', message: `The scenario given is not the one run ${result.runId} was made from (its hash differs): run it again before making a report.` });
  }
  return ok(buildReportData(result.runId, sim, result.summary, result.stamp, v.value));
}
