import type { ResultTableName } from '../../engine/protocol';
import { engineErrorText } from '../error-text';
import type { AppContext } from '../workflows/context';
import { exportName } from './file-names';
import type { ColumnFilter, TableSort } from '../../engine/view/view-types';

export type SaveTableOutcome = { ok: true; saved: boolean; path: string | null; rows: number } | { ok: false; message: string };

const FILTERS = {
  csv: [{ name: 'CSV table', extensions: ['csv'] }],
  arrow: [{ name: 'Arrow IPC file', extensions: ['arrow'] }],
} as const;

/** Asks the worker for a whole result table as file bytes (transferred, never rows) and saves them through the host. */
export async function saveResultTable(
  ctx: Pick<AppContext, 'engine' | 'host'>,
  args: { runId: string; table: ResultTableName; scenario: string; format: 'csv' | 'arrow'; sort?: TableSort | null; filters?: ColumnFilter[] },
): Promise<SaveTableOutcome> {
  const made = await ctx.engine.request('results.export', { runId: args.runId, table: args.table, format: args.format, sort: args.sort ?? null, filters: args.filters ?? [] });
  if (!made.ok) return { ok: false, message: engineErrorText(made.error) };
  const saved = await ctx.host.saveFile({
    suggestedName: exportName(args.scenario, args.runId, args.table, args.format),
    bytes: made.value.bytes,
    filters: FILTERS[args.format].map((f) => ({ name: f.name, extensions: [...f.extensions] })),
  });
  if (!saved.ok) return { ok: false, message: saved.error.message };
  return { ok: true, saved: saved.value.saved, path: saved.value.path, rows: made.value.rows };
}
