import type { ColumnMapping } from '../../engine/workspace/mapping';
import type { SourcePreview, WorkspacePreview } from '../../engine/workspace/preview';
import type { TableName } from '../../engine/workspace/schema';
import type { MappingOverrides } from '../store/import-slice';

/** The table an import will read a source as: the user's choice, else the engine's. */
export function tableOf(source: SourcePreview, chosen: Record<string, TableName | null>): TableName | null {
  return source.source in chosen ? (chosen[source.source] ?? null) : source.table;
}

/** The model column → file column mapping of one source: the engine's suggestion with the user's changes. */
export function sourceMapping(source: SourcePreview, overrides: MappingOverrides): Record<string, string> {
  const table = source.suggestion?.table;
  if (!table) return {};
  const out: Record<string, string> = { ...source.suggestion?.mapping };
  for (const [model, file] of Object.entries(overrides[table] ?? {})) {
    if (file === null) delete out[model];
    else out[model] = file;
  }
  return out;
}

/** What the import is given: `mapping` per table and the table of every source (null = left out). */
export function importOptions(preview: WorkspacePreview, chosen: Record<string, TableName | null>, overrides: MappingOverrides): { mapping: ColumnMapping; tables: Record<string, TableName | null> } {
  const mapping: Partial<Record<TableName, Record<string, string>>> = {};
  const tables: Record<string, TableName | null> = {};
  for (const s of preview.sources) {
    const table = tableOf(s, chosen);
    tables[s.source] = table;
    if (table !== null && s.suggestion?.table === table) mapping[table] = sourceMapping(s, overrides);
  }
  return { mapping, tables };
}

/** Tables given by more than one source (the import would refuse them). */
export function duplicateTables(preview: WorkspacePreview, chosen: Record<string, TableName | null>): TableName[] {
  const seen = new Set<TableName>();
  const twice = new Set<TableName>();
  for (const s of preview.sources) {
    const t = tableOf(s, chosen);
    if (t === null) continue;
    if (seen.has(t)) twice.add(t);
    seen.add(t);
  }
  return [...twice];
}
