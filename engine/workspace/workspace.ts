import type { Table } from 'apache-arrow';
import type { ImportProblem } from './problems';
import type { TableName } from './schema';

/**
 * A validated workspace (MODEL §1): one Arrow table per table present. Model columns carry
 * their MODEL names, defaults filled; strings are Dictionary<Utf8, Int32>, numbers Float64 (NaN
 * where an optional column without default is empty: `depth_usd`, `peg`). Unknown columns are
 * kept after the model columns under their original headers. Perps stay as imported; the
 * simulation converts them to positions (`perps.ts`).
 */
export interface Workspace {
  tables: Partial<Record<TableName, Table>>;
  /** Warnings found on import (unknown columns, suspicious values). */
  warnings: ImportProblem[];
}

/** Row counts per table, for summaries and the CLI's OK line. */
export function tableCounts(ws: Workspace): Partial<Record<TableName, number>> {
  const out: Partial<Record<TableName, number>> = {};
  for (const [name, t] of Object.entries(ws.tables) as [TableName, Table | undefined][]) {
    if (t) out[name] = t.numRows;
  }
  return out;
}
