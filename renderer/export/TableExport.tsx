import type { ResultTableName } from '../../engine/protocol';
import type { ColumnFilter, TableSort } from '../../engine/view/view-types';
import { useApp } from '../app-context';
import { formatCount } from '../format';
import { ExportMenu } from './ExportMenu';
import { saveResultTable } from './save-table';

/** The sort and filters of a table on screen: an export writes the rows they show, in that order. */
export interface TableQuery {
  sort: TableSort | null;
  filters: ColumnFilter[];
}

/** CSV and Arrow export of one result table of a kept run (the rows its filters keep); the bytes are made in the worker. */
export function TableExport({ runId, table, scenario, query }: { runId: string; table: ResultTableName; scenario: string; query?: TableQuery }) {
  const ctx = useApp();
  const filtered = (query?.filters.length ?? 0) > 0;
  const item = (format: 'csv' | 'arrow', label: string) => ({
    id: format,
    label: filtered ? `${label}, the rows the filters keep` : label,
    run: async () => {
      const r = await saveResultTable(ctx, { runId, table, scenario, format, sort: query?.sort ?? null, filters: query?.filters ?? [] });
      if (!r.ok) return r.message;
      return r.saved ? `Saved ${formatCount(r.rows)} rows${r.path === null ? '' : ` to ${r.path}`}` : null;
    },
  });
  return <ExportMenu label={`Export the ${table} table`} testId={`export-table-${table}`} items={[item('csv', 'CSV (.csv)'), item('arrow', 'Arrow IPC (.arrow)')]} />;
}
