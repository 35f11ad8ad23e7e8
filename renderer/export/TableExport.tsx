import type { ResultTableName } from '../../engine/protocol';
import { useApp } from '../app-context';
import { formatCount } from '../format';
import { ExportMenu } from './ExportMenu';
import { saveResultTable } from './save-table';

/** CSV and Arrow export of one result table of a kept run; the bytes are made in the worker. */
export function TableExport({ runId, table, scenario }: { runId: string; table: ResultTableName; scenario: string }) {
  const ctx = useApp();
  const item = (format: 'csv' | 'arrow', label: string) => ({
    id: format,
    label,
    run: async () => {
      const r = await saveResultTable(ctx, { runId, table, scenario, format });
      if (!r.ok) return r.message;
      return r.saved ? `Saved ${formatCount(r.rows)} rows${r.path === null ? '' : ` to ${r.path}`}` : null;
    },
  });
  return <ExportMenu label={`Export the ${table} table`} testId={`export-table-${table}`} items={[item('csv', 'CSV (.csv)'), item('arrow', 'Arrow IPC (.arrow)')]} />;
}
